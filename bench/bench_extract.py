#!/usr/bin/env python3
"""Benchmark the extractor on one core and compare with its targets.

    python bench/bench_extract.py [--strict] [--json OUT.json]

1. plain-text reports per second through `pipeline.extract` (text in), overall
   and by language (English; Ukrainian/Russian);
2. HTML pages: skyledger's whole extraction time over trafilatura.extract
   alone (include_comments=False, favor_precision=True), same pages, same run;
3. time to import and load the extractor in a fresh process;
4. peak memory (ru_maxrss) of a fresh process extracting a ~10 MB text.

Documents come from ../shared/corpus/dev (with each gold file's published
date and language); without it, from examples/ and tests/fixtures/reports/.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus" / "dev"
FALLBACK_DIRS = (REPO / "examples", REPO / "tests" / "fixtures" / "reports")
MIN_DOCS = 2_000


@dataclass
class Doc:
    path: Path
    published: date | None
    language: str | None  # None: take it from the extraction


@dataclass
class Row:
    name: str
    value: float | None
    unit: str
    target: str
    ok: bool | None  # None: nothing to measure


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})  # children inherit it
        return "core 0"
    return "all cores (no sched_setaffinity here)"


def load_docs(corpus: Path) -> tuple[list[Doc], str]:
    if corpus.is_dir():
        docs = []
        for gold in sorted(corpus.glob("*.gold.json")):
            meta = json.loads(gold.read_text(encoding="utf-8")).get("document", {})
            stem = gold.name[: -len(".gold.json")]
            for suffix in (".txt", ".html", ".htm", ".json"):
                if (corpus / (stem + suffix)).exists():
                    day = meta.get("published")
                    pub = date.fromisoformat(day) if day else None
                    docs.append(Doc(corpus / (stem + suffix), pub, meta.get("language")))
                    break
        return docs, str(corpus.resolve())
    paths = sorted(p for d in FALLBACK_DIRS if d.is_dir() for p in d.iterdir())
    docs = [Doc(p, None, None) for p in paths if p.suffix in (".txt", ".html", ".htm")]
    return docs, ", ".join(str(d.relative_to(REPO)) for d in FALLBACK_DIRS)


def repeated(items: list[Doc]) -> list[Doc]:
    return items * -(-MIN_DOCS // len(items)) if items else []


def bench_text(docs: list[Doc]) -> list[Row]:
    from skyledger.pipeline import extract

    texts = [(d, d.path.read_text(encoding="utf-8")) for d in docs if d.path.suffix == ".txt"]
    for doc, text in texts:  # warm-up: loads the extractor and builds its patterns once
        language = extract(text, doc.published).language
        doc.language = doc.language or language
    per_lang: dict[str, list[float]] = {"en": [], "uk/ru": []}
    for doc, text in repeated_pairs(texts):
        started = time.perf_counter()
        extract(text, doc.published)
        per_lang["en" if doc.language == "en" else "uk/ru"].append(time.perf_counter() - started)
    every = per_lang["en"] + per_lang["uk/ru"]
    rows = [_rate_row(f"text reports/s, all ({len(every)} docs)", every, 1_000)]
    for lang, times in per_lang.items():
        rows.append(_rate_row(f"text reports/s, {lang} ({len(times)} docs)", times, 500))
    return rows


def repeated_pairs(items: list[tuple[Doc, str]]) -> list[tuple[Doc, str]]:
    return items * -(-MIN_DOCS // len(items)) if items else []


def _rate_row(name: str, times: list[float], target: float) -> Row:
    if not times:
        return Row(name, None, "docs/s", f">= {target:,.0f}", None)
    rate = len(times) / sum(times)
    return Row(name, rate, "docs/s", f">= {target:,.0f}", rate >= target)


def _timed(call: Callable[[Doc], object], work: list[Doc]) -> float:
    started = time.perf_counter()
    for doc in work:
        call(doc)
    return time.perf_counter() - started


def bench_html(docs: list[Doc]) -> list[Row]:
    import trafilatura

    from skyledger.pipeline import extract_path

    pages = [d for d in docs if d.path.suffix in (".html", ".htm")]
    name = "HTML: skyledger / trafilatura time"
    if not pages:
        return [Row(name, None, "x", "<= 1.30", None)]
    work = repeated(pages)
    html = {d.path: d.path.read_text(encoding="utf-8", errors="replace") for d in pages}

    def ours(d: Doc) -> object:
        return extract_path(str(d.path), d.published)

    def theirs(d: Doc) -> object:
        return trafilatura.extract(html[d.path], include_comments=False, favor_precision=True)

    for d in pages:  # warm-up both
        ours(d), theirs(d)
    t_ours, t_theirs = _timed(ours, work), _timed(theirs, work)
    ratio = t_ours / t_theirs
    return [
        Row(f"HTML pages/s, skyledger ({len(work)} docs)", len(work) / t_ours, "docs/s", "-", None),
        Row(
            f"HTML pages/s, trafilatura ({len(work)} docs)",
            len(work) / t_theirs,
            "docs/s",
            "-",
            None,
        ),
        Row(name, ratio, "x", "<= 1.30", ratio <= 1.3),
    ]


STARTUP_CODE = """
import time
started = time.perf_counter()
from skyledger.pipeline import extract
extract("Russia launched 12 Shahed drones at Ukraine overnight; 10 were shot down.")
print(time.perf_counter() - started)
"""


def bench_startup(runs: int = 3) -> Row:
    seconds = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", STARTUP_CODE], capture_output=True, text=True, check=True
        )
        seconds.append(float(out.stdout.strip().splitlines()[-1]))
    value = statistics.median(seconds)
    return Row(
        f"import + load + first extract (median of {runs})", value, "s", "< 1.0", value < 1.0
    )


MEMORY_CODE = """
import resource, sys
from skyledger.pipeline import extract_path
extract_path(sys.argv[1], None, max_bytes=int(sys.argv[2]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_memory(docs: list[Doc]) -> Row:
    from skyledger.settings import SETTINGS

    cap = int(SETTINGS["max_document_bytes"].default)
    texts = [d.path.read_text(encoding="utf-8") for d in docs if d.path.suffix == ".txt"]
    chunk = ("\n\n".join(texts) + "\n\n").encode("utf-8")
    # As close to the cap as whole copies allow: the largest document we accept.
    body = chunk * max(1, cap // len(chunk))
    name = f"peak RSS extracting {len(body) / 1e6:.1f} MB of text"
    with tempfile.NamedTemporaryFile(suffix=".txt") as tmp:
        tmp.write(body)
        tmp.flush()
        out = subprocess.run(
            [sys.executable, "-c", MEMORY_CODE, tmp.name, str(cap)],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    if out.returncode != 0:
        error = (out.stderr.strip().splitlines() or ["no output"])[-1]
        return Row(f"{name} (failed: {error[:80]})", None, "MB", "< 300", False)
    megabytes = int(out.stdout.strip().splitlines()[-1]) / 1024  # ru_maxrss is KiB on Linux
    return Row(name, megabytes, "MB", "< 300", megabytes < 300)


def print_rows(rows: list[Row], header: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=header, title_justify="left")
    for column in ("measure", "value", "target", "result"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for row in rows:
        value = "-" if row.value is None else f"{row.value:,.2f} {row.unit}"
        result = {True: "pass", False: "FAIL", None: "n/a"}[row.ok]
        target = row.target if row.target == "-" else f"{row.target} {row.unit}"
        table.add_row(row.name, value, target, result)
    Console(width=120).print(table)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="gold-annotated corpus (default: %(default)s)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    cores = pin_to_one_core()
    docs, source = load_docs(args.corpus)
    started = time.perf_counter()
    rows = bench_text(docs) + bench_html(docs) + [bench_startup(), bench_memory(docs)]
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print_rows(rows, f"skyledger benchmark on {cores}; documents from {source}")
    print(
        f"done in {time.perf_counter() - started:.0f} s (this process peaked at {peak_self:.0f} MB)"
    )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")
    return 1 if args.strict and any(r.ok is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
