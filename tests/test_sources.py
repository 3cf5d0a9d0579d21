"""Reading documents: plain text, HTML pages, Telegram exports, and their errors."""

from __future__ import annotations

import io
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from skyledger.errors import (
    BinaryDocument,
    DecodeError,
    DocumentNotFound,
    DocumentTooLarge,
    EmptyDocument,
    ExportFormatError,
    InputError,
    SkyledgerError,
    UsageError,
)
from skyledger.sources import (
    EXTENSIONS,
    READERS,
    Loaded,
    clean_text,
    load_bytes,
    load_path,
    load_text,
    sniff_kind,
)
from skyledger.sources.cleaning import load_clutter, strip_clutter
from skyledger.sources.html_page import kyiv_date, plain_text

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/dev")

ARTICLE = (
    "Russian drones attacked the Odesa region overnight, the governor said. "
    "Air defences shot down 17 of 20 drones.\n"
)


def one_line(exc: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(exc.value)
    assert "\n" not in message and message.strip() == message
    return message


# --- clean_text ---------------------------------------------------------------


def test_clean_text_normalises_newlines_spaces_and_invisible_characters() -> None:
    raw = "\ufeffOne\r\ntwo\rthree\u2028four\u00a0five\u202fsix\u2009seven\u200bei\u00adght\u2060"
    assert clean_text(raw) == "One\ntwo\nthree\nfour five six seveneight"


@pytest.mark.parametrize("apostrophe", ["\u2019", "\u02bc", "`", "\u00b4", "\u2032", "'"])
def test_clean_text_unifies_apostrophes(apostrophe: str) -> None:
    assert clean_text(f"п{apostrophe}ять ракет") == "п'ять ракет"


def test_clean_text_keeps_dashes_quotes_and_layout() -> None:
    text = "«Збито» — 5; “shot down” – 3 -- 2\n\n\tTabbed  two spaces "
    assert clean_text(text) == text


def test_clean_text_composes_decomposed_letters() -> None:
    assert clean_text("Украі\u0308на") == "Україна"
    assert clean_text("Херсонськии\u0306") == "Херсонський"


def test_clean_text_is_idempotent() -> None:
    raw = "A\u00a0b\u2019c\r\n\u200bd"
    assert clean_text(clean_text(raw)) == clean_text(raw)


# --- clutter in plain text ----------------------------------------------------


def test_text_clutter_is_dropped_and_sentences_kept() -> None:
    loaded = load_path(FIXTURES / "report_with_clutter.txt")
    text = loaded.text
    for kept in (
        "Three people were injured",
        "shattering windows in both buildings.",
        "all three of the injured were taken to hospital",
        "Air defences have been strengthened around Kramatorsk",
    ):
        assert kept in text
    for gone in (
        "Read also",
        "Dnipro",
        "Kindergarten",
        "More on this topic",
        "suggest a correction",
        "Ctrl + Enter",
        "Comments",
        "spoilers",
        "neighbour",
    ):
        assert gone not in text
    assert "\n\n\n" not in text


@pytest.mark.parametrize(
    "line",
    [
        "Читайте також: Удар по Харкову: троє поранених",
        "Читайте также: Атака на Белгород",
        "READ ALSO - Missile strike on Lviv",
        "Помітили помилку? Виділіть її та натисніть Ctrl+Enter.",
        "Заметили ошибку? Выделите ее и нажмите Ctrl+Enter",
        "Увага: коментар містить спойлери. Натисніть тут, щоб прочитати.",
        "© 2024 Example News. All rights reserved.",
    ],
)
def test_single_clutter_lines(line: str) -> None:
    assert strip_clutter(f"{ARTICLE}\n{line}\n\nLast sentence stays.") == (
        f"{ARTICLE}\nLast sentence stays."
    )


def test_read_also_marker_alone_takes_the_next_headline() -> None:
    text = f"{ARTICLE}\nЧитайте також:\nБалістичний удар по Миколаєву: двоє загиблих\n\nКінець."
    assert strip_clutter(text) == f"{ARTICLE}\nКінець."


def test_read_also_keeps_a_following_sentence() -> None:
    text = f"{ARTICLE}\nRead also:\nThe strike killed two people, officials said.\n"
    assert "The strike killed two people" in strip_clutter(text)


def test_article_sentences_that_look_like_markers_stay() -> None:
    text = (
        "Related attacks were reported in Sumy, the governor said.\n"
        "Comments by the mayor were not available.\n"
        "Read more about the air force figures below.\n"
        "Most read newspapers did not report the strike.\n"
        "Copyright lawyers for the broadcaster said the footage was genuine."
    )
    assert strip_clutter(text) == text


def test_comments_marker_before_any_article_text_does_not_cut() -> None:
    text = f"Comments (4)\n{ARTICLE}"
    assert strip_clutter(text) == text.strip()


def test_comments_cut_everything_after() -> None:
    text = f"{ARTICLE}\nКоментарі: 2\nАвтор: Іван\nЗбито 40, а не 17."
    assert strip_clutter(text) == ARTICLE.strip()


def test_clutter_data_is_well_formed() -> None:
    pats = load_clutter()
    for pattern in (pats.drop_line, pats.read_also, pats.related_block, pats.cut_from):
        assert pattern.flags & re.IGNORECASE
        assert not pattern.fullmatch(""), pattern.pattern
    assert all(h and h == h.lower() and " " not in h for h in pats.html_hints)
    raw = json.loads(
        (Path(__file__).parents[1] / "skyledger/sources/data/clutter.json").read_text()
    )
    assert set(raw) == {
        "_about",
        "drop_line",
        "read_also",
        "related_block",
        "cut_from",
        "html_hints",
    }


# --- plain text files -----------------------------------------------------------


def test_text_file_document(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    loaded = load_path(path, published=date(2024, 3, 21))
    assert isinstance(loaded, Loaded)
    assert loaded.kind == "text" and loaded.skipped == []
    (doc,) = loaded.documents
    assert doc.source == str(path)
    assert doc.text == ARTICLE.strip() == loaded.text
    assert doc.published == date(2024, 3, 21)
    assert doc.language == "en" and doc.kind == "text" and doc.message_id is None


def test_source_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("report.txt").write_text(ARTICLE, encoding="utf-8")
    assert load_path("report.txt").documents[0].source == "report.txt"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Уночі збито 5 шахедів.".encode())
    doc = load_path(path).documents[0]
    assert doc.text == "Уночі збито 5 шахедів." and doc.language == "uk"


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Ночью сбито 6 беспилотников.".encode("utf-16"))
    assert load_path(path).documents[0].text == "Ночью сбито 6 беспилотников."


def test_cp1251_needs_the_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes("Уночі ворог атакував Сумщину дронами.".encode("cp1251"))
    with pytest.raises(DecodeError) as exc:
        load_path(path)
    message = one_line(exc)
    assert str(path) in message and "utf-8" in message
    assert "byte 0xd3 at offset 0" in message and "--encoding cp1251" in message
    doc = load_path(path, encoding="cp1251").documents[0]
    assert doc.text == "Уночі ворог атакував Сумщину дронами." and doc.language == "uk"


def test_decode_error_under_cp1251_suggests_utf8() -> None:
    with pytest.raises(DecodeError) as exc:
        load_bytes(b"abc \x98 def", source="x.txt", encoding="cp1251", kind="text")
    assert "--encoding utf-8" in one_line(exc)


def test_unknown_encoding_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as exc:
        load_bytes(b"text", source="x.txt", encoding="klingon-8", kind="text")
    assert "'klingon-8'" in one_line(exc)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotFound) as exc:
        load_path(tmp_path / "nope.txt")
    message = one_line(exc)
    assert "no such file" in message and "nope.txt" in message


def test_directory_is_not_a_document(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotFound) as exc:
        load_path(tmp_path)
    assert "is a directory" in one_line(exc)


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_and_whitespace_files(tmp_path: Path, content: bytes) -> None:
    for name in ("empty.txt", "empty.html", "empty.json"):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(EmptyDocument) as exc:
            load_path(path)
        assert name in one_line(exc)


def test_only_invisible_characters_is_empty() -> None:
    with pytest.raises(EmptyDocument) as exc:
        load_text("\u200b\ufeff\u00ad", source="zw.txt")
    assert "zw.txt" in one_line(exc)


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(BinaryDocument) as exc:
        load_path(path)
    message = one_line(exc)
    assert "image.txt" in message and "NUL" in message


def test_many_control_bytes_are_binary() -> None:
    data = (b"text\x01\x02\x03\x04\x05\x06\x07\x08" * 100)[:800]
    with pytest.raises(BinaryDocument) as exc:
        load_bytes(data, source="blob.bin")
    assert "control bytes" in one_line(exc)


def test_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.html"
    with path.open("wb") as handle:
        handle.truncate(12_400_000)  # sparse: size without content

    def no_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("file was opened before its size was checked")

    monkeypatch.setattr(Path, "open", no_read)
    with pytest.raises(DocumentTooLarge) as exc:
        load_path(path)
    message = one_line(exc)
    assert message == f"{path} is 12.4 MB, over the 10 MB cap; raise it with --max-bytes"


def test_one_byte_over_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 10_000_001)
    with pytest.raises(DocumentTooLarge) as exc:
        load_path(path)
    assert "10,000,001 bytes, over the 10 MB cap" in one_line(exc)
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"a " * 500)
    assert load_path(exact, max_bytes=1000).documents[0].text.startswith("a a")
    with pytest.raises(DocumentTooLarge):
        load_path(exact, max_bytes=999)


