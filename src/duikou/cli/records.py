"""`duikou records import|add|list`: the office's own records (台账 spreadsheets, facts entered by hand)."""
from __future__ import annotations

import sys

import click

from duikou.cli.options import DB, FORMAT
from duikou.cli.options import engine_for as _engine


@click.group()
def records() -> None:
    """The office's own records: 台账 spreadsheets imported, facts entered by hand."""


@records.command("import")
@DB
@click.option("--sheet", "sheets", multiple=True, metavar="NAME",
              help="Import only this sheet (repeatable; default: every visible sheet).")
@click.option("--mapping", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="An office's own mapping of headers (YAML, read before the default; "
                   "see examples/taizhang/mapping.yaml).")
@click.option("--pairing", default=None, metavar="HELPER:RECIPIENT",
              help="The sides of rows that do not name them (names or codes, e.g. 溧阳市:略阳县).")
@click.option("--side", type=click.Choice(["helper", "recipient"]), default=None,
              help="Whose account the 台账 is (the helper's or the recipient's office).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary (problems are still shown).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: the summary as JSON on stdout.")
@click.argument("file", type=click.Path(dir_okay=False))
def import_(db: str | None, sheets: tuple[str, ...], mapping: str | None, pairing: str | None, side: str | None,
            quiet: bool, fmt: str, file: str) -> None:
    """Import a 台账 FILE (.xlsx, .xls or .csv) into the ledger, one source per row.

    Each row's facts (activities, agreements, money by type, cadres, specialists, jobs, purchases...)
    are stored with provenance `imported`, citing the file (name and SHA-256), sheet and row. Importing
    the same file again changes nothing; a changed row replaces what it gave; a row gone from a sheet
    takes its facts out. A row that cannot be read is one problem (file, sheet, row, column) and the
    others go in; the exit status is then 1.
    """
    from duikou.cli.progress import TerminalEvents
    from duikou.services.records import import_records
    from duikou.settings import db_url

    summary = import_records(db_url(db), file, list(sheets) or None, mapping, TerminalEvents(quiet=quiet),
                             pairing=pairing, side=side)
    if fmt == "json":
        import json

        click.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    elif not quiet:
        click.echo(summary.line(), err=True)
    if any(p.fatal for p in summary.problems):
        sys.exit(1)


@records.command("add")
@DB
@click.option("--kind", required=True, metavar="KIND",
              help="The fact's kind: amounts, counts, events, agreements, pairings, people.")
@click.option("--set", "values", multiple=True, metavar="PROPERTY=VALUE", required=True,
              help="A property of the fact (repeatable): role=assistance, value=1000000, payer=溧阳市; "
                   "date=YYYY-MM-DD or year=YYYY says when it holds.")
@click.option("--author", required=True, help="Who enters it (kept as its source).")
@click.option("--reason", default=None, help="Why, or where it was read (kept as the entry's title).")
@click.option("--pairing", default=None, metavar="HELPER:RECIPIENT",
              help="The pairing the fact belongs to (names or codes): its sides.")
def add(db: str | None, kind: str, values: tuple[str, ...], author: str, reason: str | None,
        pairing: str | None) -> None:
    """Enter one fact by hand (provenance `manual`, with its author)."""
    from duikou.services.records import add_record
    from duikou.settings import db_url

    data: dict[str, str] = {}
    for v in values:
        key, sep, value = v.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--set {v!r}: write PROPERTY=VALUE")
        data[key.strip()] = value
    key = add_record(db_url(db), kind, data, author, reason=reason, pairing=pairing)
    click.echo(f"entered: {key}")


@records.command("list")
@DB
@FORMAT
@click.option("--provenance", type=click.Choice(["imported", "manual"]), default=None,
              help="Only imported rows, or only manual entries.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N records.")
def list_(db: str | None, fmt: str, provenance: str | None, limit: int | None) -> None:
    """The ledger's records that come from no report: imported rows and manual entries."""
    from duikou.cli.render import emit
    from duikou.services.records import list_records

    rows = list_records(_engine(db), provenance, limit)
    for r in rows:
        cite = r.get("citation") or {}
        r["cited"] = ", ".join(f"{k} {v}" for k, v in cite.items())
    emit(rows, fmt, ["id", "provenance", "status", "published", "side", "facts", "title", "cited", "reason"],
         "records")
