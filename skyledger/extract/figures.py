"""Read the figures of one sentence (see facts.py for what a figure is)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict, cast

from skyledger.extract import actors, dates, lexicon
from skyledger.extract.facts import (
    CASUALTY_ROLES,
    ROLE_FIELD,
    WEAPON_ROLES,
    CasualtyFact,
    SentenceFacts,
    WeaponFact,
)
from skyledger.extract.numbers import NumberMention
from skyledger.extract.places import CITY_ANAPHORA, PlaceMention
from skyledger.extract.sentences import Sentence, clauses
from skyledger.extract.tokens import grammatical_number, likely_singular
from skyledger.extract.weapons import KIND_OF_ATTACK, WeaponMention

# Words between a count and what it counts: "38 of the Shahed-type drones", "Thirty-one more were".
# "45 were Iranian-designed Shaheds": where a weapon was made says nothing of its count.
_MADE_IN = r"(?:[^\W\d]+-(?:designed|made|built|produced)\s+)?"
_BRIDGE = re.compile(
    r"^\s*[«\"“]?\s*(?:(?:of|з|із|из)\s+(?:the\s+|them\s+|those\s+|these\s+|its\s+)?(?:downed\s+|intercepted\s+)?)?"
    r"(?:(?:more|other|others|further|additional|ще|інших|других|еще)\s+)?"
    # "18 з 22 ворожих «шахедів»": whose they were, and quotes around the name
    r"(?:(?:enemy|hostile|ворож\w*|вражеск\w*)\s+[«\"“]?\s*)?"
    # "2 протикорабельними керованими ракетами": what the weapons are for
    r"(?:(?:anti-ship|протикорабельн\w*|противокорабельн\w*)\s+)?"
    r"(?:(?:were|are|was|is)\s+)?"
    # "4 прилета ракет С-300", "four hits by S-300 missiles": each hit is a weapon that hit.
    r"(?:(?:(?:hits?|impacts?)\s+(?:by|of|from)|влучан\w*|прильот\w*|прилет\w*|попадани\w*)\s+)?" + _MADE_IN + "$",
    re.IGNORECASE,
)
_PEOPLE_BRIDGE = re.compile(r"^\s*(?:[\w'-]+\s+){0,2}$")
_FEW_OR_NONE = re.compile(r"\b(?:no|any|other|several|many|some|жодн\w*|кілька|несколько)\s+$", re.IGNORECASE)
# A casualty word that introduces who the victims were: "The dead:", "Загиблі –", "those killed were".
_VICTIM_LIST = re.compile(r"\s*(?:[–—:-]|(?:were|are|include[sd]?|були|были)\b)", re.IGNORECASE)
# "Сбить ракету не удалось", "збити ракету не вдалося": the verb's failure comes after its object.
_FAILED_AFTER = re.compile(r"\s+(?:[\w«»\"-]+\s+){0,3}не\s+(?:удалось|удалося|вдалося|вдалось|смогли|змогли)\b",
                           re.IGNORECASE)
_ATTACK_NOUN = re.compile(r"\s+(?:удар(?:и|у|ом|ів|ами|ах|і|а|ов)?|атак(?:а|и|у|ою|ой|ам|ами|ах|е)?|обстріл\w*|обстрел\w*)\b",
                          re.IGNORECASE)  # the noun of "ракетний удар", not the verb of "ракети ударили"
_KIND_OF_ATTACK = re.compile(r"\s*(?:strikes?|attacks?|raids?)\b", re.IGNORECASE)
_ARTICLE = re.compile(r"(?:^|\s)(?:a|an|one|the|another)\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE)


@dataclass
class Head:
    """The last thing a text named that a bare count can count."""

    kind: str                       # "weapon" or "casualty"
    mention: WeaponMention | None = None
    field: str | None = None


@dataclass
class Context:
    """What carries over from one sentence to the next within a document."""

    text: str
    lang: str
    numbers: list[NumberMention]
    places: list[PlaceMention]
    head: Head | None = None
    last_city: PlaceMention | None = None
    paragraph_place: tuple[int, PlaceMention] | None = None
    paragraph_places: tuple[int, list[PlaceMention]] = (-1, [])  # every place the paragraph named so far
    after_initial: bool = False  # a sentence gave a first count ("Спершу було відомо ...")
    label: tuple[int, PlaceMention] | None = None     # the place a paragraph opens with as its label
    update: bool = False      # an update was announced: what follows revises what came before
    revising: bool = False    # this paragraph says a count rose ("has risen to", "зросла до")
    last_paragraph: int = -1
    heading_roles: dict[int, str] = field(default_factory=dict)
    used_cues: set[int] = field(default_factory=set)  # casualty words a count already used
    counted: set[str] = field(default_factory=set)    # casualty fields a number has counted
    referent: WeaponMention | None = None   # the last weapon named before the sentence
    last_weapon: WeaponMention | None = None  # the last weapon named, whatever came after it
    speakers: frozenset[int] = frozenset()  # starts of places named in an official's title


def _in(items: list, start: int, end: int) -> list:  # type: ignore[type-arg]
    return [x for x in items if x.start >= start and x.end <= end]


def _cues(ctx: Context, s: Sentence, kinds: tuple[str, ...]) -> list[lexicon.Cue]:
    out: list[lexicon.Cue] = []
    for k in kinds:
        out += lexicon.find(ctx.text, ctx.lang, k, s.start, s.end)
    return sorted(out, key=lambda c: c.start)


def _nearest(cues: list[lexicon.Cue], start: int, end: int, bounds: tuple[int, int]) -> lexicon.Cue | None:
    """The cue nearest to [start, end) inside the clause bounds; on a tie the one after."""
    best, best_d = None, 10**9
    for c in cues:
        if c.start < bounds[0] or c.end > bounds[1]:
            continue
        d = start - c.end if c.end <= start else c.start - end if c.start >= end else 0
        if d < best_d or (d == best_d and c.start >= end):
            best, best_d = c, d
    return best


def _clause_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return spans[0] if spans else (pos, pos)


def _negated(ctx: Context, s: Sentence, cue: lexicon.Cue) -> bool:
    after = ctx.text[cue.end : cue.end + 20]
    pat = lexicon.patterns(ctx.lang)["negation"]
    # Searched in place, not in a slice: a slice starting inside "авіаційні" would make "ні" a word.
    # Not before the sentence: "... that it did not count. Air defenses destroyed 29".
    return bool(pat.search(ctx.text, max(s.start, cue.start - 25), cue.start)
                or re.match(r"^\s*(?:не|not)\b", after, re.IGNORECASE)
                or _FAILED_AFTER.match(ctx.text, cue.end))


def read_sentence(ctx: Context, s: Sentence, places: list[PlaceMention], mentions: list[WeaponMention]) -> SentenceFacts:
    """Figures of one sentence, in reading order."""
    out = SentenceFacts(s.index, s.start, s.end, mentions=mentions, places=places)
    ctx.used_cues = set()
    if ctx.head is not None and ctx.head.kind == "weapon":
        ctx.referent = ctx.head.mention  # what "It" at the start of this sentence would mean
    # A revision ("число погибших выросло до девяти. Ранены 41 человек") runs to the paragraph's end.
    rises = lexicon.found_in(ctx.text, ctx.lang, "update", s.start, s.end)
    ctx.revising = rises or (ctx.revising and s.paragraph == ctx.last_paragraph)
    ctx.last_paragraph = s.paragraph
    # "Спершу було відомо про двох загиблих": a first count, which the counts after it revise
    # (the sentence itself may give the new count too: "11 (ранее сообщалось о девяти)").
    ctx.update = ctx.update or rises or ctx.after_initial
    initial = lexicon.found_in(ctx.text, ctx.lang, "initial", s.start, s.end)
    ctx.after_initial = ctx.after_initial or initial
    weapon_cues = _cues(ctx, s, WEAPON_ROLES)
    casualty_cues = _cues(ctx, s, CASUALTY_ROLES)
    spans = clauses(s)
    numbers = [n for n in _in(ctx.numbers, s.start, s.end) if n.kind == "count" or n.quantifier]
    used_mentions: set[int] = set()
    events = sorted(
        [(n.start, "n", n) for n in numbers] + [(m.start, "m", m) for m in mentions]
        + [(c.start, "c", c) for c in casualty_cues],
        key=lambda x: x[0],
    )
    for _, _, item in events:
        if isinstance(item, WeaponMention):
            if not _describes_head(ctx, item):
                ctx.head = Head("weapon", mention=item)
                ctx.last_weapon = item
        elif isinstance(item, lexicon.Cue):
            ctx.head = Head("casualty", field=item.kind)
        else:
            _read_number(ctx, s, out, item, mentions, weapon_cues, casualty_cues, spans, used_mentions)
    _read_uncounted(ctx, s, out, mentions, weapon_cues, spans, used_mentions)
    _read_people(ctx, s, out, casualty_cues, spans)
    _read_zero(ctx, s, out)
    if initial and not rises:
        for c in out.casualties:
            c.first = True
    if _REGIONAL_SPEAKER.search(s.text):
        for c in out.casualties:
            c.regional = True
    out.attack = bool(mentions or casualty_cues or out.casualties)
    coded = _not_speakers(ctx, [p for p in ctx.places if s.start <= p.start < s.end and p.code])
    if coded:
        ctx.paragraph_place = (s.paragraph, coded[-1])
        if ctx.paragraph_places[0] != s.paragraph:
            ctx.paragraph_places = (s.paragraph, [])
        ctx.paragraph_places[1].extend(coded)
    label_end = _LABEL_END.match(ctx.text, coded[0].end) if coded else None
    if (coded and label_end is not None and _LABEL.fullmatch(ctx.text, s.start, coded[0].start)
            and (label_end.group().strip() == ":" or label_end.end() >= s.end)):
        ctx.label = (s.paragraph, coded[0])  # "Тамбовская область.", "KYIV REGION:" heads its paragraph
    return out


def _describes_head(ctx: Context, m: WeaponMention) -> bool:
    """"The drones, a mix of Shahed attack drones and cheaper Gerbera decoys, ...": classes that
    describe the group named before them; a bare count after them counts the group."""
    head = ctx.head.mention if ctx.head is not None and ctx.head.kind == "weapon" else None
    if head is None or head.cls != head.family or m.family != head.family or m.start < head.end:
        return False
    return bool(_MIX.search(ctx.text, head.end, m.end)) and m.start - head.end < 80


def _role(ctx: Context, s: Sentence, cues: list[lexicon.Cue], start: int, end: int,
          spans: list[tuple[int, int]]) -> tuple[str | None, lexicon.Cue | None]:
    """The weapon role of a count: the nearest cue in its clause, else in its sentence,
    else the verb of the list heading it stands under."""
    # "Both Kh-22 missiles, launched by Tu-22M3 bombers ..., hit Kremenchuk": a participle set
    # off by commas describes the weapons; the count's verb is the one outside it.
    clause = _clause_of(spans, start)
    noun = next((c for c in reversed(cues) if clause[0] <= c.start and c.end <= start
                 and _NOUN_OF.match(ctx.text, c.end)), None)
    if noun is not None:
        return noun.kind, noun  # "Hits by ballistic missiles and 4 attack UAVs were recorded"
    passive = next((c for c in cues if c.start >= end and _PASSIVE.fullmatch(ctx.text, end, c.start)), None)
    if passive is not None:
        return passive.kind, passive  # "... and 24 had been lost from radar": its own verb
    asides = [m.span() for m in _PARTICIPLE_ASIDE.finditer(ctx.text, s.start, s.end)]
    outside = [c for c in cues if not any(a <= c.start < b and not a <= start < b for a, b in asides)]
    cue = (_nearest(outside, start, end, _clause_of(spans, start)) or _nearest(outside, start, end, (s.start, s.end))
           or _nearest(cues, start, end, (s.start, s.end)))
    if cue is not None:
        return cue.kind, cue
    if s.heading is not None and s.heading in ctx.heading_roles:
        return ctx.heading_roles[s.heading], None
    lead = lexicon.find(ctx.text, ctx.lang, "in_total", s.start, min(s.end, s.start + 12))
    if lead and not ctx.text[s.start : lead[0].start].strip(" –—-:"):
        return "launch", None  # "Всього 31 ударний БпЛА та 2 ... ракети Х-59.": the sum of what came
    return None, None


def _part_place(ctx: Context, places: list[PlaceMention], start: int, clause: tuple[int, int]) -> bool:
    """A count qualified by one place ("14 over the Bryansk region") counts a part."""
    nxt = [n.start for n in ctx.numbers if start < n.start < clause[1] and n.kind == "count"]
    stop = min([clause[1]] + nxt)
    after = [p for p in places if start <= p.start < stop]
    if not after or after[0].start - start > 60:
        # "two drones were downed over the Bashtanka district": a district the gazetteer
        # cannot place is still one place
        return bool(_OVER_DISTRICT.match(ctx.text, start, min(stop, start + 60)))
    # A list of places ("over the Kursk, Bryansk and Belgorod regions") is where the
    # whole count fell, not a part.
    for a, b in itertools.pairwise(after):
        if re.fullmatch(r"[\s,]*(?:and|та|і|й|и|,)?[\s,]*", ctx.text[a.end : b.start], re.IGNORECASE):
            return False
    gap = ctx.text[start : after[0].start]
    if ":" in gap:
        return False  # "збито 38 ударних БпЛА: на Київщині – 12, ...": the whole, before its parts
    return bool(re.search(r"\b(?:over|in|above|near|над|в|у|на|під)\b", gap, re.IGNORECASE))


# A count of people and one more person named after it.
_AND_ONE_MORE = re.compile(
    r"\s+(?i:women|men|children|жінок|жінки|чоловіків|чоловіки|дітей|женщин|женщины|мужчин|мужчины|детей)"
    r"(?:,\s+aged\s+[\d\s,and]+,)?\s+(?i:and|і|й|та|и)\s+(?i:a\s+|an\s+|one\s+)?"
    r"(?:(?!(?i:two|three|four|five|дв|тр|чотир|четыр|п'ят|пят))[\w-]+\s+){0,2}?"
    r"(?i:child|boy|girl|man|woman|teenager|baby|дитин\w*|хлопчик\w*|дівчин\w*|дівчинк\w*|чоловік\w*|жінк\w*"
    r"|ребенк\w*|ребёнк\w*|мальчик\w*|девочк\w*|девушк\w*|мужчин\w*|женщин\w*)\b")
_MOST_OF = re.compile(r"(?:больше|більше|найбільше|меньше|менше)\s+$", re.IGNORECASE)  # "Больше всего — 31"
_REJECTED = re.compile(r"[,(]\s*(?:not|а\s+не)\s+$", re.IGNORECASE)
_OVER_DISTRICT = re.compile(r"[^.;:]*?\b(?i:over|above|near|над|під)\s+(?:the\s+)?[A-ZА-ЯІЇЄҐ][\w'’-]+\s+"
                            r"(?i:district|raion|район\w*|округ\w*)")
_OVER_BEFORE = re.compile(r"(?<!\w)(?:over|above|над)\s+(?:the\s+)?$", re.IGNORECASE)


def _part_place_before(ctx: Context, places: list[PlaceMention], start: int, clause: tuple[int, int]) -> bool:
    """"над Днепропетровщиной силы ПВО сбили 16 беспилотников": one place the count fell over,
    named before it. A list of places ("над Київщиною та Житомирщиною") is the whole's."""
    inside = [p for p in places if clause[0] <= p.start < clause[1]]
    return len(inside) == 1 and inside[0].end <= start and bool(_OVER_BEFORE.search(ctx.text, clause[0], inside[0].start))


