"""Open a ledger database: resolve --db, create the engine, migrate, translate errors.

None -> $SKYLEDGER_DB -> ./skyledger.db
a bare path             -> SQLite (WAL, foreign keys on)
sqlite:///x.db          -> SQLite
postgresql://...        -> postgresql+psycopg:// (psycopg 3, skyledger[postgres])
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import make_url

from skyledger.errors import UsageError
from skyledger.store.errors import StoreError

DEFAULT_PATH = "skyledger.db"
ENV_VAR = "SKYLEDGER_DB"
# Seconds a writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT = 5.0

_DRIVERS = {
    "sqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
}


def resolve_url(url: str | None) -> str:
    """The SQLAlchemy URL for a --db value (path or URL)."""
    raw = (url or os.environ.get(ENV_VAR) or DEFAULT_PATH).strip()
    if "://" not in raw:
        return "sqlite:///" + str(Path(raw).expanduser())
    scheme, rest = raw.split("://", 1)
    base = scheme.split("+", 1)[0].lower()
    if base not in _DRIVERS:
        raise UsageError(
            f"database URL {redact(raw)!r} has an unknown scheme {scheme!r}; "
            "use a file path, sqlite:///path.db or postgresql://user@host/db"
        )
    driver = scheme if "+" in scheme else _DRIVERS[base]
    return f"{driver}://{rest}"


def redact(url: str) -> str:
    """A URL fit for a message: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return url


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    database = parsed.database or ""
    if database and database != ":memory:":
        parent = Path(database).expanduser().resolve().parent
        if not parent.is_dir():
            raise UsageError(
                f"cannot create the ledger {database!r}: folder {str(parent)!r} does not exist"
            )
    args: dict[str, Any] = {}
    if "timeout" not in parsed.query:
        args["timeout"] = SQLITE_BUSY_TIMEOUT
    engine = create_engine(url, connect_args=args)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # The driver's own implicit transactions do not cover DDL; SQLAlchemy's
    # documented recipe: autocommit at the driver, BEGIN emitted on begin().
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str | None) -> tuple[Engine, str]:
    """(engine, resolved URL); the engine is not connected yet."""
    resolved = resolve_url(url)
    try:
        if resolved.startswith("sqlite"):
            return _sqlite_engine(resolved), resolved
        return create_engine(resolved, pool_pre_ping=True), resolved
    except exc.ArgumentError as err:
        raise UsageError(f"database URL {redact(resolved)!r} is not valid: {err}") from None
    except ModuleNotFoundError as err:
        raise StoreError(
            f"the driver for {redact(resolved)!r} is not installed ({err.name}); "
            "install it with: pip install 'skyledger[postgres]'"
        ) from None


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is there)."""
    from skyledger.store.migrations import HEAD

    with translate(engine.url.render_as_string(hide_password=True)):
        with engine.connect() as conn:
            if _current_revision(conn) == HEAD:
                return
        _upgrade(engine)


def _current_revision(conn: Connection) -> str | None:
    try:
        with conn.begin():
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except exc.DBAPIError:
        return None
    return str(row[0]) if row else None


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


_LOCKED = ("database is locked", "database table is locked")
_FULL = ("database or disk is full", "no space left", "disk full")


def store_message(err: BaseException, where: str) -> str:
    """One line that says what went wrong with the database and what to do."""
    detail = " ".join(str(getattr(err, "orig", None) or err).split())
    low = detail.lower()
    if any(s in low for s in _LOCKED):
        return (
            f"the ledger {where} is locked by another writer; "
            "wait for it to finish (one writer at a time) and run again"
        )
    if any(s in low for s in _FULL):
        return f"the disk holding the ledger {where} is full; free space and run again"
    if "readonly" in low or "read-only" in low:
        return f"the ledger {where} is read-only; check the file's permissions"
    if "unable to open" in low or "could not connect" in low or "connection" in low:
        return f"cannot open the ledger {where}: {detail[:200]}"
    return f"database error on the ledger {where}: {detail[:200]}"


@contextmanager
def translate(where: str) -> Iterator[None]:
    """Turn driver errors into one-line StoreErrors (the transaction is rolled back)."""
    try:
        yield
    except (exc.DBAPIError, exc.SQLAlchemyError) as err:
        raise StoreError(store_message(err, where)) from err
    except OSError as err:
        # Only the disk itself; a closed pipe or a missing file is not the store's.
        if err.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
            raise
        raise StoreError(store_message(err, where)) from err
