"""Write reconciled attacks: load a group's current claims, let reconcile.py
cluster them and choose each field, then write the attack rows.

Attack ids stay stable: a cluster keeps the attack most of its claims
belonged to. An attack left without claims is deactivated, never deleted,
so corrections and history that point at it keep their target.

Every group of a pass is read with one query per table and written with one
executemany per table (attack_state.py keeps the pass's view exact).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, and_, select

from skyledger.reconcile import (
    ClaimData,
    ClaimWeapon,
    FieldChoice,
    GroupKey,
    attack_key,
    choose_fields,
    cluster,
)
from skyledger.store import schema as s
from skyledger.store.attack_state import AttackState, Derived, group_condition
from skyledger.store.field_values import decode, encode
from skyledger.store.sources import rank
from skyledger.store.writes import chunks, now

# Groups per pass of a full reconcile: bounds what one pass holds in memory.
FULL_PASS_GROUPS = 2000


@dataclass
class Tally:
    created: int = 0
    updated: int = 0


def _claim_query() -> Any:
    c, d, src = s.claims, s.documents, s.sources
    return (
        select(
            c, d.c.sha256, d.c.published, d.c.fetched_at, d.c.source_id, src.c.kind, src.c.country
        )
        .join(d, d.c.id == c.c.document_id)
        .join(src, src.c.id == d.c.source_id)
        .where(c.c.current)
    )


def _weapons(conn: Connection, ids: list[int]) -> dict[int, list[ClaimWeapon]]:
    out: dict[int, list[ClaimWeapon]] = defaultdict(list)
    w = s.claim_weapons
    for part in chunks(ids):
        rows = conn.execute(select(w).where(w.c.claim_id.in_(part)).order_by(w.c.id))
        for r in rows:
            out[r.claim_id].append(
                ClaimWeapon(r.cls, r.model, r.launched, r.destroyed, r.suppressed)
            )
    return out


def _claim(r: Row[Any], weapons: list[ClaimWeapon]) -> ClaimData:
    regions = tuple(x for x in (r.regions or "").split(", ") if x)
    return ClaimData(
        id=r.id,
        document_id=r.document_id,
        doc_sha=r.sha256,
        seq=r.seq,
        rank=rank(r.kind, r.country, r.attacker, r.target_country),
        source_id=r.source_id,
        published=r.published,
        fetched_at=r.fetched_at,
        date=r.date,
        attacker=r.attacker,
        target_country=r.target_country,
        regions=regions,
        launched=r.launched,
        destroyed=r.destroyed,
        killed=r.killed,
        injured=r.injured,
        weapons=tuple(weapons),
    )


def _load(
    conn: Connection, groups: list[GroupKey]
) -> tuple[dict[GroupKey, list[ClaimData]], dict[int, int | None]]:
    """Current claims by group, and each claim's attack."""
    query = _claim_query()
    c = s.claims.c
    rows = [r for part in chunks(groups) for r in conn.execute(query.where(group_condition(c, part)))]
    rows.sort(key=lambda r: r.id)
    weapons = _weapons(conn, [r.id for r in rows])
    out: dict[GroupKey, list[ClaimData]] = defaultdict(list)
    for r in rows:
        claim = _claim(r, weapons.get(r.id, []))
        out[claim.group].append(claim)
    return out, {r.id: r.attack_id for r in rows}


def load_claims(conn: Connection, groups: Iterable[GroupKey]) -> dict[GroupKey, list[ClaimData]]:
    """Current claims by group."""
    return _load(conn, list(groups))[0]


def reconcile_groups(conn: Connection, groups: Iterable[GroupKey] | None) -> Tally:
    """Re-cluster the given groups (all when None) and write their attacks."""
    tally = Tally()
    if groups is not None:
        _pass(conn, sorted(set(groups), key=_sort_key), tally)
        return tally
    c = s.claims.c
    query = select(c.attacker, c.target_country, c.date).where(c.current).distinct()
    keys = sorted({(r[0], r[1], r[2]) for r in conn.execute(query)}, key=_sort_key)
    for start in range(0, len(keys), FULL_PASS_GROUPS):
        _pass(conn, keys[start : start + FULL_PASS_GROUPS], tally)
    _retire_orphans(conn)
    return tally


def _pass(conn: Connection, keys: list[GroupKey], tally: Tally) -> None:
    """Reconcile these groups (sorted) with one read per table and one write per table."""
    if not keys:
        return
    by_group, links = _load(conn, keys)
    state = AttackState(conn, keys, links)
    for key in keys:
        _reconcile_group(state, key, by_group.get(key, []), tally)
    state.flush()


