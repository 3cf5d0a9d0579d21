"""Attack rows as one reconcile pass sees them: read once, changed in memory,
written in bulk.

A pass over many groups (a batch of documents, or the whole ledger) would
otherwise cost a dozen statements per group. Here the reads are one query
per table for every group of the pass, and the writes one executemany per
table at `flush`. The view is kept exact as the pass changes it, so each
group sees the writes of the groups before it as it would through the
database: the attacks with a group's key, a claim's attack, an attack's
published fields.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from skyledger.reconcile import GroupKey
from skyledger.store import schema as s
from skyledger.store.writes import chunks, new_id

DERIVED = (s.attack_regions, s.attack_classes, s.attack_fields)
# Rows of attack_regions, attack_classes and attack_fields for one attack.
Derived = tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]
NO_DERIVED: Derived = ([], [], [])

_INSERT_ATTACK = insert(s.attacks)
_UPDATE_ATTACK = update(s.attacks).where(s.attacks.c.id == bindparam("attack_pk"))
_ASSIGN = update(s.claims).where(s.claims.c.id == bindparam("claim")).values(
    attack_id=bindparam("attack")
)


def eq(column: Any, value: Any) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value  # type: ignore[no-any-return]


def group_condition(columns: Any, groups: Iterable[GroupKey]) -> ColumnElement[bool]:
    """Rows of any of these groups (attacker, target country, date; NULL matches NULL)."""
    return or_(
        *(
            and_(eq(columns.attacker, a), eq(columns.target_country, t), eq(columns.date, d))
            for a, t, d in groups
        )
    )


class AttackState:
    """Attacks of the groups of one pass, and the writes the pass has made to them.

    `links` are the loaded claims' attacks; `attacks` are further attacks the
    pass will write.
    """

    def __init__(
        self,
        conn: Connection,
        groups: list[GroupKey],
        links: dict[int, int | None],
        attacks: Iterable[int] = (),
    ) -> None:
        self.conn = conn
        self.links = dict(links)
        self.by_key: dict[GroupKey, set[int]] = defaultdict(set)
        self.key_of: dict[int, GroupKey] = {}
        self._load_keys(groups)
        ids = set(self.key_of) | {i for i in links.values() if i is not None} | set(attacks)
        self.overrides: dict[int, dict[str, str | None]] = defaultdict(dict)
        self.fields: dict[int, dict[str, str | None]] = defaultdict(dict)
        self._load_fields(sorted(ids))
        # Pending writes, applied by flush().
        self.rows: dict[int, dict[str, Any]] = {}
        self.off: set[int] = set()
        self.derived: dict[int, Derived] = {}
        self.assigned: dict[int, int | None] = {}
        self.orphaned: set[int] = set()  # deactivated: their other claims lose the link

    def _load_keys(self, groups: list[GroupKey]) -> None:
        a = s.attacks.c
        query = select(a.id, a.attacker, a.target_country, a.date).where(a.active)
        for part in chunks(groups):
            for attack_id, attacker, target, day in self.conn.execute(
                query.where(group_condition(a, part))
            ):
                self._place(int(attack_id), (attacker, target, day))

    def _load_fields(self, ids: list[int]) -> None:
        o, f = s.attack_overrides.c, s.attack_fields.c
        for part in chunks(ids):
            for attack_id, name, value in self.conn.execute(
                select(o.attack_id, o.field, o.value).where(o.attack_id.in_(part))
            ):
                self.overrides[attack_id][name] = value
            for attack_id, name, value in self.conn.execute(
                select(f.attack_id, f.field, f.value).where(f.attack_id.in_(part))
            ):
                self.fields[attack_id][name] = value

    def _place(self, attack_id: int, key: GroupKey | None) -> None:
        old = self.key_of.pop(attack_id, None)
        if old is not None:
            self.by_key[old].discard(attack_id)
        if key is not None:
            self.key_of[attack_id] = key
            self.by_key[key].add(attack_id)

    # --- what the database would answer

    def group_attacks(self, key: GroupKey) -> set[int]:
        """Active attacks whose published key is this group's."""
        return set(self.by_key.get(key, ()))

    def previous(self, claim_ids: Iterable[int]) -> dict[int, int]:
        """The attack each claim belongs to now (claims without one left out)."""
        out = {}
        for claim_id in claim_ids:
            attack_id = self.links.get(claim_id)
            if attack_id is not None:
                out[claim_id] = attack_id
        return out

    # --- writes

    def write(
        self,
        attack_id: int | None,
        row: dict[str, Any],
        derived: Derived,
        fields: dict[str, str | None],
        claim_ids: list[int],
    ) -> int:
        """Publish an attack (inserted now when new, so it has an id) with its claims."""
        if attack_id is None:
            attack_id = new_id(self.conn.execute(_INSERT_ATTACK, row))
        else:
            self.rows[attack_id] = row
            self.off.discard(attack_id)
        self._place(attack_id, (row["attacker"], row["target_country"], row["date"]))
        for rows in derived:
            for r in rows:
                r["attack_id"] = attack_id
        self.derived[attack_id] = derived
        self.fields[attack_id] = fields
        for claim_id in claim_ids:
            self.links[claim_id] = self.assigned[claim_id] = attack_id
        return attack_id

    def deactivate(self, attack_id: int) -> None:
        """Keep the attack (corrections point at it) but publish nothing of it."""
        self.derived[attack_id] = NO_DERIVED
        self.fields[attack_id] = {}
        if attack_id in self.rows:
            self.rows[attack_id]["active"] = False
        else:
            self.off.add(attack_id)
        self._place(attack_id, None)
        for claim_id, linked in self.links.items():
            if linked == attack_id:
                self.links[claim_id] = self.assigned[claim_id] = None
        self.orphaned.add(attack_id)

    def flush(self) -> None:
        """Write what the pass changed, in an order that leaves the same end state."""
        conn, a, c = self.conn, s.attacks, s.claims
        if self.rows:
            rows = [{**row, "attack_pk": i} for i, row in self.rows.items()]
            conn.execute(_UPDATE_ATTACK, rows)  # SET takes the columns the rows name
        for part in chunks(sorted(self.off)):
            conn.execute(update(a).where(a.c.id.in_(part)).values(active=False))
        touched = sorted(self.derived)
        for table in DERIVED:
            for part in chunks(touched):
                conn.execute(delete(table).where(table.c.attack_id.in_(part)))
        for n, table in enumerate(DERIVED):
            rows = [r for i in touched for r in self.derived[i][n]]
            if rows:
                conn.execute(insert(table), rows)
        # Claims of a deactivated attack lose the link (loaded claims are set
        # below with their final attack, so a later write wins as it would).
        for part in chunks(sorted(self.orphaned)):
            conn.execute(
                update(c).where(and_(c.c.attack_id.in_(part), c.c.current)).values(attack_id=None)
            )
        if self.assigned:
            conn.execute(_ASSIGN, [{"claim": k, "attack": v} for k, v in self.assigned.items()])
        self.rows, self.off, self.derived = {}, set(), {}
        self.assigned, self.orphaned = {}, set()