def _weapon_fact(ctx: Context, s: Sentence, out: SentenceFacts, m: WeaponMention, role: str | None,
                 cue: lexicon.Cue | None, value: int | None, **kw: object) -> None:
    if role is None:
        role = "launch"
    negated = cue is not None and role == "destroy" and _negated(ctx, s, cue)
    quant = cast("str | None", kw.pop("quantifier", None))
    if negated and value is not None and quant not in ("neither", "none"):
        role = "hit"  # "the five drones that were not shot down": launched, not destroyed
    elif negated:
        # "Neither was shot down", "збити не вдалося": none of them destroyed.
        role, value, quant = "destroy", 0, quant if quant in ("neither", "none") else "none"
    out.weapons.append(
        WeaponFact(ROLE_FIELD[role], value, m.cls, m.family, m.components, s.start, s.end, s.index,
                   update=ctx.update, quantifier=quant,
                   total=lexicon.found_in(ctx.text, ctx.lang, "total", s.start, s.end), **kw)  # type: ignore[arg-type]
    )


def _read_number(ctx: Context, s: Sentence, out: SentenceFacts, n: NumberMention,
                 mentions: list[WeaponMention], weapon_cues: list[lexicon.Cue],
                 casualty_cues: list[lexicon.Cue], spans: list[tuple[int, int]], used: set[int]) -> None:
    text = ctx.text
    if _REJECTED.search(text, max(s.start, n.start - 8), n.start):
        return  # "29 Shahed drones, not 27 as first reported": the count put right
    clause = _clause_of(spans, n.start)
    nxt = next((m for m in mentions if m.start >= n.end and _BRIDGE.match(text[n.end : m.start])), None)
    whole = _whole_after(ctx, n)
    if nxt is None and whole is not None:
        # "shot down 18 of 20 Shahed drones", "one of the three Kinzhals": the part counts
        # what the whole counts.
        nxt = next((m for m in mentions if m.start >= whole.end and _BRIDGE.match(text[whole.end : m.start])), None)
        if nxt is None and not _bare_count(ctx, whole, s):
            return  # "bringing down two of its four stairwells": a whole of something else
    of_count = _OF_BEFORE.search(text, max(s.start, n.start - 14), n.start)
    if of_count and any(c.end <= of_count.start() and not text[c.end : of_count.start()].strip() for c in weapon_cues):
        of_count = None  # "the downing of 76 air targets": what was downed, not a whole
    if of_count and nxt is not None:
        # "9 із 11 шахедів", "one of the three Kinzhals", "из трех «Искандеров»": the count
        # after "of" is how many came.
        ctx.head = Head("weapon", mention=nxt)
        used.add(id(nxt))
        _weapon_fact(ctx, s, out, nxt, "launch", None, n.value)
        return
    if of_count:
        before = next((m for m in reversed(mentions) if m.end <= of_count.start()
                       and not text[m.end : of_count.start()].strip()), None)
        if before is not None:
            # "знищено 14 ударних БпЛА Shahed-136 з 17 запущених": how many came.
            _weapon_fact(ctx, s, out, before, "launch", None, n.value)
        return  # "two of the eight injured": the eight was counted where it was said
    if n.quantifier == "all" and nxt is None and re.match(r"^\s*(?:of\s+them|з\s+них|из\s+них)?\s*(?:were|was|are|було|були|)\s*", text[n.end : n.end + 20]):
        role, _ = _role(ctx, s, weapon_cues, n.start, n.end, spans)
        if role == "destroy" and not mentions_after(mentions, n.end, clause):
            out.all_destroyed = True
            return
    if nxt is not None:
        used.add(id(nxt))
        same = next((m for m in mentions if m.start > nxt.end and _SAME_AS.fullmatch(text, nxt.end, m.start)), None)
        downed = _DOWNED_OF.match(text, n.end, nxt.start)
        if same is None and downed:
            same = next((m for m in mentions if m.start > nxt.end and _WERE.fullmatch(text, nxt.end, m.start)), None)
        if same is not None:
            # "The other 49 drones were Gerbera-type decoys": what the counted weapons were;
            # "Eighty of the downed missiles were cruise missiles": what the downed ones were.
            used.add(id(same))
            ctx.head = Head("weapon", mention=same)
            _weapon_fact(ctx, s, out, same, "destroy" if downed else "launch", None, n.value)
            return
        ctx.head = Head("weapon", mention=nxt)
        _count_weapon(ctx, s, out, n, nxt, weapon_cues, spans, clause)
        return
    if (_people_follow(ctx, s, n) or _following_cue(ctx, n, casualty_cues) is not None
            or _toll_to(ctx, n, casualty_cues, clause) or _risen_toll(ctx, s, n, casualty_cues) is not None
            or any(_VERB_THEN_COUNT.fullmatch(ctx.text, c.end, n.start) for c in casualty_cues if c.end <= n.start)):
        # ("had killed three servicemen and wounded six": the count right after its verb; "The
        # number of people injured in the guided bomb strike has risen to 16": the toll, not bombs)
        _count_people(ctx, s, out, n, casualty_cues, spans, clause)
        return
    head = ctx.head
    if head is None or not _bare_count(ctx, n, s):
        return
    if n.quantifier in ("both", "all") and _PLACE_PREP.search(ctx.text, max(s.start, n.start - 6), n.start):
        return  # "causing fires at both" (refineries): the places, not the weapons
    if head.kind == "weapon" and head.mention is not None:
        # A bare count counts the weapons named before only with a verb of their fate
        # ("Nineteen of them were destroyed") or a place ("14 over the Bryansk region").
        # In quoted speech only an interception counts: a spokesman's "Thirty-seven of them
        # were destroyed", not a resident's "we counted the explosions – seven".
        role, _ = _role(ctx, s, weapon_cues, n.start, n.end, spans)
        if (role in ("destroy", "suppress") if s.quoted
                else role is not None or _part_place(ctx, out.places, n.end, clause)):
            _count_weapon(ctx, s, out, n, head.mention, weapon_cues, spans, clause)
    elif head.kind == "casualty":
        role, cue = _role(ctx, s, weapon_cues, n.start, n.end, spans)
        # (its own clause's verb: "and two in the Kyiv region, where a house was destroyed")
        if (role in ("destroy", "suppress") and ctx.last_weapon is not None and not s.quoted
                and (cue is None or clause[0] <= cue.start < clause[1])):
            # "..., killing three people. None of the four was intercepted.": only weapons are
            # shot down, so the count is of the weapons named before the victims.
            _count_weapon(ctx, s, out, n, ctx.last_weapon, weapon_cues, spans, clause)
        else:
            _count_people(ctx, s, out, n, casualty_cues, spans, clause)


