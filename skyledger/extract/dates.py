"""When an attack happened: the story's own date and the time phrases of a sentence.

dateparser cannot resolve "overnight", "у ніч на 21 березня" or "late on
Monday" (see the dependency notes), so the few phrase shapes that reports use
are read here, against the story date (a dateline's date outranks the page's).
An overnight attack takes the morning's date; an evening one its own date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from skyledger.extract.fold import Folded


@dataclass(frozen=True)
class TimeCue:
    date: date | None
    daypart: str | None  # "night", "day", "evening" or None
    start: int
    end: int
    dated: bool = True   # False for an hour alone ("at about 11 p.m."): the day is the story's
    bare: bool = False   # a part of day alone ("Late in the evening"), no day named


@dataclass(frozen=True)
class _Words:
    months: list[tuple[int, str]]
    weekdays: list[tuple[int, str]]
    parts: dict[str, re.Pattern[str]]
    month_re: str
    days_after: list[re.Pattern[str]]  # "It came two days after a strike on ...", by language
    days_after_numbers: dict[str, int]


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw = resources.files("skyledger.extract").joinpath("data", "time_words.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    months = [(int(k), p) for k, ps in data["months"].items() for p in ps]
    weekdays = [(int(k), p) for k, ps in data["weekdays"].items() for p in ps]
    parts = {
        k: re.compile(r"(?<!\w)(?:" + "|".join(v) + r")(?!\w)", re.IGNORECASE)
        for k, v in data.items()
        if k in ("night", "morning", "evening", "day", "yesterday", "today", "last", "earlier", "reporting",
                 "sequence", "next_night")
    }
    month_re = "|".join(p for _, p in months)
    days_after = [re.compile(p, re.IGNORECASE) for p in data["days_after"]]
    return _Words(months, weekdays, parts, month_re, days_after, data["days_after_numbers"])


# What a morning is in the document being read: the night's wave ("this morning"), or a
# day's strike of its own when the document sets it apart from the night (`morning_apart`).
_MORNING: ContextVar[str] = ContextVar("morning", default="night")


@contextmanager
def mornings_read_as(part: str) -> Iterator[None]:
    token = _MORNING.set(part)
    try:
        yield
    finally:
        _MORNING.reset(token)


def morning_apart(sentences: list[str], families: Callable[[int], set[str]] | None = None) -> bool:
    """Whether a document tells a morning strike from the night's attack: one sentence names
    both with a word of sequence between them ("The morning strike followed an overnight
    attack", "on Friday morning, ... only hours after a night-long drone attack"), or the
    morning's weapons (`families` of the i-th sentence) are none of the night's."""
    w = _words()
    if families is not None:
        morning_arms: set[str] = set()
        night_arms: set[str] = set()
        for i, s in enumerate(sentences):
            morning, night = w.parts["morning"].search(s), w.parts["night"].search(s)
            if bool(morning) != bool(night):
                (morning_arms if morning else night_arms).update(families(i))
        if morning_arms and night_arms and not morning_arms & night_arms:
            return True  # "dropped two guided bombs on Beryslav on Monday morning ... Overnight, ... 20 Shahed drones"
    for s in sentences:
        seg = Folded(s)
        mornings = [m.start() for m in seg.finditer(w.parts["morning"])]
        nights = [m.start() for m in seg.finditer(w.parts["night"])] if mornings else []
        if not nights:
            continue
        a, b = sorted((min(mornings), min(nights)))
        if w.parts["sequence"].search(s, a, b):
            return True
    # "Overnight, before the Chernihiv strike, Russia launched 81 drones": the night's wave
    # told apart from a strike the document dates by its morning.
    return any(w.parts["morning"].search(s) for s in sentences) and any(
        (m := w.parts["night"].search(s)) is not None and _BEFORE_STRIKE.match(s, m.end()) for s in sentences
    )


# Right after a night word: "Overnight, before the Chernihiv strike", "Уночі, перед ранковим ударом".
_BEFORE_STRIKE = re.compile(
    r"[\s,]+(?:before|ahead\s+of|перед|до)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:strike|attack|ударом|атакою|атакой)\b",
    re.IGNORECASE)


@lru_cache(maxsize=4096)
def month_number(word: str) -> int | None:
    for n, p in _words().months:
        if re.fullmatch(p, word, re.IGNORECASE):
            return n
    return None


@lru_cache(maxsize=4096)
def weekday_number(word: str) -> int | None:
    for n, p in _words().weekdays:
        if re.fullmatch(p, word, re.IGNORECASE):
            return n
    return None


def nearest_year(month: int, day: int, around: date) -> date | None:
    """The date with that month and day closest to `around` (a story can cross New Year)."""
    best: date | None = None
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((d - around).days) < abs((best - around).days):
            best = d
    return best


_DATELINE_EN = re.compile(
    r"^[A-ZА-ЯІЇЄҐ][\w.'’ /-]{1,40},(?:\s*[A-Z][\w]{1,20}(?:,|\s(?=\()))?\s*\(?(?P<mon>[A-Za-z]{3,9}\.?)\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>20\d\d))?\)?(?:\s*\([\w .&-]{1,30}\))?\s*[-—–:]",
    re.MULTILINE,
)
_DATELINE_CYR = re.compile(
    r"^[А-ЯІЇЄҐ][А-ЯІЇЄҐ /-]{2,30},\s*(?P<day>\d{1,2})\s+(?P<mon>[а-яіїєґ']{3,12})(?:\s+(?P<year>20\d\d))?\.?\s", re.MULTILINE
)


# "KYIV, Ukraine (AP) —", "KYIV, Ukraine —": a dateline with no date.
_DATELINE_AGENCY = re.compile(
    r"^[A-ZА-ЯІЇЄҐ]{3,}[\w' /-]{0,30}(?:,\s*[A-Z][\w]+)?\s*(?:\([\w .&-]{1,30}\)\s*[-—–:]|[—–](?=\s))", re.MULTILINE)


def dateline_end(text: str) -> int:
    """Where a dateline ("KYIV, Sept 17 -") ends; 0 when the text has none."""
    head = text[:600]
    for pat in (_DATELINE_EN, _DATELINE_CYR):
        m = pat.search(head)
        if m and month_number(m.group("mon")):
            return m.end()
    m = _DATELINE_AGENCY.search(head)
    return m.end() if m else 0


def story_date(text: str, published: date | None) -> date | None:
    """The date a story speaks from: its dateline ("KYIV, Sept 17 -"), else the publication date."""
    head = text[:600]
    for pat in (_DATELINE_EN, _DATELINE_CYR):
        m = pat.search(head)
        month = month_number(m.group("mon")) if m else None
        if m and month and m.group("year"):
            try:  # "KYIV, October 3, 2024 -": the text fixes the year itself
                return date(int(m.group("year")), month, int(m.group("day")))
            except ValueError:
                pass
        if m and month and published is not None:
            d = nearest_year(month, int(m.group("day")), published)
            if d is not None and abs((d - published).days) <= 7:
                return d
    return published


def _weekday_before(base: date, weekday: int, strictly: bool) -> date:
    delta = (base.weekday() - weekday) % 7
    if delta == 0 and strictly:
        delta = 7
    return base - timedelta(days=delta)


# "(з 19:00 11 травня)": the Air Force's reporting window, not a separate attack time.
# "(з 18:00 13 червня)", "станом на ранок суботи", "as of 09:00", "By late Tuesday, the ministry
# put the toll at ...": when a count was made, not an attack time.
_WINDOW = re.compile(r"\((?:з|із|с|from)\s+\d{1,2}[:.]\d{2}[^)]{0,30}\)"
                     r"|(?<!\w)(?:станом\s+на|по\s+состоянию\s+на|as\s+of)\s+[^,.;:]{1,24}"
                     r"|(?<!\w)by\s+(?:the\s+)?(?:(?:late|early)\s+)?(?:mid-?(?:morning|day|afternoon)|noon|nightfall"
                     r"|(?:\w+day\s+)?(?:morning|afternoon|evening)|\w+day)(?!\w)"
                     # "left without power until Friday evening": when something ended, not the attack
                     r"|(?<!\w)(?:until|till)\s+(?:(?:late|early)\s+)?\w+day(?:\s+(?:morning|afternoon|evening|night))?(?!\w)"
                     # "a woman died in hospital overnight": when a victim died, not when the attack came
                     r"|(?<=\s)(?:in\s+(?:the\s+)?hospital|of\s+(?:his|her|their)\s+(?:wounds|injuries)|(?:у|в)\s+(?:лікарні|больнице))"
                     r"\s+(?:overnight|(?:on\s+)?\w+day(?:\s+(?:morning|night|evening))?|(?:у|в)ночі|ночью|зранку|утром)(?!\w)",
                     re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\d:])(?:о|об|около|близько|приблизно|at|about|around)?\s*(\d{1,2})[:.](\d{2})(?!\d)(\s*[ap]\.?m\.?)?", re.IGNORECASE)


_AT_HOUR = re.compile(r"(?<!\w)(?:at|around|about|after|before)\s+(\d{1,2})(?:[:.]\d{2})?\s*([ap])\.?m\b", re.IGNORECASE)

_DAY_WINDOW = re.compile(
    r"(?<!\w)(?:с|з|із|from|between)\s+(\d{1,2})[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?)?\s*"
    r"(?:до|по|to|and|-|–|—)\s*\d{1,2}[:.]\d{2}", re.IGNORECASE,
)


_LEAD_CLOCK = re.compile(
    r"\s*(?:(?:at|around|about|shortly\s+(?:after|before)|just\s+(?:after|before)|о|об|около|близько|приблизно|"
    r"близ\w+|в|у)\s+){1,2}\d{1,2}[:.]\d{2}(?!\d)(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)


def find_time(text: str, start: int, end: int, base: date | None, anchor: int | None = None) -> TimeCue | None:
    """The attack time a sentence states, resolved against the story date; `anchor` is where
    its figures are, to choose between two parts of day."""
    if base is None:
        return None
    w = _words()
    raw = _WINDOW.sub(lambda m: " " * len(m.group()), text[start:end])
    # "between 11 p.m. Saturday and 7 a.m. Sunday": a night named by the days it spans ends
    # on the second; the first is blanked so that only the second dates it.
    night_span = _weekday_window().search(raw)
    if night_span is not None:
        raw = raw[: night_span.start()] + " " * (night_span.start("end") - night_span.start()) + raw[night_span.start("end"):]
    # Searched in a lower-cased copy, where they are three times quicker (fold.py).
    seg = Folded(raw)
    explicit = _explicit_date(seg, base)
    weekday = _weekday(seg, base)
    part, part_pos = _daypart(seg, None if anchor is None else anchor - start)
    day: date | None = None
    pos = None
    bare = False
    at = None   # an hour alone, the day left to the story
    if explicit:
        day, pos = explicit
    elif weekday:
        day, pos = weekday
    elif seg.search(w.parts["yesterday"]):
        m = seg.search(w.parts["yesterday"])
        day, pos = base - timedelta(days=1), m.start() if m else 0
    elif part or seg.search(w.parts["today"]):
        day, pos = base, part_pos if part_pos is not None else 0
        bare = part is not None and not seg.search(w.parts["today"])
    elif (window := seg.search(_DAY_WINDOW)) and 6 <= int(window.group(1)) < 18:
        # "в период с 9.00 до 13.00": a daytime window dates a strike to the story's day.
        day, pos, part = base, window.start(), "day"
    elif (lead := _LEAD_CLOCK.match(seg.text)) is not None:
        # "At about 1:30 p.m., Russian aircraft dropped ...": a sentence that opens with its hour.
        day, pos, part = base, lead.start(), _clock_part(Folded(lead.group()))
    elif (at := seg.search(_AT_HOUR)) is not None:
        # "hit Dnipro shortly after 1 p.m.": an hour of the day with a.m./p.m. is when it came.
        hour = int(at.group(1)) % 12 + (12 if at.group(2).lower() == "p" else 0)
        day, pos, part = base, at.start(), _part_of_hour(hour)
    if day is None:
        return None
    dated = at is None
    if part is None:
        # A window from one date to the next is a night, whatever hour it starts at.
        window = seg.search(_DAY_WINDOW)
        if seg.search(_window_pattern()) or night_span is not None:
            part = "night"
        elif window and 6 <= int(window.group(1)) < 18:
            part = "day"  # "с 8.00 до 13.30": a bulletin's daytime window
        else:
            part = _clock_part(seg)
    return TimeCue(day, part, start + (pos or 0), end, dated, bare)


def next_night(text: str, start: int, end: int, after: date) -> TimeCue | None:
    """"The following night, Russia launched ...": the night after the attack told before."""
    m = _words().parts["next_night"].search(text, start, end)
    return None if m is None else TimeCue(after + timedelta(days=1), "night", m.start(), end)


def days_before(text: str, start: int, end: int, of: date) -> TimeCue | None:
    """"It came two days after a Russian drone strike on Chornomorsk killed a guard": the
    attack the sentence goes on to tell, dated by the one in hand."""
    w = _words()
    for rx in w.days_after:
        m = rx.search(text, start, end)
        if m is None:
            continue
        word = m.group("n").lower()
        n = int(word) if word.isdigit() else w.days_after_numbers.get(word.replace("’", "'").replace("ʼ", "'"))
        if n is None:
            return None
        weeks = m.group("unit").lower().startswith(("week", "тиж", "недел"))
        return TimeCue(of - timedelta(days=n * (7 if weeks else 1)), None, m.start(), end)
    return None


def stamp_date(line: str, around: date | None) -> date | None:
    """The date of a line that is only a date stamp ("14 сентября 2025 г., 23:24",
    "Sept 15, 2025 07:02"): the day the text under it speaks from."""
    if around is None or len(line) > 48 or len(re.findall(r"[^\W\d_]{2,}", line)) > 3:
        return None
    found = _explicit_date(Folded(line), around)
    return found[0] if found is not None and abs((found[0] - around).days) <= 7 else None


def names_a_date(seg: str, around: date) -> bool:
    """Whether a piece of text gives a calendar date ("Mon 15 Apr 2024", "14 січня 2025")."""
    return _explicit_date(Folded(seg), around) is not None


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    w = _words()
    return tuple(re.compile(p, re.IGNORECASE) for p in (
        # "the night of June 16 to 17", "overnight June 16-17": the night ends on the later day.
        (rf"(?<!\w)(?:night\s+of|overnight(?:\s+on)?)\s+(?P<mon>{w.month_re})\s+\d{{1,2}}\s*"
         rf"(?:to|into|-|–|—)\s*(?P<day>\d{{1,2}})(?![\d:])(?:,?\s+(?P<year>20\d\d))?"),
        rf"(?<![\d.:])(?P<day>\d{{1,2}})\s+(?P<mon>{w.month_re})(?!\w)(?:\s+(?P<year>20\d\d))?",
        rf"(?<!\w)(?P<mon>{w.month_re})\s+(?P<day>\d{{1,2}})(?![\d:])(?:,?\s+(?P<year>20\d\d))?",
    ))


@lru_cache(maxsize=1)
def _weekday_pattern() -> re.Pattern[str]:
    # No group per name: `re` skips quicker over alternatives that open with a letter, and
    # the name matched is the first whose form fits (`weekday_number`), as in the search.
    alts = "|".join(p for _, p in _words().weekdays)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _window_pattern() -> re.Pattern[str]:
    """"from 23:00 on September 9 to 07:00 on September 10", "с 23.00 мск 3 июня до 7.00 мск
    4 июня": a reporting window named by two dates ends on the day it is dated by."""
    w = _words()
    clock = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:мск|msk|\(?(?:moscow|kyiv)\s+time\)?|за\s+київським\s+часом))?"
    day = rf"(?:on\s+)?(?:\d{{1,2}}\s+(?:{w.month_re})|(?:{w.month_re})\s+\d{{1,2}})(?!\w)"
    return re.compile(
        rf"(?<!\w)(?:from|с|з|із|between)\s+{clock}\s*,?\s*{day}(?:,?\s+20\d\d)?\s*,?\s*"
        rf"(?:to|until|till|до|по|and|-|–|—)\s+{clock}\s*,?\s*(?P<end>{day}(?:,?\s+20\d\d)?)",
        re.IGNORECASE,
    )


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _weekday_window() -> re.Pattern[str]:
    clock = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    day = "|".join(p for _, p in _words().weekdays)
    return re.compile(
        rf"(?<!\w)(?:from|between|с|з|із)\s+{clock}\s*(?:on\s+)?(?:{day})\s*,?\s*(?:to|and|until|till|до|по)\s+"
        rf"{clock}\s*(?:on\s+)?(?P<end>{day})(?!\w)", re.IGNORECASE)


