"""Properties of the pipeline API on random and mutated documents.

For any input: only SkyledgerError escapes, counts are never negative,
evidence offsets lie inside the cleaned text, and the same input gives the
same output. The regular suite runs ~200 cases per property; `make fuzz`
(HYPOTHESIS_PROFILE=fuzz) runs 100,000.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from itertools import count
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skyledger import pipeline
from skyledger.errors import SkyledgerError
from skyledger.models import Document, DocumentResult

# Corpus-like reports written for these tests (figures are arbitrary).
SEEDS = [
    (
        "Russia launched 35 Shahed attack drones and three Kh-101 cruise missiles at Ukraine "
        "overnight, the air force said on Tuesday. Air defence destroyed 30 drones and all three "
        "missiles; four drones were lost from radar. Two people were killed and seven injured in "
        "the Dnipropetrovsk region."
    ),
    (
        "KYIV, June 4 - Russian forces fired two Iskander-M ballistic missiles at Kharkiv late on "
        "Monday. Neither was intercepted. One man was killed and 12 people were injured, the "
        "governor said. No one was hurt in the Kharkiv district."
    ),
    (
        "У ніч на 5 березня противник атакував 42 ударними БпЛА типу Shahed та двома ракетами "
        "Х-59 з Курської області. Збито 37 шахедів і одну ракету, ще 3 локаційно втрачено. "
        "У Харківській області загинула 1 людина, ще чотирьох поранено."
    ),
    (
        "Дежурными средствами ПВО перехвачены и уничтожены 18 украинских беспилотников: "
        "11 над Белгородской областью и 7 над Курской областью. Пострадавших нет."
    ),
    (
        "UPD: кількість постраждалих у Сумах зросла до 7. Загиблих немає. Минулої ночі "
        "ворог запустив двадцять п'ять дронів-імітаторів."
    ),
]

HTML_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta property="article:published_time" content="2024-06-04T06:10:00+03:00">
<title>Overnight attack</title></head><body><nav><a href="/">Home</a> <a href="/war">War</a></nav>
<article><h1>Overnight attack</h1>{body}</article>
<aside class="read-also">Read also: 5 injured in Odesa drone strike</aside>
<div class="comments"><p>reader: I heard 40 drones!</p></div>
<footer>(c) 2024 news.example</footer></body></html>"""


def telegram_export(texts: list[str]) -> str:
    messages = [
        {"id": 100 + i, "type": "message", "date": f"2024-05-12T0{i % 10}:00:00", "text": t}
        for i, t in enumerate(texts)
    ]
    return json.dumps({"name": "channel", "type": "public_channel", "id": 1, "messages": messages})


def html_page(texts: list[str]) -> str:
    return HTML_PAGE.format(body="".join(f"<p>{t}</p>" for t in texts))


# -- strategies ------------------------------------------------------------------

seeds = st.sampled_from(SEEDS)
published = st.one_of(st.none(), st.dates(min_value=date(2014, 1, 1), max_value=date(2030, 1, 1)))
huge_numbers = st.sampled_from([10**30, 10**18, 2**63, 2**64 + 1, 999_999_999_999, 0])
any_unicode = st.text(st.characters(codec="utf-8"), max_size=300)
mixed_scripts = st.text(
    st.sampled_from(list("Shahed Х-101 ракета drone 0123456789 збито shot down ПВО 𝟒𝟐 ٤٢ ½ -–—"))
    | st.characters(codec="utf-8"),
    max_size=400,
)


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    text = " ".join(draw(st.lists(seeds, min_size=1, max_size=4)))
    if draw(st.booleans()):
        big = draw(huge_numbers)
        text = re.sub(r"\d+", lambda m: str(big), text)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut]
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(mixed_scripts.filter(bool) | any_unicode) + text[at:]
    return text


@st.composite
def document_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and its bytes: a text, an HTML page or a Telegram export, damaged."""
    texts = draw(st.lists(mutated_text(), min_size=1, max_size=3))
    suffix = draw(st.sampled_from([".txt", ".html", ".json"]))
    if suffix == ".html":
        content = html_page(texts)
    elif suffix == ".json":
        content = telegram_export(texts)
    else:
        content = "\n\n".join(texts)
    raw = bytearray(content.encode("utf-8"))
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]
    for _ in range(draw(st.integers(0, 8)) if raw else 0):
        at = draw(st.integers(0, len(raw) - 1))
        raw[at] ^= draw(st.integers(1, 255))
    return f"doc{suffix}", bytes(raw)


# -- checks ----------------------------------------------------------------------


def _counts(result: DocumentResult) -> Iterator[tuple[str, int | None]]:
    for i, event in enumerate(result.events):
        for name in ("launched", "destroyed", "killed", "injured"):
            yield f"events[{i}].{name}", getattr(event, name)
        for j, weapon in enumerate(event.weapons):
            for name in ("launched", "destroyed", "suppressed"):
                yield f"events[{i}].weapons[{j}].{name}", getattr(weapon, name)
        for j, place in enumerate(event.casualties_by_place):
            yield f"events[{i}].casualties_by_place[{j}].killed", place.killed
            yield f"events[{i}].casualties_by_place[{j}].injured", place.injured


def check_result(result: DocumentResult, text: str | None) -> None:
    """Counts are never negative; offsets are ordered and, when the cleaned
    text is known, inside it."""
    for where, value in _counts(result):
        assert value is None or value >= 0, f"{where} = {value}"
    known = text if text is not None else getattr(result, "text", None)
    for event in result.events:
        for ev in event.evidence:
            assert 0 <= ev.start <= ev.end, ev
            if isinstance(known, str) and ev.message_id is None:
                assert ev.end <= len(known), (ev, len(known))
    json.dumps(result.to_dict(), ensure_ascii=False)


def run_twice(call: Callable[[], DocumentResult], text: str | None = None) -> None:
    """Only SkyledgerError may escape; the same input gives the same output."""
    try:
        first = call()
    except SkyledgerError:
        return
    check_result(first, text)
    assert call().to_dict() == first.to_dict()


_names = count()


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="skyledger-props-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def write(workdir: Path, name: str, data: bytes) -> str:
    path = workdir / f"{next(_names)}-{name}"
    path.write_bytes(data)
    return str(path)


# -- properties ------------------------------------------------------------------


@given(text=any_unicode | mixed_scripts, day=published)
def test_random_text(text: str, day: date | None) -> None:
    run_twice(lambda: pipeline.extract(text, day))


@given(text=mutated_text(), day=published)
def test_mutated_reports(text: str, day: date | None) -> None:
    run_twice(lambda: pipeline.extract(text, day))


@given(text=mutated_text(), day=published)
def test_offsets_lie_inside_the_cleaned_text(text: str, day: date | None) -> None:
    doc = Document(source="t.txt", text=text, published=day, kind="text")
    run_twice(lambda: pipeline.extract_document(doc), text)


@given(item=document_bytes(), day=published)
def test_damaged_files(workdir: Path, item: tuple[str, bytes], day: date | None) -> None:
    path = write(workdir, *item)
    run_twice(lambda: pipeline.extract_path(path, day))


@given(depth=st.integers(1_000, 6_000), text=mutated_text(), closed=st.booleans())
def test_deeply_nested_html(workdir: Path, depth: int, text: str, closed: bool) -> None:
    tags = ["div", "span", "section", "b"]
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth)))
    page = f"<html><body>{opening}<p>{text}</p>{closing if closed else ''}</body></html>"
    path = write(workdir, "deep.html", page.encode("utf-8"))
    run_twice(lambda: pipeline.extract_path(path, None))
