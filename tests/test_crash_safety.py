"""Crash safety: `kill -9` in the middle of a large `skyledger ingest`, rerun
it, and the ledger equals an uninterrupted run's (compared by
`skyledger export --format jsonl`), on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = 200
# Killed once this many documents are in: well inside the run.
KILL_AFTER = 25

CITIES = [("Kyiv", "Kyiv"), ("Odesa", "Odesa"), ("Kharkiv", "Kharkiv"), ("Lviv", "Lviv"),
          ("Dnipro", "Dnipropetrovsk"), ("Zaporizhzhia", "Zaporizhzhia")]
WEAPONS = ["Shahed drones", "cruise missiles", "ballistic missiles", "attack drones"]


def report(i: int) -> str:
    """A news page; its published date anchors "overnight"."""
    city, region = CITIES[i % len(CITIES)]
    # Two reports per night, as when several outlets cover one attack.
    night = date(2023, 1, 1) + timedelta(days=i // 2)
    launched = 5 + (i * 13) % 60
    weapon = WEAPONS[(i // 3) % len(WEAPONS)]
    return (
        f'<html><head><meta property="article:published_time" '
        f'content="{night.isoformat()}T08:00:00+02:00"><title>Report {i}</title></head>'
        f"<body><article><h1>Night attack on {city}</h1><p>Overnight Russia launched "
        f"{launched} {weapon} at the {region} region, the Air Force said. Air defence "
        f"destroyed {launched - i % 5} of them.</p><p>{(i * 3) % 9} people were injured, "
        f"the regional administration reported. Report {i}.</p></article></body></html>"
    )


def make_corpus(folder: Path) -> Path:
    for i in range(DOCUMENTS):
        sub = folder / f"batch{i // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"r{i:04d}.html").write_text(report(i), encoding="utf-8")
    return folder


def skyledger(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SKYLEDGER_DB": db}
    return subprocess.run([sys.executable, "-m", "skyledger", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=300, check=False)


def documents_in(db: str) -> int:
    url = db if "://" in db else f"sqlite:///{db}"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
    except DBAPIError:
        return 0  # not created yet, or locked for a moment by the writer
    finally:
        engine.dispose()


def kill_mid_run(folder: Path, db: str) -> int:
    """Start the ingest, kill -9 it (and its workers) mid-run; documents in at the kill."""
    env = {**os.environ, "SKYLEDGER_DB": db}
    proc = subprocess.Popen(
        [sys.executable, "-m", "skyledger", "ingest", str(folder), "--workers", "2"],
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if documents_in(db) >= KILL_AFTER:
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    return documents_in(db)


def export_jsonl(db: str) -> str:
    done = skyledger("export", "--format", "jsonl", db=db)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_kill_9_then_rerun_equals_an_uninterrupted_run(
    tmp_path: Path, ledger_url: str, make_ledger_url: Callable[[], str]
) -> None:
    folder = make_corpus(tmp_path / "corpus")
    killed_db, fresh_db = ledger_url, make_ledger_url()
    at_kill = kill_mid_run(folder, killed_db)
    assert KILL_AFTER <= at_kill < DOCUMENTS
    rerun = skyledger("ingest", str(folder), "--workers", "2", db=killed_db)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{DOCUMENTS - at_kill} new" in rerun.stdout and f"{at_kill} unchanged" in rerun.stdout
    fresh = skyledger("ingest", str(folder), "--workers", "2", db=fresh_db)
    assert fresh.returncode == 0, fresh.stderr
    assert f"{DOCUMENTS} new" in fresh.stdout
    exported = export_jsonl(fresh_db)
    assert exported.count("\n") > 10
    assert export_jsonl(killed_db) == exported
