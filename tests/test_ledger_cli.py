"""The ledger commands: attacks, show, stats, export, import (--db and SKYLEDGER_DB)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from skyledger.cli import main

SAMPLE = Path(__file__).parent / "fixtures" / "massive_missile_attacks_sample.csv"
COMMANDS = ("attacks", "show", "stats", "export", "import")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.db")
    code, out, _ = run("import", str(SAMPLE), "--db", path)
    assert code == 0 and "new; 7 rows, 3 attack windows; attacks created 3" in out
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_db_and_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "--db" in out and "Example" in out and f"skyledger {command}" in out


def test_attacks_show_stats(db: str) -> None:
    code, out, _ = run("attacks", "--db", db, "--class", "cruise_missile")
    assert code == 0 and "2024-03-24" in out and "2024-03-22" not in out
    code, out, _ = run("show", "1", env={"SKYLEDGER_DB": db})
    assert code == 0 and "weapons.cruise_missile.launched: 29" in out
    assert "Massive Missile Attacks on Ukraine" in out and "X-101" in out
    code, out, _ = run("stats", "--db", db, "--since", "2024-03-22")
    assert code == 0 and "attack_drone" in out and "87.3%" in out


def test_export_and_reimport(db: str, tmp_path: Path) -> None:
    code, out, err = run("export", "--db", db, "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 3 and "3 rows written" in err
    assert json.loads(out.splitlines()[0])["date"] == "2024-03-21"
    target = tmp_path / "out.csv"
    code, _, _ = run("export", "--db", db, "-o", str(target))
    code, out, _ = run("import", str(target), "--db", str(tmp_path / "copy.db"))
    assert code == 0 and "attacks created 3" in out


def test_errors_are_one_line(db: str, tmp_path: Path) -> None:
    code, _, err = run("show", "999", "--db", db)
    assert code == 2 and "attack 999 does not exist" in err and len(err.strip().splitlines()) == 1
    code, _, err = run("attacks", "--db", db, "--region", "Kyiv")
    assert code == 2 and "ISO 3166-2" in err
    code, _, err = run("attacks", "--db", db, "--since", "yesterday")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = run("stats", "--db", "mysql://x/y")
    assert code == 2 and "unknown scheme" in err
    code, _, err = run("import", str(tmp_path / "none.csv"), "--db", db)
    assert code == 1 and "does not exist" in err
