"""Language identification: English, Ukrainian or Russian, from letters alone.

A script count decides Latin against Cyrillic; within Cyrillic the letters
only one language has (і ї є ґ against ы э ъ ё) and frequent function words
decide Ukrainian against Russian. The evidence lives in data/language.json.
It is a heuristic for news and channel posts in these three languages, fast
enough to run on every Telegram message (no model, no dependency).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Cyrillic text without any evidence either way is most often Ukrainian in
# this project's sources (Ukrainian officials, regional administrations).
CYRILLIC_DEFAULT = "uk"
# Text with no letters at all (digits, emoji) has no language; the contract
# needs a two-letter code, so it gets this one.
NO_LETTERS_DEFAULT = "en"

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# The first letter of each _WORD match: a letter after no letter, nor after a letter and "'".
_FIRST_LETTER = re.compile(r"(?<![^\W\d_])(?<![^\W\d_]')[^\W\d_]")


@dataclass(frozen=True)
class LanguageEvidence:
    """Marker letters, weighted words and patterns for one Cyrillic language."""

    code: str
    letters: frozenset[str]
    words: dict[str, float]
    patterns: tuple[re.Pattern[str], ...]


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff" or "\u0500" <= ch <= "\u052f"


@lru_cache(maxsize=1)
def load_evidence() -> tuple[LanguageEvidence, ...]:
    """Read data/language.json once; raise ValueError if an entry is malformed."""
    raw = resources.files("skyledger.extract").joinpath("data/language.json").read_text("utf-8")
    data = json.loads(raw)
    out = []
    for code in ("uk", "ru"):
        letters = data["letters"][code]
        words = data["words"][code]
        if not isinstance(letters, str) or not all(_is_cyrillic(c) for c in letters):
            raise ValueError(f"language.json: letters for {code!r} must be Cyrillic letters")
        for word, weight in words.items():
            if word != word.lower() or not isinstance(weight, (int, float)) or weight <= 0:
                raise ValueError(f"language.json: bad word entry {code}:{word!r}={weight!r}")
        patterns = tuple(re.compile(p) for p in data["patterns"][code])
        out.append(LanguageEvidence(code, frozenset(letters), dict(words), patterns))
    return tuple(out)


_CYRILLIC_RUN = re.compile("[\u0400-\u052f]+")
_LATIN_RUN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
# Over a string of letters only: any code point below U+0250 is a Latin letter.
_LATIN_LETTER = re.compile("[\u0000-\u024f]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u052f]")


def script_counts(text: str) -> tuple[int, int]:
    """Return (Latin letters, Cyrillic letters) in text."""
    # Regular-expression runs: a per-character loop costs milliseconds per report.
    cyrillic = sum(len(m) for m in _CYRILLIC_RUN.findall(text))
    latin = sum(len(m) for m in _LATIN_RUN.findall(text))
    return latin, cyrillic


def _latin_majority(text: str) -> bool:
    """Whether Latin script outweighs Cyrillic: by words, then by letters.

    Words first, so that long Latin weapon names ("Shahed", "Iskander") in a
    short Ukrainian post do not outvote its Cyrillic words.
    """
    # A word's script is that of its first letter, nearly always its only one;
    # counting over the string of first letters keeps the loop in C.
    firsts = "".join(_FIRST_LETTER.findall(text))
    cyrillic_words = len(_CYRILLIC_LETTER.findall(firsts))
    latin_words = len(_LATIN_LETTER.findall(firsts))
    if latin_words != cyrillic_words:
        return latin_words > cyrillic_words
    latin, cyrillic = script_counts(text)
    return latin > cyrillic


def cyrillic_scores(text: str) -> dict[str, float]:
    """Score the Ukrainian and Russian evidence in text (higher is stronger)."""
    lowered = text.lower()
    words = Counter(_WORD.findall(lowered))
    scores: dict[str, float] = {}
    for ev in load_evidence():
        score = float(sum(lowered.count(c) for c in ev.letters))
        score += sum(words[w] * weight for w, weight in ev.words.items() if w in words)
        score += sum(len(p.findall(lowered)) for p in ev.patterns)
        scores[ev.code] = score
    return scores


def guess_language(text: str) -> str | None:
    """Return "en", "uk" or "ru", or None when the text gives no evidence.

    None means: no letters, or Cyrillic with no Ukrainian or Russian marker.
    Callers that see many texts from one source (a channel) can then use
    the source's majority language instead of a blind default.
    """
    if not (_LATIN_RUN.search(text) or _CYRILLIC_RUN.search(text)):
        return None     # no letters: script_counts would be (0, 0)
    if _latin_majority(text):
        return "en"
    scores = cyrillic_scores(text)
    if scores["uk"] == scores["ru"]:
        return None
    return "uk" if scores["uk"] > scores["ru"] else "ru"


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of text's main language: "en", "uk" or "ru".

    Mixed text takes its majority: the script of more words, then the stronger of
    Ukrainian and Russian. See CYRILLIC_DEFAULT and NO_LETTERS_DEFAULT for
    text without evidence.
    """
    guess = guess_language(text)
    if guess is not None:
        return guess
    _, cyrillic = script_counts(text)
    return CYRILLIC_DEFAULT if cyrillic else NO_LETTERS_DEFAULT