# Total markers that only say the casualties came from the attack (not "in total", "bringing the number to").
_ATTACK_TOLL = re.compile(r",\s+(?:killing|injuring|wounding)\b|(?:у|в)наслідок|в\s+результате"
                          r"|(?:attack|strike|strikes|barrage|bombardment|assault|raid)\b", re.IGNORECASE)
_PLACE_FIRST = re.compile(r"\s*(?:in|at|на|у|в|во|над)\s+[A-ZА-ЯІЇЄҐ]", re.IGNORECASE)
# "a regional governor said": one of the regions' officials (not "the regional governor" of
# the one region a sentence names)
_REGIONAL_SPEAKER = re.compile(r"\b(?:a|one)\s+regional\s+(?:governor|head|chief|official)\b", re.IGNORECASE)
_PLACE_NEXT = re.compile(r",?\s*(?:in|at|на|у|в|во)\s+(?:the\s+)?", re.IGNORECASE)
_PRONOUN = re.compile(r"\s*(?:it|вона|она|він|он)\b", re.IGNORECASE)
_CLAUSE_TOLL = re.compile(r",\s+(?:killing|injuring|wounding)\b", re.IGNORECASE)
_NOUN_OF = re.compile(r"\s+(?:by|of)\s", re.IGNORECASE)    # a cue used as a noun: "hits by", "launches of"
_PASSIVE = re.compile(r"(?:\s+of\s+(?:the|them|those)(?:\s+[\w-]+){0,2}|\s+(?:more|others|other|further))?\s+(?:were|was|had\s+been|have\s+been|has\s+been|"
                      r"are|is)(?:\s+(?:also|then|later))?\s+", re.IGNORECASE)
