"""`finditer` that tries a pattern only where its first character can be.

Most number patterns start with a look-behind and then a digit ("(?<![\\d.])\\d{4}-"),
which keeps the regular-expression engine from skipping ahead: it tries every
position of the text, and a report pays for each of twenty patterns. When the
characters a match can start with are a few non-letters (digits, "№", "#", "@"),
a character-class search finds those positions in C and the pattern is tried
at them alone. The matches are exactly those of `Pattern.finditer`.

A pattern without its assertions matches wherever the pattern does, and more;
so does any tail of its sequence inside every match (".com" in a web address).
When such a relaxed copy starts with literal characters the engine searches for
them in C, so one call tells that a text holds no match ("at all", "tel:",
"№ 5", web addresses appear in few reports) and, for the whole pattern, where
the first match can start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# The parser `re` itself uses (private, but stable across 3.11+): it tells which
# characters a pattern can start with.
from re import _compiler as _k  # type: ignore[attr-defined]
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any, NamedTuple

from skyledger.extract import fold, hoist

# A range wider than this ("a-z") makes too many candidates to be worth it.
_MAX_RANGE = 10
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
# Without a look-around inside them these could commit to a path that then fails,
# so dropping assertions would no longer only add matches.
_COMMITTING = {_c.ATOMIC_GROUP, _c.POSSESSIVE_REPEAT, _c.POSSESSIVE_REPEAT_ONE,
               _c.GROUPREF, _c.GROUPREF_EXISTS, _c.GROUPREF_IGNORE, _c.GROUPREF_UNI_IGNORE}


class _Unknown(Exception):
    """The first characters are not a small known set: scan everywhere."""


def _literal(code: int) -> str:
    # Letters are everywhere in text: trying a pattern at each one is slower
    # than letting the engine scan.
    if chr(code).isalpha():
        raise _Unknown
    return re.escape(chr(code))


def _set_items(items: list[tuple[Any, Any]]) -> list[str]:
    out = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(_literal(av))
        elif op is _c.RANGE and av[1] - av[0] <= _MAX_RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            out.append(r"\d")
        else:
            raise _Unknown
    return out


def _first(seq: Any) -> tuple[list[str], bool]:
    """Class items a match of the sequence can start with, and whether it can be empty."""
    items, empty = _edge(seq)
    return _set_items(items), empty


def _edge(seq: Any, last: bool = False) -> tuple[list[tuple[Any, Any]], bool]:
    """Class items the first (or the last) character of a match of the sequence can be, and
    whether the match can be empty (raises _Unknown for what this does not follow)."""
    items: list[tuple[Any, Any]] = []
    for op, av in reversed(seq.data) if last else seq.data:
        if op is _c.ASSERT_NOT and not av[1].data:
            return [], False    # "(?!)", an empty list of phrases: no match, no edge character
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            return items + [(op, av)], False
        if op is _c.IN:
            if any(o not in (_c.LITERAL, _c.RANGE, _c.CATEGORY) for o, _ in av):
                raise _Unknown      # a negated set
            return items + list(av), False
        if op is _c.BRANCH:
            parts = [_edge(branch, last) for branch in av[1]]
            items += [i for got, _ in parts for i in got]
            if not any(empty for _, empty in parts):
                return items, False
        elif op is _c.SUBPATTERN and not (av[1] or av[2]):  # inline flags change how characters match
            got, empty = _edge(av[3], last)
            items += got
            if not empty:
                return items, False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            got, empty = _edge(av[2], last)
            items += got
            if av[0] > 0 and not empty:
                return items, False
        else:
            raise _Unknown
    return items, True


def _required(seq: Any) -> set[str]:
    """Non-letter characters every match contains: those the sequence itself must match."""
    out: set[str] = set()
    for op, av in seq:
        if op is _c.LITERAL and not chr(av).isalpha():
            out.add(chr(av))
        elif op is _c.SUBPATTERN and not (av[1] or av[2]):
            out |= _required(av[3])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] > 0:
            out |= _required(av[2])
    return out


def _strip(seq: Any) -> Any:
    """A copy of a parsed sequence without its assertions."""
    out = []
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        if op in _COMMITTING:
            raise _Unknown
        if op is _c.SUBPATTERN:
            av = (av[0], av[1], av[2], _strip(av[3]))
        elif op is _c.BRANCH:
            av = (av[0], [_strip(branch) for branch in av[1]])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            av = (av[0], av[1], _strip(av[2]))
        out.append((op, av))
    return _p.SubPattern(seq.state, out)


# More first characters than this (alternatives opening with most letters) leave
# the engine little to skip.
_MAX_FIRST = 8


def _literal_led(seq: Any) -> bool:
    """Whether the engine can search for a match's first character itself: it does so
    for a literal, a set of literals and ranges, or alternatives that each open with a literal."""
    while seq.data and seq[0][0] is _c.SUBPATTERN and not (seq[0][1][1] or seq[0][1][2]):
        seq = seq[0][1][3]
    if not seq.data:
        return False
    op, av = seq[0]
    if op is _c.LITERAL:
        return True
    if op is _c.IN:
        return all(o is _c.LITERAL or (o is _c.RANGE and a[1] - a[0] <= _MAX_RANGE) for o, a in av)
    return (op is _c.BRANCH and all(branch.data and branch[0][0] is _c.LITERAL for branch in av[1])
            and len({branch[0][1] for branch in av[1]}) <= _MAX_FIRST)


def _relaxed(tree: Any, flags: int) -> tuple[re.Pattern[str] | None, bool]:
    """The longest tail of the pattern, without assertions, that the engine scans for
    in C, and whether it is the whole pattern (its first match then bounds where the
    pattern's can start). Case-insensitive letters are not scanned for: none then."""
    if flags & re.IGNORECASE:
        return None, False
    for k in range(len(tree.data)):
        try:
            tail = _strip(_p.SubPattern(tree.state, tree.data[k:]))
        except _Unknown:
            return None, False
        if _literal_led(tail):
            rx: re.Pattern[str] = _k.compile(tail, flags)
            return rx, k == 0
    return None, False


def _anchored(seq: Any) -> bool:
    """Whether every match starts at the start of the text ("^" or "\\A" first, in each alternative)."""
    if not seq.data:
        return False
    op, av = seq[0]
    if op is _c.AT:
        return av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
    if op is _c.SUBPATTERN and not (av[1] or av[2]):
        return _anchored(av[3])
    return op is _c.BRANCH and all(_anchored(b) for b in av[1])


# A literal shorter than this is in nearly every text; with more alternatives than the
# most, checking them all costs more than the search it may save.
_MIN_LITERAL = 3
_MAX_LITERALS = 40


def _literals(seq: Any, shortest: int = _MIN_LITERAL) -> frozenset[str] | None:
    """Strings of which every match holds one (its longest run of literal characters,
    or one from each alternative); None when there is no such set worth checking."""
    found: list[frozenset[str]] = []
    run = ""
    for op, av in seq:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if run:
            found.append(frozenset({run}))
            run = ""
        got = None
        if op is _c.SUBPATTERN and not (av[1] or av[2]):
            got = _literals(av[3], shortest)
        elif op is _c.BRANCH:
            parts = [_literals(branch, shortest) for branch in av[1]]
            if all(part is not None for part in parts):
                got = frozenset().union(*parts)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] > 0:
            got = _literals(av[2], shortest)
        if got:
            found.append(got)
    if run:
        found.append(frozenset({run}))
    good = [f for f in found if len(f) <= _MAX_LITERALS and min(map(len, f)) >= shortest]
    return max(good, key=lambda f: (min(map(len, f)), -len(f))) if good else None


