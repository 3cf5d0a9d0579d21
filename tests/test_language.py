"""Language identification: en / uk / ru on articles and short channel posts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyledger.extract.language import (
    detect_language,
    guess_language,
    load_evidence,
    script_counts,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/dev")

SENTENCES = [
    ("Russia launched 40 drones at Ukraine overnight, the air force said.", "en"),
    ("Air raid alert in Kyiv!", "en"),
    ("У ніч на 5 березня ворог атакував Одещину ударними дронами.", "uk"),
    ("Сили ППО збили 12 шахедів над Київщиною.", "uk"),
    ("Загиблих немає, поранено двох людей.", "uk"),
    ("Тривога! Ракетна небезпека", "uk"),
    ("Вибухи в Одесі", "uk"),
    ("Збито", "uk"),
    ("п'ять ракет", "uk"),
    ("Ночью над Белгородской областью сбито 6 беспилотников.", "ru"),
    ("По данным минобороны, силы ПВО уничтожили 20 БПЛА.", "ru"),
    ("Взрывы в Одессе", "ru"),
    ("Тревога! Ракетная опасность", "ru"),
    ("Погибли два человека, еще пятеро ранены.", "ru"),
    ("Обошлось без жертв и пострадавших.", "ru"),
]


@pytest.mark.parametrize(("text", "code"), SENTENCES)
def test_sentences(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_mixed_text_takes_the_majority() -> None:
    uk = "Уночі ворог атакував Харківщину шахедами, збито 20 із 25 дронів. "
    en = "Kyiv, (AP) - "
    assert detect_language(en + uk * 3) == "uk"
    assert (
        detect_language(uk + "Russia launched drones at Kharkiv overnight, officials said. " * 4)
        == "en"
    )
    quote = "«Ночью сбито 6 беспилотников», – заявили в міністерстві. "
    assert detect_language(quote + uk * 2) == "uk"
    assert detect_language("Shahed-136, Iskander-M і Х-59: збито 30 цілей") == "uk"


def test_no_evidence() -> None:
    assert guess_language("🔥🔥 12:40") is None
    assert guess_language("Внимание!") is None  # Cyrillic, no marker either way
    assert detect_language("Внимание!") == "uk"  # the documented Cyrillic default
    assert detect_language("") == "en"
    assert detect_language("12 / 40") == "en"


def test_script_counts() -> None:
    assert script_counts("Abc Гґ 12") == (3, 2)


def test_evidence_data_is_well_formed() -> None:
    uk, ru = load_evidence()
    assert (uk.code, ru.code) == ("uk", "ru")
    assert not uk.letters & ru.letters
    assert not set(uk.words) & set(ru.words), "a word cannot count for both languages"
    for ev in (uk, ru):
        assert all(w == w.lower() and w.isalpha() for w in ev.words)
        assert all(weight > 0 for weight in ev.words.values())
    # A word spelled with the other language's marker letter would be a contradiction.
    assert not any(set(w) & ru.letters for w in uk.words)
    assert not any(set(w) & uk.letters for w in ru.words)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_corpus_languages() -> None:
    from skyledger.sources import load_path

    wrong = []
    for gold_path in sorted(CORPUS.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["document"]
        loaded = load_path(CORPUS / gold["source"])
        got = {doc.language for doc in loaded.documents}
        if got != {gold["language"]}:
            wrong.append((gold["source"], gold["language"], got))
    assert wrong == []
