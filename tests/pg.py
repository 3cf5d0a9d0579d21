"""A real PostgreSQL server for the store tests: a temporary cluster for the session.

`initdb -A trust --no-sync` into a temporary folder owned by the `postgres`
user (the server refuses to run as root), `pg_ctl -w start` on a free
loopback port with its socket and log in that folder, `pg_ctl stop` at the
end. Each test gets a fresh database.

Without PostgreSQL binaries the tests skip with the reason, except under
CI=true, where they fail: CI must test both back ends (`make test` installs
the server through `make system-deps`).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

_counter = itertools.count()


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin with initdb, or one on PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user() -> tuple[list[str], int | None, int | None]:
    """(command prefix, uid, gid): root runs the server as `postgres`."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("running as root, but there is no 'postgres' user to run the server as")
    return ["runuser", "-u", "postgres", "--"], pw.pw_uid, pw.pw_gid


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason} (run 'make system-deps' to install it)")


class Server:
    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.prefix, uid, gid = _as_server_user()
        self.root = Path(tempfile.mkdtemp(prefix="skyledger-pg-"))
        if uid is not None and gid is not None:
            os.chown(self.root, uid, gid)
        self.data = self.root / "data"
        self.port = _free_port()

    def run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self.run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale",
            "C",
        )
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self) -> None:
        try:
            self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = f"ledger_{os.getpid()}_{next(_counter)}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        _unavailable("no initdb found in /usr/lib/postgresql/*/bin or on PATH")
        raise AssertionError("unreachable")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (pip install 'skyledger[postgres]')")
    server = Server(bin_dir)
    try:
        server.start()
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
        log = server.root / "log"
        detail = log.read_text(errors="replace")[-500:] if log.exists() else str(err)
        stderr = getattr(err, "stderr", b"") or b""
        server.stop()
        _unavailable(f"the server did not start: {detail} {stderr.decode(errors='replace')[-300:]}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: Server) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return pg_server.create_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on SQLite (a temporary file) and on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    server: Server = request.getfixturevalue("pg_server")
    return server.create_database()


@pytest.fixture
def make_ledger_url(
    request: pytest.FixtureRequest, tmp_path: Path, ledger_url: str
) -> Callable[[], str]:
    """Another empty database on the same back end as `ledger_url`."""

    def make() -> str:
        if ledger_url.startswith("postgresql"):
            server: Server = request.getfixturevalue("pg_server")
            return server.create_database()
        return str(tmp_path / f"other{next(_counter)}.db")

    return make
