"""Every output validates against the contract's JSON Schema: the development
corpus (when ../shared is present) and the sample reports in examples/."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import DEV_CORPUS, FIXTURES, SHARED, corpus_documents, example_documents
from jsonschema import Draft202012Validator, FormatChecker

from skyledger.pipeline import extract_path

ABSENT = f"shared dev corpus not found at {DEV_CORPUS.resolve()} (it sits beside the repo)"


def _corpus_params() -> list[Any]:
    if not DEV_CORPUS.is_dir():
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=ABSENT), id="dev-corpus")]
    return [pytest.param(doc, gold, id=doc.name) for doc, gold in corpus_documents(DEV_CORPUS)]


def _errors(schema: dict[str, Any], instance: Any) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def _output(path: Path, published: date | None) -> Any:
    result = extract_path(str(path), published)
    # Round-trip through JSON text, as the CLI prints it.
    return json.loads(json.dumps(result.to_dict(), ensure_ascii=False))


@pytest.mark.parametrize("doc, gold", _corpus_params())
def test_dev_corpus_output_matches_schema(
    doc: Path, gold: Path, contract_schema: dict[str, Any]
) -> None:
    published = json.loads(gold.read_text(encoding="utf-8"))["document"].get("published")
    output = _output(doc, date.fromisoformat(published) if published else None)
    assert _errors(contract_schema, output) == []


@pytest.mark.parametrize("doc", example_documents(), ids=lambda p: p.name)
def test_example_output_matches_schema(doc: Path, contract_schema: dict[str, Any]) -> None:
    assert _errors(contract_schema, _output(doc, None)) == []


def test_gold_files_match_schema(dev_corpus: Path, contract_schema: dict[str, Any]) -> None:
    """The schema accepts the gold files, so a failure above is ours, not the schema's."""
    for _, gold in corpus_documents(dev_corpus):
        assert _errors(contract_schema, json.loads(gold.read_text(encoding="utf-8"))) == []


def test_pinned_schema_copy_is_current() -> None:
    shared = SHARED / "contract" / "events.schema.json"
    if not shared.is_file():
        pytest.skip(f"shared contract not found at {shared.resolve()}")
    pinned = FIXTURES / "events.schema.json"
    assert json.loads(pinned.read_text(encoding="utf-8")) == json.loads(
        shared.read_text(encoding="utf-8")
    ), "tests/fixtures/events.schema.json differs from the shared contract: copy it again"


def test_schema_rejects_a_negative_count(contract_schema: dict[str, Any]) -> None:
    """A guard that validation is really on: a broken output must fail."""
    bad = {
        "document": {"source": "x", "language": "en", "published": None},
        "events": [
            {
                "date": "2024-03-21",
                "attacker": "RU",
                "target_country": "UA",
                "regions": [],
                "weapons": [],
                "launched": -1,
                "destroyed": None,
                "killed": None,
                "injured": None,
            }
        ],
    }
    assert _errors(contract_schema, bad)
