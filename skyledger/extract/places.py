"""Place names in report text -> ISO 3166-2 first-level regions (English, Ukrainian, Russian).

The knowledge lives in data/gazetteer.json, built by tools/build_gazetteer.py: every
surface form (all case forms included) maps to entries with a *role* that says what
context the form needs:

    n  a settlement, area, sea or country name; matches by itself
    w  a name that is also a common word (Щастя, Бар): needs a capital mid-sentence
       or a settlement word before it
    x  a name that denotes a first-level region by itself (Харківщина, Zakarpattia)
    s  a region stem that needs a region noun or a coordinated list ("Kyiv region",
       "the Kyiv and Sumy regions")
    e  a region adjective that may also stand alone, its noun elided ("над Курской")
    r  a raion adjective (needs район/district); b: a city-district adjective (same,
       but the city is unknown, so no code)
    h  a hromada adjective (needs громада)
    v  a village: needs a settlement word before it ("село", "village of")
    !  a stop phrase (football clubs, brands): matches and yields nothing

Matching is a greedy longest-first lookup of token n-grams in one dict, then a pass
that reads the words around each match; no per-entry loops.

    find_places(text, lang)  ->  [PlaceMention, ...]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

# "the city", "місті", "городе" point back to a city named before; "the city of Kryvyi Rih",
# "місто Харків" name their own.
CITY_ANAPHORA = re.compile(r"\bthe\s+city(?:'s)?\b(?!\s+of\b)|\bміст[оаі]\b(?!\s+(?-i:[А-ЯІЇЄҐ]))"
                           r"|\bгород\w?\b(?!\s+(?-i:[А-Я]))", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:(?:['’ʼ](?![sS]\b)|-)[^\W\d_]+)*")
_APOSTROPHES = str.maketrans({c: "'" for c in "’ʼ`´‘"})
# Population ratio above which the larger of two same-named places is taken.
_DOMINANCE = 5
_SENTENCE_END = ".!?\n:;"
_PAD: tuple[Any, ...] = (None, None, 0)


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    code: str | None
    country: str | None
    kind: str
    name: str
    explicit_region: bool
    # Every region code the name could stand for, when there is more than one (`code`
    # is then the most likely one, or None when no place clearly dominates).
    candidates: tuple[str, ...] = field(default=())


@dataclass
class _Entry:
    name: str
    kind: str
    code: str | None
    country: str | None
    lat: float | None
    lon: float | None
    pop: int


class Gazetteer:
    """The loaded data file with the lookups the matcher needs."""

    def __init__(self, data: dict[str, Any]) -> None:
        # Rows leave out trailing nulls and a zero population.
        self.entries = [_Entry(*row, *_PAD[len(row) - 4:]) for row in data["entries"]]
        self._forms: dict[str, str] = data["forms"]
        self.regions: dict[str, dict[str, Any]] = data["regions"]
        pat = data["patterns"]
        self.region_nouns = frozenset(pat["region_nouns"])
        self.raion_nouns = frozenset(pat["raion_nouns"])
        self.hromada_nouns = frozenset(pat["hromada_nouns"])
        self.settlement_words = frozenset(pat["settlement_words"])
        self.separators = frozenset(pat["list_separators"])
        self.plural_nouns = frozenset(pat["plural_nouns"])
        self.street_words = frozenset(pat["street_words"])
        self.district_suffixes = tuple(pat["district_suffixes"])
        self.given_names = frozenset(pat["given_names"])
        self.first_names = frozenset(pat["first_names"])
        # First word of every multi-word form -> its most words: the scan tries longer
        # n-grams only where one can start.
        self.heads: dict[str, int] = data["heads"]
        self._refs: dict[str, tuple[tuple[int, str], ...]] = {}

    def refs(self, key: str) -> tuple[tuple[int, str], ...]:
        """(entry id, role) pairs of a lookup key; parsed on first use."""
        got = self._refs.get(key)
        if got is None:
            raw = self._forms.get(key)
            got = tuple((int(i), r) for i, r in (p.split(":") for p in raw.split())) if raw else ()
            self._refs[key] = got
        return got

    def has(self, key: str) -> bool:
        return key in self._forms


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load data/gazetteer.json once."""
    text = resources.files("skyledger.extract").joinpath("data/gazetteer.json").read_text("utf-8")
    return Gazetteer(json.loads(text))


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Lookup key of a surface form: lower case, one apostrophe, 'ё' as 'е'."""
    return " ".join(text.translate(_APOSTROPHES).lower().replace("ё", "е").split())


class _Tokens:
    """Word spans of a text; lookup keys are made only for the words that get read."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _WORD.finditer(text)]
        self.text = text
        self.start = [a for a, _ in spans]
        self.end = [b for _, b in spans]

    def __len__(self) -> int:
        return len(self.start)

    def key(self, k: int) -> str:
        return norm(self.text[self.start[k]:self.end[k]])

    def keys(self, i: int, j: int) -> str:
        return " ".join(self.key(k) for k in range(i, j))