def _explicit_date(seg: Folded, base: date) -> tuple[date, int] | None:
    if not _DIGIT.search(seg.text):
        return None     # every date pattern has a day in digits
    window = seg.search(_window_pattern())
    if window is not None:
        end = _explicit_date(Folded(_text(seg, window, "end").removeprefix("on ").strip()), base)
        if end is not None:
            return end[0], window.start()
    for p in _date_patterns():
        for m in seg.finditer(p):
            month = month_number(_text(seg, m, "mon"))
            if not month:
                continue
            if m.group("year"):
                try:
                    return date(int(m.group("year")), month, int(m.group("day"))), m.start()
                except ValueError:
                    continue
            d = nearest_year(month, int(m.group("day")), base)
            if d is not None:
                return d, m.start()
    return None


def _text(seg: Folded, m: re.Match[str], group: str) -> str:
    """A group's text in the original case (the match may be in the lowered copy)."""
    return seg.text[m.start(group) : m.end(group)]


def _weekday(seg: Folded, base: date) -> tuple[date, int] | None:
    w = _words()
    for m in seg.finditer(_weekday_pattern()):
        weekday = weekday_number(seg.text[m.start() : m.end()])
        if weekday is None:
            continue    # cannot be: the name matched is one of the forms
        before = seg.text[max(0, m.start() - 25) : m.start()]
        if _when_said(seg, m.start()):
            continue  # "said on Tuesday" dates the statement, not the attack
        strictly = bool(w.parts["last"].search(before[-12:]))
        return _weekday_before(base, weekday, strictly), m.start()
    return None


