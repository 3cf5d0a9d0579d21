"""Security of the web layer: session cookie flags, CSRF on every state
change, editor-only pages, escaping of untrusted text, the CSP, the rate
limit on anonymous suggestions, and the request size limit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_sample import EDITOR, EDITOR_PASSWORD, build_ledger, csrf_token, login, make_client

from skyledger.web import WebConfig, create_app
from skyledger.web.security import COOKIE

SUGGESTION = {"attack_id": 1, "field": "launched", "proposed": "30"}


@pytest.fixture()
def client(tmp_path: Path) -> Any:
    return make_client(tmp_path / "ledger.db")


def _cookie_header(response: Any) -> str:
    headers = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
    assert len(headers) == 1, headers
    return str(headers[0])


# --- sessions ---------------------------------------------------------------------


def test_session_cookie_is_httponly_lax_and_not_secure_on_plain_http(client: Any) -> None:
    header = _cookie_header(client.get("/api/session"))
    assert header.startswith(f"{COOKIE}=")
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert "Secure" not in header  # loopback http: the documented exception


def test_session_cookie_is_secure_over_https(tmp_path: Path) -> None:
    app = create_app(build_ledger(tmp_path / "l.db"), config=WebConfig(secret_key="k"))
    https = TestClient(app, base_url="https://testserver")
    assert "Secure" in _cookie_header(https.get("/api/session"))


def test_cookie_secure_always(tmp_path: Path) -> None:
    app = create_app(build_ledger(tmp_path / "l.db"),
                     config=WebConfig(secret_key="k", cookie_secure="always"))
    assert "Secure" in _cookie_header(TestClient(app).get("/api/session"))


def test_tampered_cookie_is_a_new_anonymous_session(client: Any) -> None:
    login(client)
    cookie = client.cookies[COOKIE]
    body, mac = cookie.split(".")
    client.cookies.set(COOKIE, body + "." + mac[::-1])
    assert client.get("/api/session").json()["user"] is None
    assert client.get("/api/corrections").status_code == 401


def test_login_changes_the_session_id(client: Any) -> None:
    before = csrf_token(client)
    login(client)
    after = client.get("/api/session").json()
    assert after["user"] == EDITOR and after["csrf_token"] != before


def test_wrong_password_is_refused(client: Any) -> None:
    token = csrf_token(client)
    response = client.post("/login", data={"username": EDITOR, "password": "nope",
                                           "csrf_token": token})
    assert response.status_code == 401
    assert client.get("/api/session").json()["user"] is None
    response = client.post("/login", data={"username": "nobody", "password": EDITOR_PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 401


# --- editor pages -------------------------------------------------------------------


def test_review_needs_login(client: Any) -> None:
    response = client.get("/review", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/api/corrections").status_code == 401
    token = csrf_token(client)
    response = client.post("/api/corrections/1/review", json={"accept": True},
                           headers={"x-csrf-token": token})
    assert response.status_code == 401
    response = client.post("/review/1", data={"csrf_token": token, "decision": "accept"})
    assert response.status_code == 401


def test_editor_reviews_through_the_form(client: Any) -> None:
    token = csrf_token(client)
    cid = client.post("/api/corrections", json=SUGGESTION,
                      headers={"x-csrf-token": token}).json()["id"]
    login(client)
    token = csrf_token(client)
    assert f"correction-{cid}" in client.get("/review").text
    response = client.post(f"/review/{cid}", data={"csrf_token": token, "decision": "reject",
                                                    "reason": "the Air Force figure stands"},
                           follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/api/corrections?status=rejected").json()["items"][0]["id"] == cid


# --- CSRF ---------------------------------------------------------------------------


def test_suggestion_without_token_is_refused(client: Any) -> None:
    assert client.post("/api/corrections", json=SUGGESTION).status_code == 403


def test_suggestion_with_wrong_or_foreign_token_is_refused(client: Any, tmp_path: Path) -> None:
    csrf_token(client)
    bad = client.post("/api/corrections", json=SUGGESTION, headers={"x-csrf-token": "forged"})
    assert bad.status_code == 403
    other = make_client(tmp_path / "other.db")
    foreign = csrf_token(other)  # a valid token, of another visitor's session
    response = client.post("/api/corrections", json=SUGGESTION,
                           headers={"x-csrf-token": foreign})
    assert response.status_code == 403


def test_token_without_its_cookie_is_refused(client: Any) -> None:
    token = csrf_token(client)
    client.cookies.clear()
    response = client.post("/api/corrections", json=SUGGESTION, headers={"x-csrf-token": token})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/login", "/logout", "/review/1"])
def test_forms_need_the_token(client: Any, path: str) -> None:
    csrf_token(client)
    response = client.post(path, data={"username": EDITOR, "password": EDITOR_PASSWORD})
    assert response.status_code == 403


def test_every_page_form_carries_the_token(client: Any) -> None:
    login(client)
    for path in ("/login", "/review", "/"):
        html = client.get(path).text
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", html, re.DOTALL):
            assert 'name="csrf_token"' in form, (path, form[:80])


# --- escaping and CSP -----------------------------------------------------------------


def test_document_text_is_escaped(client: Any) -> None:
    docs = client.get("/api/documents").json()["items"]
    hostile = next(d for d in docs if d["source"] == "Example Bulletin")
    html = client.get(f"/documents/{hostile['id']}").text
    assert "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    attack = client.get("/api/attacks?region=UA-30").json()["items"][0]["id"]
    assert "<script>alert" not in client.get(f"/attacks/{attack}").text


def test_suggested_text_is_escaped_for_editors(client: Any) -> None:
    token = csrf_token(client)
    hostile = dict(SUGGESTION, comment="<img src=x onerror=alert(1)>", quote="<script>x</script>")
    client.post("/api/corrections", json=hostile, headers={"x-csrf-token": token})
    login(client)
    html = client.get("/review").text
    assert "<img src=x" not in html and "<script>x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("path", ["/", "/attacks/1", "/map", "/api/attacks", "/docs",
                                  "/static/skyledger.css", "/api/attacks/999"])
def test_csp_and_headers_everywhere(client: Any, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert script_src and "'unsafe-inline'" not in script_src.group(1)
    assert "'unsafe-eval'" not in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/attacks/1", "/map", "/documents/1", "/docs", "/login"])
def test_pages_have_no_inline_script(client: Any, path: str) -> None:
    html = client.get(path).text
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL):
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
        if "src=" in attrs:
            assert not body.strip()
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


# --- rate limit and size limit ------------------------------------------------------------


def test_anonymous_suggestions_are_rate_limited(tmp_path: Path) -> None:
    client = make_client(tmp_path / "l.db", suggestions_per_hour=3)
    headers = {"x-csrf-token": csrf_token(client)}
    codes = [client.post("/api/corrections", json=SUGGESTION, headers=headers).status_code
             for _ in range(5)]
    assert codes == [201, 201, 201, 429, 429]


def test_declared_body_over_the_limit_is_refused(client: Any) -> None:
    headers = {"x-csrf-token": csrf_token(client)}
    big = dict(SUGGESTION, comment="x" * 1000, quote="y" * 70_000)
    response = client.post("/api/corrections", json=big, headers=headers)
    assert response.status_code == 413
    assert client.get("/api/corrections?status=pending").status_code == 401  # nothing stored


def test_streamed_body_over_the_limit_is_refused(client: Any) -> None:
    headers = {"x-csrf-token": csrf_token(client), "content-type": "application/json"}

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b" " * 1024

    response = client.post("/api/corrections", content=chunks(), headers=headers)
    assert response.status_code == 413


# --- accounts ---------------------------------------------------------------------------


def test_user_add_stores_an_argon2_hash(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from skyledger.cli import main
    from skyledger.ledger import Ledger

    db = tmp_path / "users.db"
    secret = tmp_path / "password.txt"
    secret.write_text("a long enough password\n", encoding="utf-8")
    args = ["user", "add", "maria", "--role", "editor", "--password-file", str(secret),
            "--db", str(db)]
    result = CliRunner().invoke(main, args, standalone_mode=False)
    assert result.return_value == 0, result.output
    with Ledger(str(db)) as ledger:
        record = ledger.user("maria")
    assert record is not None and record.role == "editor"
    assert record.password_hash.startswith("$argon2")
    assert "a long enough password" not in record.password_hash

    secret.write_text("short\n", encoding="utf-8")
    result = CliRunner().invoke(main, args, standalone_mode=False)
    assert result.return_value == 2 and "at least" in result.output
