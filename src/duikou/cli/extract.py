"""``duikou extract``: facts with evidence from each report, as the scored JSONL contract."""
from __future__ import annotations

import json
import sys

import click


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="jsonl: one contract record per document (../shared/spec/extraction-output.md); table: a summary.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def extract(paths: tuple[str, ...], fmt: str, quiet: bool) -> None:
    """Extract regions, pairings, people, events, agreements, amounts and counts from PATHS.

    PATHS are files, directories (searched recursively), globs or - for
    standard input, in any form `duikou ingest` reads. Every record says
    whether its report is about paired assistance (doc.topic: on_topic,
    score, reason); the programme's facts (pairings, agreements,
    funds/signing events, donation/assistance amounts, personnel counts) come
    only from on-topic reports and passages.
    """
    from duikou.cli.progress import TerminalEvents
    from duikou.runreport import RunReport
    from duikou.services.pipeline import extract as extract_records

    report = RunReport(events=TerminalEvents(quiet=quiet))
    out = sys.stdout
    # One encoder for the run: json.dumps with a keyword builds a new JSONEncoder per record.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    n = on = 0
    for doc, rec in extract_records(list(paths), report):
        n += 1
        on += bool(rec["doc"]["topic"]["on_topic"])
        if fmt == "jsonl":
            out.write(encode(rec) + "\n")
        else:
            counts = "  ".join(f"{k} {len(rec[k])}" for k in ("regions", "pairings", "people", "events", "agreements", "amounts", "counts"))
            topic = rec["doc"]["topic"]
            verdict = f"{'on' if topic['on_topic'] else 'off'} topic {topic['score']:.2f}"
            out.write(f"{doc.source}\t{doc.title or '-'}\t{verdict}\t{counts}\n")
    if not quiet:
        click.echo(f"extracted {n} documents ({on} on topic, {n - on} off topic); {report.summary()}", err=True)
    sys.exit(0 if n else 1)
