"""Aligned plain-text tables for ``qa eval`` and ``qa bench``, laid out by rich.

One look for every figure table in the terminal and inside the Markdown reports' code
blocks: no colour and no markup (a ``[`` in a cell stays a ``[``), labels aligned left,
figures aligned right, never wrapped.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

_WIDE = 1_000  # wider than any table here, so rich never wraps or squeezes a column


def text_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, left: int = 1) -> str:
    """``rows`` under ``headers``: the first ``left`` columns are labels, the rest figures.

    >>> print(text_table(["", "n"], [["overall", "3"]]))
              n
    ───────────
    overall   3
    """
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for i, header in enumerate(headers):
        table.add_column(Text(header), justify="left" if i < left else "right", no_wrap=True)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    out = io.StringIO()
    Console(file=out, width=_WIDE, color_system=None, force_terminal=False, highlight=False).print(table)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines())
