"""Find weapon noun phrases and tell their class (data/weapons.json).

A mention is a run of words naming weapons: "two Iskander-M ballistic
missiles", "37 ударними БпЛА типу Shahed-131/136", "Kh-101 and Kalibr cruise
missiles". Its components are the (class, model) pairs it names; a run that
joins two classes under one count ("Shahed та дрони-імітатори") is combined
and can only be counted at the family level.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from skyledger.extract.tokens import Token, grammatical_number, lemma, tokenize


@dataclass(frozen=True)
class Component:
    cls: str
    model: str | None


@dataclass(frozen=True)
class WeaponMention:
    start: int
    end: int
    text: str
    components: tuple[Component, ...]
    family: str          # missile / drone / bomb / any
    cls: str             # the class one shared count belongs to
    plural: bool | None  # grammatical number of the head, None when unclear
    specific: bool       # a model or a class modifier was named
    head_start: int      # offset of the first word of the phrase

    @property
    def model(self) -> str | None:
        models = [c.model for c in self.components if c.model]
        return ", ".join(dict.fromkeys(models)) if models else None


@dataclass(frozen=True)
class _Taxonomy:
    aliases: dict[str, tuple[str, str]]          # normalised alias -> (model, class)
    stems: list[tuple[re.Pattern[str], str, str]]
    nouns: dict[str, re.Pattern[str]]
    modifiers: list[tuple[re.Pattern[str], str, str]]
    standalone: list[tuple[re.Pattern[str], str]]
    exclude: re.Pattern[str]
    family_of: dict[str, str]
    any_requires: dict[str, re.Pattern[str]]
    platforms: list[tuple[re.Pattern[str], str]]
    fillers: re.Pattern[str]
    filler_words: frozenset[str]
    connectors: frozenset[str]
    # A word that is a noun only before given words: "unmanned" in "unmanned aerial vehicles".
    phrase_nouns: list[tuple[str, tuple[re.Pattern[str], ...]]]
    genitive_governors: dict[str, frozenset[str]]   # by language, dictionary forms


def normalise_alias(word: str) -> str:
    """Case, Cyrillic look-alikes and the Kh/X/Х spellings folded together."""
    w = word.lower().replace("х-", "kh-").replace("x-", "kh-")
    table = str.maketrans({"с": "s", "м": "m", "к": "k", "н": "n", "т": "t", "а": "a", "р": "p", "е": "e"})
    return w.translate(table) if re.fullmatch(r"[a-zа-я]{1,3}-\d[\w-]*", w) else w


@lru_cache(maxsize=1)
def taxonomy() -> _Taxonomy:
    raw = resources.files("skyledger.extract").joinpath("data", "weapons.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    aliases = {normalise_alias(a): (m["model"], m["class"]) for m in data["models"] for a in m["aliases"]}
    flags = re.IGNORECASE
    any_req = data["any_requires"]
    return _Taxonomy(
        aliases=aliases,
        stems=[(re.compile(s["pattern"], flags), s["model"], s["class"]) for s in data["cyrillic_model_stems"]],
        nouns={f: re.compile("|".join(p), flags) for f, p in data["nouns"].items()},
        modifiers=[(re.compile("|".join(m["patterns"]), flags), m["class"], m["family"]) for m in data["modifiers"]],
        standalone=[(re.compile("|".join(s["patterns"]), flags), s["class"]) for s in data["standalone_class_nouns"]],
        exclude=re.compile("|".join(data["exclude"]), flags),
        family_of=data["family_of_class"],
        any_requires={k: re.compile("|".join(v), flags) for k, v in any_req.items() if not k.startswith("_")},
        platforms=[(re.compile("|".join(p["patterns"]), flags), p["name"]) for p in data["platforms"]],
        fillers=re.compile("|".join(data["filler_patterns"]), flags),
        filler_words=frozenset(data["filler_words"]),
        connectors=frozenset(data["connectors"]),
        phrase_nouns=[(p["family"], tuple(re.compile(w, flags) for w in p["words"])) for p in data["phrase_nouns"]],
        genitive_governors={k: frozenset(v) for k, v in data["genitive_governors"].items() if not k.startswith("_")},
    )


def _model_of(word: str) -> list[tuple[str, str, str]]:
    """(surface, model, class) for each model a token names ("Х-59/Х-69" names two)."""
    tax = taxonomy()
    out: list[tuple[str, str, str]] = []
    for part in word.split("/"):
        key = normalise_alias(part)
        hit = tax.aliases.get(key) or (tax.aliases.get(key[:-1]) if key.endswith("s") else None)
        if hit is None and (variant := re.fullmatch(r"(.+?)-(?:\d+\w*|[^\W\d_]{1,2})", key)):
            hit = tax.aliases.get(variant.group(1))  # "KAB-500", "Neptune-MD": a variant of the model
        if hit is None:
            hit = next(((m, c) for p, m, c in tax.stems if p.match(part)), None)
        if hit is None and part.isdigit() and out:
            out.append((part, out[-1][1], out[-1][2]))  # "Shahed-136/131": one model
            continue
        if hit is None:
            return out if out else []
        out.append((part[:-1] if key.endswith("s") and key[:-1] in tax.aliases else part, *hit))
    if len(out) > 1 and len({m for _, m, _ in out}) == 1 and "/" in word:
        return [(word, out[0][1], out[0][2])]
    return out


@dataclass(frozen=True)
class _Tag:
    kind: str  # model / noun / mod / standalone / connect / filler / exclude
    models: tuple[tuple[str, str, str], ...]
    family: str | None = None
    classes: tuple[tuple[str, str], ...] = ()


def _tag(tok: Token) -> _Tag | None:
    return _tag_word(tok.text)


@lru_cache(maxsize=100_000)
def _tag_word(word: str) -> _Tag | None:
    """What a word is in a weapon phrase; cached, as reports reuse their vocabulary."""
    tax, low = taxonomy(), word.lower()
    tok = Token(0, len(word), word)
    if tax.exclude.match(low):
        return _Tag("exclude", ())
    models = _model_of(tok.text)
    if models:
        return _Tag("model", tuple(models))
    for fam, pat in tax.nouns.items():
        if pat.match(low):
            return _Tag("noun", (), family=fam)
    if any(p.match(low) for p, _ in tax.standalone):
        return _Tag("standalone", (), family="drone", classes=tuple((c, "drone") for p, c in tax.standalone if p.match(low)))
    mods = tuple((c, f) for p, c, f in tax.modifiers if p.match(low))
    if mods:
        return _Tag("mod", (), classes=mods)
    if low in tax.connectors:
        return _Tag("connect", ())
    if low in tax.filler_words or tax.fillers.match(low):
        return _Tag("filler", ())
    return None


def find_weapons(text: str, start: int = 0, end: int | None = None, lang: str = "en") -> list[WeaponMention]:
    """Weapon mentions in text[start:end], in order."""
    toks = tokenize(text, start, end)
    tags = [_tag(t) for t in toks]
    _tag_phrase_nouns(toks, tags)
    out: list[WeaponMention] = []
    i = 0
    while i < len(toks):
        tag = tags[i]
        if tag is not None and tag.kind == "exclude":
            # "interceptor missiles", "naval drones": the whole phrase is not an attacking weapon.
            i = _run_end(toks, tags, i + 1) if i + 1 < len(toks) and tags[i + 1] else i + 1
            continue
        if tag is None or tag.kind in ("connect", "filler"):
            i += 1
            continue
        j = _run_end(toks, tags, i)
        after = tags[j] if j < len(toks) else None
        if after is not None and after.kind == "exclude" and not text[toks[j - 1].end : toks[j].start].strip():
            # "anti-aircraft missile troops", "drone units": the phrase names who defends
            i = _run_end(toks, tags, j + 1) if j + 1 < len(toks) and tags[j + 1] else j + 1
            continue
        # Adjectives before the phrase ("ворожий БпЛА") tell its number.
        k = i
        while k > 0 and tags[k - 1] is not None and tags[k - 1].kind == "filler" and toks[k - 1].low not in "«»()":  # type: ignore[union-attr]
            k -= 1
        mention = _build(text, toks[k:j], tags[k:j], lang)
        if mention is not None:
            prev = out[-1] if out else None
            if prev is not None and _joins(text, prev, mention):
                merged = _build(text, _span_tokens(toks, prev.start, mention.end), None, lang)
                out[-1] = merged or prev
            elif prev is not None and _both_kinds(text, prev, mention):
                out[-1] = WeaponMention(prev.start, mention.end, text[prev.start : mention.end],
                                        (Component("any", None),), "any", "any", True, False, prev.start)
            else:
                out.append(mention)
        i = j
    return out


def _tag_phrase_nouns(toks: list[Token], tags: list[_Tag | None]) -> None:
    for family, words in taxonomy().phrase_nouns:
        first, rest = words[0], words[1:]
        for i in range(len(toks) - len(words) + 1):
            # The first word alone rules out nearly every position.
            if tags[i] is None and first.match(toks[i].text) \
                    and all(w.match(toks[i + k].text) for k, w in enumerate(rest, 1)):
                tags[i] = _Tag("noun", (), family=family)


def _span_tokens(toks: list[Token], start: int, end: int) -> list[Token]:
    return [t for t in toks if t.start >= start and t.end <= end]


_AND = ("та", "і", "й", "и", "and")


def _joins(text: str, prev: WeaponMention, cur: WeaponMention) -> bool:
    """A second plural phrase of the same family joined by "and" without a count of its own
    shares the first one's count ("73 Shahed та дронами-імітаторами")."""
    gap = text[prev.end : cur.start].strip(" \t«»\"“”").lower()
    return (
        gap in _AND + (",", "or", "або", "или")
        and prev.family == cur.family != "any"
        and cur.plural is True
        # "ста двадцатью одним ударным БпЛА ... и дронами-имитаторами": a number ending in one
        # makes its noun singular, yet decoys joined to it share its count.
        and (prev.plural is not False or cur.cls == "decoy_drone")
        and cur.cls != prev.cls
    )


