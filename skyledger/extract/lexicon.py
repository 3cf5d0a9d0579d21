"""Cue patterns per language, loaded once from data/cues_<lang>.json.

A cue is a phrase that tells what a nearby figure means: a verb of
destruction, a casualty word, a marker of totals or updates. The patterns
are data so that each language grows without touching the code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LANGUAGES = ("en", "uk", "ru")


@dataclass(frozen=True)
class Cue:
    kind: str
    start: int
    end: int


def _data(name: str) -> dict[str, object]:
    raw = resources.files("skyledger.extract").joinpath("data", name).read_text("utf-8")
    data: dict[str, object] = json.loads(raw)
    return data


def _compile(patterns: list[str]) -> re.Pattern[str]:
    # Word boundaries where the pattern starts or ends with a letter.
    parts = []
    for p in patterns:
        head = "" if p.startswith(("\\b", "^", "(?<")) else r"(?<![\w'])"
        tail = "" if p.endswith(("\\b", "$", ")")) else r"(?![\w'])"
        parts.append(f"{head}(?:{p}){tail}")
    return re.compile("|".join(parts), re.IGNORECASE)


@lru_cache(maxsize=None)
def patterns(lang: str) -> dict[str, re.Pattern[str]]:
    """Compiled cue patterns of one language, by kind."""
    lang = lang if lang in LANGUAGES else "en"
    data = _data(f"cues_{lang}.json")
    return {k: _compile(v) for k, v in data.items() if not k.startswith("_") and isinstance(v, list)}


def find(text: str, lang: str, kind: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Every match of one cue kind in text[start:end], with absolute offsets."""
    pat = patterns(lang).get(kind)
    if pat is None:
        return []
    stop = len(text) if end is None else end
    return [Cue(kind, m.start(), m.end()) for m in pat.finditer(text, start, stop)]


def has(text: str, lang: str, kind: str) -> bool:
    pat = patterns(lang).get(kind)
    return bool(pat and pat.search(text))
