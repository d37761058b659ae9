"""``duikou build``: ingest, extract and store reports, incrementally.

Each document is stored in its own transaction, so a build that is killed
leaves every document either fully stored or not at all; running it again
skips what is stored and finishes the rest. A document whose extraction
fails is stored as failed with its reason and the build goes on.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from duikou.ingest.document import Document
from duikou.ledger import db
from duikou.ledger.store import Ledger
from duikou.runreport import RunReport

Extractor = Callable[[Document], dict[str, Any]]


@dataclass
class BuildSummary:
    counts: Counter = field(default_factory=Counter)

    @property
    def documents(self) -> int:
        return sum(self.counts[k] for k in ("new", "unchanged", "replaced", "failed"))

    def line(self) -> str:
        c = self.counts
        return (f"{self.documents} documents: {c['new']} new, {c['unchanged']} unchanged, {c['replaced']} replaced, "
                f"{c['failed']} failed; {c['facts']} facts added, {c['merges']} merges made")

    def to_json(self) -> dict[str, int]:
        keys = ("new", "unchanged", "replaced", "failed", "facts", "merges")
        return {k: int(self.counts[k]) for k in keys}


def extract_record(doc: Document) -> dict[str, Any]:
    """The contract record of ``doc``; raises when any extractor failed on it."""
    from duikou.errors import ExtractionError
    from duikou.extract.pipeline import extract_document

    extraction = extract_document(doc)
    if extraction.problems:
        raise ExtractionError("; ".join(extraction.problems))
    return extraction.to_contract()


def store_documents(ledger: Ledger, docs: Iterable[Document], report: RunReport,
                    extract: Extractor | None = None, total: int | None = None) -> BuildSummary:
    """Extract and store each document; the workhorse of :func:`build` (and of the benchmark)."""
    extract = extract or extract_record
    summary = BuildSummary()
    with report.progress("building", total=total) as bar:
        for doc in docs:
            if ledger.known(doc.source, doc.id):
                ledger.touch(doc.source)
                summary.counts["unchanged"] += 1
                bar.advance()
                continue
            record, failure = None, None
            try:
                record = extract(doc)
            except Exception as err:  # noqa: BLE001 - one bad report must not stop the build
                failure = f"{type(err).__name__}: {err}"
                report.problem(doc.source, f"extraction failed: {failure}", fatal=False)
            result = ledger.add(doc, record, failure)
            summary.counts[result.status] += 1
            summary.counts["facts"] += result.facts
            summary.counts["merges"] += result.merges
            bar.advance()
    settle_judgements(ledger)  # unconditional: a killed build may have stopped before it
    return summary


def settle_judgements(ledger: Ledger) -> None:
    """Let new facts follow the human judgements already made (only needed when there are some)."""
    from duikou.ledger.resolve import human_judgement_kinds, recluster

    with db.transaction(ledger.engine) as conn:
        for kind in human_judgement_kinds(conn):
            recluster(conn, kind)


def build(paths: list[str], url: str, report: RunReport, extract: Extractor | None = None) -> BuildSummary:
    """Ingest, extract and store the reports under ``paths`` into the ledger at ``url``."""
    from duikou.ingest import read_documents

    ledger = Ledger(url)
    try:
        return store_documents(ledger, read_documents(paths, report), report, extract)
    finally:
        ledger.close()
