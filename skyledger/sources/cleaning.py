"""Text normalisation and removal of page clutter.

`clean_text` is the one normalisation every document's text goes through;
evidence offsets refer to its output. `strip_clutter` then drops lines that
are page furniture rather than report (correction prompts, "read also"
links, related-headline blocks, comment sections), using the patterns in
data/clutter.json. Both only remove or replace characters and lines; they
never rewrite a sentence.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from skyledger.extract import fold, scan

# Characters that carry nothing a reader sees: BOM, zero-width space/joiners,
# word joiner, Mongolian vowel separator, soft hyphen.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u180e\u00ad"
# Spaces other than U+0020: NBSP, narrow NBSP, figure/thin/hair and the
# other U+2000 block spaces, medium mathematical space, ideographic space,
# Ogham space mark.
_ODD_SPACES = "\u00a0\u202f\u2007\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\u1680"
# Apostrophe look-alikes, so that "п’ять" and "пʼять" match "п'ять".
_APOSTROPHES = "\u2019\u02bc`\u00b4\u2032\uff07"

_REPLACEMENTS = {
    **{c: "" for c in _INVISIBLE},
    **{c: " " for c in _ODD_SPACES},
    **{c: "'" for c in _APOSTROPHES},
    "\u2028": "\n",
    "\u2029": "\n",
    "\x85": "\n",
}
# A substitution over the few matches, not str.translate: translate looks up
# every character of the text in a dict (several times slower on a page).
_SPECIAL = re.compile("[" + "".join(map(re.escape, _REPLACEMENTS)) + "]")

# A headline in a related block: short, one line, no sentence end.
_HEADLINE_MAX_CHARS = 160
_SENTENCE_END = (".", ",", ";", ":")
# Comments are only cut when an article precedes them: some text line of
# this length before the marker (a lone header line is not an article).
_ARTICLE_LINE_MIN_CHARS = 40
_SEPARATOR = r"\s*(?:[:：\-–—|»>]+\s*(?P<rest>.*))?"


def clean_text(text: str) -> str:
    """Normalise text: newlines to \\n, invisible characters removed, odd
    spaces to " ", apostrophe variants to "'", Unicode NFC composition
    (a decomposed "й" or "ї" becomes one character). Nothing else changes:
    dashes, quotes and line structure stay as they are.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPECIAL.sub(lambda m: _REPLACEMENTS[m[0]], text)
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class ClutterPatterns:
    """Compiled patterns from data/clutter.json (see its "_about"): one
    alternation per list, so that a line costs one match call per list."""

    drop_line: re.Pattern[str]
    read_also: re.Pattern[str]
    related_block: re.Pattern[str]
    cut_from: re.Pattern[str]
    html_hints: tuple[str, ...]
    # drop_line's twin for lower-cased lines (extract/fold.py), and strings of which its
    # every match holds one: most lines hold none and skip its slow ".{0,200}" tries.
    drop_twin: re.Pattern[str] | None = None
    drop_literals: tuple[str, ...] = ()


# Group references would point at another entry's groups once the entries of
# a list are joined into one alternation.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _compile(patterns: list[str], suffix: str = "") -> re.Pattern[str]:
    # The engine tries the alternatives in order, each with the suffix, so the
    # first entry that matches wins, as with one pattern per entry.
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + f"){suffix}", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_clutter() -> ClutterPatterns:
    """Read data/clutter.json once; raise ValueError on a malformed entry."""
    raw = resources.files("skyledger.sources").joinpath("data/clutter.json").read_text("utf-8")
    data = json.loads(raw)
    keys = ("drop_line", "read_also", "related_block", "cut_from", "html_hints")
    for key in keys:
        entries = data.get(key)
        if not isinstance(entries, list) or not entries:
            raise ValueError(f"clutter.json: {key!r} must be a non-empty list")
        if not all(isinstance(e, str) and e.strip() for e in entries):
            raise ValueError(f"clutter.json: every {key!r} entry must be a non-empty string")
        if key != "html_hints" and any(_GROUP_REFERENCE.search(e) for e in entries):
            raise ValueError(
                f"clutter.json: {key!r} entries cannot refer to groups (\\1, (?P=...))"
            )
    drop_line = _compile(data["drop_line"])
    drop_twin = fold.twin(drop_line)
    return ClutterPatterns(
        drop_line=drop_line,
        read_also=_compile(data["read_also"], _SEPARATOR),
        related_block=_compile(data["related_block"], r"\s*:?"),
        cut_from=_compile(data["cut_from"], r"\s*:?"),
        html_hints=tuple(h.lower() for h in data["html_hints"]),
        drop_twin=drop_twin,
        drop_literals=scan.literals(drop_twin) if drop_twin is not None else (),
    )


def _drops(line: str, pats: ClutterPatterns) -> bool:
    """``pats.drop_line.fullmatch(line)``, told quicker from the lower-cased line."""
    low = fold.lower(line) if pats.drop_literals else None
    if low is None or pats.drop_twin is None:
        return pats.drop_line.fullmatch(line) is not None
    return any(lit in low for lit in pats.drop_literals) and pats.drop_twin.fullmatch(low) is not None


def _is_headline(line: str) -> bool:
    return 0 < len(line) <= _HEADLINE_MAX_CHARS and not line.endswith(_SENTENCE_END)


def _next_text_line(lines: list[str], start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None


def _comments_start(lines: list[str], pats: ClutterPatterns) -> int:
    """Index of the line that opens a comment section, or len(lines)."""
    seen_article = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if seen_article and pats.cut_from.fullmatch(line):
            return i
        if len(line) >= _ARTICLE_LINE_MIN_CHARS:
            seen_article = True
    return len(lines)


def _drop_headlines_after(lines: list[str], start: int, drop: set[int]) -> list[str]:
    """Drop consecutive headline-like lines from start on; return them."""
    dropped: list[str] = []
    i = _next_text_line(lines, start)
    while i is not None and _is_headline(lines[i].strip()):
        drop.add(i)
        dropped.append(lines[i].strip())
        i = _next_text_line(lines, i + 1)
    return dropped


def _clutter_lines(lines: list[str], pats: ClutterPatterns) -> set[int]:
    """Indexes of the lines to drop (the comment section is handled apart)."""
    drop: set[int] = set()
    headlines: list[str] = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or i in drop:
            continue
        if _drops(line, pats):
            drop.add(i)
        elif (match := pats.read_also.fullmatch(line)) is not None:
            drop.add(i)
            if not (match.group("rest") or "").strip():
                nxt = _next_text_line(lines, i + 1)
                if nxt is not None and _is_headline(lines[nxt].strip()):
                    drop.add(nxt)
        elif pats.related_block.fullmatch(line):
            drop.add(i)
            headlines += _drop_headlines_after(lines, i + 1, drop)
    copies = set(headlines)
    drop.update(i for i, raw in enumerate(lines) if raw.strip() in copies)
    return drop


def strip_clutter(text: str) -> str:
    """Drop page clutter lines from cleaned text; article sentences stay.

    Returns the text with outer whitespace stripped; runs of blank lines left
    by removed lines shrink to one blank line.
    """
    pats = load_clutter()
    lines = text.split("\n")
    lines = lines[: _comments_start(lines, pats)]
    drop = _clutter_lines(lines, pats)
    kept = [line for i, line in enumerate(lines) if i not in drop]
    out = "\n".join(kept)
    if drop:
        out = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", out)
    return out.strip()