def _sort_key(key: GroupKey) -> tuple[str, str, str]:
    return (key[0] or "", key[1] or "", key[2].isoformat() if key[2] else "")


def _reconcile_group(
    state: AttackState, key: GroupKey, claims: list[ClaimData], tally: Tally
) -> None:
    clusters = cluster(claims)
    previous = state.previous(c.id for c in claims)
    existing = state.group_attacks(key) | set(previous.values())
    chosen: list[int | None] = []
    for group in clusters:
        votes = Counter(previous[c.id] for c in group.claims if c.id in previous)
        ranked = [i for i, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))]
        chosen.append(next((i for i in ranked if i not in chosen), None))
    # A cluster of new claims (a new version, say) takes over a left-over attack,
    # so an attack keeps its id when the report behind it is replaced.
    spare = sorted(existing - {i for i in chosen if i is not None})
    for n, group in enumerate(clusters):
        reused = chosen[n] is not None or bool(spare)
        attack_id = chosen[n] if chosen[n] is not None else (spare.pop(0) if spare else None)
        attack_id, changed = _write(state, attack_id, group.claims)
        chosen[n] = attack_id
        tally.created += not reused
        tally.updated += reused and changed
    for attack_id in sorted(existing - set(chosen)):
        state.deactivate(attack_id)


def _retire_orphans(conn: Connection) -> None:
    a, c = s.attacks.c, s.claims.c
    live = select(c.attack_id).where(and_(c.current, c.attack_id.is_not(None)))
    orphans = conn.execute(select(a.id).where(and_(a.active, a.id.not_in(live)))).scalars().all()
    state = AttackState(conn, [], {}, orphans)
    for attack_id in orphans:
        state.deactivate(int(attack_id))
    state.flush()


def write_attack(
    conn: Connection, attack_id: int | None, claims: list[ClaimData]
) -> tuple[int, bool]:
    """Write one attack from its claims: (attack id, whether a published value changed)."""
    state = AttackState(conn, [], {}, [] if attack_id is None else [attack_id])
    written = _write(state, attack_id, claims)
    state.flush()
    return written


def _write(
    state: AttackState, attack_id: int | None, claims: list[ClaimData]
) -> tuple[int, bool]:
    fields = choose_fields(claims)
    corrected = (
        {n: decode(v) for n, v in state.overrides.get(attack_id, {}).items()}
        if attack_id is not None
        else {}
    )
    for name, value in corrected.items():
        choice = fields.setdefault(name, FieldChoice(name, None, None, [], []))
        choice.value = value if name != "date" else date.fromisoformat(value)
    before = state.fields.get(attack_id, {}) if attack_id is not None else {}
    row = _attack_row(fields, claims)
    after = {n: encode(f.value) for n, f in fields.items()}
    derived = _derived(fields, set(corrected), row)
    attack_id = state.write(attack_id, row, derived, dict(after), [c.id for c in claims])
    return attack_id, before != after


def _attack_row(fields: dict[str, FieldChoice], claims: list[ClaimData]) -> dict[str, Any]:
    day = fields["date"].value
    return {
        "key": attack_key(claims),
        "active": True,
        "date": day,
        "month": day.isoformat()[:7] if day else None,
        "attacker": fields["attacker"].value,
        "target_country": fields["target_country"].value,
        "regions": ", ".join(fields["regions"].value or []),
        "launched": fields["launched"].value,
        "destroyed": fields["destroyed"].value,
        "killed": fields["killed"].value,
        "injured": fields["injured"].value,
        "n_claims": len(claims),
        "n_sources": len({c.source_id for c in claims}),
        "updated_at": now(),
    }


def _derived(fields: dict[str, FieldChoice], corrected: set[str], row: dict[str, Any]) -> Derived:
    """Rows of attack_regions, attack_classes and attack_fields (attack_id set by the caller)."""
    regions = [{"region": r} for r in fields["regions"].value or []]
    classes = sorted({n.split(".")[1] for n in fields if n.startswith("weapons.")})
    none = FieldChoice("", None, None, [], [])
    class_rows = [
        {
            "cls": cls,
            "date": row["date"],
            "month": row["month"],
            "attacker": row["attacker"],
            **{
                fig: fields.get(f"weapons.{cls}.{fig}", none).value
                for fig in ("model", "launched", "destroyed", "suppressed")
            },
        }
        for cls in classes
    ]
    field_rows = [
        {
            "field": n,
            "value": encode(f.value),
            "claim_id": f.claim_id,
            "supporting": json.dumps(f.supporting),
            "conflicting": json.dumps(f.conflicting),
            "corrected": n in corrected,
        }
        for n, f in fields.items()
    ]
    return regions, class_rows, field_rows
