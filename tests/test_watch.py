"""skyledger.watch and `skyledger watch`: conditional polling over loopback,
folders, back-off, remembered state, and a clean stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import Reply, Seen, Server, serve

from skyledger.errors import UsageError
from skyledger.fetch import FetchOptions
from skyledger.ingest import IngestOptions, Ingestor
from skyledger.ledger import Ledger
from skyledger.watch import BACKOFF_CAP, Watcher, backoff, parse_every

REPO = Path(__file__).resolve().parents[1]
KYIV = ("<html><body><article><p>Kyiv, 21 March 2024. Overnight Russia launched 31 missiles "
        "at Kyiv; air defence destroyed 29 of them.</p></article></body></html>")
ODESA = ("Odesa, 15 April 2024. Overnight Russia attacked the Odesa region with 12 Shahed "
         "drones; 10 were destroyed.")
LVIV = "Lviv, 3 May 2024. Overnight Russia launched 4 cruise missiles at Lviv; 4 were destroyed."


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Feed:
    """A feed whose ETag follows its content; answers 304 to a matching If-None-Match."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.items = [
            f"<item><title>Kyiv</title><link>{server.url('/kyiv')}</link><guid>k</guid></item>",
            f"<item><title>Odesa</title><description>{ODESA}</description></item>",
        ]
        self.status = 200

    def __call__(self, seen: Seen) -> Reply:
        if self.status != 200:
            return Reply(self.status, b"down", {"Content-Type": "text/plain"})
        body = ("<rss version='2.0'><channel><title>Loop</title>" + "".join(self.items)
                + "</channel></rss>").encode()
        etag = f'"{len(self.items)}"'
        if seen.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(body=body, headers={"Content-Type": "application/rss+xml", "ETag": etag})


@pytest.fixture()
def site() -> Iterator[tuple[Server, Feed]]:
    with serve() as server:
        feed = Feed(server)
        server.routes["/rss"] = feed
        server.routes["/kyiv"] = Reply(body=KYIV.encode())
        yield server, feed


@pytest.fixture()
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger(str(tmp_path / "w.db")) as opened:
        yield opened


def watcher(targets: list[str], ledger: Ledger, state: Path | None = None,
            stop: object = None) -> Watcher:
    options = IngestOptions(fetch=FetchOptions(allow_private=True))
    ingestor = Ingestor(ledger, options, stop=stop)
    return Watcher(targets, ingestor, every=600, state_path=state, clock=Clock())


@pytest.mark.parametrize("text, seconds", [("10m", 600), ("1h30m", 5400), ("45s", 45),
                                           ("2d", 172800), ("90", 90), ("1.5h", 5400)])
def test_parse_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["soon", "10x", "5s", "", "10m later"])
def test_parse_every_rejects(text: str) -> None:
    with pytest.raises(UsageError, match="--every"):
        parse_every(text)


def test_backoff_doubles_up_to_a_cap() -> None:
    assert [backoff(600, n) for n in range(4)] == [600, 1200, 2400, 4800]
    assert backoff(600, 50) == BACKOFF_CAP and backoff(86400, 3) == 86400


def test_feed_polls_are_conditional_and_skip_seen_entries(
    site: tuple[Server, Feed], ledger: Ledger
) -> None:
    server, feed = site
    w = watcher([server.url("/rss")], ledger)
    first = w.poll(w.sources[0])
    assert (first.new, first.failed) == (2, 0)
    assert w.poll(w.sources[0]).documents == 0  # 304
    assert server.requests[-1].headers["if-none-match"] == '"2"'
    feed.items.append(f"<item><title>Lviv</title><description>{LVIV}</description></item>")
    kyiv_fetches = sum(r.path == "/kyiv" for r in server.requests)
    third = w.poll(w.sources[0])
    assert (third.new, third.unchanged) == (1, 0)  # only the new entry
    assert sum(r.path == "/kyiv" for r in server.requests) == kyiv_fetches


def test_state_survives_a_restart(site: tuple[Server, Feed], ledger: Ledger,
                                  tmp_path: Path) -> None:
    server, _ = site
    state = tmp_path / "watch.json"
    w = watcher([server.url("/rss")], ledger, state)
    w.poll(w.sources[0])
    again = watcher([server.url("/rss")], ledger, state)
    assert again.poll(again.sources[0]).documents == 0
    assert server.requests[-1].headers.get("if-none-match") == '"2"'


def test_errors_back_off_exponentially(site: tuple[Server, Feed], ledger: Ledger) -> None:
    server, feed = site
    feed.status = 503
    w = watcher([server.url("/rss")], ledger)
    source = w.sources[0]
    delays = []
    for _ in range(3):
        summary = w.poll(source)
        assert summary.failed == 1 and "503" in summary.failures[0][1]
        delays.append(source.due - 1000.0)
    assert delays == [1200, 2400, 4800]
    feed.status = 200
    assert w.poll(source).new == 2 and source.failures == 0 and source.due == 1600


def test_folder_new_and_changed_files(tmp_path: Path, ledger: Ledger) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "odesa.txt").write_text(ODESA, encoding="utf-8")
    w = watcher([str(inbox)], ledger)
    assert w.poll(w.sources[0]).new == 1
    assert w.poll(w.sources[0]).documents == 0
    (inbox / "lviv.txt").write_text(LVIV, encoding="utf-8")
    (inbox / "odesa.txt").write_text(ODESA.replace("10 were", "11 were"), encoding="utf-8")
    round3 = w.poll(w.sources[0])
    assert (round3.new, round3.versions) == (1, 1)


def test_a_stop_loses_nothing(tmp_path: Path, ledger: Ledger) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, text in (("a.txt", ODESA), ("b.txt", LVIV)):
        (inbox / name).write_text(text, encoding="utf-8")
    written: list[int] = []
    w = watcher([str(inbox)], ledger, stop=lambda: len(written) >= 1)
    w.ingestor.reporter = type("R", (), {"planned": lambda self, n: None,
                                         "finished": lambda self, *a: written.append(1)})()
    assert w.poll(w.sources[0]).new == 1
    w.ingestor.stop = lambda: False
    assert w.poll(w.sources[0]).new == 1  # the file not written is not marked seen


def test_sigterm_stops_the_command_cleanly(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "odesa.txt").write_text(ODESA, encoding="utf-8")
    db = tmp_path / "cmd.db"
    env = {**os.environ, "SKYLEDGER_DB": str(db)}
    cmd = [sys.executable, "-m", "skyledger", "watch", str(inbox), "--every", "10s"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=REPO)
    assert proc.stdout is not None
    line = proc.stdout.readline()  # the first round's summary
    assert "1 new" in line, line + (proc.stderr.read() if proc.stderr else "")
    time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0
    with Ledger(str(db)) as ledger:
        assert len(ledger.documents().items) == 1
