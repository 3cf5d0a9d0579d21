"""Store one document and its claims (the caller holds the transaction).

Identity: (locator, sha256). The same content again is "unchanged"; new
content at a known locator is a new version, and the older version's claims
stop counting (they are kept, marked not current).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update

from skyledger.models import DocumentResult, Event
from skyledger.reconcile import GroupKey
from skyledger.store import schema as s
from skyledger.store.sources import SourceSpec, identify


@dataclass
class Stored:
    status: str  # "new" | "unchanged" | "version"
    document_id: int
    groups: set[GroupKey]


def now() -> datetime:
    """UTC wall time, naive (both databases store it the same way)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def new_id(result: Any) -> int:
    """The primary key an INSERT created."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def content_hash(text: str, raw: bytes | None) -> str:
    return hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest()


def source_id(conn: Connection, spec: SourceSpec) -> int:
    """The row of a source, created on first sight."""
    found = conn.execute(select(s.sources.c.id).where(s.sources.c.name == spec.name)).scalar()
    if found is not None:
        return int(found)
    row = {"name": spec.name, "kind": spec.kind, "country": spec.country, "domain": spec.domain}
    return new_id(conn.execute(insert(s.sources).values(**row)))


def _supersede(conn: Connection, locator: str) -> tuple[int, set[GroupKey]]:
    """Retire the current version at a locator: (its version number, groups it touched)."""
    docs = s.documents
    version = conn.execute(
        select(func.max(docs.c.version)).where(docs.c.locator == locator)
    ).scalar()
    if version is None:
        return 0, set()
    old = select(docs.c.id).where(and_(docs.c.locator == locator, docs.c.current))
    c = s.claims
    rows = conn.execute(
        select(c.c.attacker, c.c.target_country, c.c.date).where(c.c.document_id.in_(old))
    ).all()
    conn.execute(update(c).where(c.c.document_id.in_(old)).values(current=False))
    conn.execute(update(docs).where(docs.c.locator == locator).values(current=False))
    return int(version), {(r[0], r[1], r[2]) for r in rows}


def store_document(
    conn: Connection,
    result: DocumentResult,
    *,
    text: str,
    raw: bytes | None,
    locator: str,
    spec: SourceSpec,
    fetched_at: datetime | None,
    kind: str = "report",
) -> Stored:
    sha = content_hash(text, raw)
    docs = s.documents
    same = conn.execute(
        select(docs.c.id).where(and_(docs.c.locator == locator, docs.c.sha256 == sha))
    ).scalar()
    if same is not None:
        return Stored("unchanged", int(same), set())
    version, groups = _supersede(conn, locator)
    row = {
        "source_id": source_id(conn, spec),
        "locator": locator,
        "version": version + 1,
        "current": True,
        "sha256": sha,
        "language": result.language,
        "published": result.published,
        "fetched_at": fetched_at,
        "added_at": now(),
        "kind": kind,
        "text": text,
    }
    doc_id = new_id(conn.execute(insert(docs).values(**row)))
    for seq, event in enumerate(result.events):
        store_claim(conn, doc_id, seq, event)
        groups.add((event.attacker, event.target_country, event.date))
    return Stored("version" if version else "new", doc_id, groups)


def store_claim(conn: Connection, document_id: int, seq: int, ev: Event) -> int:
    extra = {"approximate": ev.approximate, "message_ids": ev.message_ids}
    row = {
        "document_id": document_id,
        "seq": seq,
        "current": True,
        "date": ev.date,
        "attacker": ev.attacker,
        "target_country": ev.target_country,
        "regions": ", ".join(ev.regions),
        "launched": ev.launched,
        "destroyed": ev.destroyed,
        "killed": ev.killed,
        "injured": ev.injured,
        "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True),
    }
    claim_id = new_id(conn.execute(insert(s.claims).values(**row)))
    weapons = [{"claim_id": claim_id, **w.to_dict()} for w in ev.weapons]
    for w in weapons:
        w["cls"] = w.pop("class")
    places = [{"claim_id": claim_id, **p.to_dict()} for p in ev.casualties_by_place]
    spans = [
        {
            "claim_id": claim_id,
            "field": e.field,
            "start": e.start,
            "end": e.end,
            "message_id": e.message_id,
        }
        for e in ev.evidence
    ]
    for table, rows in ((s.claim_weapons, weapons), (s.claim_places, places), (s.evidence, spans)):
        if rows:
            conn.execute(insert(table), rows)
    return claim_id


def spec_for(source_name: str | None, url: str | None) -> SourceSpec:
    return identify(source_name, url)