@dataclass
class _Raw:
    """A dictionary hit over tokens [first, last) before its context is read."""

    first: int
    last: int
    refs: tuple[tuple[int, str], ...]
    roles: frozenset[str]
    resolved: PlaceMention | None = None
    via: str = ""


def _capitalised(text: str, toks: _Tokens) -> list[int]:
    """Indices of tokens that start with a capital: the only ones a name can start at."""
    return [k for k, a in enumerate(toks.start) if text[a].isupper()]


def _scan(text: str, toks: _Tokens, gz: Gazetteer) -> list[_Raw]:
    # glue[k]: token k and k+1 are separated by spaces only (one name, not a list)
    glue = [text[a:b].isspace() for a, b in zip(toks.end, toks.start[1:])] + [False]
    out: list[_Raw] = []
    done = 0
    for i in _capitalised(text, toks):
        if i < done:
            continue
        hit = _longest(toks, glue, i, gz)
        if hit is None and _generic_district(text, toks, i, gz):
            hit = _Raw(i, i + 1, (), frozenset("g"))
        if hit is not None:
            out.append(hit)
            done = hit.last
    return out


def _longest(toks: _Tokens, glue: list[bool], i: int, gz: Gazetteer) -> _Raw | None:
    """The longest form that starts at token i."""
    span = 1
    while span < gz.heads.get(toks.key(i), 1) and i + span < len(toks) and glue[i + span - 1]:
        span += 1
    for j in range(i + span, i, -1):
        key = toks.key(i) if j == i + 1 else toks.keys(i, j)
        if gz.has(key):
            refs = gz.refs(key)
            return _Raw(i, j, refs, frozenset(r for _, r in refs))
    return None


def _generic_district(text: str, toks: _Tokens, i: int, gz: Gazetteer) -> bool:
    """An unknown "-ський район" / "-skyi district": a district whose place we don't know."""
    if not toks.key(i).endswith(gz.district_suffixes):
        return False
    return _next_key(text, toks, i + 1) in gz.raion_nouns


def _next_key(text: str, toks: _Tokens, j: int) -> str | None:
    """Key of token j when only spaces separate it from the token before it."""
    if j >= len(toks) or j == 0 or not text[toks.end[j - 1]:toks.start[j]].isspace():
        return None
    return toks.key(j)


@dataclass
class _Ctx:
    text: str
    toks: _Tokens
    gz: Gazetteer


def _pick(entries: list[_Entry]) -> tuple[_Entry, str | None, tuple[str, ...]]:
    """The entry a name stands for, its code, and the candidate codes when ambiguous."""
    ranked = sorted(entries, key=lambda e: -e.pop)
    top = ranked[0]
    codes = {e.code for e in entries}
    if len(codes) == 1:
        return top, top.code, ()
    cands = tuple(sorted(c for c in codes if c))
    rival = max((e.pop for e in entries if e.code != top.code), default=0)
    if top.pop > 0 and top.pop >= _DOMINANCE * rival:
        return top, top.code, cands
    return top, None, cands


def _mention(ctx: _Ctx, raw: _Raw, roles: str, kind: str | None, explicit: bool,
             last: int | None = None) -> PlaceMention | None:
    start = ctx.toks.start[raw.first]
    end = ctx.toks.end[(last or raw.last) - 1]
    entries = [ctx.gz.entries[i] for i, r in raw.refs if r in roles and i >= 0]
    if not entries:
        if "g" not in roles:
            return None
        words = ctx.text[start:end]
        return PlaceMention(start, end, words, None, None, "district", words, True)
    top, code, cands = _pick(entries)
    country = top.country if len({e.country for e in entries}) == 1 else None
    return PlaceMention(start, end, ctx.text[start:end], code, country or top.country,
                        kind or top.kind, top.name, explicit, cands)


