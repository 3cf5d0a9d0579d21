"""Fetching web pages and feeds safely.

    URL -> scheme check (http, https)
        -> resolve the host here, refuse loopback, private, link-local,
           multicast, reserved and unspecified addresses (unless allow_private)
        -> connect to the checked address itself (Host header and TLS name
           stay the host's), so a second DNS answer cannot swap in another
        -> stream the body under a size cap, check the content type
        -> a redirect is a new hop: the same checks, up to max_redirects

Conditional requests: pass the ETag and Last-Modified of the last fetch and
a 304 comes back as `Fetched.not_modified`. Environment proxies are ignored
on purpose: a proxy would connect to an address we never checked.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Self

import httpx

from skyledger import __version__
from skyledger.errors import BlockedAddress, FetchError

__all__ = [
    "BlockedAddress",
    "FetchError",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "check_address",
    "fetch",
]

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
     "application/rdf+xml", "application/feed+json"}
)
EXPORT_TYPES = frozenset({"application/json"})
DEFAULT_TYPES = PAGE_TYPES | FEED_TYPES | EXPORT_TYPES
# A whole body may take this many timeouts to arrive.
_BODY_TIMEOUTS = 3
_REDIRECTS = frozenset({301, 302, 303, 307, 308})




@dataclass(frozen=True)
class FetchOptions:
    """How one fetch behaves.

    The defaults suit news pages: 20 s covers slow regional sites seen on
    3G-grade links; 10 MB matches the document size cap; 5 redirects is what
    browsers' http->https->www->canonical chains need with room to spare.
    """

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allow_private: bool = False
    content_types: frozenset[str] = DEFAULT_TYPES
    user_agent: str = f"skyledger/{__version__} (+https://github.com/skyledger/skyledger)"


@dataclass
class Fetched:
    """One fetched URL. `url` is the final one, after redirects."""

    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc}); check the URL") from None
    out: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        if address not in out:
            out.append(address)
    return out


def _is_blocked(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        # ::ffff:10.0.0.1 and 64:ff9b::/96-style embeddings reach IPv4 hosts.
        if ip.ipv4_mapped is not None:
            return _is_blocked(ip.ipv4_mapped)
        if ip.sixtofour is not None and _is_blocked(ip.sixtofour):
            return True
    return (
        ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified or not ip.is_global
    )


def check_address(address: str, host: str, allow_private: bool) -> IPAddress:
    """The parsed address; BlockedAddress when it is not a public one."""
    ip = ipaddress.ip_address(address)
    if not allow_private and _is_blocked(ip):
        shown = host if host == address else f"{host} ({address})"
        raise BlockedAddress(
            f"refusing to fetch {shown}: a loopback, private or reserved address; "
            "pass --allow-private to fetch from your own network"
        )
    return ip


def _check_url(url: httpx.URL) -> None:
    if url.scheme not in ("http", "https"):
        raise FetchError(f"cannot fetch {url}: only http and https URLs are supported")
    if not url.host:
        raise FetchError(f"cannot fetch {url}: the URL has no host")


def _host_header(url: httpx.URL) -> str:
    host = f"[{url.host}]" if ":" in url.host else url.host
    return host if url.port is None else f"{host}:{url.port}"


def _media_type(response: httpx.Response) -> tuple[str, str | None]:
    value = response.headers.get("content-type", "")
    media = value.split(";", 1)[0].strip().lower()
    return media, response.charset_encoding


class Fetcher:
    """An HTTP client that applies FetchOptions to every hop.

    `resolver` and `transport` exist for tests: a fake resolver stands in
    for DNS, and httpx.MockTransport for anything beyond this machine.
    """

    def __init__(
        self,
        options: FetchOptions = FetchOptions(),
        *,
        resolver: Resolver = system_resolver,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.options = options
        self._resolver = resolver
        self._client = httpx.Client(
            timeout=options.timeout,
            follow_redirects=False,
            trust_env=False,
            transport=transport,
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET url, following redirects hop by hop; FetchError on any failure."""
        try:
            current = httpx.URL(url.strip())
        except (httpx.InvalidURL, TypeError) as exc:
            raise FetchError(f"not a valid URL: {url!r} ({exc})") from None
        for _ in range(self.options.max_redirects + 1):
            _check_url(current)
            got = self._hop(current, etag, last_modified)
            if isinstance(got, Fetched):
                return got
            current = got
        raise FetchError(
            f"too many redirects fetching {url} (more than {self.options.max_redirects})"
        )

    def addresses(self, host: str, port: int) -> list[IPAddress]:
        """The checked addresses of host, in resolver order; refused before any connection."""
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        found = [str(literal)] if literal is not None else self._resolver(host, port)
        if not found:
            raise FetchError(f"cannot resolve host {host!r}: no address; check the URL")
        # Every address must pass: a name that also resolves inward is refused.
        return [check_address(a, host, self.options.allow_private) for a in found]

    def _hop(
        self, url: httpx.URL, etag: str | None, last_modified: str | None
    ) -> Fetched | httpx.URL:
        port = url.port or (443 if url.scheme == "https" else 80)
        addresses = self.addresses(url.host, port)
        last: Exception | None = None
        for ip in addresses:
            try:
                return self._request(url, ip, etag, last_modified)
            except httpx.ConnectError as exc:
                last = exc  # try the next checked address
            except httpx.TimeoutException:
                raise FetchError(
                    f"timed out fetching {url} (after {self.options.timeout:g} s)"
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {url} ({type(exc).__name__}: {exc})") from None
        raise FetchError(f"cannot connect to {url.host} ({last}); check the URL") from None

    def _headers(self, url: httpx.URL, etag: str | None, modified: str | None) -> dict[str, str]:
        headers = {"Host": _host_header(url)}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return headers

    def _request(
        self, url: httpx.URL, ip: IPAddress, etag: str | None, modified: str | None
    ) -> Fetched | httpx.URL:
        target = url.copy_with(host=str(ip))
        request = self._client.build_request(
            "GET", target, headers=self._headers(url, etag, modified),
            extensions={"sni_hostname": url.host} if url.scheme == "https" else {},
        )
        response = self._client.send(request, stream=True)
        try:
            return self._response(url, response)
        finally:
            response.close()

    def _response(self, url: httpx.URL, response: httpx.Response) -> Fetched | httpx.URL:
        if response.status_code in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"{url} redirects ({response.status_code}) without a Location")
            return url.join(location)
        meta = Fetched(
            url=str(url),
            status=response.status_code,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
        if response.status_code == 304:
            return meta
        if response.status_code != 200:
            raise FetchError(
                f"{url} answered HTTP {response.status_code} {response.reason_phrase}"
            )
        meta.content_type, meta.charset = _media_type(response)
        self._check_type(url, meta.content_type)
        meta.content = self._read_capped(url, response)
        return meta

    def _check_type(self, url: httpx.URL, media: str) -> None:
        # A missing type is common on small sites; the content is sniffed later.
        if media and media not in self.options.content_types:
            allowed = ", ".join(sorted(self.options.content_types))
            raise FetchError(f"{url} is {media}, not a page or feed skyledger reads ({allowed})")

    def _read_capped(self, url: httpx.URL, response: httpx.Response) -> bytes:
        cap = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"{url} is {int(declared):,} bytes, over the {cap:,}-byte cap")
        chunks: list[bytes] = []
        total = 0
        # The timeout bounds each read; this bounds a server that drips bytes.
        deadline = time.monotonic() + _BODY_TIMEOUTS * self.options.timeout
        # Counted on decoded bytes, so a compressed bomb stops at the cap too.
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > cap:
                raise FetchError(f"{url} holds more than the {cap:,}-byte cap; stopped reading")
            if time.monotonic() > deadline:
                raise FetchError(f"{url} is too slow to read; stopped after {total:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


def fetch(
    url: str,
    options: FetchOptions = FetchOptions(),
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """Fetch one URL with a short-lived Fetcher (see Fetcher.fetch)."""
    with Fetcher(options) as client:
        return client.fetch(url, etag=etag, last_modified=last_modified)
