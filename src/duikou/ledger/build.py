"""``duikou build``: ingest, extract and store reports, incrementally.

Each document is stored in its own transaction, so a build that is killed
leaves every document either fully stored or not at all; running it again
skips what is stored and finishes the rest. A document whose extraction
fails is stored as failed with its reason and the build goes on.

Reports that are not about paired assistance (``doc.topic.on_topic`` false
in the extraction) are kept out: stored as ``offtopic`` documents with
their verdict and no facts, counted in the summary and listed by
``duikou documents --offtopic``. Of a report on topic only in passages (a
bulletin with one item about the programme), only the facts of those
passages are stored. ``keep_offtopic`` stores every report whole.
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
        return sum(self.counts[k] for k in ("new", "unchanged", "replaced", "failed", "offtopic"))

    def line(self) -> str:
        c = self.counts
        return (f"{self.documents} documents: {c['new']} new, {c['unchanged']} unchanged, {c['replaced']} replaced, "
                f"{c['failed']} failed, {c['offtopic']} off topic (kept out: duikou documents --offtopic; "
                f"--keep-offtopic stores them); {c['facts']} facts added, {c['merges']} merges made")

    def to_json(self) -> dict[str, int]:
        keys = ("new", "unchanged", "replaced", "failed", "offtopic", "facts", "merges")
        return {k: int(self.counts[k]) for k in keys}


def extract_record(doc: Document) -> dict[str, Any]:
    """The contract record of ``doc``; raises when any extractor failed on it."""
    from duikou.errors import ExtractionError
    from duikou.extract.pipeline import extract_document

    extraction = extract_document(doc)
    if extraction.problems:
        raise ExtractionError("; ".join(extraction.problems))
    return extraction.to_contract()


def topic_of(record: dict[str, Any] | None) -> dict[str, Any] | None:
    """The relevance verdict of a contract record (None when it has none: then it counts as on topic)."""
    t = ((record or {}).get("doc") or {}).get("topic")
    return t if isinstance(t, dict) else None


def on_topic_part(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with only the facts of its on-topic passages, when only passages of it are on topic."""
    t = topic_of(record)
    if not t or t.get("scope") != "passages" or not t.get("passages"):
        return record
    spans = [(int(s), int(e)) for s, e in t["passages"]]

    def inside(fact: Any) -> bool:
        ev = fact.get("evidence") if isinstance(fact, dict) else None
        if not isinstance(ev, dict) or not isinstance(ev.get("start"), int):
            return True  # nothing to place it by: keep it
        start = ev["start"]
        end = ev["end"] if isinstance(ev.get("end"), int) else start + 1
        return any(s < max(end, start + 1) and start < e for s, e in spans)

    from duikou.schema import FACT_KINDS

    out = dict(record)
    for kind in (*FACT_KINDS, "relations"):
        if isinstance(record.get(kind), list):
            out[kind] = [f for f in record[kind] if inside(f)]
    return out


def store_documents(ledger: Ledger, docs: Iterable[Document], report: RunReport,
                    extract: Extractor | None = None, total: int | None = None,
                    keep_offtopic: bool = False) -> BuildSummary:
    """Extract and store each document; the workhorse of :func:`build` (and of the benchmark)."""
    extract = extract or extract_record
    summary = BuildSummary()
    with report.progress("building", total=total) as bar:
        for doc in docs:
            if ledger.known(doc.source, doc.id, keep_offtopic):
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
            topic = topic_of(record)
            offtopic = not keep_offtopic and topic is not None and topic.get("on_topic") is False
            if record is not None and not keep_offtopic:
                record = on_topic_part(record)
            result = ledger.add(doc, record, failure, offtopic=offtopic)
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


def build(paths: list[str], url: str, report: RunReport, extract: Extractor | None = None,
          keep_offtopic: bool = False) -> BuildSummary:
    """Ingest, extract and store the reports under ``paths`` into the ledger at ``url``.

    Off-topic reports are kept out (stored as ``offtopic`` documents without facts) unless
    ``keep_offtopic``.
    """
    from duikou.ingest import read_documents

    ledger = Ledger(url)
    try:
        return store_documents(ledger, read_documents(paths, report), report, extract,
                               keep_offtopic=keep_offtopic)
    finally:
        ledger.close()
