"""The batch writer of :mod:`duikou.ledger.bulk`: sources never stored before, written together in the
caller's transaction as ``Ledger.add`` would write them one after the other.

Each fact gets the id, properties, effective properties, merge base and entity ``Ledger.add`` gives it
(:func:`duikou.ledger.prepare.prepare`), found with a few queries for the whole batch instead of two per
source: a dated event joins an event stored before the batch, or one an earlier source of the batch
made or moved, in the (date, id) order the store's query gives, after the events earlier in its own
source. Documents get their ids in the batch's order (drawn first, so their rows go in with COPY), and
each entity row touched folds the batch's facts in source by source as the store folds one source's
(:func:`duikou.ledger.entities.aggregate`), with its links to the documents, an agreement's parties,
the people's positions and the amounts' conflict flags.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Sequence

from sqlalchemy import Connection, select, text

from duikou.errors import LedgerError, Problem
from duikou.ledger import sql
from duikou.ledger.conflicts import refresh_conflicts
from duikou.ledger.copy import copy_rows, insert_missing, next_ids, upsert_rows
from duikou.ledger.entities import admit, aggregate, base_key, digest, dumps, effective, is_standing
from duikou.ledger.entity_rows import entities_of
from duikou.ledger.event_match import event_base, events_near
from duikou.ledger.fact_rows import PARTY_KEYS, References, extractor_label
from duikou.ledger.report_context import doc_context, document_row
from duikou.ledger.tables import (ENTITY_TABLES, agreement_parties, documents, entity_documents, events, facts,
                                  judgements, positions, statements)
from duikou.reference import regions as reg
from duikou.schema import FACT_KINDS, fact_types
from duikou.schema.records import FactRecord, SourceRecord

_FACT_COLS = ("id", "document_id", "kind", "seq", "base", "entity", "data", "span_start", "span_end", "quote",
              "extractor", "confidence")
_STATEMENT_COLS = ("fact_id", "document_id", "kind", "property", "value", "extractor", "version", "confidence",
                   "first_seen", "last_seen")
_JUDGEMENT_COLS = ("kind", "verdict", "left_id", "right_id", "reason", "auto", "created")
_LINK_COLS = ("entity_id", "document_id", "published", "source", "side")
_POSITION_COLS = ("fact_id", "person", "titles", "date", "document_id", "source")
_EVENTS_PER_QUERY = 200  # the stored-event lookup is one OR per event: kept to a size the planner likes

Item = tuple[SourceRecord, Sequence[FactRecord], "str | None", bool]  # source, facts, failure, off topic
EventRow = tuple[str, str, "str | None", "str | None", str]  # id, type, helper, recipient, date


@dataclass
class Fresh:
    """What the batch writer stored: each source's status, facts and merges written, the facts the
    schema refused (problems on their sources, in order)."""

    status: dict[str, str] = field(default_factory=dict)
    facts: int = 0
    merges: int = 0
    problems: list[Problem] = field(default_factory=list)


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


@dataclass
class _Source:
    source: SourceRecord
    status: str  # ok | failed | offtopic
    reason: str | None
    kept: list[_Fact]
    doc_id: int = 0


def store_fresh(conn: Connection, refs: References, items: Sequence[Item], stamp: str) -> Fresh:
    """Store ``items`` (none stored before, none twice) in ``conn``'s transaction."""
    out = Fresh()
    batch = [_read(item, out) for item in items]
    _resolve(conn, batch)
    _insert_documents(conn, batch, stamp)
    folds = _write_facts(conn, refs, batch, stamp, out)
    for kind, groups in folds.items():
        _fold(conn, kind, groups)
    for s in batch:
        out.status[s.source.source] = {"ok": "new"}.get(s.status, s.status)
    return out


