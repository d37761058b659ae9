"""``duikou build``: ingest, extract and store reports, incrementally.

Documents are stored a batch at a time, each batch in one transaction, so a
build that is killed leaves every batch either fully stored or not at all;
running it again skips what is stored and finishes the rest. A document whose
extraction fails is stored as failed with its reason and the build goes on.

Reports that are not about paired assistance (``doc.topic.on_topic`` false
in the extraction) are kept out: stored as ``offtopic`` documents with
their verdict and no facts, counted in the summary and listed by
``duikou documents --offtopic``. Of a report on topic only in passages (a
bulletin with one item about the programme), only the facts of those
passages are stored. ``keep_offtopic`` stores every report whole. The store
gets each report as typed records (:func:`duikou.extract.records.records`:
its source record, with the main pairing the extraction decided, and its facts).

A report is known by its canonical location (``Document.identity``): the same
file reached by another path is the same report. Retraction takes a report's
facts out, recorded and reversible (``retractions``; by hand:
:mod:`duikou.services.review`); inputs that cannot be used are recorded in
``input_problems`` and the run goes on.

The entry points take the ledger as an engine or a URL (:mod:`duikou.services.connect`) and an
:class:`~duikou.runreport.Events` sink for progress and problems (none: :class:`~duikou.runreport.QuietEvents`).
"""
from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from sqlalchemy import func, select, update

from duikou.errors import LedgerError, Problem
from duikou.ingest.document import Document
from duikou.ingest.read import location
from duikou.ledger.bulk import Entry, Known, known_sources, store_batch
from duikou.ledger.db import now, transaction
from duikou.ledger.retraction import last_retraction
from duikou.ledger.store import Ledger
from duikou.ledger.tables import builds, documents, input_problems, retractions
from duikou.runreport import Events, Progress, QuietEvents, RunReport
from duikou.services.connect import Db, ledger_of

if TYPE_CHECKING:
    from duikou.extract.pipeline import Extraction
    from duikou.schema.records import FactRecord

Extractor = Callable[[Document], "Extraction"]
AGAIN = "read again"  # why a report the build had retracted is back (its undo's reason)