_PARTICIPLE_ASIDE = re.compile(
    r",\s+(?:(?:launched|fired|carried|sent|dropped|made|built)\s+(?:by|from|with|in)\b"
    r"|(?:випущен|запущен|выпущенн|запущенн)\w*\s+(?:з|із|зі|с|из|по)\b)[^,;]*,"
    # "two Zircon missiles fired from occupied Crimea were shot down": no commas, a verb after
    r"|(?<=[^\W\d])\s+(?:launched|fired|sent|dropped)\s+(?:by|from)\b[^,;]{1,60}?(?=\s+(?:were|was)\s)",
    re.IGNORECASE)
_LABEL = re.compile(r"[\s*•▪▫🔹🔸📍–—-]*")
_LABEL_END = re.compile(r"\s*[:.]")
_MIX = re.compile(r"\b(?:a\s+mix(?:ture)?\s+of|a\s+combination\s+of|made\s+up\s+of|суміш\w*|сочетани\w*|смес\w*)",
                  re.IGNORECASE)
# Between members of a list of places: "Kirovohrad, Cherkasy, and Vinnytsia".
LIST_GAP = re.compile(r"\s*,?\s*(?:(?:and|та|і|й|и|,)\s+)?", re.IGNORECASE)
_SAME_AS = re.compile(r"\s+(?:were|are)\s+(?:all\s+)?[^\W\d]+-type\s+", re.IGNORECASE)
_VERB_THEN_COUNT = re.compile(r"\s+(?:at\s+least\s+|another\s+)?", re.IGNORECASE)
_WERE = re.compile(r"\s+(?:were|are)\s+(?:all\s+)?", re.IGNORECASE)
_DOWNED_OF = re.compile(r"\s*of\s+the\s+(?:downed|intercepted)\s+", re.IGNORECASE)
_COMPOSITION = re.compile(r"\s+(?:were|was|are|is|були|було|были|было)\s+" + _MADE_IN + "$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s*(?:of|з|із|из)\s+(?:the\s+|its\s+|their\s+)?", re.IGNORECASE)
_OF_BEFORE = re.compile(r"(?:^|(?<=[\s,;:(]))(?:of\s+the|of|з|із|из)\s*$", re.IGNORECASE)


def _whole_after(ctx: Context, n: NumberMention) -> NumberMention | None:
    """The count right after "of (the)" / "з" / "из" that follows a count ("28 of 31")."""
    m = _OF_AFTER.match(ctx.text, n.end)
    if m is None:
        return None
    return next((x for x in ctx.numbers if x.start == m.end() and x.kind == "count"), None)


_OF_THEM = re.compile(r"\b(?:of\s+them|з\s+них|із\s+них|из\s+них)$", re.IGNORECASE)
_COORDINATED = re.compile(r"\s*(?:and|or|to|і|й|та|або|до|и|или)\s+\d+(?=\s+[^\W\d])", re.IGNORECASE)


def _bare_count(ctx: Context, n: NumberMention, s: Sentence) -> bool:
    """A count standing alone ("Another eleven were lost", "14 over the Bryansk region") —
    not one followed by a noun of its own ("над пятью регионами", "два частных дома")."""
    if _OF_THEM.search(n.text):
        return True  # "Жодну з них перехопити не вдалося": "of them" is what it counts
    # "між 5 і 7 поверхами", "floors 5 and 7": the noun after the second number is both's.
    after = _COORDINATED.match(ctx.text, n.end, s.end)
    words = re.match(r"\s*([^\W\d][\w'-]*)(?:\s+([^\W\d][\w'-]*))?",
                     ctx.text[after.end() if after else n.end : s.end])
    if words is None:
        return True
    pats = lexicon.patterns(ctx.lang)
    pat, skip = pats.get("bare_count_next"), pats.get("bare_count_skip")
    if skip is not None and skip.fullmatch(words.group(1)) and words.group(2):
        # "two more bodies" has a noun of its own; "two more were destroyed" has none.
        return bool(pat and pat.fullmatch(words.group(2)))
    return bool(pat and pat.fullmatch(words.group(1)))


def mentions_after(mentions: list[WeaponMention], pos: int, clause: tuple[int, int]) -> list[WeaponMention]:
    return [m for m in mentions if pos <= m.start < clause[1]]


def _count_weapon(ctx: Context, s: Sentence, out: SentenceFacts, n: NumberMention, m: WeaponMention,
                  cues: list[lexicon.Cue], spans: list[tuple[int, int]], clause: tuple[int, int]) -> None:
    role, cue = _role(ctx, s, cues, n.start, n.end, spans)
    if role is None and _COMPOSITION.match(ctx.text, n.end, m.start):
        role = "launch"  # "Of the 142 drones, 82 were Shahed-type attack drones": what was sent
    if role is None:
        return  # a count with no verb of launch, interception or impact is no figure
    value = n.value
    if n.quantifier == "both":
        value = 2
    elif n.quantifier in ("neither", "none"):
        value = 0 if role == "destroy" else None
    # ("Загалом за ніч над Київщиною знищено 29": a whole, wherever it fell)
    in_total = [c for c in lexicon.find(ctx.text, ctx.lang, "in_total", clause[0], n.start)
                if not _MOST_OF.search(ctx.text, max(0, c.start - 12), c.start)]
    part = not in_total and (
        _part_place(ctx, out.places, n.end, clause) or _part_place_before(ctx, out.places, n.start, clause))
    # "как минимум 4 прилета": at least four hit; whether others were shot down is not said.
    quantifier = "at_least" if role == "hit" and n.lower_bound else n.quantifier
    _weapon_fact(ctx, s, out, m, role, cue, value, part=part, quantifier=quantifier,
                 approx_text=n.text if n.approx else None)


