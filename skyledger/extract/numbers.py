"""Numbers in English, Ukrainian and Russian report text.

``find_numbers`` finds every numeral, in digits or in words of any case and
gender, and says what kind of figure it is, so that later stages publish only
real counts. A time, date, age, model number or sum of money must never come
out as a count; when in doubt a number gets a non-count kind.

    text -> normalised copy, same offsets (lower case, one apostrophe, ё as е)
         -> fixed patterns claim ids, dates and times (numbers_common.json)
         -> digit numbers, approximate words, quantifiers, word numerals
         -> context gives each number its kind (unit, month, age, money ...)
         -> neighbours merge: ranges, lists of dates or ages, "at least",
            "about", "all but three"

Word-numeral tables are built from num2words on first use (every case and
gender for uk and ru, ordinals from their nominative stems) plus the forms it
lacks, which live in data/numbers_<lang>.json with every other phrase list.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from skyledger.errors import UsageError
from skyledger.extract import scan

LANGS = ("en", "uk", "ru")
KINDS = frozenset({"count", "time", "date", "year", "age", "percent", "money", "measure", "ordinal",
                   "score", "id", "range", "other"})
QUANTIFIERS = frozenset({"all", "both", "neither", "none", "all_but", "each"})
CASE_ORDER = ("nom", "gent", "dat", "acc", "ins", "loc")
ROLES = ("unit", "teen", "ten", "hundred", "scale")

_WINDOW = 48          # chars looked at before a number: longer than any prefix phrase in the data
_UNIT_KINDS = frozenset({"date", "measure", "percent", "money", "age"})
_RANK = {"hundred": 1, "ten": 2, "teen": 3, "unit": 3}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_SUFFIX = re.compile(r"-?[^\W\d_]+(?:-[^\W\d_]+)*")
_NORM = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "′": "'", "´": "'", "ё": "е", "Ё": "Е",
                       "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2011": "-", "\u2010": "-"})
_NORM_TO = {chr(k): v for k, v in _NORM.items()}
_NORM_CHARS = re.compile("[" + "".join(map(re.escape, _NORM_TO)) + "]")


@dataclass(frozen=True)
class NumberMention:
    """One number in a text; offsets index the text passed in, ``text`` is that slice.

    ``kind`` is one of KINDS; only "count" is a figure to publish. ``value`` is the
    number for counts and for single-number kinds (an age, a day of the month, a year,
    a percent, a sum), None when approximate or open and for ids, times, ranges,
    scores and "other". ``gram`` holds the possible cases of a uk/ru numeral, e.g.
    "gent|dat|loc" (CASE_ORDER names).
    """

    start: int
    end: int
    text: str
    value: int | None
    kind: str
    approx: bool = False
    lower_bound: bool = False
    quantifier: str | None = None
    gram: str | None = None


@dataclass(frozen=True)
class _Lex:
    """One word form of a numeral."""

    value: float
    role: str
    cases: frozenset[str]
    ordinal: bool
    approx_alone: bool = False


@dataclass
class _M:
    """A mention under construction; ``bare`` until something beyond the digits decides its kind."""

    start: int
    end: int
    value: float | None
    kind: str = "count"
    approx: bool = False
    lower_bound: bool = False
    quantifier: str | None = None
    gram: str | None = None
    word: bool = False
    plain: bool = False   # digits with no separator, decimal or suffix
    bare: bool = True
    spread: bool = False  # kind taken from a neighbour in a list
    tail: bool = False    # the span ends past its number ("67-year-old", "76 років")


class _Tail(NamedTuple):
    """Phrases that end just before a number ("about", "aged"): their pattern, and the
    characters they can end with (scan.end_chars), checked first, as most numbers
    follow none of them."""

    rx: re.Pattern[str]
    ends: re.Pattern[str] | None


def _tail(pattern: str) -> _Tail:
    rx = re.compile(pattern)
    return _Tail(rx, scan.end_chars(rx))


@dataclass(frozen=True)
class _Lang:
    code: str
    data: dict[str, Any]
    lex: dict[str, tuple[_Lex, ...]]
    starters: frozenset[str]    # words a numeral can start with (English "a"/"an" before a scale)
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    number: re.Pattern[str]
    after: dict[str, re.Pattern[str]]
    before: dict[str, _Tail]
    full: dict[str, re.Pattern[str]]
    scales: tuple[tuple[re.Pattern[str], int], ...]
    approx: re.Pattern[str]
    quants: tuple[tuple[str, re.Pattern[str]], ...]
    stops: re.Pattern[str]
    person: re.Pattern[str]
    joins: dict[str, re.Pattern[str]]
    between: tuple[tuple[_Tail, re.Pattern[str]], ...]


# ---------------------------------------------------------------- loading

_AFTER = ("units", "percent", "currency_suffix", "time_suffix", "time_prefixed", "age_suffix",
          "age_years", "year_suffix", "times_words", "approx_suffix", "lower_bound_suffix",
          "one_after", "all_of_them", "months", "age_apposition", "one_partitive")
_BEFORE = ("approx_prefix", "lower_bound_prefix", "currency_prefix", "age_prefix", "time_prefix",
           "time_ordinal_prefix", "months", "one_before", "id_prefix", "rise_words", "one_opens_clause")
_FULL = ("age_suffix", "units", "percent", "approx_suffix", "lower_bound_suffix")


def load_data(lang: str) -> dict[str, Any]:
    """The knowledge file for one language (``common`` for the shared patterns)."""
    path = resources.files("skyledger.extract") / "data" / f"numbers_{lang}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _alts(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True)) if items else "(?!)"


def _n2w(n: int, lang: str, **kw: str) -> list[str]:
    from num2words import num2words  # imported on first use: it is the slowest part of import

    return str(num2words(n, lang=lang, **kw)).replace("ё", "е").replace("-", " ").split()


def _role(n: int) -> str:
    return "unit" if n < 10 else "teen" if n < 20 else "ten" if n < 100 else "hundred"


def _add(table: dict[str, list[_Lex]], word: str, lex: _Lex) -> None:
    """Merge a form into the table; the same numeral seen in another case only widens its cases."""
    forms = table.setdefault(word, [])
    for i, old in enumerate(forms):
        if (old.value, old.role, old.ordinal) == (lex.value, lex.role, lex.ordinal):
            forms[i] = replace(old, cases=old.cases | lex.cases)
            return
    forms.append(lex)


_BASE = list(range(20)) + list(range(20, 100, 10)) + list(range(100, 1000, 100))


def _build_lexicon(data: dict[str, Any]) -> dict[str, tuple[_Lex, ...]]:
    """Every word form of the cardinals and ordinals, from num2words plus the data file."""
    spec = data["num2words"]
    lang, cases, genders = spec["lang"], spec["cases"], spec["genders"] or [None]
    table: dict[str, list[_Lex]] = {}
    combos = [(c, g) for c in (cases or [None]) for g in genders]
    for case, gender in combos:
        kw = {k: v for k, v in (("case", case), ("gender", gender)) if v}
        tag = frozenset({cases[case]}) if case else frozenset()
        for n in _BASE:
            words = _n2w(n, lang, **kw)
            if len(words) == 1:
                _add(table, words[0], _Lex(n, _role(n), tag, False))
        for scale in (100, 1000, 10**6, 10**9):
            for mult in (1, 2, 5):
                words = _n2w(mult * scale, lang, **kw)
                if len(words) == 2 or (scale == 100 and lang == "en"):
                    _add(table, words[-1], _Lex(scale, "scale", frozenset(), False))
    _add_ordinals(table, data, lang)
    for word, (value, role, tags, sort) in data["extra_words"].items():
        tagset = frozenset(tags.split("|")) if tags else frozenset()
        _add(table, word, _Lex(value, role, tagset, sort == "ordinal"))
    for word in data["approx_alone"]:
        table[word] = [replace(x, approx_alone=True) for x in table.get(word, [])]
    for word in data["prefer_ordinal"]:
        table[word].sort(key=lambda x: not x.ordinal)
    return {w: tuple(forms) for w, forms in table.items() if forms}


def _add_ordinals(table: dict[str, list[_Lex]], data: dict[str, Any], lang: str) -> None:
    """num2words gives the nominative; the data's ending tables give the other forms."""
    for n in _BASE[1:] + [1000]:
        words = _n2w(n, lang, to="ordinal")
        stems = [(words[0][: -len(nom)], ends) for nom, ends in data["ordinal_endings"].items()
                 if len(words) == 1 and words[0].endswith(nom)]
        forms = [stem + e for stem, ends in stems for e in ends] or words[-1:] * (len(words) == 1)
        for form in forms:
            _add(table, form, _Lex(n, "scale" if n == 1000 else _role(n), frozenset(), True))


