"""Write reconciled attacks: load a group's current claims, let reconcile.py
cluster them and choose each field, then write the attack rows.

Attack ids stay stable: a cluster keeps the attack most of its claims
belonged to. An attack left without claims is deactivated, never deleted,
so corrections and history that point at it keep their target.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, and_, delete, insert, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

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
from skyledger.store.sources import rank
from skyledger.store.writes import new_id, now


@dataclass
class Tally:
    created: int = 0
    updated: int = 0


def _eq(column: Any, value: Any) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value  # type: ignore[no-any-return]


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
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(w).where(w.c.claim_id.in_(ids[start : start + 500])).order_by(w.c.id)
        )
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


def load_claims(
    conn: Connection, groups: Iterable[GroupKey] | None
) -> dict[GroupKey, list[ClaimData]]:
    """Current claims by group; every group when `groups` is None."""
    query = _claim_query()
    c = s.claims.c
    if groups is not None:
        conds = [
            and_(_eq(c.attacker, a), _eq(c.target_country, t), _eq(c.date, d)) for a, t, d in groups
        ]
        if not conds:
            return {}
        query = query.where(or_(*conds))
    rows = conn.execute(query).all()
    weapons = _weapons(conn, [r.id for r in rows])
    out: dict[GroupKey, list[ClaimData]] = defaultdict(list)
    for r in rows:
        claim = _claim(r, weapons.get(r.id, []))
        out[claim.group].append(claim)
    return out


def _group_attacks(conn: Connection, key: GroupKey) -> list[int]:
    a = s.attacks.c
    query = select(a.id).where(
        and_(_eq(a.attacker, key[0]), _eq(a.target_country, key[1]), _eq(a.date, key[2]), a.active)
    )
    return [int(x) for x in conn.execute(query).scalars()]


def _previous(conn: Connection, claim_ids: list[int]) -> dict[int, int]:
    c = s.claims.c
    rows = conn.execute(select(c.id, c.attack_id).where(c.id.in_(claim_ids))).all()
    return {int(r[0]): int(r[1]) for r in rows if r[1] is not None}


def reconcile_groups(conn: Connection, groups: Iterable[GroupKey] | None) -> Tally:
    """Re-cluster the given groups (all when None) and write their attacks."""
    tally = Tally()
    by_group = load_claims(conn, groups)
    keys = set(by_group) | (set(groups) if groups is not None else set())
    for key in sorted(keys, key=_sort_key):
        _reconcile_group(conn, key, by_group.get(key, []), tally)
    if groups is None:
        _retire_orphans(conn)
    return tally


def _sort_key(key: GroupKey) -> tuple[str, str, str]:
    return (key[0] or "", key[1] or "", key[2].isoformat() if key[2] else "")


def _reconcile_group(
    conn: Connection, key: GroupKey, claims: list[ClaimData], tally: Tally
) -> None:
    clusters = cluster(claims)
    previous = _previous(conn, [c.id for c in claims])
    existing = set(_group_attacks(conn, key)) | set(previous.values())
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
        attack_id, changed = write_attack(conn, attack_id, group.claims)
        chosen[n] = attack_id
        tally.created += not reused
        tally.updated += reused and changed
    for attack_id in sorted(existing - set(chosen)):
        deactivate(conn, attack_id)


def _retire_orphans(conn: Connection) -> None:
    a, c = s.attacks.c, s.claims.c
    live = select(c.attack_id).where(and_(c.current, c.attack_id.is_not(None)))
    for attack_id in conn.execute(select(a.id).where(and_(a.active, a.id.not_in(live)))).scalars():
        deactivate(conn, int(attack_id))


def deactivate(conn: Connection, attack_id: int) -> None:
    _clear_derived(conn, attack_id)
    conn.execute(update(s.attacks).where(s.attacks.c.id == attack_id).values(active=False))
    conn.execute(
        update(s.claims)
        .where(and_(s.claims.c.attack_id == attack_id, s.claims.c.current))
        .values(attack_id=None)
    )


def _clear_derived(conn: Connection, attack_id: int) -> None:
    for table in (s.attack_regions, s.attack_classes, s.attack_fields):
        conn.execute(delete(table).where(table.c.attack_id == attack_id))


def overrides(conn: Connection, attack_id: int) -> dict[str, Any]:
    o = s.attack_overrides.c
    rows = conn.execute(select(o.field, o.value).where(o.attack_id == attack_id)).all()
    return {r[0]: decode(r[1]) for r in rows}


def encode(value: Any) -> str:
    if isinstance(value, date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _old_fields(conn: Connection, attack_id: int | None) -> dict[str, str | None]:
    if attack_id is None:
        return {}
    f = s.attack_fields.c
    rows = conn.execute(select(f.field, f.value).where(f.attack_id == attack_id)).all()
    return {r[0]: r[1] for r in rows}


def write_attack(
    conn: Connection, attack_id: int | None, claims: list[ClaimData]
) -> tuple[int, bool]:
    """Write one attack from its claims: (attack id, whether a published value changed)."""
    fields = choose_fields(claims)
    corrected = overrides(conn, attack_id) if attack_id is not None else {}
    for name, value in corrected.items():
        choice = fields.setdefault(name, FieldChoice(name, None, None, [], []))
        choice.value = value if name != "date" else date.fromisoformat(value)
    before = _old_fields(conn, attack_id)
    row = _attack_row(fields, claims)
    if attack_id is None:
        attack_id = new_id(conn.execute(insert(s.attacks).values(**row)))
    else:
        conn.execute(update(s.attacks).where(s.attacks.c.id == attack_id).values(**row))
        _clear_derived(conn, attack_id)
    _write_derived(conn, attack_id, fields, set(corrected), row)
    ids = [c.id for c in claims]
    conn.execute(update(s.claims).where(s.claims.c.id.in_(ids)).values(attack_id=attack_id))
    after = {n: encode(f.value) for n, f in fields.items()}
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


def _write_derived(
    conn: Connection,
    attack_id: int,
    fields: dict[str, FieldChoice],
    corrected: set[str],
    row: dict[str, Any],
) -> None:
    regions = [{"attack_id": attack_id, "region": r} for r in fields["regions"].value or []]
    classes = sorted({n.split(".")[1] for n in fields if n.startswith("weapons.")})
    class_rows = [
        {
            "attack_id": attack_id,
            "cls": cls,
            "date": row["date"],
            "month": row["month"],
            "attacker": row["attacker"],
            **{
                fig: fields.get(f"weapons.{cls}.{fig}", FieldChoice("", None, None, [], [])).value
                for fig in ("model", "launched", "destroyed", "suppressed")
            },
        }
        for cls in classes
    ]
    field_rows = [
        {
            "attack_id": attack_id,
            "field": n,
            "value": encode(f.value),
            "claim_id": f.claim_id,
            "supporting": json.dumps(f.supporting),
            "conflicting": json.dumps(f.conflicting),
            "corrected": n in corrected,
        }
        for n, f in fields.items()
    ]
    for table, rows in (
        (s.attack_regions, regions),
        (s.attack_classes, class_rows),
        (s.attack_fields, field_rows),
    ):
        if rows:
            conn.execute(insert(table), rows)
