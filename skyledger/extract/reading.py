"""Read a document sentence by sentence and assign each sentence to an attack.

An attack (a frame) is one side's wave against the other within one night or
one day: (attacker, target, date, part of day). A sentence that reports an
attack with its own sides or time opens or joins a frame; the sentences
after it that name neither belong to the same frame. Background sentences
(quotations, drills, production, monthly totals, artillery) belong to none.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from skyledger.extract import actors, dates, entries, lexicon
from skyledger.extract.facts import SentenceFacts
from skyledger.extract.figures import LIST_GAP, Context, read_sentence
from skyledger.extract.fold import Folded
from skyledger.extract.numbers import NumberMention, find_numbers
from skyledger.extract.places import CITY_ANAPHORA, PlaceMention, find_places, region_name
from skyledger.extract.sentences import Sentence, clauses, is_heading, split_sentences
from skyledger.extract.weapons import WeaponMention, find_weapons


def _place_context() -> dict[str, Any]:
    raw = resources.files("skyledger.extract").joinpath("data", "place_context.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


_CONTEXT = _place_context()
_CAPITAL_OF: dict[str, str] = _CONTEXT["capital_of"]
_REGION_OF_CAPITAL: dict[str, str] = _CONTEXT["region_of_capital"]
_METONYMY = re.compile("^(?:" + "|".join(_CONTEXT["metonymy_after"]) + ")", re.IGNORECASE)
_PLACE_OBJECT = re.compile("|".join(_CONTEXT["place_object_before"]), re.IGNORECASE)
_RELATIVE = re.compile("|".join(_CONTEXT["relative_before"]), re.IGNORECASE)
_DENIED = re.compile("|".join(_CONTEXT["denied_before"]), re.IGNORECASE)
_NOT_ATTACKED = re.compile("|".join(_CONTEXT["not_attacked_after"]))
_VILLAGE = re.compile("|".join(_CONTEXT["village_before"]), re.IGNORECASE)
_AUTHORITY_AFTER = re.compile("|".join(_CONTEXT["authority_after"]), re.IGNORECASE)
_AUTHORITY_BEFORE = re.compile("|".join(_CONTEXT["authority_before"]), re.IGNORECASE)
_CREDIT = re.compile("|".join(_CONTEXT["credit_line"]), re.IGNORECASE)
_LAUNCH_GAP = re.compile(
    r"^[\s,:;–—()-]*(?:(?:" + "|".join(_CONTEXT["launch_list_words"]) + r")[\s,:;–—()-]*)*$", re.IGNORECASE
)


@dataclass(frozen=True)
class FrameKey:
    attacker: str | None
    target: str | None
    date: date | None
    daypart: str | None


@dataclass
class Frame:
    key: FrameKey
    facts: list[SentenceFacts] = field(default_factory=list)
    regions: list[tuple[str, int, int]] = field(default_factory=list)  # (code, start, end)


def _compatible(a: FrameKey, b: FrameKey) -> bool:
    return (
        a.attacker == b.attacker and a.target == b.target and a.date == b.date
        and (a.daypart == b.daypart or a.daypart is None or b.daypart is None)
    )


class FrameSet:
    """The frames of one document; a new key joins a compatible frame."""

    def __init__(self) -> None:
        self.frames: list[Frame] = []

    def get(self, key: FrameKey) -> Frame:
        for f in self.frames:
            if _compatible(f.key, key):
                if f.key.daypart is None and key.daypart is not None:
                    f.key = key
                return f
        frame = Frame(key)
        self.frames.append(frame)
        return frame


def _launch_area(text: str, p: PlaceMention, sentence: Sentence, lang: str,
                 places: list[PlaceMention]) -> bool:
    """A place named as where weapons came from ("from occupied Crimea", "з напрямку ... ТОТ Криму")."""
    window_start = max(sentence.start, p.start - 160)
    markers = lexicon.find(text, lang, "launch_area", window_start, p.start)
    for m in reversed(markers):
        gap = text[m.end : p.start]
        # Other places in between belong to the same list ("from Cape Chauda in Crimea").
        for other in places:
            if m.end <= other.start and other.end <= p.start:
                a, b = other.start - m.end, other.end - m.end
                gap = gap[:a] + " " * (b - a) + gap[b:]
        # Names the gazetteer does not know ("мис Чауда") are list members too.
        gap = re.sub(r"(?<![\w-])[A-ZА-ЯІЇЄҐ][\w'-]*", " ", gap)
        if _LAUNCH_GAP.match(gap):
            # "from Lviv ... in the west to Kharkiv" is a span of places, not a launch area.
            return not re.search(r"\bto\b", text[p.end : min(sentence.end, p.end + 60)])
    return False


def _target_places(text: str, s: Sentence, lang: str, places: list[PlaceMention]) -> list[PlaceMention]:
    if _CREDIT.match(s.text):
        return []  # "(Reporting by ... in Kyiv; Editing by ...)": where the story was written
    out = []
    relative_end: int | None = None
    for p in places:
        if p.code is None or p.kind == "sea":
            continue
        if (p.code in _REGION_OF_CAPITAL and _METONYMY.match(text[p.end : p.end + 30])
                and not _PLACE_OBJECT.search(text[max(s.start, p.start - 20) : p.start])):
            continue
        if _launch_area(text, p, s, lang, places):
            continue
        if _DENIED.search(text[max(s.start, p.start - 20) : p.start]):
            continue  # "hit Kryvyi Rih, not Kropyvnytskyi"
        if p.kind in ("city", "town") and _VILLAGE.search(text[max(s.start, p.start - 20) : p.start]):
            continue  # "the border village of Murom" is not the city of Murom
        if _RELATIVE.search(text[max(s.start, p.start - 30) : p.start]) or _NOT_ATTACKED.match(text, p.end):
            relative_end = p.end
            continue  # "south of Moscow" locates another place; "Vnukovo ... airports" are airports
        if relative_end is not None and LIST_GAP.fullmatch(text, relative_end, p.start):
            relative_end = p.end
            continue  # "в аэропортах Липецка и Тамбова": the list shares its first member's role
        relative_end = None
        out.append(p)
    return out


def region_of_side(code: str, side: str | None) -> bool:
    """Whether a region (ISO 3166-2) is the side's: in its country, or claimed by it (Crimea
    in a Russian bulletin). Any region is a side's that is not named."""
    return side is None or code.split("-")[0] == side or code in _CONTEXT["claimed_by"].get(side, ())


