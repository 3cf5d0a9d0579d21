"""Web settings, declared once as (name, default, help); `skyledger serve` and
the docs read them, `create_app` takes overrides."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from skyledger.settings import Setting

WEB_SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        # A correction form posts a few hundred bytes; 64 KiB leaves room for a
        # long comment and stops anyone from streaming megabytes into the queue.
        Setting("max_body_bytes", 65_536, "Largest request body accepted, in bytes."),
        # A careful reader files a handful an hour; 20 keeps a script from
        # flooding the review queue while a busy newsroom stays well under it.
        Setting("suggestions_per_hour", 20, "Anonymous corrections per client address per hour."),
        Setting("session_hours", 12, "Hours an editor stays logged in."),
        Setting(
            "cookie_secure",
            "auto",
            "Secure session cookie: auto (only when served over https; plain http is for "
            "loopback), always, or never.",
        ),
        # stats() takes 40-160 ms on 100,000 attacks; 10 s means at most one
        # computation per filter every 10 s, however many readers, while an
        # ingest run shows up on the dashboard almost at once.
        Setting("cache_seconds", 10, "Seconds the dashboard and API reuse a ledger answer; "
                "0 turns the cache off. Corrections accepted on the web clear it."),
        Setting("page_size", 50, "Attacks per page in lists and the API default."),
        # The map adds up regions over the attacks of the chosen period; beyond
        # this many it counts the newest ones and says so.
        Setting("map_max_attacks", 20_000, "Most attacks the map adds up per request."),
    )
}


@dataclass(frozen=True)
class WebConfig:
    max_body_bytes: int = int(WEB_SETTINGS["max_body_bytes"].default)
    suggestions_per_hour: int = int(WEB_SETTINGS["suggestions_per_hour"].default)
    session_hours: int = int(WEB_SETTINGS["session_hours"].default)
    cookie_secure: str = str(WEB_SETTINGS["cookie_secure"].default)
    cache_seconds: float = float(WEB_SETTINGS["cache_seconds"].default)
    page_size: int = int(WEB_SETTINGS["page_size"].default)
    map_max_attacks: int = int(WEB_SETTINGS["map_max_attacks"].default)
    # Signs session cookies; None -> $SKYLEDGER_SECRET_KEY, else a random key per
    # process (sessions then end when the server restarts).
    secret_key: str | None = None

    def with_overrides(self, **values: Any) -> WebConfig:
        return replace(self, **values)
