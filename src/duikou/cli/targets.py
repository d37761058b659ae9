"""`duikou targets import|list|indicators`: the evaluation's yearly targets and its indicators."""
from __future__ import annotations

import sys

import click

from duikou.cli.options import DB, FORMAT
from duikou.cli.options import engine_for as _engine


@click.group()
def targets() -> None:
    """The yearly targets of the evaluation (考核), per pairing, year and indicator."""


@targets.command("import")
@DB
@click.argument("file", type=click.Path(dir_okay=False))
def import_(db: str | None, file: str) -> None:
    """Read the targets of FILE (.xlsx or .csv; columns 帮扶方, 受援方, 年度, 指标 (id or name), 目标值 in the
    indicator's unit). Each bad row is named (file, sheet, row, column) and the others go in; importing a
    file again changes nothing. The exit status is 1 when a row was bad."""
    from duikou.services.evaluation import import_targets

    done = import_targets(_engine(db), file)
    click.echo(f"{done.file}: {done.rows} rows, {done.new} new, {done.changed} changed, {done.unchanged} unchanged"
               + (f", {len(done.problems)} bad" if done.problems else ""))
    for p in done.problems:
        click.echo(f"duikou: {p}", err=True)
    if done.problems:
        sys.exit(1)


@targets.command("list")
@DB
@FORMAT
@click.option("--pairing", default=None, metavar="HELPER→RECIPIENT",
              help="Only this pairing's targets (names or codes, or a pairing id).")
@click.option("--year", type=int, default=None, help="Only this year's targets.")
def list_(db: str | None, fmt: str, pairing: str | None, year: int | None) -> None:
    """The targets in the ledger, by pairing, year and indicator."""
    from duikou.cli.render import emit
    from duikou.services.evaluation import list_targets

    rows = list_targets(_engine(db), pairing, year)
    shown = [{**r, "helper": r["helper"]["name"], "recipient": r["recipient"]["name"], "value": f"{r['value']:g}"}
             for r in rows]
    emit(shown, fmt, ("helper", "recipient", "year", "indicator", "name", "value", "unit", "source"),
         title=f"{len(rows)} targets", whole=rows)


@targets.command("indicators")
@FORMAT
def indicators(fmt: str) -> None:
    """The evaluation's indicators (reference/data/indicators.yaml): id, name, unit, how each is computed."""
    from dataclasses import asdict

    from duikou.cli.render import emit
    from duikou.services.evaluation import load_indicators

    rows = [asdict(i) for i in load_indicators()]
    shown = [{**r, "from": f"{r['kind']} {'/'.join(r['roles'] or r['types'] or r['levels'])}"} for r in rows]
    emit(shown, fmt, ("id", "name", "unit", "section", "from", "basis", "side"),
         title=f"{len(rows)} indicators", whole=rows)


COMMANDS: list[click.Command] = [targets]