def _people_follow(ctx: Context, s: Sentence, n: NumberMention) -> bool:
    if ctx.lang != "en" and lexicon.found_in(ctx.text, ctx.lang, "collective_numeral", n.start, n.end):
        return True  # "поранено шестеро харків'ян": "шестеро" counts people whatever noun follows
    people = lexicon.find(ctx.text, ctx.lang, "people", n.end, min(s.end, n.end + 40))
    return bool(people) and bool(_PEOPLE_BRIDGE.match(ctx.text[n.end : people[0].start]))



def _following_cue(ctx: Context, n: NumberMention, cues: list[lexicon.Cue]) -> lexicon.Cue | None:
    """The casualty word right after a count: "18 injured", "two were hurt", "of the injured"."""
    for c in cues:
        if c.start >= n.end and re.match(
            r"^\s*(?:[–—-]\s*)?(?:(?:of\s+the|з|із|из)\s+)?(?:(?:other|more|people|others|persons?|women|men|children"
            r"|civilians|residents)\s+){0,2}(?:and\s+(?:a\s+|an\s+)?[\w-]+\s+)?"
            r"(?:(?:were|was|are|have\s+been|had\s+been)\s+)?(?:also\s+)?$",
            ctx.text[n.end : c.start], re.IGNORECASE,
        ):
            return c
    return None


_TOLL_TO = re.compile(r"(?:\s+(?:from|of|in)\s+[^,;.\d]{1,60}?)?"
                      r"(?:\s+(?:has|had|have)?\s*(?:risen|rose|climbed|grown|grew|increased|jumped))?\s+(?:to|at)\s+$",
                      re.IGNORECASE)


def _toll_to(ctx: Context, n: NumberMention, cues: list[lexicon.Cue], clause: tuple[int, int]) -> bool:
    """"bringing the death toll from Sunday's missile strike to seven": the count a toll is
    brought to, whatever the toll's attack is named by in between."""
    toll = next((c for c in reversed(cues) if clause[0] <= c.start and c.end <= n.start), None)
    return (toll is not None and ctx.text[toll.start : toll.end].lower().endswith("toll")
            and bool(_TOLL_TO.fullmatch(ctx.text, toll.end, n.start)))


def _risen_toll(ctx: Context, s: Sentence, n: NumberMention, cues: list[lexicon.Cue]) -> lexicon.Cue | None:
    """"The death toll ... has risen to three, with 11 injured": a count right after a verb
    of rising counts the casualty word the sentence rose from, not the nearest one."""
    rises = lexicon.find(ctx.text, ctx.lang, "update", s.start, n.start)
    if not rises or ctx.text[rises[-1].end : n.start].strip():
        return None
    before = [c for c in cues if c.end <= rises[-1].start]
    return before[-1] if before else None


def _not_speakers(ctx: Context, places: list[PlaceMention]) -> list[PlaceMention]:
    """"..., the head of the Odesa Oblast Military Administration said": the official's
    region places a casualty only when no other place is named."""
    return [p for p in places if p.start not in ctx.speakers] or places


def _casualty_place(ctx: Context, clause: tuple[int, int], pos: int) -> PlaceMention | None:
    """The place a casualty figure at `pos` is counted for: the nearest in the clause, after it first."""
    inside = _not_speakers(ctx, [p for p in ctx.places if clause[0] <= p.start < clause[1] and p.code])
    if not inside:
        return None
    return min(inside, key=lambda p: (p.start < pos, abs(p.start - pos)))


def _earlier_in_sentence(ctx: Context, s: Sentence, pos: int) -> PlaceMention | None:
    """"В Основ'янському районі авіабомба влучила ... – загинув чоловік, ще 6 ... поранені":
    the place the sentence named before its clause of casualties."""
    before = _not_speakers(ctx, [p for p in ctx.places if s.start <= p.start < pos and p.code])
    return before[-1] if before else None


def _listed_with(ctx: Context, place: PlaceMention) -> list[PlaceMention]:
    """"Kirovohrad, Cherkasy, and Vinnytsia oblasts said no one had been ... injured": every
    place of the list the place stands in."""
    ordered = sorted((p for p in ctx.places if p.code), key=lambda p: p.start)
    if place not in ordered:
        return [place]
    i = j = ordered.index(place)
    while i > 0 and LIST_GAP.fullmatch(ctx.text, ordered[i - 1].end, ordered[i].start):
        i -= 1
    while j + 1 < len(ordered) and LIST_GAP.fullmatch(ctx.text, ordered[j].end, ordered[j + 1].start):
        j += 1
    return ordered[i : j + 1]


def _several_regions(ctx: Context, place: PlaceMention) -> bool:
    """Whether a place stands in a list ("the Voronezh and Lipetsk regions") of places in
    more than one region; two districts of one city ("в Голосеевском и Печерском районах")
    are still one place's."""
    listed = _listed_with(ctx, place)
    joined = all(ctx.text[a.end : b.start].strip() for a, b in itertools.pairwise(listed))
    return len(listed) > 1 and joined and len({p.code for p in listed}) > 1


def _speakers_region(ctx: Context, s: Sentence) -> PlaceMention | None:
    """"Врио губернатора Ростовской области сообщил, что атака была отражена ... Пострадавших
    нет.": the region of the official who speaks just before, in the same paragraph."""
    said = [p for p in ctx.places if p.start in ctx.speakers and p.code and p.kind == "oblast"
            and s.start - 400 < p.start < s.start and "\n" not in ctx.text[p.end : s.start]]
    return said[-1] if said else None


def _paragraph_place(ctx: Context, s: Sentence) -> PlaceMention | None:
    """The place a paragraph spoke of before this sentence ("В Одесі ... Поранено трьох людей")."""
    if ctx.paragraph_place is None or ctx.paragraph_place[0] != s.paragraph:
        return None
    return ctx.paragraph_place[1]


_DIED_OF = re.compile(r"\b(?:died|succumbed)\s+(?:of|from|to)\s+(?:his|her|their)\s+$", re.IGNORECASE)
_PLACE_PREP = re.compile(r"\b(?:at|in|on|into|у|в|на)\s+$", re.IGNORECASE)
_BY_THE_WAY = re.compile(r"\b(?:after|when|as|після|коли|после|когда)\b", re.IGNORECASE)


def _children_counted(ctx: Context, n: NumberMention, cue: lexicon.Cue) -> bool:
    """Whether a count is of children ("three injured children", "Трьох поранених дітей")."""
    end = max(n.end, cue.end) if cue.start - n.end < 20 else n.end
    kids = lexicon.find(ctx.text, ctx.lang, "children", end, end + 20)
    return bool(kids) and bool(_PEOPLE_BRIDGE.match(ctx.text[end : kids[0].start]))