def test_bad_cap_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        load_bytes(b"x", source="x.txt", max_bytes=0)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_is_read_and_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, ARTICLE.encode())
    loaded = load_path("-", published=date(2024, 5, 1))
    assert loaded.kind == "text" and loaded.documents[0].source == "-"
    assert loaded.documents[0].published == date(2024, 5, 1)
    _stdin(monkeypatch, (FIXTURES / "article_en.html").read_bytes())
    assert load_path("-").kind == "html"
    _stdin(monkeypatch, (FIXTURES / "channel_export.json").read_bytes())
    assert load_path("-").kind == "telegram"


def test_stdin_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"x" * 2001)
    with pytest.raises(DocumentTooLarge) as exc:
        load_path("-", max_bytes=2000)
    message = one_line(exc)
    assert message.startswith("standard input holds more, over the 2,000-byte cap")
    _stdin(monkeypatch, b"x" * 2000)
    assert load_path("-", max_bytes=2000).text == "x" * 2000


def test_stdin_decode_error_names_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, "Збито".encode("cp1251"))
    with pytest.raises(DecodeError) as exc:
        load_path("-")
    assert one_line(exc).startswith("cannot decode standard input as utf-8")
    _stdin(monkeypatch, "Збито 3 ракети".encode("cp1251"))
    assert load_path("-", encoding="cp1251").text == "Збито 3 ракети"


