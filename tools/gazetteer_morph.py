"""Build-time helpers for tools/build_gazetteer.py: case forms and transliteration.

Dev-only (needs pymorphy3 dictionaries); the runtime never imports this module.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pymorphy3

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_ADJ_END = re.compile(r"(ий|ій|ый|ой|а|я|е|є|ое|ее|ая|яя|і|ые|ие)$")
_CYR_UK_ONLY = re.compile(r"[іїєґ']")
_CYR_RU_ONLY = re.compile(r"[ыэъё]")


@lru_cache(maxsize=2)
def analyzer(lang: str) -> Any:
    return pymorphy3.MorphAnalyzer(lang=lang)


def norm(text: str) -> str:
    """The lookup key of a surface form (the runtime applies the same)."""
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[’ʼ`´‘]", "'", text)
    return re.sub(r"\s+", " ", text).strip()


def langs_for(word: str) -> tuple[str, ...]:
    low = word.lower()
    if _CYR_UK_ONLY.search(low):
        return ("uk",)
    if _CYR_RU_ONLY.search(low):
        return ("ru",)
    return ("uk", "ru")


def _pick(word: str, lang: str, pos: str | None, gender: str | None) -> Any:
    parses = [p for p in analyzer(lang).parse(word) if p.word == word and "nomn" in p.tag]
    if pos:
        parses = [p for p in parses if p.tag.POS == pos]
    if gender:
        parses = [p for p in parses if p.tag.gender == gender or "Pltm" in p.tag]
    if not parses:
        return None

    def rank(p: Any) -> tuple[int, int, int]:
        tag = p.tag
        proper = "Geox" in tag.grammemes
        person = bool({"Name", "Surn", "Patr"} & tag.grammemes) or tag.animacy == "anim"
        return (0 if proper else 1, 1 if person else 0, 0 if p.normal_form == word else 1)

    return sorted(parses, key=rank)[0]


def word_forms(word: str, lang: str, pos: str | None = None,
               gender: str | None = None) -> dict[str, list[str]]:
    """case -> forms of one lower-case word; {} when the word cannot be inflected."""
    p = _pick(word, lang, pos, gender)
    if p is None:
        return {}
    number = p.tag.number
    keep_gender = p.tag.gender if p.tag.POS == "ADJF" and number != "plur" else None
    out: dict[str, list[str]] = {"nomn": [word]}
    for f in p.lexeme:
        tag = f.tag
        if tag.case not in CASES or (number and tag.number and tag.number != number):
            continue
        if keep_gender and tag.gender and tag.gender != keep_gender:
            continue
        forms = out.setdefault(tag.case, [])
        if f.word not in forms:
            forms.append(f.word)
    return out


def _part_forms(part: str, lang: str, adjective: bool) -> dict[str, list[str]]:
    if adjective:
        forms = word_forms(part, lang, "ADJF")
        if forms:
            return forms
    return word_forms(part, lang, "NOUN") or word_forms(part, lang)


def phrase_forms(name: str, lang: str) -> set[str]:
    """Every case form (singular, or plural for plural-only names) of a place name."""
    low = norm(name)
    words = low.split(" ")
    per_word: list[dict[str, list[str]]] = []
    for i, w in enumerate(words):
        adjective = len(words) > 1 and i < len(words) - 1 and bool(_ADJ_END.search(w))
        per_word.append(_hyphen_forms(w, lang, adjective))
    out = {low}
    for case in CASES:
        combos = [""]
        for i, f in enumerate(per_word):
            options = f.get(case) or [words[i]]
            combos = [f"{c} {o}".strip() for c in combos for o in options]
        out.update(combos)
    return out


def _hyphen_forms(word: str, lang: str, adjective: bool) -> dict[str, list[str]]:
    if "-" not in word:
        return _part_forms(word, lang, adjective)
    parts = word.split("-")
    if "на" in parts:  # Ростов-на-Дону: only the head word declines
        head = _part_forms(parts[0], lang, False)
        return {c: ["-".join([f, *parts[1:]]) for f in fs] for c, fs in head.items()}
    if parts[0].endswith(("о", "е")):  # Івано-Франківськ, Приморско-Ахтарск
        tail = _part_forms(parts[-1], lang, adjective)
        return {c: ["-".join([*parts[:-1], f]) for f in fs] for c, fs in tail.items()}
    first = _part_forms(parts[0], lang, False)
    last = _part_forms(parts[-1], lang, True)
    return {c: [f"{a}-{b}" for a in first.get(c, [parts[0]])[:1] for b in last.get(c, [parts[-1]])[:1]]
            for c in CASES}


def adjective_forms(adj: str, lang: str, gender: str) -> set[str]:
    """Singular case forms of an adjective in one gender ("Харківська" -> харківської...)."""
    low = norm(adj)
    words = low.split(" ")
    per_word = [_adj_word(w, lang, gender) for w in words]
    out = {low}
    for case in CASES:
        out.add(" ".join(f.get(case, words[i]) for i, f in enumerate(per_word)))
    return out


def _adj_word(word: str, lang: str, gender: str) -> dict[str, str]:
    if "-" in word:
        head, _, tail = word.rpartition("-")
        return {c: f"{head}-{f}" for c, f in _adj_word(tail, lang, gender).items()}
    parses = [p for p in analyzer(lang).parse(word) if p.tag.POS == "ADJF"]
    for p in parses:
        out: dict[str, str] = {}
        for case in CASES:
            got = p.inflect({case, gender, "sing"} if lang == "ru" else {case, gender})
            if got is not None:
                out[case] = got.word
        if len(out) >= 5:
            return out
    return {}


def feminine_noun_forms(word: str) -> set[str]:
    """Forms of a Ukrainian/Russian "-щина"/"-чина" region noun (а/и/і/у/ою/е/ой/ей)."""
    low = norm(word)
    if not low.endswith("а"):
        return {low} | set(word_forms(low, langs_for(low)[0]).values())
    stem = low[:-1]
    return {low, stem + "и", stem + "і", stem + "у", stem + "ою", stem + "е", stem + "ой",
            stem + "ы", stem + "ей"}


_UK_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "'": "", "’": "", "-": "-", " ": " ",
}
_UK_LAT_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK_LAT_OTHER = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}


def translit_uk(name: str) -> str:
    """Official Ukrainian romanisation (2010), as English-language news use it."""
    out: list[str] = []
    low = name.lower().replace("зг", "zgh")
    for i, ch in enumerate(low):
        initial = i == 0 or not low[i - 1].isalpha()
        if ch in _UK_LAT_INITIAL:
            out.append((_UK_LAT_INITIAL if initial else _UK_LAT_OTHER)[ch])
        else:
            out.append(_UK_LAT.get(ch, ch))
    text = "".join(out)
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))


_UK_TO_RU = [("ський", "ский"), ("цький", "цкий"), ("зький", "зский"), ("і", "и"), ("ї", "и"),
             ("є", "е"), ("'", "ь")]


def uk_adjective_to_ru(adj: str) -> str:
    """A rough Russian spelling of a Ukrainian raion adjective (Павлоградський -> Павлоградский).

    Right for names that keep their stem (most raions); a wrong guess only fails to match.
    """
    low = adj.lower()
    for a, b in _UK_TO_RU:
        low = low.replace(a, b)
    return low


_RU_LAT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                   ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                    "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
                    "yu", "ya"]))


def translit_ru(name: str) -> str:
    """Russian romanisation as English-language news write it (Лискинский -> Liskinsky)."""
    low = name.lower().replace("ский", "sky").replace("цкий", "tsky").replace("ий", "y")
    text = "".join(_RU_LAT.get(ch, ch) for ch in low)
    return "-".join(w[:1].upper() + w[1:] for w in text.split("-"))
