"""Storing many sources at once: the ledger's write path (:meth:`duikou.ledger.store.Ledger.add`) for a
batch, in one transaction.

``Ledger.add`` stores one source per transaction, after its own lookups: a few milliseconds a source,
most of it round trips, so a 台账 of 10,000 rows or a crawl of millions of pages would spend its time
there. Here a batch's stored state is read in one query (:func:`known_sources`) and the batch is
written in one transaction (:func:`store_batch`): the sources never stored before by the batch writer
(:mod:`duikou.ledger.bulk_fresh`: the same fact ids, properties, merges and entity rows as ``Ledger.add``
writes, rows written with COPY on PostgreSQL: :mod:`duikou.ledger.copy`), the others (stored before
and changed, failed before, retracted by the build) through ``Ledger.add``'s own code, in the batch's
order, so the ledger is the one storing them one by one gives (tests/records/test_bulk.py,
tests/services/test_build_batched.py compare canonical dumps). A failed source is stored as failed,
without facts; an off-topic one as ``duikou build`` keeps it out (status ``offtopic``, its verdict,
no text, no facts).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from sqlalchemy import Connection, select

from duikou.errors import Problem
from duikou.ledger import sql
from duikou.ledger.bulk_fresh import store_fresh
from duikou.ledger.copy import update_by_id
from duikou.ledger.retraction import last_retraction
from duikou.ledger.store import Ledger, note_restored_in
from duikou.ledger.tables import documents
from duikou.schema.records import FactRecord, SourceRecord


@dataclass
class Entry:
    """One source to store: its record and facts, or why it failed (stored as failed, without facts), or
    that it is off topic (stored as ``offtopic``: its verdict, no text, no facts)."""

    source: SourceRecord
    facts: Sequence[FactRecord]
    failure: str | None = None
    offtopic: bool = False


@dataclass(frozen=True)
class Known:
    """A source as the ledger holds it: its document id, body hash and status, and, when it is
    retracted, the retraction in force (its id, and whether the build made it: ``auto``)."""

    id: int
    body_hash: str
    status: str
    retraction: tuple[int, bool] | None = None

    def unchanged(self, body_hash: str, keep_offtopic: bool = False) -> bool:
        """Nothing to do for this body (:meth:`duikou.ledger.store.Ledger.known`): stored with it, or
        kept out as off topic (unless off-topic reports are now to be kept)."""
        return self.body_hash == body_hash and (self.status == "ok"
                                                or (self.status == "offtopic" and not keep_offtopic))

    @property
    def withdrawn(self) -> bool:
        """Retracted by hand: only ``retract --undo`` brings it back, not reading it again."""
        return self.retraction is not None and not self.retraction[1]


@dataclass
class Stored:
    """What storing a batch did: a status per source (new, unchanged, replaced, failed, offtopic,
    retracted), facts and merges written, and the facts the schema refused (each a problem on its
    source, in the batch's order)."""

    status: dict[str, str] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)


def known_sources(ledger: Ledger, keys: Sequence[str]) -> dict[str, Known]:
    """The stored state of each of ``keys`` that is stored (one query per 200 keys; the retraction in
    force read for the retracted ones)."""
    with ledger.engine.connect() as conn:
        return _known_in(conn, keys)


def _known_in(conn: Connection, keys: Sequence[str]) -> dict[str, Known]:
    out: dict[str, Known] = {}
    for chunk in sql.chunks(list(keys)):
        for r in conn.execute(select(documents.c.source, documents.c.id, documents.c.body_hash,
                                     documents.c.status).where(documents.c.source.in_(chunk))):
            retraction = _retraction(conn, r.id) if r.status == "retracted" else None
            out[r.source] = Known(r.id, r.body_hash, r.status, retraction)
    return out


def _retraction(conn: Connection, doc_id: int) -> tuple[int, bool] | None:
    row = last_retraction(conn, doc_id)
    return None if row is None else (int(row.id), bool(row.auto))


