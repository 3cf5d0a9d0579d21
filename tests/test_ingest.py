"""skyledger.ingest and `skyledger ingest`: folders, exports, feeds and URLs
into a real SQLite ledger; idempotence; failures skipped; one writer."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from loopback import Reply, Server, serve

from skyledger.cli import main
from skyledger.fetch import FetchOptions
from skyledger.ingest import IngestOptions, folder_files, ingest
from skyledger.ledger import Ledger

REPORTS = {
    "kyiv.txt": (
        "Kyiv, 21 March 2024. Overnight Russia launched 31 missiles at Kyiv, the Ukrainian "
        "Air Force said. Air defence destroyed 29 of them. Two people were injured."
    ),
    "odesa.txt": (
        "Odesa, 15 April 2024. Overnight Russia attacked the Odesa region with 12 Shahed "
        "drones; air defence destroyed 10 of them. One person was killed."
    ),
    "nested/kharkiv.html": (
        "<html><head><title>Strike</title></head><body><article><h1>Strike on Kharkiv</h1>"
        "<p>Kharkiv, 2 May 2024. Overnight Russia launched 5 ballistic missiles at Kharkiv. "
        "Three people were killed and 14 injured, the regional governor said.</p>"
        "</article></body></html>"
    ),
}
EXPORT = {
    "name": "Test Air Channel",
    "type": "public_channel",
    "id": 1,
    "messages": [
        {"id": 1, "type": "message", "date": "2024-03-21T08:00:00",
         "date_unixtime": "1711000800",
         "text": "Overnight Russia launched 20 Shahed drones at Ukraine. 18 were destroyed."},
    ],
}


def write_folder(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in REPORTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "channel.json").write_text(json.dumps(EXPORT), encoding="utf-8")
    (root / "kyiv.gold.json").write_text("{}", encoding="utf-8")  # annotation, not a document
    (root / ".hidden.txt").write_text("secret", encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n")
    return root


def export_of(ledger: Ledger) -> str:
    out = io.StringIO()
    ledger.export("jsonl", out)
    return out.getvalue()


@pytest.fixture()
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger(str(tmp_path / "ledger.db")) as opened:
        yield opened


def test_folder_files_are_recursive_and_skip_annotations(tmp_path: Path) -> None:
    names = [p.relative_to(tmp_path).as_posix() for p in folder_files(write_folder(tmp_path))]
    assert names == ["channel.json", "kyiv.txt", "odesa.txt", "nested/kharkiv.html"]


def test_ingesting_a_folder_twice_changes_nothing(tmp_path: Path, ledger: Ledger) -> None:
    folder = write_folder(tmp_path / "in")
    first = ingest([str(folder)], ledger)
    assert (first.new, first.failed) == (4, 0) and first.attacks_created > 0
    exported = export_of(ledger)
    second = ingest([str(folder)], ledger)
    assert (second.new, second.versions, second.unchanged, second.failed) == (0, 0, 4, 0)
    assert (second.attacks_created, second.attacks_updated) == (0, 0)
    assert export_of(ledger) == exported


def test_a_telegram_export_names_its_source(tmp_path: Path, ledger: Ledger) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(EXPORT), encoding="utf-8")
    assert ingest([str(path)], ledger).new == 1
    assert "Test Air Channel" in [s.name for s in ledger.sources()]


def test_a_changed_document_is_a_new_version(tmp_path: Path, ledger: Ledger) -> None:
    path = tmp_path / "kyiv.txt"
    path.write_text(REPORTS["kyiv.txt"], encoding="utf-8")
    ingest([str(path)], ledger)
    path.write_text(REPORTS["kyiv.txt"].replace("Two people", "Five people"), encoding="utf-8")
    again = ingest([str(path)], ledger)
    assert (again.new, again.versions) == (0, 1)


def test_failing_documents_are_reported_and_skipped(tmp_path: Path, ledger: Ledger) -> None:
    (tmp_path / "good.txt").write_text(REPORTS["kyiv.txt"], encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    summary = ingest([str(tmp_path), str(tmp_path / "missing.txt")], ledger)
    assert (summary.new, summary.failed) == (1, 4)
    failed = {Path(source).name for source, _ in summary.failures}
    assert failed == {"empty.txt", "broken.json", "binary.txt", "missing.txt"}
    assert all(message for _, message in summary.failures)


def test_workers_give_the_same_ledger(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in")
    exports = []
    for workers in (1, 2):
        with Ledger(str(tmp_path / f"w{workers}.db")) as ledger:
            summary = ingest([str(folder)], ledger, IngestOptions(workers=workers))
            assert (summary.new, summary.failed) == (4, 0)
            exports.append(export_of(ledger))
    assert exports[0] == exports[1] and exports[0]


def test_a_stop_request_ends_the_run_between_documents(tmp_path: Path, ledger: Ledger) -> None:
    folder = write_folder(tmp_path / "in")
    written: list[str] = []

    class Recorder:
        def planned(self, count: int) -> None:
            pass

        def finished(self, source: str, status: str, message: str) -> None:
            written.append(source)

    summary = ingest([str(folder)], ledger, reporter=Recorder(), stop=lambda: len(written) >= 2)
    assert summary.stopped and summary.new == 2
    assert ingest([str(folder)], ledger).new == 2  # the rest, nothing twice


# --- URLs and feeds over loopback ----------------------------------------------------


@pytest.fixture()
def site() -> Iterator[Server]:
    with serve() as server:
        server.routes["/kyiv"] = Reply(body=REPORTS["nested/kharkiv.html"].encode())
        server.routes["/rss"] = lambda seen: Reply(body=_rss(server), headers={
            "Content-Type": "application/rss+xml"})
        yield server


def _rss(server: Server) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title>
<item><title>Strike</title><link>{server.url("/kyiv")}</link><guid>k1</guid></item>
<item><title>Drones</title><description>{REPORTS["odesa.txt"]}</description></item>
</channel></rss>""".encode()