def _read(item: Item, out: Fresh) -> _Source:
    """A source's status and its facts that fit the schema, with ids and effective properties."""
    src, found, failure, offtopic = item
    offtopic = offtopic and not failure
    status = "failed" if failure else ("offtopic" if offtopic else "ok")
    reason = failure or (src.topic.reason if offtopic and src.topic is not None else None)
    kept: list[_Fact] = []
    if status == "ok":
        types = fact_types()
        ctx = doc_context(src)
        for f in found:
            refused = admit(src.source, f.kind, f.data)
            if refused is not None:
                out.problems.append(refused)
                continue
            if f.kind not in FACT_KINDS:
                raise LedgerError(f"{src.source}: no fact kind {f.kind!r} (schema/facts.yaml)")
            data = {n: f.data.get(n) for n in types[f.kind].names}
            fid = "F" + digest(src.source, src.body_hash, f.kind, len(kept))
            kept.append(_Fact(f, data, fid, effective(f.kind, data, ctx), len(kept)))
    return _Source(src, status, reason, kept)


def _resolve(conn: Connection, batch: list[_Source]) -> None:
    """Each fact's merge base and entity, as ``prepare`` finds them source after source."""
    every = [f for s in batch for f in s.kept]
    events = [f for f in every if f.record.kind == "events"]
    # The event rows an event of the batch may join: those stored near its date, then the ones the
    # batch's earlier sources make or move (an event row's date is the earliest of its facts').
    rows: dict[tuple[Any, ...], dict[str, EventRow]] = defaultdict(dict)
    for r in _events_near(conn, [f.eff for f in events]):
        rows[(r[1], r[2], r[3])][r[0]] = r
    for f in every:
        if f.record.kind != "events":
            f.base, f.reason = base_key(f.record.kind, f.eff, f.fid)
    # Every base an event may take: its own key's, or a stored event's id (a batch event's id is its base).
    keyed = {base_key("events", f.eff, f.fid)[0] for f in events}
    known = _entities_of(conn, {f.base for f in every if f.record.kind not in ("regions", "events")} | keyed
                        | {e for group in rows.values() for e in group})
    # An event may join a stored one by its key (the same date as one of its facts) while the row's
    # date, the earliest, is too early to be near: the row's date is needed all the same.
    joined = {known[b] for b in keyed if b in known} - {e for group in rows.values() for e in group}
    for r in _stored_events(conn, joined) if joined else []:
        rows[(r[1], r[2], r[3])][r[0]] = r
    for s in batch:
        local: list[tuple[str, dict[str, Any]]] = []  # this source's earlier events
        for f in s.kept:
            if f.record.kind == "events":
                key = (f.eff.get("type"), f.eff.get("helper"), f.eff.get("recipient"))
                near = sorted(rows[key].values(), key=lambda r: (r[4], r[0])) if key in rows else []
                f.base, f.reason = event_base(f.eff, f.fid, local, near)
                local.append((f.base, f.eff))
            entity = known.get(f.base) if f.record.kind != "regions" else None
            if entity is None:
                known[f.base] = f.entity = f.base
                f.new = True
            else:
                f.entity = entity
        for f in s.kept:  # the source is stored: its events are rows the next sources may join
            if f.record.kind == "events":
                _note_event(rows, f)