@cache
def _lang(lang: str) -> _Lang:
    if lang not in LANGS:
        raise UsageError(f"unsupported language {lang!r} for numbers; choose one of "
                         f"{', '.join(LANGS)} (ISO 639-1 codes)")
    data = load_data(lang)
    digits = data["digits"]     # uk/ru group thousands with spaces, en with commas (or spaces)
    common = load_data("common")["patterns"] + data["patterns"]
    of = {"months": r"(?:of\s+)?"}     # "the 21st of March"
    quant_forms = [(q, forms) for q, forms in data["quantifiers"].items() if forms]
    tail = r"(?:\s+(?:" + _alts(data["approx_scale_tail"]) + "))*"
    lex = _build_lexicon(data)
    return _Lang(
        code=lang, data=data, lex=lex,
        starters=frozenset(lex) | ({"a", "an"} if lang == "en" else frozenset()),
        patterns=tuple((k, re.compile(r)) for k, r in common),
        number=re.compile(r"(?<![\w.,/])(?P<n>\d{1,3}(?:" + digits["group"] + r"\d{3})+(?!\d)|\d+)"
                          r"(?P<d>" + digits["decimal"] + r"\d+)?(?![\d]|[.,]\d)(?P<suf>"
                          + _SUFFIX.pattern + ")?"),
        after={k: re.compile(r"\s*" + of.get(k, "") + "(?:" + _alts(data[k]) + r")(?![\w'])")
               for k in _AFTER},
        before={k: _tail(r"(?<![\w'])(?:" + _alts(data[k]) + r")\s*$") for k in _BEFORE},
        full={k: re.compile(r"-?(?:" + _alts(data[k]) + ")") for k in _FULL},
        scales=tuple((re.compile(r"\s*-?(?:" + r + r")(?![\w'])"), int(v))
                     for r, v in data["scales"].items()),
        approx=re.compile(r"(?<![\w'])(?:" + _alts(data["approx_words"]) + ")" + tail + r"(?![\w'])"),
        quants=tuple((q, re.compile(r"(?<![\w'])(?:" + _alts(f) + r")(?![\w'])"))
                     for q, f in quant_forms),
        stops=re.compile(r"(?<![\w'])(?:" + _alts(data["quantifier_stop"]) + r")(?![\w'])"),
        person=re.compile(r"(?<![\w'])(?:" + _alts(data["person"]) + ")"),
        joins={"range": re.compile(r"\s+(?:" + _alts(data["range_joiners"]) + r")\s+"),
               "list": re.compile(r"\s*(?:" + _alts(data["list_joiners"]) + r")\s*"),
               "all_but": re.compile(r"\s*,?\s*(?:" + _alts(data["all_but"]) + r")\s+")},
        between=tuple((_tail(r"(?<![\w'])" + o + r"\s+$"), re.compile(r"\s+" + m + r"\s+"))
                      for o, m in data["range_between"]),
    )


