"""Read-through cache of ledger answers, for many readers asking the same things.

On 100,000 attacks one call of `Ledger.stats` takes 40-160 ms and the map's
region totals far longer, while thousands of readers open the same overview.
`CachedLedger` keeps each answer for `ttl` seconds; concurrent callers of
one key wait for a single computation instead of all computing it. Changes
made through the web (corrections accepted) clear it at once; changes made
elsewhere (an ingest run) show within `ttl` seconds.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from skyledger.ledger_models import AttackFilter
from skyledger.web import views

T = TypeVar("T")
NO_FILTER = AttackFilter()
# Distinct answers kept (filters x pages); beyond it the oldest go first.
MAX_ENTRIES = 2048


class TTLCache:
    def __init__(self, ttl: float, max_entries: int = MAX_ENTRIES) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._values: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._generation = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if self.ttl <= 0:
            return compute()
        hit = self._fresh(key)
        if hit is not None:
            return hit[1]  # type: ignore[no-any-return]
        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:  # one computation per key; the others wait for it
            hit = self._fresh(key)
            if hit is not None:
                return hit[1]  # type: ignore[no-any-return]
            generation = self._generation
            value = compute()
            with self._lock:
                if generation == self._generation:  # not cleared meanwhile
                    self._values[key] = (time.monotonic() + self.ttl, value)
                    while len(self._values) > self.max_entries:
                        self._values.popitem(last=False)
                self._computing.pop(key, None)
            return value

    def peek(self, key: Hashable) -> Any:
        """The fresh value of key, or None."""
        hit = self._fresh(key)
        return None if hit is None else hit[1]

    def put(self, key: Hashable, value: Any) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            self._values[key] = (time.monotonic() + self.ttl, value)
            while len(self._values) > self.max_entries:
                self._values.popitem(last=False)

    def _fresh(self, key: Hashable) -> tuple[float, Any] | None:
        with self._lock:
            hit = self._values.get(key)
            if hit is not None and hit[0] > time.monotonic():
                return hit
            return None

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._generation += 1


class CachedLedger:
    """The `Ledger` methods the web calls, reads cached, writes clearing the cache."""

    def __init__(self, ledger: Any, ttl: float) -> None:
        self.ledger = ledger
        self.cache = TTLCache(ttl)
        # Whole JSON answers of the public read endpoints (ResponseCache).
        self.responses = TTLCache(ttl)

    def clear(self) -> None:
        self.cache.clear()
        self.responses.clear()

    def _get(self, key: Hashable, compute: Callable[[], T]) -> T:
        return self.cache.get(key, compute)

    # --- reads (cached) -------------------------------------------------------------
    def attacks(self, f: AttackFilter = NO_FILTER, *, limit: int = 50,
                cursor: str | None = None) -> Any:
        return self._get(("attacks", f, limit, cursor),
                         lambda: self.ledger.attacks(f, limit=limit, cursor=cursor))

    def attack(self, attack_id: int) -> Any:
        return self._get(("attack", attack_id), lambda: self.ledger.attack(attack_id))

    def stats(self, f: AttackFilter = NO_FILTER) -> Any:
        return self._get(("stats", f), lambda: self.ledger.stats(f))

    def sources(self) -> Any:
        return self._get(("sources",), self.ledger.sources)

    def documents(self, *, limit: int = 50, cursor: str | None = None) -> Any:
        return self._get(("documents", limit, cursor),
                         lambda: self.ledger.documents(limit=limit, cursor=cursor))

    def document(self, document_id: int) -> Any:
        return self._get(("document", document_id), lambda: self.ledger.document(document_id))

    def field_history(self, attack_id: int, field: str) -> Any:
        return self._get(("history", attack_id, field),
                         lambda: self.ledger.field_history(attack_id, field))

    def region_totals(self, f: AttackFilter, cap: int) -> tuple[list[views.RegionTotal], bool]:
        return self._get(("regions", f, cap), lambda: views.region_totals(self.ledger, f, cap))

    # --- reads that must be fresh ---------------------------------------------------
    def corrections(self, status: str = "pending") -> Any:
        return self.ledger.corrections(status)

    def user(self, name: str) -> Any:
        return self.ledger.user(name)

    def export(self, fmt: str, out: Any, f: AttackFilter = NO_FILTER) -> int:
        rows: int = self.ledger.export(fmt, out, f)
        return rows

    # --- writes ---------------------------------------------------------------------
    def suggest_correction(self, **values: Any) -> int:
        cid: int = self.ledger.suggest_correction(**values)
        return cid

    def review_correction(self, correction_id: int, **values: Any) -> None:
        self.ledger.review_correction(correction_id, **values)
        self.clear()


# The public read endpoints: the same answer for every reader, no session.
CACHED_PATHS = re.compile(r"^/api/(attacks|attacks/\d+|stats|regions|sources|documents"
                          r"|documents/\d+)$")


class ResponseCache:
    """Pure ASGI: answers repeated GETs of the public API from memory.

    Only 200 answers without a cookie are kept, keyed by path and query
    string, for the ledger cache's ttl (and cleared with it). A hit skips
    routing, validation and JSON encoding: what lets one process serve
    hundreds of readers at once.
    """

    def __init__(self, app: ASGIApp, cache: TTLCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET"
                or not CACHED_PATHS.match(scope["path"])):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        hit = self.cache.peek(key)
        if hit is not None:
            headers, body = hit
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        captured: dict[str, Any] = {"body": []}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        headers = captured.get("headers", [])
        if captured.get("status") == 200 and not any(k == b"set-cookie" for k, _ in headers):
            self.cache.put(key, (headers, b"".join(captured["body"])))
