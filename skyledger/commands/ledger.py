"""Ledger commands: attacks, show, stats, export, import (a thin edge over skyledger.ledger)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from skyledger.commands.grid import PIPE_WIDTH, print_grid
from skyledger.commands.options import parse_date
from skyledger.ledger_models import (
    WEAPON_CLASSES,
    AttackDetail,
    AttackFilter,
    AttackSummary,
    FieldValue,
)

if TYPE_CHECKING:
    from rich.console import Console

F = TypeVar("F", bound=Callable[..., Any])




def db_option(fn: F) -> F:
    return click.option(
        "--db",
        metavar="PATH|URL",
        envvar="SKYLEDGER_DB",
        default=None,
        help="Ledger database: a file path (SQLite) or a URL such as "
        "postgresql://user@host/db. Default: $SKYLEDGER_DB, else ./skyledger.db.",
    )(fn)


def filter_options(fn: F) -> F:
    options = [
        click.option(
            "--since", metavar="YYYY-MM-DD", callback=parse_date, help="Attacks on or after this date."
        ),
        click.option(
            "--until", metavar="YYYY-MM-DD", callback=parse_date, help="Attacks on or before this date."
        ),
        click.option(
            "--attacker", metavar="CC", help="Attacking country, ISO 3166-1 alpha-2 (RU, UA)."
        ),
        click.option(
            "--region", metavar="CODE", help="Region hit, ISO 3166-2 (UA-30 is Kyiv city)."
        ),
        click.option("--class", "cls", type=click.Choice(WEAPON_CLASSES), help="Weapon class."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _filter(
    since: date | None,
    until: date | None,
    attacker: str | None,
    region: str | None,
    cls: str | None,
) -> AttackFilter:
    return AttackFilter(
        since,
        until,
        attacker.upper() if attacker else None,
        region.upper() if region else None,
        cls,
    ).validate()


def _open(db: str | None) -> Any:
    from skyledger.ledger import Ledger

    return Ledger(db)


def _console() -> Console:
    # rich is imported when output is drawn: `skyledger stats` starts without it.
    from rich.console import Console

    # Piped output has no terminal width; rich would squeeze tables to 80 columns.
    return Console(file=sys.stdout, width=None if sys.stdout.isatty() else PIPE_WIDTH)


def _n(value: int | None) -> str:
    return "?" if value is None else str(value)


def _attack_row(a: AttackSummary) -> list[str]:
    weapons = "\n".join(
        f"{w.cls} {w.model or ''} {_n(w.launched)}/{_n(w.destroyed)}".replace("  ", " ")
        for w in a.weapons
    )
    return [
        str(a.id),
        a.date.isoformat() if a.date else "?",
        f"{a.attacker or '?'}→{a.target_country or '?'}",
        ", ".join(a.regions) or "-",
        weapons or "-",
        f"{_n(a.launched)}/{_n(a.destroyed)}",
        f"{_n(a.killed)}/{_n(a.injured)}",
        str(a.n_sources),
    ]


ATTACKS_EPILOG = """Example:

\b
  skyledger attacks --since 2024-03-01 --region UA-30 --limit 20
"""


@click.command(epilog=ATTACKS_EPILOG)
@db_option
@filter_options
@click.option(
    "--limit",
    type=click.IntRange(1, 10_000),
    default=50,
    show_default=True,
    help="Most attacks shown, newest first.",
)
def attacks(
    db: str | None,
    since: date | None,
    until: date | None,
    attacker: str | None,
    region: str | None,
    cls: str | None,
    limit: int,
) -> None:
    """List reconciled attacks, newest first."""
    f = _filter(since, until, attacker, region, cls)
    with _open(db) as ledger:
        page = ledger.attacks(f, limit=limit)
    console = _console()
    if not page.items:
        console.print("no attacks match")
        return
    from rich.table import Table

    table = Table(show_lines=True)
    for header in (
        "id",
        "date",
        "attack",
        "regions",
        "weapons",
        "launched/destroyed",
        "killed/injured",
        "sources",
    ):
        table.add_column(header, overflow="fold", no_wrap=header in ("id", "date", "attack"))
    for item in page.items:
        table.add_row(*_attack_row(item))
    console.print(table)
    if page.next:
        console.print(
            f"more attacks: raise --limit or narrow the filters (shown {len(page.items)})"
        )


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "-"
    return "?" if value is None else str(value)


def _print_field(console: Console, fv: FieldValue) -> None:
    mark = " (corrected)" if fv.corrected else ""
    console.print(f"[bold]{fv.field}[/bold]: {_value(fv.value)}{mark}", highlight=False)
    for label, refs in (("supports", fv.supporting), ("conflicts", fv.conflicting)):
        for ref in refs:
            chosen = " (chosen)" if fv.chosen and ref.claim_id == fv.chosen.claim_id else ""
            console.print(
                f"  {label}{chosen}: {_value(ref.value)} — {ref.source}, document "
                f"{ref.document_id} ({ref.locator}), standing {ref.standing}",
                highlight=False,
                soft_wrap=True,
            )
            for span in ref.evidence[:3]:
                sentence = " ".join(span.sentence.split())
                console.print(
                    f"    “{sentence}” [{span.start}:{span.end}]", highlight=False, soft_wrap=True
                )


def print_detail(detail: AttackDetail, console: Console) -> None:
    a = detail.summary
    console.print(
        f"[bold]Attack {a.id}[/bold] ({a.key}): {_n(a.n_claims)} claims from "
        f"{a.n_sources} sources, documents {', '.join(map(str, detail.documents))}",
        highlight=False,
    )
    for fv in detail.fields.values():
        if not fv.field.endswith(".model"):
            _print_field(console, fv)


SHOW_EPILOG = """Example:

