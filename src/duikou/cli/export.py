"""`duikou export`: the merged tables of a ledger as files."""
from __future__ import annotations

import click

from duikou.cli.options import DB
from duikou.cli.options import engine_for as _engine

UNDRAWN_SHOWN = 20  # lines on stderr; the file lists them all


@click.command("export")
@DB
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "parquet", "geojson"]), required=True)
@click.option("--out", "out", metavar="DIR", required=True, help="Directory to write to (made when missing).")
@click.option("--excel", is_flag=True,
              help="CSV for Excel/WPS: a UTF-8 byte-order mark (so the Chinese shows) and CRLF line ends.")
@click.option("--relations", is_flag=True,
              help="GeoJSON: also draw relief and one-off donation relations (the tables always hold them).")
@click.option("--reviewed-only", "reviewed_only", is_flag=True,
              help="Only reviewed entities: those with a fact a reviewer accepted or corrected (duikou review).")
def export(db: str | None, fmt: str, out: str, excel: bool, relations: bool, reviewed_only: bool) -> None:
    """Write the merged tables, each row with its sources and evidence, or pairings as GeoJSON lines.

    CSV cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
    start with an apostrophe; numbers are left as numbers. XLSX: one workbook,
    one sheet per table. GeoJSON: pairings that cannot be drawn (a party that
    is not a region or has no coordinates) are reported and listed in the file.
    Rejected facts are never evidence; --reviewed-only keeps the reviewed entities.
    """
    from duikou.services import export as run_export

    done = run_export(_engine(db), fmt, out, relations, excel, reviewed_only)
    for path in done.files:
        click.echo(str(path))
    for note in done.notes:
        click.echo(f"duikou: {note}", err=True)
    if fmt == "geojson" and done.undrawn:
        path = done.files[0]
        click.echo(f"duikou: {path}: {done.drawn} pairing(s) drawn, {len(done.undrawn)} not drawn "
                   f"(listed under \"undrawn\" in the file):", err=True)
        for u in done.undrawn[:UNDRAWN_SHOWN]:
            click.echo(f"  {u['id']} {u['helper_name']} -> {u['recipient_name']}: {u['reason']}", err=True)
        if len(done.undrawn) > UNDRAWN_SHOWN:
            click.echo(f"  ... and {len(done.undrawn) - UNDRAWN_SHOWN} more", err=True)
