"""Storing one source's facts, one transaction per source.

:meth:`Ledger.add` is the whole write path of ``duikou build`` (and of manual entries and imports): it
records the source (or its failure) from its :class:`~duikou.schema.records.SourceRecord`, writes every
:class:`~duikou.schema.records.FactRecord` as statements with provenance, attaches each fact to an entity
(recording automatic merges as judgements) and brings the entity tables up to date. A source known with
the same body hash is left alone; with another hash its old facts are removed first and only the
entities they touched are recomputed.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

from sqlalchemy import Connection, Engine, Row, bindparam, select, update

from duikou.errors import LedgerError, Problem
from duikou.ledger import db, sql
from duikou.ledger.sql import now
from duikou.ledger.entities import admit, is_standing
from duikou.ledger.fact_rows import References, store_facts
from duikou.ledger.prepare import Prepared, prepare
from duikou.ledger.report_context import doc_context, document_row
from duikou.ledger.resolve import recompute_entities
from duikou.ledger.review import reapply
from duikou.ledger.retraction import last_retraction, remove_facts
from duikou.ledger.tables import documents, retractions
from duikou.schema.records import FactRecord, SourceRecord


@dataclass
class AddResult:
    """What storing one source did."""

    status: str  # new | unchanged | replaced | failed | offtopic | retracted (kept out by a retraction)
    facts: int = 0
    merges: int = 0
    problems: list[Problem] = field(default_factory=list)  # facts the schema refused (left out, not fatal)


class Ledger:
    """A ledger database. Opening it applies pending migrations."""

    def __init__(self, url: str, engine: Engine | None = None):
        self.url = url
        self.engine = engine if engine is not None else db.engine(url)
        self._refs = References()

    def close(self) -> None:
        self.engine.dispose()

    # -- reading the state of a source ------------------------------------
    def known(self, source: str, body_hash: str, keep_offtopic: bool = False) -> bool:
        """True when ``source`` is stored with this body and nothing is left to do: stored successfully,
        or kept out as off topic (unless off-topic reports are now to be kept)."""
        with self.engine.connect() as conn:
            row = conn.execute(_DOC_BY_SOURCE, {"src": source}).first()
        return (row is not None and row.body_hash == body_hash
                and (row.status == "ok" or (row.status == "offtopic" and not keep_offtopic)))

    def retraction_of(self, source: str) -> Row[tuple[object, ...]] | None:
        """The retraction in force on ``source`` (a ``retractions`` row), None when it is not retracted.

        A build leaves out a report retracted by hand until ``retract --undo``; one the build itself
        retracted (``auto``: its file was gone, or it left its JSONL file) comes back when read again.
        """
        with self.engine.connect() as conn:
            row = conn.execute(_DOC_BY_SOURCE, {"src": source}).first()
            if row is None or row.status != "retracted":
                return None
            return last_retraction(conn, row.id)

    def retract(self, doc_id: int, reason: str | None, auto: bool = False) -> int | None:
        """Take a report's facts out of the ledger, recorded (``retractions``) and reversible; returns the
        retraction's id (None when the report is already retracted).

        The entities its facts supported are recomputed: they lose this source, and go when it was their
        only one. The report's row and text stay, so it can be put back.
        """
        with sql.transaction(self.engine) as conn:
            row = conn.execute(select(documents.c.status).where(documents.c.id == doc_id)).first()
            if row is None:
                raise LedgerError(f"no document with id {doc_id}")
            if row.status == "retracted":
                return None
            touched = remove_facts(conn, doc_id)
            conn.execute(update(documents).where(documents.c.id == doc_id)
                         .values(status="retracted", side=None, pairing=None))
            _recompute(conn, touched)
            return sql.inserted_id(conn.execute(retractions.insert().values(
                document_id=doc_id, action="retract", prior=row.status, reason=reason, auto=auto, created=now())))

    def note_restored(self, retraction: int, doc_id: int, reason: str | None, auto: bool = False) -> int:
        """Record that the report of ``retraction`` is back (its facts stored again by the caller)."""
        with sql.transaction(self.engine) as conn:
            return note_restored_in(conn, retraction, doc_id, reason, auto)

    # -- the write path ---------------------------------------------------
    def add(self, source: SourceRecord, found: Sequence[FactRecord], failure: str | None = None,
            offtopic: bool = False) -> AddResult:
        """Store ``source`` with its facts ``found`` (or as failed with ``failure``), in one transaction.

        ``offtopic``: keep the report out of the ledger: its row records the verdict (status
        ``offtopic``), without its text or any fact.
        """
        self._refs.begin()
        with sql.transaction(self.engine) as conn:
            result = self._add(conn, source, found, failure, offtopic)
        self._refs.committed()
        return result

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction for many sources (a batch: :mod:`duikou.ledger.bulk`), each stored with
        :meth:`add_in` or the batch writer (which names the stored regions and parties in
        :attr:`references`)."""
        self._refs.begin()
        with sql.transaction(self.engine) as conn:
            yield conn
        self._refs.committed()

    def add_in(self, conn: Connection, source: SourceRecord, found: Sequence[FactRecord],
               failure: str | None = None, offtopic: bool = False) -> AddResult:
        """:meth:`add` inside the caller's transaction (:meth:`writing`)."""
        return self._add(conn, source, found, failure, offtopic)

    @property
    def references(self) -> References:
        """The regions and parties this ledger is known to hold (written in :meth:`writing`'s transaction:
        known once it commits)."""
        return self._refs

    def touch(self, source: str, path: str | None = None) -> None:
        """Mark an unchanged source as seen now (read from ``path``: a URL-keyed report may move files)."""
        values: dict[str, Any] = {"last_seen": now()}
        if path is not None:
            values["path"] = path
        with sql.transaction(self.engine) as conn:
            conn.execute(update(documents).where(documents.c.source == source).values(**values))

    def _add(self, conn: Connection, source: SourceRecord, found: Sequence[FactRecord], failure: str | None,
             offtopic: bool) -> AddResult:
        stamp = now()
        old = conn.execute(_DOC_BY_SOURCE, {"src": source.source}).first()
        if old is not None and old.body_hash == source.body_hash and old.status == "ok":
            conn.execute(update(documents).where(documents.c.id == old.id).values(last_seen=stamp))
            return AddResult("unchanged")
        offtopic = offtopic and not failure
        stored = not (failure or offtopic)
        ctx = doc_context(source)
        touched = remove_facts(conn, old.id) if old is not None else {}
        # Facts are resolved before the document row is written, so the row goes in once, with its main
        # pairing.
        # A fact that does not fit the schema stays out, a problem on its source; the other facts go in.
        checked = [(f, admit(source.source, f.kind, f.data)) for f in found] if stored else []
        refused = [p for _, p in checked if p is not None]
        found = [f for f, p in checked if p is None] if refused else found
        prepared = prepare(conn, source, found, ctx) if stored else []
        status = "failed" if failure else ("offtopic" if offtopic else "ok")
        reason = failure or (source.topic.reason if offtopic and source.topic is not None else None)
        values = document_row(source, status, reason, source.side if stored else None,
                              _main_base(source, prepared) if prepared else None, stamp)
        if old is not None:
            conn.execute(update(documents).where(documents.c.id == old.id).values(**values))
            doc_id = old.id
        else:
            doc_id = sql.inserted_id(conn.execute(_DOC_INSERT, {"first_seen": stamp, **values}))
        if offtopic:
            _recompute(conn, touched)
            return AddResult("offtopic")
        if failure:
            result = AddResult("failed")
        else:
            result = AddResult("replaced" if old is not None and old.status == "ok" else "new", problems=refused)
            # An entity that lost this document's old facts still has its row (recomputed below).
            stale = {e for ids in touched.values() for e in ids}
            result.facts, result.merges = store_facts(conn, doc_id, prepared, ctx, stamp, values["side"], stale,
                                                      self._refs)
            if old is not None:  # stored again: facts back under ids they had keep their reviews (ledger.review)
                reapply(conn, [p.fid for p in prepared])
        _recompute(conn, touched)
        return result