# --- kinds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"  <!doctype html><p>x</p>", "html"),
        (b"Title\n<html><body>x</body></html>", "html"),
        (b'\xef\xbb\xbf{"messages": []}', "telegram"),
        (b'{"a": 1', "text"),
        (b"[1, 2]", "text"),
        (b"Plain report text.", "text"),
    ],
)
def test_sniff_kind(data: bytes, kind: str) -> None:
    assert sniff_kind(data) == kind


def test_kind_by_extension_wins_over_content(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    assert load_path(path).kind == "html"
    odd = tmp_path / "notes.md"
    odd.write_text(ARTICLE, encoding="utf-8")
    assert load_path(odd).kind == "text"
    assert set(EXTENSIONS.values()) <= set(READERS)


def test_unknown_kind_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as exc:
        load_bytes(b"x", source="x", kind="pdf")
    assert "'pdf'" in one_line(exc)


def test_load_text_sniffs_when_asked() -> None:
    assert load_text(ARTICLE).documents[0].source == "-"
    html = f"<html><body><article><p>{ARTICLE}</p></article></body></html>"
    assert load_text(html, kind=None).kind == "html"


# --- HTML ---------------------------------------------------------------------


def test_html_article_without_clutter() -> None:
    loaded = load_path(FIXTURES / "article_en.html")
    text = loaded.text
    assert loaded.kind == "html" and loaded.documents[0].language == "en"
    assert "shot down nine of them" in text
    assert "caused no damage" in text and "comes under fire almost every day." in text
    for gone in (
        "cookies",
        "Opinion",
        "BREAKING",
        "Kharkiv",
        "Ctrl+Enter",
        "fifteen",
        "spoilers",
        "Forty drones",
        "Odesa port",
        "All rights reserved",
        "UA-11112222",
    ):
        assert gone not in text, gone


def test_html_date_is_the_kyiv_local_date() -> None:
    doc = load_path(FIXTURES / "article_en.html").documents[0]
    # 22:40 UTC on 14 May is 01:40 on 15 May in Kyiv.
    assert doc.published == date(2023, 5, 15)
    assert doc.meta["published_at"] == "2023-05-14T22:40:00+0000"


def test_published_argument_wins_over_the_page() -> None:
    doc = load_path(FIXTURES / "article_en.html", published=date(2023, 5, 14)).documents[0]
    assert doc.published == date(2023, 5, 14)


def test_ukrainian_page() -> None:
    doc = load_path(FIXTURES / "article_uk.html").documents[0]
    assert doc.language == "uk" and doc.published == date(2023, 8, 2)
    assert "двома ракетами С-300" in doc.text
    assert "у двох п'ятиповерхівках" in doc.text  # apostrophe unified
    for gone in ("Читайте також", "Одесу", "Ctrl+Enter", "три вибухи", "Головна", "©"):
        assert gone not in doc.text, gone


def test_page_date_and_text_come_from_one_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    import htmldate

    seen: list[object] = []
    find_date = htmldate.find_date

    def spy(page: object, **kwargs: object) -> str | None:
        seen.append(page)
        return find_date(page, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(htmldate, "find_date", spy)
    doc = load_path(FIXTURES / "article_en.html").documents[0]
    assert doc.published == date(2023, 5, 15) and "shot down nine of them" in doc.text
    assert seen and not any(isinstance(page, (str, bytes)) for page in seen)


def test_page_that_is_a_url_is_not_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    # htmldate fetches a string that looks like a URL; the reader hands it a tree.
    import htmldate

    seen: list[object] = []
    monkeypatch.setattr(htmldate, "find_date", lambda page, **_: seen.append(page))
    doc = load_bytes(b"http://127.0.0.1:9/report", source="u.html", kind="html").documents[0]
    assert doc.published is None
    assert not any(isinstance(page, (str, bytes)) for page in seen)


def test_kyiv_date_conversion() -> None:
    assert kyiv_date("2024-07-08T21:35:00+0000") == date(2024, 7, 9)
    assert kyiv_date("2024-07-08T20:59:00+0000") == date(2024, 7, 8)
    assert kyiv_date("2024-11-08T00:00:00") == date(2024, 11, 8)  # date-only stays
    assert kyiv_date("2024-01-31T23:30:00-0500") == date(2024, 2, 1)
    assert kyiv_date("not a date") is None


def test_page_without_date_has_none() -> None:
    html = f"<html><body><article><p>{ARTICLE}</p></article></body></html>"
    doc = load_bytes(html.encode(), source="p.html", kind="html").documents[0]
    assert doc.published is None


def test_html_declared_charset_is_used_when_utf8_fails() -> None:
    html = (
        "<html><head><meta charset='windows-1251'></head><body><p>Уночі ворог атакував "
        "Харківщину дронами, повідомили в обласній адміністрації.</p></body></html>"
    )
    doc = load_bytes(html.encode("cp1251"), source="p.html", kind="html").documents[0]
    assert doc.text.startswith("Уночі ворог атакував Харківщину")


def test_html_broken_encoding_is_a_decode_error() -> None:
    data = b"<html><head><meta charset='utf-8'></head><body><p>bad \xff byte</p></body></html>"
    with pytest.raises(DecodeError) as exc:
        load_bytes(data, source="bad.html", kind="html")
    assert "bad.html" in one_line(exc) and "0xff" in str(exc.value)


def test_html_fragment_without_body() -> None:
    loaded = load_bytes(f"<p>{ARTICLE}</p>".encode(), source="frag.html", kind="html")
    assert loaded.text == ARTICLE.strip()


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Only a title</title></head></html>",
        "<html><body><script>var a = '<p>text</p>';</script></body></html>",
        "<html><body><nav></nav></body></html>",
    ],
)
def test_html_without_text_is_empty(html: str) -> None:
    with pytest.raises(EmptyDocument) as exc:
        load_bytes(html.encode(), source="x.html", kind="html")
    assert one_line(exc).startswith("no article text found in x.html")


