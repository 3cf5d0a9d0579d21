"""RSS and Atom feeds (feedparser).

    feed bytes -> Feed(title, entries)
    an entry with a link     -> its page, fetched by the caller (skyledger.fetch)
    an entry without a link  -> its own text (content, else summary) as one document

feedparser is only ever given bytes: handed a string it would fetch URLs or
open local files itself, outside the checks of skyledger.fetch.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser

from skyledger import sources
from skyledger.errors import FeedError
from skyledger.sources import html_page
from skyledger.sources.loaded import Loaded, display_name

__all__ = ["Feed", "FeedEntry", "FeedError", "is_feed", "load_entry", "parse_feed"]

KYIV = ZoneInfo("Europe/Kyiv")
FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "text/xml",
     "application/xml"}
)
# A feed's root element shows within the first bytes (after the XML
# declaration, comments and a stylesheet instruction).
_SNIFF_BYTES = 2048
_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")



@dataclass(frozen=True)
class FeedEntry:
    """One feed item. `key` is stable across fetches: the entry id, else its link."""

    key: str
    link: str | None
    title: str
    content: str
    content_type: str
    published: date | None
    # Changes when the entry is edited: watch fetches it again then.
    version: str = ""


@dataclass
class Feed:
    source: str
    title: str
    entries: list[FeedEntry] = field(default_factory=list)


def is_feed(data: bytes, content_type: str = "", name: str = "") -> bool:
    """Whether the bytes look like RSS or Atom: by the root element, which
    decides over a generic XML content type or file extension."""
    head = data[:_SNIFF_BYTES]
    if _ROOT.search(head):
        return True
    specific = content_type in ("application/rss+xml", "application/atom+xml")
    return specific and head.lstrip().startswith(b"<")


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            moment = datetime.fromtimestamp(calendar.timegm(value), UTC)
            return moment.astimezone(KYIV).date()
    return None


def _entry_body(entry: Any) -> tuple[str, str]:
    """(text, its MIME type): the fullest content, else the summary."""
    best = ("", "text/plain")
    for part in entry.get("content") or []:
        value = str(part.get("value") or "")
        if len(value) > len(best[0]):
            best = (value, str(part.get("type") or "text/html"))
    if not best[0] and entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        best = (str(entry.get("summary")), str(detail.get("type") or "text/html"))
    return best


def _entry_link(entry: Any, base: str) -> str | None:
    link = str(entry.get("link") or "").strip()
    if not link:
        return None
    absolute = urljoin(base, link) if base else link
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _entry(entry: Any, base: str) -> FeedEntry:
    link = _entry_link(entry, base)
    content, content_type = _entry_body(entry)
    title = str(entry.get("title") or "")
    key = str(entry.get("id") or "") or link
    if not key:
        key = "sha256:" + _digest(title, content)
    # Reading a missing "updated" makes feedparser warn; look before reading.
    updated = str(entry["updated"]) if dict.__contains__(entry, "updated") else ""
    version = _digest(updated, title, content, link or "")[:16]
    return FeedEntry(key, link, title, content, content_type, _entry_date(entry), version)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def parse_feed(data: bytes, source: str, *, base_url: str = "") -> Feed:
    """The feed's title and entries; FeedError if it is not a feed."""
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    name = display_name(source)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise FeedError(f"{name} is not an RSS or Atom feed{detail}; check the URL or file")
    base = base_url if urlsplit(base_url).scheme in ("http", "https") else ""
    title = str(parsed.feed.get("title") or "") or name
    return Feed(source, title, [_entry(e, base) for e in parsed.entries])


def entry_source(feed_source: str, entry: FeedEntry) -> str:
    """The name of a link-less entry's document: the feed and the entry key."""
    return f"{feed_source}#{entry.key}"


def load_entry(entry: FeedEntry, feed_source: str, published: date | None = None) -> Loaded:
    """A link-less entry's own text as one document (title, then body).

    `published` (the user's) wins over the entry's date."""
    when = published or entry.published
    source = entry_source(feed_source, entry)
    body = entry.content
    if entry.content_type in _HTML_TYPES:
        # A fragment, not a page: no article to find, just its text.
        body = html_page.plain_text(body)
    text = "\n\n".join(p for p in (entry.title.strip(), body.strip()) if p)
    return sources.load_text(text, source=source, published=when)
