"""Facts of one document -> its events, by the contract's conventions.

Per weapon class, a count for the whole class outranks counts per model
(which are added up), a stated count outranks one read from a singular
noun, and a later update outranks what it corrects. A family count
("four missiles") stands for its classes when they are several. Totals are
what the text states, else the sum of parts when the parts are complete.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from skyledger.extract.facts import CasualtyFact, WeaponFact
from skyledger.extract.reading import Frame, region_of_side
from skyledger.extract.weapons import canonical_model, taxonomy
from skyledger.models import Event, Evidence, PlaceCasualties, Weapon

GENERIC = {"missile": "missile", "drone": "drone", "bomb": "guided_bomb"}
FIELDS = ("launched", "destroyed", "suppressed")


@dataclass
class _Slot:
    """Facts about one weapon class of an event."""

    cls: str
    facts: list[WeaponFact] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    members: set[str] = field(default_factory=set)


def _family(cls: str) -> str:
    return taxonomy().family_of.get(cls, "any")


def _pick(facts: list[WeaponFact]) -> WeaponFact | None:
    """One value among facts of the same thing: a later update wins, else the first stated."""
    if not facts:
        return None
    updates = [f for f in facts if f.update]
    return updates[-1] if updates else facts[0]


def _broken_down(whole: list[WeaponFact], parts: list[WeaponFact]) -> WeaponFact | None:
    """A count broken down by place whose parts hold every other count given: the governor's
    "18 shot down over the region", then the ministry's "36: 18 over Kursk, 11 over ..."."""
    for w in whole:
        others = {o.value for o in whole if o.value != w.value}
        if others and others <= {p.value for p in parts if p.order == w.order}:
            return w
    return None


def _signature(f: WeaponFact) -> frozenset[str]:
    return frozenset(canonical_model(c.model) for c in f.components if c.model)


def _slots(frame: Frame) -> tuple[dict[str, _Slot], list[WeaponFact], dict[str, list[WeaponFact]]]:
    """Weapon facts sorted into class slots; event-level ("any") and family-level facts apart."""
    facts = [w for sf in frame.facts for w in sf.weapons]
    slots: dict[str, _Slot] = {}
    combined: dict[str, set[str]] = {}
    # "Russia pounded Kyiv with ballistic and cruise missiles", then a count of each: the
    # classes named together are one group unless each has a launch count of its own.
    counted = {f.cls for f in facts if f.value is not None and f.role == "launched"}
    for f in facts:
        classes = {c.cls for c in f.components}
        if (f.cls == GENERIC.get(f.family) and len(classes) > 1 and f.quantifier not in ("none", "neither", "all")
                and (f.value is not None or not classes <= counted)):
            combined.setdefault(f.cls, set()).update(classes)
    for family, classes in _uncounted_mix(facts).items():
        combined.setdefault(GENERIC[family], set()).update(classes)
    for f in facts:
        if f.cls == "any" or f.cls == GENERIC.get(f.family):
            continue
        for cls in _expand(f):
            key = next((g for g, members in combined.items() if cls in members), cls)
            slot = slots.setdefault(key, _Slot(key))
            slot.members |= combined.get(key, set())
    for key, members in combined.items():
        slots.setdefault(key, _Slot(key, members=set(members)))
    anys = [f for f in facts if f.cls == "any"]
    family_level: dict[str, list[WeaponFact]] = defaultdict(list)
    for f in facts:
        if f.cls == "any":
            continue
        targets = _targets(f, slots, combined)
        if targets is None:
            family_level[f.family].append(f)
            continue
        for key in targets:
            slots[key].facts.append(f)
            for c in f.components:
                if c.model and c.model not in slots[key].models:
                    slots[key].models.append(c.model)
    return slots, anys, family_level


def _uncounted_mix(facts: list[WeaponFact]) -> dict[str, set[str]]:
    """Classes that only describe a counted family group: "96 drones ... a mix of Shahed
    attack drones and cheaper decoys" is one group of 96, not two classes of unknown size."""
    counted_generic = {f.family for f in facts if f.cls == GENERIC.get(f.family) and f.value is not None}
    classes: dict[str, set[str]] = defaultdict(set)
    counted: set[str] = set()
    for f in facts:
        if f.cls != "any" and f.cls != GENERIC.get(f.family):
            classes[f.family].add(f.cls)
            if f.value is not None:
                counted.add(f.cls)
    return {fam: cls for fam, cls in classes.items()
            if fam in counted_generic and len(cls) > 1 and not cls & counted}


