"""Export the ledger's attacks: csv (the dataset's layout plus skyledger's own
columns), jsonl (one attack per line) or parquet (the csv rows, via DuckDB).

Rows come in a stable order that does not depend on the order documents
arrived: date, then the attack's content key, then weapon class.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO, TextIO

from sqlalchemy import Connection, select

from skyledger.errors import UsageError
from skyledger.ledger_models import AttackFilter
from skyledger.store import schema as s
from skyledger.store.field_values import decode
from skyledger.store.queries import claim_value, filtered

DATASET_COLUMNS: tuple[str, ...] = (
    "time_start",
    "time_end",
    "model",
    "launch_place",
    "target",
    "target_main",
    "launched",
    "destroyed",
    "not_reach_goal",
    "still_attacking",
    "border_crossing",
    "is_shahed",
    "num_hit_location",
    "num_fall_fragment_location",
    "carrier",
    "turbojet",
    "turbojet_destroyed",
    "affected region",
    "destroyed_details",
    "launched_details",
    "launch_place_details",
    "source",
)
OWN_COLUMNS: tuple[str, ...] = (
    "attack_key",
    "attacker",
    "target_country",
    "weapon_class",
    "regions",
    "attack_launched",
    "attack_destroyed",
    "killed",
    "injured",
    "sources",
    "evidence",
    "conflicts",
)
CSV_COLUMNS = DATASET_COLUMNS + OWN_COLUMNS
_INTEGER_COLUMNS = {
    "launched",
    "destroyed",
    "not_reach_goal",
    "attack_launched",
    "attack_destroyed",
    "killed",
    "injured",
}


@dataclass
class AttackRecord:
    row: dict[str, Any]
    classes: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    conflicts: dict[str, dict[str, Any]] = field(default_factory=dict)


def load(conn: Connection, f: AttackFilter) -> list[AttackRecord]:
    """Every matching attack with its classes, sources, evidence and conflicts (bulk reads)."""
    a = s.attacks.c
    ids = filtered(select(a.id), f).subquery()
    rows = conn.execute(
        filtered(select(s.attacks), f).order_by(
            a.date, a.attacker, a.target_country, a.regions, a.key
        )
    ).all()
    records = {r.id: AttackRecord(dict(r._mapping)) for r in rows}
    k = s.attack_classes.c
    for r in conn.execute(
        select(s.attack_classes).where(k.attack_id.in_(select(ids))).order_by(k.cls)
    ):
        records[r.attack_id].classes.append(dict(r._mapping))
    claims = _claims(conn, ids)
    _add_sources(records, claims)
    _add_conflicts(conn, ids, records, claims)
    return sorted(records.values(), key=_content_order)


def _content_order(rec: AttackRecord) -> tuple[str, ...]:
    """Attacks of one day, attacker, target and regions ordered by their figures, then key."""
    a = rec.row
    figures = [a[n] for n in ("launched", "destroyed", "killed", "injured")]
    classes = [(c["cls"], c["launched"], c["destroyed"]) for c in rec.classes]
    return (
        a["date"].isoformat() if a["date"] else "9999",
        a["attacker"] or "",
        a["target_country"] or "",
        a["regions"],
        json.dumps(classes),
        json.dumps(figures),
        a["key"],
    )


def _claims(conn: Connection, ids: Any) -> dict[int, dict[str, Any]]:
    c, d, src, e = s.claims.c, s.documents.c, s.sources.c, s.evidence.c
    query = (
        select(s.claims, d.locator, d.text, src.name.label("source_name"))
        .join(s.documents, d.id == c.document_id)
        .join(s.sources, src.id == d.source_id)
        .where(c.current, c.attack_id.in_(select(ids)))
    )
    out: dict[int, dict[str, Any]] = {}
    for r in conn.execute(query):
        info = dict(r._mapping)
        out[r.id] = {"row": info, "weapons": [], "evidence": []}
    w = s.claim_weapons.c
    for r in conn.execute(select(s.claim_weapons).where(w.claim_id.in_(list(out))).order_by(w.id)):
        out[r.claim_id]["weapons"].append(dict(r._mapping))
    for r in conn.execute(
        select(s.evidence).where(e.claim_id.in_(list(out))).order_by(e.start, e.end, e.field)
    ):
        info = out[r.claim_id]
        info["evidence"].append(
            {
                "field": r.field,
                "start": r.start,
                "end": r.end,
                "sentence": info["row"]["text"][r.start : r.end],
            }
        )
    return out


def _add_sources(records: dict[int, AttackRecord], claims: dict[int, dict[str, Any]]) -> None:
    for info in sorted(claims.values(), key=lambda i: (i["row"]["locator"], i["row"]["seq"])):
        row = info["row"]
        rec = records[row["attack_id"]]
        rec.sources.append({"source": row["source_name"], "document": row["locator"]})
        rec.evidence += [{"document": row["locator"], **ev} for ev in info["evidence"]]


def _add_conflicts(
    conn: Connection, ids: Any, records: dict[int, AttackRecord], claims: dict[int, dict[str, Any]]
) -> None:
    f = s.attack_fields.c
    query = select(s.attack_fields).where(f.attack_id.in_(select(ids)), f.conflicting != "[]")
    for r in conn.execute(query.order_by(f.attack_id, f.field)):
        others = [claim_value(claims[i], r.field) for i in json.loads(r.conflicting) if i in claims]
        records[r.attack_id].conflicts[r.field] = {
            "chosen": decode(r.value),
            "others": sorted({json.dumps(v) for v in others}),
        }
    for rec in records.values():
        for entry in rec.conflicts.values():
            entry["others"] = [json.loads(v) for v in entry["others"]]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _region_names(codes: str) -> str:
    from skyledger.extract.places import region_name

    return ", ".join(region_name(c) for c in codes.split(", ") if c)


def csv_rows(records: list[AttackRecord]) -> Iterator[dict[str, str]]:
    """One row per attack and weapon class (one row with no model when none is known)."""
    for rec in records:
        a = rec.row
        day = a["date"].isoformat() if a["date"] else ""
        own = {
            "attack_key": a["key"],
            "attacker": _text(a["attacker"]),
            "target_country": _text(a["target_country"]),
            "regions": a["regions"],
            "attack_launched": _text(a["launched"]),
            "attack_destroyed": _text(a["destroyed"]),
            "killed": _text(a["killed"]),
            "injured": _text(a["injured"]),
            "sources": json.dumps(rec.sources, ensure_ascii=False),
            "evidence": json.dumps(rec.evidence, ensure_ascii=False),
            "conflicts": json.dumps(rec.conflicts, ensure_ascii=False, sort_keys=True),
            "source": "; ".join(dict.fromkeys(x["source"] for x in rec.sources)),
            "time_start": day,
            "time_end": day,
            "target": _text(a["target_country"]),
            "affected region": _region_names(a["regions"]),
        }
        for cls in rec.classes or [{}]:
            row = dict.fromkeys(CSV_COLUMNS, "")
            row.update(own)
            model = _text(cls.get("model"))
            row.update(
                {
                    "weapon_class": _text(cls.get("cls")),
                    "model": model,
                    "launched": _text(cls.get("launched")),
                    "destroyed": _text(cls.get("destroyed")),
                    "not_reach_goal": _text(cls.get("suppressed")),
                    "is_shahed": "1"
                    if "shahed" in model.lower() or "geran" in model.lower()
                    else ("0" if cls else ""),
                }
            )
            yield row


def jsonl_record(rec: AttackRecord) -> dict[str, Any]:
    a = rec.row
    return {
        "key": a["key"],
        "date": a["date"].isoformat() if a["date"] else None,
        "attacker": a["attacker"],
        "target_country": a["target_country"],
        "regions": [x for x in a["regions"].split(", ") if x],
        "weapons": [
            {
                "class": c["cls"],
                "model": c["model"],
                "launched": c["launched"],
                "destroyed": c["destroyed"],
                "suppressed": c["suppressed"],
            }
            for c in rec.classes
        ],
        "launched": a["launched"],
        "destroyed": a["destroyed"],
        "killed": a["killed"],
        "injured": a["injured"],
        "sources": rec.sources,
        "evidence": rec.evidence,
        "conflicts": rec.conflicts,
    }


def _write_text(out: BinaryIO | TextIO, write: Callable[[TextIO], int]) -> int:
    if isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        return write(out)  # type: ignore[arg-type]
    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        return write(wrapper)
    finally:
        wrapper.flush()
        wrapper.detach()


def write_csv(records: list[AttackRecord], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in csv_rows(records):
        writer.writerow(row)
        n += 1
    return n


def write_jsonl(records: list[AttackRecord], out: TextIO) -> int:
    out.writelines(
        json.dumps(jsonl_record(rec), ensure_ascii=False, sort_keys=True) + "\n" for rec in records
    )
    return len(records)


def write_parquet(records: list[AttackRecord], out: BinaryIO | TextIO) -> int:
    """The csv rows as Parquet: DuckDB reads a temporary CSV and COPYs it."""
    import duckdb

    if hasattr(out, "encoding"):
        raise UsageError("parquet is binary: write it to a file with -o FILE.parquet")
    with tempfile.TemporaryDirectory(prefix="skyledger-export-") as tmp:
        src, dst = os.path.join(tmp, "rows.csv"), os.path.join(tmp, "rows.parquet")
        with open(src, "w", encoding="utf-8", newline="") as fh:
            n = write_csv(records, fh)
        types = {c: ("BIGINT" if c in _INTEGER_COLUMNS else "VARCHAR") for c in CSV_COLUMNS}
        con = duckdb.connect()
        try:
            con.execute(
                f"COPY (SELECT * FROM read_csv(?, header=true, columns={types!r}, quote='\"', "
                f"escape='\"')) TO '{dst}' (FORMAT parquet)",
                [src],
            ).fetchall()
        finally:
            con.close()
        with open(dst, "rb") as fh:
            out.write(fh.read())
    return n


FORMATS: dict[str, Callable[[list[AttackRecord], Any], int]] = {
    "csv": lambda recs, out: _write_text(out, lambda t: write_csv(recs, t)),
    "jsonl": lambda recs, out: _write_text(out, lambda t: write_jsonl(recs, t)),
    "parquet": write_parquet,
}


def export(conn: Connection, fmt: str, out: BinaryIO | TextIO, f: AttackFilter) -> int:
    """Write the matching attacks to `out`; the number of rows written."""
    if fmt not in FORMATS:
        raise UsageError(f"export format {fmt!r} is unknown; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt](load(conn, f), out)
