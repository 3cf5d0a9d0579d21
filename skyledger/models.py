"""Typed records passed between the pipeline stages and printed by the CLI.

The field names follow the extraction contract (shared/contract/README.md);
`to_dict` gives the contract's JSON shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class Document:
    """One readable unit of text: a page, a file, or one Telegram message.

    `text` is the cleaned text that every evidence offset refers to.
    """

    source: str
    text: str
    published: date | None = None
    language: str | None = None
    # Telegram exports: the message id, so evidence can point back to it.
    message_id: int | None = None
    # Where the text came from: "text", "html", "telegram".
    kind: str = "text"
    # Telegram: whether this message edits/updates an earlier one (set later).
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Evidence:
    field: str
    start: int
    end: int
    message_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "start": self.start, "end": self.end}
        if self.message_id is not None:
            out["message_id"] = self.message_id
        return out


@dataclass
class Weapon:
    cls: str
    model: str | None = None
    launched: int | None = None
    destroyed: int | None = None
    suppressed: int | None = None
    platform: str | None = None
    launch_area: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "class": self.cls,
            "model": self.model,
            "launched": self.launched,
            "destroyed": self.destroyed,
            "suppressed": self.suppressed,
            "platform": self.platform,
            "launch_area": self.launch_area,
        }


@dataclass
class PlaceCasualties:
    region: str | None
    place: str | None
    killed: int | None = None
    injured: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "place": self.place,
            "killed": self.killed,
            "injured": self.injured,
        }


@dataclass
class Event:
    date: date | None
    attacker: str | None
    target_country: str | None
    regions: list[str] = field(default_factory=list)
    weapons: list[Weapon] = field(default_factory=list)
    launched: int | None = None
    destroyed: int | None = None
    killed: int | None = None
    injured: int | None = None
    casualties_by_place: list[PlaceCasualties] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    # Approximate figures kept as phrases ("about 10"); ignored by scoring.
    approximate: dict[str, str] = field(default_factory=dict)
    # Telegram exports: the messages this event was read from.
    message_ids: list[int] = field(default_factory=list)
    # The part of day the text gives the attack ("night", "day"); not part of the output.
    daypart: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "date": self.date.isoformat() if self.date else None,
            "attacker": self.attacker,
            "target_country": self.target_country,
            "regions": list(self.regions),
            "weapons": [w.to_dict() for w in self.weapons],
            "launched": self.launched,
            "destroyed": self.destroyed,
            "killed": self.killed,
            "injured": self.injured,
            "casualties_by_place": [c.to_dict() for c in self.casualties_by_place],
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.approximate:
            out["approximate"] = dict(self.approximate)
        if self.message_ids:
            out["message_ids"] = list(self.message_ids)
        return out


@dataclass
class DocumentResult:
    source: str
    language: str
    published: date | None
    text_sha256: str
    events: list[Event] = field(default_factory=list)
    # Telegram exports: messages that could not be read, with the reason.
    skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": {
                "source": self.source,
                "language": self.language,
                "published": self.published.isoformat() if self.published else None,
                "text_sha256": self.text_sha256,
            },
            "events": [e.to_dict() for e in self.events],
        }