_GENERIC = frozenset({"drone", "missile"})


def _both_kinds(text: str, prev: WeaponMention, cur: WeaponMention) -> bool:
    """"407 drones and missiles", "дронами та ракетами": one count of both families."""
    gap = text[prev.end : cur.start].strip().lower()
    return (gap in _AND and prev.cls in _GENERIC and cur.cls in _GENERIC
            and prev.cls != cur.cls and prev.plural is True and cur.plural is True)


_ATTACK_WORDS = frozenset({"strike", "strikes", "attack", "attacks"})


def _run_end(toks: list[Token], tags: list[_Tag | None], i: int) -> int:
    """End of the run of weapon words that starts at i."""
    j, last_core, seen_noun = i, i, False
    while j < len(toks):
        tag = tags[j]
        if tag is None:
            break
        if tag.kind in ("connect", "filler"):
            # Once a head noun closed the phrase, a joiner starts a new phrase; so does
            # a joiner between models of two classes ("чотири «Калібри», Х-59 та ...").
            if tag.kind == "connect" and (seen_noun or _other_class_next(toks, tags, i, j)):
                break
            j += 1
            continue
        if tag.kind == "exclude":
            break
        if seen_noun and tag.kind == "mod" and toks[j].low in _ATTACK_WORDS and not _noun_next(tags, j):
            break  # "a drone strike": the noun names the kind of attack that follows ("Shahed attack UAVs" does not)
        seen_noun = seen_noun or tag.kind in ("noun", "standalone") or (
            tag.kind == "model" and any(p.match(toks[j].low) for p in taxonomy().nouns.values())
        )
        last_core = j
        j += 1
    return last_core + 1


