"""Import of the "Massive Missile Attacks on Ukraine" CSV layout (fixtures in tests/fixtures/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from skyledger.dataset_csv import parse_count, parse_day, read_dataset
from skyledger.errors import DocumentNotFound
from skyledger.ledger import Ledger

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "massive_missile_attacks_sample.csv"


def test_counts_and_times() -> None:
    assert [parse_count(x) for x in ("29.0", "29", "", "n/a", "1,200.0", "-1", "2.5")] == [
        29,
        29,
        None,
        None,
        1200,
        None,
        None,
    ]
    assert parse_day("2024-03-21 03:00") == date(2024, 3, 21)
    assert parse_day("2024-03-21") == parse_day("21.03.2024") == date(2024, 3, 21)
    assert parse_day("soon") is None


def test_windows_become_claims_with_classes_and_regions() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    result, rows, skipped = read_dataset(text, "sample.csv")
    assert rows == 7
    assert skipped == [
        "line 7: no date in time_start/time_end",
        "line 8: weapon model 'Mystery Object' is not known",
    ]
    first, second, third = result.events
    assert (first.date, first.attacker, first.target_country) == (date(2024, 3, 21), "RU", "UA")
    assert {(w.cls, w.launched, w.destroyed) for w in first.weapons} == {
        ("cruise_missile", 29, 29),
        ("ballistic_missile", 2, 2),
    }
    assert (first.launched, first.destroyed, first.regions) == (31, 31, ["UA-30", "UA-32"])
    assert {(w.cls, w.suppressed) for w in second.weapons} == {
        ("attack_drone", 6),
        ("aeroballistic_missile", None),
    }
    assert second.regions == ["UA-63", "UA-51"]
    assert (third.date, third.weapons[0].cls) == (date(2024, 3, 24), "cruise_missile")
    # Evidence points at the row in the file.
    span = first.evidence[0]
    assert text[span.start : span.end].startswith("2024-03-20 22:00,2024-03-21 07:00,X-101")


def test_old_layout_with_missing_columns() -> None:
    text = (FIXTURES / "massive_missile_attacks_old.csv").read_text(encoding="utf-8")
    result, rows, skipped = read_dataset(text, "old.csv")
    (event,) = result.events
    assert rows == 2 and skipped == [] and event.regions == []
    assert {(w.cls, w.launched) for w in event.weapons} == {
        ("cruise_missile", 84),
        ("attack_drone", 24),
    }
    assert (event.launched, event.destroyed) == (108, 56)


def test_import_is_a_dataset_source_and_idempotent(tmp_path: Path) -> None:
    with Ledger(str(tmp_path / "l.db")) as ledger:
        report = ledger.import_dataset_csv(SAMPLE)
        assert (report.status, report.rows_read, report.claims, report.attacks_created) == (
            "new",
            7,
            3,
            3,
        )
        assert len(report.skipped) == 2
        assert ledger.import_dataset_csv(SAMPLE).status == "unchanged"
        (source,) = ledger.sources()
        assert (source.name, source.kind) == ("Massive Missile Attacks on Ukraine", "dataset")
        with pytest.raises(DocumentNotFound):
            ledger.import_dataset_csv(tmp_path / "missing.csv")