# ---------------------------------------------------------------- helpers

def _normalize(text: str) -> str:
    """Lower-case copy with the same length, so offsets carry over."""
    # A search for the few characters to replace, not `str.translate`: that looks up
    # every character of a text with non-ASCII letters in the table, ten times slower.
    t = _NORM_CHARS.sub(lambda m: _NORM_TO[m.group()], text)
    low = t.lower()
    if len(low) != len(t):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
    return low


def _num(v: float | None) -> float | None:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _before(norm: str, pos: int, tail: _Tail) -> int | None:
    """Start of a phrase of ``tail`` that ends just before ``pos``."""
    lo = max(0, pos - _WINDOW)
    if tail.ends is not None:
        # The last character before pos that is not white space ends any such phrase.
        last = lo + len(norm[lo:pos].rstrip()) - 1
        if last < lo or not tail.ends.match(norm, last):
            return None
    # Searched in place, not in a slice: look-behinds then see the word the window cuts.
    m = tail.rx.search(norm, lo, pos)
    return m.start() if m and "\n" not in m.group() else None


def _after(norm: str, pos: int, rx: re.Pattern[str]) -> int | None:
    """End of a phrase of ``rx`` that starts at ``pos`` (after spaces)."""
    m = rx.match(norm, pos)
    return m.end() if m and "\n" not in norm[pos:m.end()] else None


def _claim(taken: bytearray, a: int, b: int) -> bool:
    if any(taken[a:b]):
        return False
    taken[a:b] = b"\x01" * (b - a)
    return True


# ---------------------------------------------------------------- passes

def _pattern_pass(norm: str, L: _Lang, taken: bytearray) -> list[_M]:
    """Claim quantifier stop phrases ("at all", "не всі") silently, then ids, dates and times."""
    out: list[_M] = []
    for m in scan.finditer(L.stops, norm):
        _claim(taken, m.start(), m.end())
    for kind, rx in L.patterns:
        for m in scan.finditer(rx, norm):
            a, b = m.span("m") if "m" in rx.groupindex else m.span()
            if not _claim(taken, a, b):
                continue
            if kind != "id" or any(c.isdigit() for c in norm[a:b]) or norm[a] == "#":
                out.append(_M(a, b, None, kind, bare=False))
    return out


def _digit_pass(norm: str, L: _Lang, taken: bytearray) -> list[_M]:
    """Numbers in digits with their glued suffix or following scale word ("1.5 million")."""
    out: list[_M] = []
    group = L.data["digits"]["group"]
    for m in scan.finditer(L.number, norm):
        if any(taken[m.start():m.end()]):
            continue
        raw = re.sub(group, "", m["n"]) + (("." + m["d"][1:]) if m["d"] else "")
        value: float = float(raw) if m["d"] else int(raw)
        core = _M(m.start(), m.end("d") if m["d"] else m.end("n"), _num(value),
                  plain=not m["d"] and m["n"].isdigit())
        if m["n"][0] == "0" and len(m["n"]) > 1 and not m["d"]:
            core.kind, core.bare = "other", False     # 0300, 044: clock times, codes, phones
        elif m["suf"]:
            _digit_suffix(core, m["suf"], norm, L)
        else:
            _scale_after(core, norm, L)
        if _claim(taken, core.start, core.end):
            out.append(core)
    return out


