"""The web layer: JSON API, dashboard pages and corrections (`create_app`)."""

from __future__ import annotations

from skyledger.web.app import create_app
from skyledger.web.config import WEB_SETTINGS, WebConfig

__all__ = ["WEB_SETTINGS", "WebConfig", "create_app"]