def _expand(f: WeaponFact) -> list[str]:
    return sorted({c.cls for c in f.components}) if f.quantifier in ("none", "neither", "all") else [f.cls]


def _targets(f: WeaponFact, slots: dict[str, _Slot], combined: dict[str, set[str]]) -> list[str] | None:
    """The slots a fact speaks of; None for a family count over several classes."""
    spread = _expand(f)
    if f.quantifier in ("none", "neither", "all") and len(spread) > 1 and all(c in slots for c in spread):
        return spread  # "None of the Kinzhal or Iskander-M missiles": each class
    if f.cls in slots:
        return [f.cls]
    if f.cls == GENERIC.get(f.family):
        same = [k for k in slots if _family(k) == f.family]
        if not same:
            slots[f.cls] = _Slot(f.cls)
            return [f.cls]
        return same if len(same) == 1 else None
    for key, members in combined.items():
        if f.cls in members:
            return [key]
    return [f.cls] if f.cls in slots else None


def _value(slot: _Slot, name: str, plural_unknown: bool) -> tuple[int | None, list[WeaponFact]]:
    """The slot's count for one field, with the facts it rests on."""
    facts = [f for f in slot.facts if f.role == name and f.value is not None]
    strong = [f for f in facts if not f.weak]
    if not strong and plural_unknown:
        return None, []
    pool = strong or facts
    whole = [f for f in pool if not _signature(f) and not f.part and f.quantifier != "all_but"]
    if whole:
        # A count stated as the total outranks others ("не менее чем девятью" for the city, then
        # "всего ... 64" for the country).
        totals = [f for f in whole if f.total]
        f = _broken_down(whole, [f for f in pool if f.part]) or _pick(totals or whole)
        return (f.value, [f]) if f else (None, [])
    by_sig: dict[frozenset[str], list[WeaponFact]] = defaultdict(list)
    for f in pool:
        if not f.part and f.quantifier != "all_but":
            by_sig[_signature(f)].append(f)
    if by_sig:
        chosen = [p for p in (_pick([f for f in v if f.total] or v) for v in by_sig.values()) if p is not None]
        return sum(f.value or 0 for f in chosen), chosen
    parts = [f for f in pool if f.part]
    if parts:
        return sum(f.value or 0 for f in parts), parts
    return None, []


def _weapon(slot: _Slot, frame: Frame) -> tuple[Weapon, list[Evidence]]:
    # A plural named without a count ("ударними БпЛА") leaves the class's launch count
    # unknown, whatever singular mentions add ("ворожий БпЛА атакував").
    # So does an approximate count of any fate ("destroyed 'dozens' of drones").
    plural_unknown = any(
        f.value is None and (f.role == "launched" and f.quantifier is None and not f.weak or f.approx_text)
        for f in slot.facts
    )
    w = Weapon(slot.cls, model=", ".join(slot.models) or None)
    ev: list[Evidence] = []
    for name in FIELDS:
        value, used = _value(slot, name, plural_unknown and name == "launched")
        setattr(w, name, value)
        ev += [Evidence(f"weapons.{slot.cls}.{name}", f.start, f.end) for f in used]
    if w.launched is None:
        # A weapon that the text says hit counts as launched ("two missiles struck").
        # A model's hits count its class only when no other model of the class is named.
        one_model = len({_signature(f) for f in slot.facts} - {frozenset()}) <= 1
        hits = [f for f in slot.facts if f.role == "hit" and f.value and not f.part and not f.weak
                and (one_model or not _signature(f))]
        counted = [f for f in slot.facts if f.value is not None]
        if not hits and len(counted) == 1 and counted[0].role == "hit" and counted[0].part and not counted[0].weak:
            # "four S-300 missiles struck an industrial site in the city": the one count of
            # the class, placed where it fell, is all that came.
            hits = counted
        only_weak = not any(f.value and not f.weak for f in slot.facts)
        if not hits and only_weak and not plural_unknown:
            # "A Russian ballistic missile slammed into ...": one weapon that hit.
            hits = [f for f in slot.facts if f.role == "hit" and f.value == 1 and f.weak and not f.part]
        if hits:
            w.launched = max(f.value or 0 for f in hits)
            ev.append(Evidence(f"weapons.{slot.cls}.launched", hits[0].start, hits[0].end))
    _apply_quantifiers(slot, w, frame)
    if (w.launched is not None and w.destroyed is not None and w.launched < w.destroyed
            and all(f.weak for f in slot.facts if f.role == "launched" and f.value is not None)):
        # "в результате атаки беспилотника на поселок" beside "уничтожены 37": the one drone
        # of a place, not how many came
        w.launched = None
        ev = [e for e in ev if e.field != f"weapons.{slot.cls}.launched"]
    return w, ev