\b
  skyledger show 42 --db ledger.db
"""


@click.command(epilog=SHOW_EPILOG)
@click.argument("attack", type=int)
@db_option
def show(attack: int, db: str | None) -> None:
    """Show every field of ATTACK (an id from 'skyledger attacks') with its sources and evidence."""
    with _open(db) as ledger:
        detail = ledger.attack(attack)
    if detail is None:
        raise click.BadParameter(
            f"attack {attack} does not exist; list them with 'skyledger attacks'",
            param_hint="ATTACK",
        )
    print_detail(detail, _console())


STATS_EPILOG = """Example:

\b
  skyledger stats --since 2024-01-01 --class cruise_missile
"""


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


@click.command(epilog=STATS_EPILOG)
@db_option
@filter_options
def stats(
    db: str | None,
    since: date | None,
    until: date | None,
    attacker: str | None,
    region: str | None,
    cls: str | None,
) -> None:
    """Launched, destroyed and interception rate by month and weapon class (95% Wilson interval)."""
    f = _filter(since, until, attacker, region, cls)
    with _open(db) as ledger:
        rows = ledger.stats(f)
    if not rows:
        _console().print("no attacks with both launched and destroyed counts match")
        return
    headers = ("month", "class", "attacks", "launched", "destroyed", "rate", "95% interval")
    cells = [
        (
            r.month,
            r.cls,
            str(r.attacks),
            str(r.launched),
            str(r.destroyed),
            _pct(r.rate),
            f"{_pct(r.low)}–{_pct(r.high)}",
        )
        for r in rows
    ]
    print_grid(headers, cells, [h not in ("month", "class") for h in headers])


EXPORT_EPILOG = """Examples:

\b
  skyledger export --format csv --since 2024-01-01 -o attacks.csv
  skyledger export --format parquet --class attack_drone -o drones.parquet
"""


@click.command("export", epilog=EXPORT_EPILOG)
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "parquet"]),
    default="csv",
    show_default=True,
    help="csv: the dataset's columns plus skyledger's; jsonl: one "
    "attack per line; parquet: the csv rows.",
)
@filter_options
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default="-",
    show_default=True,
    help="Output file; - is standard output.",
)
def export_cmd(
    db: str | None,
    fmt: str,
    since: date | None,
    until: date | None,
    attacker: str | None,
    region: str | None,
    cls: str | None,
    output: str,
) -> None:
    """Export attacks (stable order) as csv, jsonl or parquet."""
    f = _filter(since, until, attacker, region, cls)
    if output == "-" and fmt == "parquet" and sys.stdout.isatty():
        raise click.BadParameter("parquet is binary; give -o FILE.parquet", param_hint="--output")
    with _open(db) as ledger:
        if output == "-":
            n = ledger.export(fmt, sys.stdout.buffer, f)
            sys.stdout.buffer.flush()
        else:
            with open(output, "wb") as fh:
                n = ledger.export(fmt, fh, f)
    click.echo(f"{n} rows written", err=True)


IMPORT_EPILOG = """Example:

\b
  skyledger import missile_attacks_daily.csv --db ledger.db
"""


@click.command("import", epilog=IMPORT_EPILOG)
@click.argument("csv_file", metavar="CSV", type=click.Path(dir_okay=False))
@db_option
@click.option(
    "--source",
    "source_name",
    default="massive-missile-attacks",
    show_default=True,
    help="Name of the dataset the rows come from (its standing is a dataset's).",
)
def import_cmd(csv_file: str, db: str | None, source_name: str) -> None:
    """Import a CSV in the "Massive Missile Attacks on Ukraine" layout (or a skyledger csv export)."""
    with _open(db) as ledger:
        report = ledger.import_dataset_csv(csv_file, source_name=source_name)
    for reason in report.skipped[:20]:
        click.echo(f"warning: {reason}", err=True)
    if len(report.skipped) > 20:
        click.echo(f"warning: {len(report.skipped) - 20} more rows skipped", err=True)
    click.echo(
        f"{report.path}: {report.status}; {report.rows_read} rows, {report.claims} attack "
        f"windows; attacks created {report.attacks_created}, updated {report.attacks_updated}"
    )


def register(group: click.Group) -> None:
    for command in (attacks, show, stats, export_cmd, import_cmd):
        group.add_command(command)