def _noun_next(tags: list[_Tag | None], j: int) -> bool:
    nxt = tags[j + 1] if j + 1 < len(tags) else None
    return nxt is not None and nxt.kind in ("noun", "standalone")


def _other_class_next(toks: list[Token], tags: list[_Tag | None], i: int, j: int) -> bool:
    """Whether the model after the joiner at j is of a class no model in toks[i:j] has."""
    nxt = next((t for t in tags[j + 1 :] if t is None or t.kind != "filler"), None)
    if nxt is None or nxt.kind != "model":
        return False
    before = {m[2] for t in tags[i:j] if t is not None and t.kind == "model" for m in t.models}
    return bool(before) and not before & {m[2] for m in nxt.models}


def _build(text: str, toks: list[Token], tags: list[_Tag | None] | None, lang: str) -> WeaponMention | None:
    tax = taxonomy()
    tags = tags if tags is not None else [_tag(t) for t in toks]
    if any(t and t.kind == "exclude" for t in tags):
        return None
    families = [t.family for t in tags if t and t.kind in ("noun", "standalone") and t.family]
    models = [m for t in tags if t and t.kind == "model" for m in t.models]
    if not families and not models:
        return None
    family = families[-1] if families else tax.family_of[models[0][2]]
    if family == "any":
        # "guided" or "cruise" before "targets" tells a missile; "aerial targets" tells nothing.
        if models or any(t and t.kind == "mod" and any(f == "missile" for _, f in t.classes) for t in tags):
            family = tax.family_of[models[0][2]] if models else "missile"
        elif not tax.any_requires.get(lang, tax.any_requires["en"]).match(text[toks[0].start : toks[-1].end + 40].lower()):
            return None
    comps = _components(tags, models, family)
    classes = {c.cls for c in comps}
    fams = {tax.family_of.get(c, "any") for c in classes}
    if len(classes) == 1:
        cls = next(iter(classes))
    elif len(fams) == 1:
        cls = next(iter(fams)) if next(iter(fams)) != "bomb" else "guided_bomb"
    else:
        cls = "any"
    specific = bool(models) or any(t and t.kind in ("mod", "standalone") for t in tags)
    s, e = toks[0].start, toks[-1].end
    if not models and KIND_OF_ATTACK.match(text, e, e + 14):
        # "long-range drone strikes" names a kind of attack: the weapon's family, no class
        generic = {"missile": "missile", "drone": "drone", "bomb": "guided_bomb"}.get(family, "any")
        comps, cls, specific = [Component(generic, None)], generic, False
    plural = _plural(toks, tags, lang, _governed(text, s, lang))
    if plural is None and lang == "en":
        # "The Kinzhal was not shot down", "the Shaheds ... were": a model's number from its verb
        verb = _EN_VERB_AFTER.match(text, e)
        plural = None if verb is None else verb.group(1).lower() in ("were", "are", "have")
    return WeaponMention(s, e, text[s:e], tuple(comps), family if len(fams) == 1 else "any", cls,
                         plural, specific, s)