class _Plan(NamedTuple):
    needs: tuple[str, ...]
    starts: re.Pattern[str] | None
    relaxed: re.Pattern[str] | None
    bounds: bool
    anchored: bool      # every match starts at 0: one match attempt decides
    # The same pattern with its look-behind after its first character (hoist.py): `re`
    # then skips to where a match can start by itself, quicker than `starts` in Python.
    hoisted: re.Pattern[str] | None
    # Strings one of which every match holds ("at all", "tel", "no."): a text without
    # any of them is skipped by substring searches, much quicker than the pattern's.
    literals: tuple[str, ...]


@lru_cache(maxsize=512)
def _plan(rx: re.Pattern[str]) -> _Plan:
    """What every match needs (an e-mail pattern needs "@": a text without one is
    skipped in C), a class of the characters a match can start with, if few,
    a relaxed pattern that is quick to search (see `_relaxed`), and whether the
    pattern is anchored at the start of the text."""
    tree = _p.parse(rx.pattern, rx.flags) if rx.pattern is not None else fold.tree_of(rx)
    needs = tuple(sorted(_required(tree)))
    relaxed, bounds = _relaxed(tree, rx.flags)
    anchored = _anchored(tree) and not rx.flags & re.MULTILINE
    moved = hoist.hoisted(tree)
    fast = _k.compile(moved, rx.flags) if moved is not tree else None
    # Literals compare case-insensitively under IGNORECASE: a substring search would not.
    lits = None if rx.flags & re.IGNORECASE else _literals(tree)
    literals = tuple(sorted(lits, key=len)) if lits else ()
    try:
        items, empty = _first(tree)
    except _Unknown:
        return _Plan(needs, None, relaxed, bounds, anchored, fast, literals)
    if empty or not items:
        return _Plan(needs, None, relaxed, bounds, anchored, fast, literals)
    starts = re.compile("[" + "".join(dict.fromkeys(items)) + "]", rx.flags)
    return _Plan(needs, starts, relaxed, bounds, anchored, fast, literals)


