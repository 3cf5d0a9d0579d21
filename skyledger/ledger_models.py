"""Records the ledger facade (`skyledger.ledger.Ledger`) takes and returns.

Names are part of the contract between the ledger, ingest and web code:
fields may be added, never renamed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from skyledger.errors import UsageError
from skyledger.models import DocumentResult, Event, Evidence, PlaceCasualties, Weapon

WEAPON_CLASSES: tuple[str, ...] = (
    "ballistic_missile",
    "aeroballistic_missile",
    "cruise_missile",
    "guided_air_missile",
    "anti_aircraft_missile",
    "guided_bomb",
    "attack_drone",
    "decoy_drone",
    "recon_drone",
    "missile",
    "drone",
)

# Scalar attack fields, named as in the extraction contract.
SCALAR_FIELDS: tuple[str, ...] = (
    "date",
    "attacker",
    "target_country",
    "regions",
    "launched",
    "destroyed",
    "killed",
    "injured",
)
WEAPON_FIGURES: tuple[str, ...] = ("launched", "destroyed", "suppressed")

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_REGION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


def is_attack_field(name: str) -> bool:
    """True for "launched", "regions", "weapons.cruise_missile.destroyed" and the like."""
    if name in SCALAR_FIELDS:
        return True
    parts = name.split(".")
    return (
        len(parts) == 3
        and parts[0] == "weapons"
        and parts[1] in WEAPON_CLASSES
        and parts[2] in WEAPON_FIGURES
    )


@dataclass(frozen=True)
class AttackFilter:
    since: date | None = None
    until: date | None = None
    attacker: str | None = None  # ISO 3166-1 alpha-2
    region: str | None = None  # ISO 3166-2
    cls: str | None = None  # weapon class of the contract

    def validate(self) -> AttackFilter:
        """Raise UsageError with a one-line message on a bad value; return self."""
        if self.since and self.until and self.since > self.until:
            raise UsageError(
                f"--since {self.since} is after --until {self.until}; swap them or drop one"
            )
        if self.attacker is not None and not _COUNTRY.match(self.attacker):
            raise UsageError(
                f"attacker {self.attacker!r} is not an ISO 3166-1 alpha-2 code; e.g. RU or UA"
            )
        if self.region is not None and not _REGION.match(self.region):
            raise UsageError(
                f"region {self.region!r} is not an ISO 3166-2 code; e.g. UA-30 (Kyiv) or RU-BEL"
            )
        if self.cls is not None and self.cls not in WEAPON_CLASSES:
            raise UsageError(
                f"weapon class {self.cls!r} is unknown; choose one of {', '.join(WEAPON_CLASSES)}"
            )
        return self


@dataclass
class AddOutcome:
    """What storing one document did."""

    status: str  # "new" | "unchanged" | "version" (same URL/path, changed content)
    document_id: int
    attacks_created: int
    attacks_updated: int


@dataclass(frozen=True)
class NewDocument:
    """A document to add: its extraction, its text and where it came from."""

    result: DocumentResult
    text: str
    raw: bytes | None = None
    url: str | None = None
    source_name: str | None = None
    fetched_at: datetime | None = None


@dataclass
class BatchOutcome:
    """What storing a batch of documents did: each document's (status, id), in order."""

    documents: list[tuple[str, int]]
    attacks_created: int
    attacks_updated: int


@dataclass
class ImportReport:
    """What importing one dataset CSV did."""

    path: str
    status: str  # as AddOutcome.status
    document_id: int
    rows_read: int
    claims: int
    attacks_created: int
    attacks_updated: int
    skipped: list[str] = field(default_factory=list)  # "line 7: no date in time_start/time_end"


@dataclass
class WeaponFigures:
    cls: str
    model: str | None
    launched: int | None
    destroyed: int | None
    suppressed: int | None


@dataclass
class AttackSummary:
    id: int
    key: str
    date: date | None
    attacker: str | None
    target_country: str | None
    regions: list[str]
    launched: int | None
    destroyed: int | None
    killed: int | None
    injured: int | None
    weapons: list[WeaponFigures]
    n_claims: int
    n_sources: int