_EN_VERB_AFTER = re.compile(r"\s+(was|is|has|were|are|have)\b", re.IGNORECASE)


_WORD_BEFORE = re.compile(r"([^\W\d]+)\s+$")


def _governed(text: str, start: int, lang: str) -> bool:
    """Whether the word before a mention governs the genitive ("влучання ракети")."""
    governors = taxonomy().genitive_governors.get(lang)
    if not governors:
        return False
    m = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return m is not None and lemma(m.group(1), lang) in governors


# The noun after a weapon that makes it the kind of an attack ("drone strikes", "ракетного
# удару"); not a verb ("дрон-камікадзе атакував").
KIND_OF_ATTACK = re.compile(r"\s*(?:strikes?|attacks?|raids?|удар(?:и|у|ом|ів|ами|ах|і|а|ов)?|атак(?:а|и|у|ою|ой|ам|ами|ах)?"
                             r"|обстріл\w*|обстрел\w*)\b", re.IGNORECASE)


def _components(tags: list[_Tag | None], models: list[tuple[str, str, str]], family: str) -> list[Component]:
    tax = taxonomy()
    mod_classes = [c for t in tags if t and t.kind in ("mod", "standalone") for c, f in t.classes if f == family]
    comps = [Component(cls, surface) for surface, _, cls in models]
    if not comps:
        if family == "any":
            return [Component("any", None)]
        generic = {"missile": "missile", "drone": "drone", "bomb": "guided_bomb"}[family]
        # Several modifiers of one family ("керованими авіаційними"): the most specific wins.
        distinct = list(dict.fromkeys(mod_classes))
        if "guided_air_missile" in distinct and len(distinct) > 1:
            distinct.remove("guided_air_missile")
        out = [Component(c, None) for c in distinct] or [Component(generic, None)]
        kinds = [t.kind if t else "" for t in tags]
        if family == "missile" and "connect" in kinds and kinds.count("noun") > 1:
            # "балістичними ракетами та керованими авіаційними ракетами": two missiles, each its class
            cut = kinds.index("connect")
            return list(dict.fromkeys(c for part in (tags[:cut], tags[cut + 1:])
                                      for c in _components(part, [], family)))
        if distinct and "connect" in kinds and "noun" in kinds[: kinds.index("connect")]:
            out.insert(0, Component(generic, None))  # "479 drones and decoys": one count of both
        return out
    # A standalone class noun beside models ("Shahed та дронами-імітаторами") is its own component.
    extra = [c for t in tags if t and t.kind == "standalone" for c, _ in t.classes]
    for c in extra:
        if c not in {x.cls for x in comps}:
            comps.append(Component(c, None))
    # "attack UAVs, Gerbera and other decoy drones": a modifier's class beside the models' is a component too.
    for t in tags:
        if t and t.kind == "mod" and family == "drone":
            for c, f in t.classes:
                if f == "drone" and c in ("decoy_drone", "attack_drone") and c not in {x.cls for x in comps}:
                    comps.append(Component(c, None))
    return [c for c in comps if tax.family_of.get(c.cls, family) in (family, tax.family_of.get(c.cls))]


