"""Highlights built from offsets, never from HTML.

Document text is untrusted. It is cut into plain-text segments at every span
boundary; templates print each segment escaped and wrap marked ones in
<mark>. No part of the text is ever interpreted as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

# Characters shown on each side of an evidence span when its sentence cannot
# be found in the text (long enough to read the figure in context).
CONTEXT = 240
_ENDS = ".!?…"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str  # the field, e.g. "launched" or "weapons.attack_drone.destroyed"
    attack_id: int | None = None


@dataclass
class Segment:
    text: str
    start: int  # offset of the segment in the document text
    spans: list[Span] = field(default_factory=list)

    @property
    def labels(self) -> str:
        return " ".join(sorted({s.label for s in self.spans}))

    @property
    def attack_id(self) -> int | None:
        ids = [s.attack_id for s in self.spans if s.attack_id is not None]
        return ids[0] if ids else None


def _clamp(spans: list[Span], lo: int, hi: int) -> list[Span]:
    return [
        Span(max(s.start, lo), min(s.end, hi), s.label, s.attack_id)
        for s in spans
        if s.end > lo and s.start < hi and s.end > s.start
    ]


def segments(text: str, spans: list[Span], lo: int = 0, hi: int | None = None) -> list[Segment]:
    """text[lo:hi] cut at every span boundary; each piece knows its spans."""
    hi = len(text) if hi is None else min(hi, len(text))
    lo = max(0, min(lo, hi))
    inside = _clamp(spans, lo, hi)
    cuts = sorted({lo, hi, *(s.start for s in inside), *(s.end for s in inside)})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        covering = [s for s in inside if s.start <= a and s.end >= b]
        out.append(Segment(text[a:b], a, covering))
    return out


def sentence_bounds(text: str, start: int, end: int, sentence: str) -> tuple[int, int]:
    """Where the evidence sentence sits around text[start:end].

    The stored sentence is used when it is found around the span and is more
    than the span itself; otherwise the text is cut at the nearest sentence
    ends, at most CONTEXT characters away.
    """
    sentence = sentence.strip()
    if len(sentence) > end - start:
        lo = max(0, start - len(sentence))
        at = text.find(sentence, lo, end + len(sentence))
        if at != -1 and at <= start and at + len(sentence) >= end:
            return at, at + len(sentence)
    return _sentence_around(text, start, end)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    lo = start
    floor = max(0, start - CONTEXT)
    while lo > floor and not (text[lo - 1] == "\n" or (
            text[lo - 1].isspace() and lo >= 2 and text[lo - 2] in _ENDS)):
        lo -= 1
    hi = end
    ceiling = min(len(text), end + CONTEXT)
    while hi < ceiling and text[hi] != "\n" and not (
            text[hi] in _ENDS and (hi + 1 == len(text) or text[hi + 1].isspace())):
        hi += 1
    if hi < len(text) and text[hi] in _ENDS:
        hi += 1
    return lo, hi


def excerpt(text: str, span: Span, sentence: str) -> list[Segment]:
    """The evidence sentence of one span, with the span marked."""
    lo, hi = sentence_bounds(text, span.start, span.end, sentence)
    return segments(text, [span], lo, hi)


def excerpts(text: str, evidence: list[tuple[Span, str]]) -> list[list[Segment]]:
    """One excerpt per sentence, in text order, marking every span that falls in it."""
    by_sentence: dict[tuple[int, int], list[Span]] = {}
    for span, sentence in evidence:
        bounds = sentence_bounds(text, span.start, span.end, sentence)
        by_sentence.setdefault(bounds, []).append(span)
    return [segments(text, spans, lo, hi) for (lo, hi), spans in sorted(by_sentence.items())]
