"""``duikou demo``: the README's main job on the bundled sample reports.

Builds a ledger from ``examples/reports`` (in the database of ``--db``, else
``DUIKOU_DB``, else ``sqlite:///duikou.db`` here), lists its pairings and
shows the profile of the party with the most supporting reports.
"""
from __future__ import annotations

from pathlib import Path

import click

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "reports"  # src/duikou/cli/demo.py -> the repository


@click.command()
@click.option("--db", "db", metavar="URL", default=None, help="Ledger database URL (else DUIKOU_DB, else sqlite:///duikou.db).")
@click.option("--examples", type=click.Path(exists=True, file_okay=False), default=str(EXAMPLES), show_default=True,
              help="Folder of reports to build the ledger from.")
@click.pass_context
def demo(ctx: click.Context, db: str | None, examples: str) -> None:
    """Build a ledger from the sample reports, list its pairings, show one profile."""
    from duikou.services import pairings
    from duikou.settings import db_url

    commands = ctx.find_root().command.commands  # type: ignore[attr-defined]
    click.secho(f"$ duikou build {examples}", bold=True, err=True)
    ctx.invoke(commands["build"], db=db, quiet=False, paths=(examples,))
    click.secho("\n$ duikou pairings", bold=True, err=True)
    ctx.invoke(commands["pairings"], db=db, fmt="table", province=None, program=None, since=None)
    rows = pairings(db_url(db))
    if not rows:
        return
    busiest = max(rows, key=lambda r: (r["source_count"], r["helper"]["name"] if r["helper"] else ""))
    name = (busiest["helper"] or {}).get("name") or (busiest["helper"] or {}).get("id")
    click.secho(f"\n$ duikou show {name}", bold=True, err=True)
    ctx.invoke(commands["show"], db=db, fmt="table", name_or_code=name)