def _plural(toks: list[Token], tags: list[_Tag | None], lang: str, genitive: bool = False) -> bool | None:
    if lang == "en":
        heads = [t for t, g in zip(toks, tags) if g and g.kind in ("noun", "standalone", "model")]
        if not heads:
            return None
        if _only_models(toks, tags):
            return None  # "Shahed" alone says nothing of number
        w = heads[-1].low
        return w.endswith("s") and not w.endswith("ss")
    # Adjectives agree with the noun and are less ambiguous than the noun itself.
    for t, g in zip(toks, tags):
        if g and g.kind in ("mod", "noun", "standalone", "filler"):
            # "дрон-камікадзе", "дронами-імітаторами": the head is the first part; when its
            # number is unclear ("дронов-имитаторов"), the second agrees with it.
            for part in t.text.split("-")[:2]:
                n = grammatical_number(part, lang, "gent" if genitive else None)
                if n:
                    return n == "plur"
    return None


def _only_models(toks: list[Token], tags: list[_Tag | None]) -> bool:
    return all(g is None or g.kind in ("model", "filler", "connect") for g in tags) and any(
        g is not None and g.kind == "model" for g in tags
    )


def find_platform(text: str) -> str | None:
    """The first launch platform named in a piece of text."""
    for pat, name in taxonomy().platforms:
        if pat.search(text):
            return name
    return None


def canonical_model(surface: str) -> str:
    """The taxonomy's name for a model as written ("Х-101" -> "Kh-101")."""
    hits = _model_of(surface)
    return "/".join(sorted({m for _, m, _ in hits})) if hits else surface.lower()
