"""The `skyledger` command line: a thin edge over `skyledger.pipeline`.

Every command calls a public library function. Errors become one line on
standard error here and nowhere else:

    click usage error, skyledger UsageError   -> "error: ...", exit 2
    other SkyledgerError (bad input)          -> "error: ...", exit 1
    anything unexpected                       -> "internal error: ...", exit 70

No traceback ever reaches the user.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from skyledger import __version__
from skyledger.commands.options import parse_date
from skyledger.errors import DecodeError, DocumentTooLarge, SkyledgerError, UsageError
from skyledger.settings import SETTINGS

# rich and the extraction pipeline are imported by the commands that use them,
# so the ledger commands start without either.
if TYPE_CHECKING:
    from rich.console import Console

    from skyledger.models import DocumentResult, Event, Weapon

EXIT_INPUT = 1
EXIT_USAGE = 2
# EX_SOFTWARE from sysexits.h: a bug in skyledger, not in the user's input.
EXIT_INTERNAL = 70

DATE_FORMAT = "YYYY-MM-DD"

# Which flag each setting drives (skyledger/settings.py); docs/cli.md lists them.
SETTING_FLAGS: dict[str, str] = {"max_document_bytes": "--max-bytes", "encoding": "--encoding"}

# Library messages name library arguments; on the command line the fix is a flag.
_FLAG_HINTS: dict[type[SkyledgerError], tuple[str, str]] = {
    DecodeError: ("--encoding", "try --encoding=cp1251 or --encoding=latin-1"),
    DocumentTooLarge: ("--max-bytes", "raise the cap with --max-bytes"),
}




def _check_encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(
            f"unknown encoding {value!r}; try utf-8, cp1251 or latin-1", ctx, param
        ) from None
    return value


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _input_error_message(exc: SkyledgerError) -> str:
    message = _one_line(str(exc)) or type(exc).__name__
    for kind, (flag, hint) in _FLAG_HINTS.items():
        if isinstance(exc, kind) and flag not in message:
            return f"{message}; {hint}"
    return message


def _usage_error_message(exc: click.UsageError) -> str:
    message = _one_line(exc.format_message())
    if exc.ctx is not None:
        message += f" (see '{exc.ctx.command_path} --help')"
    return message


def _guarded(run: Callable[[], Any]) -> int:
    """Run the CLI and turn every failure into one line and an exit code."""
    try:
        code = run()
        return code if isinstance(code, int) else 0
    except click.exceptions.NoArgsIsHelpError as exc:
        exc.show()
        return EXIT_USAGE
    except click.UsageError as exc:
        click.echo(f"error: {_usage_error_message(exc)}", err=True)
        return EXIT_USAGE
    except click.ClickException as exc:
        click.echo(f"error: {_one_line(exc.format_message())}", err=True)
        return exc.exit_code
    except UsageError as exc:
        click.echo(f"error: {_one_line(str(exc))}", err=True)
        return EXIT_USAGE
    except SkyledgerError as exc:
        click.echo(f"error: {_input_error_message(exc)}", err=True)
        return EXIT_INPUT
    except (click.Abort, KeyboardInterrupt):
        click.echo("error: interrupted", err=True)
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`); nothing more can be written.
        return EXIT_INPUT
    except Exception as exc:  # noqa: BLE001  (the last edge: never show a traceback)
        detail = _one_line(f"{type(exc).__name__}: {exc}")[:300]
        click.echo(f"internal error: {detail}; please report it with the document", err=True)
        return EXIT_INTERNAL


class _Edge(click.Group):
    """The top-level group; its `main` is the single place errors are reported."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = _guarded(
            lambda: super(_Edge, self).main(
                args, prog_name or "skyledger", complete_var, standalone_mode=False, **extra
            )
        )
        if standalone_mode:
            sys.exit(code)
        return code


@click.group(
    cls=_Edge,
    epilog="Example:\n\n\b\n  skyledger extract report.html --format table",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    __version__, "--version", prog_name="skyledger", message="%(prog)s %(version)s"
)
def main() -> None:
    """Extract air attacks from reports as structured figures with evidence."""


EXTRACT_EPILOG = """Examples:

\b
  skyledger extract report.html
  skyledger extract report.txt --published 2024-03-21 --format table
  skyledger extract result.json --format table
  cat report.txt | skyledger extract - --encoding cp1251
"""


@main.command(epilog=EXTRACT_EPILOG)
@click.argument("path", metavar="PATH")
@click.option(
    "--published",
    metavar=DATE_FORMAT,
    default=None,
    callback=parse_date,
    help="Date the document appeared, in Kyiv local time; relative dates ('overnight', "
    "'on Tuesday') resolve against it. HTML pages supply their own when it is absent.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "table"]),
    default="json",
    show_default=True,
    help="json: one JSON object (the extraction contract); table: a readable table.",
)
@click.option(
    "--encoding",
    metavar="ENC",
    default=SETTINGS["encoding"].default,
    show_default=True,
    callback=_check_encoding,
    help=SETTINGS["encoding"].help,
)
@click.option(
    "--max-bytes",
    metavar="N",
    type=click.IntRange(min=1),
    default=SETTINGS["max_document_bytes"].default,
    show_default=True,
    help=SETTINGS["max_document_bytes"].help,
)
def extract(
    path: str, published: date | None, output_format: str, encoding: str, max_bytes: int
) -> None:
    """Extract the air attacks reported in one document.

    PATH is an .html/.htm page, a .txt file, a Telegram Desktop export
    (result.json), or - for text on standard input.
    """
    from skyledger import pipeline

    result = pipeline.extract_path(path, published, encoding=encoding, max_bytes=max_bytes)
    for reason in result.skipped:
        click.echo(f"warning: {_one_line(reason)}", err=True)
    if output_format == "table":
        from rich.console import Console

        print_table(result, Console(file=sys.stdout))
    else:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)


def _pair(first: int | None, second: int | None) -> str:
    return f"{_count(first)}/{_count(second)}"


def weapon_label(weapon: Weapon) -> str:
    """'cruise_missile Kh-101 29/29': class, model, launched/destroyed."""
    parts = [weapon.cls, weapon.model or "", _pair(weapon.launched, weapon.destroyed)]
    return " ".join(p for p in parts if p)


def _event_row(event: Event) -> list[str]:
    return [
        event.date.isoformat() if event.date else "?",
        f"{event.attacker or '?'}→{event.target_country or '?'}",
        ", ".join(event.regions) or "-",
        "\n".join(weapon_label(w) for w in event.weapons) or "-",
        _pair(event.launched, event.destroyed),
        _pair(event.killed, event.injured),
    ]


def print_table(result: DocumentResult, console: Console) -> None:
    """One row per event; '?' marks a figure the document does not give."""
    published = result.published.isoformat() if result.published else "date unknown"
    title = f"{result.source} ({result.language}, published {published})"
    if not result.events:
        console.print(f"{title}: no air attack found", soft_wrap=True)
        return
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=True)
    for header in ("date", "attack", "regions", "weapons", "launched/destroyed", "killed/injured"):
        table.add_column(header, overflow="fold")
    for event in result.events:
        table.add_row(*_event_row(event))
    console.print(table)


def _register_commands() -> None:
    import importlib

    from skyledger.commands import COMMAND_MODULES

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(main)


_register_commands()