def _count_people(ctx: Context, s: Sentence, out: SentenceFacts, n: NumberMention,
                  cues: list[lexicon.Cue], spans: list[tuple[int, int]], clause: tuple[int, int]) -> None:
    text = ctx.text
    following = _following_cue(ctx, n, cues)
    risen_cue = None if following else _risen_toll(ctx, s, n, cues)
    risen = risen_cue is not None
    cue = (following or risen_cue or _nearest(cues, n.start, n.end, clause)
           or _nearest(cues, n.start, n.end, (s.start, s.end)))
    if cue is None:
        return
    ctx.used_cues.add(cue.start)
    hosp = _nearest(lexicon.find(text, ctx.lang, "hospital", s.start, s.end), n.start, n.end, clause)
    middle = (n.start + n.end) / 2
    # ("The death toll ... has risen to three after a woman died in hospital": a toll, however
    # near the hospital the count stands.)
    if hosp is not None and (not risen and abs((hosp.start + hosp.end) / 2 - middle) < abs((cue.start + cue.end) / 2 - middle)
                             or (hosp.start >= n.end and _PEOPLE_BRIDGE.match(text[n.end : hosp.start]))):
        # "Дев'ятеро людей госпіталізовані", "допомогу всім постраждалим, 6 людей госпіталізовано":
        # taken to hospital is not the injured count
        return
    lo = min(cue.start, n.start)
    subset = lexicon.find(text, ctx.lang, "subset", clause[0], n.start)
    if subset and (subset[-1].start > lo or n.start - subset[-1].end < 25):
        return
    after = lexicon.find(text, ctx.lang, "subset", n.end, clause[1])
    if any(x.start <= cue.start < x.end or not text[n.end : x.start].strip() for x in after):
        # "Two children were among the injured", "three of them children": a part whose whole
        # is given elsewhere or not at all
        return
    partitive = re.match(r"^\s*(?:of\s+the|of\s+them|з\s+них|из\s+них|з|із|из)\b", text[n.end : n.end + 12], re.IGNORECASE)
    own_place = _casualty_place(ctx, clause, n.start)
    if own_place is not None and _BY_THE_WAY.search(text, n.end, own_place.start) and \
            lexicon.found_in(text, ctx.lang, "update", clause[0], n.start):
        # "the death toll had risen to eight after rescuers recovered a body ... in the Kharkiv
        # region": the place of the latest death, not of the toll
        own_place = None
    if cue.kind in ctx.counted and own_place is None and _children_counted(ctx, n, cue):
        return  # "ще 28 поранено ... Трьох поранених дітей госпіталізовано": children among the injured
    if partitive and (own_place is None or hosp is not None):
        return  # "Fourteen of the injured were taken to hospital"
    # "In total, 23 people were injured": the whole, not the count of the place spoken of before.
    place = own_place or _earlier_in_sentence(ctx, s, n.start) or (
        None if lexicon.found_in(text, ctx.lang, "in_total", s.start, s.end) else _paragraph_place(ctx, s))
    if place is not None and place.end <= n.start and _several_regions(ctx, place):
        place = None  # "attacked the Voronezh and Lipetsk regions ..., injuring four": over them all
    total = _is_total(ctx, s, out) and not partitive
    # ("одна людина — 43-річний працівник порту": an age says who, not a part)
    parts_follow = r"^\s*(?:[^\W\d]+\s*)?(?:--|—|–|:)\s*(?:\d+(?![\d-])(?!\s*(?:річн|летн|year))|[^\W\d]+\s+(?:in|у|в)\b)"
    if re.match(parts_follow, text[n.end : n.end + 30]):
        place = None  # "injured 17 -- 13 in Kyiv and four in ...": the whole before its parts
    value = 2 if n.quantifier == "both" else n.value
    if value is not None and _AND_ONE_MORE.match(text, n.end):
        value += 1  # "двох жінок і дитину", "two women and a child": three
    ctx.counted.add(cue.kind)
    out.casualties.append(
        CasualtyFact(cue.kind, value, s.start, s.end, s.index, total=total, update=ctx.update,
                     revised=ctx.revising, **_where(place))
    )


class _Where(TypedDict):
    region: str | None
    place: str | None
    level: str | None


def _where(place: PlaceMention | None) -> _Where:
    """The place fields of a casualty figure."""
    if place is None:
        return {"region": None, "place": None, "level": None}
    return {"region": place.code, "place": place.name, "level": place.kind}


def _is_total(ctx: Context, s: Sentence, out: SentenceFacts) -> bool:
    """Casualties stated for the attack as a whole: a total marker, or the attack's own sentence."""
    cues = lexicon.find(ctx.text, ctx.lang, "total", s.start, s.end)
    one_weapon = (all(m.plural is False for m in out.mentions) if out.mentions
                  else ctx.referent is not None and bool(_PRONOUN.match(s.text)))  # "It slammed into ..."
    if cues and all(_ATTACK_TOLL.match(ctx.text, c.start) for c in cues) and (
            (_PLACE_FIRST.match(s.text) and any(s.start <= p.start < s.start + 40 for p in out.places))
            or (any(p.start in ctx.speakers for p in out.places)
                and all(p.start in ctx.speakers or CITY_ANAPHORA.fullmatch(p.text) for p in out.places if p.code))):
        # "На Київщині внаслідок атаки ... загинув чоловік", "Губернатор Брянской области сообщил,
        # что в результате атаки ... пострадала жительница": the toll of one place
        return False
    if cues and all(lexicon.found_in(ctx.text, ctx.lang, "in_total", c.start, c.end)
                    and any(_PLACE_NEXT.fullmatch(ctx.text, c.end, p.start) for p in out.places) for c in cues):
        return False  # "Загалом у столиці поранено 19 людей": the capital's total, one place's
    if cues and one_weapon and all(_CLAUSE_TOLL.match(ctx.text, c.start) for c in cues):
        # "The Kh-59 ... slammed into an industrial site ..., killing a watchman": one weapon's toll.
        return False
    if cues:
        return True
    return any(w.value is not None and not w.weak and w.role == "launched" for w in out.weapons)


