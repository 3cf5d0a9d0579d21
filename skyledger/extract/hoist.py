"""Move a pattern's leading look-behind after its first character, so `re` can skip ahead.

`re` searches quickly for a pattern that opens with a literal or a set of
characters: it skips in C to where one stands. A pattern that opens with an
assertion ("(?<!\\w)", "(?<![\\d.])") gets no such help and is tried at every
position. A one-character look-behind before a first character c is the same
test as a two-character one after it: "(?<![\\d.])\\d{4}" is "\\d(?<![\\d.]\\d)\\d{3}",
"(?<!\\w)(?:ab|cd)" is "(?:a(?<!\\wa)b|c(?<!\\wc)d)". The matches, their spans
and groups stay the same.
"""

from __future__ import annotations

from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

# More literal first letters than this (a, e, n, s, t ... are everywhere) leave `re`
# little to skip, and the look-behind, checked after each of them, costs more than it saves.
MAX_FIRST = 4


def hoisted(seq: Any) -> Any:
    """The parsed pattern with its leading one-character look-behind moved, or ``seq``
    itself when it has none or its first characters are too many (letters)."""
    if not (seq.data and seq[0][0] is _c.ASSERT_NOT and seq[0][1][0] == -1
            and seq[0][1][1].getwidth() == (1, 1)):
        return seq
    pushed = _push(seq[0][1][1], list(seq.data[1:]))
    if pushed is None or not _few_firsts(pushed):
        return seq
    return _p.SubPattern(seq.state, pushed)


def _push(look: Any, data: list[tuple[Any, Any]]) -> list[tuple[Any, Any]] | None:
    if not data:
        return None
    op, av = data[0]
    if op in (_c.LITERAL, _c.IN):
        # Not after (look, this character): the same as not after look before it.
        behind = _p.SubPattern(look.state, [*look.data, (op, av)])
        return [data[0], (_c.ASSERT_NOT, (-1, behind)), *data[1:]]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1 and len(av[2].data) == 1 \
            and av[2][0][0] in (_c.LITERAL, _c.IN):
        # X{m,n} is X X{m-1,n-1}: the first one is pushed past.
        lo, hi, item = av
        rest = (op, (lo - 1, hi if hi == _c.MAXREPEAT else hi - 1, item))
        return _push(look, [item[0], rest, *data[1:]])
    if op is _c.BRANCH:
        alts = [_push(look, list(b.data)) for b in av[1]]
        if any(a is None for a in alts):
            return None
        return [(op, (av[0], [_p.SubPattern(look.state, a) for a in alts])), *data[1:]]
    return None


def _few_firsts(data: list[tuple[Any, Any]]) -> bool:
    """Whether `re` can skip ahead to the first characters: a set without letters, or
    at most MAX_FIRST literals."""
    firsts = _firsts(data)
    return firsts is not None and len(firsts) <= MAX_FIRST


def _firsts(data: list[tuple[Any, Any]]) -> set[Any] | None:
    op, av = data[0]
    if op is _c.LITERAL:
        return {av}
    if op is _c.IN:
        letters = any(o is _c.NEGATE or (o is _c.CATEGORY and a is not _c.CATEGORY_DIGIT)
                      or (o is _c.RANGE and any(chr(i).isalpha() for i in range(a[0], a[1] + 1)))
                      or (o is _c.LITERAL and chr(a).isalpha()) for o, a in av)
        return None if letters else {("set", tuple(av))}   # one set counts as one
    if op is _c.BRANCH:
        out: set[Any] = set()
        for b in av[1]:
            got = _firsts(list(b.data))
            if got is None:
                return None
            out |= got
        return out
    return None