def _named_parts(seg: Folded) -> list[tuple[int, str]]:
    """The parts of day a piece of text names, by position; a phrase inside a longer one
    ("early Friday morning") is that one's."""
    w = _words()
    found = sorted((m.start(), -m.end(), k) for k in ("evening", "day", "night", "morning")
                   for m in seg.finditer(w.parts[k]) if not _when_said(seg, m.start()))
    out: list[tuple[int, str]] = []
    reach = -1
    for start, neg_end, kind in found:
        if start >= reach:
            out.append((start, _MORNING.get() if kind == "morning" else kind))
            reach = -neg_end
    return out


def _daypart(seg: Folded, anchor: int | None = None) -> tuple[str | None, int | None]:
    found = _named_parts(seg)
    if not found:
        return None, None
    # Of two parts of day, the one named last before the figures is theirs ("The morning
    # strike followed an overnight attack by 53 Shahed drones").
    before = [f for f in found if anchor is not None and f[0] < anchor]
    pos, kind = before[-1] if before else found[0]
    return kind, pos


def dayparts(text: str, start: int, end: int) -> set[str]:
    """The parts of day a piece of text names ("overnight ... and on Tuesday afternoon": two)."""
    return {k for _, k in _named_parts(Folded(text[start:end]))}


def _when_said(seg: Folded, pos: int) -> bool:
    """"the Interior Ministry said on Wednesday evening": the time of a statement, not of the attack."""
    w = _words()
    before = seg.text[max(0, pos - 25) : pos]
    said = list(w.parts["reporting"].finditer(before))
    if not said or w.parts["earlier"].search(before):
        return False
    # "сообщало, что в ночь на воскресенье ...": the time of what was said, not of saying it.
    return not _THAT.search(before, said[-1].end())


_THAT = re.compile(r"(?<!\w)(?:that|что|що)(?!\w)", re.IGNORECASE)


def _clock_part(seg: Folded) -> str | None:
    m = seg.search(_CLOCK)
    if not m:
        return None
    hour = int(m.group(1)) % 24
    if m.group(3) and "p" in m.group(3).lower() and hour < 12:
        hour += 12
    return _part_of_hour(hour)


def _part_of_hour(hour: int) -> str:
    if 9 <= hour < 18:
        return "day"
    if 5 <= hour < 9:
        return _MORNING.get()  # an early-morning hour belongs to the night's wave, as "this morning" does
    return "evening" if hour >= 18 else "night"