def _scale_after(m: _M, norm: str, L: _Lang) -> None:
    for rx, mult in L.scales:
        end = _after(norm, m.end, rx)
        if end is not None and m.value is not None:
            m.value, m.end, m.plain = _num(m.value * mult), end, False
            return


def _suffix_kind(suf: str, L: _Lang) -> str | None:
    """"-year-old", "-річна", "-storey", "km", "-відсотковий": what a glued word makes a number."""
    kinds = (("age_suffix", "age"), ("units", "measure"), ("percent", "percent"))
    return next((kind for key, kind in kinds if L.full[key].fullmatch(suf)), None)


def _digit_suffix(m: _M, suf: str, norm: str, L: _Lang) -> None:
    """Kind from letters glued to digits: 23rd, 5-й, 68-річна, 10km, 1990s, $3bn, 5-ти."""
    m.end += len(suf)
    yearish, m.plain, m.bare = m.plain and 1000 <= (m.value or 0) <= 2100, False, False
    s, v = suf.lstrip("-"), m.value if m.value is not None else 0.0
    cur = L.data["currency_scales"]
    for rx, mult in L.scales:
        if rx.fullmatch(suf):
            m.value = _num(v * mult)
            m.bare = True
            return
    if s in cur and _before(norm, m.start, L.before["currency_prefix"]) is not None:
        m.value, m.kind = _num(v * cur[s]), "money"
        return
    last = L.data["ordinal_when_last_digit"].get(s, [])
    vague = L.full["approx_suffix"].fullmatch(suf)
    if vague or L.full["lower_bound_suffix"].fullmatch(suf):     # 20-odd, 20-plus
        m.approx, m.lower_bound, m.bare = bool(vague), not vague, True
    elif (kind := _suffix_kind(suf, L)) is not None:
        m.kind = kind
    elif int(v) % 10 in last and int(v) % 100 not in range(11, 20):
        m.kind = "ordinal"
    elif s in L.data["decade_suffix"] and v % 10 == 0 and (20 <= v <= 90 or yearish):
        m.kind = "year"
    elif s in L.data["cardinal_digit_suffix"]:
        m.gram, m.bare = L.data["cardinal_digit_suffix"][s], True
    elif s in L.data["ordinal_digit_suffix"]:
        m.kind = "year" if yearish else "ordinal"
    else:
        m.kind = "other"


def _phrase_pass(norm: str, L: _Lang, taken: bytearray) -> list[_M]:
    """Open counts ("several", "десятки тисяч"), then quantifiers ("both", "усі", "ні один")."""
    found: list[tuple[str | None, re.Match[str]]] = [(None, m) for m in scan.finditer(L.approx, norm)]
    found += [(q, m) for q, rx in L.quants for m in scan.finditer(rx, norm)]
    values = L.data["quantifier_values"]
    return [_M(m.start(), m.end(), values.get(q), approx=q is None, quantifier=q, word=True,
               bare=q is None) for q, m in found if _claim(taken, m.start(), m.end())]


# ---------------------------------------------------------------- word numerals

@dataclass
class _Acc:
    """State while reading a word numeral: a finished part, the group under 1000, its cases."""

    total: float = 0.0
    group: float = 0.0
    state: int = 0
    last_scale: float = math.inf
    cases: frozenset[str] | None = None
    ordinal: bool = False


def _step(acc: _Acc, lex: _Lex, first: bool) -> bool:
    """Add one word to the numeral; False when it cannot continue it."""
    if lex.role == "scale":
        return _step_scale(acc, lex, first)
    rank = _RANK[lex.role]
    if rank <= acc.state or (acc.state == 2 and lex.role == "teen") or (lex.value == 0 and not first):
        return False
    if not lex.ordinal and lex.cases:
        cases = lex.cases if acc.cases is None else acc.cases & lex.cases
        if not cases:       # case forms that do not agree are two numbers
            return False
        acc.cases = cases
    acc.group += lex.value
    acc.state, acc.ordinal = rank, lex.ordinal
    return True


def _step_scale(acc: _Acc, lex: _Lex, first: bool) -> bool:
    if lex.value == 100:    # English "hundred" multiplies the words before it
        if first:
            acc.group, acc.state, acc.ordinal = 100, 1, lex.ordinal
            return True
        if not 0 < acc.group < 100 or acc.state == 1:
            return False
        acc.group *= 100
        acc.state, acc.ordinal = 1, lex.ordinal
        return True
    if lex.value >= acc.last_scale:
        return False
    acc.total += (acc.group or 1) * lex.value
    acc.group, acc.state, acc.last_scale, acc.ordinal = 0, 0, lex.value, lex.ordinal
    return True


