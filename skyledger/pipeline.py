"""The extraction pipeline, stage by stage (STUB: being written).

    source (sources/)  ->  Document(s) with cleaned text
    language           ->  en / uk / ru
    extract/           ->  facts: numbers, weapons, places, dates, casualties
    assemble           ->  events of one document
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from skyledger.models import Document, DocumentResult


def extract_document(doc: Document) -> DocumentResult:
    """Extract the events of one Document (stub: no events yet)."""
    sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    return DocumentResult(doc.source, doc.language or "en", doc.published, sha, [])


def extract(
    text_or_path: str | Path,
    published: date | None = None,
    *,
    encoding: str | None = None,
    max_bytes: int | None = None,
) -> DocumentResult:
    """Extract the air attacks of one document (stub)."""
    text = text_or_path if isinstance(text_or_path, str) else Path(text_or_path).read_text()
    return extract_document(Document(source="-", text=text, published=published))


def extract_path(
    path: str,
    published: date | None = None,
    *,
    encoding: str = "utf-8",
    max_bytes: int = 10_000_000,
) -> DocumentResult:
    """Extract one document given by path ("-" reads standard input) (stub)."""
    import sys

    text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding=encoding)
    return extract_document(Document(source=path, text=text, published=published))
