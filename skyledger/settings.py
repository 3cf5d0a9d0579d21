"""Settings declared once: (name, default, help). The CLI flags and docs read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: int | str | float
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        # 10 MB covers the longest live blogs we have seen (~2 MB of HTML) five
        # times over, and keeps peak memory of one extraction under 300 MB.
        Setting("max_document_bytes", 10_000_000, "Largest document read, in bytes."),
        Setting("encoding", "utf-8", "Text encoding of plain-text documents."),
    )
}


def default(name: str) -> int | str | float:
    return SETTINGS[name].default