class _Reader:
    """Reads word numerals token by token over the normalised text."""

    def __init__(self, norm: str, L: _Lang, taken: bytearray, cardinal_first: bool) -> None:
        self.norm, self.L, self.taken, self.cardinal_first = norm, L, taken, cardinal_first
        self.toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm)]

    def lex(self, j: int) -> tuple[_Lex, ...]:
        ok = j < len(self.toks) and not self.taken[self.toks[j][0]]
        return self.L.lex.get(self.toks[j][2], ()) if ok else ()

    def gap(self, j: int) -> str:    # the text between tokens j-1 and j
        return self.norm[self.toks[j - 1][1]:self.toks[j][0]]

    def joins(self, j: int, prev: _Lex, nxt: _Lex) -> bool:
        gap = self.gap(j)
        if gap == "-":      # thirty-one, twenty-first; any other hyphen is a range
            return self.L.code == "en" and prev.role == "ten" and nxt.role == "unit"
        return gap in (" ", "  ")

    def skip_and(self, j: int, acc: _Acc) -> bool:
        """English "one hundred and five": "and" joins only after hundred or a scale word."""
        after_scale = acc.state == 1 or (acc.state == 0 and acc.total > 0)
        nxt = self.lex(j + 1)       # empty past the last token
        return (self.L.code == "en" and bool(nxt) and self.toks[j][2] == "and" and after_scale
                and nxt[0].role in ("unit", "teen", "ten") and self.gap(j) == self.gap(j + 1) == " ")

    def read(self, i: int) -> tuple[int, _Acc, bool] | None:
        """The longest numeral from token i: (index after it, its state, approximate?)."""
        acc, j, prev = _Acc(), i, None
        if self.L.code == "en" and self.toks[i][2] in ("a", "an"):
            nxt = self.lex(i + 1)
            if nxt and nxt[0].role == "scale" and self.gap(i + 1) == " ":
                acc.group, acc.state, j = 1, 3, i + 1
                prev = _Lex(1, "unit", frozenset(), False)
        while True:
            forms = self.lex(j)
            if forms and prev is None and forms[0].approx_alone:
                return self.approx_scales(j), acc, True
            if not forms and prev is not None and self.skip_and(j, acc):
                j += 1
                continue
            if not forms or (prev is not None and not self.joins(j, prev, forms[0])):
                break
            order = sorted(forms, key=lambda x: x.ordinal) if self.cardinal_first or prev else forms
            chosen = next((f for f in order if _step(acc, f, prev is None)), None)
            if chosen is None:
                break
            prev, j = chosen, j + 1
            if chosen.ordinal:
                break
        return (j, acc, False) if prev is not None and j > i else None

    def approx_scales(self, j: int) -> int:
        """"тисячі", "десятки тисяч": plural scale words alone are open counts."""
        j += 1
        while self.lex(j) and self.lex(j)[0].role == "scale" and self.gap(j) == " ":
            j += 1
        return j

    def cores(self) -> list[_M]:
        out: list[_M] = []
        starters = self.L.starters
        i = 0
        while i < len(self.toks):
            start, _, word = self.toks[i]
            got = self.read(i) if word in starters and not self.taken[start] else None
            if got is None:
                i += 1
                continue
            j, acc, approx = got
            a, b = self.toks[i][0], self.toks[j - 1][1]
            gram = "|".join(c for c in CASE_ORDER if c in (acc.cases or ())) or None
            out.append(_M(a, b, None if approx else _num(acc.total + acc.group),
                          "ordinal" if acc.ordinal else "count", approx=approx, gram=gram, word=True))
            _claim(self.taken, a, b)
            i = j
        return out


# ---------------------------------------------------------------- kinds from context

_HYPHEN_WORD = re.compile(r"-[^\W\d_]+(?:'[^\W\d_]+)*(?:-[^\W\d_]+)*")


def _word_suffix(m: _M, norm: str, L: _Lang) -> None:
    """"two-year-old", "three-storey", "second-largest"; "двох-трьох" is left to range merging."""
    hit = _HYPHEN_WORD.match(norm, m.end)
    if not hit or norm[hit.start() + 1:hit.end()].split("-")[0] in L.lex:
        return
    suf, m.end, m.bare = hit.group(), hit.end(), False
    m.kind = _suffix_kind(suf, L) or ("ordinal" if m.kind == "ordinal" else "other")


def _money(m: _M, norm: str, L: _Lang) -> bool:
    a = _before(norm, m.start, L.before["currency_prefix"])
    b = _after(norm, m.end, L.after["currency_suffix"])
    if a is None and b is None:
        return False
    m.kind, m.start, m.end = "money", m.start if a is None else a, b or m.end
    return True