def _apply_quantifiers(slot: _Slot, w: Weapon, frame: Frame) -> None:
    """"all of them were shot down", "all but three", "both hit their targets"."""
    if w.launched is None:
        # "Both Kh-59/69 guided missiles were destroyed", "all three Kinzhals hit": how many came.
        whole = [f.value for f in slot.facts if f.quantifier in ("both", "all") and f.value and f.role in ("destroyed", "hit")]
        if whole:
            w.launched = whole[0]
    if w.destroyed is None and w.launched is not None:
        for f in slot.facts:
            if f.role == "destroyed" and f.quantifier == "all_but" and f.value is not None:
                w.destroyed = max(w.launched - f.value, 0)
            elif f.role == "destroyed" and f.quantifier == "all":
                w.destroyed = w.launched
        if w.destroyed is None and any(sf.all_destroyed for sf in frame.facts):
            w.destroyed = w.launched
        if w.destroyed is None and w.launched == 1 and any(
                f.role == "destroyed" and f.value is None and f.quantifier is None and not f.part for f in slot.facts):
            w.destroyed = 1     # "ППО знищили ... Х-59": the one launched, named as destroyed
    if w.destroyed is None and w.launched is not None:
        hits = [f for f in slot.facts if f.role == "hit" and (f.quantifier in ("both", "all") or (
            f.value == w.launched and f.quantifier != "at_least"))]
        if hits:
            w.destroyed = 0
    _per_model_hits(slot, w)


def _per_model_hits(slot: _Slot, w: Weapon) -> None:
    """A model all of whose launches hit adds 0 to the destroyed count of its class."""
    if w.destroyed is not None:
        return
    launched: dict[frozenset[str], int] = {}
    destroyed: dict[frozenset[str], int] = {}
    for f in slot.facts:
        sig = _signature(f)
        if f.role == "launched" and f.value is not None and sig:
            launched.setdefault(sig, f.value)
        if f.role == "destroyed" and f.value is not None and sig:
            destroyed.setdefault(sig, f.value)
        if f.role == "hit" and sig and f.value is not None and launched.get(sig) == f.value:
            destroyed.setdefault(sig, 0)
    if launched and set(launched) <= set(destroyed) and len(launched) > 1:
        w.destroyed = sum(destroyed[s] for s in launched)


def build_weapons(frame: Frame) -> tuple[list[Weapon], dict[str, list[WeaponFact]], list[WeaponFact], list[Evidence]]:
    slots, anys, family_level = _slots(frame)
    weapons, evidence = [], []
    for slot in slots.values():
        w, ev = _weapon(slot, frame)
        weapons.append(w)
        evidence += ev
    return weapons, family_level, anys, evidence


def _total(weapons: list[Weapon], family_level: dict[str, list[WeaponFact]], anys: list[WeaponFact],
           name: str) -> tuple[int | None, list[WeaponFact]]:
    stated = [f for f in anys if f.role == name and f.value is not None and not f.part]
    if stated:
        f = _pick(stated)
        return (f.value, [f]) if f else (None, [])
    fams: dict[str, int | None] = {}
    for w in weapons:
        fam = _family(w.cls)
        value = getattr(w, name)
        fams[fam] = None if value is None or (fam in fams and fams[fam] is None) else (fams.get(fam) or 0) + value
    used: list[WeaponFact] = []
    for fam, facts in family_level.items():
        chosen = _pick([f for f in facts if f.role == name and f.value is not None and not f.part and not f.weak])
        if chosen is not None:
            fams[fam] = chosen.value
            used.append(chosen)
    if not fams or any(v is None for v in fams.values()):
        return None, []
    return sum(v or 0 for v in fams.values()), used


