"""Storing many imported rows at once: the ledger's write path (:meth:`duikou.ledger.store.Ledger.add`)
for a batch of new sources in one transaction.

``Ledger.add`` stores one source per transaction and folds its facts into their entity rows at once:
about 5-10 ms a source, so a 10,000-row 台账 would take a minute or more. Rows never stored before are
written here a batch at a time with the store's own pieces: the same fact ids, properties, effective
properties, merge bases and automatic-merge judgements as ``Ledger.add`` would write
(:func:`duikou.ledger.prepare` semantics: a dated event joins a stored event or an earlier one of the
batch within a day), and each entity row touched folds the batch's facts in, document by document, as
the store folds one document's (:func:`duikou.ledger.entities.aggregate`), with its links to the
documents, an agreement's parties and the amounts' conflict flags. Everything else (a row stored before that changed, failed, or was retracted) goes through
``Ledger.add`` itself, one row at a time. tests/records/test_bulk.py checks the two paths store the same.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Sequence

from sqlalchemy import Connection, bindparam, select, update

from duikou.errors import Problem
from duikou.ledger import sql
from duikou.ledger.entities import admit, aggregate, base_key, digest, dumps, effective, is_standing
from duikou.ledger.entity_rows import entities_of
from duikou.ledger.event_match import event_base, events_near
from duikou.ledger.fact_rows import References, extractor_label
from duikou.ledger.report_context import doc_context, document_row
from duikou.ledger.conflicts import refresh_conflicts
from duikou.ledger.store import Ledger
from duikou.ledger.tables import (ENTITY_TABLES, agreement_parties, documents, entity_documents, facts, judgements,
                                  statements)
from duikou.reference import regions as reg
from duikou.schema import fact_types
from duikou.schema.records import FactRecord, SourceRecord

_FACT_COLS = ("id", "document_id", "kind", "seq", "base", "entity", "data", "span_start", "span_end", "quote",
              "extractor", "confidence")
_STATEMENT_COLS = ("fact_id", "document_id", "kind", "property", "value", "extractor", "version", "confidence",
                   "first_seen", "last_seen")
_JUDGEMENT_COLS = ("kind", "verdict", "left_id", "right_id", "reason", "auto", "created")
_LINK_COLS = ("entity_id", "document_id", "published", "source", "side")
_PARTY_KEYS = ("helper", "recipient", "place", "payer", "payee")
_EVENTS_PER_QUERY = 200  # the stored-event lookup is one OR per event: kept to a size the planner likes


@dataclass
class Entry:
    """One source to store: its record and facts, or why it failed (stored as failed, without facts)."""

    source: SourceRecord
    facts: Sequence[FactRecord]
    failure: str | None = None


@dataclass
class Stored:
    """What storing a batch did: a status per source (new, unchanged, replaced, failed, retracted), facts
    and merges written, and the facts the schema refused (each a problem on its source)."""

    status: dict[str, str] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)


def store_entries(ledger: Ledger, entries: Sequence[Entry]) -> Stored:
    """Store ``entries``: new sources in one transaction, the others one by one through ``Ledger.add``."""
    out = Stored()
    known = _known(ledger, [e.source.source for e in entries])
    fresh: list[Entry] = []
    unchanged: list[int] = []
    for e in entries:
        old = known.get(e.source.source)
        if old is None and not any(f.kind == "people" for f in e.facts):  # people have positions: the store's
            fresh.append(e)
        elif old is not None and old[1] == e.source.body_hash and old[2] == "ok" and e.failure is None:
            unchanged.append(old[0])
            out.status[e.source.source] = "unchanged"
    if fresh:
        _store_fresh(ledger, fresh, out)
    for e in entries:
        if e.source.source not in out.status:
            _store_one(ledger, e, out)
    if unchanged:
        with sql.transaction(ledger.engine) as conn:
            conn.execute(update(documents).where(documents.c.id == bindparam("did")).values(last_seen=sql.now()),
                         [{"did": i} for i in unchanged])
    out.counts.update(out.status.values())
    return out


def _known(ledger: Ledger, keys: list[str]) -> dict[str, tuple[int, str, str]]:
    """The stored (id, body hash, status) of each of ``keys`` that is stored."""
    out: dict[str, tuple[int, str, str]] = {}
    with ledger.engine.connect() as conn:
        for chunk in sql.chunks(keys):
            for r in conn.execute(select(documents.c.source, documents.c.id, documents.c.body_hash,
                                         documents.c.status).where(documents.c.source.in_(chunk))):
                out[r.source] = (r.id, r.body_hash, r.status)
    return out


def _store_one(ledger: Ledger, e: Entry, out: Stored) -> None:
    """A source stored before: as ``duikou build`` stores a report again (a retraction by hand keeps it out)."""
    retraction = ledger.retraction_of(e.source.source)
    if retraction is not None and not retraction.auto:
        out.status[e.source.source] = "retracted"
        return
    result = ledger.add(e.source, e.facts, e.failure)
    out.status[e.source.source] = result.status
    out.counts["facts"] += result.facts
    out.counts["merges"] += result.merges
    out.problems.extend(result.problems)
    if retraction is not None:
        ledger.note_restored(retraction.id, retraction.document_id, "imported again", auto=True)


@dataclass
class _Fact:
    record: FactRecord
    data: dict[str, Any]
    fid: str
    eff: dict[str, Any]
    seq: int
    base: str = ""
    reason: str = ""
    entity: str = ""
    new: bool = False


def _store_fresh(ledger: Ledger, entries: list[Entry], out: Stored) -> None:
    types = fact_types()
    stamp = sql.now()
    per_source: list[tuple[Entry, list[_Fact]]] = []
    for e in entries:
        src = e.source
        ctx = doc_context(src)
        kept: list[_Fact] = []
        if e.failure is None:
            for f in e.facts:
                refused = admit(src.source, f.kind, f.data)
                if refused is not None:
                    out.problems.append(refused)
                    continue
                data = {n: f.data.get(n) for n in types[f.kind].names}
                fid = "F" + digest(src.source, src.body_hash, f.kind, len(kept))
                kept.append(_Fact(f, data, fid, effective(f.kind, data, ctx), len(kept)))
        per_source.append((e, kept))
    with sql.transaction(ledger.engine) as conn:
        _resolve(conn, [f for _, kept in per_source for f in kept])
        ids = _insert_documents(conn, per_source, stamp)
        folds = _write_facts(conn, per_source, ids, stamp, out)
        for kind, groups in folds.items():
            _fold(conn, kind, groups)
    for e, _ in per_source:
        out.status[e.source.source] = "failed" if e.failure else "new"


def _resolve(conn: Connection, found: list[_Fact]) -> None:
    """Each fact's merge base and entity, as the store's ``prepare`` finds them, across the batch."""
    events = [f.eff for f in found if f.record.kind == "events"]
    stored: list[tuple[str, str, str | None, str | None, str]] = []
    for i in range(0, len(events), _EVENTS_PER_QUERY):
        stored.extend(events_near(conn, events[i:i + _EVENTS_PER_QUERY]))
    stored.sort(key=lambda r: (r[4] or "", r[0]))  # the (date, id) order events_near gives
    # event_base scans its candidates for the same type and sides first: give it only those (a batch
    # holds thousands of events; scanning all of them for each was most of the batch's time).
    near: dict[tuple[Any, ...], list[tuple[str, str, str | None, str | None, str]]] = defaultdict(list)
    for r in stored:
        near[(r[1], r[2], r[3])].append(r)
    local: dict[tuple[Any, ...], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for f in found:
        if f.record.kind == "events":
            key = (f.eff.get("type"), f.eff.get("helper"), f.eff.get("recipient"))
            f.base, f.reason = event_base(f.eff, f.fid, local[key], near.get(key, []))
            local[key].append((f.base, f.eff))
        else:
            f.base, f.reason = base_key(f.record.kind, f.eff, f.fid)
    known = entities_of(conn, {f.base for f in found if f.record.kind != "regions"})
    for f in found:
        entity = known.get(f.base)
        if entity is None:
            known[f.base] = f.entity = f.base
            f.new = True
        else:
            f.entity = entity


def _insert_documents(conn: Connection, per_source: list[tuple[Entry, list[_Fact]]], stamp: str) -> dict[str, int]:
    rows = []
    for e, kept in per_source:
        src = e.source
        status = "failed" if e.failure else "ok"
        side = src.side if e.failure is None else None
        rows.append({"first_seen": stamp, **document_row(src, status, e.failure, side, _main_base(src, kept), stamp)})
    conn.execute(documents.insert(), rows)
    ids: dict[str, int] = {}
    for chunk in sql.chunks([e.source.source for e, _ in per_source]):
        for r in conn.execute(select(documents.c.source, documents.c.id).where(documents.c.source.in_(chunk))):
            ids[r.source] = r.id
    return ids


def _main_base(source: SourceRecord, kept: list[_Fact]) -> str | None:
    if source.main_pairing is None:
        return None
    for f in kept:
        if (f.record.kind == "pairings" and is_standing(f.data.get("relation"))
                and (f.data.get("helper"), f.data.get("recipient")) == source.main_pairing):
            return f.base
    return None


Folds = dict[str, dict[str, list[tuple[int, list[dict[str, Any]]]]]]  # kind -> entity -> [(document, effs)]


def _write_facts(conn: Connection, per_source: list[tuple[Entry, list[_Fact]]], ids: dict[str, int], stamp: str,
                 out: Stored) -> Folds:
    """Write the facts, their statements and automatic merges, the entities' links to the documents and
    the reference rows; returns what each entity row must fold in, document by document."""
    fact_rows: list[tuple[Any, ...]] = []
    stmt_rows: list[tuple[Any, ...]] = []
    judge_rows: list[tuple[Any, ...]] = []
    codes: set[str] = set()
    names: set[str] = set()
    folds: Folds = defaultdict(dict)
    links: list[tuple[Any, ...]] = []
    for e, kept in per_source:
        doc_id = ids[e.source.source]
        ctx = doc_context(e.source)
        mine: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(dict)
        for f in kept:
            rec, kind = f.record, f.record.kind
            if not f.new and kind != "regions":
                judge_rows.append((kind, "same", f.base, f.fid, f.reason, True, stamp))
            fact_rows.append((f.fid, doc_id, kind, f.seq, f.base, f.entity, dumps(f.data), None, None, None,
                              extractor_label(rec.extractor, rec.version), rec.confidence))
            for prop, value in f.data.items():
                if value is not None:
                    stmt_rows.append((f.fid, doc_id, kind, prop, dumps(value), rec.extractor, rec.version,
                                      rec.confidence, stamp, stamp))
            if kind in ENTITY_TABLES:
                mine[kind].setdefault(f.entity, []).append(f.eff)
            if kind == "regions" and reg.is_code(f.data.get("code")):
                codes.add(f.data["code"])
            parties = [f.eff.get(k) for k in _PARTY_KEYS] + (list(f.data.get("parties") or [])
                                                             if kind == "agreements" else [])
            for p in parties:
                if isinstance(p, str) and p:
                    (codes if reg.is_code(p) else names).add(p)
        for kind, groups in mine.items():
            for entity in sorted(groups):
                folds[kind].setdefault(entity, []).append((doc_id, groups[entity]))
                links.append((entity, doc_id, ctx.published, ctx.source, e.source.side))
        out.counts["facts"] += len(kept)
    out.counts["merges"] += len(judge_rows)
    sql.insert_rows(conn, facts, _FACT_COLS, fact_rows)
    sql.insert_rows(conn, statements, _STATEMENT_COLS, stmt_rows)
    sql.insert_rows(conn, judgements, _JUDGEMENT_COLS, judge_rows)
    sql.insert_rows(conn, entity_documents, _LINK_COLS, links)
    References().add(conn, codes, names)
    return folds


def _fold(conn: Connection, kind: str, groups: dict[str, list[tuple[int, list[dict[str, Any]]]]]) -> None:
    """Fold each entity's new facts into its row, document by document as the store does (a pairing counts
    the documents naming each programme), then its agreement links and amount conflicts."""
    table = ENTITY_TABLES[kind]
    ids = sorted(groups)
    existing: dict[str, dict[str, Any]] = {}
    for chunk in sql.chunks(ids):
        for r in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            existing[r["id"]] = dict(r)
    rows = []
    for eid in ids:
        row = existing.get(eid)
        for _, effs in groups[eid]:
            row = aggregate(kind, eid, effs, row, 1)
        assert row is not None
        rows.append(row)
    cols = tuple(c.name for c in table.c)
    sql.insert_rows(conn, table, cols, [tuple(r.get(c) for c in cols) for r in rows if r["id"] not in existing])
    sql.upsert_rows(conn, table, cols, [tuple(r.get(c) for c in cols) for r in rows if r["id"] in existing])
    if kind == "agreements":  # an agreement's parties only grow here (a union): its links only need adding
        sql.insert_ignore(conn, agreement_parties, [{"agreement": r["id"], "party": p} for r in rows
                                                    for p in sorted(set(json.loads(r["parties"] or "[]")))
                                                    if isinstance(p, str)])
    if kind == "amounts":
        refresh_conflicts(conn, rows)
