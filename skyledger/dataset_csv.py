"""Import CSV files in the layout of the "Massive Missile Attacks on Ukraine" dataset.

    rows (one weapon model per attack window), read by header name
      -> windows: rows sharing time_start/time_end (and attacker, target and
         attack_key when skyledger's own columns are there)
      -> one claim (Event) per window, weapons classed with the taxonomy
      -> Ledger.add_document: the file is one document of a dataset source

Columns have been added over the years: any may be missing. Counts are
written as floats ("29.0"); times as "2024-03-21 03:00" or a bare date.
The same reader takes skyledger's own export back.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from skyledger.errors import DocumentNotFound, InputError
from skyledger.ledger_models import WEAPON_CLASSES, ImportReport
from skyledger.models import DocumentResult, Event, Evidence, Weapon

if TYPE_CHECKING:
    from skyledger.ledger import Ledger

# A window's attack date is the morning it ended (the contract's overnight rule).
DEFAULT_ATTACKER = "RU"
DEFAULT_TARGET = "UA"


@dataclass
class Row:
    line: int
    start: int  # character offsets of the row in the file text
    end: int
    values: dict[str, str]

    def get(self, name: str) -> str:
        return (self.values.get(name) or "").strip()


@dataclass
class Window:
    rows: list[Row] = field(default_factory=list)


def parse_count(text: str) -> int | None:
    """ "29.0" -> 29, "" -> None, "n/a" -> None; negative or fractional counts -> None."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    if value < 0 or value != int(value):
        return None
    return int(value)