def _prev_token(ctx: _Ctx, i: int, skip: str = " \t") -> int | None:
    """Index of the token before token i when only `skip` characters separate them."""
    if i == 0:
        return None
    gap = ctx.text[ctx.toks.end[i - 1]:ctx.toks.start[i]]
    return i - 1 if gap.strip(skip) == "" else None


def _after_settlement_word(ctx: _Ctx, raw: _Raw) -> bool:
    p = _prev_token(ctx, raw.first, " \t.")
    if p is None:
        return False
    key = ctx.toks.key(p)
    if key in ctx.gz.settlement_words:
        return True
    if key == "of":
        q = _prev_token(ctx, p)
        return q is not None and ctx.toks.key(q) in ctx.gz.settlement_words
    return False


def _sentence_initial(ctx: _Ctx, raw: _Raw) -> bool:
    before = ctx.text[:ctx.toks.start[raw.first]].rstrip(" \t\"'«„“”([—–-")
    return not before or before[-1] in _SENTENCE_END


def _elided(ctx: _Ctx, raw: _Raw, nxt: str | None) -> bool:
    """A region adjective standing alone: its noun was said earlier or comes after a list."""
    if _street(ctx, raw):
        return False
    if nxt is not None:
        return nxt in ctx.gz.separators
    after = ctx.text[ctx.toks.end[raw.last - 1]:].lstrip(" \t")
    return not after or after[0] in ",.;:)!?\n–—-"


def _street(ctx: _Ctx, raw: _Raw) -> bool:
    """"на улице Ленина, 45", "проспект Гагарина": a street named after a place or a person."""
    p = _prev_token(ctx, raw.first, " \t.")
    return p is not None and ctx.toks.key(p) in ctx.gz.street_words


def _person(ctx: _Ctx, raw: _Raw) -> bool:
    """"Vladimir Putin", "Volodymyr Zelensky", "Friedrich Engels", "Kateryna Levada": a
    person, not a town."""
    p = _prev_token(ctx, raw.first, " \t.")
    after_name = p is not None and ctx.toks.key(p) in ctx.gz.first_names
    key = ctx.toks.keys(raw.first, raw.last)
    if key not in ctx.gz.given_names:
        # A town after a first name written out (not an initial: "A Kharkiv court")
        return after_name and p is not None and ctx.toks.end[p] - ctx.toks.start[p] > 1
    nxt = _next_key(ctx.text, ctx.toks, raw.last)
    if nxt is not None and ctx.text[ctx.toks.start[raw.last]].isupper():
        return True
    return after_name


def _resolve(ctx: _Ctx, raw: _Raw) -> tuple[PlaceMention | None, str]:
    """The mention a dictionary hit makes in its context, and how it was decided."""
    roles, gz = raw.roles, ctx.gz
    a, b = ctx.toks.start[raw.first], ctx.toks.end[raw.first]
    if "!" in roles or not ctx.text[a].isupper() or _quoted(ctx, raw):
        return None, ""
    nxt = _next_key(ctx.text, ctx.toks, raw.last)
    if roles & {"s", "e"} and nxt in gz.region_nouns:
        return _mention(ctx, raw, "se", "oblast", True, raw.last + 1), "noun"
    if roles & {"r", "b", "g"} and nxt in gz.raion_nouns:
        return _mention(ctx, raw, "rbg", "district", True, raw.last + 1), "noun"
    if nxt in gz.raion_nouns:
        # "в Левобережном районе Воронежа": a district the gazetteer knows only as a place
        # elsewhere (a Moscow neighbourhood); the city named after it may tell whose it is.
        return _mention(ctx, raw, "g", "district", True, raw.last + 1), "noun"
    if "h" in roles and nxt in gz.hromada_nouns:
        return _mention(ctx, raw, "h", "hromada", True, raw.last + 1), "noun"
    if "e" in roles and _elided(ctx, raw, nxt):
        return _mention(ctx, raw, "e", "oblast", True), "elided"
    if "x" in roles:
        return _mention(ctx, raw, "x", None, True), "name"
    if _person(ctx, raw) or _street(ctx, raw):
        return None, ""
    if roles & {"v", "n", "w"} and _after_settlement_word(ctx, raw):
        return _mention(ctx, raw, "vnw", None, False), "settlement"
    if "n" in roles and nxt is not None and _neighbourhood_adjective(ctx, raw):
        return None, ""
    if "n" in roles:
        return _mention(ctx, raw, "n", None, False), "name"
    shouting = b - a > 1 and ctx.text[a:b].isupper()
    if "w" in roles and not shouting and not _sentence_initial(ctx, raw):
        return _mention(ctx, raw, "w", None, False), "name"
    return None, ""


