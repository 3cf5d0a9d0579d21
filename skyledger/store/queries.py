"""The read side: attack pages, one attack in full, statistics, documents."""

from __future__ import annotations

import base64
import json
import math
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from skyledger.errors import UsageError
from skyledger.ledger_models import (
    AttackDetail,
    AttackFilter,
    AttackPage,
    AttackSummary,
    ClaimRef,
    DocumentDetail,
    DocumentFigure,
    DocumentPage,
    DocumentSummary,
    EvidenceSpan,
    FieldValue,
    SourceInfo,
    StatRow,
    WeaponFigures,
)
from skyledger.store import schema as s
from skyledger.store.field_values import decode
from skyledger.store.sources import rank

# z for a two-sided 95% interval.
Z95 = 1.959963984540054


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion; (0, 1) when n is 0."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def filtered(query: Select[Any], f: AttackFilter) -> Select[Any]:
    """Apply an AttackFilter to a query over `attacks`."""
    a = s.attacks.c
    conds: list[ColumnElement[bool]] = [a.active]
    if f.since:
        conds.append(a.date >= f.since)
    if f.until:
        conds.append(a.date <= f.until)
    if f.attacker:
        conds.append(a.attacker == f.attacker)
    if f.region:
        r = s.attack_regions.c
        conds.append(exists().where(and_(r.attack_id == a.id, r.region == f.region)))
    if f.cls:
        k = s.attack_classes.c
        conds.append(exists().where(and_(k.attack_id == a.id, k.cls == f.cls)))
    return query.where(and_(*conds))


def _encode_cursor(day: date | None, attack_id: int) -> str:
    raw = f"{day.isoformat() if day else ''}|{attack_id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[date | None, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        day, ident = raw.split("|")
        return (date.fromisoformat(day) if day else None, int(ident))
    except (ValueError, UnicodeDecodeError):
        raise UsageError(
            f"cursor {cursor!r} is not valid; use the 'next' value of a page"
        ) from None


def _after(query: Select[Any], cursor: str) -> Select[Any]:
    """Keyset paging, newest first; attacks without a date come last."""
    a = s.attacks.c
    day, ident = _decode_cursor(cursor)
    if day is None:
        return query.where(and_(a.date.is_(None), a.id < ident))
    return query.where(or_(a.date < day, and_(a.date == day, a.id < ident), a.date.is_(None)))


def weapons_of(conn: Connection, ids: list[int]) -> dict[int, list[WeaponFigures]]:
    out: dict[int, list[WeaponFigures]] = defaultdict(list)
    k = s.attack_classes.c
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(s.attack_classes)
            .where(k.attack_id.in_(ids[start : start + 500]))
            .order_by(k.attack_id, k.cls)
        )
        for r in rows:
            out[r.attack_id].append(
                WeaponFigures(r.cls, r.model, r.launched, r.destroyed, r.suppressed)
            )
    return out


def summary(r: Any, weapons: list[WeaponFigures]) -> AttackSummary:
    return AttackSummary(
        id=r.id,
        key=r.key,
        date=r.date,
        attacker=r.attacker,
        target_country=r.target_country,
        regions=[x for x in (r.regions or "").split(", ") if x],
        launched=r.launched,
        destroyed=r.destroyed,
        killed=r.killed,
        injured=r.injured,
        weapons=weapons,
        n_claims=r.n_claims,
        n_sources=r.n_sources,
    )


def ordered_attacks(f: AttackFilter) -> Select[Any]:
    a = s.attacks.c
    return filtered(select(s.attacks), f).order_by(a.date.desc().nulls_last(), a.id.desc())