_APPOSED = re.compile(r"[^\W\d_]{2,},\s*$")


def _age(m: _M, norm: str, L: _Lang) -> bool:
    """"aged 45", "67-year-old", "жінка 76 років", "said Oksana, 46, who" (a person's age)."""
    if m.value is None:
        return False
    a = _before(norm, m.start, L.before["age_prefix"])
    b = _after(norm, m.end, L.after["age_suffix"])
    years = _after(norm, m.end, L.after["age_years"])
    if a is None and b is None and m.value < 130 and _APPOSED.search(norm[max(0, m.start - 30):m.start]) \
            and norm[m.end:m.end + 1] == "," and _after(norm, m.end + 1, L.after["age_apposition"]):
        b = m.end
    if years is not None and m.value < 130 and (
            a is not None or L.person.search(norm, max(0, m.start - 40), m.start)):
        b = b or years
    if a is None and b is None:
        return False
    m.kind, m.start, m.end, m.tail = "age", m.start if a is None else a, b or m.end, b is not None
    return True


def _time(m: _M, norm: str, L: _Lang) -> bool:
    """"2 a.m.", "о 2 годині ночі", "в 2 часа ночи", uk "о 5" (о before an hour is always "at")."""
    if m.value is None or m.value > 24:
        return False
    b = _after(norm, m.end, L.after["time_suffix"])
    at = _before(norm, m.start, L.before["time_ordinal_prefix"]) is not None
    if b is None and (at or _before(norm, m.start, L.before["time_prefix"]) is not None):
        b = _after(norm, m.end, L.after["time_prefixed"])
        b = (_after(norm, b, L.after["time_suffix"]) or b) if b else m.end if at else None
    if b is not None:
        m.kind, m.end = "time", b
    return b is not None


def _date(m: _M, norm: str, L: _Lang) -> bool:
    """A day next to a month: "21 березня", "Sept 17", "Dec. 13"."""
    if m.value is None or m.value not in range(1, 32):
        return False
    b = _after(norm, m.end, L.after["months"])
    # a month before a day in digits only ("Sept 17"): "6 жовтня дві ракети" counts two
    a = _before(norm, m.start, L.before["months"]) if b is None and not m.word else None
    if a is None and b is None:
        return False
    m.kind, m.start, m.end = "date", m.start if a is None else a, b or m.end
    return True


def _year(m: _M, norm: str, L: _Lang) -> bool:
    if m.value is None or m.word or m.value not in range(1000, 2101):
        return False
    b = _after(norm, m.end, L.after["year_suffix"])
    if b is None and not (m.plain and 1900 <= m.value <= 2100):
        return False
    m.kind, m.end = "year", b or m.end
    return True


def _word_after(key: str, kind: str) -> Callable[[_M, str, _Lang], bool]:
    """A check that gives ``kind`` when a phrase of list ``key`` follows the number."""
    def check(m: _M, norm: str, L: _Lang) -> bool:
        b = _after(norm, m.end, L.after[key])
        if b is not None:
            m.kind, m.end = kind, b
        return b is not None
    return check


def _label(m: _M, norm: str, L: _Lang) -> bool:
    """"Article 5", "школа 12", "вул. Шевченка, 15": a number that names, not counts."""
    a = _before(norm, m.start, L.before["id_prefix"])
    if a is not None:
        m.kind = "id"
    return a is not None


def _one(m: _M, norm: str, L: _Lang) -> bool:
    """"no one", "one of the largest", "один одного": the word one that counts nothing."""
    if m.value != 1 or not m.word:
        return False
    before = _before(norm, m.start, L.before["one_before"])
    after = _after(norm, m.end, L.after["one_after"])
    if before is None and after is None:
        return False
    if after is None and _before(norm, m.start, L.before["one_opens_clause"]) is not None \
            and _after(norm, m.end, L.after["one_partitive"]) is not None:
        return False  # "... said that one of them was intercepted": "that" opens a clause
    m.kind, m.end = "other", after or m.end      # "one another", "один одному" stay one mention
    return True


# Order matters: "$5 million" before units, "76 років" (age) and "2024 року" (year) before
# durations, "о 5 годині" (time) before "5 годин"; "three times" is a multiplier, not a count.
_CHECKS = (_label, _money, _word_after("percent", "percent"), _age, _time, _date, _year,
           _word_after("units", "measure"), _word_after("times_words", "other"), _one)


def _classify(m: _M, norm: str, L: _Lang) -> None:
    if m.word and m.quantifier is None:
        _word_suffix(m, norm, L)
    if m.kind == "ordinal":     # "21st of March", "21-го березня": dates; "о п'ятій": a time
        if not _date(m, norm, L):
            _time(m, norm, L)
    elif m.kind == "count" and m.quantifier is None:
        for check in _CHECKS:
            if check(m, norm, L):
                m.bare = False
                return


