"""Shared fixtures: repository paths, the shared corpus (when present), the
contract schema, and the hypothesis profiles."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
# The corpus and contract live beside the repository (read-only, maintained elsewhere).
SHARED = REPO / ".." / "shared"
DEV_CORPUS = SHARED / "corpus" / "dev"
SCORER = SHARED / "tools" / "score.py"
EXAMPLES = REPO / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOC_SUFFIXES = (".txt", ".html", ".htm", ".json")

# Property tests: a quick run in the regular suite, a long one for `make fuzz`.
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile("dev", max_examples=200, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_SLOW_OK,
)
settings.register_profile(
    "fuzz", max_examples=100_000, deadline=None, suppress_health_check=_SLOW_OK
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


def corpus_documents(corpus: Path) -> list[tuple[Path, Path]]:
    """(document, gold file) pairs of a corpus folder, in name order."""
    pairs = []
    for gold in sorted(corpus.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        docs = [corpus / (stem + s) for s in DOC_SUFFIXES if (corpus / (stem + s)).exists()]
        if docs:
            pairs.append((docs[0], gold))
    return pairs


def example_documents() -> list[Path]:
    """The sample reports in examples/ and the test's own reports in fixtures/reports/."""
    folders = (EXAMPLES, FIXTURES / "reports")
    return sorted(p for d in folders if d.is_dir() for p in d.iterdir() if p.suffix in DOC_SUFFIXES)


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    if not DEV_CORPUS.is_dir():
        pytest.skip(
            f"shared dev corpus not found at {DEV_CORPUS.resolve()} (it sits beside the repo)"
        )
    return DEV_CORPUS


@pytest.fixture(scope="session")
def contract_schema() -> dict[str, Any]:
    """The contract's JSON Schema: the shared one when present, else the pinned copy."""
    shared = SHARED / "contract" / "events.schema.json"
    path = shared if shared.is_file() else FIXTURES / "events.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


# A real PostgreSQL server for the store tests (tests/pg.py): pg_server, pg_url,
# ledger_url (SQLite and PostgreSQL), make_ledger_url.
from pg import ledger_url, make_ledger_url, pg_server, pg_url  # noqa: F401