def attack_page(conn: Connection, f: AttackFilter, limit: int, cursor: str | None) -> AttackPage:
    if limit < 1:
        raise UsageError(f"limit {limit} must be 1 or more")
    query = ordered_attacks(f)
    if cursor:
        query = _after(query, cursor)
    rows = conn.execute(query.limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    weapons = weapons_of(conn, [r.id for r in rows])
    items = [summary(r, weapons.get(r.id, [])) for r in rows]
    nxt = _encode_cursor(rows[-1].date, rows[-1].id) if more and rows else None
    return AttackPage(items, nxt)


def _class_filter(query: Select[Any], f: AttackFilter) -> Select[Any]:
    """An AttackFilter over `attack_classes`, which carries its attack's date and attacker."""
    k = s.attack_classes.c
    conds: list[ColumnElement[bool]] = [
        k.month.is_not(None),
        k.launched.is_not(None),
        k.destroyed.is_not(None),
    ]
    if f.since:
        conds.append(k.date >= f.since)
    if f.until:
        conds.append(k.date <= f.until)
    if f.attacker:
        conds.append(k.attacker == f.attacker)
    if f.cls:
        conds.append(k.cls == f.cls)
    if f.region:
        r = s.attack_regions.c
        conds.append(exists().where(and_(r.attack_id == k.attack_id, r.region == f.region)))
    return query.where(and_(*conds))


def stats(conn: Connection, f: AttackFilter) -> list[StatRow]:
    """Launched, destroyed and the interception rate by month and weapon class.

    Only class figures with both counts enter a rate: a class reported with
    a launch count but no destroyed count says nothing about interception.
    Rows of inactive attacks are deleted, so no join with `attacks` is needed.
    """
    k = s.attack_classes.c
    query = (
        _class_filter(
            select(k.month, k.cls, func.sum(k.launched), func.sum(k.destroyed), func.count()), f
        )
        .group_by(k.month, k.cls)
        .order_by(k.month, k.cls)
    )
    out = []
    for month, cls, launched, destroyed, count in conn.execute(query):
        launched, destroyed = int(launched or 0), int(destroyed or 0)
        hit = min(destroyed, launched)
        low, high = wilson(hit, launched)
        rate = hit / launched if launched else None
        out.append(
            StatRow(
                month,
                cls,
                launched,
                destroyed,
                rate,
                low if launched else None,
                high if launched else None,
                int(count),
            )
        )
    return out


def sources(conn: Connection) -> list[SourceInfo]:
    src, d = s.sources.c, s.documents.c
    counts = select(d.source_id, func.count().label("n")).group_by(d.source_id).subquery()
    query = (
        select(s.sources, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.source_id == src.id)
        .order_by(src.name)
    )
    return [
        SourceInfo(
            r.id, r.name, r.kind, r.country, rank(r.kind, r.country, None, r.country), int(r[-1])
        )
        for r in conn.execute(query)
    ]


def _doc_summary(r: Any) -> DocumentSummary:
    return DocumentSummary(
        id=r.id,
        source=r.source_name,
        locator=r.locator,
        version=r.version,
        current=bool(r.current),
        language=r.language,
        published=r.published,
        fetched_at=r.fetched_at,
        sha256=r.sha256,
        claims=int(r.n_claims or 0),
    )


def _doc_query() -> Select[Any]:
    d, c = s.documents.c, s.claims.c
    n = select(func.count()).where(c.document_id == d.id).scalar_subquery()
    return select(
        d.id,
        d.locator,
        d.version,
        d.current,
        d.language,
        d.published,
        d.fetched_at,
        d.sha256,
        s.sources.c.name.label("source_name"),
        n.label("n_claims"),
    ).join(s.sources, s.sources.c.id == d.source_id)


def document_page(conn: Connection, limit: int, cursor: str | None) -> DocumentPage:
    d = s.documents.c
    query = _doc_query().order_by(d.id.desc())
    if cursor:
        try:
            query = query.where(d.id < int(cursor))
        except ValueError:
            raise UsageError(
                f"cursor {cursor!r} is not valid; use the 'next' value of a page"
            ) from None
    rows = conn.execute(query.limit(limit + 1)).all()
    more = len(rows) > limit
    items = [_doc_summary(r) for r in rows[:limit]]
    return DocumentPage(items, str(items[-1].id) if more and items else None)


def document(conn: Connection, document_id: int) -> DocumentDetail | None:
    d = s.documents.c
    row = conn.execute(_doc_query().where(d.id == document_id)).first()
    if row is None:
        return None
    text = conn.execute(select(d.text).where(d.id == document_id)).scalar() or ""
    e, c = s.evidence.c, s.claims.c
    spans = conn.execute(
        select(e.field, e.start, e.end, c.attack_id, c.id)
        .join(s.claims, c.id == e.claim_id)
        .where(c.document_id == document_id)
        .order_by(e.start, e.end, e.field)
    )
    figures = [DocumentFigure(r[0], r[1], r[2], r[3], r[4]) for r in spans]
    return DocumentDetail(_doc_summary(row), text, figures)


def attack_detail(conn: Connection, attack_id: int) -> AttackDetail | None:
    a = s.attacks.c
    row = conn.execute(select(s.attacks).where(a.id == attack_id)).first()
    if row is None:
        return None
    head = summary(row, weapons_of(conn, [attack_id]).get(attack_id, []))
    f = s.attack_fields.c
    frows = conn.execute(select(s.attack_fields).where(f.attack_id == attack_id)).all()
    refs = _claim_refs(conn, attack_id, row.attacker, row.target_country)
    fields = {r.field: _field_value(r, refs) for r in frows}
    docs = sorted({ref["document_id"] for ref in refs.values()})
    return AttackDetail(head, dict(sorted(fields.items())), docs)


def _field_value(r: Any, refs: dict[int, dict[str, Any]]) -> FieldValue:
    def ref(claim_id: int) -> ClaimRef:
        info = refs[claim_id]
        return ClaimRef(
            claim_id,
            info["document_id"],
            info["source"],
            info["standing"],
            info["published"],
            claim_value(info, r.field),
            [sp for sp in info["evidence"] if _relevant(sp.field, r.field)],
            info["locator"],
        )

    supporting = [ref(i) for i in json.loads(r.supporting) if i in refs]
    conflicting = [ref(i) for i in json.loads(r.conflicting) if i in refs]
    chosen = ref(r.claim_id) if r.claim_id in refs else None
    return FieldValue(r.field, decode(r.value), chosen, supporting, conflicting, bool(r.corrected))


def _relevant(span_field: str, field: str) -> bool:
    """Evidence for a field: its own spans, or (for weapon figures) the class's spans."""
    if span_field == field or field.startswith(span_field + ".") or span_field.startswith(field):
        return True
    return field.startswith("weapons.") and span_field.startswith("weapons")


def claim_value(info: dict[str, Any], field: str) -> Any:
    if not field.startswith("weapons."):
        value = info["row"].get(field)
        if field == "regions":
            return [x for x in (value or "").split(", ") if x]
        return value.isoformat() if isinstance(value, date) else value
    _, cls, fig = field.split(".")
    values = [w[fig] for w in info["weapons"] if w["cls"] == cls]
    if fig == "model":
        return ", ".join(v for v in values if v) or None
    return None if not values or any(v is None for v in values) else sum(values)


def _claim_refs(
    conn: Connection, attack_id: int, attacker: str | None, target: str | None
) -> dict[int, dict[str, Any]]:
    c, d, src = s.claims.c, s.documents.c, s.sources.c
    rows = conn.execute(
        select(s.claims, d.published, d.locator, d.text, src.name, src.kind, src.country)
        .join(s.documents, d.id == c.document_id)
        .join(s.sources, src.id == d.source_id)
        .where(and_(c.attack_id == attack_id, c.current))
    ).all()
    ids = [r.id for r in rows]
    spans = _evidence(conn, ids)
    weapons = _claim_weapons(conn, ids)
    return {
        r.id: {
            "document_id": r.document_id,
            "source": r.name,
            "published": r.published,
            "standing": rank(r.kind, r.country, attacker, target),
            "locator": r.locator,
            "row": dict(r._mapping),
            "weapons": weapons.get(r.id, []),
            "evidence": [
                EvidenceSpan(f, st, en, r.text[st:en], m) for f, st, en, m in spans.get(r.id, [])
            ],
        }
        for r in rows
    }


def _evidence(
    conn: Connection, ids: list[int]
) -> dict[int, list[tuple[str, int, int, int | None]]]:
    e = s.evidence.c
    out: dict[int, list[tuple[str, int, int, int | None]]] = defaultdict(list)
    if ids:
        for r in conn.execute(select(s.evidence).where(e.claim_id.in_(ids)).order_by(e.start)):
            out[r.claim_id].append((r.field, r.start, r.end, r.message_id))
    return out


def _claim_weapons(conn: Connection, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    w = s.claim_weapons.c
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if ids:
        for r in conn.execute(select(s.claim_weapons).where(w.claim_id.in_(ids)).order_by(w.id)):
            out[r.claim_id].append(dict(r._mapping))
    return out