# ---------------------------------------------------------------- merging neighbours

_DASH = re.compile(r" ?[-–—] ?")


def _join_range(a: _M, b: _M, norm: str, L: _Lang) -> _M | None:
    """"40 to 60", "7–9 поверхах", "двох-трьох", "between 40 and 60"; "3-1" is a score."""
    if a.kind in _UNIT_KINDS and a.kind == b.kind and a.value is not None:
        a = _M(a.start, a.end, a.value)     # "between $20,000 and $50,000": a plain range
    elif a.kind != "count" or not a.bare or a.quantifier or b.quantifier:
        glued = a.kind in ("date", "year", "time") and b.kind == "count" and b.bare \
            and not b.word and norm[a.end:b.start] in ("-", "–", "—")     # "2023-24", "Sept 17-18"
        return _M(a.start, b.end, None, a.kind, bare=False) if glued else None
    plain_b = b.kind == "count" and b.bare and b.value is not None
    kind = b.kind if b.kind in _UNIT_KINDS else "range" if plain_b else None
    if kind is None or a.value is None:
        return None
    gap = norm[a.end:b.start]
    if gap == "-" and plain_b and not (a.word or b.word) and b.value is not None \
            and b.value <= a.value < 100:
        return _M(a.start, b.end, None, "score", bare=False)
    if b.value is not None and b.value <= a.value:
        return None
    opened = [_before(norm, a.start, o) for o, mid in L.between if mid.fullmatch(gap)]
    if not (_DASH.fullmatch(gap) or L.joins["range"].fullmatch(gap) or any(x is not None for x in opened)):
        return None
    starts = [x for x in (_before(norm, a.start, o) for o, _ in L.between) if x is not None]
    return _M(min([a.start, *starts]), b.end, None, kind, approx=True, bare=False)


def _merge_ranges(ms: list[_M], norm: str, L: _Lang) -> list[_M]:
    out: list[_M] = []
    for m in ms:
        joined = _join_range(out[-1], m, norm, L) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(m)
    return out


def _plain_count(m: _M) -> bool:
    return m.kind == "count" and m.bare and not m.word and isinstance(m.value, int) and not m.quantifier


# "the night of June 9 to 10", "з 9 на 10 червня": a range of days shares the date's kind.
_DAY_RANGE = re.compile(r"\s*(?:to|into|-|–|—|на|до|по)\s*")


def _propagate(ms: list[_M], norm: str, L: _Lang) -> None:
    """Lists share a kind: "10 та 11 вересня", "чоловіків, 38 та 41 року", "Sept 17 and 18"."""
    listed = L.joins["list"]
    for i in range(len(ms) - 2, -1, -1):
        a, b = ms[i], ms[i + 1]
        gap = norm[a.end:b.start]
        fits = b.kind == "age" or (b.kind == "date" and a.value in range(1, 32))
        joined = listed.fullmatch(gap) or (b.kind == "date" and _DAY_RANGE.fullmatch(gap))
        if fits and _plain_count(a) and joined and (gap.strip() != "," or b.spread):
            a.kind, a.bare, a.spread = b.kind, False, True
    for i in range(1, len(ms)):
        a, b = ms[i - 1], ms[i]
        gap = norm[a.end:b.start]
        fits = a.kind == "age" or (a.kind == "date" and b.value in range(1, 32))
        more = listed.match(norm, b.end)        # "March 5, 6 and 7": a comma inside a longer list
        chained = "," not in gap or (more is not None and norm[more.end():more.end() + 1].isdigit())
        joined = listed.fullmatch(gap) or (a.kind == "date" and _DAY_RANGE.fullmatch(gap))
        # "aged seven and 11" too, but not "76 років та 3 дітей" (the list must end on a number)
        ends_on_number = norm[a.end - 1].isdigit() or (a.kind == "age" and a.word and not a.tail)
        if fits and chained and _plain_count(b) and joined and ends_on_number:
            b.kind, b.bare = a.kind, False


def _quantify(ms: list[_M], norm: str, L: _Lang) -> list[_M]:
    """"all three" (all, 3), "all but three" (all_but, 3), "all of them", "обидві" (both, 2)."""
    out: list[_M] = []
    i = 0
    while i < len(ms):
        q = ms[i]
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        if q.quantifier == "all" and nxt is not None and nxt.kind == "count" and nxt.value is not None \
                and not nxt.quantifier and not nxt.approx:
            gap = norm[q.end:nxt.start]
            but = L.joins["all_but"].fullmatch(gap)
            if but or gap == " ":
                out.append(_M(q.start, nxt.end, nxt.value, quantifier="all_but" if but else "all",
                              gram=nxt.gram, bare=False))
                i += 2
                continue
        if q.quantifier:
            q.end = _after(norm, q.end, L.after["all_of_them"]) or q.end
        out.append(q)
        i += 1
    return out


