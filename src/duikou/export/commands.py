"""`duikou export`: the merged tables of a ledger as files."""
from __future__ import annotations

import click

from duikou.ledger.cliopts import DB
from duikou.ledger.cliopts import engine_for as _engine
from duikou.ledger.cliopts import run_or_exit as _run


@click.command("export")
@DB
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "parquet", "geojson"]), required=True)
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Directory to write to.")
@click.option("--relations", is_flag=True,
              help="GeoJSON: also draw relief and one-off donation relations (the tables always hold them).")
def export(db: str | None, fmt: str, out: str, relations: bool) -> None:
    """Write the merged tables (each row with its source ids), or standing pairings as GeoJSON lines."""
    from duikou.export import export as run_export

    written = _run(lambda: run_export(_engine(db), fmt, out, relations))
    for path in written:
        click.echo(str(path))