def _of_side(p: PlaceMention, side: str | None) -> bool:
    """Whether a place is the side's (see `region_of_side`)."""
    return p.country == side or (side is not None and p.code is not None and region_of_side(p.code, side))


def _in_title(text: str, p: PlaceMention) -> bool:
    """A place named in an official's title ("the Odesa Oblast Military Administration")."""
    # The gazetteer may hold the title itself ("Харьковской ОВА").
    return bool(_AUTHORITY_AFTER.match(text, p.end) or _AUTHORITY_AFTER.search(p.text)
                or _AUTHORITY_BEFORE.search(text[max(0, p.start - 30) : p.start]))


def _anaphora(text: str, s: Sentence, ctx: Context, target: Callable[[], str | None],
              places: list[PlaceMention]) -> list[PlaceMention]:
    """"the capital", "the surrounding region", "the city": places named before."""
    return [PlaceMention(a, b, text[a:b], code, code.split("-")[0], kind, name, False)
            for code, kind, name, a, b in _anaphora_spans(text, s, ctx, target, places)]


_CAPITAL = re.compile(r"\bthe\s+(?:Ukrainian\s+|Russian\s+)?capital\b|\bстолиц\w+", re.IGNORECASE)
_LABEL_REST = re.compile(r"[\W_]*")  # what a place label holds besides the place: marks, emoji
_REGION_AFTER = re.compile(r"\s+region\b", re.IGNORECASE)
_AROUND = re.compile(r"\b(?:the\s+)?surrounding\s+region\b|\bthe\s+region\s+around\s+the\s+capital\b",
                     re.IGNORECASE)

# A Ukrainian or Russian sentence opening with "there" ("Там загинула одна людина").
_THERE = re.compile(r"(?:Там|Тут)(?!\w)")


