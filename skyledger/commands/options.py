"""Option parsers shared by every command."""

from __future__ import annotations

from datetime import date

import click

DATE_FORMAT = "YYYY-MM-DD"


def parse_date(ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> date | None:
    """A click callback for YYYY-MM-DD options; a bad value is a usage error naming the format."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; expected {DATE_FORMAT}, e.g. 2024-03-21", ctx, param
        ) from None
