"""HTML pages: the article text and the publication date.

    bytes -> decode (given encoding, else the page's declared charset)
          -> one lxml tree (trafilatura's loader), shared by the two below
          -> main text: trafilatura (precision mode, no comments); when it
             finds nothing, a plain reader that keeps block text outside
             navigation, comments and other page furniture
          -> clean_text + strip_clutter
    date  -> htmldate on the same tree (page metadata first, with time and
             UTC offset), as a Europe/Kyiv local date

Hostile pages (very deep nesting, no <body>, huge attributes) end in text
or in EmptyDocument, never in another exception.
"""

from __future__ import annotations

import codecs
import logging
import re
from datetime import date, datetime
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from skyledger.errors import DecodeError, EmptyDocument, UsageError
from skyledger.extract.language import detect_language
from skyledger.models import Document
from skyledger.sources.cleaning import clean_text, load_clutter, strip_clutter
from skyledger.sources.loaded import Loaded, display_name
from skyledger.sources.text_file import check_not_empty, decode

if TYPE_CHECKING:
    from lxml.html import HtmlElement

KYIV = ZoneInfo("Europe/Kyiv")
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# A declared charset is looked for in the first bytes, as browsers do.
_CHARSET_SCAN_BYTES = 4096
_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_DOCUMENT_TAG = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)

_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "iframe",
        "head",
        "title",
        "object",
        "canvas",
    ]
)
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "figcaption",
        "address",
        "hr",
    ]
)
# An end tag closes the nearest open element of its name within this many
# levels; beyond that it is ignored, so hostile nesting stays linear.
_END_TAG_SEARCH = 256

log = logging.getLogger(__name__)


def decode_html(data: bytes, source: str, encoding: str) -> str:
    """Decode with `encoding`; if that fails, with the charset the page declares.

    When both fail, the error for `encoding` (byte, offset, hint) is raised.
    """
    try:
        return decode(data, source, encoding)
    except DecodeError as first:
        declared = declared_charset(data)
        if declared is None or _same_codec(declared, encoding):
            raise
        try:
            return decode(data, source, declared)
        except (DecodeError, UsageError):
            raise first from None


def _same_codec(a: str, b: str) -> bool:
    try:
        return codecs.lookup(a).name == codecs.lookup(b).name
    except LookupError:
        return False


def declared_charset(data: bytes) -> str | None:
    """The charset named in a <meta> tag near the start of the page."""
    match = _CHARSET.search(data[:_CHARSET_SCAN_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def parse_page(html: str) -> HtmlElement | None:
    """The page as trafilatura itself would parse it, or None if it rejects it.

    Parsed once here, the tree serves both trafilatura and htmldate, and
    htmldate never sees a string (one that looks like a URL it would fetch).
    """
    import trafilatura

    if not _DOCUMENT_TAG.search(html):
        # trafilatura ignores a bare fragment (no <html>, no <body>); wrap it.
        html = f"<html><body>{html}</body></html>"
    try:
        return trafilatura.load_html(html)
    except Exception as exc:  # noqa: BLE001 - third-party parser on hostile input
        log.debug("trafilatura could not parse the page: %r", exc)
        return None


def trafilatura_text(page: HtmlElement | None) -> str | None:
    """Main text by trafilatura, or None (nothing found or the parser gave up)."""
    import trafilatura

    if page is None:
        return None
    try:
        text = trafilatura.extract(page, include_comments=False, favor_precision=True)
    except Exception as exc:  # noqa: BLE001 - third-party parser on hostile input
        log.debug("trafilatura failed: %r", exc)
        return None
    return text if text and text.strip() else None


def _hinted(attrs: list[tuple[str, str | None]], hints: tuple[re.Pattern[str], ...]) -> bool:
    for name, value in attrs:
        if name in ("class", "id") and value:
            low = value.lower()
            if any(h.search(low) for h in hints):
                return True
    return False


class _BlockText(HTMLParser):
    """Text of block elements outside page furniture; no recursion, any depth."""

    def __init__(self, hints: tuple[re.Pattern[str], ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.hints = hints
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in _VOID_TAGS:
            return
        skip = tag in _SKIP_TAGS or _hinted(attrs, self.hints)
        self.stack.append((tag, skip))
        self.skipping += skip

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        depth = len(self.stack)
        for i in range(depth - 1, max(depth - 1 - _END_TAG_SEARCH, -1), -1):
            if self.stack[i][0] == tag:
                self.skipping -= sum(skip for _, skip in self.stack[i:])
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def plain_text(html: str) -> str:
    """Block text of a page without trafilatura: the fallback reader."""
    hints = tuple(
        re.compile(rf"(?<![a-z]){re.escape(h)}s?(?![a-z])") for h in load_clutter().html_hints
    )
    parser = _BlockText(hints)
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - stdlib parser on hostile input; keep what was read
        log.debug("html.parser failed: %r", exc)
    return parser.text()


def page_date(page: HtmlElement | None) -> tuple[date | None, str | None]:
    """Publication date from the parsed page as (Kyiv local date, raw value).

    The tree has no HTML comments (trafilatura's parser drops them), so a date
    that only a comment holds, such as a cache stamp, is not taken.
    """
    import htmldate

    if page is None:
        return None, None
    value: str | None = None
    try:
        # Metadata first (url="" stops a date-only guess from the page's URL
        # winning over article:published_time with its time and offset).
        value = htmldate.find_date(
            page, original_date=True, outputformat=DATE_FORMAT, url="", extensive_search=False
        ) or htmldate.find_date(page, original_date=True, outputformat=DATE_FORMAT)
    except Exception as exc:  # noqa: BLE001 - third-party parser on hostile input
        log.debug("htmldate failed: %r", exc)
    return (kyiv_date(value), value) if value else (None, None)


def kyiv_date(value: str) -> date | None:
    """Local date in Kyiv of an htmldate value; a value without offset stays as is."""
    try:
        moment = datetime.strptime(value, DATE_FORMAT)
    except ValueError:
        try:
            return datetime.strptime(value[:10], "%Y-%m-%d").date()
        except ValueError:
            return None
    return moment.astimezone(KYIV).date()


def read(data: bytes, *, source: str, published: date | None, encoding: str) -> Loaded:
    """Reader for the "html" kind: one Document with the article text."""
    html = decode_html(data, source, encoding)
    check_not_empty(html, source)
    page = parse_page(html)
    meta: dict[str, object] = {}
    if published is None:
        # Before trafilatura: htmldate prunes a copy of the tree, while
        # trafilatura only promises to accept a tree, not to leave it intact.
        published, meta["published_at"] = page_date(page)
    raw = trafilatura_text(page) or plain_text(html)
    text = strip_clutter(clean_text(raw))
    if not text:
        raise EmptyDocument(
            f"no article text found in {display_name(source)}; check that it is an article "
            "page, or save the article text as .txt"
        )
    doc = Document(
        source=source,
        text=text,
        published=published,
        language=detect_language(text),
        kind="html",
        meta=meta,
    )
    return Loaded(documents=[doc], skipped=[], kind="html", text=text)
