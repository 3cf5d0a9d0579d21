"""Sessions, CSRF tokens, security headers, body size limit and rate limit.

Sessions are signed cookies (HMAC-SHA256 over a small JSON payload): every
visitor gets an anonymous one carrying a random id, an editor's also carries
the user name. The CSRF token of a session is HMAC(secret, "csrf:" + id); each
page embeds it, forms send it as `csrf_token`, scripts as `X-CSRF-Token`,
and every state-changing request must carry the one matching its cookie.

The cookie is HttpOnly and SameSite=Lax, and Secure when the request came
over https (cookie_secure="auto"): a plain-http server is for loopback only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from skyledger.web.config import WebConfig
from skyledger.web.error_shape import WebError, error_body

COOKIE = "skyledger_session"
CSRF_HEADER = "x-csrf-token"
SECRET_ENV = "SKYLEDGER_SECRET_KEY"

# No inline script anywhere: page data travels in <script type="application/json">
# blocks, which are data and are never executed.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


@dataclass
class Session:
    sid: str
    user: str | None
    expires: float
    fresh: bool = False  # not yet in the visitor's cookie


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SessionSigner:
    def __init__(self, config: WebConfig) -> None:
        key = config.secret_key or os.environ.get(SECRET_ENV) or secrets.token_hex(32)
        self._key = key.encode("utf-8")
        self.lifetime = config.session_hours * 3600
        self.secure_mode = config.cookie_secure

    def _mac(self, payload: bytes) -> str:
        return _b64(hmac.new(self._key, payload, hashlib.sha256).digest())

    def dump(self, session: Session) -> str:
        payload = json.dumps({"s": session.sid, "u": session.user, "e": int(session.expires)})
        raw = payload.encode("utf-8")
        return f"{_b64(raw)}.{self._mac(raw)}"

    def load(self, cookie: str | None) -> Session | None:
        if not cookie or cookie.count(".") != 1:
            return None
        body, mac = cookie.split(".")
        try:
            raw = _unb64(body)
            data: dict[str, Any] = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return None
        if not hmac.compare_digest(mac, self._mac(raw)) or not isinstance(data, dict):
            return None
        expires, sid, user = data.get("e"), data.get("s"), data.get("u")
        if not isinstance(expires, int) or not isinstance(sid, str) or expires < time.time():
            return None
        return Session(sid=sid, user=user if isinstance(user, str) else None, expires=expires)

    def new(self, user: str | None = None) -> Session:
        return Session(secrets.token_urlsafe(18), user, time.time() + self.lifetime, fresh=True)

    def csrf_token(self, session: Session) -> str:
        return self._mac(f"csrf:{session.sid}".encode())

    def check_csrf(self, session: Session, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(str(token), self.csrf_token(session))

    def cookie_header(self, session: Session, scheme: str) -> str:
        secure = self.secure_mode == "always" or (self.secure_mode == "auto" and scheme == "https")
        parts = [f"{COOKIE}={self.dump(session)}", f"Max-Age={self.lifetime}", "Path=/",
                 "HttpOnly", "SameSite=Lax"]
        return "; ".join(parts + (["Secure"] if secure else []))


def session_of(request: Request) -> Session:
    """The visitor's session, creating an anonymous one when there is none."""
    cached = request.scope.get("skyledger.session")
    if isinstance(cached, Session):
        return cached
    signer: SessionSigner = request.app.state.signer
    session = signer.load(request.cookies.get(COOKIE)) or signer.new()
    request.scope["skyledger.session"] = session
    return session


def require_csrf(request: Request, form_token: str | None = None) -> Session:
    session = session_of(request)
    token = form_token or request.headers.get(CSRF_HEADER)
    if session.fresh or not request.app.state.signer.check_csrf(session, token):
        raise WebError(
            403,
            "missing or wrong CSRF token; reload the page (scripts: GET /api/session and "
            "send its token as X-CSRF-Token with the session cookie)",
            "csrf_failed",
        )
    return session


def require_editor(request: Request) -> str:
    user = session_of(request).user
    if user is None:
        raise WebError(401, "log in as an editor first (/login)")
    record = request.app.state.ledger.user(user)
    if record is None or record.role not in ("editor", "admin"):
        raise WebError(403, f"user {user!r} is not an editor")
    return user


class RateLimiter:
    """A sliding window per client address; thread-safe (sync routes share it)."""

    def __init__(self, limit: int, what: str = "suggestions", window: float = 3600.0) -> None:
        self.limit = limit
        self.what = what
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                wait = int(hits[0] + self.window - now) + 1
                raise WebError(
                    429,
                    f"too many {self.what} from this address ({self.limit} an hour); "
                    f"try again in {wait} s",
                    headers={"Retry-After": str(wait)},
                )
            hits.append(now)
            if len(self._hits) > self.MAX_ADDRESSES:
                self._forget(now)

    # Addresses remembered before the ones with no recent hit are dropped.
    MAX_ADDRESSES = 10_000

    def _forget(self, now: float) -> None:
        stale = [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]
        for key in stale:
            del self._hits[key]


class GuardMiddleware:
    """Pure ASGI: the body size limit, security headers, the session cookie."""

    def __init__(self, app: ASGIApp, max_body: int, signer: SessionSigner) -> None:
        self.app = app
        self.max_body = max_body
        self.signer = signer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _too_large(send, self.max_body)
            return
        state = {"seen": 0, "started": False, "refused": False}

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request" and not state["refused"]:
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > self.max_body:
                    # Answer 413 now and tell the app the client left; whatever
                    # the app still sends is dropped (guarded_send).
                    state["refused"] = True
                    if not state["started"]:
                        state["started"] = True
                        await _too_large(send, self.max_body)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if state["refused"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
                _add_headers(message)
                self._add_cookie(scope, message)
            await send(message)

        await self.app(scope, limited_receive, guarded_send)

    def _add_cookie(self, scope: Scope, message: Message) -> None:
        # A session made or changed while answering (first visit, login,
        # logout) goes back to the visitor in this response.
        session = scope.get("skyledger.session")
        if isinstance(session, Session) and session.fresh:
            cookie = self.signer.cookie_header(session, scope.get("scheme", "http"))
            message["headers"].append((b"set-cookie", cookie.encode("latin-1")))


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _add_headers(message: Message) -> None:
    headers = list(message.get("headers", []))
    present = {bytes(name).lower() for name, _ in headers}
    for name, value in HEADERS.items():
        if name.encode() not in present:
            headers.append((name.encode(), value.encode()))
    message["headers"] = headers


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        error_body(413, f"request body over {limit} bytes; send less")
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    start: Message = {"type": "http.response.start", "status": 413, "headers": headers}
    _add_headers(start)
    await send(start)
    await send({"type": "http.response.body", "body": body})


def replace_session(request: Request, user: str | None) -> Session:
    """A new session id on login and logout, so an old cookie cannot ride along."""
    session: Session = request.app.state.signer.new(user)
    request.scope["skyledger.session"] = session
    return session