@dataclass
class AttackPage:
    items: list[AttackSummary]
    next: str | None


@dataclass
class EvidenceSpan:
    field: str
    start: int
    end: int
    sentence: str
    message_id: int | None = None


@dataclass
class ClaimRef:
    """One document's claim about one field of an attack."""

    claim_id: int
    document_id: int
    source: str
    standing: int
    published: date | None
    value: Any
    evidence: list[EvidenceSpan]
    locator: str = ""


@dataclass
class FieldValue:
    field: str
    value: Any  # the published value (a correction, when one was accepted)
    chosen: ClaimRef | None
    supporting: list[ClaimRef]
    conflicting: list[ClaimRef]
    corrected: bool = False


@dataclass
class AttackDetail:
    summary: AttackSummary
    fields: dict[str, FieldValue]
    documents: list[int]


@dataclass
class StatRow:
    month: str  # "YYYY-MM"
    cls: str
    launched: int
    destroyed: int
    rate: float | None
    low: float | None
    high: float | None
    attacks: int = 0


@dataclass
class SourceInfo:
    id: int
    name: str
    kind: str
    country: str | None
    standing: int
    documents: int = 0


@dataclass
class DocumentSummary:
    id: int
    source: str
    locator: str
    version: int
    current: bool
    language: str | None
    published: date | None
    fetched_at: datetime | None
    sha256: str
    claims: int


@dataclass
class DocumentPage:
    items: list[DocumentSummary]
    next: str | None


@dataclass
class DocumentFigure:
    field: str
    start: int
    end: int
    attack_id: int | None
    claim_id: int


@dataclass
class DocumentDetail:
    summary: DocumentSummary
    text: str
    figures: list[DocumentFigure]


@dataclass
class Correction:
    id: int
    attack_id: int
    field: str
    proposed: str
    comment: str
    quote: str
    document_id: int | None
    start: int | None
    end: int | None
    submitter: str
    status: str  # "pending" | "accepted" | "rejected"
    created_at: datetime
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    reason: str = ""


@dataclass
class HistoryEntry:
    attack_id: int
    field: str
    before: str | None
    after: str | None
    editor: str
    at: datetime
    reason: str
    correction_id: int | None


@dataclass
class UserRecord:
    name: str
    role: str
    password_hash: str
    created_at: datetime


def result_from_contract(data: dict[str, Any]) -> DocumentResult:
    """A DocumentResult from the contract's JSON (`skyledger extract` output, gold files)."""
    doc = data["document"]
    published = date.fromisoformat(doc["published"]) if doc.get("published") else None
    events = [_event_from_contract(e) for e in data.get("events", [])]
    return DocumentResult(
        doc.get("source") or "-",
        doc.get("language") or "en",
        published,
        doc.get("text_sha256") or "",
        events,
    )


def _event_from_contract(e: dict[str, Any]) -> Event:
    weapons = [
        Weapon(
            w["class"],
            w.get("model"),
            w.get("launched"),
            w.get("destroyed"),
            w.get("suppressed"),
            w.get("platform"),
            w.get("launch_area"),
        )
        for w in e.get("weapons", [])
    ]
    places = [
        PlaceCasualties(p.get("region"), p.get("place"), p.get("killed"), p.get("injured"))
        for p in e.get("casualties_by_place", [])
    ]
    spans = [
        Evidence(v["field"], v["start"], v["end"], v.get("message_id"))
        for v in e.get("evidence", [])
    ]
    return Event(
        date=date.fromisoformat(e["date"]) if e.get("date") else None,
        attacker=e.get("attacker"),
        target_country=e.get("target_country"),
        regions=list(e.get("regions", [])),
        weapons=weapons,
        launched=e.get("launched"),
        destroyed=e.get("destroyed"),
        killed=e.get("killed"),
        injured=e.get("injured"),
        casualties_by_place=places,
        evidence=spans,
    )
