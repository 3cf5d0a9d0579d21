"""A second quality gate: the documents of every tests/fixtures/heldout* batch (written
for the repository, independently of the development corpus and of the extractor)
scored with the shared scorer.

They measure how the rules generalise beyond the corpus they were written
against; each batch's floor is pinned in quality_floor.json.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import corpus_documents
from test_quality_gate import FLOORS, _f1, _load_scorer, _predict

FIXTURES = Path(__file__).resolve().parent / "fixtures"


BATCHES = sorted((p.name for p in FIXTURES.glob("heldout*") if p.is_dir()), key=lambda n: int(n[7:] or 1))


@pytest.mark.parametrize("batch", BATCHES)
def test_heldout_fact_f1_stays_above_floor(batch: str, capsys: pytest.CaptureFixture[str]) -> None:
    scorer = _load_scorer()
    tp, fp, fn = Counter[str](), Counter[str](), Counter[str]()
    for doc, gold_path in corpus_documents(FIXTURES / batch):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred, failure = _predict(doc, gold)
        assert failure is None, failure
        t, p, n, _ = scorer.compare(gold, pred)
        tp.update(t)
        fp.update(p)
        fn.update(n)
    value = _f1(tp, fp, fn)
    with capsys.disabled():
        print(f"\n{batch} documents: fact F1={value:.3f}")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["fact_f1"]
    assert batch in floors, f"{batch} has no floor: add its score to tests/quality_floor.json"
    floor = floors[batch]
    assert value >= floor - 1e-9, f"{batch} fact F1 fell to {value:.3f} (floor {floor:.3f})"
