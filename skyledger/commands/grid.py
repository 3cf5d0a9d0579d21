"""Tables of short one-line cells, drawn as a rich Table draws them (heavy head
box, one space of padding), without rich's per-cell layout.

`skyledger stats` prints hundreds of rows; rich lays out every cell as a
renderable (about 0.15 s for 240 rows). Here the widths are computed once
and each row is one string. Output to a pipe needs no rich at all; a
terminal gets the same lines through rich, with the header in bold. A table
wider than the console, or a cell that is not plain text, goes to rich.Table.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence

# Piped output has no terminal width; rich would squeeze tables to 80 columns.
PIPE_WIDTH = 160
# Cells one column wide per character: printable ASCII and the en dash of ranges.
_PLAIN = re.compile(r"[ -~–]*")


def _line(left: str, fill: str, cross: str, right: str, widths: Sequence[int]) -> str:
    return left + cross.join(fill * (w + 2) for w in widths) + right


def _cells(values: Sequence[str], widths: Sequence[int], right: Sequence[bool]) -> list[str]:
    return [
        f" {v.rjust(w) if r else v.ljust(w)} " for v, w, r in zip(values, widths, right, strict=True)
    ]


def _piped() -> bool:
    """Whether rich would write plain text to stdout (no terminal, no forced colour)."""
    forced = any(os.environ.get(v) for v in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"))
    return not forced and not sys.stdout.isatty()


def print_grid(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> None:
    """Print a table of one-line cells; `right` says which columns are right-aligned."""
    widths = [max([len(h)] + [len(r[n]) for r in rows]) for n, h in enumerate(headers)]
    total = sum(widths) + 3 * len(widths) + 1
    plain = all(_PLAIN.fullmatch(v) for r in [headers, *rows] for v in r)
    top = _line("┏", "━", "┳", "┓", widths)
    head = _cells(headers, widths, right)
    below_head = _line("┡", "━", "╇", "┩", widths)
    body = ["│" + "│".join(_cells(r, widths, right)) + "│" for r in rows]
    bottom = _line("└", "─", "┴", "┘", widths)
    if plain and _piped() and total <= PIPE_WIDTH:
        lines = [top, "┃" + "┃".join(head) + "┃", below_head, *body, bottom]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from rich.console import Console

    console = Console(file=sys.stdout, width=None if sys.stdout.isatty() else PIPE_WIDTH)
    if not plain or total > console.width:
        _print_rich_table(console, headers, rows, right)
        return
    from rich.text import Text

    text = Text(top + "\n┃", no_wrap=True, end="\n")
    for cell in head:
        text.append(cell, style="table.header")
        text.append("┃")
    text.append("\n" + "\n".join([below_head, *body, bottom]))
    console.print(text, crop=False)


def _print_rich_table(
    console: object, headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]
) -> None:
    from rich.console import Console
    from rich.table import Table

    assert isinstance(console, Console)
    table = Table()
    for header, r in zip(headers, right, strict=True):
        table.add_column(header, justify="right" if r else "left", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    console.print(table)