def _starts(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    return _plan(rx)[1]


def literals(rx: re.Pattern[str]) -> tuple[str, ...]:
    """Strings, of one character or more, of which every match of a case-sensitive
    pattern holds one; empty when not known."""
    if rx.flags & re.IGNORECASE:
        return ()
    tree = _p.parse(rx.pattern, rx.flags) if rx.pattern is not None else fold.tree_of(rx)
    found = _literals(tree, 1) if tree is not None else None
    return tuple(sorted(found, key=len)) if found else ()


def anchored(rx: re.Pattern[str]) -> bool:
    """Whether every match of the pattern starts at the start of the text."""
    return _plan(rx).anchored


def finditer(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, found faster for patterns with few start characters."""
    needs, starts, relaxed, bounds, anchored, hoisted, literals = _plan(rx)
    if any(ch not in text for ch in needs):
        return
    if literals and not any(lit in text for lit in literals):
        return
    if anchored:
        # Every match starts at 0, so `finditer` finds the one `match` finds, or none.
        m = rx.match(text)
        if m is not None:
            yield m
        return
    pos = 0
    if relaxed is not None:
        first = relaxed.search(text)
        if first is None:
            return
        pos = first.start() if bounds else 0     # no match of the pattern starts earlier
    if hoisted is not None:
        yield from hoisted.finditer(text, pos)
        return
    if starts is None:
        yield from rx.finditer(text, pos)
        return
    end = 0
    for s in starts.finditer(text, pos):
        pos = s.start()
        if pos < end:
            continue
        m = rx.match(text, pos)
        if m is not None:
            end = m.end()
            yield m


def _walk_prefixes(seq: Any) -> tuple[list[str], bool]:
    """Letter strings a match of the sequence starts with; True when they are all of it."""
    outs = [""]
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL and (chr(av).isalpha() or chr(av) == "'"):
            outs = [o + chr(av) for o in outs]
            continue
        if op is _c.IN and len(av) <= 4 and all(o is _c.LITERAL and chr(a).isalpha() for o, a in av):
            outs = [o + chr(a) for o in outs for _, a in av]     # "(?:у|в)наслідок"
            continue
        if op is _c.BRANCH:
            parts = [_walk_prefixes(branch) for branch in av[1]]
            outs = [o + p for o in outs for got, _ in parts for p in got]
            if all(whole for _, whole in parts):
                continue
            return outs, False
        if op is _c.SUBPATTERN and not (av[1] or av[2]):
            got, whole = _walk_prefixes(av[3])
            outs = [o + p for o in outs for p in got]
            if whole:
                continue
        return outs, False
    return outs, True


def word_prefixes(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """The lower-case letters every match begins with, one string per alternative.

    None when some alternative starts with fewer than two letters (or with no
    letter): such a pattern has to be scanned everywhere.
    """
    try:
        got, _ = _walk_prefixes(_p.parse(pattern, flags))
    except re.error:
        return None
    if len(got) > 64 or any(len(p) < 2 for p in got):
        return None
    return tuple(dict.fromkeys(p.lower() for p in got))


def _trailing_space(op: Any, av: Any) -> bool:
    """Whether the item is "\\s*" or "\\s+"."""
    return (op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] <= 1 and len(av[2].data) == 1
            and av[2][0] == (_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE)]))


_SPACES = "".join(chr(i) for i in range(0x3001) if chr(i).isspace())
_NEVER = re.compile("(?!)")


@lru_cache(maxsize=256)
def end_chars(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a pattern that ends in a phrase, then "\\s*$" or "\\s+$" (a phrase just before a
    position): a one-character class that the phrase's last character is in. That
    character is the last one before the position that is not white space, so a text
    where it is not in the class holds no match. None when the class is not known."""
    if rx.flags & (re.IGNORECASE | re.MULTILINE) or rx.pattern is None:
        return None
    data = list(_p.parse(rx.pattern, rx.flags).data)
    if len(data) < 3 or data[-1] != (_c.AT, _c.AT_END) or not _trailing_space(*data[-2]):
        return None
    try:
        items, empty = _edge(_p.SubPattern(_p.State(), data[:-2]), last=True)
    except _Unknown:
        return None
    if empty:
        return None
    if not items:
        return _NEVER
    ends: re.Pattern[str] = _k.compile(_p.SubPattern(_p.State(), [(_c.IN, items)]), rx.flags)
    # The phrase must not end in white space: the text's last non-space character is then its last.
    return None if any(ends.match(ch) for ch in _SPACES) else ends
