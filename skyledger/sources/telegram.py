"""Telegram Desktop exports (Export chat history -> JSON, result.json).

One Document per usable message. Service messages (pins, joins) are normal
and yield nothing. A malformed message never aborts the export: it is
skipped with a one-line reason and the good messages are still returned.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from skyledger.errors import EmptyDocument, ExportFormatError
from skyledger.extract.language import (
    CYRILLIC_DEFAULT,
    detect_language,
    guess_language,
    script_counts,
)
from skyledger.models import Document
from skyledger.sources.cleaning import clean_text, strip_clutter
from skyledger.sources.loaded import Loaded, display_name
from skyledger.sources.text_file import check_not_empty, decode

KYIV = ZoneInfo("Europe/Kyiv")
# "date" is the exporting machine's local time and "date_unixtime" the
# exact moment. The moment gives the Kyiv date when the two agree within
# the widest gap between time zones (UTC-12 .. UTC+14).
_MAX_ZONE_GAP = timedelta(hours=26)
_HOW_TO_EXPORT = "export with Telegram Desktop: Export chat history → JSON"
_MEDIA_KEYS = ("media_type", "photo", "file", "sticker_emoji", "poll", "location_information")


def parse_export(text: str, source: str) -> list[Any]:
    """The export's "messages" list; ExportFormatError if it is not an export."""
    name = display_name(source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportFormatError(
            f"{name} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            f"{_HOW_TO_EXPORT}"
        ) from None
    except RecursionError:
        raise ExportFormatError(
            f"{name} is JSON nested too deeply to read; {_HOW_TO_EXPORT}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise ExportFormatError(
            f"{name} is JSON but not a Telegram Desktop export (no 'messages' list); {_HOW_TO_EXPORT}"
        )
    messages: list[Any] = data["messages"]
    return messages


def message_text(value: Any) -> str:
    """Plain text of a message's "text": a string, or a list of strings and
    entity objects ({"type": ..., "text": ...}); other parts are skipped."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return ""
    parts = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            parts.append(part["text"])
    return "".join(parts)


def _int_id(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def message_moment(msg: dict[str, Any]) -> datetime | None:
    """When the message was posted, in Kyiv time when the export allows it."""
    raw = msg.get("date")
    if not isinstance(raw, str):
        return None
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        return moment.astimezone(KYIV)
    stamp = _int_id(msg.get("date_unixtime"))
    if stamp is not None:
        try:
            exact = datetime.fromtimestamp(stamp, KYIV)
        except (OverflowError, OSError, ValueError):
            return moment
        if abs(exact.replace(tzinfo=None) - moment) <= _MAX_ZONE_GAP:
            return exact
    return moment


def _no_text_reason(msg: dict[str, Any]) -> str:
    media = msg.get("media_type") or next((k for k in _MEDIA_KEYS if k in msg), None)
    return f"no text ({media} only)" if isinstance(media, str) else "no text"


def read_message(msg: Any, position: int, source: str) -> Document | str | None:
    """A Document, a skip reason, or None for a service message."""
    if not isinstance(msg, dict):
        return f"message at position {position}: not a JSON object"
    kind = msg.get("type", "message")
    if kind == "service":
        return None
    mid = _int_id(msg.get("id"))
    if mid is None:
        return f"message at position {position}: no valid 'id' ({msg.get('id')!r})"
    if kind != "message":
        return f"message {mid}: unknown type {kind!r}"
    moment = message_moment(msg)
    if moment is None:
        return f"message {mid}: missing or invalid date ({msg.get('date')!r})"
    text = strip_clutter(clean_text(message_text(msg.get("text"))))
    if not text:
        return f"message {mid}: {_no_text_reason(msg)}"
    reply_to = _int_id(msg.get("reply_to_message_id"))
    return Document(
        source=f"{source}#{mid}",
        text=text,
        published=moment.date(),
        message_id=mid,
        kind="telegram",
        meta={"edited": "edited" in msg, "reply_to": reply_to, "date": moment.isoformat()},
    )


def set_languages(docs: list[Document]) -> None:
    """Language of each message; one without evidence (a short Cyrillic alert,
    only digits) takes the channel's majority language of its script."""
    guesses = [guess_language(doc.text) for doc in docs]
    cyrillic = Counter(g for g in guesses if g in ("uk", "ru")).most_common(1)
    overall = Counter(g for g in guesses if g).most_common(1)
    for doc, guess in zip(docs, guesses):
        if guess is None:
            _, letters = script_counts(doc.text)
            if letters:
                guess = cyrillic[0][0] if cyrillic else CYRILLIC_DEFAULT
            else:
                guess = overall[0][0] if overall else detect_language(doc.text)
        doc.language = guess


def read(data: bytes, *, source: str, published: date | None, encoding: str) -> Loaded:
    """Reader for the "telegram" kind. `published` is ignored: each message
    carries its own date."""
    text = decode(data, source, encoding)
    check_not_empty(text, source)
    docs: list[Document] = []
    skipped: list[str] = []
    for position, msg in enumerate(parse_export(text, source)):
        result = read_message(msg, position, source)
        if isinstance(result, Document):
            docs.append(result)
        elif isinstance(result, str):
            skipped.append(result)
    if not docs:
        first = f", e.g. {skipped[0]!r}" if skipped else ""
        raise EmptyDocument(
            f"no message with text in {display_name(source)} ({len(skipped)} skipped{first}); "
            f"{_HOW_TO_EXPORT} from a channel with text posts"
        )
    set_languages(docs)
    return Loaded(
        documents=docs, skipped=skipped, kind="telegram", text="\n\n".join(d.text for d in docs)
    )
