"""Known sources and their standing (skyledger/data/sources.json).

`identify(name, url)` names the source of a document; `rank(kind, country,
attacker, target)` gives its standing for one attack (lower ranks first).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

KINDS = (
    "military",
    "regional_administration",
    "government",
    "wire_agency",
    "newspaper",
    "dataset",
    "unknown",
)


@dataclass(frozen=True)
class SourceSpec:
    name: str
    kind: str
    country: str | None
    domain: str | None = None


@dataclass(frozen=True)
class _Registry:
    ranks: dict[str, int]
    default_kind: str
    keywords: dict[str, tuple[re.Pattern[str], ...]]
    by_alias: dict[str, SourceSpec]
    by_domain: dict[str, SourceSpec]
    by_channel: dict[str, SourceSpec]


def _keyword(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(word.casefold()) + r"(?!\w)")


def _spec(entry: dict[str, Any]) -> SourceSpec:
    domains = entry.get("domains") or []
    return SourceSpec(
        entry["name"], entry["kind"], entry.get("country"), domains[0] if domains else None
    )


def build_registry(data: dict[str, Any]) -> _Registry:
    """The lookup tables of a sources.json document (validated by tests/test_store.py)."""
    by_alias: dict[str, SourceSpec] = {}
    by_domain: dict[str, SourceSpec] = {}
    by_channel: dict[str, SourceSpec] = {}
    for entry in data["sources"]:
        spec = _spec(entry)
        for alias in [entry["name"], *entry.get("aliases", [])]:
            by_alias[alias.casefold()] = spec
        for domain in entry.get("domains", []):
            by_domain[domain.lower()] = spec
        for channel in entry.get("telegram", []):
            by_channel[channel.lower()] = spec
    keywords = {k: tuple(_keyword(w) for w in words) for k, words in data["keywords"].items()}
    return _Registry(
        dict(data["ranks"]), data["default"]["kind"], keywords, by_alias, by_domain, by_channel
    )


def load_data() -> dict[str, Any]:
    raw = resources.files("skyledger").joinpath("data/sources.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@lru_cache(maxsize=1)
def registry() -> _Registry:
    return build_registry(load_data())


def _host(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _channel(url: str | None) -> str | None:
    host = _host(url)
    if host not in ("t.me", "telegram.me"):
        return None
    parts = [p for p in urlsplit(url or "").path.split("/") if p and p != "s"]
    return parts[0].lower() if parts else None


def _by_domain(reg: _Registry, host: str) -> SourceSpec | None:
    labels = host.split(".")
    for i in range(len(labels) - 1):
        found = reg.by_domain.get(".".join(labels[i:]))
        if found:
            return found
    return None


def _by_keywords(reg: _Registry, name: str) -> str | None:
    folded = name.casefold()
    for kind, patterns in reg.keywords.items():
        if any(p.search(folded) for p in patterns):
            return kind
    return None


def identify(name: str | None, url: str | None = None) -> SourceSpec:
    """The known source a document came from, or a new one with the default standing."""
    reg = registry()
    channel = _channel(url)
    if channel and channel in reg.by_channel:
        return reg.by_channel[channel]
    host = _host(url)
    found = _by_domain(reg, host) if host else None
    if found:
        return found
    if name and name.strip().casefold() in reg.by_alias:
        return reg.by_alias[name.strip().casefold()]
    label = (name or "").strip() or (f"t.me/{channel}" if channel else None) or host or "unknown"
    kind = _by_keywords(reg, name) if name else None
    return SourceSpec(label[:200], kind or reg.default_kind, None, host)


def rank(kind: str, country: str | None, attacker: str | None, target: str | None) -> int:
    """Standing of a source for one attack; lower is preferred.

    A military or regional administration counts first only on the side that
    was attacked: it saw the attack and counted what it shot down.
    """
    ranks = registry().ranks
    if kind == "military":
        defending = country is None or country == target
        return ranks["defending_military" if defending else "attacking_military"]
    if kind == "regional_administration":
        return ranks["regional_administration" if country in (None, target) else "unknown"]
    return ranks.get(kind, ranks["unknown"])
