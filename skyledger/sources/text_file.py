"""Plain-text documents, and the byte-level checks every source shares.

`decode` turns raw bytes into text or raises the error that says why it
cannot: binary content, bytes invalid in the encoding, an unknown codec.
`read` makes the one Document of a plain-text report.
"""

from __future__ import annotations

import codecs
from datetime import date

from skyledger.errors import BinaryDocument, DecodeError, EmptyDocument, UsageError
from skyledger.extract.language import detect_language
from skyledger.models import Document
from skyledger.sources.cleaning import clean_text, strip_clutter
from skyledger.sources.loaded import Loaded, display_name

# Binary sniffing looks at the start only, like file(1) and git do.
SNIFF_BYTES = 8192
# Share of C0 control bytes (other than tab, newlines, form feed, escape)
# above which a file is binary. Text files, cp1251 and UTF-8 included, have
# none; images, archives and office files have 10-30 % in their first 8 KB.
CONTROL_SHARE_MAX = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")
# The bytes counted as binary: deleted with bytes.translate, the rest counted
# in C (a Python loop over 8 KB costs more than decoding the whole page).
_BINARY_BYTES = bytes(b for b in range(0x20) if b not in _TEXT_CONTROLS) + b"\x7f"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of data announces."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def check_not_binary(data: bytes, source: str) -> None:
    """Raise BinaryDocument if the first bytes hold NULs or many control bytes."""
    head = data[:SNIFF_BYTES]
    name = display_name(source)
    fix = "pass a .txt, .html or Telegram result.json file"
    if b"\x00" in head:
        raise BinaryDocument(f"{name} looks binary (NUL bytes in its first 8 KB), not text; {fix}")
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))
    if head and controls / len(head) > CONTROL_SHARE_MAX:
        share = f"{controls / len(head):.0%}"
        raise BinaryDocument(
            f"{name} looks binary ({share} control bytes in its first 8 KB); {fix}"
        )


def check_encoding(encoding: str) -> str:
    """Return the codec's canonical name; UsageError if Python has no such codec."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(
            f"unknown encoding {encoding!r}; pass a Python codec name, e.g. --encoding cp1251"
        ) from None


def decode(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Decode a document's bytes; a BOM wins over `encoding`.

    Raises BinaryDocument, DecodeError, or UsageError for an unknown codec.
    """
    codec = bom_encoding(data)
    if codec is None:
        check_not_binary(data, source)
        codec = check_encoding(encoding)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(decode_message(source, codec, exc)) from None


def decode_message(source: str, codec: str, exc: UnicodeDecodeError) -> str:
    """One line naming the file, the byte and its offset, and the fix."""
    bad = exc.object[exc.start : exc.start + 1]
    other = "utf-8" if codec.replace("_", "-") in ("cp1251", "windows-1251") else "cp1251"
    return (
        f"cannot decode {display_name(source)} as {codec} (byte 0x{bad.hex()} at offset "
        f"{exc.start}); pass --encoding, e.g. --encoding {other}"
    )


def check_not_empty(text: str, source: str) -> None:
    """Raise EmptyDocument when text holds nothing but whitespace."""
    if not text.strip():
        what = "is empty" if not text else "holds only whitespace"
        raise EmptyDocument(
            f"{display_name(source)} {what}; nothing to extract, pass a document with report text"
        )


def read_text(text: str, *, source: str, published: date | None) -> Loaded:
    """One Document from plain text: cleaned, page clutter dropped."""
    check_not_empty(text, source)
    cleaned = strip_clutter(clean_text(text))
    if not cleaned:
        raise EmptyDocument(
            f"no report text left in {display_name(source)} after removing invisible "
            "characters and page clutter; pass a document with report text"
        )
    doc = Document(
        source=source,
        text=cleaned,
        published=published,
        language=detect_language(cleaned),
        kind="text",
    )
    return Loaded(documents=[doc], skipped=[], kind="text", text=cleaned)


def read(data: bytes, *, source: str, published: date | None, encoding: str) -> Loaded:
    """Reader for the "text" kind: decode, then `read_text`."""
    return read_text(decode(data, source, encoding), source=source, published=published)
