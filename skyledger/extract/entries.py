"""The parts of a report that are not its running text: timestamped entries of live
reports ("08:31", "10.05 BST" on a line of their own), their headlines, and a page's
header above its byline.

A live blog gives each entry a time and often a headline that repeats the entry's
figures in short (and can be stale); so does a page's headline and standfirst. Some
blogs put the newest entry first: their later-in-text figures are the older ones, so
facts are put back in time order before "the latest report wins" is applied.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from skyledger.extract import dates
from skyledger.extract.facts import SentenceFacts
from skyledger.extract.sentences import Sentence

_STAMP = re.compile(
    r"^\s*(?:(?:updated?|оновлено|обновлено)\s*,?\s*)?([01]?\d|2[0-3])[:.]([0-5]\d)"
    r"(?:\s*(?:[ap]\.?m\.?|BST|GMT|CET|CEST|EET|EEST|UTC|MSK|мск|Kyiv\s+time|за\s+київським\s+часом))?\s*$",
    re.IGNORECASE,
)
_CLOSED = (".", "!", "?", ":", ";", "…", '"', "»", "”", ")")


def _minutes(s: Sentence) -> int | None:
    m = _STAMP.match(s.text)
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def newest_first_stamps(sentences: list[Sentence], order: dict[int, int] | None) -> set[int]:
    """Indices of the time stamps of a live report whose entries run newest first (`order`,
    from `time_order`, is not None); none for a text in time order."""
    if order is None:
        return set()
    return {s.index for s in sentences if _minutes(s) is not None}


def headlines(text: str, sentences: list[Sentence]) -> set[int]:
    """Indices of entry headlines: a line of its own right after a time stamp, without
    a closing stop, followed by the entry's text."""
    out = set()
    for prev, s, nxt in zip(sentences, sentences[1:], sentences[2:]):
        if _minutes(prev) is None or _minutes(s) is not None:
            continue
        if _whole_line(text, s) and not s.text.rstrip().endswith(_CLOSED) and len(s.text) < 160 and nxt.start > s.end:
            out.add(s.index)
    return out


_SUMMARY = re.compile(r"\s*(?:key\s+(?:takeaways|points|developments|events)|ключові\s+(?:тези|події)|ключевые\s+(?:выводы|события))"
                      r"(?:\s+(?:on|of|for|за|на)\s+[^:]{1,30})?\s*:?\s*", re.IGNORECASE)


def takeaways(sentences: list[Sentence]) -> set[int]:
    """Items listed under "Key Takeaways:": the report below in short. Like headlines they
    give no figures (the body gives them with their times)."""
    heads = {s.index for s in sentences if _SUMMARY.fullmatch(s.text)}
    return {s.index for s in sentences if s.heading in heads} if heads else set()


def subheads(text: str, sentences: list[Sentence], counts: dict[int, list[int]]) -> set[int]:
    """Indices of a story's subheads: a line alone in its paragraph, without a closing stop,
    whose counts all come again in the paragraph after it ("Russian drone attack on Kharkiv
    injures 7" over "... injuring seven people"). ``counts`` gives each sentence's counts."""
    by_paragraph: dict[int, list[int]] = {}
    for x in sentences:
        by_paragraph.setdefault(x.paragraph, []).extend(counts.get(x.index, []))
    out = set()
    for prev, s, nxt in zip([None, *sentences], sentences, sentences[1:]):
        mine = counts.get(s.index, [])
        if (not _whole_line(text, s) or s.text.rstrip().endswith(_CLOSED) or len(s.text) > 160
                or nxt.paragraph == s.paragraph or s.list_item
                or (prev is not None and prev.paragraph == s.paragraph)):
            continue
        after = by_paragraph[nxt.paragraph]
        if (all(v in after for v in mine) if mine else _TITLE_CASE.fullmatch(s.text.strip())):
            out.add(s.index)
    return out


# A subhead without counts: several English words ("Guided bomb strike on Zaporizhzhia"), not a
# place label ("Kharkiv Oblast") or a Ukrainian post's line.
_TITLE_CASE = re.compile(r"[A-Z][\w'’-]*(?:[ :,]+[\w'’.-]+){3,14}")


_BYLINE = re.compile(r"^\s*(?:by\s+\S|published\b|updated\b|опубліковано|оновлено|опубликовано|обновлено|автор\b)",
                     re.IGNORECASE)


# A page's masthead line: outlet, section and date between separators.
_MASTHEAD = re.compile(r"^[^\n]{2,60}\s[·|•]\s[^\n]{0,60}\b(?:20\d\d|\d{1,2}[:.]\d{2})\b[^\n]{0,20}$")


def header(text: str, sentences: list[Sentence], around: date | None) -> set[int]:
    """Indices of a page's header lines: the headline and standfirst above a byline or a
    date line ("By the Example Wire world desk", "Mon 15 Apr 2024 16.40 BST"). Like a
    headline, a standfirst sums the story up in short and its figures can be stale."""
    if sentences and _MASTHEAD.search(sentences[0].text) and _whole_line(text, sentences[0]):
        # "Воронежский курьер · Происшествия · 19 июля 2024, 18:40" over the headline.
        return {x.index for x in sentences[1:3] if _whole_line(text, x) and len(x.text) < 200
                and not x.text.rstrip().endswith(_CLOSED[:3]) and x.paragraph == sentences[1].paragraph}
    for s in sentences[:6]:
        if not _whole_line(text, s) or s.text.rstrip().endswith(_CLOSED[:3]) or len(s.text) > 200:
            return set()
        if _BYLINE.match(s.text) or (around is not None and dates.names_a_date(s.text, around)):
            return {x.index for x in sentences if x.index < s.index and _whole_line(text, x)
                    and not x.text.rstrip().endswith(_CLOSED[:3])}
    return set()


def _whole_line(text: str, s: Sentence) -> bool:
    return text[s.end : s.end + 1] in ("\n", "") and text[s.start - 1 : s.start] in ("\n", "")


def time_order(sentences: list[Sentence]) -> dict[int, int] | None:
    """Sentence index -> its place in time, for a blog whose entries run newest first;
    None when the text already runs in time order."""
    stamps = [(s.index, t) for s in sentences if (t := _minutes(s)) is not None]
    falls = sum(1 for (_, a), (_, b) in itertools.pairwise(stamps) if b < a)
    if len(stamps) < 2 or falls * 2 <= len(stamps) - 1:
        return None
    entry, key = -1, {}
    firsts = {i for i, _ in stamps}
    for s in sentences:
        entry += s.index in firsts
        # Entries run newest first; the text above the first stamp sums the story up as of now.
        age = len(stamps) if entry < 0 else len(stamps) - 1 - entry
        key[s.index] = (age, s.index)
    ranked = sorted(key, key=lambda i: key[i])
    return {i: rank for rank, i in enumerate(ranked)}


def put_in_time_order(facts: list[SentenceFacts], order: dict[int, int]) -> list[SentenceFacts]:
    """The facts of a frame in time order, each figure's `order` its place in time."""
    for sf in facts:
        for w in sf.weapons:
            w.order = order[sf.index]
        for c in sf.casualties:
            c.order = order[sf.index]
    return sorted(facts, key=lambda sf: order[sf.index])