def _anaphora_spans(text: str, s: Sentence, ctx: Context, target: Callable[[], str | None],
                    places: list[PlaceMention]) -> list[tuple[str, str, str, int, int]]:
    """(code, kind, name of the place meant, start, end) of each place word that points back.
    ``target`` gives the side spoken of; it is asked only when a word needs it."""
    out = []
    seg = Folded(s.text)
    for m in seg.finditer(_CAPITAL):
        side = target()
        if side in _CAPITAL_OF and not _RELATIVE.search(s.text[max(0, m.start() - 30) : m.start()] + "the "):
            code = _CAPITAL_OF[side]
            if _REGION_AFTER.match(s.text, m.end()) and code in _REGION_OF_CAPITAL:
                # "over the capital region": the region around the capital
                code = _REGION_OF_CAPITAL[code]
                out.append((code, "oblast", region_name(code), s.start + m.start(), s.start + m.end() + 7))
                continue
            out.append((code, "city", region_name(code), s.start + m.start(), s.start + m.end()))
    for m in seg.finditer(_AROUND):
        city = ctx.last_city
        if city is not None and city.code:
            code = _REGION_OF_CAPITAL.get(city.code, city.code)
            out.append((code, "oblast", region_name(code), s.start + m.start(), s.start + m.end()))
    for m in seg.finditer(CITY_ANAPHORA):
        # "In the northeastern city of Kharkiv ..., the city's mayor said": a city of the
        # same sentence before one named earlier.
        here = [p for p in places if p.kind in ("city", "town") and p.code and p.end <= s.start + m.start()]
        city = here[-1] if here else ctx.last_city
        if city is not None and city.code and city.country == target():
            out.append((city.code, "city", city.name, s.start + m.start(), s.start + m.end()))
    there = _THERE.match(s.text)
    last = ctx.places[-1] if ctx.places else None
    if there and last is not None and last.code and last.country == target():
        # "... влучила в портову інфраструктуру на Одещині. Там загинула одна людина": the place just named.
        out.append((last.code, last.kind, last.name, s.start + there.start(), s.start + there.end()))
    return out


def _background(text: str, s: Sentence, lang: str) -> str | None:
    def has(kind: str) -> bool:
        return lexicon.found_in(text, lang, kind, s.start, s.end)

    if has("non_air") and not _air_clause(text, s, lang):
        return "non_air"
    if has("negative_context") or has("hypothetical"):
        return "other"
    if _period_total(text, s, lang) and not _names_a_night_or_day(text[s.start : s.end]):
        return "period"
    if has("reminder") and not _names_a_day(text[s.start : s.end]):
        return "other"  # "Нагадаємо, у квітні ...": a reminder of a period, not an attack of a day
    if (has("alert") and not (has("hit") or has("destroy"))
            and not any(n.kind == "count" and not n.approx for n in _numbers_in(text, lang, s))):
        # Alerts and threats ("Угроза атаки БПЛА сохраняется", "Sirens sounded in dozens of
        # communities") report no attack.
        return "aside"
    if (has("outage") or has("geography") or has("services")) and not (
            has("hit") or has("destroy") or has("attack_word") or has("killed") or has("injured")):
        # "power cuts in the Vinnytsia, Lviv and Khmelnytskyi regions": grid, not targets;
        # "Voronezh, a city of about 1 million people, lies 250 km from the border": a map;
        # "Пункти незламності в Києві працюють цілодобово": help for residents.
        return "aside"
    if has("habitual") and not (has("killed") or has("injured")):
        return "other"  # "Dnipro ... has been hit repeatedly": history, unless it counts victims
    return None


def _counts_victims(text: str, lang: str, s: Sentence) -> bool:
    return lexicon.found_in(text, lang, "killed", s.start, s.end) or lexicon.found_in(text, lang, "injured", s.start, s.end)


def _period_total(text: str, s: Sentence, lang: str) -> bool:
    """Whether a sentence counts over a period: not "struck ..., killing two ..., the second
    attack on the city this week", which says how often, not how many."""
    asides = [a for a in lexicon.find(text, lang, "period_aside", s.start, s.end)
              if any(lexicon.found_in(text, lang, k, s.start, a.start) for k in ("killed", "injured", "hit"))]
    return any(not any(a.start <= p.start < a.end for a in asides)
               for p in lexicon.find(text, lang, "period_total", s.start, s.end))


def _family_times(text: str, s: Sentence, mentions: list[WeaponMention], base: date | None,
                  lang: str) -> dict[tuple[str, str | None], dates.TimeCue]:
    """The time each clause of a two-attack summary gives its weapons, by family and attacker
    ("Two Russian cruise missiles struck Odesa late on Saturday, ... and drones targeted the
    south overnight")."""
    out: dict[tuple[str, str | None], dates.TimeCue] = {}
    for a, b in clauses(s):
        cue = dates.find_time(text, a, b, base)
        fams = {m.family for m in mentions if a <= m.start < b and m.family != "any"}
        if cue is not None and cue.daypart is not None and len(fams) == 1:
            out.setdefault((fams.pop(), actors.explicit_sides(text[a:b], lang)[0]), cue)
    return out


