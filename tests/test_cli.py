"""The command line, run for real: output shapes, help, and every error path.

Each error must be one line on standard error with the documented exit code
(2 usage, 1 input, 70 internal) and never a traceback.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from skyledger import __version__, pipeline
from skyledger.cli import main, print_table, weapon_label
from skyledger.errors import DecodeError, DocumentTooLarge, EmptyDocument, UsageError
from skyledger.models import DocumentResult, Event, PlaceCasualties, Weapon

REPORT = """Russia attacked Ukraine overnight with 31 Shahed drones and two Kh-59 missiles,
the air force said on Tuesday. Air defence shot down 27 drones and one missile.
One person was injured in the Sumy region, the regional governor said.
"""


def run(args: list[str], stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)


def assert_one_line_error(result: Result, code: int, *needles: str) -> None:
    lines = result.stderr.splitlines()
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(("error: ", "internal error: ")), lines[0]
    assert "Traceback" not in result.stderr + result.output
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


# -- output -------------------------------------------------------------------


def test_json_is_one_object_in_the_contract_shape(report: Path) -> None:
    result = run(["extract", str(report), "--published", "2024-05-14"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)  # the whole of stdout is one JSON object
    assert set(out) >= {"document", "events"}
    assert out["document"]["published"] == "2024-05-14"
    assert isinstance(out["events"], list)
    for event in out["events"]:
        assert {"date", "attacker", "target_country", "regions", "weapons"} <= set(event)


def test_json_keeps_non_ascii_text(tmp_path: Path) -> None:
    path = tmp_path / "uk.txt"
    path.write_text("У ніч на 12 травня збито 19 шахедів над Одещиною.", encoding="utf-8")
    result = run(["extract", str(path), "--published", "2024-05-12"])
    assert result.exit_code == 0, result.stderr
    assert "\\u04" not in result.stdout  # ensure_ascii=False
    json.loads(result.stdout)


def test_standard_input_is_read_for_dash() -> None:
    result = run(["extract", "-", "--published", "2024-05-14"], stdin=REPORT)
    assert result.exit_code == 0, result.stderr
    assert "events" in json.loads(result.stdout)


def test_table_format_prints_a_readable_table(report: Path) -> None:
    result = run(["extract", str(report), "--format", "table"])
    assert result.exit_code == 0, result.stderr
    assert "report.txt" in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def _sample_result() -> DocumentResult:
    event = Event(
        date=date(2024, 3, 21),
        attacker="RU",
        target_country="UA",
        regions=["UA-30", "UA-32"],
        weapons=[
            Weapon("cruise_missile", "Kh-101", 29, 29),
            Weapon("ballistic_missile", None, 2, None),
        ],
        launched=31,
        destroyed=None,
        killed=0,
        injured=17,
        casualties_by_place=[PlaceCasualties("UA-30", "Kyiv", None, 13)],
    )
    return DocumentResult("kyiv.txt", "en", date(2024, 3, 21), "0" * 64, [event])


def test_table_row_shows_each_figure() -> None:
    buffer = io.StringIO()
    print_table(_sample_result(), Console(file=buffer, width=200))
    text = buffer.getvalue()
    for needle in (
        "2024-03-21",
        "RU→UA",
        "UA-30, UA-32",
        "cruise_missile Kh-101 29/29",
        "ballistic_missile 2/?",
        "31/?",
        "0/17",
        "kyiv.txt",
    ):
        assert needle in text, needle


def test_weapon_label_marks_unknown_counts() -> None:
    assert weapon_label(Weapon("drone")) == "drone ?/?"
    assert weapon_label(Weapon("attack_drone", "Shahed", 51, 38)) == "attack_drone Shahed 51/38"


def test_table_says_when_no_attack_is_found() -> None:
    buffer = io.StringIO()
    print_table(DocumentResult("x.txt", "en", None, "0" * 64, []), Console(file=buffer))
    assert "no air attack found" in buffer.getvalue()


def test_version() -> None:
    result = run(["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"skyledger {__version__}"


def _commands(group: click.Group) -> list[list[str]]:
    return [[]] + [[name] for name in group.commands]


@pytest.mark.parametrize("path", _commands(main), ids=lambda p: " ".join(p) or "skyledger")
def test_every_help_shows_an_example(path: list[str]) -> None:
    result = run([*path, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    # The example runs the command itself ("skyledger extract ...", "skyledger user add ...").
    assert "skyledger " + " ".join(path) + " " in result.stdout or (
        not path and "skyledger extract " in result.stdout
    )


def test_settings_drive_option_defaults() -> None:
    from skyledger.settings import SETTINGS

    help_text = run(["extract", "--help"]).stdout
    for name in ("max_document_bytes", "encoding"):
        assert str(SETTINGS[name].default) in help_text


# -- errors from real documents -------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(run(["extract", str(tmp_path / "nope.txt")]), 1, "nope.txt")


def test_directory(tmp_path: Path) -> None:
    assert_one_line_error(run(["extract", str(tmp_path)]), 1)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_one_line_error(run(["extract", str(path)]), 1)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert_one_line_error(run(["extract", str(path)]), 1)


def test_undecodable_text_suggests_an_encoding(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Збито 19 шахедів над Одещиною вночі.".encode("cp1251"))
    assert_one_line_error(run(["extract", str(path)]), 1, "--encoding")
    result = run(["extract", str(path), "--encoding", "cp1251"])
    assert result.exit_code == 0, result.stderr


def test_over_max_bytes(report: Path) -> None:
    assert_one_line_error(run(["extract", str(report), "--max-bytes", "10"]), 1, "--max-bytes")


@pytest.mark.parametrize("value", ["2024-13-01", "21.03.2024", "yesterday", ""])
def test_bad_published_date_is_a_usage_error(report: Path, value: str) -> None:
    result = run(["extract", str(report), "--published", value])
    assert_one_line_error(result, 2, "--published", "YYYY-MM-DD")


@pytest.mark.parametrize(
    "args, needle",
    [
        (["extract"], "PATH"),
        (["extract", "x.txt", "--format", "xml"], "--format"),
        (["extract", "x.txt", "--encoding", "no-such-codec"], "--encoding"),
        (["extract", "x.txt", "--max-bytes", "0"], "--max-bytes"),
        (["extract", "x.txt", "--max-bytes", "ten"], "--max-bytes"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_usage_errors(args: list[str], needle: str) -> None:
    assert_one_line_error(run(args), 2, needle)


# -- the edge: library errors and bugs, with the pipeline replaced --------------


def _raising(exc: BaseException) -> Any:
    def fake(*args: object, **kwargs: object) -> DocumentResult:
        raise exc

    return fake


@pytest.mark.parametrize(
    "exc, code",
    [
        (EmptyDocument("x.txt: no text after cleaning"), 1),
        (DecodeError("x.txt: bytes 12-13 are not valid utf-8"), 1),
        (DocumentTooLarge("x.txt: 12 bytes, over the 10-byte cap"), 1),
        (UsageError("unknown format 'xml'; choose json or table"), 2),
        (RuntimeError("boom\nsecond line"), 70),
        (RecursionError("maximum recursion depth exceeded"), 70),
    ],
)
def test_errors_become_one_line(
    monkeypatch: pytest.MonkeyPatch, report: Path, exc: Exception, code: int
) -> None:
    monkeypatch.setattr(pipeline, "extract_path", _raising(exc))
    result = run(["extract", str(report)])
    assert_one_line_error(result, code)
    assert result.stdout == ""
    if code == 70:
        assert result.stderr.startswith("internal error: ")
        assert "please report it" in result.stderr


def test_flag_hints_are_added_to_library_messages(
    monkeypatch: pytest.MonkeyPatch, report: Path
) -> None:
    monkeypatch.setattr(pipeline, "extract_path", _raising(DecodeError("not valid utf-8")))
    assert_one_line_error(run(["extract", str(report)]), 1, "--encoding=cp1251")


def test_skipped_messages_are_warnings(monkeypatch: pytest.MonkeyPatch, report: Path) -> None:
    skipped = ["message 7: no text", "message 9: service message\n(pinned)"]
    result_doc = DocumentResult("r.json", "uk", None, "0" * 64, [], skipped)
    monkeypatch.setattr(pipeline, "extract_path", lambda *a, **k: result_doc)
    result = run(["extract", str(report)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "warning: message 7: no text",
        "warning: message 9: service message (pinned)",
    ]
    json.loads(result.stdout)


# -- the installed command, in a real process -----------------------------------


def _installed_command() -> Path:
    path = Path(sys.executable).parent / "skyledger"
    if not path.exists():
        pytest.skip(f"the skyledger script is not installed beside {sys.executable}")
    return path


def test_installed_command_runs(report: Path) -> None:
    proc = subprocess.run(
        [str(_installed_command()), "extract", str(report), "--published", "2024-05-14"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["document"]["published"] == "2024-05-14"


def test_installed_command_reports_a_missing_file(tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(_installed_command()), "extract", str(tmp_path / "missing.html")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("error: ")
    assert "Traceback" not in proc.stderr


def test_package_exposes_extract_function() -> None:
    import skyledger
    import skyledger.extract.weapons  # the rule subpackage stays importable

    result = skyledger.extract("Russia launched 12 Shahed drones at Ukraine overnight; 10 were shot down.")
    weapons = result.events[0].weapons
    assert (weapons[0].cls, weapons[0].launched, weapons[0].destroyed) == ("attack_drone", 12, 10)
