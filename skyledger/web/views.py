"""Ledger records as JSON-ready dicts, and the few sums the pages need.

Shared by the JSON API and the pages so both say the same thing.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from skyledger.ledger_models import (
    SCALAR_FIELDS,
    AttackDetail,
    AttackFilter,
    FieldValue,
    HistoryEntry,
    StatRow,
)
from skyledger.store.queries import wilson as store_wilson

# z for a two-sided 95% interval.


def plain(obj: Any) -> Any:
    """Dataclasses, dates and containers as JSON-ready values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    return obj


def dumps(obj: Any) -> bytes:
    return json.dumps(plain(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def filter_params(f: AttackFilter) -> dict[str, str]:
    """The query string of a filter (for links, exports and the next page)."""
    params = {
        "since": f.since.isoformat() if f.since else "",
        "until": f.until.isoformat() if f.until else "",
        "attacker": f.attacker or "",
        "region": f.region or "",
        "class": f.cls or "",
    }
    return {k: v for k, v in params.items() if v}


def field_order(detail: AttackDetail) -> list[str]:
    """Scalar fields first in contract order, then weapon figures by class."""
    scalars = [f for f in SCALAR_FIELDS if f in detail.fields]
    return scalars + sorted(f for f in detail.fields if f not in SCALAR_FIELDS)


def attack_json(detail: AttackDetail, history: dict[str, list[HistoryEntry]]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in field_order(detail):
        value: FieldValue = detail.fields[name]
        entry = plain(value)
        entry["history"] = plain(history.get(name, []))
        fields[name] = entry
    return {
        "attack": plain(detail.summary),
        "fields": fields,
        "documents": list(detail.documents),
    }


def display(value: Any) -> str:
    """A field value as readers see it."""
    if value is None:
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def wilson(destroyed: int, launched: int) -> tuple[float | None, float | None, float | None]:
    """Rate and Wilson 95% interval of destroyed out of launched (the ledger's formula)."""
    if launched <= 0:
        return None, None, None
    k = min(destroyed, launched)
    low, high = store_wilson(k, launched)
    return k / launched, low, high


@dataclass
class ClassRate:
    cls: str
    launched: int
    destroyed: int
    rate: float | None
    low: float | None
    high: float | None


def class_rates(rows: Iterable[StatRow]) -> list[ClassRate]:
    """Interception rate by class over the whole filtered period."""
    totals: dict[str, list[int]] = {}
    for row in rows:
        pair = totals.setdefault(row.cls, [0, 0])
        pair[0] += row.launched
        pair[1] += row.destroyed
    out = [ClassRate(c, n, k, *wilson(k, n)) for c, (n, k) in totals.items()]
    return sorted(out, key=lambda r: -r.launched)


def chart_data(rows: list[StatRow]) -> dict[str, Any]:
    """Launched and destroyed by month and class, shaped for Chart.js."""
    months = sorted({r.month for r in rows})
    rates = class_rates(rows)
    series: dict[str, dict[str, list[int]]] = {}
    index = {m: i for i, m in enumerate(months)}
    for row in rows:
        s = series.setdefault(row.cls, {"launched": [0] * len(months),
                                        "destroyed": [0] * len(months)})
        s["launched"][index[row.month]] += row.launched
        s["destroyed"][index[row.month]] += row.destroyed
    return {
        "months": months,
        "series": [{"cls": r.cls, **series[r.cls]} for r in rates if r.cls in series],
        "rates": plain(rates),
    }


@dataclass
class RegionTotal:
    region: str
    attacks: int = 0
    killed: int = 0
    injured: int = 0


def region_totals(ledger: Any, f: AttackFilter, cap: int) -> tuple[list[RegionTotal], bool]:
    """Attacks, killed and injured per region over the filtered attacks.

    Counts at most `cap` attacks, newest first; the flag says whether it stopped
    early. An attack over several regions counts in each; its casualties too,
    since the ledger keeps them per attack, not per region.
    """
    totals: dict[str, RegionTotal] = {}
    seen, cursor = 0, None
    while seen < cap:
        page = ledger.attacks(f, limit=min(500, cap - seen), cursor=cursor)
        for attack in page.items:
            for region in attack.regions:
                t = totals.setdefault(region, RegionTotal(region))
                t.attacks += 1
                t.killed += attack.killed or 0
                t.injured += attack.injured or 0
        seen += len(page.items)
        cursor = page.next
        if cursor is None or not page.items:
            return sorted(totals.values(), key=lambda t: t.region), False
    return sorted(totals.values(), key=lambda t: t.region), True