def _events_near(conn: Connection, effs: list[dict[str, Any]]) -> list[EventRow]:
    """The stored events a dated event of ``effs`` may repeat (:func:`events_near`'s, for a whole batch).

    On PostgreSQL one statement per shape (which sides are missing) over arrays of the events, one index
    seek each (``ix_events_match``): the OR of hundreds of terms events_near sends cost more to plan than to
    run there (profiled: a third of a facts-heavy batch's time went to these and the base lookups)."""
    if sql.is_sqlite(conn):
        return [r for i in range(0, len(effs), _EVENTS_PER_QUERY)
                for r in events_near(conn, effs[i:i + _EVENTS_PER_QUERY])]
    shapes: dict[tuple[bool, bool], list[tuple[Any, ...]]] = defaultdict(list)
    for eff in effs:
        window = _day_window(eff.get("date"))
        if window is not None:
            shapes[(eff.get("helper") is None, eff.get("recipient") is None)].append(
                (eff.get("type"), eff.get("helper"), eff.get("recipient"), *window))
    out: list[EventRow] = []
    for (no_helper, no_recipient), qs in shapes.items():
        helper = "e.helper IS NULL" if no_helper else "e.helper = q.h"
        recipient = "e.recipient IS NULL" if no_recipient else "e.recipient = q.r"
        stmt = text("SELECT e.id, e.type, e.helper, e.recipient, e.date FROM unnest(CAST(:t AS text[]), "
                    "CAST(:h AS text[]), CAST(:r AS text[]), CAST(:lo AS text[]), CAST(:hi AS text[])) "
                    "AS q(t, h, r, lo, hi) CROSS JOIN LATERAL (SELECT e.id, e.type, e.helper, e.recipient, e.date "
                    f"FROM events AS e WHERE {helper} AND {recipient} AND e.type = q.t AND e.date >= q.lo "
                    "AND e.date <= q.hi) AS e")
        columns = list(zip(*qs))
        out.extend(tuple(r) for r in conn.execute(stmt, dict(zip(("t", "h", "r", "lo", "hi"), map(list, columns)))))
    return out


def _day_window(date: Any) -> tuple[str, str] | None:
    """The dates within a day of ``date`` (None when it is no ISO date): as events_near reads them."""
    try:
        d = dt.date.fromisoformat(date) if date else None
    except (TypeError, ValueError):
        return None
    return None if d is None else ((d - dt.timedelta(days=1)).isoformat(), (d + dt.timedelta(days=1)).isoformat())


def _entities_of(conn: Connection, bases: set[str]) -> dict[str, str]:
    """:func:`entities_of` for a whole batch: on PostgreSQL one statement over an array of the bases (a
    LATERAL index seek each on ``ix_facts_base_order``) instead of UNION ALLs of 200 branches, which cost
    more to plan than to run there."""
    if sql.is_sqlite(conn) or not bases:
        return entities_of(conn, bases)
    stmt = text("SELECT b.base, f.entity FROM unnest(CAST(:bases AS text[])) AS b(base) CROSS JOIN LATERAL "
                "(SELECT entity FROM facts WHERE facts.base = b.base ORDER BY document_id, seq LIMIT 1) AS f")
    return {base: entity for base, entity in conn.execute(stmt, {"bases": sorted(bases)}) if entity is not None}


def _note_event(rows: dict[tuple[Any, ...], dict[str, EventRow]], f: _Fact) -> None:
    """The row of ``f``'s event after it is stored: made or moved to the earlier date (an undated row is
    never a candidate: the store's query wants a date)."""
    key = (f.eff.get("type"), f.eff.get("helper"), f.eff.get("recipient"))
    date = f.eff.get("date")
    old = rows[key].get(f.entity)
    if old is not None:
        rows[key][f.entity] = (f.entity, old[1], old[2], old[3], min(old[4], date) if date else old[4])
    elif date:
        rows[key][f.entity] = (f.entity, str(key[0]), key[1], key[2], str(date))


def _stored_events(conn: Connection, ids: set[str]) -> list[EventRow]:
    """The stored event rows of ``ids`` that have a date."""
    out: list[EventRow] = []
    for chunk in sql.chunks(sorted(ids)):
        out.extend(tuple(r) for r in conn.execute(select(
            events.c.id, events.c.type, events.c.helper, events.c.recipient, events.c.date).where(
            events.c.id.in_(chunk), events.c.date.is_not(None))))
    return out


def _insert_documents(conn: Connection, batch: list[_Source], stamp: str) -> None:
    ids = next_ids(conn, documents, len(batch))
    rows = []
    for s, doc_id in zip(batch, ids):
        s.doc_id = doc_id
        stored = s.status == "ok"
        rows.append({"id": doc_id, "first_seen": stamp,
                     **document_row(s.source, s.status, s.reason, s.source.side if stored else None,
                                    _main_base(s.source, s.kept) if stored else None, stamp)})
    if rows:
        cols = tuple(rows[0])
        copy_rows(conn, documents, cols, [tuple(r[c] for c in cols) for r in rows])


