"""Storing one document's facts, one transaction per document.

:meth:`Ledger.add` is the whole write path of ``duikou build``: it records
the document (or its failure), writes every fact as statements with
provenance, attaches each fact to an entity (recording automatic merges as
judgements) and brings the entity tables up to date. A document whose source
is known with the same body hash is left alone; with another hash its old
facts are removed first and only the entities they touched are recomputed.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, select, update

from duikou.errors import LedgerError
from duikou.ingest.document import Document
from duikou.ledger import db
from duikou.ledger.entities import DocContext, base_key, digest, dumps, effective, is_standing
from duikou.ledger.entity_rows import entities_of, upsert_entities
from duikou.ledger.event_match import event_base, events_near
from duikou.ledger.report_context import doc_context, report_side, topic_columns, topic_of
from duikou.ledger.tables import (
    ENTITY_TABLES,
    documents,
    entity_documents,
    facts,
    judgements,
    parties,
    positions,
    regions,
    retractions,
    statements,
)
from duikou.reference import regions as reg
from duikou.schema import FACT_KINDS, fact_types


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


@dataclass
class AddResult:
    """What storing one document did."""

    status: str  # new | unchanged | replaced | failed | offtopic | retracted (kept out by a retraction)
    facts: int = 0
    merges: int = 0


class Ledger:
    """A ledger database. Opening it applies pending migrations."""

    def __init__(self, url: str, engine: Engine | None = None):
        self.url = url
        self.engine = engine if engine is not None else db.engine(url)
        # Region codes and party names known to be stored (reference rows are never deleted).
        self._regions_written: set[str] = set()
        self._parties_written: set[str] = set()
        self._pending_refs: tuple[set[str], set[str]] = (set(), set())

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

    def retraction_of(self, source: str):  # type: ignore[no-untyped-def]
        """The retraction in force on ``source`` (a ``retractions`` row), None when it is not retracted.

        A build leaves out a report retracted by hand until ``retract --undo``; one the build itself
        retracted (``auto``: its file was gone, or it left its JSONL file) comes back when read again.
        """
        with self.engine.connect() as conn:
            row = conn.execute(_DOC_BY_SOURCE, {"src": source}).first()
            if row is None or row.status != "retracted":
                return None
            return _last_retraction(conn, row.id)

    def retract(self, doc_id: int, reason: str | None, auto: bool = False) -> int | None:
        """Take a report's facts out of the ledger, recorded (``retractions``) and reversible; returns the
        retraction's id (None when the report is already retracted).

        The entities its facts supported are recomputed: they lose this source, and go when it was their
        only one. The report's row and text stay, so :meth:`restore` can put it back.
        """
        from duikou.ledger.resolve import recompute_entities

        with db.transaction(self.engine) as conn:
            row = conn.execute(select(documents.c.status).where(documents.c.id == doc_id)).first()
            if row is None:
                raise LedgerError(f"no document with id {doc_id}")
            if row.status == "retracted":
                return None
            touched = self._remove_facts(conn, doc_id)
            conn.execute(update(documents).where(documents.c.id == doc_id)
                         .values(status="retracted", side=None, pairing=None))
            for kind, ids in touched.items():
                recompute_entities(conn, kind, ids)
            return db.inserted_id(conn.execute(retractions.insert().values(
                document_id=doc_id, action="retract", prior=row.status, reason=reason, auto=auto, created=now())))

    def note_restored(self, retraction: int, doc_id: int, reason: str | None, auto: bool = False) -> int:
        """Record that the report of ``retraction`` is back (its facts stored again by the caller)."""
        with db.transaction(self.engine) as conn:
            return db.inserted_id(conn.execute(retractions.insert().values(
                document_id=doc_id, action="undo", undoes=retraction, reason=reason, auto=auto, created=now())))

    # -- the write path ---------------------------------------------------
    def add(self, doc: Document, record: dict[str, Any] | None, failure: str | None = None,
            offtopic: bool = False) -> AddResult:
        """Store ``doc`` with its contract ``record`` (or as failed with ``failure``), in one transaction.

        ``offtopic``: keep the report out of the ledger: its row records the
        verdict (status ``offtopic``), without its text or any fact.
        """
        self._pending_refs = (set(), set())
        with db.transaction(self.engine) as conn:
            result = self._add(conn, doc, record, failure, offtopic)
        # Committed: from now on these reference rows are known to be there.
        self._regions_written |= self._pending_refs[0]
        self._parties_written |= self._pending_refs[1]
        return result

    def touch(self, source: str, path: str | None = None) -> None:
        """Mark an unchanged source as seen now (read from ``path``: a URL-keyed report may move files)."""
        values: dict[str, Any] = {"last_seen": now()}
        if path is not None:
            values["path"] = path
        with db.transaction(self.engine) as conn:
            conn.execute(update(documents).where(documents.c.source == source).values(**values))

    def _add(self, conn: Connection, doc: Document, record: dict[str, Any] | None,
             failure: str | None, offtopic: bool = False) -> AddResult:
        stamp = now()
        h = doc.id
        old = conn.execute(_DOC_BY_SOURCE, {"src": doc.identity}).first()
        if old is not None and old.body_hash == h and old.status == "ok":
            conn.execute(update(documents).where(documents.c.id == old.id).values(last_seen=stamp))
            return AddResult("unchanged")
        if record is None and failure is None:
            failure = "no extraction record"
        offtopic = offtopic and not failure
        ctx = doc_context(doc, record)
        touched = self._remove_facts(conn, old.id) if old is not None else {}
        topic = topic_columns(record)
        # Facts are resolved before the document row is written, so the row
        # goes in once, with its main pairing.
        prepared = self._prepare(conn, doc, record, ctx) if not (failure or offtopic) else []
        main_pairing = next((p.base for p in prepared
                             if p.kind == "pairings" and is_standing(p.data.get("relation"))), None)
        values = {
            "source": doc.identity, "path": doc.path, "body_hash": h,
            "status": "failed" if failure else ("offtopic" if offtopic else "ok"),
            "reason": failure or (topic["topic_reason"] if offtopic else None),
            "title": doc.title, "published": ctx.published, "outlet": doc.outlet, "script": doc.script,
            "url": doc.url, "authors": dumps(list(doc.authors)), "text": None if offtopic else doc.text,
            "last_seen": stamp, "side": report_side(doc, ctx) if not (failure or offtopic) else None,
            "pairing": main_pairing, **topic,
        }
        if offtopic:
            if old is not None:
                conn.execute(update(documents).where(documents.c.id == old.id).values(**values))
            else:
                conn.execute(_DOC_INSERT, {"first_seen": stamp, **values})
            if touched:
                from duikou.ledger.resolve import recompute_entities
                for kind, ids in touched.items():
                    recompute_entities(conn, kind, ids)
            return AddResult("offtopic")
        if old is not None:
            status = "replaced" if old.status == "ok" else ("failed" if failure else "new")
            conn.execute(update(documents).where(documents.c.id == old.id).values(**values))
            doc_id = old.id
        else:
            status = "failed" if failure else "new"
            doc_id = db.inserted_id(conn.execute(_DOC_INSERT, {"first_seen": stamp, **values}))
        result = AddResult(status)
        if not failure:
            # An entity that lost this document's old facts still has its row (recomputed below).
            stale = {e for ids in touched.values() for e in ids}
            result.facts, result.merges = self._store_facts(conn, doc_id, prepared, ctx, stamp, values["side"],
                                                            stale)
        elif status == "failed" and old is not None and old.status == "ok":
            result.status = "failed"
        if touched:
            from duikou.ledger.resolve import recompute_entities
            for kind, ids in touched.items():
                recompute_entities(conn, kind, ids)
        return result

    def _remove_facts(self, conn: Connection, doc_id: int) -> dict[str, set[str]]:
        """Delete a document's facts; returns the entities they belonged to, by kind."""
        touched: dict[str, set[str]] = defaultdict(set)
        for kind, entity in conn.execute(select(facts.c.kind, facts.c.entity)
                                         .where(facts.c.document_id == doc_id)):
            if kind in ENTITY_TABLES:
                touched[kind].add(entity)
        conn.execute(delete(positions).where(positions.c.document_id == doc_id))
        conn.execute(delete(entity_documents).where(entity_documents.c.document_id == doc_id))
        conn.execute(delete(statements).where(statements.c.document_id == doc_id))
        conn.execute(delete(facts).where(facts.c.document_id == doc_id))
        return touched

    def _prepare(self, conn: Connection, doc: Document, record: dict[str, Any] | None,
                 ctx: DocContext) -> list[_Fact]:
        """Every fact of the record with its id, effective properties, base and entity (two queries)."""
        types = fact_types()
        raw: list[tuple[str, dict[str, Any], dict[str, Any], str, dict[str, Any]]] = []
        for kind in FACT_KINDS:
            names = types[kind].names
            rows = (record or {}).get(kind) or []
            if kind == "pairings":  # relief and donation relations are pairings flagged so (schema/facts.yaml)
                rows = [*rows, *((record or {}).get("relations") or [])]
            for r in rows:
                if not isinstance(r, dict):
                    continue
                data = {n: r.get(n) for n in names}
                fid = "F" + digest(doc.identity, doc.id, kind, len(raw))
                raw.append((kind, r, data, fid, effective(kind, data, ctx)))
        stored_events = events_near(conn, [eff for kind, _, _, _, eff in raw if kind == "events"])
        prepared: list[_Fact] = []
        local_events: list[tuple[str, dict[str, Any]]] = []
        for seq, (kind, r, data, fid, eff) in enumerate(raw):
            if kind == "events":
                base, reason = event_base(eff, fid, local_events, stored_events)
                local_events.append((base, eff))
            else:
                base, reason = base_key(kind, eff, fid)
            prepared.append(_Fact(kind, r, data, fid, eff, base, reason, seq))
        # A region is its code and is never merged with anything else: no lookup needed.
        known = entities_of(conn, {p.base for p in prepared if p.kind != "regions"})
        for p in prepared:
            entity = known.get(p.base)
            if entity is None:
                known[p.base] = p.entity = p.base
                p.new = True
            else:
                p.entity = entity
        return prepared

    def _store_facts(self, conn: Connection, doc_id: int, prepared: list[_Fact], ctx: DocContext,
                     stamp: str, side: str | None, stale: set[str]) -> tuple[int, int]:
        fact_rows: list[tuple[Any, ...]] = []
        stmt_rows: list[tuple[Any, ...]] = []
        judge_rows: list[tuple[Any, ...]] = []
        by_entity: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        new_entities: set[str] = set()
        region_codes: set[str] = set()
        party_names: set[str] = set()
        position_rows: list[tuple[Any, ...]] = []
        for p in prepared:
            kind, r, data, fid, eff, entity = p.kind, p.r, p.data, p.fid, p.eff, p.entity
            ev = r.get("evidence") or {}
            extractor, version = _split_extractor(r.get("extractor"))
            if not p.new and kind != "regions":  # a region is its code: nothing to judge
                judge_rows.append((kind, "same", p.base, fid, p.reason, True, stamp))
            start, end, quote, conf = ev.get("start"), ev.get("end"), ev.get("quote"), r.get("confidence")
            fact_rows.append((fid, doc_id, kind, p.seq, p.base, entity, dumps(data), start, end, quote,
                              r.get("extractor"), conf))
            for prop, value in data.items():
                if value is not None:
                    stmt_rows.append((fid, doc_id, kind, prop, dumps(value), extractor, version, conf, stamp, stamp))
            if kind in ENTITY_TABLES:
                by_entity[kind][entity].append(eff)
                if p.new and entity not in stale:  # no row yet
                    new_entities.add(entity)
            if kind == "regions" and reg.is_code(data.get("code")):
                region_codes.add(data["code"])
            if kind == "people":
                position_rows.append((fid, entity, dumps(data.get("titles") or []), ctx.published, doc_id, ctx.source))
            for key in ("helper", "recipient", "place", "payer", "payee"):
                _note_party(eff.get(key), region_codes, party_names)
            for x in data.get("parties") or [] if kind == "agreements" else []:
                _note_party(x, region_codes, party_names)
        db.insert_rows(conn, facts, _FACT_COLS, fact_rows)
        db.insert_rows(conn, statements, _STATEMENT_COLS, stmt_rows)
        db.insert_rows(conn, judgements, _JUDGEMENT_COLS, judge_rows)
        db.insert_rows(conn, positions, _POSITION_COLS, position_rows)
        db.insert_rows(conn, entity_documents, _ENTITY_DOCUMENT_COLS,
                       [(eid, doc_id, ctx.published, ctx.source, side)
                        for groups in by_entity.values() for eid in sorted(groups)])
        self._note_references(conn, region_codes, party_names)
        for kind, groups in by_entity.items():
            upsert_entities(conn, kind, groups, new_entities)
        return len(fact_rows), len(judge_rows)

    def _note_references(self, conn: Connection, codes: set[str], names: set[str]) -> None:
        """Add the regions and parties not yet stored (reference rows are never deleted, so the ones this
        ledger has already written are remembered and skipped without a query)."""
        codes, names = codes - self._regions_written, names - self._parties_written
        if codes:
            db.insert_ignore(conn, regions, [
                reg.region(code) or {"code": code, "name": None, "level": None, "parent": None,
                                     "province": None, "lon": None, "lat": None} for code in sorted(codes)])
        if names:
            db.insert_ignore(conn, parties, [{"name": n} for n in sorted(names)])
        self._pending_refs = (codes, names)