@dataclass
class BuildSummary:
    counts: Counter[str] = field(default_factory=Counter)
    # The reports read from each file (by resolved path): a JSONL file's records not among them left it.
    seen: dict[str, set[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # what the run could not use, as it was told

    @property
    def documents(self) -> int:
        return sum(self.counts[k] for k in ("new", "unchanged", "replaced", "failed", "offtopic", "retracted"))

    @property
    def ok(self) -> bool:
        """No report failed and no input was rejected (``build`` exits non-zero otherwise)."""
        return not (self.counts["failed"] or self.counts["rejected"])

    def line(self) -> str:
        c = self.counts
        withdrawn = f", {c['retracted']} retracted (left out)" if c["retracted"] else ""
        taken = f"; {c['pruned']} reports taken out (retracted: gone from their files)" if c["pruned"] else ""
        return (f"{self.documents} documents: {c['new']} new, {c['unchanged']} unchanged, {c['replaced']} replaced, "
                f"{c['failed']} failed, {c['offtopic']} off topic (kept out: duikou documents --offtopic; "
                f"--keep-offtopic stores them){withdrawn}; {c['rejected']} inputs rejected (duikou problems)"
                f"{taken}; {c['facts']} facts added, {c['merges']} merges made")

    def to_json(self) -> dict[str, int]:
        keys = ("new", "unchanged", "replaced", "failed", "offtopic", "retracted", "rejected", "pruned", "facts",
                "merges")
        return {k: int(self.counts[k]) for k in keys}


def extract_record(doc: Document) -> Extraction:
    """The extraction of ``doc`` as the ledger keeps it by default: only the facts of its on-topic parts
    (none when it is off topic), so a huge report never holds the others (they are dropped piece by
    piece); raises when any extractor failed on it."""
    return _extraction(doc, on_topic_only=True)


def extract_whole_record(doc: Document) -> Extraction:
    """The extraction of ``doc`` with every fact (``--keep-offtopic`` stores reports whole)."""
    return _extraction(doc, on_topic_only=False)


def _extraction(doc: Document, on_topic_only: bool) -> Extraction:
    from duikou.errors import ExtractionError
    from duikou.extract.pipeline import extract_document

    extraction = extract_document(doc, on_topic_only=on_topic_only)
    if extraction.problems:
        raise ExtractionError("; ".join(str(p) for p in extraction.problems))
    return extraction


def _default_extract(keep_offtopic: bool) -> Extractor:
    # Looked up when called, so a test may stand in for extract_record.
    return extract_whole_record if keep_offtopic else extract_record


def store_one(ledger: Ledger, doc: Document, report: RunReport, extract: Extractor,
              keep_offtopic: bool = False, restoring: bool = False) -> tuple[str, int, int]:
    """Extract and store one document in its own transaction; returns (status, facts added, merges made).

    ``restoring``: the caller is undoing the document's retraction (and records that itself).
    """
    key = doc.identity
    if ledger.known(key, doc.id, keep_offtopic):
        ledger.touch(key, doc.path)
        return "unchanged", 0, 0
    retraction = None if restoring else ledger.retraction_of(key)
    if retraction is not None and not retraction.auto:
        return "retracted", 0, 0  # withdrawn by hand: only `retract --undo` brings it back
    entry, failed = _extracted(doc, extract, keep_offtopic)
    if failed is not None:
        report.problem(doc.source, failed, fatal=False)
    result = ledger.add(entry.source, entry.facts, entry.failure, offtopic=entry.offtopic)
    for refused in result.problems:  # facts the schema kept out: recorded, the report's other facts stored
        report.problem(refused.source, refused.reason, fatal=False)
    if retraction is not None:  # the build had retracted it (file gone, record left its file): it is back
        ledger.note_restored(retraction.id, retraction.document_id, AGAIN, auto=True)
    return result.status, result.facts, result.merges


def _extracted(doc: Document, extract: Extractor, keep_offtopic: bool) -> tuple[Entry, str | None]:
    """``doc`` extracted as the store takes it (only its on-topic facts unless ``keep_offtopic``; off topic
    or failed), with the problem to tell when its extraction failed."""
    from duikou.extract.pipeline import on_topic_facts
    from duikou.extract.records import records, source_record

    source, failure = source_record(doc), None
    found: list[FactRecord] = []
    try:
        extraction = extract(doc)
        if not keep_offtopic:  # only the facts of the on-topic passages (extract_record kept no others)
            extraction = on_topic_facts(extraction)
        source, found = records(extraction)
    except Exception as err:  # noqa: BLE001 - one bad report must not stop the build
        failure = f"{type(err).__name__}: {err}"
    offtopic = not keep_offtopic and source.topic is not None and not source.topic.on_topic
    return Entry(source, found, failure, offtopic), (f"extraction failed: {failure}" if failure else None)


def store_documents(ledger: Ledger, docs: Iterable[Document], report: RunReport,
                    extract: Extractor | None = None, total: int | None = None,
                    keep_offtopic: bool = False) -> BuildSummary:
    """Extract and store each document, a batch at a time; the workhorse of :func:`build` (and of the
    benchmark).

    A batch (:data:`BATCH_DOCS` documents, fewer when their text passes :data:`BATCH_BYTES`) is read,
    its stored state looked up in one query, its new and changed documents extracted and stored in one
    transaction (:func:`duikou.ledger.bulk.store_batch`), every :data:`BATCH_SECONDS` or so while
    extracting: a killed build leaves each stored batch whole and the rest unstored, and a rerun
    finishes. The ledger is the one storing each document in its own transaction gives
    (tests/services/test_build_batched.py compares canonical dumps).
    """
    extract = extract or _default_extract(keep_offtopic)
    summary = BuildSummary()
    with report.progress("building", total=total) as bar:
        for batch in _batches(docs, summary):
            _store_batch(ledger, batch, report, extract, keep_offtopic, summary, bar)
    settle_judgements(ledger)  # unconditional: a killed build may have stopped before it
    return summary


BATCH_DOCS = 500  # documents looked up together (one query) and stored at most together
BATCH_BYTES = 32_000_000  # text of a batch held in memory at most
BATCH_SECONDS = 2.0  # extracting this long stores what is extracted (progress, and what a kill loses)


def _batches(docs: Iterable[Document], summary: BuildSummary) -> Iterator[list[Document]]:
    """``docs`` in batches; a batch ends before a report it already holds (the second is stored after the
    first, as it comes)."""
    batch: list[Document] = []
    keys: set[str] = set()
    size = 0
    for doc in docs:
        if doc.path is not None:
            summary.seen.setdefault(doc.path, set()).add(doc.identity)
        if batch and (doc.identity in keys or len(batch) >= BATCH_DOCS or size >= BATCH_BYTES):
            yield batch
            batch, keys, size = [], set(), 0
        batch.append(doc)
        keys.add(doc.identity)
        size += len(doc.text)
    if batch:
        yield batch


def _store_batch(ledger: Ledger, batch: list[Document], report: RunReport, extract: Extractor,
                 keep_offtopic: bool, summary: BuildSummary, bar: Progress) -> None:
    """Store one batch: what is unchanged marked seen, what was withdrawn by hand left out, the rest
    extracted and stored, in one transaction per :data:`BATCH_SECONDS` of extraction."""
    known = known_sources(ledger, [d.identity for d in batch])
    pending: list[tuple[Entry, Document, str | None]] = []
    seen: list[tuple[int, str | None]] = []
    started = time.monotonic()
    for doc in batch:
        k = known.get(doc.identity)
        if k is not None and k.unchanged(doc.id, keep_offtopic):
            seen.append((k.id, doc.path))
            summary.counts["unchanged"] += 1
        elif k is not None and k.withdrawn:
            summary.counts["retracted"] += 1  # withdrawn by hand: only `retract --undo` brings it back
        else:
            entry, failed = _extracted(doc, extract, keep_offtopic)
            pending.append((entry, doc, failed))
        bar.advance()
        if time.monotonic() - started >= BATCH_SECONDS:
            _flush(ledger, pending, known, seen, report, summary)
            pending, seen, started = [], [], time.monotonic()
    _flush(ledger, pending, known, seen, report, summary)


def _flush(ledger: Ledger, pending: list[tuple[Entry, Document, str | None]], known: dict[str, Known],
           seen: list[tuple[int, str | None]], report: RunReport, summary: BuildSummary) -> None:
    """Store the extracted documents of a batch and mark the unchanged ones seen, in one transaction; then
    tell each document's problems in order (its failed extraction, the facts the schema kept out)."""
    if not pending and not seen:
        return
    stored = store_batch(ledger, [e for e, _, _ in pending], known, seen, AGAIN)
    refused: dict[str, list[Problem]] = {}
    for p in stored.problems:
        refused.setdefault(p.source, []).append(p)
    for entry, doc, failed in pending:
        if failed is not None:
            report.problem(doc.source, failed, fatal=False)
        for p in refused.pop(entry.source.source, []):  # recorded; the report's other facts are stored
            report.problem(p.source, p.reason, fatal=False)
        summary.counts[stored.status[entry.source.source]] += 1
    summary.counts["facts"] += stored.counts["facts"]
    summary.counts["merges"] += stored.counts["merges"]


def settle_judgements(ledger: Ledger) -> None:
    """Let new facts follow the human judgements already made (only needed when there are some)."""
    from duikou.ledger.resolve import human_judgement_kinds, recluster

    with transaction(ledger.engine) as conn:
        for kind in human_judgement_kinds(conn):
            recluster(conn, kind)


def build(paths: list[str], db: Db, events: Events | None = None, *, extract: Extractor | None = None,
          keep_offtopic: bool = False, prune: bool = False) -> BuildSummary:
    """Ingest, extract and store the reports under ``paths`` into the ledger ``db`` (an engine or a URL).

    Off-topic reports are kept out (stored as ``offtopic`` documents without facts) unless
    ``keep_offtopic``. Inputs that cannot be used are recorded (``input_problems``), told to ``events``,
    kept in ``summary.problems`` and counted as ``rejected``; the run goes on past them. Records that left
    a file read whole (a JSONL line deleted) are retracted; with ``prune``, so are the reports whose files
    are gone.
    """
    from duikou.ingest import read_documents

    report = RunReport(events=events or QuietEvents())
    run = now()
    with ledger_of(db) as ledger:
        summary = store_documents(ledger, read_documents(paths, report), report, extract,
                                  keep_offtopic=keep_offtopic)
        summary.counts["pruned"] += sweep_left_records(ledger, summary.seen, report)
        if prune:
            summary.counts["pruned"] += len(retract_missing(ledger, "file is gone (build --prune)", auto=True))
        summary.counts["rejected"] = sum(1 for p in report.problems if p.fatal)
        summary.problems = list(report.problems)
        record_problems(ledger, report, run, summary)
        refresh_statistics(ledger.engine)
        return summary


def refresh_statistics(eng: Any, growth: float = 0.1) -> bool:
    """Gather the planner's statistics (ANALYZE) when the ledger has none or its reports grew by more than
    ``growth`` since they were gathered; True when it did.

    Without statistics both databases join a fresh ledger's tables in the wrong order (a filtered list of
    pairings took 105 ms on SQLite instead of 1.4 ms, 55 ms instead of 13 on PostgreSQL, 20,000 reports);
    ANALYZE reads every table, so a build that adds a few reports to a large ledger does not pay for it.
    """
    from sqlalchemy import text

    with eng.connect() as conn:
        reports = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        if conn.dialect.name == "sqlite":
            has_stats = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar_one()
            seen = conn.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'documents' LIMIT 1")).scalar() \
                if has_stats else None
            known = int(str(seen).split()[0]) if seen else None
        else:
            tuples = conn.execute(text("SELECT reltuples FROM pg_class WHERE oid = 'documents'::regclass")).scalar()
            known = int(tuples) if tuples is not None and tuples > 0 else None
    if not reports or (known is not None and reports <= known * (1 + growth)):
        return False
    with eng.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("ANALYZE"))
            conn.commit()
        else:  # ANALYZE may not run inside a transaction block on every server version: autocommit
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
    return True


def prune(db: Db, reason: str | None = None) -> list[tuple[int, str]]:
    """Retract every stored report whose file is gone (``retract --missing``); returns (retraction, source)."""
    with ledger_of(db) as ledger:
        return retract_missing(ledger, reason or "file is gone")


def sweep_left_records(ledger: Ledger, seen: dict[str, set[str]], report: RunReport) -> int:
    """Retract the reports that left a file read this run (a JSONL record deleted or changed).

    Not for a file that could not be read whole (a problem on the file itself): its records after the
    damage were not seen, not deleted.
    """
    damaged = {location(p.source) for p in report.problems if p.line is None and p.fatal}
    gone: list[int] = []
    with ledger.engine.connect() as conn:
        for path, keys in seen.items():
            if path in damaged:
                continue
            for doc_id, source in conn.execute(select(documents.c.id, documents.c.source).where(
                    documents.c.path == path, documents.c.status != "retracted")):
                if source not in keys:
                    gone.append(doc_id)
    for doc_id in gone:
        ledger.retract(doc_id, "no longer in its file", auto=True)
    return len(gone)


def record_problems(ledger: Ledger, report: RunReport, run: str, summary: BuildSummary) -> None:
    """Log the build and keep its problems in the ledger (``duikou problems``), inputs named by their
    resolved paths."""
    stamp = now()
    rows = [{"source": location(p.source) if p.source != "-" and os.path.exists(p.source) else p.source,
             "line": p.line, "reason": p.reason, "fatal": p.fatal, "run": run, "created": stamp}
            for p in report.problems]
    with transaction(ledger.engine) as conn:
        if rows:
            conn.execute(input_problems.insert(), rows)
        conn.execute(builds.insert().values(started=run, finished=stamp, summary=json.dumps(summary.to_json())))


def retract_missing(ledger: Ledger, reason: str, auto: bool = False) -> list[tuple[int, str]]:
    """Retract every report whose file is gone; returns (retraction id, source) of each."""
    with ledger.engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.source, documents.c.path).where(
            documents.c.path.is_not(None), documents.c.status != "retracted").order_by(documents.c.id)).all()
    out = []
    for r in rows:
        if not os.path.exists(r.path):
            rid = ledger.retract(r.id, f"{reason}: {r.path}", auto=auto)
            if rid is not None:
                out.append((rid, r.source))
    return out


