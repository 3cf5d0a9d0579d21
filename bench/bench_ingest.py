#!/usr/bin/env python3
"""Benchmark `skyledger ingest` against bare extraction of the same documents.

    python bench/bench_ingest.py [--strict] [--copies N] [--json OUT.json]

1. bare extraction: read each file, load it and extract its events, one
   process (what `skyledger extract` does per document);
2. end-to-end ingest of the same files into a fresh SQLite ledger: folder
   walk, extraction, and the ledger write (claims, reconciliation), with one
   worker (the same single core) and with one worker per core.

The figure is the end-to-end rate over the bare rate, same documents, same
run; target 0.7 or more. Documents: ../shared/corpus/dev (without it,
examples/ and tests/fixtures/reports/), copied N times to distinct paths, as
when several outlets report the same attacks.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus" / "dev"
FALLBACK_DIRS = (REPO / "examples", REPO / "tests" / "fixtures" / "reports")
TARGET = 0.7


@dataclass
class Row:
    name: str
    value: float
    unit: str
    target: str
    ok: bool | None


def build_folder(corpus: Path, copies: int, into: Path) -> tuple[list[Path], str]:
    from skyledger.ingest import folder_files

    dirs = [corpus] if corpus.is_dir() else [d for d in FALLBACK_DIRS if d.is_dir()]
    originals = [f for d in dirs for f in folder_files(d)]
    for n in range(copies):
        for f in originals:
            target = into / f"copy{n:02d}" / f.parent.name / f.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
    source = str(corpus.resolve()) if corpus.is_dir() else "examples/ and tests/fixtures/reports/"
    return folder_files(into), f"{len(originals)} documents from {source}, {copies} copies"


def bare_rate(files: list[Path]) -> float:
    from skyledger.ingest import FileJob, IngestOptions, extract_job
    from skyledger.sources import EXTENSIONS

    options = IngestOptions()
    started = time.perf_counter()
    for f in files:
        job = FileJob(str(f), f.read_bytes(), EXTENSIONS.get(f.suffix.lower()))
        extract_job(job, options)
    return len(files) / (time.perf_counter() - started)


def ingest_rate(folder: Path, files: list[Path], workers: int, scratch: Path) -> float:
    from skyledger.ingest import IngestOptions, ingest
    from skyledger.ledger import Ledger

    db = scratch / f"bench-{workers}-{time.monotonic_ns()}.db"
    with Ledger(str(db)) as ledger:  # opened (and migrated) outside the clock
        started = time.perf_counter()
        summary = ingest([str(folder)], ledger, IngestOptions(workers=workers))
        elapsed = time.perf_counter() - started
    if summary.failed:
        print(f"warning: {summary.failed} documents failed: {summary.failures[:3]}")
    return len(files) / elapsed


def measure(folder: Path, files: list[Path], scratch: Path, rounds: int) -> list[Row]:
    bare_rate(files[:20])  # load the extractor's data once, outside the clock
    bare = max(bare_rate(files) for _ in range(rounds))
    rows = [Row("bare extraction (1 process)", bare, "docs/s", "-", None)]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    for workers in sorted({1, max(1, cores or 1)}):
        rate = max(ingest_rate(folder, files, workers, scratch) for _ in range(rounds))
        rows.append(Row(f"ingest, {workers} worker(s)", rate, "docs/s", "-", None))
        rows.append(Row(f"ingest / bare, {workers} worker(s)", rate / bare, "x",
                        f">= {TARGET}", rate / bare >= TARGET))
    return rows


def print_rows(rows: list[Row], header: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=header, title_justify="left")
    for column in ("measure", "measured", "target", "result"):
        table.add_column(column, justify="right" if column == "measured" else "left")
    for row in rows:
        result = {True: "pass", False: "FAIL", None: "n/a"}[row.ok]
        table.add_row(row.name, f"{row.value:,.2f} {row.unit}", row.target, result)
    Console(width=120).print(table)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="default: %(default)s")
    parser.add_argument("--copies", type=int, default=8, help="copies of the corpus (default 8)")
    parser.add_argument("--rounds", type=int, default=2, help="best of N runs (default 2)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="skyledger-bench-"))
    try:
        files, source = build_folder(args.corpus, args.copies, scratch / "docs")
        rows = measure(scratch / "docs", files, scratch, args.rounds)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print_rows(rows, f"skyledger ingest benchmark: {len(files)} documents ({source})")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")
    return 1 if args.strict and any(r.ok is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
