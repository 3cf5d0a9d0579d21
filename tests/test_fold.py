"""Twins of case-insensitive patterns find the same spans in lower-cased text."""

from __future__ import annotations

import random
import re

from skyledger.extract import actors, dates, fold

TEXTS = [
    "Russian forces shot down 12 Ukrainian drones over Belgorod on Sunday night.",
    "ППО РФ збила 5 безпілотників над територією Росії; ворог атакував УКРАЇНУ вночі.",
    "Средства ПВО уничтожили 20 БПЛА над территорией России в ночь на 3 июня.",
    "Kelvin K, Å, ǅ and ß fold plainly; QUICK Brown ÉCLAIR",
]
ODD = ["ſ", "ı", "İ", "Σ", "ᲀ", "ẞ", "ϐ", "ﬅ"]


def _patterns() -> list[re.Pattern[str]]:
    acts = actors._actors()
    out = [p for table in (acts.cues, acts.weak) for cues in table.values() for p, *_ in cues]
    out += [rx for rx, _ in acts.any_cue.values()]
    out += list(dates._words().parts.values()) + list(dates._date_patterns())
    out += [dates._weekday_pattern(), dates._window_pattern(), re.compile(r"[a-zа-яі]+\b", re.IGNORECASE)]
    return out


def _texts() -> list[str]:
    rnd = random.Random(5)
    words = [w for t in TEXTS for w in t.split()]
    out = list(TEXTS)
    for _ in range(300):
        picked = [rnd.choice(words) for _ in range(rnd.randint(1, 12))]
        picked = [w.upper() if rnd.random() < 0.2 else w for w in picked]
        if rnd.random() < 0.3:
            picked.insert(rnd.randrange(len(picked) + 1), rnd.choice(ODD))
        out.append(" ".join(picked))
    return out


def test_twins_match_the_same_spans() -> None:
    for text in _texts():
        low = fold.lower(text)
        if low is None:
            assert any(ch in text for ch in ODD)
            continue
        assert len(low) == len(text)
        for rx in _patterns():
            twin = fold.twin(rx)
            assert twin is not None
            assert [m.span() for m in twin.finditer(low)] == [m.span() for m in rx.finditer(text)]


def test_special_folds_are_refused() -> None:
    assert fold.lower("dotless ı") is None
    assert fold.lower("Σ") is None
    assert fold.twin(re.compile("ı", re.IGNORECASE)) is None
    assert fold.twin(re.compile("a")) is None  # case-sensitive already