def _read_uncounted(ctx: Context, s: Sentence, out: SentenceFacts, mentions: list[WeaponMention],
                    cues: list[lexicon.Cue], spans: list[tuple[int, int]], used: set[int]) -> None:
    """Weapons named without a count: a singular noun counts one; a negated
    interception of a plural noun ("Балістичні ракети збити не вдалося") means none was destroyed."""
    for m in mentions:
        if id(m) in used:
            continue
        clause = _clause_of(spans, m.start)
        role, cue = _role(ctx, s, cues, m.start, m.end, spans)
        before = ctx.text[max(clause[0], m.start - 30) : m.start]
        if lexicon.found_in(ctx.text, ctx.lang, "debris", max(clause[0], m.start - 25), m.start):
            continue  # "debris from a downed drone" counts no weapon
        if _KIND_OF_ATTACK.match(ctx.text, m.end):
            continue  # "a glide bomb strike" names the kind of attack, not a number of bombs
        other = lexicon.find(ctx.text, ctx.lang, "other_time", max(clause[0], m.start - 40), m.start)
        if other and not _OPENING.fullmatch(ctx.text, s.start, other[0].start) \
                and dates.find_time(ctx.text, m.end, s.end, _ANY_DAY) is None:
            continue  # "a day after Russian guided bombs tore through": another attack
            # ("Напередодні ввечері дрон-камікадзе атакував ...": the time of this one; "less
            # than a day after the rebels fired a ballistic missile ... on Friday afternoon":
            # the sentence dates that other attack, and its weapon is that attack's)
        if _other_attacker(ctx, [x for x in mentions if id(x) in used], spans, clause):
            continue  # "..., while Ukraine said Russia had attacked it with drones and ballistic missiles"
        negated = cue is not None and role == "destroy" and _negated(ctx, s, cue)
        if negated:
            _weapon_fact(ctx, s, out, m, "destroy", cue, 0, quantifier="none")
            continue
        joined = [f for f in out.weapons if f.quantifier == "all" and f.end == s.end]
        all_before = re.search(r"\b(?:all|усі|всі|все)\s+(?:of\s+the\s+|the\s+)?$", before, re.IGNORECASE) or (
            joined and re.search(r"\b(?:and|та|і|и)\s+(?:the\s+)?$", before, re.IGNORECASE)
            and out.mentions and any(x.end < m.start for x in out.mentions)
        )
        if all_before and role == "destroy":
            _weapon_fact(ctx, s, out, m, role, cue, None, quantifier="all")
            continue
        if m.plural is False and role is not None and _singular_counts(ctx, m, before):
            _weapon_fact(ctx, s, out, m, role, cue, 1, weak=True)
            hit = next((c for c in cues if c.kind == "hit" and m.end <= c.start < clause[1]), None)
            if role != "hit" and hit is not None:
                _weapon_fact(ctx, s, out, m, "hit", hit, 1, weak=True)  # "a Kh-59 ... struck"
        else:
            # "Ракетний удар по Кривому Рогу": the kind of attack tells no number of missiles.
            _weapon_fact(ctx, s, out, m, role, cue, None, weak=bool(_ATTACK_NOUN.match(ctx.text, m.end)))
        later = [c for c in cues if c.kind == "destroy" and c.start > m.end and c is not cue]
        if later and _negated(ctx, s, later[0]) and not any(
            x.start < later[0].start and x.start > m.end for x in mentions
        ):
            # "The Iskander-M missile was fired ... and was not intercepted"
            _weapon_fact(ctx, s, out, m, "destroy", later[0], 0, quantifier="none")
    _read_pronoun(ctx, s, out, cues)


_OPENING = re.compile(r"[\s\W]*(?:[^\W\d]+\s*,\s*)?")   # "", "Нагадаємо, "
_ANY_DAY = date(2000, 6, 15)  # to ask whether a text names a time at all


def _other_attacker(ctx: Context, counted_mentions: list[WeaponMention], spans: list[tuple[int, int]],
                    clause: tuple[int, int]) -> bool:
    """Whether a clause names an attacker other than the one of the clauses the counts are in."""
    counted = {_clause_of(spans, m.start) for m in counted_mentions}
    if not counted or clause in counted:
        return False
    here = actors.explicit_sides(ctx.text[clause[0] : clause[1]], ctx.lang)[0]
    there = {actors.explicit_sides(ctx.text[a:b], ctx.lang)[0] for a, b in counted}
    return here is not None and None not in there and here not in there


def _singular_counts(ctx: Context, m: WeaponMention, before: str) -> bool:
    """"a Kh-59 guided missile", "The missile was also destroyed", "крилатою ракетою": one weapon.
    ("a drone strike" never gets here: it names a kind of attack, see _KIND_OF_ATTACK.)"""
    if KIND_OF_ATTACK.match(ctx.text, m.end, m.end + 14):
        return False
    if ctx.lang == "en":
        return bool(_ARTICLE.search(" " + before)) or before.strip() == ""
    return True


def _read_pronoun(ctx: Context, s: Sentence, out: SentenceFacts, cues: list[lexicon.Cue]) -> None:
    """"It was not intercepted": the single weapon named before was not destroyed."""
    head = ctx.head
    if head is None or head.kind != "weapon" or head.mention is None or head.mention.plural is not False:
        return
    opening_hit = next((c for c in cues if c.kind == "hit" and not ctx.text[s.start : c.start].strip()), None)
    if opening_hit is not None and not out.mentions:
        # "... балістичною ракетою «Іскандер-М». Влучання – в адміністративну будівлю.": it hit.
        _weapon_fact(ctx, s, out, head.mention, "hit", opening_hit, 1, weak=True)
        return
    subject = re.match(r"^\s*(?:it|she|вона|она|він|он)\s", s.text, re.IGNORECASE)
    # "Збити її не вдалося": the pronoun as the object of the verb of interception.
    destroy = [c for c in cues if c.kind == "destroy"]
    obj = any(re.match(r"\s+(?:її|його|её|его|it)\b", ctx.text[c.end : c.end + 8], re.IGNORECASE) for c in destroy)
    if not (subject or obj):
        return
    cue = next(iter(destroy), None)
    if cue is not None:
        value = 0 if _negated(ctx, s, cue) else 1
        _weapon_fact(ctx, s, out, head.mention, "destroy", None, value, weak=True)


def _read_people(ctx: Context, s: Sentence, out: SentenceFacts, cues: list[lexicon.Cue],
                 spans: list[tuple[int, int]]) -> None:
    """Casualty verbs with people named one by one: "a woman was injured", "загинув чоловік"."""
    counted = {(c.field, c.start) for c in out.casualties}
    people = lexicon.find(ctx.text, ctx.lang, "people", s.start, s.end)
    zeros = [z for k in ("zero_both", "zero_killed", "zero_injured") for z in lexicon.find(ctx.text, ctx.lang, k, s.start, s.end)]
    for cue in cues:
        clause = _clause_of(spans, cue.start)
        if cue.start in ctx.used_cues or any(z.start <= cue.start < z.end for z in zeros):
            continue  # a count already says how many; "пострадавших нет" says none
        if cue.kind == "injured" and _DIED_OF.search(ctx.text, max(s.start, cue.start - 30), cue.start):
            continue  # "a woman died of her wounds": one of the dead, not an injured
        died = _died_later(ctx, cue, cues, people, clause)
        if died is not None:
            cue = died
        near = [p for p in people if clause[0] <= p.start < clause[1] and abs(p.start - cue.start) < 45]
        if not near:
            continue
        first = min(near, key=lambda p: abs(p.start - cue.start))
        if not _single_person(ctx, first):
            continue
        if cue.kind in ctx.counted and _VICTIM_LIST.match(ctx.text, cue.end):
            continue  # "Загиблі – чоловік 38 років і жінка 66 років": who the counted dead were
        if any(x.start <= cue.start < x.end for x in lexicon.find(ctx.text, ctx.lang, "subset", clause[0], clause[1])):
            continue  # "Among the dead was a 9-year-old boy": one of them, not how many
        value = _coordinated(ctx, sorted(near, key=lambda p: p.start), first)
        if (cue.kind, s.start) in counted and any(c.field == cue.kind for c in out.casualties):
            continue
        place = (_casualty_place(ctx, clause, cue.start) or _earlier_in_sentence(ctx, s, cue.start)
                 or _paragraph_place(ctx, s))
        out.casualties.append(
            CasualtyFact(cue.kind, value, s.start, s.end, s.index, total=_is_total(ctx, s, out),
                         update=ctx.update, revised=ctx.revising, **_where(place))
        )