def parse_day(text: str) -> date | None:
    """ "2024-03-21 03:00", "2024-03-21T03:00:00", "2024-03-21" -> the date."""
    text = text.strip()
    if not text:
        return None
    for candidate in (text[:10], text):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            pass
    for fmt in ("%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text.split()[0], fmt).date()
        except ValueError:
            pass
    return None


def read_rows(text: str) -> Iterator[Row]:
    """Rows with their line number and character span in `text`."""
    offsets = [0]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    previous = 1  # the header ends on line 1
    for values in reader:
        end_line = reader.line_num
        start = offsets[min(previous, len(offsets) - 1)]
        end = offsets[min(end_line, len(offsets) - 1)]
        yield Row(
            end_line,
            start,
            len(text[:end].rstrip("\r\n")),
            {(k or "").strip(): (v if isinstance(v, str) else "") for k, v in values.items()},
        )
        previous = end_line


def weapon_class(row: Row) -> tuple[str, str | None] | None:
    """(class, model) of a row: skyledger's weapon_class column, else the taxonomy."""
    from skyledger.extract.weapons import find_weapons

    model = row.get("model") or None
    given = row.get("weapon_class")
    if given in WEAPON_CLASSES:
        return given, model
    if not model:
        return None
    mentions = find_weapons(model, lang="en")
    if mentions:
        return mentions[0].cls, model
    low = model.lower()
    if "missile" in low or "ракет" in low:
        return "missile", model
    if any(w in low for w in ("drone", "uav", "бпла", "shahed")):
        return "drone", model
    return None


def _window_key(row: Row) -> tuple[str, ...]:
    return (
        row.get("attack_key"),
        row.get("time_start"),
        row.get("time_end"),
        row.get("attacker"),
        row.get("target_country"),
    )


def _regions(window: Window) -> list[str]:
    from skyledger.extract.places import find_places

    codes: list[str] = []
    for row in window.rows:
        own = row.get("regions")
        if own:
            found = [c.strip() for c in own.split(",") if c.strip()]
        else:
            text = row.get("affected region") or row.get("affected_region")
            found = [m.code for m in find_places(text, "en") if m.code] if text else []
        codes += [c for c in found if c not in codes]
    return codes


def _total(window: Window, column: str, weapons: list[Weapon], fig: str) -> int | None:
    """skyledger's own total column when present, else the sum when every class has a count."""
    first = window.rows[0]
    if column in first.values:
        return parse_count(first.get(column))
    counts = [getattr(w, fig) for w in weapons]
    return sum(counts) if counts and all(c is not None for c in counts) else None


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _weapons(window: Window, skipped: list[str]) -> tuple[list[Weapon], list[Evidence]]:
    by_cls: dict[str, Weapon] = {}
    spans: list[Evidence] = []
    for row in window.rows:
        found = weapon_class(row)
        if found is None:
            if row.get("model"):
                skipped.append(f"line {row.line}: weapon model {row.get('model')!r} is not known")
            continue
        cls, model = found
        counts = [parse_count(row.get(c)) for c in ("launched", "destroyed", "not_reach_goal")]
        if cls in by_cls:
            w = by_cls[cls]
            w.launched, w.destroyed = _add(w.launched, counts[0]), _add(w.destroyed, counts[1])
            w.suppressed = (
                _add(w.suppressed, counts[2])
                if w.suppressed is not None or counts[2] is not None
                else None
            )
            w.model = ", ".join(dict.fromkeys(m for m in (w.model, model) if m)) or None
        else:
            by_cls[cls] = Weapon(
                cls, model, counts[0], counts[1], counts[2], None, row.get("launch_place") or None
            )
        spans += [
            Evidence(f"weapons.{cls}.{fig}", row.start, row.end)
            for fig in ("launched", "destroyed")
        ]
    return list(by_cls.values()), spans


def window_event(window: Window, skipped: list[str]) -> Event | None:
    first = window.rows[0]
    day = parse_day(first.get("time_end")) or parse_day(first.get("time_start"))
    if day is None:
        skipped.append(f"line {first.line}: no date in time_start/time_end")
        return None
    weapons, spans = _weapons(window, skipped)
    if not weapons and "killed" not in first.values:
        return None
    event = Event(
        day,
        first.get("attacker") or DEFAULT_ATTACKER,
        first.get("target_country") or DEFAULT_TARGET,
        _regions(window),
        weapons,
    )
    event.launched = _total(window, "attack_launched", weapons, "launched")
    event.destroyed = _total(window, "attack_destroyed", weapons, "destroyed")
    event.killed = parse_count(first.get("killed"))
    event.injured = parse_count(first.get("injured"))
    event.evidence = spans
    return event


def read_dataset(text: str, source: str) -> tuple[DocumentResult, int, list[str]]:
    """(the file as one document's claims, rows read, reasons rows were skipped)."""
    windows: dict[tuple[str, ...], Window] = {}
    rows = 0
    for row in read_rows(text):
        rows += 1
        windows.setdefault(_window_key(row), Window()).rows.append(row)
    skipped: list[str] = []
    events = [e for w in windows.values() if (e := window_event(w, skipped)) is not None]
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return DocumentResult(source, "en", None, sha, events), rows, skipped


def _read_text(path: Path) -> tuple[str, bytes]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentNotFound(f"dataset file {str(path)!r} does not exist") from None
    except IsADirectoryError:
        raise DocumentNotFound(f"{str(path)!r} is a folder; give the CSV file") from None
    try:
        return raw.decode("utf-8-sig"), raw
    except UnicodeDecodeError:
        raise InputError(f"dataset file {str(path)!r} is not UTF-8 text") from None


def import_csv(ledger: Ledger, path: str | Path, *, source_name: str) -> ImportReport:
    """Store a dataset CSV in the ledger as claims of a dataset source."""
    path = Path(path)
    text, raw = _read_text(path)
    if not text.strip():
        raise InputError(f"dataset file {str(path)!r} is empty")
    result, rows, skipped = read_dataset(text, str(path))
    outcome = ledger.add_document(
        result, text=text, raw=raw, url=str(path.resolve()), source_name=source_name
    )
    return ImportReport(
        str(path),
        outcome.status,
        outcome.document_id,
        rows,
        len(result.events),
        outcome.attacks_created,
        outcome.attacks_updated,
        skipped,
    )


__all__ = ["import_csv", "parse_count", "parse_day", "read_dataset"]
