"""The web layer: JSON API, dashboard pages and corrections (`create_app`).

FastAPI is imported only when the app is wanted, so that commands which do not
serve (`skyledger stats`) start quickly.
"""

from __future__ import annotations

from typing import Any

from skyledger.web.config import WEB_SETTINGS, WebConfig

__all__ = ["WEB_SETTINGS", "WebConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from skyledger.web.app import create_app

        return create_app
    raise AttributeError(name)