def _died_later(ctx: Context, cue: lexicon.Cue, cues: list[lexicon.Cue], people: list[lexicon.Cue],
                clause: tuple[int, int]) -> lexicon.Cue | None:
    """"A woman injured in the attack has died in hospital": the injured person is now among
    the dead. The killed word, read at the person's place, when the cue is such a participle."""
    if cue.kind != "injured" or not any(0 <= cue.start - p.end <= 2 for p in people):
        return None
    later = [c for c in cues if c.kind == "killed" and cue.end < c.start < clause[1]]
    if not later or not re.match(r"\s+(?:in|during|by|after|when|under|у|в|під|внаслідок|при)\b",
                                 ctx.text[cue.end : cue.end + 15], re.IGNORECASE):
        return None
    ctx.used_cues.add(later[0].start)  # the death is this person's, counted here
    return lexicon.Cue("killed", cue.start, cue.end)


def _coordinated(ctx: Context, near: list[lexicon.Cue], first: lexicon.Cue) -> int:
    """How many single people a chain joined by "and" names: "a woman and her adult son" is two."""
    i = j = near.index(first)

    def joined(a: lexicon.Cue, b: lexicon.Cue) -> bool:
        gap = ctx.text[a.end : b.start]
        return len(gap) < 30 and bool(re.match(r"^[\s\d\w,'-]*\b(?:and|та|і|й|и)\b", gap))

    def same(a: lexicon.Cue, b: lexicon.Cue) -> bool:
        return not ctx.text[a.end : b.start].strip()  # "adult son": one person

    count = 1
    while i > 0 and _single_person(ctx, near[i - 1]) and (joined(near[i - 1], near[i]) or same(near[i - 1], near[i])):
        count += 0 if same(near[i - 1], near[i]) else 1
        i -= 1
    while j + 1 < len(near) and _single_person(ctx, near[j + 1]) and (joined(near[j], near[j + 1]) or same(near[j], near[j + 1])):
        count += 0 if same(near[j], near[j + 1]) else 1
        j += 1
    return count


def _single_person(ctx: Context, p: lexicon.Cue) -> bool:
    word = ctx.text[p.start : p.end]
    if _FEW_OR_NONE.search(ctx.text, max(0, p.start - 20), p.start):
        return False
    if ctx.lang == "en":  # English singular people nouns are listed in cues_en.json
        single = lexicon.patterns("en").get("single_person")
        return bool(single and single.fullmatch(word.split()[-1]))  # "a security guard": its head noun
    return grammatical_number(word, ctx.lang) == "sing" or likely_singular(word, ctx.lang)


def _alone(ctx: Context, s: Sentence, cue: lexicon.Cue) -> bool:
    """A sentence that is only the zero, perhaps with "he said" of the official the paragraph
    quotes ("No one was hurt, he said."; not "..., Israeli officials said")."""
    return cue.start - s.start < 3 and bool(_SAID_TAIL.fullmatch(ctx.text, cue.end, s.end))


# "he said", "- написал он.", ", сообщил глава ОВА" (the official the paragraph quotes)
_SAID = (r"(?:[—–-]\s*)?(?:(?:he|she)\s+\w+|\w+\s+(?:він|вона|он|она)"
         r"|(?:сообщил|заявил|написал|уточнил|повідомив|заявив|написав|уточнив)\w*\s+(?:[\w-]+\s+){0,2}[\w-]+)[\s.!]*")
# Nothing, "he said", or the end of a quote: "Пострадавших нет, угрозы для жителей нет", - написал он.
_SAID_TAIL = re.compile(r"[\s.!]*|,?\s*" + _SAID + r"|[^\"»”\d.]{0,40}[\"»”][\s,]*" + _SAID, re.IGNORECASE)


def _one_place(places: list[PlaceMention]) -> bool:
    """Whether places named together are one: a district is inside its city, a town inside
    the region named with it ("the Kaluga region ... the town of Lyudinovo"); Odesa and
    Chornomorsk are two."""
    settlements = {p.name for p in places if p.kind not in ("oblast", "district")}
    codes = {p.code for p in places if p.kind not in ("oblast", "district")}
    regions = {p.name for p in places if p.kind == "oblast" and p.code not in codes}
    return len(settlements | regions) <= 1


def _read_zero(ctx: Context, s: Sentence, out: SentenceFacts) -> None:
    """"No one was killed", "Загиблих немає": a zero, for a place when the clause names one."""
    both = lexicon.find(ctx.text, ctx.lang, "zero_both", s.start, s.end)
    for kind, fields in (("zero_both", ("killed", "injured")), ("zero_killed", ("killed",)),
                         ("zero_injured", ("injured",))):
        for cue in lexicon.find(ctx.text, ctx.lang, kind, s.start, s.end):
            if kind != "zero_both" and any(b.start <= cue.start < b.end for b in both):
                continue  # "No one was killed" inside "No one was killed or injured": read once, whole
            clause = _clause_of(clauses(s), cue.start)
            # "... had been put out and that nobody was hurt": the sentence's place.
            place = _casualty_place(ctx, clause, cue.start) or _casualty_place(ctx, (s.start, s.end), cue.start)
            if place is None and s.list_item:
                place = _paragraph_place(ctx, s)  # "* VOLYN REGION: A missile hit ... No one was hurt"
            if place is None and ctx.label is not None and ctx.label[0] == s.paragraph:
                place = ctx.label[1]  # "Тамбовская область. ... Пострадавших нет."
            if place is None and _alone(ctx, s, cue) \
                    and ctx.paragraph_places[0] == s.paragraph and _one_place(ctx.paragraph_places[1]):
                # "На Миколаївщині уламки ... пошкодили об'єкт. Без постраждалих.", "In Kyiv, debris
                # fell ... in the Darnytskyi district. No one was hurt." (a paragraph about several
                # places ends with a zero for all of them)
                place = _paragraph_place(ctx, s)
            if place is None and re.search(r"\b(?:there(?!\s+(?:is|are|was|were|has|have|had|will|would)\b)|там|тут)\b",
                                                   ctx.text[clause[0] : clause[1]], re.IGNORECASE):
                place = _paragraph_place(ctx, s)  # "Nobody was hurt there"
            if place is None and cue.start - s.start < 3 and ctx.lang != "en":
                # (English wire copy quotes many officials in one paragraph: "Nobody was killed
                # in the overnight attack, the air force said" after a governor is the air force's)
                place = _speakers_region(ctx, s)
            for where in _listed_with(ctx, place) if place is not None else [None]:
                for f in fields:
                    if any(c.field == f and c.value == 0 and c.start == s.start
                           and c.place == (where.name if where else None) for c in out.casualties):
                        continue
                    out.casualties.append(
                        CasualtyFact(f, 0, s.start, s.end, s.index, total=where is None,
                                     update=ctx.update, revised=ctx.revising, **_where(where))
                    )
    for cue in lexicon.find(ctx.text, ctx.lang, "unknown_casualties", s.start, s.end):
        for f in ("killed", "injured"):
            out.casualties.append(CasualtyFact(f, None, s.start, s.end, s.index, unknown=True))
        del cue