def test_hostile_deep_nesting() -> None:
    sentence = "Seven drones were shot down over the Odesa region overnight."
    html = "<html><body>" + "<div>" * 5000 + f"<p>{sentence}</p>" + "</div>" * 5000
    loaded = load_bytes((html + "</body></html>").encode(), source="deep.html", kind="html")
    assert sentence in loaded.text
    unclosed = "<html><body>" + "<div><span>" * 20000 + f"<p>{sentence}" + "</b>" * 20000
    assert sentence in load_bytes(unclosed.encode(), source="u.html", kind="html").text


def test_hostile_huge_attribute_and_garbage() -> None:
    sentence = "Three missiles hit the Kharkiv region overnight, officials said."
    html = f'<html><body><p data-x="{"x" * 1_000_000}">{sentence}</p></body></html>'
    assert sentence in load_bytes(html.encode(), source="a.html", kind="html").text
    for junk in ("<<<>>><html", "<html", "</body></html></html>", "<!--", "<![CDATA[x"):
        try:
            load_bytes(junk.encode(), source="j.html", kind="html")
        except SkyledgerError:
            pass


def test_plain_reader_skips_page_furniture() -> None:
    html = (
        "<div class='site-header'>Logo</div><div class='post'><p>Kept &amp; clean.</p>"
        "<div class='related-posts'><a>Other</a></div><p>Also <b>kept</b>.</p></div>"
        "<div id='comments'><p>No</p></div><footer>Foot</footer><canvas>c</canvas>"
    )
    assert plain_text(html) == "Kept & clean.\nAlso kept."


