"""What a source reader returns, shared by every reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from skyledger.models import Document

STDIN = "-"


@dataclass
class Loaded:
    """The Documents read from one input.

    `documents`: one for a text or HTML document, one per usable message of
    a Telegram export. `skipped`: one line per message that could not be
    used, e.g. "message 48219: no text". `kind`: "text", "html" or
    "telegram". `text`: the whole cleaned text (for an export, the message
    texts joined by a blank line).
    """

    documents: list[Document]
    skipped: list[str] = field(default_factory=list)
    kind: str = "text"
    text: str = ""


class Reader(Protocol):
    """A source reader: raw bytes of one input to Documents."""

    def __call__(
        self, data: bytes, *, source: str, published: date | None, encoding: str
    ) -> Loaded: ...


def display_name(source: str) -> str:
    """How error messages name an input: its path, or "standard input"."""
    return "standard input" if source == STDIN else source
