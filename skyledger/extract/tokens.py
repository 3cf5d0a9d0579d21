"""Word tokens with offsets, and word forms through pymorphy3.

Model names keep their hyphens and slashes ("Shahed-136/131", "Х-101/Х-555")
so that the digits inside them are never read as counts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

_TOKEN = re.compile(r"[\w']+(?:[-/.][\w']+)*|[«»\"“”()]|[^\w\s]")


class Token(NamedTuple):
    """A word or mark with its offsets (a tuple: thousands are made per report)."""

    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


# A NamedTuple's own __new__ is a Python function; the tuple's is the same, minus a call.
_new_tuple = tuple.__new__


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    return [_new_tuple(Token, (m.start(), m.end(), m.group())) for m in _TOKEN.finditer(text, start, stop)]


@lru_cache(maxsize=2)
def _analyzer(lang: str) -> Any:
    import pymorphy3  # loaded on first Cyrillic document only

    return pymorphy3.MorphAnalyzer(lang=lang)


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _analysable(word: str) -> bool:
    """A Cyrillic word pymorphy3 can read: it fails on letters without a Unicode name."""
    return is_cyrillic(word) and all(ch.isascii() or "\u0400" <= ch <= "\u04ff" or ch in "’ʼ" for ch in word)


@lru_cache(maxsize=100_000)
def grammatical_number(word: str, lang: str, case: str | None = None) -> str | None:
    """"sing" or "plur" when every likely reading of the word (in `case`, when the grammar
    gives it) agrees, else None."""
    if lang not in ("uk", "ru") or not _analysable(word):
        return None
    parses = [p for p in _analyzer(lang).parse(word.lower()) if p.score >= 0.05]
    if case is not None:
        parses = [p for p in parses if case in p.tag] or parses  # "завдав удару ракетою": not governed
    if not parses or any("Fixd" in p.tag for p in parses):
        return None  # indeclinable ("БпЛА") tells nothing
    # The Ukrainian dictionary marks the singular by gender alone.
    numbers = {_number(str(p.tag)) for p in parses}
    numbers.discard(None)
    return numbers.pop() if len(numbers) == 1 else None


def _number(tag: str) -> str | None:
    if "plur" in tag:
        return "plur"
    if "sing" in tag or any(g in tag for g in ("masc", "femn", "neut")):
        return "sing"
    return None


@lru_cache(maxsize=100_000)
def lemma(word: str, lang: str) -> str:
    """Dictionary form of a Ukrainian or Russian word; other words lowercased."""
    if lang not in ("uk", "ru") or not _analysable(word):
        return word.lower()
    return str(_analyzer(lang).parse(word.lower())[0].normal_form)


@lru_cache(maxsize=100_000)
def likely_singular(word: str, lang: str) -> bool:
    """The most likely reading is singular ("чоловік": a man, rarely "of men")."""
    if lang not in ("uk", "ru") or not _analysable(word):
        return False
    parses = _analyzer(lang).parse(word.lower())
    return bool(parses) and _number(str(parses[0].tag)) == "sing"
