"""scan.finditer gives exactly the matches of Pattern.finditer, only faster."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.extract import lexicon, numbers, scan

FIXTURES = Path(__file__).parent / "fixtures"


def _patterns() -> list[re.Pattern[str]]:
    out: list[re.Pattern[str]] = []
    for lang in lexicon.LANGUAGES:
        L = numbers._lang(lang)
        out += [L.stops, L.number, L.approx, *(rx for _, rx in L.patterns)]
        out += [i.rest for i in lexicon._index(lang).values() if i.rest is not None]
        out += [i.indexed for i in lexicon._index(lang).values() if i.indexed is not None]
    return out


PATTERNS = _patterns()
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
# Digits, marks the patterns start with, Latin and Cyrillic letters, spaces.
ALPHABET = "0123456789 .,:;-/+()#@№'\n\tanopmtwx@абвоінсЗ"


def _spans(found: object) -> list[tuple[int, int]]:
    return [m.span() for m in found]  # type: ignore[attr-defined]


def test_some_patterns_are_scanned_by_start_character() -> None:
    assert any(scan._starts(rx) is not None for rx in PATTERNS)
    assert scan._starts(re.compile(r"(?<!\d)\d+")) is not None
    assert scan._starts(re.compile(r"\w+")) is None  # letters: the engine scans faster
    assert scan._starts(re.compile(r"\d*")) is None  # may match empty


@pytest.mark.parametrize("text", TEXTS[:20])
def test_same_matches_on_reports(text: str) -> None:
    for rx in PATTERNS:
        for t in (text, numbers._normalize(text)):
            assert _spans(scan.finditer(rx, t)) == _spans(rx.finditer(t)), rx.pattern


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_same_matches_on_random_text(text: str) -> None:
    for rx in PATTERNS:
        assert _spans(scan.finditer(rx, text)) == _spans(rx.finditer(text)), rx.pattern
