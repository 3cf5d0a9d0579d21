"""Build the demo ledger from examples/ledger/ (used by `make demo`).

    python tools/demo_ledger.py demo.db [--editor NAME]

Each sample goes through `skyledger.ingest` like any other file, with the
outlet and date that examples/ledger/manifest.json gives it (a local file
says neither). An editor account is added with a fresh random password,
printed once, so the review queue can be tried at once.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from datetime import date
from pathlib import Path

from argon2 import PasswordHasher

from skyledger.errors import SkyledgerError
from skyledger.ingest import FileJob, IngestOptions, Ingestor
from skyledger.ledger import Ledger

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "examples" / "ledger"


def jobs(folder: Path) -> list[FileJob]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for entry in manifest["documents"]:
        path = folder / entry["file"]
        out.append(FileJob(
            source=str(path.relative_to(REPO)), data=path.read_bytes(),
            published=date.fromisoformat(entry["published"]), source_name=entry["source"],
        ))
    return out


class Printer:
    """Reports each document that could not be stored (ingest's Reporter)."""

    def planned(self, count: int) -> None:
        print(f"storing {count} sample documents")

    def finished(self, source: str, status: str, message: str) -> None:
        if status == "failed":
            print(f"warning: {source}: {message}", file=sys.stderr)


def build(db: str, editor: str) -> str:
    """Store the samples in `db`; the editor's new password."""
    password = secrets.token_urlsafe(12)
    with Ledger(db) as ledger:
        with Ingestor(ledger, IngestOptions(), reporter=Printer()) as run:
            summary = run.run(jobs(SAMPLES))
        print(summary.line())
        ledger.add_user(editor, "editor", PasswordHasher().hash(password))
    return password


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="the ledger to build (a SQLite path or URL)")
    parser.add_argument("--editor", default="demo", help="editor account name (default: demo)")
    args = parser.parse_args()
    try:
        password = build(args.db, args.editor)
    except SkyledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"editor account: {args.editor} / {password}  (log in at /login)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
