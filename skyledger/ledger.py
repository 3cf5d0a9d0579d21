"""The ledger: every claim with its evidence, reconciled into one record per attack.

    Ledger(url)                    open (and migrate) SQLite or PostgreSQL
      .add_document(result, ...)   one document's claims, one transaction,
                                   then the attacks those claims touch are reconciled
      .add_documents([NewDocument]) the same for a batch, in one transaction
      .import_dataset_csv(path)    the "Massive Missile Attacks on Ukraine" layout
      .attacks / .attack / .stats / .documents / .document / .sources   reading
      .export(fmt, out, filter)    csv | jsonl | parquet
      .suggest_correction / .review_correction / .field_history / users

The ingest and web code call only this class (see ledger_models.py for the
records it returns).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, TextIO, TypeVar

from sqlalchemy import Connection

from skyledger.ledger_models import (
    AddOutcome,
    AttackDetail,
    AttackFilter,
    AttackPage,
    BatchOutcome,
    Correction,
    DocumentDetail,
    DocumentPage,
    HistoryEntry,
    ImportReport,
    NewDocument,
    SourceInfo,
    StatRow,
    UserRecord,
)
from skyledger.models import DocumentResult
from skyledger.store import queries
from skyledger.store.engine import make_engine, migrate, redact, translate

# The write side (writes, reconciling, corrections) is imported when first
# used: reading commands such as `skyledger stats` start without it.
if TYPE_CHECKING:
    from skyledger.store.writes import Decided, Incoming

T = TypeVar("T")


class Ledger:
    """One ledger database. Not shared between threads; one writer at a time."""

    def __init__(self, url: str | None = None) -> None:
        self.engine, resolved = make_engine(url)
        self.where = redact(resolved).removeprefix("sqlite:///")
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:  # noqa: PYI034
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One transaction: everything in it is written, or nothing."""
        with translate(self.where), self.engine.begin() as conn:
            yield conn

    def _read(self, run: Callable[[Connection], T]) -> T:
        with translate(self.where), self.engine.connect() as conn:
            return run(conn)

    # --- writing -------------------------------------------------------------------
    def add_document(
        self,
        result: DocumentResult,
        *,
        text: str,
        raw: bytes | None = None,
        url: str | None = None,
        source_name: str | None = None,
        fetched_at: datetime | None = None,
    ) -> AddOutcome:
        """Store a document and its claims, then reconcile the attacks they touch."""
        document = NewDocument(result, text, raw, url, source_name, fetched_at)
        done = self.add_documents([document])
        status, document_id = done.documents[0]
        return AddOutcome(status, document_id, done.attacks_created, done.attacks_updated)

    def add_documents(
        self, documents: Sequence[NewDocument], decided: Decided | None = None
    ) -> BatchOutcome:
        """Store documents in order, then reconcile the attacks their claims touch,
        in one transaction: the whole batch is written, or none of it.

        `decided(index, status)` hears each document's status once it is known
        (before the commit); returning False ends the batch with that document.
        """
        from skyledger.store.attacks import Tally, reconcile_groups
        from skyledger.store.writes import store_documents

        batch = [_incoming(d) for d in documents]
        with self._write() as conn:
            stored, groups = store_documents(conn, batch, decided)
            tally = reconcile_groups(conn, groups) if groups else Tally()
        return BatchOutcome(
            [(x.status, x.document_id) for x in stored], tally.created, tally.updated
        )

    def reconcile_all(self) -> tuple[int, int]:
        """Reconcile every claim again: (attacks created, attacks updated)."""
        from skyledger.store.attacks import reconcile_groups

        with self._write() as conn:
            tally = reconcile_groups(conn, None)
        return tally.created, tally.updated

    def import_dataset_csv(
        self, path: str | Path, *, source_name: str = "massive-missile-attacks"
    ) -> ImportReport:
        from skyledger.dataset_csv import import_csv

        return import_csv(self, path, source_name=source_name)

    def export(
        self,
        fmt: str,
        out: BinaryIO | TextIO,
        f: AttackFilter = AttackFilter(),  # noqa: B008 (frozen, never mutated)
    ) -> int:
        """Write the attacks matching `f` as csv, jsonl or parquet; the number of rows."""
        from skyledger.exports import export

        f.validate()
        return self._read(lambda conn: export(conn, fmt, out, f))

    # --- reading -------------------------------------------------------------------
    def attacks(
        self,
        f: AttackFilter = AttackFilter(),  # noqa: B008 (frozen, never mutated)
        *,
        limit: int = 50,
        cursor: str | None = None,
    ) -> AttackPage:
        f.validate()
        return self._read(lambda conn: queries.attack_page(conn, f, limit, cursor))

    def attack(self, attack_id: int) -> AttackDetail | None:
        return self._read(lambda conn: queries.attack_detail(conn, attack_id))

    def stats(
        self,
        f: AttackFilter = AttackFilter(),  # noqa: B008 (frozen, never mutated)
    ) -> list[StatRow]:
        f.validate()
        return self._read(lambda conn: queries.stats(conn, f))

    def sources(self) -> list[SourceInfo]:
        return self._read(queries.sources)

    def documents(self, *, limit: int = 50, cursor: str | None = None) -> DocumentPage:
        return self._read(lambda conn: queries.document_page(conn, limit, cursor))

    def document(self, document_id: int) -> DocumentDetail | None:
        return self._read(lambda conn: queries.document(conn, document_id))

    # --- corrections (issue 5) -----------------------------------------------------
    def suggest_correction(
        self,
        *,
        attack_id: int,
        field: str,
        proposed: str,
        comment: str = "",
        quote: str = "",
        document_id: int | None = None,
        start: int | None = None,
        end: int | None = None,
        submitter: str = "anonymous",
    ) -> int:
        from skyledger.store import corrections

        values = {
            "attack_id": attack_id,
            "field": field,
            "proposed": proposed,
            "comment": comment,
            "quote": quote,
            "document_id": document_id,
            "start": start,
            "end": end,
            "submitter": submitter,
        }
        with self._write() as conn:
            return corrections.suggest(conn, values)

    def corrections(self, status: str = "pending") -> list[Correction]:
        from skyledger.store import corrections

        return self._read(lambda conn: corrections.listing(conn, status))

    def review_correction(
        self, correction_id: int, *, editor: str, accept: bool, reason: str = ""
    ) -> None:
        from skyledger.store import corrections

        with self._write() as conn:
            corrections.review(conn, correction_id, editor, accept, reason)

    def field_history(self, attack_id: int, field: str) -> list[HistoryEntry]:
        from skyledger.store import corrections

        return self._read(lambda conn: corrections.history(conn, attack_id, field))

    def add_user(self, name: str, role: str, password_hash: str) -> None:
        from skyledger.store import corrections

        with self._write() as conn:
            corrections.add_user(conn, name, role, password_hash)

    def user(self, name: str) -> UserRecord | None:
        from skyledger.store import corrections

        return self._read(lambda conn: corrections.user(conn, name))


def _incoming(d: NewDocument) -> Incoming:
    from skyledger.store.writes import Incoming, spec_for

    spec = spec_for(d.source_name, d.url)
    return Incoming(
        d.result,
        d.text,
        d.raw,
        d.url or d.result.source,
        spec,
        d.fetched_at,
        "dataset" if spec.kind == "dataset" else "report",
    )