# Cities whose neighbourhoods the gazetteer lists as places of their own.
_CITY_REGIONS = frozenset({"UA-30", "RU-MOW", "RU-SPE"})


def _neighbourhood_adjective(ctx: _Ctx, raw: _Raw) -> bool:
    """"Рязанский НПЗ", "Київський завод": an adjective before its noun, not the capital's
    neighbourhood of that name (Moscow's Ryazansky, Kyiv's Dniprovskyi)."""
    entries = [ctx.gz.entries[i] for i, r in raw.refs if r == "n" and i >= 0]
    return (bool(entries) and ctx.toks.key(raw.last - 1).endswith(ctx.gz.district_suffixes)
            and all(e.code in _CITY_REGIONS and e.kind == "city" and e.pop < 1_000_000 for e in entries))


def _quoted(ctx: _Ctx, raw: _Raw) -> bool:
    """A name that is the whole of a quotation names something else: Air Command «Схід»,
    the newspaper «Вісті України», the airfield «Енгельс»."""
    a, b = ctx.toks.start[raw.first], ctx.toks.end[raw.last - 1]
    return a > 0 and ctx.text[a - 1] in "«“„\"" and ctx.text[b : b + 1] in ("»", "”", "“", '"')


def _list_gap(ctx: _Ctx, left: _Raw, right: _Raw) -> bool:
    """Only list separators (commas, and, та, и...) lie between two hits."""
    gap = ctx.text[ctx.toks.end[left.last - 1]:ctx.toks.start[right.first]]
    words = gap.replace(",", " , ").split()
    return bool(words) and all(w.lower() in ctx.gz.separators for w in words)


_GROUPS = {"oblast": ("se", "oblast"), "district": ("rbg", "district"), "hromada": ("h", "hromada")}


def _propagate_back(ctx: _Ctx, raws: list[_Raw]) -> None:
    """"the Kyiv, Cherkasy and Odesa regions": a plural noun makes each list member a region."""
    for idx in range(len(raws) - 1, 0, -1):
        cur, m = raws[idx], raws[idx].resolved
        if m is None or cur.via != "noun" or ctx.toks.key(cur.last) not in ctx.gz.plural_nouns:
            continue
        roles, kind = _GROUPS[m.kind]
        j = idx - 1
        while j >= 0 and _list_gap(ctx, raws[j], cur) and raws[j].roles & set(roles):
            raws[j].resolved = _mention(ctx, raws[j], roles, kind, True)
            raws[j].via = "list"
            cur, j = raws[j], j - 1


def _propagate_forward(ctx: _Ctx, raws: list[_Raw]) -> None:
    """"the villages of A, B and C": the settlement word covers every member."""
    for idx in range(1, len(raws)):
        prev, cur = raws[idx - 1], raws[idx]
        if prev.via in ("settlement", "settlement-list") and cur.resolved is None \
                and cur.roles & {"v", "n", "w"} and _list_gap(ctx, prev, cur) \
                and ctx.text[ctx.toks.start[cur.first]].isupper():
            cur.resolved = _mention(ctx, cur, "vnw", None, False)
            cur.via = "settlement-list"