def test_feed_entries_are_fetched_or_read(site: Server, ledger: Ledger) -> None:
    options = IngestOptions(fetch=FetchOptions(allow_private=True))
    summary = ingest([site.url("/rss")], ledger, options)
    assert (summary.new, summary.failed) == (2, 0)
    assert "Loopback News" in [s.name for s in ledger.sources()]
    again = ingest([site.url("/rss"), site.url("/kyiv")], ledger, options)
    assert (again.new, again.unchanged) == (0, 3)


def test_private_urls_are_refused_without_the_flag(site: Server, ledger: Ledger) -> None:
    summary = ingest([site.url("/kyiv")], ledger)
    assert summary.failed == 1 and "--allow-private" in summary.failures[0][1]
    assert site.requests == []


# --- the command -----------------------------------------------------------------------


def test_the_command_prints_a_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_folder(tmp_path / "in")
    monkeypatch.setenv("SKYLEDGER_DB", str(tmp_path / "env.db"))
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(folder), "--workers", "2"])
    assert first.exit_code == 0, first.output
    assert "documents: 4 new, 0 new versions, 0 unchanged, 0 failed" in first.stdout
    second = runner.invoke(main, ["ingest", str(folder)])
    assert "4 unchanged, 0 failed; attacks: 0 created, 0 updated" in second.stdout
    assert (tmp_path / "env.db").exists()


def test_the_command_exits_1_when_a_document_failed(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 1
    assert "warning: " in result.stderr and "1 failed" in result.stdout


def test_the_command_rejects_bad_options(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "x", "--workers", "0"]).exit_code == 2
    assert runner.invoke(main, ["ingest", "x", "--published", "March"]).exit_code == 2
    assert runner.invoke(main, ["ingest"]).exit_code == 2


# --- the shared development corpus ------------------------------------------------------


def test_dev_corpus_twice_gives_the_same_ledger(dev_corpus: Path, tmp_path: Path) -> None:
    with Ledger(str(tmp_path / "dev.db")) as ledger:
        first = ingest([str(dev_corpus)], ledger, IngestOptions(workers=2))
        documents = len(folder_files(dev_corpus))
        assert first.new == documents and first.failed == 0, first.failures
        exported = export_of(ledger)
        second = ingest([str(dev_corpus)], ledger)
        assert (second.unchanged, second.new, second.versions, second.failed) == (documents, 0, 0, 0)
        assert export_of(ledger) == exported and exported
