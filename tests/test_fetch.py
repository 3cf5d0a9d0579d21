"""skyledger.fetch: real HTTP on loopback, and the address checks (SSRF).

Nothing here sends traffic beyond this machine: "public" hosts resolve
through a fake resolver and their requests go to httpx.MockTransport.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from loopback import Reply, Seen, Server, serve

from skyledger.fetch import BlockedAddress, Fetcher, FetchError, FetchOptions, check_address

PUBLIC_IP = "203.0.113.7"  # TEST-NET-3 is reserved; the fake resolver only names it
PUBLIC = "93.184.216.34"


@pytest.fixture()
def server() -> Iterator[Server]:
    with serve() as s:
        yield s


def local(**kw: object) -> Fetcher:
    return Fetcher(FetchOptions(allow_private=True, **kw))


def test_fetches_a_page_with_its_validators(server: Server) -> None:
    server.routes["/a"] = Reply(
        body=b"<p>hello</p>",
        headers={"Content-Type": "text/html; charset=windows-1251", "ETag": '"v1"',
                 "Last-Modified": "Thu, 21 Mar 2024 05:00:00 GMT"},
    )
    with local() as f:
        got = f.fetch(server.url("/a"))
    assert got.status == 200 and got.content == b"<p>hello</p>"
    assert (got.content_type, got.charset) == ("text/html", "windows-1251")
    assert (got.etag, got.last_modified) == ('"v1"', "Thu, 21 Mar 2024 05:00:00 GMT")


def test_conditional_request_gives_not_modified(server: Server) -> None:
    def route(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(body=b"x", headers={"Content-Type": "text/plain", "ETag": '"v1"'})

    server.routes["/c"] = route
    with local() as f:
        first = f.fetch(server.url("/c"))
        again = f.fetch(server.url("/c"), etag=first.etag, last_modified="Thu, 21 Mar 2024")
    assert not first.not_modified and again.not_modified and again.content == b""
    assert server.requests[-1].headers["if-modified-since"] == "Thu, 21 Mar 2024"


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "streamed"])
def test_size_cap_is_enforced(server: Server, chunked: bool) -> None:
    server.routes["/big"] = Reply(body=b"a" * 300_000, headers={"Content-Type": "text/plain"},
                                  chunked=chunked)
    with local(max_bytes=100_000) as f, pytest.raises(FetchError, match="100,000-byte cap"):
        f.fetch(server.url("/big"))


def test_other_content_types_are_refused(server: Server) -> None:
    server.routes["/img"] = Reply(body=b"\x89PNG", headers={"Content-Type": "image/png"})
    with local() as f, pytest.raises(FetchError, match="image/png"):
        f.fetch(server.url("/img"))


def test_bad_status_is_an_error(server: Server) -> None:
    with local() as f, pytest.raises(FetchError, match="HTTP 404"):
        f.fetch(server.url("/missing"))


def test_redirects_are_followed_up_to_the_limit(server: Server) -> None:
    server.routes["/r1"] = Reply(302, headers={"Location": "/r2"})
    server.routes["/r2"] = Reply(301, headers={"Location": server.url("/end")})
    server.routes["/end"] = Reply(body=b"done", headers={"Content-Type": "text/plain"})
    server.routes["/loop"] = Reply(302, headers={"Location": "/loop"})
    with local(max_redirects=3) as f:
        assert f.fetch(server.url("/r1")).url == server.url("/end")
        with pytest.raises(FetchError, match="too many redirects"):
            f.fetch(server.url("/loop"))
    assert sum(r.path == "/loop" for r in server.requests) == 4


def test_connects_to_the_checked_address_with_the_host_header(server: Server) -> None:
    server.routes["/h"] = Reply(body=b"ok", headers={"Content-Type": "text/plain"})
    with Fetcher(FetchOptions(allow_private=True),
                 resolver=lambda host, port: ["127.0.0.1"]) as f:
        f.fetch(f"http://news.test:{server.port}/h")
    assert server.requests[-1].headers["host"] == f"news.test:{server.port}"


# --- refused without allow_private, before any connection --------------------------


def _no_traffic() -> tuple[httpx.MockTransport, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, text="should not be reached")

    return httpx.MockTransport(handler), sent


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/", "http://192.168.0.1/", "http://172.16.0.1/", "http://0.0.0.0/",
        "http://224.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://[fe80::1]/",
        "http://100.64.0.1/", "http://240.0.0.1/",
    ],
)
def test_private_addresses_are_refused(url: str) -> None:
    transport, sent = _no_traffic()
    with Fetcher(transport=transport) as f, pytest.raises(BlockedAddress, match="--allow-private"):
        f.fetch(url)
    assert sent == []


def test_real_loopback_server_is_never_contacted(server: Server) -> None:
    server.routes["/"] = Reply(body=b"secret")
    with Fetcher() as f, pytest.raises(BlockedAddress):
        f.fetch(server.url("/"))
    assert server.requests == []


def test_hostname_resolving_to_loopback_is_refused(server: Server) -> None:
    with Fetcher(resolver=lambda host, port: ["127.0.0.1"]) as f, \
            pytest.raises(BlockedAddress, match="intranet.test"):
        f.fetch(f"http://intranet.test:{server.port}/")
    assert server.requests == []


def test_any_private_answer_refuses_the_host() -> None:
    # A rebinding name answers one public and one private address.
    transport, sent = _no_traffic()
    resolver = lambda host, port: [PUBLIC, "10.0.0.5"]
    with Fetcher(resolver=resolver, transport=transport) as f, pytest.raises(BlockedAddress):
        f.fetch("http://rebind.test/")
    assert sent == []


def test_redirect_from_public_to_private_is_refused(server: Server) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(302, headers={"Location": server.url("/admin")})

    resolver = lambda host, port: [PUBLIC]
    with Fetcher(resolver=resolver, transport=httpx.MockTransport(handler)) as f, \
            pytest.raises(BlockedAddress, match="127.0.0.1"):
        f.fetch("http://news.test/story")
    assert len(sent) == 1 and server.requests == []
    # The request went to the checked address, named by its Host header.
    assert sent[0].url.host == PUBLIC and sent[0].headers["host"] == "news.test"


def test_https_keeps_the_host_name_for_tls() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=b"<p>x</p>")

    with Fetcher(resolver=lambda h, p: [PUBLIC],
                 transport=httpx.MockTransport(handler)) as f:
        got = f.fetch("https://news.test/a")
    assert got.url == "https://news.test/a"
    assert seen[0].extensions["sni_hostname"] == "news.test"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_other_schemes_are_refused(url: str) -> None:
    with Fetcher() as f, pytest.raises(FetchError, match="only http and https"):
        f.fetch(url)


def test_check_address_allows_public_and_private_when_asked() -> None:
    assert str(check_address(PUBLIC, "x", False)) == PUBLIC
    assert str(check_address("10.0.0.1", "x", True)) == "10.0.0.1"
    with pytest.raises(BlockedAddress):
        check_address(PUBLIC_IP, "x", False)  # documentation range: not global
