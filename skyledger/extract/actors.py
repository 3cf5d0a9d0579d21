"""Who attacked whom, from the words of a clause (data/actors.json) and its places.

An explicit side wins ("Ukrainian drones", "противник"); otherwise the
country of the places under attack names the target, and the usual
opponent of that country names the attacker.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from skyledger.extract import fold


@dataclass(frozen=True)
class Sides:
    attacker: str | None
    target: str | None
    explicit: bool  # named by words, not only inferred from places
    weak: bool = False  # leaned to by a weak cue alone ("силы ПВО")


# A cue: its pattern, the pattern's twin for lower-cased text (fold.py), role, country.
_Cue = tuple[re.Pattern[str], re.Pattern[str] | None, str, str]


@dataclass(frozen=True)
class _Actors:
    cues: dict[str, list[_Cue]]
    weak: dict[str, list[_Cue]]
    default_target: dict[str, str | None]
    default_attacker: dict[str, str | None]
    # Per table and language, every cue in one pattern (and its twin): most clauses
    # name no side, and one search tells so for the price of two or three of the cues.
    any_cue: dict[tuple[bool, str], tuple[re.Pattern[str], re.Pattern[str] | None]]


# Group references would point at another cue's groups once the cues are joined.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _any(cues: list[_Cue]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    # An alternative matches where its cue does, so the whole matches where any cue does.
    rx = re.compile("|".join(f"(?:{p.pattern})" for p, _, _, _ in cues) or "(?!)", re.IGNORECASE)
    return rx, fold.twin(rx)


@lru_cache(maxsize=1)
def _actors() -> _Actors:
    raw = resources.files("skyledger.extract").joinpath("data", "actors.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    def compiled(lang: str, weak: bool) -> list[_Cue]:
        out = []
        for c in data[lang]:
            if bool(c.get("weak")) == weak:
                rx = re.compile(c["re"], re.IGNORECASE)
                out.append((rx, fold.twin(rx), "attacker" if "attacker" in c else "target",
                            c.get("attacker") or c["target"]))
        return out

    langs = ("en", "uk", "ru")
    cues = {lang: compiled(lang, False) for lang in langs}
    weak = {lang: compiled(lang, True) for lang in langs}
    if any(_GROUP_REFERENCE.search(c["re"]) for lang in langs for c in data[lang]):
        raise ValueError("actors.json: a cue refers to a group, so cues cannot be joined")
    any_cue = {(w, lang): _any(table[lang]) for w, table in ((False, cues), (True, weak)) for lang in langs}
    return _Actors(cues, weak, data["default_target"], data["default_attacker"], any_cue)



# "з Курської та Воронезької " before "областей рф": the regions named are where weapons came from.
_LAUNCHED_FROM = re.compile(r"(?<!\w)(?:з|із|зі|from|с|из)\s+(?:[A-ZА-ЯІЇЄҐ][\w'’-]*\s*(?:,|та|і|й|и|and)?\s+)+$")


# Reading a sentence asks twice (for "the capital", then for its frame): keep the last few.
@lru_cache(maxsize=4)
def explicit_sides(text: str, lang: str, weak: bool = False) -> tuple[str | None, str | None]:
    """(attacker, target) named in words; a later cue never matches inside an earlier one."""
    taken: list[tuple[int, int]] = []
    attacker: str | None = None
    targets: list[str] = []
    acts = _actors()
    table = acts.weak if weak else acts.cues
    key = (weak, lang if lang in table else "en")
    low = fold.lower(text)
    rx, twin = acts.any_cue[key]
    if not (rx.search(text) if low is None or twin is None else twin.search(low)):
        return None, None
    for pat, twin, role, country in table[key[1]]:
        found = pat.finditer(text) if low is None or twin is None else twin.finditer(low)
        for m in found:
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if role == "target" and _LAUNCHED_FROM.search(text, max(0, m.start() - 60), m.start()):
                continue  # "з Курської та Воронезької областей рф": where they came from
            taken.append((m.start(), m.end()))
            if role == "attacker" and attacker is None:
                attacker = country
            elif role == "target":
                targets.append(country)
    target = targets[0] if targets else None
    if attacker is not None and attacker == target:
        # "противник атакував Україну ... (Брянська область РФ)": the launch area's country
        # is the attacker's; the other side named is the one attacked.
        other = [t for t in targets if t != attacker]
        if other:
            target = other[0]
        else:
            # "Russian air defences ... Russian drones" cannot both hold; keep the defending side.
            attacker = None
    return attacker, target


def resolve(text: str, lang: str, place_countries: list[str]) -> Sides:
    """Sides of a clause from its words, then from the countries of its target places."""
    attacker, target = explicit_sides(text, lang)
    explicit = attacker is not None or target is not None
    if target is None and place_countries:
        counts = {c: place_countries.count(c) for c in place_countries if c != attacker}
        if counts:
            target = max(counts, key=lambda c: counts[c])
    weak = False
    if attacker is None and target is None:
        attacker, target = explicit_sides(text, lang, weak=True)
        weak = attacker is not None or target is not None
    return named(attacker, target, explicit, weak)


def named(attacker: str | None, target: str | None, explicit: bool = True, weak: bool = False) -> Sides:
    """Sides with the one left unnamed filled in from the other ("Russia struck" attacks Ukraine)."""
    acts = _actors()
    if attacker is None and target is not None:
        attacker = acts.default_attacker.get(target)
    if target is None and attacker is not None:
        target = acts.default_target.get(attacker)
    return Sides(attacker, target, explicit, weak)
