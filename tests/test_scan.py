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
        out += [L.stops, L.number, L.approx, *(rx for _, rx in L.patterns), *(rx for _, rx in L.quants)]
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


def test_relaxed_tails_only_skip_texts_without_a_match() -> None:
    web = re.compile(r"(?<![\w/.])[\w-]+\.(?:com|ua)(?![\w])")
    assert scan._plan(web)[2] is not None   # searched from its ".": a tail, no start bound
    for text in ("see kyiv.ua now", "no address here", "a.comx b.com", ".ua"):
        assert _spans(scan.finditer(web, text)) == _spans(web.finditer(text))
    # Without its look-ahead an atomic group would commit to "a" and miss "abc".
    atomic = re.compile(r"(?>a(?!b)|ab)c")
    assert scan._plan(atomic)[2] is None
    assert _spans(scan.finditer(atomic, "abc")) == [(0, 3)]


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


def test_anchored_patterns_are_tried_at_the_start_only() -> None:
    for pattern in (r"^\s*update[d:]", r"(?:^a|\Ab)c", r"^x*", r"(?m)^ab"):
        rx = re.compile(pattern, re.IGNORECASE)
        assert scan._plan(rx).anchored == ("(?m)" not in pattern)
        for text in ("  updated: 5", "Update: x updated:", "ac", "bcx", "xx ab\nab", "", "\nab"):
            assert _spans(scan.finditer(rx, text)) == _spans(rx.finditer(text))


HOISTABLE = [r"(?<![\d.])\d{4}-\d{2}", r"(?<!\w)(?:ab|ac|b\d)", r"(?<![\w'])(?:all|any)(?![\w'])",
             r"(?<!\d)\d+?x", r"(?<!a)[0-9]{1,3}\.", r"(?<!\w)\d(?:\d|a)"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 .-abcx'\n", max_size=60))
def test_a_hoisted_look_behind_finds_the_same_matches(text: str) -> None:
    for pattern in HOISTABLE:
        rx = re.compile(pattern)
        hoisted = scan._plan(rx).hoisted
        assert hoisted is not None, pattern
        for pos in (0, 1, 5):
            got = [(m.span(), m.groups()) for m in hoisted.finditer(text, pos)]
            assert got == [(m.span(), m.groups()) for m in rx.finditer(text, pos)], pattern


def test_literal_prefilter_only_skips_texts_without_a_match() -> None:
    rx = re.compile(r"(?<![\w'])(?:at all|tel|no\.)\s*\d")
    assert set(scan._plan(rx).literals) == {"at all", "tel", "no."}
    for text in ("at all 5", "no. 7", "tel 12", "nothing here 5", "notel5"):
        assert _spans(scan.finditer(rx, text)) == _spans(rx.finditer(text))
    assert scan._plan(re.compile(r"a|bcd")).literals == ()     # "a" is too short to tell


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab tó\n-.,'1", max_size=60), st.integers(0, 60))
def test_end_chars_only_rejects_positions_without_a_phrase(text: str, pos: int) -> None:
    """A number's look-back for a phrase (numbers._before) rejects a position by the last
    character before it only when the search would find no phrase there."""
    pos = min(pos, len(text))
    for phrases in (["ab", "a\\.", "tó"], ["b", "a-b\\w*", "t'?a"], []):
        rx = re.compile(r"(?<![\w'])(?:" + ("|".join(phrases) or "(?!)") + r")\s*$")
        ends = scan.end_chars(rx)
        assert ends is not None
        last = len(text[:pos].rstrip()) - 1
        if last < 0 or not ends.match(text, last):
            assert rx.search(text, 0, pos) is None


def test_end_chars_is_none_for_patterns_it_cannot_read() -> None:
    assert scan.end_chars(re.compile(r"ab\s*$", re.IGNORECASE)) is None
    assert scan.end_chars(re.compile(r"ab$")) is None       # no "\s*" before the end
    assert scan.end_chars(re.compile(r"a\s?\s*$")) is None  # may end in a space
