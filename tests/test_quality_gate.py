"""Quality gate: score the development corpus in-process with the shared
scorer and fail when fact F1 drops below the floors in quality_floor.json.

Groups: `en` (English text and HTML) and `uk+ru+telegram` (Ukrainian and
Russian documents and every Telegram export).
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import SCORER, corpus_documents

from skyledger.errors import SkyledgerError
from skyledger.pipeline import extract_path

FLOORS = Path(__file__).resolve().parent / "quality_floor.json"
GROUPS = ("overall", "en", "uk+ru+telegram")


def _load_scorer() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip(f"shared scorer not found at {SCORER.resolve()} (it sits beside the repo)")
    spec = importlib.util.spec_from_file_location("skyledger_shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _group(doc: Path, gold: dict[str, Any]) -> str:
    language = gold.get("document", {}).get("language")
    return "en" if language == "en" and doc.suffix != ".json" else "uk+ru+telegram"


def _predict(doc: Path, gold: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    published = gold.get("document", {}).get("published")
    try:
        result = extract_path(str(doc), date.fromisoformat(published) if published else None)
    except SkyledgerError as exc:
        return {"events": []}, f"{doc.name}: {exc}"
    return result.to_dict(), None


def _f1(tp: Counter[str], fp: Counter[str], fn: Counter[str]) -> float:
    t, f_p, f_n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = t / (t + f_p) if t + f_p else 1.0
    recall = t / (t + f_n) if t + f_n else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@pytest.fixture(scope="module")
def scores(dev_corpus: Path) -> dict[str, Any]:
    scorer = _load_scorer()
    totals = {g: (Counter[str](), Counter[str](), Counter[str]()) for g in GROUPS}
    failures: list[str] = []
    for doc, gold_path in corpus_documents(dev_corpus):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred, failure = _predict(doc, gold)
        failures += [failure] if failure else []
        tp, fp, fn, _ = scorer.compare(gold, pred)
        for group in ("overall", _group(doc, gold)):
            for total, part in zip(totals[group], (tp, fp, fn), strict=True):
                total.update(part)
    f1 = {g: _f1(*totals[g]) for g in GROUPS}
    return {"f1": f1, "failures": failures, "report": scorer.report(*totals["overall"])}


def test_print_scores(scores: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\nquality gate (dev corpus, fact F1):")
        print(scores["report"])
        for group, value in scores["f1"].items():
            print(f"  {group:<16} F1={value:.3f}")


def test_every_corpus_document_is_read(scores: dict[str, Any]) -> None:
    assert scores["failures"] == [], "documents the pipeline refused:\n" + "\n".join(
        scores["failures"]
    )


@pytest.mark.parametrize("group", GROUPS)
def test_fact_f1_stays_above_floor(scores: dict[str, Any], group: str) -> None:
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["fact_f1"][group]
    value = scores["f1"][group]
    assert value >= floor - 1e-9, f"fact F1 for {group} fell to {value:.3f} (floor {floor:.3f})"
