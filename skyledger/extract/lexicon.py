"""Cue patterns per language, loaded once from data/cues_<lang>.json.

A cue is a phrase that tells what a nearby figure means: a verb of
destruction, a casualty word, a marker of totals or updates. The patterns
are data so that each language grows without touching the code.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from skyledger.extract import fold, scan

LANGUAGES = ("en", "uk", "ru")


class Cue(NamedTuple):
    """One match of a cue kind (a tuple: made for every match in a report)."""

    kind: str
    start: int
    end: int


def _data(name: str) -> dict[str, object]:
    raw = resources.files("skyledger.extract").joinpath("data", name).read_text("utf-8")
    data: dict[str, object] = json.loads(raw)
    return data


def _compile(patterns: list[str]) -> re.Pattern[str]:
    # Word boundaries where the pattern starts or ends with a letter.
    parts = []
    for p in patterns:
        # A word boundary before patterns that start with a word ("," or "\s" need none).
        starts_word = p[:1].isalnum() or p[:1] in "([" or (p[:1] == "\\" and p[1:2] in "wd")
        head = "" if p.startswith(("\\b", "^", "(?<")) or not starts_word else r"(?<![\w'])"
        tail = "" if p.endswith(("\\b", "$", ")")) else r"(?![\w'])"
        parts.append(f"{head}(?:{p}){tail}")
    return re.compile("|".join(parts), re.IGNORECASE)


@cache
def patterns(lang: str) -> dict[str, re.Pattern[str]]:
    """Compiled cue patterns of one language, by kind."""
    lang = lang if lang in LANGUAGES else "en"
    data = _data(f"cues_{lang}.json")
    return {k: _compile(v) for k, v in data.items() if not k.startswith("_") and isinstance(v, list)}


@dataclass(frozen=True)
class _Index:
    prefixes: dict[str, tuple[str, ...]]   # literal prefixes by their first two letters
    indexed: re.Pattern[str] | None        # the patterns that have one
    rest: re.Pattern[str] | None           # the others, scanned everywhere
    # Their twins for the lower-cased text (fold.py): matched without IGNORECASE, they are
    # quicker, and `scan` can skip to the literal words a match needs.
    indexed_twin: re.Pattern[str] | None
    rest_twin: re.Pattern[str] | None
    # The indexed patterns match only at the start of the text ("^(?:з|із|...)$", made
    # for a snippet): in a document they are tried at its first word alone.
    at_start: bool = False


@cache
def _index(lang: str) -> dict[str, _Index]:
    lang = lang if lang in LANGUAGES else "en"
    data = _data(f"cues_{lang}.json")
    out: dict[str, _Index] = {}
    for kind, pats in data.items():
        if kind.startswith("_") or not isinstance(pats, list):
            continue
        found = [(p, scan.word_prefixes(p, re.IGNORECASE)) for p in pats]
        with_prefix = [(p, xs) for p, xs in found if xs is not None]
        rest = [p for p, xs in found if xs is None]
        table: dict[str, list[str]] = {}
        for _, prefixes in with_prefix:
            for prefix in prefixes:
                table.setdefault(prefix[:2], []).append(prefix)
        indexed = _compile([p for p, _ in with_prefix]) if with_prefix else None
        rest_rx = _compile(rest) if rest else None
        out[kind] = _Index(
            {k: tuple(v) for k, v in table.items()}, indexed, rest_rx,
            fold.twin(indexed) if indexed is not None else None,
            fold.twin(rest_rx) if rest_rx is not None else None,
            indexed is not None and scan.anchored(indexed),
        )
    return out


_WORD = re.compile(r"[^\W\d_][\w']*")


# Caches keyed by a document's text hold what one extraction needs, no more: a
# bigger one would only pay off when the very same text is extracted again.
@lru_cache(maxsize=2)
def _lowered(text: str) -> str | None:
    return fold.lower(text)


@cache
def _by_prefix(lang: str, first: bool) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """For each two-letter word start: the kinds whose patterns may begin there (at the
    text's first word, also those that match only at the start of the text)."""
    table: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for kind, idx in _index(lang).items():
        if idx.at_start and not first:
            continue
        for two, prefixes in idx.prefixes.items():
            table.setdefault(two, []).append((kind, prefixes))
    return {k: tuple(v) for k, v in table.items()}


def _kinds_at(word: str, lang: str, first: bool = False) -> tuple[str, ...]:
    """The kinds with a pattern whose literal prefix begins this word."""
    return tuple(kind for kind, prefixes in _by_prefix(lang, first).get(word[:2], ())
                 if any(word.startswith(c) for c in prefixes))


# The kinds of each lower-case word seen (not at a text's start), by language: reports
# reuse their vocabulary, and one look-up per word is the whole cost of most words.
_KINDS: dict[str, dict[str, tuple[str, ...]]] = {}
_KINDS_MAX = 100_000


def _kinds_of(lang: str) -> dict[str, tuple[str, ...]]:
    table = _KINDS.setdefault(lang, {})
    if len(table) > _KINDS_MAX:
        table.clear()
    return table


@cache
def _indexed_patterns(lang: str) -> dict[str, tuple[re.Pattern[str] | None, re.Pattern[str]]]:
    """Each kind's indexed pattern's twin and the pattern, for kinds that have one."""
    return {k: (i.indexed_twin, i.indexed) for k, i in _index(lang).items() if i.indexed is not None}


@lru_cache(maxsize=2)
def _indexed_hits(text: str, lang: str) -> dict[str, list[Cue]]:
    """Matches of every kind's word-indexed patterns, in one pass over the words."""
    hits: dict[str, list[Cue]] = {}
    last_end: dict[str, int] = {}
    low = _lowered(text)
    known = _kinds_of(lang)
    patterns = _indexed_patterns(lang)
    # The lowered text has the same words at the same offsets (fold.py keeps each
    # character's class), already in lower case.
    for w in _WORD.finditer(text if low is None else low):
        word = w.group() if low is not None else w.group().lower()
        pos = w.start()
        if pos == 0:
            kinds = _kinds_at(word, lang, first=True)
        elif (got := known.get(word)) is not None:
            kinds = got
        else:
            kinds = known[word] = _kinds_at(word, lang)
        for kind in kinds:
            if pos < last_end.get(kind, -1):
                continue
            twin, rx = patterns[kind]
            m = twin.match(low, pos) if low is not None and twin is not None else rx.match(text, pos)
            if m is not None:
                hits.setdefault(kind, []).append(Cue(kind, m.start(), m.end()))
                last_end[kind] = m.end()
    return hits


@lru_cache(maxsize=32)     # every kind of one language, for one document
def _all(text: str, lang: str, kind: str) -> tuple[list[int], list[Cue]]:
    """Every match of a kind in a whole document, found once and sliced per sentence.

    Patterns that start with literal letters are tried only where a word starts
    with them: scanning every position with every pattern cost milliseconds."""
    idx = _index(lang).get(kind)
    if idx is None:
        return [], []
    found: list[Cue] = list(_indexed_hits(text, lang).get(kind, ()))
    low = _lowered(text)
    if low is not None and idx.rest_twin is not None:
        found += [Cue(kind, m.start(), m.end()) for m in scan.finditer(idx.rest_twin, low)]
    elif idx.rest is not None:
        found += [Cue(kind, m.start(), m.end()) for m in scan.finditer(idx.rest, text)]
    cues: list[Cue] = []
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        if not cues or c.start >= cues[-1].end:
            cues.append(c)
    return [c.start for c in cues], cues


def find(text: str, lang: str, kind: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Every match of one cue kind in text[start:end], with absolute offsets."""
    stop = len(text) if end is None else end
    if start == 0 and stop == len(text) or len(text) < 200_000:
        starts, cues = _all(text, lang, kind)
        lo = bisect_left(starts, start)
        out = []
        for c in cues[lo:]:
            if c.start >= stop:
                break
            if c.end <= stop:
                out.append(c)
        return out
    pat = patterns(lang).get(kind)
    if pat is None:
        return []
    return [Cue(kind, m.start(), m.end()) for m in pat.finditer(text, start, stop)]


def found_in(text: str, lang: str, kind: str, start: int, end: int) -> bool:
    """Whether ``find(text, lang, kind, start, end)`` would find anything (no list is built)."""
    if len(text) >= 200_000 and not (start == 0 and end == len(text)):
        return bool(find(text, lang, kind, start, end))
    starts, cues = _all(text, lang, kind)
    lo = bisect_left(starts, start)
    # Cues do not overlap, so ends grow with starts: the first one decides.
    return lo < len(cues) and cues[lo].start < end and cues[lo].end <= end


def has(text: str, lang: str, kind: str) -> bool:
    pat = patterns(lang).get(kind)
    return bool(pat and pat.search(text))