def _family_told(s: Sentence, lang: str, facts: SentenceFacts,
                 family_times: dict[tuple[str, str | None], dates.TimeCue], current: Frame | None) -> _Told | None:
    """The time a summary gave the one family of weapons a sentence counts, for the same
    attacker (named, or the attack in hand's)."""
    families = {f.family for f in facts.weapons}
    if len(families) != 1:
        return None
    family = families.pop()
    attacker = actors.explicit_sides(s.text, lang)[0] or (current.key.attacker if current else None)
    cues = [cue for (fam, att), cue in family_times.items()
            if fam == family and (attacker is None or att is None or att == attacker)]
    return _Told(s.paragraph, cues[0], (None, None)) if len(cues) == 1 else None


def _before_sequel(text: str, s: Sentence, lang: str) -> Sentence:
    """A sentence without its closing clause about another attack ("..., killing nine,
    hours after a wave of drones hit several regions overnight"): that attack is reported
    on its own, and its time is not this one's."""
    cut = lexicon.find(text, lang, "sequel", s.start, s.end)
    if not cut or cut[0].start - s.start < 20:
        return s
    return dataclasses.replace(s, end=cut[0].start, text=text[s.start : cut[0].start])


def _air_clause(text: str, s: Sentence, lang: str) -> bool:
    """Whether a clause apart from the non-air weapons counts air weapons ("destroyed 31
    Ukrainian drones ..., and that its navy had sunk seven uncrewed surface vessels")."""
    return any(not lexicon.found_in(text, lang, "non_air", a, b) and find_weapons(text, a, b, lang)
               and any(n.kind == "count" for n in _numbers_in(text, lang, s) if a <= n.start < b)
               for a, b in clauses(s))


def _counted_before(text: str, lang: str, s: Sentence, value: int | None, pos: int) -> bool:
    """Whether the sentence gives the count `value` before `pos` and not after it."""
    at = [n.start for n in _numbers_in(text, lang, s) if n.value == value and n.kind == "count"]
    return bool(at) and max(at) < pos


def _numbers_in(text: str, lang: str, s: Sentence) -> list[NumberMention]:
    return [n for n in _document_numbers(text, lang) if s.start <= n.start < s.end]


def _counts_by_sentence(numbers: list[NumberMention], sentences: list[Sentence]) -> dict[int, list[int]]:
    """The values of each sentence's counts."""
    out: dict[int, list[int]] = {}
    starts = [s.start for s in sentences]
    for n in numbers:
        if n.kind == "count" and n.value is not None:
            i = bisect.bisect_right(starts, n.start) - 1
            if i >= 0 and n.start < sentences[i].end:
                out.setdefault(sentences[i].index, []).append(n.value)
    return out


@lru_cache(maxsize=2)     # one document's, while it is read
def _document_numbers(text: str, lang: str) -> list[NumberMention]:
    return find_numbers(text, lang)


def _names_a_night_or_day(seg: str) -> bool:
    """A sentence about one night ("overnight ..., since the start of the war") is not a period total."""
    cue = dates.find_time(seg, 0, len(seg), date(2000, 1, 1))
    return cue is not None and cue.daypart is not None


def _names_a_day(seg: str) -> bool:
    """A reminder of one dated attack ("Напомним, 18 мая ... была ранена женщина") reports it."""
    cue = dates.find_time(seg, 0, len(seg), date(2000, 6, 15))
    return cue is not None and cue.dated


def read_document(text: str, lang: str, published: date | None,
                  sides: tuple[str | None, str | None] | None = None) -> list[Frame]:
    """Frames of a document with the facts of their sentences. `sides` (attacker, target) are
    those of a figure that names neither: a channel's update post speaks of the attack before it."""
    sentences = split_sentences(text)
    found: dict[tuple[int, int], list[WeaponMention]] = {}

    def weapons_in(start: int, end: int) -> list[WeaponMention]:
        """The weapons a span names, found once per document (the mornings ask first)."""
        if (start, end) not in found:
            found[start, end] = find_weapons(text, start, end, lang)
        return found[start, end]

    def families(i: int) -> set[str]:
        return {m.family for m in weapons_in(sentences[i].start, sentences[i].end) if m.family != "any"}

    with dates.mornings_read_as("day" if dates.morning_apart([s.text for s in sentences], families) else "night"):
        return _read_sentences(text, lang, published, sentences, weapons_in, sides or _default_sides(lang))


