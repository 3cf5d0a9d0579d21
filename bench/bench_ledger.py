"""Ledger benchmark: `skyledger stats` on a generated ledger of 100,000 attacks.

    python bench/bench_ledger.py [--attacks 100000] [--db PATH]

The ledger is generated once by tools/generate_ledger.py and kept in the
temporary folder (skyledger-bench-ledger-<N>.db, about 230 MB for 100,000). Prints measured value vs target: the library call
(Ledger.stats, best of 5) and the whole command (a fresh process, best of 3),
which is what the target is about.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_S = 0.5  # the bar for `skyledger stats` on 100,000 attacks (SQLite)


def _ledger(path: Path, attacks: int) -> None:
    if path.exists():
        return
    sys.path.insert(0, str(REPO / "tools"))
    from generate_ledger import generate

    start = time.perf_counter()
    generate(str(path), attacks)
    print(f"generated {attacks:,} attacks in {time.perf_counter() - start:.1f} s -> {path}")


def _best(run: object, times: int) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attacks", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / f"skyledger-bench-ledger-{args.attacks}.db"
    _ledger(path, args.attacks)
    from skyledger.ledger import Ledger

    with Ledger(str(path)) as ledger:
        rows = len(ledger.stats())
        library = _best(ledger.stats, 5)
    exe = Path(sys.executable).parent / "skyledger"
    command = [str(exe), "stats", "--db", str(path)]
    cli = _best(lambda: subprocess.run(command, check=True, capture_output=True), 3)
    startup = _best(
        lambda: subprocess.run([str(exe), "--version"], check=True, capture_output=True), 3
    )
    def verdict(seconds: float) -> str:
        return "ok" if seconds < TARGET_S else "OVER TARGET"

    print(f"ledger stats, {args.attacks:,} attacks, {rows} month/class rows (SQLite)")
    print(f"  Ledger.stats():     {library:.3f} s   target < {TARGET_S} s   {verdict(library)}")
    print(
        f"  skyledger stats:    {cli:.3f} s   target < {TARGET_S} s   {verdict(cli)}"
        f"   (whole process; start-up alone {startup:.3f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
