"""Sources: read one input (a path, standard input, bytes or text) into Documents.

    path / "-"  ->  bytes (size cap checked before reading)
                ->  kind: by extension, else sniffed from the content
                ->  the kind's reader (registered in READERS):
                      text      text_file.read   one Document
                      html      html_page.read   one Document, the article text
                      telegram  telegram.read    one Document per message

Every reader decodes, cleans (`clean_text`) and drops page clutter once;
evidence offsets refer to the resulting Document.text. Failures raise the
InputError subclasses of skyledger.errors with a one-line message.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import BinaryIO

from skyledger.errors import DocumentNotFound, DocumentTooLarge, InputError, UsageError
from skyledger.sources import html_page, telegram, text_file
from skyledger.sources.cleaning import clean_text, strip_clutter
from skyledger.sources.loaded import STDIN, Loaded, Reader, display_name

__all__ = [
    "EXTENSIONS",
    "READERS",
    "Loaded",
    "clean_text",
    "load_bytes",
    "load_path",
    "load_text",
    "sniff_kind",
    "strip_clutter",
]

# The one place where input kinds are registered (built-ins included).
READERS: dict[str, Reader] = {
    "text": text_file.read,
    "html": html_page.read,
    "telegram": telegram.read,
}
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "telegram",
}
_CHUNK = 1 << 16
_SNIFF_CHARS = 4096


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}".removesuffix(".0") + " MB"
    return f"{n:,} bytes"


def too_large(source: str, size: int | None, cap: int) -> DocumentTooLarge:
    """The size-cap error: "report.html is 12.4 MB, over the 10 MB cap; ..."."""
    what = f"is {_size(size)}" if size is not None else "holds more"
    if size is not None and _size(size) == _size(cap):
        what = f"is {size:,} bytes"
    cap_text = _size(cap) if cap >= 1_000_000 else f"{cap:,}-byte"
    return DocumentTooLarge(
        f"{display_name(source)} {what}, over the {cap_text} cap; raise it with --max-bytes"
    )


def _check_cap(max_bytes: int) -> None:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise UsageError(f"--max-bytes must be a positive whole number of bytes, not {max_bytes!r}")


def read_capped(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    """Read at most max_bytes from a stream, in chunks; DocumentTooLarge past it."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > max_bytes:
        raise too_large(source, None, max_bytes)
    return b"".join(chunks)


def _read_file(path: Path, source: str, max_bytes: int) -> bytes:
    """Stat first (missing, directory, too large), then read with the cap."""
    name = display_name(source)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DocumentNotFound(
            f"no such file: {name}; check the path (use - for standard input)"
        ) from None
    except NotADirectoryError:
        raise DocumentNotFound(
            f"no such file: {name} (a parent is not a directory); check the path"
        ) from None
    except OSError as exc:
        raise InputError(
            f"cannot read {name} ({exc.strerror}); check the path and its permissions"
        ) from None
    if path.is_dir():
        raise DocumentNotFound(
            f"{name} is a directory, not a document; pass one .txt, .html or .json file"
        )
    if path.is_file() and st.st_size > max_bytes:
        raise too_large(source, st.st_size, max_bytes)
    try:
        with path.open("rb") as handle:
            return read_capped(handle, source, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read {name} ({exc.strerror}); check its permissions") from None


def sniff_kind(data: bytes, encoding: str = "utf-8") -> str:
    """Kind of unnamed content: markup is "html", a JSON object "telegram", else "text"."""
    codec = text_file.bom_encoding(data) or encoding
    try:
        head = data[: _SNIFF_CHARS * 4].decode(codec, errors="replace")[:_SNIFF_CHARS]
    except LookupError:
        head = data[:_SNIFF_CHARS].decode("latin-1")
    start = head.lstrip("\ufeff \t\r\n")
    if start.startswith("<") or "<html" in head.lower():
        return "html"
    if start.startswith("{"):
        try:
            return "telegram" if isinstance(json.loads(data.decode(codec)), dict) else "text"
        except (ValueError, LookupError, RecursionError):
            return "text"
    return "text"


def load_bytes(
    data: bytes,
    *,
    source: str,
    published: date | None = None,
    encoding: str = "utf-8",
    max_bytes: int = 10_000_000,
    kind: str | None = None,
) -> Loaded:
    """Read one document's bytes; kind None sniffs the content."""
    _check_cap(max_bytes)
    if len(data) > max_bytes:
        raise too_large(source, len(data), max_bytes)
    if kind is None:
        kind = sniff_kind(data, encoding)
    reader = READERS.get(kind)
    if reader is None:
        raise UsageError(f"unknown document kind {kind!r}; choose one of: {', '.join(READERS)}")
    return reader(data, source=source, published=published, encoding=encoding)


def load_path(
    path: str | Path,
    *,
    published: date | None = None,
    encoding: str = "utf-8",
    max_bytes: int = 10_000_000,
) -> Loaded:
    """Read a .txt, .html/.htm or Telegram .json file; "-" reads standard input."""
    _check_cap(max_bytes)
    source = str(path)
    if source == STDIN:
        data = read_capped(sys.stdin.buffer, STDIN, max_bytes)
        kind = None
    else:
        data = _read_file(Path(path), source, max_bytes)
        kind = EXTENSIONS.get(Path(path).suffix.lower())
    return load_bytes(
        data, source=source, published=published, encoding=encoding, max_bytes=max_bytes, kind=kind
    )


def load_text(
    text: str, *, source: str = STDIN, published: date | None = None, kind: str | None = "text"
) -> Loaded:
    """Read a document given as text: plain text unless `kind` names another
    kind (None sniffs). No size cap: the text is already in memory."""
    if kind == "text":
        return text_file.read_text(text, source=source, published=published)
    data = text.encode("utf-8", errors="replace")
    return load_bytes(
        data, source=source, published=published, kind=kind, max_bytes=max(len(data), 1)
    )