def _elided_districts(ctx: _Ctx, raws: list[_Raw]) -> None:
    """"У Шевченківському районі – четверо, в Олександрівському – троє": a district
    adjective after a district of the same sentence leaves its noun out."""
    for idx in range(1, len(raws)):
        prev, cur = raws[idx - 1], raws[idx]
        pm = prev.resolved
        if pm is None or pm.kind != "district" or prev.via not in ("noun", "list", "elided-district") \
                or not cur.roles & {"r", "b"} or (cur.resolved is not None and cur.via == "noun"):
            continue
        gap = ctx.text[ctx.toks.end[prev.last - 1]:ctx.toks.start[cur.first]]
        if len(gap) > 80 or any(c in gap for c in ".!?\n"):
            continue
        nxt = _next_key(ctx.text, ctx.toks, cur.last)
        if nxt is None or nxt in ctx.gz.separators:
            cur.resolved = _mention(ctx, cur, "rbg", "district", True)
            cur.via = "elided-district"


_OF_GAP = re.compile(r"^[\s,(]*(?:of|in|у|в|во)?[\s,(]*$", re.IGNORECASE)


def _disambiguate(ctx: _Ctx, found: list[PlaceMention]) -> list[PlaceMention]:
    """Settle a missing or doubtful code: from the region named right after ("Pokrovsk,
    Donetsk region", "...районе Краснодарского края"), else from the one candidate region
    (or country) that the rest of the text names unambiguously."""
    out = list(found)
    for k in range(len(out) - 1):
        m, nxt = out[k], out[k + 1]
        if (m.code is not None and not m.candidates) or nxt.code is None \
                or not _OF_GAP.match(ctx.text[m.end:nxt.start]):
            continue
        fits = nxt.kind == "oblast" or (nxt.kind == "city" and m.kind == "district")
        if fits and (not m.candidates or nxt.code in m.candidates):
            out[k] = _with_code(m, nxt.code, nxt.country)
    sure = [m for m in out if not m.candidates]
    codes = {m.code for m in sure if m.code}
    countries = {m.country for m in sure if m.country}
    for k, m in enumerate(out):
        if not m.candidates or m.code in codes:
            continue
        pick = set(m.candidates) & codes or {c for c in m.candidates if c[:2] in countries}
        if len(pick) == 1:
            code = pick.pop()
            out[k] = _with_code(m, code, code[:2])
    return out


def _with_code(m: PlaceMention, code: str, country: str | None) -> PlaceMention:
    return PlaceMention(m.start, m.end, m.text, code, country, m.kind, m.name, m.explicit_region,
                        m.candidates)


def find_places(text: str, lang: str) -> list[PlaceMention]:
    """Every place named in `text`, sorted by start, without overlaps (longest wins).

    `lang` ("en", "uk", "ru") is accepted for the API's sake: the data hold every
    language's forms and the script tells them apart.
    """
    gz = gazetteer()
    ctx = _Ctx(text, _Tokens(text), gz)
    raws = _scan(text, ctx.toks, gz)
    for raw in raws:
        raw.resolved, raw.via = _resolve(ctx, raw)
    _propagate_back(ctx, raws)
    _propagate_forward(ctx, raws)
    _elided_districts(ctx, raws)
    found = [r.resolved for r in raws if r.resolved is not None]
    return _disambiguate(ctx, _no_overlaps(found))


def _no_overlaps(found: list[PlaceMention]) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    for m in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def region_name(code: str, lang: str = "en") -> str:
    """Display name of a first-level region: "UA-63" -> "Kharkiv region" / "Харківська область".

    An unknown code is returned as it is, so a display never loses a value.
    """
    region = gazetteer().regions.get(code)
    if region is None:
        return code
    return str(region.get(lang) or region["en"])


def region_centroid(code: str) -> tuple[float, float] | None:
    """(lat, lon) near the middle of a first-level region; None when the data have none."""
    region = gazetteer().regions.get(code)
    if region is None or region.get("lat") is None:
        return None
    return (float(region["lat"]), float(region["lon"]))


def place_coordinates(name_or_code: str) -> tuple[float, float] | None:
    """(lat, lon) of a region code or of the most populous place with that name."""
    centroid = region_centroid(name_or_code)
    if centroid is not None:
        return centroid
    gz = gazetteer()
    entries = [gz.entries[i] for i, r in gz.refs(norm(name_or_code)) if i >= 0]
    located = [e for e in entries if e.lat is not None and e.lon is not None]
    if not located:
        return None
    best = max(located, key=lambda e: e.pop)
    return (float(best.lat or 0.0), float(best.lon or 0.0))
