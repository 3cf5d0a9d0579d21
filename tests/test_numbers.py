"""Numbers in English, Ukrainian and Russian: kinds, values, offsets, data files.

Each table row is (text, lang, every mention expected in that text). A mention is
(surface, kind, value) plus, when set, a dict of approx / lower_bound / quantifier.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words
from text_to_num import text2num

from skyledger.errors import UsageError
from skyledger.extract import numbers
from skyledger.extract.numbers import (
    CASE_ORDER,
    KINDS,
    LANGS,
    QUANTIFIERS,
    ROLES,
    NumberMention,
    find_numbers,
    load_data,
    parse_number,
)

CORPUS = Path("/work/shared/corpus/dev")
A = {"approx": True}
LB = {"lower_bound": True}

Row = tuple[str, str, list[tuple[Any, ...]]]


def summary(m: NumberMention) -> tuple[Any, ...]:
    flags = {k: getattr(m, k) for k in ("approx", "lower_bound", "quantifier") if getattr(m, k)}
    return (m.text, m.kind, m.value, flags) if flags else (m.text, m.kind, m.value)


def check(text: str, lang: str, expected: list[tuple[Any, ...]]) -> None:
    got = find_numbers(text, lang)
    assert [summary(m) for m in got] == expected
    for m in got:
        assert text[m.start:m.end] == m.text


ENGLISH: list[Row] = [
    ("Russia attacked with 51 drones and four missiles, killing two people.", "en",
     [("51", "count", 51), ("four", "count", 4), ("two", "count", 2)]),
    ("thirty-one, ninety-four, eleven, Fourteen missiles", "en",
     [("thirty-one", "count", 31), ("ninety-four", "count", 94), ("eleven", "count", 11),
      ("Fourteen", "count", 14)]),
    ("one hundred and five were lost; a dozen hit; a hundred fell", "en",
     [("one hundred and five", "count", 105), ("a dozen", "count", 12),
      ("a hundred", "count", 100)]),
    ("31, 4,100, 1.5 million drones, 29.0 and 1 500", "en",
     [("31", "count", 31), ("4,100", "count", 4100), ("1.5 million", "count", 1500000),
      ("29.0", "count", 29), ("1 500", "count", 1500)]),
    ("dozens, hundreds of thousands, several and a few", "en",
     [("dozens", "count", None, A), ("hundreds of thousands", "count", None, A),
      ("several", "count", None, A), ("a few", "count", None, A)]),
    ("at least 5, about 10, more than 4,100, nearly two hundred, up to four", "en",
     [("at least 5", "count", 5, LB), ("about 10", "count", None, A),
      ("more than 4,100", "count", None, A), ("nearly two hundred", "count", None, A),
      ("up to four", "count", None, A)]),
    ("20-odd drones, 100+ missiles, 10 or more, 40 or so", "en",
     [("20-odd", "count", None, A), ("100+", "count", 100, LB), ("10 or more", "count", 10, LB),
      ("40 or so", "count", None, A)]),
    # one that counts nothing
    ("intercepted one of the Kh-59s. It was one of the largest attacks. No one was hurt.", "en",
     [("one", "count", 1), ("Kh-59s", "id", None), ("one of the largest", "other", None),
      ("one", "other", None)]),
    ("they blamed one another; someone and anyone", "en", [("one another", "other", None)]),
    # quantifiers
    ("Both hit their targets. Neither was intercepted. All of them were shot down.", "en",
     [("Both", "count", 2, {"quantifier": "both"}), ("Neither", "count", None, {"quantifier": "neither"}),
      ("All of them", "count", None, {"quantifier": "all"})]),
    ("all but three of the 21 drones; all three missiles; none of the drones", "en",
     [("all but three", "count", 3, {"quantifier": "all_but"}), ("21", "count", 21),
      ("all three", "count", 3, {"quantifier": "all"}), ("none", "count", None, {"quantifier": "none"})]),
    ("nearly all intercepted; not all of them; alerts all over the country; in all, eleven", "en",
     [("nearly all", "count", None, {"approx": True, "quantifier": "all"}), ("eleven", "count", 11)]),
    # times, dates, years
    ("shortly after 2 a.m. (2300 GMT), at 04:15 and 10:50 p.m., at two o'clock", "en",
     [("2 a.m.", "time", None), ("2300 GMT", "time", None), ("04:15", "time", None),
      ("10:50 p.m.", "time", None), ("two o'clock", "time", None)]),
    ("KYIV, Sept 17 -; Dec. 13; 17 September; the 21st of March; 2024-03-21; 20.03.2024", "en",
     [("Sept 17", "date", 17), ("Dec. 13", "date", 13), ("17 September", "date", 17),
      ("21st of March", "date", 21), ("2024-03-21", "date", None), ("20.03.2024", "date", None)]),
    ("on Sept 17 and 18; on 17, 18 and 19 September", "en",
     [("Sept 17", "date", 17), ("18", "date", 18), ("17", "date", 17), ("18", "date", 18),
      ("19 September", "date", 19)]),
    ("since 2022, in the 1990s, the 2023-24 season", "en",
     [("2022", "year", 2022), ("1990s", "year", 1990), ("2023-24", "year", None)]),
    # ages
    ("a 67-year-old man, a seven-year-old girl, a man aged 45, a woman 76 years old", "en",
     [("67-year-old", "age", 67), ("seven-year-old", "age", 7), ("aged 45", "age", 45),
      ("76 years old", "age", 76)]),
    ('"It shook," said Oksana, 46, who hid in a metro station.', "en", [("46", "age", 46)]),
    # money, percent, measures
    ("$60-billion, 500 million euros, $55,000, $3bn, between $20,000 and $50,000", "en",
     [("$60-billion", "money", 60000000000), ("500 million euros", "money", 500000000),
      ("$55,000", "money", 55000), ("$3bn", "money", 3000000000),
      ("between $20,000 and $50,000", "money", None, A)]),
    ("79%, 58 percent, 30 kilometres, 1,500 kg, 70 km, a five-storey block, 50-kg warhead", "en",
     [("79%", "percent", 79), ("58 percent", "percent", 58), ("30 kilometres", "measure", 30),
      ("1,500 kg", "measure", 1500), ("70 km", "measure", 70), ("five-storey", "measure", 5),
      ("50-kg", "measure", 50)]),
    ("for 47 minutes, over the past 24 hours, about 30 kilometres (19 miles)", "en",
     [("47 minutes", "measure", 47), ("24 hours", "measure", 24),
      ("about 30 kilometres", "measure", None, A), ("19 miles", "measure", 19)]),
    # ordinals, scores, ranges, multipliers
    ("fifth, twelfth, 23rd, first, Ukraine's second-largest city", "en",
     [("fifth", "ordinal", 5), ("twelfth", "ordinal", 12), ("23rd", "ordinal", 23),
      ("first", "ordinal", 1), ("second-largest", "ordinal", 2)]),
    ("Shakhtar beat Dynamo 3-1; 40 to 60 drones; 7-9 floors; two or three; between 40 and 60", "en",
     [("3-1", "score", None), ("40 to 60", "range", None, A), ("7-9 floors", "measure", None, A),
      ("two or three", "range", None, A), ("between 40 and 60", "range", None, A)]),
    ("three times as many; 24/7; 1.5", "en",
     [("three times", "other", None), ("24/7", "other", None), ("1.5", "other", None)]),
    # ids are never counts
    ("Kh-101, Shahed-136/131, Tu-95MS, MiG-31K, S-300, KN-23, Su-34, 9M723, UA-48213377-2", "en",
     [("Kh-101", "id", None), ("Shahed-136/131", "id", None), ("Tu-95MS", "id", None),
      ("MiG-31K", "id", None), ("S-300", "id", None), ("KN-23", "id", None), ("Su-34", "id", None),
      ("9M723", "id", None), ("UA-48213377-2", "id", None)]),
    ("43 Shahed 136 drones at 0300 local time; Tel: 044 123 4567; NATO's Article 5; Boeing 737", "en",
     [("43", "count", 43), ("136", "id", None), ("0300 local time", "time", None),
      ("Tel: 044 123 4567", "id", None), ("5", "id", None), ("737", "id", None)]),
    ("on March 5, 6 and 7. On Sept 17, 14 drones. 41 of the Shaheds. Twenty of the decoys", "en",
     [("March 5", "date", 5), ("6", "date", 6), ("7", "date", 7), ("Sept 17", "date", 17),
      ("14", "count", 14), ("41", "count", 41), ("Twenty", "count", 20)]),
    ("call +38 (044) 123-45-67 or 0 800 505 600, school No. 5, https://x.example/a/2024", "en",
     [("+38 (044) 123-45-67", "id", None), ("0 800 505 600", "id", None), ("No. 5", "id", None),
      ("https://x.example/a/2024", "id", None)]),
]

UKRAINIAN: list[Row] = [
    ("атакував 37 ударними БпЛА типу Shahed-131/136 та 9 ракетами", "uk",
     [("37", "count", 37), ("Shahed-131/136", "id", None), ("9", "count", 9)]),
    ("одну, одна, одного, двох, двома, дві, трьома", "uk",
     [("одну", "count", 1), ("одна", "count", 1), ("одного", "count", 1), ("двох", "count", 2),
      ("двома", "count", 2), ("дві", "count", 2), ("трьома", "count", 3)]),
    ("тридцять одну, тридцяти п'яти, сорока семи, вісімдесят чотири, двадцятьма п'ятьма", "uk",
     [("тридцять одну", "count", 31), ("тридцяти п'яти", "count", 35), ("сорока семи", "count", 47),
      ("вісімдесят чотири", "count", 84), ("двадцятьма п'ятьма", "count", 25)]),
    ("дванадцятьма, сто, ста, двісті, двадцять дев'ять, півтори тисячі", "uk",
     [("дванадцятьма", "count", 12), ("сто", "count", 100), ("ста", "count", 100),
      ("двісті", "count", 200), ("двадцять дев'ять", "count", 29), ("півтори тисячі", "count", 1500)]),
    # півтори is 1.5: a count only with a scale word after it
    ("півтори години, півтора", "uk", [("півтори години", "measure", None), ("півтора", "other", None)]),
    # every apostrophe
    ("п’ять, п'ять, пʼять, п`ять", "uk",
     [("п’ять", "count", 5), ("п'ять", "count", 5), ("пʼять", "count", 5), ("п`ять", "count", 5)]),
    # collective numerals
    ("Двоє, троє, четверо, п'ятеро, шестеро, дев'ятеро, п'ятьох, дев'ятьох", "uk",
     [("Двоє", "count", 2), ("троє", "count", 3), ("четверо", "count", 4), ("п'ятеро", "count", 5),
      ("шестеро", "count", 6), ("дев'ятеро", "count", 9), ("п'ятьох", "count", 5),
      ("дев'ятьох", "count", 9)]),
    ("Обидві ракети влучили; обидва; обох", "uk",
     [("Обидві", "count", 2, {"quantifier": "both"}), ("обидва", "count", 2, {"quantifier": "both"}),
      ("обох", "count", 2, {"quantifier": "both"})]),
    # "одна з" counts one; "один з найбільших" and "один одного" do not
    ("одна з ракет; один з наймасованіших ударів; допомагали один одному", "uk",
     [("одна", "count", 1), ("один з наймасованіших", "other", None), ("один одному", "other", None)]),
    ("усі, крім трьох; всі 24 ракети; жодна не влучила; не всі збито; майже всі", "uk",
     [("усі, крім трьох", "count", 3, {"quantifier": "all_but"}), ("всі 24", "count", 24, {"quantifier": "all"}),
      ("жодна", "count", None, {"quantifier": "none"}),
      ("майже всі", "count", None, {"approx": True, "quantifier": "all"})]),
    ("щонайменше 5, понад 20, близько 40, майже 30, більше 10, до 5 ракет, 20 з гаком", "uk",
     [("щонайменше 5", "count", 5, LB), ("понад 20", "count", None, A), ("близько 40", "count", None, A),
      ("майже 30", "count", None, A), ("більше 10", "count", None, A), ("до 5", "count", None, A),
      ("20 з гаком", "count", None, A)]),
    ("кілька, десятки, десятки тисяч, кількох сотень, тисячі людей", "uk",
     [("кілька", "count", None, A), ("десятки", "count", None, A), ("десятки тисяч", "count", None, A),
      ("кількох сотень", "count", None, A), ("тисячі", "count", None, A)]),
    ("від 5 до 10, двох-трьох, два-три, 7–9 поверхах", "uk",
     [("від 5 до 10", "range", None, A), ("двох-трьох", "range", None, A),
      ("два-три", "range", None, A), ("7–9 поверхах", "measure", None, A)]),
    # ages
    ("68-річна, 12-річний, жінка 76 років, двох чоловіків, 38 та 41 року; водія, 47 років", "uk",
     [("68-річна", "age", 68), ("12-річний", "age", 12), ("76 років", "age", 76),
      ("двох", "count", 2), ("38", "age", 38), ("41 року", "age", 41), ("47 років", "age", 47)]),
    # times, dates, years
    ("У ніч на 19 травня 2024 року (з 20:00 18 травня); станом на 08:30; о 12.30", "uk",
     [("19 травня", "date", 19), ("2024 року", "year", 2024), ("20:00", "time", None),
      ("18 травня", "date", 18), ("08:30", "time", None), ("12.30", "time", None)]),
    ("10 та 11 вересня, з 20 на 21 березня, 21-го березня, двадцять першого березня, 20.03", "uk",
     [("10", "date", 10), ("11 вересня", "date", 11), ("20", "date", 20), ("21 березня", "date", 21),
      ("21-го березня", "date", 21), ("двадцять першого березня", "date", 21), ("20.03", "date", None)]),
    ("о п'ятій ранку, о 2 годині ночі, у 2022-му, у 90-х", "uk",
     [("п'ятій ранку", "time", None), ("2 годині ночі", "time", None), ("2022-му", "year", 2022),
      ("90-х", "year", 90)]),
    # ordinals and case suffixes on digits
    ("5-й, п'ятий, третього, сьома ранку, 7-ма бригада, 5-ма ракетами, 5-ти дронів", "uk",
     [("5-й", "ordinal", 5), ("п'ятий", "ordinal", 5), ("третього", "ordinal", 3),
      ("сьома ранку", "time", None), ("7-ма", "ordinal", 7), ("5-ма", "count", 5),
      ("5-ти", "count", 5)]),
    # money, percent, measures, thousands
    ("180 000 грн, 62 310, 1,5 млн грн, 3 тис. гривень, 12 %, до 70 км, 2 дні", "uk",
     [("180 000 грн", "money", 180000), ("62 310", "count", 62310), ("1,5 млн грн", "money", 1500000),
      ("3 тис. гривень", "money", 3000), ("12 %", "percent", 12), ("до 70 км", "measure", None, A),
      ("2 дні", "measure", 2)]),
    ("о 5 загинула жінка, 45 р. Кількість поранених зросла до 7; Шахед 136; школа 12; в 5 областях", "uk",
     [("5", "time", None), ("45 р.", "age", 45), ("7", "count", 7), ("136", "id", None),
      ("12", "id", None), ("5", "count", 5)]),
    ("на вул. Шевченка, 15 поранено 3 людей; на вул. Шевченка поранено 3 людей", "uk",
     [("15", "id", None), ("3", "count", 3), ("3", "count", 3)]),
    ("у 2 рази більше, одного разу, ліцей №136, #ППО, Х-101/Х-555, Ту-95МС, С-300, Х-47М2", "uk",
     [("2 рази", "other", None), ("одного разу", "other", None), ("№136", "id", None),
      ("#ППО", "id", None), ("Х-101/Х-555", "id", None), ("Ту-95МС", "id", None),
      ("С-300", "id", None), ("Х-47М2", "id", None)]),
]

RUSSIAN: list[Row] = [
    ("МОСКВА, 29 марта. Уничтожили 41 беспилотник над пятью регионами; 11 – над Курской", "ru",
     [("29 марта", "date", 29), ("41", "count", 41), ("пятью", "count", 5), ("11", "count", 11)]),
    ("одну, двух, двумя, трёх, семи, сорока, двое, трое, семеро, двадцать девять", "ru",
     [("одну", "count", 1), ("двух", "count", 2), ("двумя", "count", 2), ("трёх", "count", 3),
      ("семи", "count", 7), ("сорока", "count", 40), ("двое", "count", 2), ("трое", "count", 3),
      ("семеро", "count", 7), ("двадцать девять", "count", 29)]),
    ("оба, обе, обоих, все три ракеты, все, кроме двух, ни одна", "ru",
     [("оба", "count", 2, {"quantifier": "both"}), ("обе", "count", 2, {"quantifier": "both"}),
      ("обоих", "count", 2, {"quantifier": "both"}), ("все три", "count", 3, {"quantifier": "all"}),
      ("все, кроме двух", "count", 2, {"quantifier": "all_but"}),
      ("ни одна", "count", None, {"quantifier": "none"})]),
    ("около 10, более 20, свыше 30, почти 40, несколько, десятки, не менее 5, около десятка", "ru",
     [("около 10", "count", None, A), ("более 20", "count", None, A), ("свыше 30", "count", None, A),
      ("почти 40", "count", None, A), ("несколько", "count", None, A), ("десятки", "count", None, A),
      ("не менее 5", "count", 5, LB), ("около десятка", "count", None, A)]),
    ("в ночь на 21 марта 2024 года, в 2 часа ночи, с 20:00 до 06:00, за 2 часа", "ru",
     [("21 марта", "date", 21), ("2024 года", "year", 2024), ("2 часа ночи", "time", None),
      ("20:00", "time", None), ("06:00", "time", None), ("2 часа", "measure", 2)]),
    ("45-летний мужчина, женщина 76 лет, 5-й, пятый, 7-ми, от 5 до 10, двух-трёх", "ru",
     [("45-летний", "age", 45), ("76 лет", "age", 76), ("5-й", "ordinal", 5), ("пятый", "ordinal", 5),
      ("7-ми", "count", 7), ("от 5 до 10", "range", None, A), ("двух-трёх", "range", None, A)]),
    ("100 тыс. рублей, 1,5 млн, полторы тысячи, Х-47М2, Ту-22М3, С-300, один из крупнейших", "ru",
     [("100 тыс. рублей", "money", 100000), ("1,5 млн", "count", 1500000),
      ("полторы тысячи", "count", 1500), ("Х-47М2", "id", None), ("Ту-22М3", "id", None),
      ("С-300", "id", None), ("один из крупнейших", "other", None)]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), ENGLISH + UKRAINIAN + RUSSIAN)
def test_mentions(text: str, lang: str, expected: list[tuple[Any, ...]]) -> None:
    check(text, lang, expected)


@pytest.mark.parametrize(("text", "lang", "gram"), [
    ("тридцять одну", "uk", "acc"), ("двадцятьма п'ятьма", "uk", "ins"), ("сорока семи", "uk", "gent|dat|loc"),
    ("двоє", "uk", "nom|acc"), ("п'ятьох", "uk", "gent|acc|loc"), ("5-ти", "uk", "gent|dat|loc"),
    ("двумя", "ru", "ins"), ("четверо", "ru", "nom|acc"), ("thirty-one", "en", None),
])
def test_grammatical_case(text: str, lang: str, gram: str | None) -> None:
    (m,) = find_numbers(text, lang)
    assert m.gram == gram


@pytest.mark.parametrize(("phrase", "lang", "value"), [
    ("тридцять одну", "uk", 31), ("двадцятьма п'ятьма", "uk", 25), ("сьома", "uk", 7),
    ("одну тисячу двісті", "uk", 1200), ("thirty-one", "en", 31), (" 4,100 ", "en", 4100),
    ("a dozen", "en", 12), ("двое", "ru", 2), ("сорока", "ru", 40),
    ("about 10", "en", None), ("dozens", "en", None), ("fifth", "en", None), ("21 березня", "uk", None),
    ("two and three", "en", None), ("", "en", None), ("both", "en", None), ("at least 5", "en", None),
])
def test_parse_number(phrase: str, lang: str, value: int | None) -> None:
    assert parse_number(phrase, lang) == value


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_parse_number_reads_every_num2words_form(lang: str) -> None:
    """0..1000 in every case and gender num2words knows reads back to the same number."""
    spec = load_data(lang)["num2words"]
    wrong = [(n, case, gender, words) for n in range(1001) for case in spec["cases"]
             for gender in spec["genders"]
             if parse_number(words := num2words(n, lang=lang, case=case, gender=gender), lang) != n]
    assert wrong == []


def test_parse_number_agrees_with_text2num_in_english() -> None:
    wrong = []
    for n in range(0, 10001, 7):
        words = num2words(n, lang="en").replace(",", "")
        if not parse_number(words, "en") == text2num(words, "en") == n:
            wrong.append((n, words))
    assert wrong == []


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'de'.*en, uk, ru"):
        find_numbers("5 Drohnen", "de")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 ,.:-–/+%$№#'aAkmhx-ятьодинвісімтисячtwohundredfive\n",
               max_size=60), st.sampled_from(LANGS))
def test_offsets_sorted_and_disjoint(text: str, lang: str) -> None:
    got = find_numbers(text, lang)
    for m in got:
        assert text[m.start:m.end] == m.text and m.kind in KINDS
        assert m.value is None or isinstance(m.value, int)
    assert all(a.end <= b.start for a, b in pairwise(got))


# ---------------------------------------------------------------- data files

REQUIRED = set(load_data("en")) - {"_doc"}


@pytest.mark.parametrize("lang", LANGS)
def test_data_file_is_well_formed(lang: str) -> None:
    data = load_data(lang)
    assert set(data) - {"_doc"} == REQUIRED
    for key, value in data.items():
        items = value if isinstance(value, list) else list(value) if isinstance(value, dict) else []
        for item in items:
            if isinstance(item, str) and key not in ("num2words", "extra_words", "quantifiers"):
                re.compile(item)
    for word, (value, role, cases, sort) in data["extra_words"].items():
        assert word == word.lower() and "ё" not in word and "’" not in word
        assert isinstance(value, (int, float)) and role in ROLES and sort in ("cardinal", "ordinal")
        assert not cases or set(cases.split("|")) <= set(CASE_ORDER)
    assert set(data["num2words"]["cases"].values()) <= set(CASE_ORDER)
    assert set(data["quantifiers"]) <= QUANTIFIERS
    for gram in data["cardinal_digit_suffix"].values():
        assert set(gram.split("|")) <= set(CASE_ORDER)
    for kind, pattern in data["patterns"] + load_data("common")["patterns"]:
        assert kind in KINDS and re.compile(pattern)
    lexicon = numbers._lang(lang).lex
    assert all(word in lexicon for word in data["approx_alone"] + data["prefer_ordinal"])


# ---------------------------------------------------------------- the development corpus

NEVER_COUNTS = ("Shahed-131/136", "Х-101/Х-555", "Ту-95МС", "2 a.m.", "2300 GMT", "67-year-old",
                "19 травня", "2024 року", "20:00", "7-річна", "76 років", "41 року", "7–9 поверхах",
                "Sept 17", "$60-billion", "3-1")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="development corpus not available")
def test_development_corpus_never_counts_ids_dates_times_or_ages() -> None:
    import json

    texts = 0
    for path in sorted(CORPUS.glob("*.txt")):
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        for m in find_numbers(text, gold["document"]["language"]):
            texts += 1
            if m.kind == "count" and m.value is not None:
                assert m.text not in NEVER_COUNTS, (path.name, m)
                assert not re.search(r"\d[-:/]\d|\d-?[^\W\d_]", m.text), (path.name, m)
    assert texts > 300
