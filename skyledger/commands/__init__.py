"""Command modules beyond `extract`, registered in one place.

Each module listed here defines `register(group: click.Group) -> None`; the
CLI calls it at start-up. A new command module is added to this list, not
imported for its side effects.
"""

from __future__ import annotations

COMMAND_MODULES: list[str] = [
    "skyledger.commands.ledger",  # attacks, show, stats, export, import
    "skyledger.commands.ingest",  # ingest, watch
    "skyledger.commands.web",  # serve, user
]
