"""The extraction pipeline, stage by stage.

    sources/        a path, bytes or text  ->  Document(s) with cleaned text
    language        ->  en / uk / ru
    extract/reading ->  sentences, their figures, and the attack each belongs to
    assemble        ->  events of one document

A Telegram export is one Document per message; `channel` combines the events
of its messages.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from skyledger import channel
from skyledger.models import Document, DocumentResult, Event
from skyledger.settings import default

if TYPE_CHECKING:
    from skyledger import sources

# The stages are imported when first used: commands that only read the ledger
# (`skyledger stats`) then start without loading the extractor's data.

_DEFAULT_MAX = int(default("max_document_bytes"))
_DEFAULT_ENCODING = str(default("encoding"))


def events_of(doc: Document, sides: tuple[str | None, str | None] | None = None) -> list[Event]:
    """The events of one Document; `sides` are those of a figure that names neither."""
    from skyledger.assemble import build_event
    from skyledger.extract.language import detect_language
    from skyledger.extract.reading import read_document

    lang = doc.language or detect_language(doc.text)
    frames = read_document(doc.text, lang, doc.published, sides)
    events = [build_event(f, doc.message_id) for f in frames]
    return [e for e in events if e is not None]


def extract_loaded(loaded: sources.Loaded, source: str) -> DocumentResult:
    """The events of documents already read by a source reader (the ingest path)."""
    from skyledger.extract.language import detect_language

    text = loaded.text
    docs = loaded.documents
    if len(docs) == 1 and docs[0].text == text and docs[0].language:
        language = docs[0].language     # the reader already read this very text
    else:
        language = detect_language(text) if text.strip() else "en"
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    published = docs[0].published if docs else None
    events: list[Event] = []
    for doc in docs:
        doc.language = doc.language or detect_language(doc.text)
        if loaded.kind == "telegram":
            # A channel's update that names neither side speaks of the attacks it posted before.
            sides = (events[-1].attacker, events[-1].target_country) if events and channel.is_update_post(doc) else None
            found = events_of(doc, sides)
            events = channel.merge_message(events, found, doc)
        else:
            events += events_of(doc)
    if loaded.kind == "telegram":
        events = channel.running_counts_joined(events, docs)
    return DocumentResult(source, language, published, sha, events, list(loaded.skipped))


def extract_document(doc: Document) -> DocumentResult:
    """Extract the events of one already-loaded Document."""
    from skyledger import sources

    loaded = sources.Loaded([doc], [], doc.kind, doc.text)
    return extract_loaded(loaded, doc.source)


def extract_path(
    path: str,
    published: date | None = None,
    *,
    encoding: str = _DEFAULT_ENCODING,
    max_bytes: int = _DEFAULT_MAX,
) -> DocumentResult:
    """Extract one document given by path ("-" reads standard input)."""
    from skyledger import sources

    loaded = sources.load_path(path, published=published, encoding=encoding, max_bytes=max_bytes)
    return extract_loaded(loaded, str(path))


def _names_a_file(text: str) -> bool:
    if "\n" in text or len(text) > 1024:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a sentence is not a valid file name
        return False


def extract(
    text_or_path: str | Path,
    published: date | None = None,
    *,
    encoding: str = _DEFAULT_ENCODING,
    max_bytes: int = _DEFAULT_MAX,
) -> DocumentResult:
    """Extract the air attacks of one document.

    A `Path`, or a one-line string naming an existing file, is read as a file;
    any other string is the text of a report.
    """
    if isinstance(text_or_path, Path) or _names_a_file(text_or_path):
        return extract_path(str(text_or_path), published, encoding=encoding, max_bytes=max_bytes)
    from skyledger import sources

    loaded = sources.load_text(text_or_path, source="-", published=published)
    return extract_loaded(loaded, "-")