# Statements run for every document, built once: constructing them per call
# (select(...).where(...), insert().values(...)) cost more than running them (profiled).
_DOC_BY_SOURCE = select(documents.c.id, documents.c.body_hash, documents.c.status).where(
    documents.c.source == bindparam("src"))
_DOC_INSERT = documents.insert()

def _last_retraction(conn: Connection, doc_id: int):  # type: ignore[no-untyped-def]
    """The latest retraction of a document still in force (None when there is none)."""
    rows = conn.execute(select(retractions).where(retractions.c.document_id == doc_id)
                        .order_by(retractions.c.id)).all()
    undone = {r.undoes for r in rows if r.action == "undo"}
    live = [r for r in rows if r.action == "retract" and r.id not in undone]
    return live[-1] if live else None


# Column order of the tuples the store writes in bulk.
_FACT_COLS = ("id", "document_id", "kind", "seq", "base", "entity", "data", "span_start", "span_end", "quote",
              "extractor", "confidence")
_STATEMENT_COLS = ("fact_id", "document_id", "kind", "property", "value", "extractor", "version", "confidence",
                   "first_seen", "last_seen")
_ENTITY_DOCUMENT_COLS = ("entity_id", "document_id", "published", "source", "side")
_JUDGEMENT_COLS = ("kind", "verdict", "left_id", "right_id", "reason", "auto", "created")
_POSITION_COLS = ("fact_id", "person", "titles", "date", "document_id", "source")


@dataclass
class _Fact:
    """One fact of the document being stored, resolved to its entity."""

    kind: str
    r: dict[str, Any]
    data: dict[str, Any]
    fid: str
    eff: dict[str, Any]
    base: str
    reason: str
    seq: int
    entity: str = ""
    new: bool = False  # its base was not stored before (a new entity)


def _note_party(value: Any, codes: set[str], names: set[str]) -> None:
    if isinstance(value, str) and value:
        (codes if reg.is_code(value) else names).add(value)


def _split_extractor(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, str) or not value:
        return None, None
    name, _, version = value.partition("@")
    return name, version or None


def fact_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(facts)).scalar_one()


__all__ = ["Ledger", "AddResult", "LedgerError", "now", "topic_of"]  # topic_of: read by ledger.build