def undo_retraction(db: Db, retraction: int, events: Events | None = None, *, extract: Extractor | None = None,
                    reason: str | None = None, keep_offtopic: bool = False) -> tuple[str, str]:
    """Put a retracted report back: its stored text is extracted and stored again; returns (source, status)."""
    report = RunReport(events=events or QuietEvents())
    with ledger_of(db) as ledger:
        with ledger.engine.connect() as conn:
            r = conn.execute(select(retractions).where(retractions.c.id == retraction)).first()
            if r is None or r.action != "retract":
                raise LedgerError(f"no retraction {retraction} (see duikou problems / duikou documents --retracted)")
            live = _live(conn, r.document_id)
            if live != retraction:
                raise LedgerError(f"retraction {retraction} is not in force (already undone or superseded)")
            d = conn.execute(select(documents).where(documents.c.id == r.document_id)).mappings().one()
        if r.prior != "ok" or not d["text"]:
            # Off topic or failed before: nothing to extract again; it only gets its status back.
            with transaction(ledger.engine) as conn:
                conn.execute(update(documents).where(documents.c.id == d["id"]).values(status=r.prior or "failed"))
            status = r.prior or "failed"
        else:
            doc = Document(source=d["source"], text=d["text"], raw=d["text"], title=d["title"],
                           published=d["published"], outlet=d["outlet"], script=d["script"] or "hans",
                           url=d["url"], authors=json.loads(d["authors"] or "[]"), key=d["source"], path=d["path"])
            status, _, _ = store_one(ledger, doc, report, extract or _default_extract(keep_offtopic), keep_offtopic,
                                     restoring=True)
        ledger.note_restored(retraction, d["id"], reason or "undone by hand")
        settle_judgements(ledger)
        return d["source"], status


def _live(conn: Any, doc_id: int) -> int | None:
    last = last_retraction(conn, doc_id)
    return None if last is None else int(last.id)
