"""`skyledger serve` (the dashboard and JSON API) and `skyledger user add`."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import click

from skyledger.errors import UsageError
from skyledger.web.config import WEB_SETTINGS

DB_HELP = (
    "The ledger: a SQLite path, sqlite:///path.db or postgresql://... "
    "[env: SKYLEDGER_DB; default: ./skyledger.db]"
)
ROLES = ("editor", "admin")
# Shorter passwords fall to guessing even behind argon2 and a login rate limit.
MIN_PASSWORD = 10

SERVE_EPILOG = """Examples:

\b
  skyledger serve --db ledger.db
  skyledger serve --host 0.0.0.0 --port 8080   (behind an https proxy)

Plain http is meant for loopback; serve anything else behind https so the
session cookie is sent with Secure. Set SKYLEDGER_SECRET_KEY to keep editors
logged in across restarts.
"""

USER_EPILOG = """Examples:

\b
  skyledger user add maria --role editor
  skyledger user add maria --role editor --password-file secret.txt
"""


def _open_ledger(db: str | None) -> Any:
    from skyledger.ledger import Ledger

    return Ledger(db)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve", epilog=SERVE_EPILOG)
@click.option("--db", metavar="PATH|URL", envvar="SKYLEDGER_DB", default=None, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--cache-seconds", metavar="S", type=click.FloatRange(min=0),
              default=WEB_SETTINGS["cache_seconds"].default, show_default=True,
              help=WEB_SETTINGS["cache_seconds"].help)
def serve_command(db: str | None, host: str, port: int, cache_seconds: float) -> None:
    """Serve the dashboard and the JSON API (/api/, docs at /docs)."""
    import uvicorn

    from skyledger.web import WebConfig, create_app

    ledger = _open_ledger(db)
    app = create_app(ledger, config=WebConfig(cache_seconds=cache_seconds))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"skyledger: serving {ledger.where} at http://{shown}:{port}/ (Ctrl+C stops)")
    if not _is_loopback(host):
        click.echo("warning: plain http beyond loopback; put an https proxy in front", err=True)
    try:
        # proxy_headers: an https proxy on this host (uvicorn trusts 127.0.0.1)
        # passes the reader's scheme and address, so the cookie gets Secure and
        # the rate limit counts readers, not the proxy.
        uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)
    finally:
        ledger.close()


@click.group("user", epilog=USER_EPILOG)
def user_group() -> None:
    """Editor accounts (they review suggested corrections)."""


def _read_password(password_file: Path | None) -> str:
    if password_file is not None:
        try:
            lines = password_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise UsageError(f"cannot read --password-file {str(password_file)!r}: "
                             f"{exc.strerror}") from None
        password = lines[0] if lines else ""
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"the password has {len(password)} characters; use at least "
                         f"{MIN_PASSWORD}")
    return password


@user_group.command("add", epilog=USER_EPILOG)
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="editor", show_default=True,
              help="What the account may do; editors review corrections.")
@click.option("--password-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Read the password from the first line of this file instead of asking.")
@click.option("--db", metavar="PATH|URL", envvar="SKYLEDGER_DB", default=None, help=DB_HELP)
def user_add(name: str, role: str, password_file: Path | None, db: str | None) -> None:
    """Add an account, or set a new password for an existing one."""
    from argon2 import PasswordHasher

    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise UsageError(f"user name {name!r} must be 1-64 characters without spaces")
    password_hash = PasswordHasher().hash(_read_password(password_file))
    with _open_ledger(db) as ledger:
        ledger.add_user(name, role, password_hash)
    click.echo(f"user {name} ({role}) saved")


def register(group: click.Group) -> None:
    group.add_command(serve_command)
    group.add_command(user_group)