def _bounds(m: _M, norm: str, L: _Lang, floor: int) -> None:
    """"at least 5" keeps 5 as a lower bound; "about 10", "понад 20", "10 or so" drop the value."""
    if m.kind not in ("count", "measure", "money", "percent", "range"):
        return
    low = None if m.quantifier else _before(norm, m.start, L.before["lower_bound_prefix"])
    vague = _before(norm, m.start, L.before["approx_prefix"])
    if vague is not None and _rises_to(norm, vague, m.start, L):
        vague = None        # "зросла до 7", "выросло до 7": rose to 7, not up to 7
    if low is not None and low >= floor:      # before "less than": "no less than" is a bound
        m.start, m.lower_bound = low, True
    elif vague is not None and vague >= floor:    # also "nearly all", "майже всі": not all
        m.start, m.approx = vague, True
    if m.quantifier:
        return
    b = _after(norm, m.end, L.after["lower_bound_suffix"])
    if b is not None:
        m.end, m.lower_bound = b, True
    b = _after(norm, m.end, L.after["approx_suffix"])
    if b is not None:
        m.end, m.approx = b, True


_ELIDED = re.compile(r"\w\s*[–—]\s*$")    # "поранених – до 8": the verb said once before


def _rises_to(norm: str, vague: int, start: int, L: _Lang) -> bool:
    """Whether "до" before a number means "to" after a rise, also in a second clause that
    leaves the verb out ("зросла до 2, поранених – до 8")."""
    if norm[vague:start].strip() not in L.data["rise_to"]:
        return False
    if _before(norm, vague, L.before["rise_words"]) is not None:
        return True
    lead = norm[max(0, vague - 120) : vague]
    if not _ELIDED.search(lead):
        return False
    sentence = lead[max(lead.rfind(". "), lead.rfind("\n")) + 1 :]
    return _rise_anywhere(L.code).search(sentence) is not None


@cache
def _rise_anywhere(code: str) -> re.Pattern[str]:
    data = _lang(code).data
    words, to = data["rise_words"] or ["(?!)"], data["rise_to"] or ["(?!)"]
    return re.compile(r"(?<![\w'])(?:" + "|".join(words) + r")\s+(?:" + "|".join(map(re.escape, to)) + r")\b")


def _drop_overlaps(ms: list[_M]) -> list[_M]:
    """A span that grew over a neighbour (a unit word that is also a numeral) swallows it."""
    out: list[_M] = []
    for m in sorted(ms, key=lambda x: (x.start, -x.end)):
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


# ---------------------------------------------------------------- public API

def _publish(m: _M, text: str) -> NumberMention:
    value = _num(m.value)
    kind = m.kind
    if isinstance(value, float):        # 1.5, півтори: not a count of anything
        value, kind = None, "other" if kind == "count" else kind
    if m.approx or kind in ("id", "time", "range", "score", "other"):
        value = None
    return NumberMention(m.start, m.end, text[m.start:m.end], value, kind, m.approx,
                         m.lower_bound, m.quantifier, m.gram)


def _find(text: str, lang: str, cardinal_first: bool) -> list[NumberMention]:
    L = _lang(lang)
    norm = _normalize(text)
    taken = bytearray(len(norm))
    fixed = _pattern_pass(norm, L, taken)
    cores = _digit_pass(norm, L, taken) + _phrase_pass(norm, L, taken)
    cores += _Reader(norm, L, taken, cardinal_first).cores()
    for m in cores:
        _classify(m, norm, L)
    ms = _merge_ranges(_drop_overlaps(fixed + cores), norm, L)
    _propagate(ms, norm, L)
    ms = _quantify(ms, norm, L)
    floor = 0
    for m in ms:
        _bounds(m, norm, L, floor)
        floor = m.end
    return [_publish(m, text) for m in ms]


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Every number in ``text`` (``lang`` one of en, uk, ru), sorted by start, non-overlapping.

    Raises UsageError for another language.
    """
    return _find(text, lang, cardinal_first=False)


def parse_number(phrase: str, lang: str) -> int | None:
    """The value of a phrase that is exactly one cardinal ("тридцять одну" -> 31, "4,100" -> 4100).

    None means the phrase is not one exact cardinal: empty, several numbers, an
    approximate or open figure ("about 10", "dozens"), an ordinal, a date, a time.
    Raises UsageError for an unsupported language.
    """
    ms = _find(phrase, lang, cardinal_first=True)
    body = phrase.strip()
    if len(ms) != 1 or not body:
        return None
    m, lead = ms[0], len(phrase) - len(phrase.lstrip())
    exact = m.kind == "count" and not (m.approx or m.lower_bound or m.quantifier)
    return m.value if exact and (m.start, m.end) == (lead, lead + len(body)) else None