def _main_base(source: SourceRecord, kept: list[_Fact]) -> str | None:
    if source.main_pairing is None:
        return None
    for f in kept:
        if (f.record.kind == "pairings" and is_standing(f.data.get("relation"))
                and (f.data.get("helper"), f.data.get("recipient")) == source.main_pairing):
            return f.base
    return None


Folds = dict[str, dict[str, list[tuple[int, list[dict[str, Any]]]]]]  # kind -> entity -> [(document, effs)]


def _write_facts(conn: Connection, refs: References, batch: list[_Source], stamp: str, out: Fresh) -> Folds:
    """Write the facts, their statements and automatic merges, the people's positions, the entities'
    links to the documents and the reference rows; returns what each entity row must fold in, document
    by document."""
    fact_rows: list[tuple[Any, ...]] = []
    stmt_rows: list[tuple[Any, ...]] = []
    judge_rows: list[tuple[Any, ...]] = []
    position_rows: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    codes: set[str] = set()
    names: set[str] = set()
    folds: Folds = defaultdict(dict)
    for s in batch:
        doc_id, ctx = s.doc_id, doc_context(s.source)
        mine: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(dict)
        for f in s.kept:
            rec, kind = f.record, f.record.kind
            if not f.new and kind != "regions":  # a region is its code: nothing to judge
                judge_rows.append((kind, "same", f.base, f.fid, f.reason, True, stamp))
            ev = rec.evidence
            start, end, quote = (ev.start, ev.end, ev.quote) if ev is not None else (None, None, None)
            fact_rows.append((f.fid, doc_id, kind, f.seq, f.base, f.entity, dumps(f.data), start, end, quote,
                              extractor_label(rec.extractor, rec.version), rec.confidence))
            for prop, value in f.data.items():
                if value is not None:
                    stmt_rows.append((f.fid, doc_id, kind, prop, dumps(value), rec.extractor, rec.version,
                                      rec.confidence, stamp, stamp))
            if kind in ENTITY_TABLES:
                mine[kind].setdefault(f.entity, []).append(f.eff)
            if kind == "regions" and reg.is_code(f.data.get("code")):
                codes.add(f.data["code"])
            if kind == "people":
                position_rows.append((f.fid, f.entity, dumps(f.data.get("titles") or []), ctx.published, doc_id,
                                      ctx.source))
            parties = [f.eff.get(k) for k in PARTY_KEYS] + (list(f.data.get("parties") or [])
                                                             if kind == "agreements" else [])
            for p in parties:
                if isinstance(p, str) and p:
                    (codes if reg.is_code(p) else names).add(p)
        for kind, groups in mine.items():
            for entity in sorted(groups):
                folds[kind].setdefault(entity, []).append((doc_id, groups[entity]))
                links.append((entity, doc_id, ctx.published, ctx.source, s.source.side))
        out.facts += len(s.kept)
    out.merges += len(judge_rows)
    copy_rows(conn, facts, _FACT_COLS, fact_rows)
    copy_rows(conn, statements, _STATEMENT_COLS, stmt_rows)
    copy_rows(conn, judgements, _JUDGEMENT_COLS, judge_rows)
    copy_rows(conn, positions, _POSITION_COLS, position_rows)
    copy_rows(conn, entity_documents, _LINK_COLS, links)
    refs.add(conn, codes, names)
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
    copy_rows(conn, table, cols, [tuple(r.get(c) for c in cols) for r in rows if r["id"] not in existing])
    upsert_rows(conn, table, cols, [tuple(r.get(c) for c in cols) for r in rows if r["id"] in existing])
    if kind == "agreements":  # an agreement's parties only grow here (a union): its links only need adding
        insert_missing(conn, agreement_parties, ("agreement", "party"),
                       [(r["id"], p) for r in rows for p in sorted(set(json.loads(r["parties"] or "[]")))
                        if isinstance(p, str)])
    if kind == "amounts":
        refresh_conflicts(conn, rows)
