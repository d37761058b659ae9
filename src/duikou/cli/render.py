"""Printing what the services return as a rich table, JSON or CSV.

Report strings go into tables as :class:`rich.text.Text`, so square brackets
in a headline are printed as they are, never read as rich markup.
"""
from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any, Sequence

import click

from duikou.services.text import cell

if TYPE_CHECKING:
    from duikou.services.views import Profile


def emit(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str], title: str | None = None,
         whole: Any = None) -> None:
    """Print ``rows`` (only ``columns`` in table and CSV form; everything, or ``whole``, in JSON)."""
    if fmt == "json":
        click.echo(json.dumps(whole if whole is not None else rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([cell(r.get(c)) for c in columns])
        click.echo(buf.getvalue(), nl=False)
    else:
        table(rows, columns, title)


def table(rows: list[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(title=Text(title) if title else None, show_lines=False, title_justify="left")
    for c in columns:
        t.add_column(Text(c), overflow="fold")
    for r in rows:
        t.add_row(*(Text(cell(r.get(c))) for c in columns))
    console = Console(soft_wrap=False)
    if not console.is_terminal:  # piped: don't fold Chinese text into an 80-column box
        console = Console(soft_wrap=False, width=160)
    console.print(t)


def profile(prof: Profile, fmt: str) -> None:
    """A profile: JSON whole; CSV one line a row of every section; tables the parties it names, then one
    table a section that has rows."""
    if fmt == "json":
        emit([], "json", [], whole=prof.data)
        return
    if fmt == "csv":
        emit([line for sec in prof.sections for line in sec.lines()], "csv", ["section", "id", "what", "sources"])
        return
    click.echo(" / ".join(cell(p) + f" ({p['id']})" for p in prof.parties))
    for sec in prof.sections:
        if sec.rows:
            emit(sec.shown(), "table", sec.columns, sec.title)