def _read_sentences(text: str, lang: str, published: date | None, sentences: list[Sentence],
                    weapons_in: Callable[[int, int], list[WeaponMention]],
                    fallback: tuple[str | None, str | None]) -> list[Frame]:
    base = dates.story_date(text, published)
    # The dateline's city is where the story was filed, not a place attacked.
    dateline = dates.dateline_end(text)
    all_places = [p for p in find_places(text, lang) if p.start >= dateline]
    # Casualties are placed only where attacks fall: launch areas, "south of Moscow" and
    # "the left bank of the Dnipro" are left out as they are from regions.
    ctx = Context(text, lang, _document_numbers(text, lang), [],
                  speakers=frozenset(p.start for p in all_places if _in_title(text, p)))
    frameset = FrameSet()
    current: Frame | None = None
    background_paragraph: int | None = None  # the paragraph of the last other matter told
    period_paragraph: int | None = None  # the paragraph a count over a period opened
    shelling_told = False
    # "The latest attack came early on Friday." dates the figures of the sentences after it;
    # "Russia launched a combined strike on Ukraine overnight." also names their sides.
    pending: _Told | None = None
    family_times: dict[tuple[str, str | None], dates.TimeCue] = {}
    headlines = (entries.headlines(text, sentences) | entries.header(text, sentences, base) | entries.takeaways(sentences)
                 | entries.subheads(text, sentences, _counts_by_sentence(ctx.numbers, sentences)))
    story_base = base
    section: list[PlaceMention] = []  # the place a label line above names
    resume: Frame | None = None  # the attack told before an aside (an alert, a power cut)
    order = entries.time_order(sentences)
    entry_stamps = entries.newest_first_stamps(sentences, order)
    for s in sentences:
        if s.index in entry_stamps:
            # In a blog run newest first the entry above is a later one: the attack it
            # spoke of does not run on into this one.
            current = pending = background_paragraph = period_paragraph = None
            continue
        # A bulletin's own date stamp ("14 сентября 2025 г., 23:24") dates its "сегодня";
        # the stamp is when it was posted, not when an attack came.
        stamp = dates.stamp_date(s.text, story_base)
        if stamp is not None:
            base = stamp
            continue
        if _is_title(text, s, sentences) or s.index in headlines:
            # A headline gives no figures (they can be stale) but names the place spoken of.
            named = [p for p in all_places if s.start <= p.start < s.end and p.code]
            for p in named:
                if p.kind in ("city", "town"):
                    ctx.last_city = p
            # A line that is only a place ("Синельниківський район") heads the text about it.
            section = named if len(named) == 1 and _LABEL_REST.fullmatch(text, s.start, named[0].start) \
                and _LABEL_REST.fullmatch(text, named[0].end, s.end) else section
            continue
        s = _before_sequel(text, s, lang)
        places = [p for p in all_places if s.start <= p.start < s.end]
        background = _background(text, s, lang)
        if background is None and period_paragraph == s.paragraph \
                and not _names_a_night_or_day(text[s.start : s.end]) and not _names_a_day(text[s.start : s.end]):
            background = "period"  # "За тиждень ... ворог здійснив 286 обстрілів. ... Загинули 6": the week's
        period_paragraph = s.paragraph if background == "period" else None
        if background is None and lexicon.found_in(text, lang, "day_total", s.start, s.end) and (
                sum(1 for f in frameset.frames if f.facts) > 1
                or _counts_victims(text, lang, s) and (shelling_told or not frameset.frames
                                                       and not weapons_in(s.start, s.end))):
            # "Загалом за минулу добу поранено 8 людей" after shelling, "всего за сутки ...
            # перехвачены 59 БПЛА" after two attacks: the day's sum of all of them, not one attack's;
            # so is a post that only counts the day's victims ("за сутки в Харьковской области в
            # результате вражеских обстрелов погибли 4 человека").
            background = "other"
        if background is not None:
            shelling_told = shelling_told or background == "non_air"
            # An alert or a power cut is no other attack: the victims counted after it are
            # still the attack's ("UPD 09:15. Количество пострадавших ... возросло до 5").
            # Only a figure picks the attack up again: a figure-less sentence after the aside
            # ("Households in Kyiv can check their outage group") names none of its places.
            resume = (current or resume) if background == "aside" else None
            current = None
            if background != "aside":
                background_paragraph = s.paragraph
            continue
        mentions = weapons_in(s.start, s.end)
        # Quoted speech may count victims ("На жаль, загинула одна людина"), but its places
        # are rhetoric ("From Kyiv to Kharkiv"), not where the attack fell, unless it is a
        # quoted bulletin that counts weapons over them.
        # (a quoted bulletin's list items, "23 – над территорией Брянской области", count too)
        targets = [] if s.quoted and not mentions and s.heading is None else _target_places(text, s, lang, places)
        last = current or (frameset.frames[-1] if frameset.frames else None)
        # "the capital" is the capital of the side the sentence names, else of the attack before.
        def spoken_of(s: Sentence = s, last: Frame | None = last) -> str | None:
            return actors.explicit_sides(_first_statement(s.text), lang)[1] or (
                last.key.target if last else fallback[1])
        anaphora = _anaphora(text, s, ctx, spoken_of, targets)
        targets += anaphora
        ctx.places += targets
        facts = read_sentence(ctx, s, targets, mentions)
        if len(mentions) > 1 and len(dates.dayparts(text, s.start, s.end)) > 1:
            # "struck ... with drones overnight and with guided bombs on Tuesday afternoon,
            # killing three": a summary of two attacks whose figures belong to neither; the
            # time it gives each weapon dates that weapon's figures further on.
            # Victims counted before the second weapon is named ("slammed into Sumy late Tuesday,
            # killing four people and wounding 31, and Russian drones struck Chernihiv overnight")
            # are the first attack's, which dates the sentence.
            second = sorted(m.start for m in mentions)[1]
            facts.weapons = []
            facts.casualties = [c for c in facts.casualties if _counted_before(text, lang, s, c.value, second)]
            targets = [p for p in targets if p.start < second]
            for c in facts.casualties:
                if c.place is not None and c.place not in {p.name for p in targets}:
                    c.region = c.place = c.level = None  # "... and drones struck Chernihiv": the other's
            family_times.update(_family_times(text, s, mentions, base, lang))
        _remember_heading(ctx, s, mentions)
        reports = facts.attack or facts.has_figures
        # The time a figure-less sentence names: it may date the figures after it, or
        # show that its places belong to another day's attack.
        said = None if reports else dates.find_time(text, max(s.start, dateline), s.end, base)
        if not reports:
            told_here = _attack_time(text, s, lang, said)
            # "Учора близько 16:30 російська авіація завдала удару по Бериславу.": the place too.
            if told_here is not None and (told_here.cue is not None or pending is None):
                # (a sentence that names no time leaves the time told before it standing)
                pending = dataclasses.replace(told_here, places=tuple(targets))
        if background_paragraph == s.paragraph and not (mentions or targets):
            continue  # "Постраждалих немає" after the artillery it speaks of
        background_paragraph = None
        if reports:
            # A count of victims goes on with the attack in hand ("Уночі рятувальники дістали тіла
            # ще двох людей. Станом на ранок загинули четверо"): only weapons start another.
            # A lead's time ("Протягом дня росіяни 41 раз обстріляли ...") dates the first attack
            # counted after it, in whatever paragraph.
            told = pending if pending is not None and (
                pending.paragraph == s.paragraph or not frameset.frames) and (
                facts.weapons or current is None) else None
            pending = None
            if told is None and family_times:
                told = _family_told(s, lang, facts, family_times, current)  # "The Kalibr missiles were fired ..."
            current = _frame_for(text, s, lang, facts, targets, base, current or resume, frameset, dateline, told,
                                 fallback)
            resume = None
            if current is not None and told is not None:
                current.regions += [(p.code or "", p.start, p.end) for p in told.places
                                    if _of_side(p, current.key.target)]
        if current is not None:
            current.facts.append(facts)
            # "The attack came a day after Russian drones struck a minibus in the Sumy region":
            # a sentence about another day's attack names none of this one's places.
            if facts.has_figures or not _another_day(text, s, lang, said, current):
                for p in targets or (section if reports else []):
                    if _of_side(p, current.key.target):
                        current.regions.append((p.code or "", p.start, p.end))
        for p in targets:
            if p.kind in ("city", "town") and p.code:
                ctx.last_city = p
    frames = _sideless_merged([f for f in frameset.frames if f.facts])
    if order is not None:
        for f in frames:
            f.facts = entries.put_in_time_order(f.facts, order)
    return frames


