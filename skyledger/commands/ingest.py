"""`skyledger ingest` and `skyledger watch`: thin edges over skyledger.ingest
and skyledger.watch. Library errors become CLI errors in skyledger.cli."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from skyledger.commands.options import parse_date
from skyledger.settings import SETTINGS

if TYPE_CHECKING:  # the ingest machinery (httpx, feeds) and rich load only when a command runs
    from rich.console import Console
    from rich.progress import Progress

    from skyledger.ingest import IngestOptions, IngestSummary

# A bar for a handful of documents only flickers; past this many it helps.
PROGRESS_FROM = 20

INGEST_EPILOG = """Examples:

\b
  skyledger ingest reports/ --workers 4
  skyledger ingest https://example.org/news/rss.xml --db sqlite:///ledger.db
  skyledger ingest result.json report.html --published 2024-03-21

Exit status: 0 when every document went in, 1 when some failed (the rest are
stored), 2 on a usage error, 130 when stopped by Ctrl+C or SIGTERM (between
documents: what was written stays, a rerun adds the rest).
"""

WATCH_EPILOG = """Examples:

\b
  skyledger watch https://example.org/news/rss.xml --every 10m
  skyledger watch inbox/ https://example.org/feed.atom --every 1h --state watch.json

Stop it with Ctrl+C or SIGTERM: the document being written is finished and
nothing is lost.
"""


class BarReporter:
    """Failures as warning lines; a progress bar on a terminal for long runs."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.total = 0
        self.progress: Progress | None = None
        self.task: Any = None

    def planned(self, count: int) -> None:
        self.total += count
        if self.progress is None and self.console.is_terminal and self.total >= PROGRESS_FROM:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                TimeRemainingColumn(), console=self.console, transient=True,
            )
            self.task = self.progress.add_task("ingest", total=self.total)
            self.progress.start()
        elif self.progress is not None:
            self.progress.update(self.task, total=self.total)

    def finished(self, source: str, status: str, message: str) -> None:
        if status == "failed":
            self.console.print(
                f"warning: {source}: {message}", markup=False, highlight=False, soft_wrap=True
            )
        if self.progress is not None:
            self.progress.advance(self.task)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None




def _every(ctx: click.Context, param: click.Parameter, value: str) -> float:
    from skyledger.errors import UsageError

    try:
        from skyledger.watch import parse_every

        return parse_every(value)
    except UsageError as exc:
        raise click.BadParameter(str(exc).removeprefix(f"--every {value!r} "), ctx, param) from None


def _options(workers: int, allow_private: bool, max_bytes: int, published: date | None) -> IngestOptions:
    from skyledger.fetch import FetchOptions
    from skyledger.ingest import IngestOptions

    fetch = FetchOptions(allow_private=allow_private, max_bytes=max_bytes)
    return IngestOptions(workers=workers, published=published, max_bytes=max_bytes, fetch=fetch)


def _common(function: Any) -> Any:
    """The options ingest and watch share."""
    for option in reversed([
        click.option("--db", metavar="PATH|URL", envvar="SKYLEDGER_DB", default=None,
                     help="The ledger: a SQLite path, sqlite:///path.db or postgresql://... "
                     "[env: SKYLEDGER_DB; default: ./skyledger.db]"),
        click.option("--workers", metavar="N", type=click.IntRange(min=1), default=1,
                     show_default=True,
                     help="Extract in N processes; the main process alone writes the ledger."),
        click.option("--allow-private", is_flag=True,
                     help="Allow URLs on loopback, private and link-local addresses "
                     "(your own network); refused by default."),
        click.option("--max-bytes", metavar="N", type=click.IntRange(min=1),
                     default=SETTINGS["max_document_bytes"].default, show_default=True,
                     help=SETTINGS["max_document_bytes"].help + " Applies to downloads too."),
    ]):
        function = option(function)
    return function


def _open_ledger(db: str | None) -> Any:
    from skyledger.ledger import Ledger

    return Ledger(db)


def _print_summary(summary: IngestSummary, console: Console) -> None:
    console.print(summary.line(), markup=False, highlight=False, soft_wrap=True)


@click.command("ingest", epilog=INGEST_EPILOG)
@click.argument("targets", metavar="PATH|URL...", nargs=-1, required=True)
@_common
@click.option("--published", metavar="YYYY-MM-DD", default=None, callback=parse_date,
              help="Date every document appeared (Kyiv local time), overriding their own.")
def ingest_command(
    targets: tuple[str, ...], db: str | None, workers: int, allow_private: bool,
    max_bytes: int, published: date | None,
) -> int:
    """Add documents to the ledger: files, folders (recursively), Telegram
    exports, RSS/Atom feeds (each entry's page, or its text) and web pages.

    Ingesting a document again changes nothing; a changed document at the
    same URL or path is stored as a new version.
    """
    from rich.console import Console

    from skyledger.ingest import GracefulStop, ingest

    options = _options(workers, allow_private, max_bytes, published)
    reporter = BarReporter(Console(file=sys.stderr))

    with _open_ledger(db) as ledger, GracefulStop() as stop:
        try:
            summary = ingest(list(targets), ledger, options, reporter=reporter, stop=stop)
        finally:
            reporter.close()
    _print_summary(summary, Console(file=sys.stdout))
    if summary.stopped:
        return 130  # stopped by a signal, as a shell reports Ctrl+C
    return 1 if summary.failed else 0


@click.command("watch", epilog=WATCH_EPILOG)
@click.argument("targets", metavar="FEED|URL|FOLDER...", nargs=-1, required=True)
@click.option("--every", metavar="DURATION", default="10m", show_default=True,
              callback=_every, help="How often to poll each source: 90s, 10m, 1h, 1h30m.")
@_common
@click.option("--state", "state", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              default=None,
              help="Remember ETags, Last-Modified dates and seen files here across restarts.")
def watch_command(
    targets: tuple[str, ...], every: float, db: str | None, workers: int,
    allow_private: bool, max_bytes: int, state: Path | None,
) -> None:
    """Follow feeds, pages and folders, ingesting what is new.

    Requests are conditional (ETag / Last-Modified); a failing source is
    retried later and later (exponential back-off).
    """
    from rich.console import Console

    from skyledger.watch import watch

    options = _options(workers, allow_private, max_bytes, None)
    out = Console(file=sys.stdout)
    reporter = BarReporter(Console(file=sys.stderr))

    def on_round(summary: IngestSummary) -> None:
        if summary.documents:
            stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
            out.print(f"{stamp} {summary.line()}", markup=False, highlight=False)

    with _open_ledger(db) as ledger:
        try:
            watch(list(targets), ledger, options, every=every, state_path=state,
                  reporter=reporter, on_round=on_round)
        finally:
            reporter.close()


def register(group: click.Group) -> None:
    group.add_command(ingest_command)
    group.add_command(watch_command)