# --- Telegram -------------------------------------------------------------------


def test_telegram_export_with_malformed_messages() -> None:
    path = FIXTURES / "channel_export.json"
    loaded = load_path(path, published=date(2000, 1, 1))
    assert loaded.kind == "telegram"
    assert [d.message_id for d in loaded.documents] == [701, 708, 709]
    assert loaded.skipped == [
        "message 702: no text (photo only)",
        "message 703: missing or invalid date (None)",
        "message 704: missing or invalid date ('yesterday evening')",
        "message at position 5: not a JSON object",
        "message at position 6: no valid 'id' (None)",
    ]
    first, update, russian = loaded.documents
    assert first.source == f"{path}#701"
    assert first.text == (
        "Підсумки ночі\n\nУночі ворог атакував Дніпропетровщину 14 ударними БпЛА. "
        "Сили ППО збили 11 з них. Загиблих немає.\n\n#ППО 🇺🇦"
    )
    assert first.published == date(2024, 2, 10)  # `published` is ignored for exports
    assert first.meta == {"edited": False, "reply_to": None, "date": "2024-02-10T06:10:00+02:00"}
    assert update.meta["edited"] is True and update.meta["reply_to"] == 701
    assert (first.language, update.language, russian.language) == ("uk", "uk", "ru")
    assert all(d.kind == "telegram" for d in loaded.documents)
    assert loaded.text == "\n\n".join(d.text for d in loaded.documents)


def _export(messages: list[object]) -> bytes:
    return json.dumps(
        {"name": "c", "type": "public_channel", "id": 1, "messages": messages}
    ).encode()


