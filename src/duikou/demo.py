"""``duikou demo``: the README's main job on the bundled sample reports."""
from __future__ import annotations

from pathlib import Path

import click

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"


@click.command()
@click.option("--examples", type=click.Path(exists=True, file_okay=False), default=str(EXAMPLES), show_default=True)
def demo(examples: str) -> None:
    """Ingest the bundled sample reports and print a summary of each."""
    from duikou.ingest import read_documents
    from duikou.runreport import RunReport

    report = RunReport()
    for doc in read_documents([examples], report):
        click.echo(f"{Path(doc.source).name:<28} {doc.published or '-':<10}  {doc.outlet or '-':<10}  {doc.script}  {doc.title or '-'}")
    click.echo(report.summary())
