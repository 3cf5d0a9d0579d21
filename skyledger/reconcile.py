"""Events of many documents -> one attack per real attack, conflicts kept.

    claims of one group (same attacker, target and date)
      -> canonical order (standing, then latest, then content hash)
      -> clusters: a claim joins the best compatible cluster, else starts one
      -> per field: the chosen value, the claims that support it, the claims
         that conflict with it

Everything here is a pure function of the claims: the order in which
documents arrived never matters, so incremental reconciling of one group and
`reconcile_all()` agree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

GroupKey = tuple[str | None, str | None, date | None]


@dataclass(frozen=True)
class ClaimWeapon:
    cls: str
    model: str | None
    launched: int | None
    destroyed: int | None
    suppressed: int | None


@dataclass(frozen=True)
class ClaimData:
    """One event as one document reported it, with what reconciling needs."""

    id: int
    document_id: int
    doc_sha: str
    seq: int
    rank: int  # source standing for this attack; lower is preferred
    source_id: int
    published: date | None
    fetched_at: datetime | None
    date: date | None
    attacker: str | None
    target_country: str | None
    regions: tuple[str, ...]
    launched: int | None
    destroyed: int | None
    killed: int | None
    injured: int | None
    weapons: tuple[ClaimWeapon, ...] = ()

    @property
    def group(self) -> GroupKey:
        return (self.attacker, self.target_country, self.date)

    @cached_property
    def classes(self) -> frozenset[str]:
        return frozenset(w.cls for w in self.weapons)

    @cached_property
    def families(self) -> frozenset[str]:
        return frozenset(family(c) for c in self.classes)


@dataclass
class FieldChoice:
    field: str
    value: Any
    claim_id: int | None
    supporting: list[int]
    conflicting: list[int]


@dataclass
class Cluster:
    """Claims of one attack; their regions, families and documents kept up to date as
    claims join, since clustering asks for them once per claim and cluster."""

    claims: list[ClaimData] = field(default_factory=list)
    regions: set[str] = field(default_factory=set)
    families: set[str] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        for claim in list(self.claims):
            self._note(claim)

    def add(self, claim: ClaimData) -> None:
        self.claims.append(claim)
        self._note(claim)

    def _note(self, claim: ClaimData) -> None:
        self.regions.update(claim.regions)
        self.families.update(claim.families)
        self.documents.add(claim.document_id)


def family(cls: str) -> str:
    """The contract's coarse family: missile, drone or bomb."""
    if cls.endswith("missile"):
        return "missile"
    if cls.endswith("drone"):
        return "drone"
    return "bomb" if cls == "guided_bomb" else cls


def _latest_key(c: ClaimData) -> tuple[str, str]:
    return (
        c.published.isoformat() if c.published else "",
        c.fetched_at.isoformat() if c.fetched_at else "",
    )


def canonical_order(claims: Iterable[ClaimData]) -> list[ClaimData]:
    """Best standing first, then the latest report, then content (never arrival order)."""
    out = sorted(claims, key=lambda c: (c.doc_sha, c.seq))
    out.sort(key=_latest_key, reverse=True)
    out.sort(key=lambda c: c.rank)
    return out


def _affinity(cluster: Cluster, claim: ClaimData) -> int | None:
    """How well a claim fits a cluster; None when it cannot belong to it."""
    if claim.document_id in cluster.documents:
        # One document's events were told apart by the extractor: keep them apart.
        return None
    regions, families = cluster.regions, cluster.families
    shared = len(regions & set(claim.regions)) + len(families & claim.families)
    if shared:
        return shared
    lacking = not claim.regions or not claim.weapons or not regions or not families
    return 0 if lacking else None


def cluster(claims: Iterable[ClaimData]) -> list[Cluster]:
    """Claims of one group, clustered into attacks, deterministic for any input order."""
    clusters: list[Cluster] = []
    for claim in canonical_order(claims):
        best: tuple[int, int] | None = None
        for i, candidate in enumerate(clusters):
            score = _affinity(candidate, claim)
            if score is not None and (best is None or score > best[0]):
                best = (score, i)
        if best is None:
            clusters.append(Cluster([claim]))
        else:
            clusters[best[1]].add(claim)
    return clusters


def _choose(name: str, ordered: list[ClaimData], values: dict[int, Any]) -> FieldChoice:
    """The first claim (canonical order) with a value wins; the rest agree or conflict."""
    given = [c for c in ordered if values.get(c.id) is not None]
    if not given:
        return FieldChoice(name, None, None, [], [])
    chosen = given[0]
    value = values[chosen.id]
    supporting = [c.id for c in given if values[c.id] == value]
    conflicting = [c.id for c in given if values[c.id] != value]
    return FieldChoice(name, value, chosen.id, supporting, conflicting)


def _class_figures(claim: ClaimData, cls: str) -> dict[str, int | None]:
    """A claim's figures for one class; several entries of a class are added up."""
    entries = [w for w in claim.weapons if w.cls == cls]
    out: dict[str, int | None] = {}
    for name in ("launched", "destroyed", "suppressed"):
        counts = [getattr(w, name) for w in entries]
        out[name] = None if any(v is None for v in counts) or not counts else sum(counts)
    return out


def _class_model(ordered: list[ClaimData], cls: str) -> str | None:
    for claim in ordered:
        models = [w.model for w in claim.weapons if w.cls == cls and w.model]
        if models:
            return ", ".join(dict.fromkeys(models))
    return None


def choose_fields(claims: list[ClaimData]) -> dict[str, FieldChoice]:
    """Every field of one attack: chosen value, supporting and conflicting claims."""
    ordered = canonical_order(claims)
    out: dict[str, FieldChoice] = {}
    for name in (
        "date",
        "attacker",
        "target_country",
        "launched",
        "destroyed",
        "killed",
        "injured",
    ):
        out[name] = _choose(name, ordered, {c.id: getattr(c, name) for c in ordered})
    out["regions"] = _regions(ordered)
    for cls in sorted({w.cls for c in ordered for w in c.weapons}):
        figures = {c.id: _class_figures(c, cls) for c in ordered if cls in c.classes}
        for fig in ("launched", "destroyed", "suppressed"):
            name = f"weapons.{cls}.{fig}"
            out[name] = _choose(name, ordered, {i: f[fig] for i, f in figures.items()})
        model = _class_model(ordered, cls)
        out[f"weapons.{cls}.model"] = FieldChoice(f"weapons.{cls}.model", model, None, [], [])
    return out


def _regions(ordered: list[ClaimData]) -> FieldChoice:
    """Regions add up: each report names where it saw the attack."""
    regions = sorted({r for c in ordered for r in c.regions})
    supporting = [c.id for c in ordered if c.regions]
    chosen = supporting[0] if supporting else None
    return FieldChoice("regions", regions, chosen, supporting, [])


def attack_key(claims: list[ClaimData]) -> str:
    """A content-derived key: the same claims give the same key in any ledger."""
    first = min(f"{c.doc_sha}:{c.seq}" for c in claims)
    return hashlib.sha256(first.encode()).hexdigest()[:16]
