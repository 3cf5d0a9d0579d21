"""Store documents and their claims (the caller holds the transaction).

Identity: (locator, sha256). The same content again is "unchanged"; new
content at a known locator is a new version, and the older version's claims
stop counting (they are kept, marked not current).

A batch of documents costs a fixed number of statements: one lookup of the
locators and sources it names, then one executemany per table. Only a new
version of a known locator reads and updates the older versions itself.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update

from skyledger.models import DocumentResult, Event
from skyledger.reconcile import GroupKey
from skyledger.store import schema as s
from skyledger.store.sources import SourceSpec, identify

# Values per IN (...) list: well under SQLite's and psycopg's parameter limits.
CHUNK = 500

_INSERT_DOCUMENT = insert(s.documents).returning(s.documents.c.id, sort_by_parameter_order=True)
_INSERT_CLAIM = insert(s.claims).returning(s.claims.c.id, sort_by_parameter_order=True)
_CHILDREN = (s.claim_weapons, s.claim_places, s.evidence)

# Hears (index in the batch, status) per document; False ends the batch there.
Decided = Callable[[int, str], bool]


@dataclass(frozen=True)
class Incoming:
    """One document to store: its extraction and where it came from."""

    result: DocumentResult
    text: str
    raw: bytes | None
    locator: str
    spec: SourceSpec
    fetched_at: datetime | None
    kind: str = "report"


@dataclass
class Stored:
    status: str  # "new" | "unchanged" | "version"
    document_id: int


@dataclass
class ClaimRows:
    """A claim's row and its weapon, place and evidence rows, ids still unknown."""

    claim: dict[str, Any]
    children: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]


@dataclass
class _Pending:
    """Documents and claims waiting for one executemany per table."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    claims: list[tuple[int, ClaimRows]] = field(default_factory=list)  # (document slot, rows)
    ids: list[int] = field(default_factory=list)  # ids of flushed documents, by slot

    def add(self, row: dict[str, Any], claims: Iterable[ClaimRows]) -> int:
        slot = len(self.ids) + len(self.documents)
        self.documents.append(row)
        self.claims += [(slot, c) for c in claims]
        return slot

    def flush(self, conn: Connection) -> None:
        if not self.documents:
            return
        self.ids += conn.execute(_INSERT_DOCUMENT, self.documents).scalars().all()
        self.documents = []
        if not self.claims:
            return
        rows = [{**c.claim, "document_id": self.ids[slot]} for slot, c in self.claims]
        claim_ids = conn.execute(_INSERT_CLAIM, rows).scalars().all()
        for n, table in enumerate(_CHILDREN):
            children = [
                {**child, "claim_id": claim_id}
                for claim_id, (_, c) in zip(claim_ids, self.claims, strict=True)
                for child in c.children[n]
            ]
            if children:
                conn.execute(insert(table), children)
        self.claims = []


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


def chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _known(conn: Connection, locators: set[str]) -> dict[str, dict[str, int]]:
    """Stored versions of these locators: locator -> {sha256: document id}."""
    docs = s.documents.c
    out: dict[str, dict[str, int]] = {}
    for part in chunks(sorted(locators)):
        query = select(docs.locator, docs.sha256, docs.id).where(docs.locator.in_(part))
        for locator, sha, doc_id in conn.execute(query):
            out.setdefault(locator, {})[sha] = int(doc_id)
    return out


def _source_ids(conn: Connection, names: set[str]) -> dict[str, int]:
    src = s.sources.c
    out: dict[str, int] = {}
    for part in chunks(sorted(names)):
        out.update(
            (name, int(i)) for name, i in conn.execute(select(src.name, src.id).where(src.name.in_(part)))
        )
    return out


def source_id(conn: Connection, spec: SourceSpec, known: dict[str, int]) -> int:
    """The row of a source, created on first sight; `known` holds the batch's sources."""
    if spec.name not in known:
        row = {"name": spec.name, "kind": spec.kind, "country": spec.country, "domain": spec.domain}
        known[spec.name] = new_id(conn.execute(insert(s.sources).values(**row)))
    return known[spec.name]


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


def store_documents(
    conn: Connection, batch: Sequence[Incoming], decided: Decided | None = None
) -> tuple[list[Stored], set[GroupKey]]:
    """Store a batch in order: each document's outcome, and the groups whose claims changed.

    `decided(index, status)` hears each document's status as it is known; when
    it returns False, the batch ends with that document.
    """
    hashes = [content_hash(d.text, d.raw) for d in batch]
    known = _known(conn, {d.locator for d in batch})
    sources = _source_ids(conn, {d.spec.name for d in batch})
    pending = _Pending()
    groups: set[GroupKey] = set()
    # (status, document id) or (status, -1 - slot) while the row waits in `pending`.
    outcomes: list[tuple[str, int]] = []
    for doc, sha in zip(batch, hashes, strict=True):
        seen = known.setdefault(doc.locator, {})
        if sha in seen:
            outcomes.append(("unchanged", seen[sha]))
            if decided is not None and not decided(len(outcomes) - 1, "unchanged"):
                break
            continue
        version = 0
        if seen:
            pending.flush(conn)  # earlier versions from this batch must be in the table
            version, retired = _supersede(conn, doc.locator)
            groups |= retired
        row = {
            "source_id": source_id(conn, doc.spec, sources),
            "locator": doc.locator,
            "version": version + 1,
            "current": True,
            "sha256": sha,
            "language": doc.result.language,
            "published": doc.result.published,
            "fetched_at": doc.fetched_at,
            "added_at": now(),
            "kind": doc.kind,
            "text": doc.text,
        }
        events = doc.result.events
        slot = pending.add(row, [store_claim(seq, ev) for seq, ev in enumerate(events)])
        groups |= {(ev.attacker, ev.target_country, ev.date) for ev in events}
        seen[sha] = -1 - slot
        outcomes.append(("version" if version else "new", -1 - slot))
        if decided is not None and not decided(len(outcomes) - 1, outcomes[-1][0]):
            break
    pending.flush(conn)
    stored = [Stored(status, i if i >= 0 else pending.ids[-1 - i]) for status, i in outcomes]
    return stored, groups


def store_claim(seq: int, ev: Event) -> ClaimRows:
    """The rows of one claim (document and claim ids are filled in when written)."""
    extra = {"approximate": ev.approximate, "message_ids": ev.message_ids}
    row = {
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
    weapons = [w.to_dict() for w in ev.weapons]
    for w in weapons:
        w["cls"] = w.pop("class")
    places = [p.to_dict() for p in ev.casualties_by_place]
    spans = [
        {"field": e.field, "start": e.start, "end": e.end, "message_id": e.message_id}
        for e in ev.evidence
    ]
    return ClaimRows(row, (weapons, places, spans))


def spec_for(source_name: str | None, url: str | None) -> SourceSpec:
    return identify(source_name, url)