def _casualty_total(facts: list[CasualtyFact], name: str, regions: list[str]) -> tuple[int | None, list[CasualtyFact]]:
    """A stated total (or an unplaced count) unless a later sentence says the count rose;
    else the sum of the latest count of every place when every region has one."""
    mine = [f for f in facts if f.field == name and f.value is not None]
    # "Раніше повідомлялося про 1 загиблого ...", "initially put the death toll at four":
    # a first count gives way to any other, stated before it or after.
    mine = [f for f in mine if not (f.first and any(g.order > f.order or not g.first for g in mine))]
    if any(f.value for f in mine):
        mine = [f for f in mine if f.value != 0 or f.region is not None]
    parts = [f for f in mine if f.region]
    complete = bool(parts) and bool(regions) and set(regions) <= {f.region for f in parts}
    # "..., and a regional governor said one person had been killed": one region's count, of
    # an attack on several.
    whole_told = [f for f in mine if not (f.regional and len(set(regions)) > 1)]
    stated = (_stated([f for f in whole_told if f.total])
              or _stated([f for f in whole_told if not f.total and f.region is None]))
    if stated is not None:
        later = [f for f in mine if f.revised and f.order > stated.order]
        # "By Monday afternoon ... the number of injured had risen to 14": the whole event's count.
        # A city's revised count ("У Кривому Розі ... за уточненими даними їх четверо") is that city's.
        whole = [f for f in later if f.region is None or (set(regions) <= {f.region} and (
            f.level not in _SETTLEMENTS or all(p.place == f.place for p in parts)))]
        if whole:
            return whole[-1].value, [whole[-1]]
        if stated.total or not (complete and later):
            return stated.value, [stated]
        # An unplaced count, then counts that rose for every region: those revise it.
    if complete:
        chosen = _latest_by_place(parts)
        return sum(f.value or 0 for f in chosen), chosen
    return None, []


_SETTLEMENTS = frozenset({"city", "town", "village", "district", "hromada"})


def _stated(pool: list[CasualtyFact]) -> CasualtyFact | None:
    """The count a pool states: a later update wins; of totals the latest statement (a
    sentence's whole, not its parts); of other counts the first."""
    if not pool:
        return None
    updates = [f for f in pool if f.update]
    if updates:
        return _whole_of(updates, updates[-1].order)
    if pool[0].total:
        # "In the city of Kharkiv ..., killing two people" after the attack's own toll is a
        # count for one place: it does not replace a toll stated for more than one.
        wide = [x for x in pool if x.level not in _SETTLEMENTS] or pool
        return _whole_of(wide, max(x.order for x in wide))
    return pool[0]


def _whole_of(facts: list[CasualtyFact], order: int) -> CasualtyFact:
    """Of the counts one sentence gives, the whole: "зросла до 11: ще троє ...", "ще одна
    людина ... – кількість поранених зросла до восьми"."""
    return max((f for f in facts if f.order == order), key=lambda f: f.value or 0)