def test_telegram_date_uses_the_exact_moment_in_kyiv() -> None:
    # Exported on a machine in UTC: 22:30 local there is 00:30 next day in Kyiv.
    msg = {"id": 1, "type": "message", "date": "2024-02-10T22:30:00", "date_unixtime": "1707604200"}
    msg["text"] = "Збито 3 шахеди."
    doc = load_bytes(_export([msg]), source="e.json", kind="telegram").documents[0]
    assert doc.published == date(2024, 2, 11)
    msg["date_unixtime"] = "oops"
    doc = load_bytes(_export([msg]), source="e.json", kind="telegram").documents[0]
    assert doc.published == date(2024, 2, 10)


def test_telegram_short_messages_take_the_channel_language() -> None:
    msgs: list[object] = [
        {"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "text": "Внимание!"},
        {
            "id": 2,
            "type": "message",
            "date": "2024-01-01T10:05:00",
            "text": "Ночью сбито 5 дронов.",
        },
        {"id": 3, "type": "message", "date": "2024-01-01T10:06:00", "text": "🔥🔥 12:40"},
    ]
    docs = load_bytes(_export(msgs), source="ru.json", kind="telegram").documents
    assert [d.language for d in docs] == ["ru", "ru", "ru"]


def test_only_service_messages_is_empty() -> None:
    msgs: list[object] = [{"id": 1, "type": "service", "date": "2024-01-01T10:00:00"}]
    with pytest.raises(EmptyDocument) as exc:
        load_bytes(_export(msgs), source="s.json", kind="telegram")
    assert "no message with text in s.json (0 skipped)" in one_line(exc)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"name": "x"}', "is JSON but not a Telegram Desktop export (no 'messages' list)"),
        (b'{"messages": {"a": 1}}', "is JSON but not a Telegram Desktop export"),
        (b"[1, 2, 3]", "is JSON but not a Telegram Desktop export"),
        (b'{"messages": [', "is not valid JSON (Expecting value at line 1, column 15)"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON"),
    ],
)
def test_not_an_export(data: bytes, expected: str) -> None:
    with pytest.raises(ExportFormatError) as exc:
        load_bytes(data, source="report.json", kind="telegram")
    message = one_line(exc)
    assert message.startswith("report.json ") and expected in message
    assert "Export chat history → JSON" in message


def test_every_input_error_is_in_the_tree() -> None:
    for cls in (DocumentNotFound, DocumentTooLarge, EmptyDocument, BinaryDocument, DecodeError):
        assert issubclass(cls, InputError) and issubclass(cls, SkyledgerError)
    assert issubclass(ExportFormatError, InputError)


# --- the development corpus (skipped when it is absent) ---------------------------


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("name", ["d009", "d010", "d011", "d012", "d013", "d014"])
def test_corpus_pages_read_clean(name: str) -> None:
    gold = json.loads((CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"))["document"]
    doc = load_path(CORPUS / f"{name}.html").documents[0]
    assert doc.language == gold["language"]
    assert doc.published is not None and doc.published.isoformat() == gold["published"]
    lowered = doc.text.lower()
    for leak in ("ctrl+enter", "cookie", "spoiler", "спойлер", "читайте також", "read also"):
        assert leak not in lowered, (name, leak)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_corpus_seed_clutter() -> None:
    text = load_path(CORPUS / "seed-kyiv-2024-03-21.txt").text
    assert "Ukraine Jails Couple" not in text and "Other Topics of Interest" not in text
    assert "Ctrl + Enter" not in text and "Comments" not in text and "NATO" not in text
    assert "Prosecutors have opened thousands of cases" in text
    assert text.endswith("where he vowed to restore security.")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_corpus_exports() -> None:
    for name, first in (("d023", date(2024, 5, 12)), ("d024", date(2025, 4, 7))):
        loaded = load_path(CORPUS / f"{name}.json")
        assert loaded.kind == "telegram" and loaded.documents
        assert loaded.documents[0].published == first
        assert {d.language for d in loaded.documents} == {"uk"}


def test_html_wrong_declared_charset_keeps_the_first_error() -> None:
    data = b"<html><head><meta charset='no-such'></head><body><p>x \xff y</p></body></html>"
    with pytest.raises(DecodeError) as exc:
        load_bytes(data, source="w.html", kind="html")
    assert "byte 0xff at offset" in one_line(exc)
