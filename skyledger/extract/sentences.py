"""Split cleaned text into paragraphs, sentences and clauses, keeping offsets.

Reports put one fact per line as often as one per sentence (Air Force lists,
bulleted casualty posts), so a line break always ends a sentence. A line
ending in ":" (or a short line in capitals) heads a list: the items below it inherit its verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:a\.m|p\.m|U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|"
    r"No|Gen|Lt|Col|Maj|Sgt|Gov|Rep|Sen|vs|etc|approx|obl|обл|р|рр|ст|м|с|смт|вул|ім|див|тис|"
    r"млн|млрд|грн|ін|т\.\s?ч|т\.\s?д|напр|пл|просп|г|ул|пос)|\b[A-ZА-ЯІЇЄҐ])\.$"
)
# A footnote mark may follow the stop: "...no casualties.[2] Sumy Oblast ...".
# A list item opens with a bullet: a mark or an emoji ("•", "▪", "◾️", "🔹") and a space, or "1 –".
_ITEM = re.compile(r"^\s*(?:[-–—•▪▫🔹🔸✅❗️⚡️*]|[^\w\s«»\"“”„'(\[№]{1,3}\s|\d+\s*[–—-]\s)")
_SENT_END = re.compile(r"[.!?…]+[\"'»”)]*(?:\[\d{1,3}\])*\s+(?=[\"'«“(]?[A-ZА-ЯІЇЄҐ0-9▪️🔹▫️•–—-])")
_CLAUSE_SPLIT = re.compile(
    r";\s+|,\s+(?=while\b|whereas\b|as\s+(?:Russia|Ukraine|Moscow|Kyiv)\b)|\s+[–—]\s+(?=[A-ZА-ЯІЇЄҐ])"
    # ", one of which was intercepted": the relative clause has its own verb.
    r"|,\s+(?=(?:\w+\s+)?of\s+which\b|which\b|where\b|(?:\w+\s+)?(?:з|із)\s+яких\b|(?:\w+\s+)?из\s+которых\b)"
    # ", еще 25 беспилотников локационно потеряны": a further group with a verb of its own.
    r"|,\s+(?=(?:and\s+|та\s+|і\s+|и\s+|а\s+)?(?:ще|ещё|еще|another|a\s+further)\s)"
    # "downed 58 drones and that 41 decoys were lost": a second reported statement.
    r"|,?\s+(?=(?:and|та|і|и)\s+(?:that|що|что)\b)"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int
    # True when the sentence is a list item under a heading line ending in ":".
    list_item: bool = False
    # Index of the heading sentence of the list this item belongs to.
    heading: int | None = None
    # True when the sentence stands in quotation marks (direct speech).
    quoted: bool = False


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, cur = [], start
    for m in _SENT_END.finditer(text, start, end):
        head = text[cur : m.start() + 1].rstrip()
        last = head.split()[-1] if head.split() else ""
        if _ABBREV.search(last) and not re.search(r"[\w]-[A-ZА-ЯІЇЄҐ]\.$", last):
            continue
        out.append((cur, m.end() - (len(m.group()) - len(m.group().rstrip()))))
        cur = m.end()
    if cur < end:
        out.append((cur, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


_QUOTE_OPEN = "\"“«"


def is_heading(line: str) -> bool:
    """A line that heads a list: it ends in ":" or is a short line in capitals ("WHAT WAS LAUNCHED")."""
    line = line.strip()
    if line.endswith(":"):
        return True
    return len(line) <= 60 and line.isupper() and not any(c.isdigit() for c in line)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in reading order; paragraphs are blocks separated by blank lines."""
    sentences: list[Sentence] = []
    paragraph, last_end = 0, 0
    heading: int | None = None
    in_quote = False
    prev_colon = False
    # Without blank lines (cleaned HTML, short posts) every line is a paragraph.
    line_paragraphs = "\n\n" not in text
    for ls, le in _lines(text):
        if line_paragraphs and last_end or "\n\n" in text[last_end:ls]:
            paragraph += 1
            # A heading ending in ":" keeps its list across one blank line; where every line is
            # a paragraph, the list runs on while its items do.
            heading = heading if prev_colon or line_paragraphs else None
        last_end = le
        line = text[ls:le]
        is_item = bool(_ITEM.match(line)) or (
            heading is not None and not is_heading(line)
            and len(line) < 200 and re.match(r"^\s*\d", line) is not None
        )
        if not is_item:
            heading = None
        for s, e in _split_line(text, ls, le):
            chunk = text[s:e]
            quoted = in_quote or chunk.lstrip()[:1] in _QUOTE_OPEN
            # A quotation that opens and is not closed carries on to the next sentence.
            opens = chunk.count("\"") % 2 == 1 or chunk.count("“") > chunk.count("”")
            in_quote = (not in_quote and opens and chunk.lstrip()[:1] in _QUOTE_OPEN) or (
                in_quote and not opens
            )
            sentences.append(
                Sentence(s, e, chunk, paragraph, len(sentences), is_item, heading if is_item else None, quoted)
            )
        prev_colon = is_heading(line)
        if prev_colon:
            heading = len(sentences) - 1
    return sentences


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Absolute spans of the clauses of a sentence (split where the speaker changes sides)."""
    out, cur = [], sentence.start
    for m in _CLAUSE_SPLIT.finditer(sentence.text):
        out.append((cur, sentence.start + m.start()))
        cur = sentence.start + m.end()
    out.append((cur, sentence.end))
    return [(s, e) for s, e in out if e > s]
