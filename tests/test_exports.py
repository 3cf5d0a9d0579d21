"""Exports: the dataset csv layout plus skyledger's columns, jsonl, parquet, filters,
a stable order, and export -> import round trips."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from skyledger.errors import UsageError
from skyledger.exports import CSV_COLUMNS, DATASET_COLUMNS
from skyledger.ledger import Ledger
from skyledger.ledger_models import AttackFilter
from skyledger.models import DocumentResult, Event, Evidence, Weapon

TEXT = "Overnight 40 drones and 2 missiles were launched; 35 drones were shot down."


def _event(
    day: int, attacker: str = "RU", target: str = "UA", regions: list[str] | None = None
) -> Event:
    weapons = [
        Weapon("attack_drone", "Shahed", 40, 35 - day),
        Weapon("ballistic_missile", "Iskander-M", 2, 0),
    ]
    return Event(
        date(2024, 5, day),
        attacker,
        target,
        regions or ["UA-51"],
        weapons,
        launched=42,
        destroyed=35 - day,
        killed=day,
        injured=None,
        evidence=[Evidence("launched", 0, 40)],
    )


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    led = Ledger(str(tmp_path / "x.db"))
    for day in (3, 1, 2):
        res = DocumentResult(f"{day}.txt", "en", date(2024, 5, day), "", [_event(day)])
        led.add_document(res, text=f"{TEXT} {day}", source_name="Ukrainian Air Force")
    wire = DocumentResult(
        "w.txt",
        "en",
        date(2024, 5, 2),
        "",
        [_event(2, regions=["UA-51", "UA-48"]), _event(2, "UA", "RU", ["RU-BEL"])],
    )
    wire.events[0].launched = 45
    led.add_document(wire, text=TEXT + " wire", source_name="Reuters")
    return led


def _export(led: Ledger, fmt: str, f: AttackFilter | None = None) -> str:
    buf = io.StringIO()
    led.export(fmt, buf, f or AttackFilter())
    return buf.getvalue()


def test_csv_layout_order_and_own_columns(ledger: Ledger) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(ledger, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS and CSV_COLUMNS[: len(DATASET_COLUMNS)] == DATASET_COLUMNS
    assert [(r["time_end"], r["attacker"], r["weapon_class"]) for r in rows][:3] == [
        ("2024-05-01", "RU", "attack_drone"),
        ("2024-05-01", "RU", "ballistic_missile"),
        ("2024-05-02", "RU", "attack_drone"),
    ]
    merged = [r for r in rows if r["time_end"] == "2024-05-02" and r["attacker"] == "RU"]
    assert merged[0]["attack_launched"] == "42"  # the Air Force over the wire
    assert json.loads(merged[0]["conflicts"])["launched"] == {"chosen": 42, "others": [45]}
    sources = {s["source"] for s in json.loads(merged[0]["sources"])}
    assert sources == {"Air Force of the Armed Forces of Ukraine", "Reuters"}
    assert json.loads(merged[0]["evidence"])[0]["sentence"] == TEXT[:40]
    assert merged[0]["affected region"] and merged[0]["regions"] == "UA-48, UA-51"
    assert _export(ledger, "csv") == _export(ledger, "csv")


def test_filters_and_jsonl(ledger: Ledger) -> None:
    lines = _export(ledger, "jsonl", AttackFilter(attacker="UA")).splitlines()
    assert [json.loads(x)["regions"] for x in lines] == [["RU-BEL"]]
    assert (
        len(
            _export(
                ledger, "jsonl", AttackFilter(since=date(2024, 5, 2), attacker="RU")
            ).splitlines()
        )
        == 2
    )
    assert len(_export(ledger, "jsonl", AttackFilter(region="UA-48")).splitlines()) == 1
    with pytest.raises(UsageError, match="unknown"):
        _export(ledger, "xml")


def test_parquet_is_readable(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    with open(out, "wb") as fh:
        n = ledger.export("parquet", fh)
    con = duckdb.connect()
    rows = con.execute(f"SELECT count(*), sum(launched) FROM read_parquet('{out}')").fetchall()
    con.close()
    assert n == 8 and rows == [(8, 40 * 4 + 2 * 4)]


def test_export_import_round_trip(ledger: Ledger, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text(_export(ledger, "csv"), encoding="utf-8")
    with Ledger(str(tmp_path / "copy.db")) as copy:
        report = copy.import_dataset_csv(first)
        assert report.skipped == [] and report.claims == 4
        again = list(csv.DictReader(io.StringIO(_export(copy, "csv"))))
    before = list(csv.DictReader(io.StringIO(first.read_text(encoding="utf-8"))))
    figures = [
        c
        for c in CSV_COLUMNS
        if c not in ("attack_key", "sources", "evidence", "conflicts", "source")
    ]
    assert [[r[c] for c in figures] for r in again] == [[r[c] for c in figures] for r in before]


def test_dev_corpus_twice_any_order_and_round_trip(dev_corpus: Path, tmp_path: Path) -> None:
    """The shared corpus (its gold claims): twice in any order gives one ledger; export round-trips."""
    from skyledger.ledger_models import result_from_contract

    golds = sorted(dev_corpus.glob("*.gold.json"))
    docs = []
    for gold in golds:
        stem = gold.name[: -len(".gold.json")]
        (path,) = [p for p in dev_corpus.glob(stem + ".*") if p != gold]
        docs.append((result_from_contract(json.loads(gold.read_text(encoding="utf-8"))), path))
    exports = []
    for name, order in (("a", docs + docs), ("b", docs[::-1])):
        with Ledger(str(tmp_path / f"{name}.db")) as led:
            outcomes = [led.add_document(r, text=p.read_text(encoding="utf-8")) for r, p in order]
            exports.append(_export(led, "csv"))
    assert {o.status for o in outcomes} == {"new"} and exports[0] == exports[1]
    first = tmp_path / "corpus.csv"
    first.write_text(exports[0], encoding="utf-8")
    with Ledger(str(tmp_path / "copy.db")) as copy:
        copy.import_dataset_csv(first)
        again = list(csv.DictReader(io.StringIO(_export(copy, "csv"))))
    before = list(csv.DictReader(io.StringIO(exports[0])))
    figures = [
        c
        for c in CSV_COLUMNS
        if c not in ("attack_key", "sources", "evidence", "conflicts", "source")
    ]
    assert [[r[c] for c in figures] for r in again] == [[r[c] for c in figures] for r in before]