def _sideless_merged(frames: list[Frame]) -> list[Frame]:
    """A frame that names neither side (a blog's newest entry, "The death toll has risen to
    three", read before the entry that names the attack) joins the one attack of its date."""
    out = [f for f in frames if f.key.attacker is not None or f.key.target is not None]
    for f in frames:
        if f in out:
            continue
        same_day = [g for g in out if g.key.date == f.key.date]
        # Of two attacks that day, the one on the country whose places the frame names
        # ("a national total ... That covers Kyiv city, the Kyiv region and Dnipro").
        named = {p.country for sf in f.facts for p in sf.places if p.country}
        if len(same_day) > 1 and named:
            same_day = [g for g in same_day if g.key.target in named]
        tolls = [sf for sf in f.facts if any(c.value is not None for c in sf.casualties)]
        counts = [sf for sf in f.facts if any(w.value is not None for w in sf.weapons) and sf not in tolls]
        if len(same_day) == 1 and (tolls or counts):
            # Weapons counted after a background sentence ("According to the air force, the
            # attack involved 24 Kh-101 ...") take their place in reading order.
            same_day[0].facts = tolls + sorted(same_day[0].facts + counts, key=lambda sf: sf.index)
        else:
            out.append(f)
    return sorted(out, key=frames.index)


