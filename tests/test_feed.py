"""skyledger.sources.feed: RSS and Atom entries, with and without links."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from skyledger.sources.feed import FeedError, is_feed, load_entry, parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Regional News</title><link>https://news.test/</link>
<item><title>Night attack on the region</title><link>/2024/03/21/attack</link>
<guid isPermaLink="false">story-1</guid><pubDate>Thu, 21 Mar 2024 03:30:00 GMT</pubDate>
<description>Short teaser.</description></item>
<item><title>Air defence update</title><pubDate>Wed, 20 Mar 2024 22:30:00 GMT</pubDate>
<description>&lt;p&gt;Overnight Russia launched 12 Shahed drones; 10 were destroyed.&lt;/p&gt;</description>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Повітряні сили</title>
<id>urn:af</id><updated>2024-03-21T06:00:00Z</updated>
<entry><id>urn:af:1</id><title>Ніч на 21 березня</title><updated>2024-03-21T06:00:00Z</updated>
<content type="text">У ніч на 21 березня противник атакував 31 ракетою. Збито 31.</content></entry>
</feed>""".encode()


def test_rss_entries_with_and_without_links() -> None:
    feed = parse_feed(RSS, "https://news.test/rss", base_url="https://news.test/rss")
    assert feed.title == "Regional News"
    linked, own = feed.entries
    assert linked.key == "story-1" and linked.link == "https://news.test/2024/03/21/attack"
    assert linked.published == date(2024, 3, 21)  # 03:30 UTC is 05:30 in Kyiv
    assert own.link is None and "12 Shahed" in own.content
    # 22:30 UTC on the 20th is already the 21st in Kyiv.
    assert own.published == date(2024, 3, 21)
    assert own.key.startswith("sha256:") and own.version


def test_linkless_entry_is_its_own_document() -> None:
    entry = parse_feed(RSS, "feed.xml").entries[1]
    loaded = load_entry(entry, "feed.xml")
    assert loaded.text.startswith("Air defence update")
    assert "<p>" not in loaded.text and "10 were destroyed" in loaded.text
    assert loaded.documents[0].source == f"feed.xml#{entry.key}"
    assert loaded.documents[0].published == date(2024, 3, 21)
    # The user's date wins over the entry's.
    assert load_entry(entry, "feed.xml", date(2024, 1, 1)).documents[0].published == date(2024, 1, 1)


def test_atom_text_content() -> None:
    feed = parse_feed(ATOM, "af.atom")
    (entry,) = feed.entries
    assert feed.title == "Повітряні сили" and entry.key == "urn:af:1"
    assert load_entry(entry, "af.atom").text.endswith("Збито 31.")


def test_entry_version_changes_with_its_content() -> None:
    before = parse_feed(ATOM, "a").entries[0]
    after = parse_feed(ATOM.replace("Збито 31.".encode(), "Збито 30.".encode()), "a").entries[0]
    assert before.key == after.key and before.version != after.version


def test_entry_links_must_be_web_addresses() -> None:
    data = RSS.replace(b"/2024/03/21/attack", b"file:///etc/passwd")
    assert parse_feed(data, "x", base_url="https://news.test/").entries[0].link is None


@pytest.mark.parametrize("data", [b"plain words", b"<html><body><p>page</p></body></html>",
                                  b"", b"<rss><channel><item>"])
def test_not_a_feed(data: bytes) -> None:
    if data.startswith(b"<rss"):
        # A truncated feed still yields what it has; an empty one is an error
        # only when nothing is recognisable.
        assert is_feed(data)
        return
    assert not is_feed(data)
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(data, "x.xml")


def test_is_feed_sniffs_the_root_element() -> None:
    assert is_feed(RSS) and is_feed(ATOM)
    assert is_feed(b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'></rdf:RDF>")
    assert not is_feed(b"<?xml version='1.0'?><svg></svg>", "application/xml")


def test_a_file_path_in_the_bytes_is_never_opened(tmp_path: Path) -> None:
    # feedparser opens a path or URL given as a string; parse_feed only passes bytes.
    secret = tmp_path / "secret.xml"
    secret.write_bytes(RSS)
    with pytest.raises(FeedError):
        parse_feed(str(secret).encode(), "x")
