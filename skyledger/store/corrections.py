"""Suggested corrections, their review, field history and users.

An accepted correction becomes an override of one attack field: it outlives
re-reconciliation, and a history row keeps who, when, why, before and after.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, insert, select, update

from skyledger.errors import UsageError
from skyledger.ledger_models import Correction, HistoryEntry, UserRecord, is_attack_field
from skyledger.store import schema as s
from skyledger.store.attacks import load_claims, write_attack
from skyledger.store.field_values import encode
from skyledger.store.writes import new_id, now

STATUSES = ("pending", "accepted", "rejected", "all")
_REGION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


def parse_value(field: str, proposed: str) -> Any:
    """The typed value of a proposed correction, or UsageError naming the form expected."""
    text = proposed.strip()
    if text.lower() in ("", "null", "none", "unknown"):
        return None
    try:
        if field == "date":
            return date.fromisoformat(text).isoformat()
        if field in ("attacker", "target_country"):
            if not re.fullmatch(r"[A-Za-z]{2}", text):
                raise ValueError
            return text.upper()
        if field == "regions":
            regions = sorted({r.strip().upper() for r in text.split(",") if r.strip()})
            if not all(_REGION.match(r) for r in regions):
                raise ValueError
            return regions
        number = int(text)
        if number < 0:
            raise ValueError
        return number
    except ValueError:
        raise UsageError(
            f"{proposed!r} is not a valid value for {field}; {_expected(field)}"
        ) from None


def _expected(field: str) -> str:
    return {
        "date": "expected YYYY-MM-DD",
        "attacker": "expected a country code such as RU",
        "target_country": "expected a country code such as UA",
        "regions": "expected codes separated by commas, e.g. UA-30, UA-32",
    }.get(field, "expected a whole number of 0 or more, or 'null'")


def suggest(conn: Connection, values: dict[str, Any]) -> int:
    field, attack_id = values["field"], values["attack_id"]
    if not is_attack_field(field):
        raise UsageError(
            f"field {field!r} cannot be corrected; use date, attacker, target_country, regions, "
            "launched, destroyed, killed, injured or weapons.<class>.launched|destroyed|suppressed"
        )
    parse_value(field, values["proposed"])
    exists = conn.execute(select(s.attacks.c.id).where(s.attacks.c.id == attack_id)).scalar()
    if exists is None:
        raise UsageError(f"attack {attack_id} does not exist")
    row = {**values, "status": "pending", "created_at": now(), "reason": ""}
    return new_id(conn.execute(insert(s.corrections).values(**row)))


def _correction(r: Any) -> Correction:
    return Correction(
        id=r.id,
        attack_id=r.attack_id,
        field=r.field,
        proposed=r.proposed,
        comment=r.comment,
        quote=r.quote,
        document_id=r.document_id,
        start=r.start,
        end=r.end,
        submitter=r.submitter,
        status=r.status,
        created_at=r.created_at,
        reviewed_by=r.reviewed_by,
        reviewed_at=r.reviewed_at,
        reason=r.reason,
    )


def listing(conn: Connection, status: str) -> list[Correction]:
    if status not in STATUSES:
        raise UsageError(f"status {status!r} is unknown; choose one of {', '.join(STATUSES)}")
    c = s.corrections.c
    query = select(s.corrections).order_by(c.id)
    if status != "all":
        query = query.where(c.status == status)
    return [_correction(r) for r in conn.execute(query)]


def review(conn: Connection, correction_id: int, editor: str, accept: bool, reason: str) -> None:
    c = s.corrections.c
    row = conn.execute(select(s.corrections).where(c.id == correction_id)).first()
    if row is None:
        raise UsageError(f"correction {correction_id} does not exist")
    if row.status != "pending":
        raise UsageError(f"correction {correction_id} was already {row.status}")
    at = now()
    status = "accepted" if accept else "rejected"
    conn.execute(
        update(s.corrections)
        .where(c.id == correction_id)
        .values(status=status, reviewed_by=editor, reviewed_at=at, reason=reason)
    )
    if accept:
        _apply(conn, row, editor, reason, at)


def _apply(conn: Connection, row: Any, editor: str, reason: str, at: Any) -> None:
    value = parse_value(row.field, row.proposed)
    f = s.attack_fields.c
    before = conn.execute(
        select(f.value).where(and_(f.attack_id == row.attack_id, f.field == row.field))
    ).scalar()
    o = s.attack_overrides
    conn.execute(o.delete().where(and_(o.c.attack_id == row.attack_id, o.c.field == row.field)))
    conn.execute(
        insert(o).values(
            attack_id=row.attack_id, field=row.field, value=encode(value), correction_id=row.id
        )
    )
    conn.execute(
        insert(s.field_history).values(
            attack_id=row.attack_id,
            field=row.field,
            before=before,
            after=encode(value),
            editor=editor,
            at=at,
            reason=reason or row.comment,
            correction_id=row.id,
        )
    )
    _rewrite(conn, row.attack_id)


def _rewrite(conn: Connection, attack_id: int) -> None:
    """Publish the attack again with its overrides applied."""
    a = s.attacks.c
    head = conn.execute(select(a.attacker, a.target_country).where(a.id == attack_id)).first()
    c = s.claims.c
    keys = conn.execute(
        select(c.attacker, c.target_country, c.date)
        .where(and_(c.attack_id == attack_id, c.current))
        .distinct()
    ).all()
    claims = [x for group in load_claims(conn, [tuple(k) for k in keys]).values() for x in group]
    mine = [x for x in claims if x.id in _claim_ids(conn, attack_id)]
    if head is not None and mine:
        write_attack(conn, attack_id, mine)


def _claim_ids(conn: Connection, attack_id: int) -> set[int]:
    c = s.claims.c
    return {int(i) for i in conn.execute(select(c.id).where(c.attack_id == attack_id)).scalars()}


def history(conn: Connection, attack_id: int, field: str) -> list[HistoryEntry]:
    h = s.field_history.c
    rows = conn.execute(
        select(s.field_history)
        .where(and_(h.attack_id == attack_id, h.field == field))
        .order_by(h.id)
    )
    return [
        HistoryEntry(
            r.attack_id, r.field, r.before, r.after, r.editor, r.at, r.reason, r.correction_id
        )
        for r in rows
    ]


def add_user(conn: Connection, name: str, role: str, password_hash: str) -> None:
    u = s.users
    if conn.execute(select(u.c.name).where(u.c.name == name)).scalar() is not None:
        conn.execute(
            update(u).where(u.c.name == name).values(role=role, password_hash=password_hash)
        )
        return
    conn.execute(
        insert(u).values(name=name, role=role, password_hash=password_hash, created_at=now())
    )


def user(conn: Connection, name: str) -> UserRecord | None:
    r = conn.execute(select(s.users).where(s.users.c.name == name)).first()
    return None if r is None else UserRecord(r.name, r.role, r.password_hash, r.created_at)