def _another_day(text: str, s: Sentence, lang: str, cue: dates.TimeCue | None, frame: Frame) -> bool:
    """A sentence without figures that speaks of another day ("Yesterday's strike on
    Kramatorsk") names no place of this attack."""
    if lexicon.found_in(text, lang, "other_time", s.start, s.end):
        return True  # "two days after a drone strike on ... Sumy"
    return cue is not None and cue.date is not None and frame.key.date is not None and cue.date != frame.key.date


def _is_title(text: str, s: Sentence, sentences: list[Sentence]) -> bool:
    """A headline: the first line, alone in its paragraph, without a closing full stop.
    It repeats the story in short and its figures can be stale. It may hold two
    sentences ("Росія заявила про ... регіонами. В Енгельсі – пожежа")."""
    if len(sentences) < 3 or s.paragraph != sentences[0].paragraph:
        return False
    line_end = text.find("\n", sentences[0].start)
    line_end = len(text) if line_end < 0 else line_end
    if s.end > line_end:
        return False
    rest = [x for x in sentences if x.start > line_end]
    # A hard-wrapped first line runs on into its paragraph; a headline stands alone,
    # or over a bracketed byline ("(Unofficial translation, 10 September 2025)").
    byline = bool(rest) and rest[0].text.strip().startswith("(")
    if not rest or (rest[0].paragraph == s.paragraph and not byline):
        return False
    line = text[sentences[0].start : line_end].rstrip()
    return not line.endswith((".", ":", "!")) and len(line) < 250


def _remember_heading(ctx: Context, s: Sentence, mentions: list[WeaponMention]) -> None:
    """A list heading's verb ("знищено 39 цілей:") gives the role of its items; a heading
    without one that counts every weapon ("Загалом – 70 засобів повітряного нападу:") lists
    what came."""
    if not is_heading(s.text):
        return
    cues = [c for k in ("destroy", "suppress", "launch") for c in lexicon.find(ctx.text, ctx.lang, k, s.start, s.end)]
    if cues:
        last = max(cues, key=lambda c: c.start)
        ctx.heading_roles[s.index] = last.kind
    elif any(m.family == "any" for m in mentions):
        ctx.heading_roles[s.index] = "launch"


@dataclass(frozen=True)
class _Told:
    """What a sentence without figures tells of the attack its paragraph goes on to count."""
    paragraph: int
    cue: dates.TimeCue | None
    sides: tuple[str | None, str | None]
    places: tuple[PlaceMention, ...] = ()


def _attack_time(text: str, s: Sentence, lang: str, cue: dates.TimeCue | None) -> _Told | None:
    """The time (and the sides, when named) a sentence without figures gives an attack it speaks of."""
    if cue is None:
        # "Уточнённая информация по вечерней атаке на Белгород.": no time, but the attack's place.
        if lexicon.found_in(text, lang, "attack_word", s.start, s.end):
            return _Told(s.paragraph, None, actors.explicit_sides(s.text, lang))
        return None
    # "The latest attack came early on Friday."; "Уночі на Полтавщині знову було неспокійно."
    opens = not text[s.start : cue.start].strip()
    attack = lexicon.found_in(text, lang, "attack_word", s.start, s.end)
    if not (opens or attack):
        return None
    return _Told(s.paragraph, cue, actors.explicit_sides(s.text, lang) if attack else (None, None))