def note_restored_in(conn: Connection, retraction: int, doc_id: int, reason: str | None, auto: bool = False) -> int:
    """Record, in the caller's transaction, that the report of ``retraction`` is back."""
    return sql.inserted_id(conn.execute(retractions.insert().values(
        document_id=doc_id, action="undo", undoes=retraction, reason=reason, auto=auto, created=now())))


def _main_base(source: SourceRecord, prepared: list[Prepared]) -> str | None:
    """The base of the source's main pairing, one of its standing pairing facts (as the record gives it:
    the store never picks one)."""
    if source.main_pairing is None:
        return None
    for p in prepared:
        if (p.kind == "pairings" and is_standing(p.data.get("relation"))
                and (p.data.get("helper"), p.data.get("recipient")) == source.main_pairing):
            return p.base
    helper, recipient = source.main_pairing
    raise LedgerError(f"{source.source}: its main pairing {helper} -> {recipient} is none of its standing pairings")


def _recompute(conn: Connection, touched: dict[str, set[str]]) -> None:
    for kind, ids in touched.items():
        recompute_entities(conn, kind, ids)


# Statements run for every document, built once: constructing them per call
# (select(...).where(...), insert().values(...)) cost more than running them (profiled).
_DOC_BY_SOURCE = select(documents.c.id, documents.c.body_hash, documents.c.status).where(
    documents.c.source == bindparam("src"))
_DOC_INSERT = documents.insert()


__all__ = ["Ledger", "AddResult", "LedgerError", "note_restored_in", "now"]
