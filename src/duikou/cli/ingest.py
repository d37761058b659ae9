"""``duikou ingest``: read reports and print the clean documents (JSONL or a table)."""
from __future__ import annotations

import json
import sys

import click


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="jsonl: one Document a line (source, id, title, published, outlet, authors, script, text, "
                   "problems); table: one summary row a document.")
@click.option("--dedupe", is_flag=True, help="Fold exact and near-duplicate reports; groups are listed on stderr.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary (problems are still shown).")
def ingest(paths: tuple[str, ...], fmt: str, dedupe: bool, quiet: bool) -> None:
    """Read reports from PATHS and print them as clean documents.

    PATHS are files (.txt, .html, .jsonl, .warc, .warc.gz), directories
    (searched recursively), glob patterns, or - for standard input. Exit
    status: 0 when at least one document was ingested, 1 when none.
    """
    from duikou.cli.progress import TerminalEvents
    from duikou.runreport import RunReport
    from duikou.services.pipeline import fold, read

    report = RunReport(events=TerminalEvents(quiet=quiet))
    docs = read(list(paths), report)
    if dedupe:
        result = fold(docs)
        for g in result.groups:
            click.echo(f"duplicates of {g.representative}: " +
                       ", ".join(f"{c} ({k})" for c, k in zip(g.copies, g.kinds)), err=True)
        docs = iter(result.documents)
        report.count("duplicates", sum(len(g.copies) for g in result.groups))
    n = 0
    out = sys.stdout
    if fmt == "table":
        out.write("source\tpublished\toutlet\tscript\tchars\ttitle\n")
    for doc in docs:
        n += 1
        if fmt == "jsonl":
            out.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
        else:
            out.write(f"{doc.source}\t{doc.published or '-'}\t{doc.outlet or '-'}\t{doc.script}\t"
                      f"{len(doc.text)}\t{doc.title or '-'}\n")
    out.flush()
    if not quiet:
        keys = ("read", "skipped", "problems") + (("duplicates",) if dedupe else ())
        click.echo(f"ingested {n} documents; {report.summary(keys)}", err=True)
    sys.exit(0 if n else 1)