def _frame_for(text: str, s: Sentence, lang: str, facts: SentenceFacts, targets: list[PlaceMention],
               base: date | None, current: Frame | None, frameset: FrameSet, dateline: int,
               told: _Told | None = None,
               fallback: tuple[str | None, str | None] = (None, None)) -> Frame | None:
    if current is not None and not facts.weapons and lexicon.found_in(text, lang, "update", s.start, s.end):
        # "число погибших выросло до девяти": a toll revised for the attack in hand, or for the
        # one whose part of day it names ("the death toll from the afternoon strike had risen").
        # "UPD: Кількість постраждалих у Пересипському районі зросла до п'яти" after a reminder of
        # another attack: the update of the attack that counted that place.
        placed = {c.place for c in facts.casualties if c.place}
        owners = [f for f in frameset.frames if any(c.place in placed for sf in f.facts for c in sf.casualties)]
        if len(owners) == 1 and owners[0] is not current:
            return owners[0]
        parts = dates.dayparts(text, s.start, s.end)
        named = [f for f in frameset.frames if f.key.daypart in parts and f.key.date == current.key.date]
        # "Кількість поранених унаслідок нічної атаки ... зросла до 8" after a strike of the
        # evening before: the one night the document told of.
        if not named:
            named = [f for f in frameset.frames if f.key.daypart in parts and f.key.target == current.key.target]
            named = named if len({f.key for f in named}) == 1 else []
        return named[-1] if len(parts) == 1 and current.key.daypart not in parts and named else current
    anchor = min((m.start for m in facts.mentions), default=None)
    cue = dates.find_time(text, max(s.start, dateline), s.end, base, anchor) or (told.cue if told else None)
    if cue is not None and cue.bare and told is not None and told.cue is not None and told.cue.date is not None \
            and told.cue.dated:
        # "The heaviest blow came on Thursday. Overnight, Russia fired ...": Thursday's night.
        cue = dataclasses.replace(cue, date=told.cue.date)
    earlier = (dates.days_before(text, s.start, s.end, current.key.date)
               if current is not None and current.key.date is not None else None)
    if earlier is not None:
        cue = earlier  # "Tuesday's attack came three days after Saturday's drone strike": Saturday
    elif cue is None and current is not None and current.key.date is not None:
        cue = dates.next_night(text, s.start, s.end, current.key.date)
    if cue is not None and not cue.dated and current is not None and current.key.daypart == cue.daypart:
        # "late on Monday ... The missile was fired at about 11 p.m.": the hour of the attack in hand
        cue = dataclasses.replace(cue, date=current.key.date)
    elif cue is not None and cue.bare:
        # "Yesterday evening, ... struck Kryvyi Rih ... «Late in the evening, the aggressor
        # attacked the city»": a part of day alone is that of the one evening already told.
        told_part = {f.key.date for f in frameset.frames if f.key.daypart == cue.daypart and f.facts}
        if len(told_part) == 1 and cue.date not in told_part:
            cue = dataclasses.replace(cue, date=told_part.pop())
    # "Уточнённая информация по вечерней атаке на Белгород. ... Всего ранены 5 человек": the
    # places of the attack told before the figures name its target.
    told_places = list(told.places) if told is not None and not targets else []
    sides = actors.resolve(_first_statement(text[s.start : s.end]), lang,
                           [p.country for p in targets + told_places if p.country])
    if told is not None and not sides.explicit and any(told.sides):
        sides = actors.named(*told.sides)
    if (s.heading is not None and current is not None and (cue is None or cue.date == current.key.date)
            and not (sides.explicit and sides.target not in (None, current.key.target))):
        return current  # a list item belongs to the attack its heading reports
    if (current is not None and cue is None and not sides.explicit
            and (sides.target is None or sides.target == current.key.target or sides.weak)):
        return current
    # After background ("It was the fifth mass strike ...") the sides are still those of the
    # attack told before: "The last attack on this scale, on 28 December, involved 93 missiles".
    prev = current or (frameset.frames[-1] if frameset.frames and cue is not None and cue.dated else None)
    attacker = sides.attacker or (prev.key.attacker if prev else None)
    target = sides.target or (prev.key.target if prev else None)
    if attacker is None and target is None:
        attacker, target = fallback
    if cue is not None:
        when, part = cue.date, cue.daypart
    elif current is not None:
        when, part = current.key.date, current.key.daypart
    else:
        when, part = base, None
    if current is not None and cue is None and (attacker, target) == (current.key.attacker, current.key.target):
        return current
    return frameset.get(FrameKey(attacker, target, when, part))


# "..., killing at least four people in the capital ..., while Moscow said it had repelled a
# Ukrainian drone attack": the second statement is the other side's, of another attack.
_WHILE = re.compile(r",\s+(?:while|whereas)\s+(?=\S+\s+(?:said|says|reported|claimed))", re.IGNORECASE)


def _first_statement(sentence: str) -> str:
    m = _WHILE.search(sentence)
    return sentence[: m.start()] if m else sentence


def _default_sides(lang: str) -> tuple[str | None, str | None]:
    # Reports in Ukrainian are Ukrainian sources about attacks on Ukraine.
    return ("RU", "UA") if lang == "uk" else (None, None)
