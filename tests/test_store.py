"""The ledger's store on SQLite and a real PostgreSQL server (tests/pg.py):
migrations, idempotent writes, versions, rollback, locks, a full disk,
corrections, the datasette view and the sources file."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from skyledger.errors import UsageError
from skyledger.ledger import Ledger
from skyledger.ledger_models import AttackFilter
from skyledger.models import DocumentResult, Event, Evidence, Weapon
from skyledger.store import schema, writes
from skyledger.store.engine import resolve_url
from skyledger.store.errors import StoreError
from skyledger.store.sources import KINDS, identify, load_data, rank

DAY = date(2024, 3, 21)
TEXT = "Air defence shot down 29 of 31 missiles over Kyiv. Debris injured 17 people."


def result(source: str, *events: Event, published: date = DAY) -> DocumentResult:
    return DocumentResult(source, "en", published, "", list(events))


def attack(
    launched: int | None = 31,
    destroyed: int | None = 29,
    injured: int | None = 17,
    regions: tuple[str, ...] = ("UA-30",),
    day: date = DAY,
) -> Event:
    return Event(
        day,
        "RU",
        "UA",
        list(regions),
        [Weapon("cruise_missile", "Kh-101", launched, destroyed)],
        launched=launched,
        destroyed=destroyed,
        injured=injured,
        evidence=[Evidence("launched", 0, 50), Evidence("injured", 51, len(TEXT))],
    )


def count(ledger: Ledger, table: str) -> int:
    with ledger.engine.connect() as conn:
        return int(
            conn.execute(select(func.count()).select_from(schema.metadata.tables[table])).scalar()
            or 0
        )


def csv_export(ledger: Ledger) -> str:
    buf = io.StringIO()
    ledger.export("csv", buf)
    return buf.getvalue()


def test_head_constant_matches_the_migration_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from skyledger.store.migrations import HEAD

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(schema.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD


def test_url_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("x.db") == "sqlite:///x.db"
    monkeypatch.setenv("SKYLEDGER_DB", str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("SKYLEDGER_DB")
    assert resolve_url(None) == "sqlite:///skyledger.db"
    with pytest.raises(UsageError, match="unknown scheme 'mysql'"):
        resolve_url("mysql://u@h/db")
    with pytest.raises(UsageError, match="does not exist"):
        Ledger(str(tmp_path / "missing" / "x.db"))


def test_new_unchanged_and_version(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        first = ledger.add_document(result("a.txt", attack()), text=TEXT, url="https://x.example/a")
        assert (first.status, first.attacks_created, first.attacks_updated) == ("new", 1, 0)
        again = ledger.add_document(result("a.txt", attack()), text=TEXT, url="https://x.example/a")
        assert (again.status, again.document_id, again.attacks_created) == (
            "unchanged",
            first.document_id,
            0,
        )
        assert count(ledger, "claims") == 1
        changed = ledger.add_document(
            result("a.txt", attack(injured=20)), text=TEXT + " Update.", url="https://x.example/a"
        )
        assert (changed.status, changed.attacks_created, changed.attacks_updated) == (
            "version",
            0,
            1,
        )
        assert count(ledger, "documents") == 2  # the old version is kept
        page = ledger.attacks()
        assert [a.injured for a in page.items] == [20]
        docs = ledger.documents().items
        assert [(d.version, d.current) for d in docs] == [(2, True), (1, False)]


def _three_reports() -> list[tuple[DocumentResult, str, str]]:
    return [
        (
            result("af.txt", attack(injured=None)),
            TEXT + " af",
            "Air Force of the Armed Forces of Ukraine",
        ),
        (
            result(
                "ova.txt", attack(None, None, 20, ("UA-30", "UA-32")), published=date(2024, 3, 22)
            ),
            TEXT + " ova",
            "Kyiv City Military Administration",
        ),
        (
            result("wire.txt", attack(30, 28, 15), Event(DAY, "UA", "RU", ["RU-BEL"], injured=5)),
            TEXT + " wire",
            "Reuters",
        ),
    ]


def test_reconciled_attack_and_any_order(ledger_url: str, make_ledger_url: object) -> None:
    exports = []
    for order in ([0, 1, 2], [2, 1, 0]):
        url = ledger_url if order[0] == 0 else make_ledger_url()  # type: ignore[operator]
        with Ledger(url) as ledger:
            reports = _three_reports()
            for i in order:
                res, text, name = reports[i]
                ledger.add_document(res, text=text, source_name=name)
            exports.append(csv_export(ledger))
            items = ledger.attacks(AttackFilter(attacker="RU")).items
            assert len(items) == 1
            a = items[0]
            # Air Force figures win over the wire's; the casualty toll is the administration's.
            assert (a.launched, a.destroyed, a.injured, a.regions) == (
                31,
                29,
                20,
                ["UA-30", "UA-32"],
            )
            detail = ledger.attack(a.id)
            assert detail is not None
            launched = detail.fields["launched"]
            assert launched.chosen is not None and launched.chosen.source.startswith("Air Force")
            assert [c.value for c in launched.conflicting] == [30]
            assert launched.chosen.evidence and "shot down" in launched.chosen.evidence[0].sentence
            created, _ = ledger.reconcile_all()
            assert created == 0 and csv_export(ledger) == exports[-1]
    assert exports[0] == exports[1]


def test_failing_write_rolls_back(ledger_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Ledger(ledger_url) as ledger:
        real = writes.store_claim
        calls = []

        def failing(*args: object, **kwargs: object) -> int:
            calls.append(1)
            if len(calls) == 2:
                raise RuntimeError("disk went away")
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(writes, "store_claim", failing)
        with pytest.raises(RuntimeError):
            ledger.add_document(result("a.txt", attack(), attack(day=date(2024, 3, 22))), text=TEXT)
        for table in ("documents", "claims", "attacks", "sources", "evidence"):
            assert count(ledger, table) == 0, table


def test_locked_sqlite_gives_one_line_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    Ledger(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Ledger(f"sqlite:///{path}?timeout=0.1") as ledger, pytest.raises(StoreError) as err:
            ledger.add_document(result("a.txt", attack()), text=TEXT)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = str(err.value)
    assert "locked" in message and "\n" not in message and str(path) in message
    with Ledger(str(path)) as ledger:
        assert count(ledger, "documents") == 0


def test_full_disk_gives_one_line_and_writes_nothing(tmp_path: Path) -> None:
    with Ledger(str(tmp_path / "full.db")) as ledger:
        pages = int(ledger.engine.connect().exec_driver_sql("PRAGMA page_count").scalar() or 0)
        ledger.engine.dispose()

        @event.listens_for(ledger.engine, "connect")
        def _cap(dbapi_conn: sqlite3.Connection, _record: object) -> None:
            dbapi_conn.execute(f"PRAGMA max_page_count={pages + 2}")

        with pytest.raises(StoreError, match="full"):
            ledger.add_document(result("big.txt", attack()), text="x" * 200_000)
        assert count(ledger, "documents") == 0


def test_datasette_view_reads_with_sqlite3(tmp_path: Path) -> None:
    path = tmp_path / "view.db"
    with Ledger(str(path)) as ledger:
        ledger.add_document(result("a.txt", attack()), text=TEXT)
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT date, attacker, regions, weapon_class, model, launched, destroyed FROM attack_weapons"
    ).fetchall()
    conn.close()
    assert rows == [("2024-03-21", "RU", "UA-30", "cruise_missile", "Kh-101", 31, 29)]


def test_corrections_review_and_history(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.add_document(result("a.txt", attack()), text=TEXT)
        attack_id = ledger.attacks().items[0].id
        with pytest.raises(UsageError, match="cannot be corrected"):
            ledger.suggest_correction(attack_id=attack_id, field="colour", proposed="red")
        with pytest.raises(UsageError, match="not a valid value"):
            ledger.suggest_correction(attack_id=attack_id, field="killed", proposed="many")
        cid = ledger.suggest_correction(
            attack_id=attack_id,
            field="killed",
            proposed="3",
            comment="toll rose",
            quote="three were killed",
            submitter="ann",
        )
        other = ledger.suggest_correction(
            attack_id=attack_id, field="weapons.cruise_missile.destroyed", proposed="30"
        )
        assert [c.id for c in ledger.corrections()] == [cid, other]
        ledger.review_correction(cid, editor="ed", accept=True, reason="regional post")
        ledger.review_correction(other, editor="ed", accept=False, reason="no source")
        assert ledger.corrections() == []
        assert [c.status for c in ledger.corrections("all")] == ["accepted", "rejected"]
        with pytest.raises(UsageError, match="already accepted"):
            ledger.review_correction(cid, editor="ed", accept=False)
        assert ledger.attacks().items[0].killed == 3
        (entry,) = ledger.field_history(attack_id, "killed")
        assert (entry.before, entry.after, entry.editor, entry.reason) == (
            "null",
            "3",
            "ed",
            "regional post",
        )
        # A new report and a full reconcile keep the accepted value.
        ledger.add_document(result("b.txt", attack(injured=18)), text=TEXT + " b")
        ledger.reconcile_all()
        item = ledger.attacks().items[0]
        assert (item.killed, item.injured) == (3, 17)
        detail = ledger.attack(item.id)
        assert detail is not None and detail.fields["killed"].corrected


def test_users(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        assert ledger.user("ann") is None
        ledger.add_user("ann", "editor", "$argon2id$x")
        ledger.add_user("ann", "admin", "$argon2id$y")
        record = ledger.user("ann")
        assert record is not None and (record.role, record.password_hash) == (
            "admin",
            "$argon2id$y",
        )


def test_paging_filters_and_document_detail(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        for day in range(1, 6):
            ev = attack(day=date(2024, 3, day), regions=("UA-30",) if day % 2 else ("UA-63",))
            ledger.add_document(result(f"{day}.txt", ev), text=f"{TEXT} {day}")
        first = ledger.attacks(limit=2)
        second = ledger.attacks(limit=2, cursor=first.next)
        third = ledger.attacks(limit=2, cursor=second.next)
        days = [a.date.day for p in (first, second, third) for a in p.items if a.date]
        assert days == [5, 4, 3, 2, 1] and third.next is None
        assert [
            a.date.day for a in ledger.attacks(AttackFilter(region="UA-63")).items if a.date
        ] == [4, 2]
        assert ledger.attacks(AttackFilter(cls="attack_drone")).items == []
        with pytest.raises(UsageError, match="cursor"):
            ledger.attacks(cursor="???")
        doc = ledger.document(ledger.documents(limit=1).items[0].id)
        assert doc is not None and doc.text.endswith("5")
        assert {(f.field, f.start) for f in doc.figures} == {("launched", 0), ("injured", 51)}
        assert ledger.document(10_000) is None and ledger.attack(10_000) is None
        stats = ledger.stats(AttackFilter(since=date(2024, 3, 2)))
        assert [(r.month, r.cls, r.launched, r.destroyed, r.attacks) for r in stats] == [
            ("2024-03", "cruise_missile", 124, 116, 4)
        ]


def test_sources_file_is_well_formed() -> None:
    data = load_data()
    assert set(data["ranks"]) >= {
        "defending_military",
        "regional_administration",
        "wire_agency",
        "newspaper",
        "dataset",
        "unknown",
        "attacking_military",
    }
    names = set()
    for entry in data["sources"]:
        assert set(entry) >= {"name", "kind", "country", "aliases", "domains", "telegram"}, entry
        assert entry["kind"] in KINDS and entry["name"] not in names
        assert entry["country"] is None or len(entry["country"]) == 2
        assert all("/" not in d and d == d.lower() for d in entry["domains"])
        names.add(entry["name"])
    assert set(data["keywords"]) <= set(KINDS)
    assert data["default"]["kind"] in KINDS


def test_identify_and_rank() -> None:
    assert identify(None, "https://t.me/kpszsu/1234").kind == "military"
    assert identify(None, "https://www.reuters.com/world/x").name == "Reuters"
    assert identify("Харківська ОВА").kind == "regional_administration"
    assert identify("Одеська ОВА").kind == "regional_administration"
    unknown = identify(None, "https://blog.example/post")
    assert (unknown.name, unknown.kind) == ("blog.example", "unknown")
    ru_mod = identify("Минобороны России")
    assert rank(ru_mod.kind, ru_mod.country, "UA", "RU") < rank("newspaper", None, "UA", "RU")
    assert rank(ru_mod.kind, ru_mod.country, "RU", "UA") > rank("newspaper", None, "RU", "UA")
    assert rank("dataset", None, "RU", "UA") > rank("unknown", None, "RU", "UA")


def test_source_listing(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.add_document(result("a.txt", attack()), text=TEXT, url="https://t.me/kpszsu/1")
        (src,) = ledger.sources()
        assert (src.kind, src.country, src.documents) == ("military", "UA", 1)
        assert json.dumps(src.__dict__)