def _latest_by_place(parts: list[CasualtyFact]) -> list[CasualtyFact]:
    """One figure per place, the latest (a live report revises its own count); the districts
    of a city, and the places of a region, whose whole count is given are inside that count,
    not added to it."""
    by_place: dict[tuple[str | None, str], CasualtyFact] = {}
    for f in parts:
        key = (f.region, f.place or "")
        # A later sentence revises; within one sentence the first count is the whole
        # ("Поранено трьох людей: двох жінок і чоловіка").
        if key not in by_place or f.order > by_place[key].order:
            before = by_place.get(key)
            # "... has risen to four. A 73-year-old woman died in hospital overnight.": the
            # one who died since is inside the risen count, not a new count of the place.
            if before is not None and before.revised and f.revised and (f.value or 0) < (before.value or 0):
                continue
            by_place[key] = f
    latest = list(by_place.values())
    cities = {f.region for f in latest if f.level == "city"}
    latest = [f for f in latest if not (f.level == "district" and f.region in cities)]
    # A region's own count holds those of its towns and districts, unless it was a zero that a
    # later count of one of them puts right ("No one was injured" ... "Correction: one person,
    # a 64-year-old man in Ochakiv, was injured").
    righted = {f.region for f in latest if f.level == "oblast" and f.value == 0 and any(
        g.region == f.region and g.level != "oblast" and g.value and g.order > f.order for g in latest)}
    latest = [f for f in latest if not (f.level == "oblast" and f.region in righted)]
    regions = {f.region for f in latest if f.level == "oblast"}
    latest = [f for f in latest if f.level == "oblast" or f.region not in regions]
    # "Число пострадавших в Лисках выросло до трех": a count that rose, given after every other
    # count of its region, is that region's count.
    last_in_region: dict[str | None, CasualtyFact] = {}
    for f in latest:
        if f.region not in last_in_region or f.order > last_in_region[f.region].order:
            last_in_region[f.region] = f
    return [f for f in latest if not last_in_region[f.region].revised or last_in_region[f.region] is f]


def _by_place(facts: list[CasualtyFact]) -> list[PlaceCasualties]:
    out: dict[str, PlaceCasualties] = {}
    for f in facts:
        if f.region is None or f.value is None:
            continue
        key = f.place or f.region
        pc = out.setdefault(key, PlaceCasualties(f.region, f.place))
        setattr(pc, f.field, f.value)  # in reading order: a place's latest count
    return list(out.values())


def build_event(frame: Frame, message_id: int | None = None) -> Event | None:
    """The event of one frame, or None when the frame holds no figure or names neither side
    (an explainer's "a missile crew fires at" is no attack)."""
    if frame.key.attacker is None and frame.key.target is None:
        return None
    weapons, family_level, anys, evidence = build_weapons(frame)
    regions = list(dict.fromkeys(code for code, _, _ in frame.regions if code))
    # "In the Lipetsk region, ..., the governor said there were no casualties" read into an
    # attack on Ukraine: another country's victims are not this attack's.
    casualties = [c for sf in frame.facts for c in sf.casualties
                  if c.region is None or region_of_side(c.region, frame.key.target)]
    for c in casualties:
        if c.region and c.region.split("-")[0] == frame.key.target and c.region not in regions and c.value:
            regions.append(c.region)
    ev = Event(frame.key.date, frame.key.attacker, frame.key.target, regions=regions, weapons=weapons,
               daypart=frame.key.daypart)
    for name in ("launched", "destroyed"):
        value, used = _total(weapons, family_level, anys, name)
        setattr(ev, name, value)
        evidence += [Evidence(name, f.start, f.end) for f in used]
    if ev.destroyed == 0:
        # "None of the four was intercepted": none of any weapon was.
        for w in weapons:
            if w.destroyed is None:
                w.destroyed = 0
                evidence += [Evidence(f"weapons.{w.cls}.destroyed", e.start, e.end)
                             for e in evidence if e.field == "destroyed"]
    for name in ("killed", "injured"):
        value, used_c = _casualty_total(casualties, name, regions)
        setattr(ev, name, value)
        evidence += [Evidence(name, f.start, f.end) for f in used_c]
    ev.casualties_by_place = _by_place(casualties)
    evidence += [Evidence("regions", s, e) for code, s, e in frame.regions if code]
    ev.evidence = _dedupe(evidence, message_id)
    if not _has_figure(ev):
        return None
    return ev


def _dedupe(evidence: list[Evidence], message_id: int | None) -> list[Evidence]:
    seen, out = set(), []
    for e in evidence:
        key = (e.field, e.start, e.end)
        if key not in seen:
            seen.add(key)
            e.message_id = message_id
            out.append(e)
    return out


def _has_figure(ev: Event) -> bool:
    counts = [ev.launched, ev.destroyed, ev.killed, ev.injured]
    counts += [getattr(w, n) for w in ev.weapons for n in FIELDS]
    # "injuring two people" in one of three regions: a figure, though the event's total is unknown
    counts += [c for p in ev.casualties_by_place for c in (p.killed, p.injured)]
    return any(c is not None for c in counts)
