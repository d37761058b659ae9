"""`duikou report PAIRING --year YEAR --format docx|pdf|xlsx|html`: the yearly evaluation (考核) report."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from duikou.cli.options import DB
from duikou.cli.options import engine_for as _engine

FORMATS = ("docx", "pdf", "xlsx", "html")  # duikou.report.FORMATS (not imported here: --help stays fast)


@click.command()
@DB
@click.argument("pairing", metavar="PAIRING")
@click.option("--year", type=click.IntRange(1949, 2100), required=True, help="The year evaluated.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="The document's format (default: the --out file's extension, else docx).")
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write it (default: 考核报告-HELPER-RECIPIENT-YEAR.FORMAT here); - for stdout.")
@click.option("--reviewed-only", is_flag=True, help="Count only the figures a reviewer accepted or corrected.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A Word template to fill instead of the package's (docx only; make one to restyle with "
                   "python -m duikou.report.make_template FILE).")
def report(db: str | None, pairing: str, year: int, fmt: str | None, out: Path | None, reviewed_only: bool,
           template: Path | None) -> None:
    """Write the evaluation report of PAIRING (HELPER→RECIPIENT by names or codes, or a pairing id) for
    --year: each indicator's figure, target and completion rate, the helper's and the recipient's figures
    side by side (▲ where they differ), every figure footnoted with its sources, and the year's visits,
    meetings and agreements. A figure no source gives is marked 无来源, never 0."""
    from duikou.report import build_report, check_format

    if fmt is None:
        suffix = out.suffix.lower().lstrip(".") if out is not None and str(out) != "-" else ""
        fmt = suffix if suffix in FORMATS else "docx"
    fmt = check_format(fmt)
    if out is not None and str(out) != "-" and out.suffix.lower().lstrip(".") not in ("", fmt):
        raise click.UsageError(f"--out {out} does not end in .{fmt} (the --format given)")
    data, name = build_report(_engine(db), pairing, year, fmt, reviewed_only=reviewed_only, template=template)
    if out is not None and str(out) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = out if out is not None else Path(name)
    if not target.suffix:
        target = target.with_name(f"{target.name}.{fmt}")
    target.write_bytes(data)
    click.echo(f"{target}: {fmt} report of {pairing} for {year} ({len(data):,} bytes)")


COMMANDS: list[click.Command] = [report]
