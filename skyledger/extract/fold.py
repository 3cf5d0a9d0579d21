"""Case-insensitive patterns matched case-sensitively against a lower-cased text.

`re` gives a case-insensitive (IGNORECASE) pattern none of its fast paths: it
cannot skip ahead to a literal first character and lower-cases every character
it compares, so a search over a sentence costs three times what it would
case-sensitively. Lower-casing the text once and matching a lower-cased twin of
the pattern finds the same matches at the same offsets, when

- the text has only characters whose case `re` folds the way `str.lower` does:
  one character for one, no special folds (dotless i, long s, Cyrillic
  "rounded" letters), no Greek final sigma (see `_safe_chars`); `lower` returns
  None for any other text, and callers match the original pattern;
- the twin compares lower-cased literals and replaces each set that holds
  cased characters with one checked, character by character, against the
  original over every cased character of those texts (`twin`).

Group texts of a match in the lowered text are lower case: slice the original
text with the match's offsets when the case matters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from re import _casefix as _cf  # type: ignore[attr-defined]
from re import _compiler as _k  # type: ignore[attr-defined]
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

from skyledger.extract import hoist

# Blocks a report is written in: Latin, Cyrillic, punctuation and symbols, emoji.
_BLOCKS = ((0x0000, 0x024F), (0x0400, 0x04FF), (0x2000, 0x2BFF), (0x3000, 0x303F),
           (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0x1F000, 0x1FAFF))
_CATEGORIES = (re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s"))


@lru_cache(maxsize=1)
def _special_folds() -> frozenset[str]:
    """Characters `re` takes as one letter though `str.lower` keeps them apart ("i" and
    dotless "ı"): all but the first of each such group."""
    extra: dict[int, tuple[int, ...]] = _cf._EXTRA_CASES
    groups = {tuple(sorted((k, *v))) for k, v in extra.items()}
    return frozenset(chr(c) for g in groups for c in g[1:])


def _folds_plainly(ch: str, special: frozenset[str]) -> bool:
    low = ch.lower()
    if low == ch and ch.upper() == ch:
        return True     # uncased: the same character in both texts
    return (ch not in special and len(low) == 1 and low not in special and low.lower() == low
            and ord(low) == _k._sre.unicode_tolower(ord(ch)) and ch != "\u03a3"
            and all(bool(c.match(ch)) == bool(c.match(low)) for c in _CATEGORIES))


@lru_cache(maxsize=1)
def _safe_chars() -> tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    """A search for a character outside the safe set, the cased safe characters,
    and their lower-case forms."""
    special = _special_folds()
    safe = [chr(i) for a, b in _BLOCKS for i in range(a, b + 1) if _folds_plainly(chr(i), special)]
    cased = tuple(ch for ch in safe if ch.lower() != ch or ch.upper() != ch)
    ranges: list[tuple[int, int]] = []
    for ch in safe:
        if ranges and ranges[-1][1] == ord(ch) - 1:
            ranges[-1] = (ranges[-1][0], ord(ch))
        else:
            ranges.append((ord(ch), ord(ch)))
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)
    lowers = tuple(dict.fromkeys(ch.lower() for ch in cased if ch.lower() != ch.upper()))
    return re.compile(f"[^{body}]"), cased, lowers


def lower(text: str) -> str | None:
    """``text.lower()`` when twins may be matched against it (same offsets), else None."""
    if _safe_chars()[0].search(text):
        return None
    return text.lower()


class _NoTwin(Exception):
    """The pattern holds something this module does not translate."""


def _lit(code: int) -> int:
    low = chr(code).lower()
    if len(low) != 1 or low in _special_folds():
        raise _NoTwin   # "ı" in a pattern matches "i" in a text, but lowered "i" is no "ı"
    return ord(low)


def _state(flags: int) -> Any:
    state = _p.State()
    state.flags = flags
    return state


def _in_items(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    negate = bool(items) and items[0][0] is _c.NEGATE
    body = tuple(items[1:] if negate else items)
    if any(op not in (_c.LITERAL, _c.RANGE, _c.CATEGORY) for op, _ in body):
        raise _NoTwin
    if not any(_cased(op, av) for op, av in body):
        # Without cased characters a set takes a character and its lower case alike
        # (`_folds_plainly` checks the categories): it stays as it is.
        return list(items)
    twin = _cased_set(body)
    if twin is None:
        raise _NoTwin
    return ([(_c.NEGATE, None)] if negate else []) + list(twin)


def _cased(op: Any, av: Any) -> bool:
    if op is _c.LITERAL:
        return chr(av).lower() != chr(av) or chr(av).upper() != chr(av)
    if op is _c.RANGE:
        return any(_cased(_c.LITERAL, i) for i in range(av[0], av[1] + 1))
    return False


@lru_cache(maxsize=1024)    # the same few sets ([cs], [а-яіїєґ]) recur in many patterns
def _cased_set(body: tuple[tuple[Any, Any], ...]) -> tuple[tuple[Any, Any], ...] | None:
    """A case-sensitive set for lowered text: lowered literals, kept ranges, and every
    lowered cased character the original set takes in; None if they disagree anywhere."""
    flags = re.UNICODE | re.IGNORECASE
    original = _k.compile(_p.SubPattern(_state(flags), [(_c.IN, list(body))]), flags)
    _, cased, lowers = _safe_chars()
    try:
        new = [(op, _lit(av) if op is _c.LITERAL else av) for op, av in body]
    except _NoTwin:
        return None
    new += [(_c.LITERAL, ord(ch)) for ch in lowers if original.match(ch)]
    twin = _k.compile(_p.SubPattern(_state(re.UNICODE), [(_c.IN, new)]), re.UNICODE)
    # Every cased character must be taken in by the twin exactly when the original takes it.
    if any(bool(original.match(ch)) != bool(twin.match(ch.lower())) for ch in cased):
        return None
    return tuple(new)


def _seq(seq: Any) -> Any:
    out = []
    for op, av in seq:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            av = _lit(av)
        elif op is _c.IN:
            av = _in_items(av)
        elif op is _c.BRANCH:
            av = (av[0], [_seq(b) for b in av[1]])
        elif op is _c.SUBPATTERN:
            if av[1] or av[2]:      # inline flags
                raise _NoTwin
            av = (av[0], av[1], av[2], _seq(av[3]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            av = (av[0], av[1], _seq(av[2]))
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            av = (av[0], _seq(av[1]))
        elif op is _c.ATOMIC_GROUP:
            av = _seq(av)
        elif op not in (_c.ANY, _c.AT, _c.CATEGORY):
            raise _NoTwin     # group references compare text case-insensitively
        out.append((op, av))
    return _p.SubPattern(seq.state, out)


# The parsed form of each twin (a twin has no pattern string), by the twin's id; kept with it.
_TREES: dict[int, tuple[re.Pattern[str], Any]] = {}


def tree_of(rx: re.Pattern[str]) -> Any | None:
    """The parsed pattern a twin was compiled from (for `scan`); None for other patterns."""
    got = _TREES.get(id(rx))
    return got[1] if got is not None and got[0] is rx else None


@lru_cache(maxsize=1024)
def twin(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of an IGNORECASE pattern, for `lower`'s text; None if it has none."""
    if not rx.flags & re.IGNORECASE or not rx.flags & re.UNICODE or rx.flags & re.LOCALE:
        return None
    tree = _p.parse(rx.pattern, rx.flags)
    try:
        new = _seq(tree)
    except _NoTwin:
        return None
    new.state.flags &= ~re.IGNORECASE
    new = hoist.hoisted(new)
    out: re.Pattern[str] = _k.compile(new, rx.flags & ~re.IGNORECASE)
    _TREES[id(out)] = (out, new)
    return out


# Twins by the id of their pattern; the pattern is kept with its twin, so the id stays its own.
_BY_ID: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def _twin_of(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    got = _BY_ID.get(id(rx))
    if got is None:
        got = _BY_ID[id(rx)] = (rx, twin(rx))
    return got[1]


class Folded:
    """A text and, when safe, its lower-cased copy: searches take a pattern's twin where it has one.
    Offsets are the text's; read group texts from ``text``, not from ``m.group()``."""

    __slots__ = ("low", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = lower(text)

    def search(self, rx: re.Pattern[str], pos: int = 0) -> re.Match[str] | None:
        tw = _twin_of(rx) if self.low is not None else None
        return rx.search(self.text, pos) if tw is None or self.low is None else tw.search(self.low, pos)

    def finditer(self, rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        tw = _twin_of(rx) if self.low is not None else None
        return rx.finditer(self.text) if tw is None or self.low is None else tw.finditer(self.low)