def store_entries(ledger: Ledger, entries: Sequence[Entry], *, keep_offtopic: bool = False,
                  again: str = "imported again") -> Stored:
    """Store ``entries`` as a run of ``Ledger.add`` calls would, a batch at a time.

    A source stored with the same body is left alone (seen again); one retracted by hand stays out
    (``retracted``); one the build retracted is back (its undo recorded with the reason ``again``).
    The same source twice is stored twice, in order (the batch is split before the second).
    """
    out = Stored()
    start = 0
    while start < len(entries):
        seen: set[str] = set()
        end = start
        while end < len(entries) and entries[end].source.source not in seen:
            seen.add(entries[end].source.source)
            end += 1
        _store_part(ledger, entries[start:end], keep_offtopic, again, out)
        start = end
    return out


def _store_part(ledger: Ledger, entries: Sequence[Entry], keep_offtopic: bool, again: str, out: Stored) -> None:
    known = known_sources(ledger, [e.source.source for e in entries])
    todo: list[Entry] = []
    seen: list[tuple[int, str | None]] = []
    for e in entries:
        k = known.get(e.source.source)
        if k is not None and k.unchanged(e.source.body_hash, keep_offtopic):
            seen.append((k.id, e.source.path))
            out.status[e.source.source] = "unchanged"
            out.counts["unchanged"] += 1
        elif k is not None and k.withdrawn:
            out.status[e.source.source] = "retracted"
            out.counts["retracted"] += 1
        else:
            todo.append(e)
    got = store_batch(ledger, todo, known, seen, again)
    out.status.update(got.status)
    out.counts.update(got.counts)
    out.problems.extend(got.problems)


def store_batch(ledger: Ledger, entries: Sequence[Entry], known: Mapping[str, Known],
                seen: Sequence[tuple[int, str | None]] = (), again: str = "read again") -> Stored:
    """Store ``entries`` in one transaction, in their order, and mark the documents ``seen`` (id, path
    read from or None) as seen now; returns what each entry became.

    ``known``: the stored state of the entries' sources (:func:`known_sources`, read before; a source
    missing from it is new unless another writer stored it since). No source may come twice, nor be one
    withdrawn by hand (the caller leaves those out). An entry retracted by the build is back: its undo is
    recorded (reason ``again``).
    """
    out = Stored()
    stamp = sql.now()
    with ledger.writing() as conn:
        # Another writer (a second build) may have stored some since ``known`` was read: those are
        # stored again through the store's path, as Ledger.add would find them (under the writer lock).
        known = {**known, **_known_in(conn, [e.source.source for e in entries if e.source.source not in known])}
        run: list[Entry] = []
        for e in entries:
            if e.source.source not in known:
                run.append(e)  # new sources are written together, up to the next one stored before
                continue
            _fresh(conn, ledger, run, stamp, out)
            run = []
            _again(conn, ledger, e, known[e.source.source], again, out)
        _fresh(conn, ledger, run, stamp, out)
        update_by_id(conn, documents, ("id", "last_seen", "path"), [(i, stamp, path) for i, path in seen],
                     keep_null=("path",))
    out.counts.update(out.status.values())
    return out


def _fresh(conn: Connection, ledger: Ledger, run: list[Entry], stamp: str, out: Stored) -> None:
    if not run:
        return
    result = store_fresh(conn, ledger.references, [(e.source, e.facts, e.failure, e.offtopic) for e in run], stamp)
    out.counts["facts"] += result.facts
    out.counts["merges"] += result.merges
    out.problems.extend(result.problems)
    out.status.update(result.status)


def _again(conn: Connection, ledger: Ledger, e: Entry, known: Known, again: str, out: Stored) -> None:
    """A source stored before, through the store's own path (as ``duikou build`` stores a report again)."""
    result = ledger.add_in(conn, e.source, e.facts, e.failure, offtopic=e.offtopic)
    out.status[e.source.source] = result.status
    out.counts["facts"] += result.facts
    out.counts["merges"] += result.merges
    out.problems.extend(result.problems)
    if known.retraction is not None:  # retracted by the build (file gone, record left its file): it is back
        note_restored_in(conn, known.retraction[0], known.id, again, auto=True)
