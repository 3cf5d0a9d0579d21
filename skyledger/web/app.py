"""The web application: `create_app` wires the ledger, security and routes.

    GuardMiddleware        body size limit, security headers, session cookie
      ResponseCache        repeated GETs of the public API answered from memory
      FastAPI
        /api/...           skyledger.web.api    (JSON; errors in one shape)
        /, /attacks, ...   skyledger.web.pages  (HTML, Jinja2, autoescaped)
        /static/...        vendored Chart.js, Leaflet, Swagger UI, outlines
        /openapi.json      the API description; /docs renders it
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from skyledger import __version__
from skyledger.web import api, error_shape, pages
from skyledger.web.cache import CachedLedger, ResponseCache
from skyledger.web.config import WebConfig
from skyledger.web.security import GuardMiddleware, RateLimiter, SessionSigner

HERE = Path(__file__).resolve().parent
# Editors logging in: generous for typos, far too few for guessing passwords.
LOGIN_ATTEMPTS_PER_HOUR = 30


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from skyledger.extract.places import region_name

    env.globals["region_name"] = region_name
    env.globals["version"] = __version__
    return env


def create_app(ledger: Any = None, *, db: str | None = None,
               config: WebConfig | None = None) -> FastAPI:
    """The ASGI app over a `Ledger` (given, or opened from `db`)."""
    if ledger is None:
        from skyledger.ledger import Ledger

        ledger = Ledger(db)
    config = config or WebConfig()
    app = FastAPI(
        title="skyledger",
        version=__version__,
        description="The open air-attack ledger: attacks, their sources and corrections.",
        docs_url=None,
        redoc_url=None,
    )
    signer = SessionSigner(config)
    cached = CachedLedger(ledger, config.cache_seconds)
    app.state.ledger = cached
    app.state.config = config
    app.state.signer = signer
    app.state.templates = _templates()
    app.state.render_error = pages.render_error
    app.state.limiter = RateLimiter(config.suggestions_per_hour)
    app.state.login_limiter = RateLimiter(LOGIN_ATTEMPTS_PER_HOUR, "login attempts")
    # One writer at a time (house style: a single database writer).
    app.state.write_lock = threading.Lock()
    error_shape.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # The last added runs first: limits and headers wrap the response cache.
    app.add_middleware(ResponseCache, cache=cached.responses)
    app.add_middleware(GuardMiddleware, max_body=config.max_body_bytes, signer=signer)
    return app
