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
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, or_, select, update

from duikou.errors import LedgerError
from duikou.ingest.document import Document
from duikou.ledger import db, regions as reg
from duikou.ledger.entities import (
    EVENT_REASON,
    DocContext,
    aggregate,
    base_key,
    conflict_key,
    digest,
    dumps,
    effective,
)
from duikou.ledger.tables import (
    ENTITY_TABLES,
    agreement_parties,
    amounts,
    documents,
    events,
    facts,
    judgements,
    parties,
    positions,
    regions,
    statements,
)
from duikou.schema import FACT_KINDS, fact_types


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


@dataclass
class AddResult:
    """What storing one document did."""

    status: str  # new | unchanged | replaced | failed
    facts: int = 0
    merges: int = 0


@dataclass
class _Pending:
    """Facts of one document grouped by the entity they resolve to."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))


class Ledger:
    """A ledger database. Opening it applies pending migrations."""

    def __init__(self, url: str, engine: Engine | None = None):
        self.url = url
        self.engine = engine if engine is not None else db.engine(url)

    def close(self) -> None:
        self.engine.dispose()

    # -- reading the state of a source ------------------------------------
    def known(self, source: str, body_hash: str) -> bool:
        """True when ``source`` is stored with this body and stored successfully (nothing to do)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(documents.c.body_hash, documents.c.status)
                               .where(documents.c.source == source)).first()
        return row is not None and row.body_hash == body_hash and row.status == "ok"

    # -- the write path ---------------------------------------------------
    def add(self, doc: Document, record: dict[str, Any] | None, failure: str | None = None) -> AddResult:
        """Store ``doc`` with its contract ``record`` (or as failed with ``failure``), in one transaction."""
        with db.transaction(self.engine) as conn:
            return self._add(conn, doc, record, failure)

    def touch(self, source: str) -> None:
        """Mark an unchanged source as seen now."""
        with db.transaction(self.engine) as conn:
            conn.execute(update(documents).where(documents.c.source == source).values(last_seen=now()))

    def _add(self, conn: Connection, doc: Document, record: dict[str, Any] | None,
             failure: str | None) -> AddResult:
        stamp = now()
        h = doc.id
        old = conn.execute(select(documents.c.id, documents.c.body_hash, documents.c.status)
                           .where(documents.c.source == doc.source)).first()
        if old is not None and old.body_hash == h and old.status == "ok":
            conn.execute(update(documents).where(documents.c.id == old.id).values(last_seen=stamp))
            return AddResult("unchanged")
        if record is None and failure is None:
            failure = "no extraction record"
        ctx = _doc_context(doc, record)
        values = {
            "source": doc.source, "body_hash": h, "status": "failed" if failure else "ok", "reason": failure,
            "title": doc.title, "published": ctx.published, "outlet": doc.outlet, "script": doc.script,
            "url": doc.url, "authors": dumps(list(doc.authors)), "text": doc.text, "last_seen": stamp,
            "side": _side(doc, ctx) if not failure else None,
            "pairing": None,
        }
        if old is not None:
            status = "replaced" if old.status == "ok" else ("failed" if failure else "new")
            touched = self._remove_facts(conn, old.id)
            conn.execute(update(documents).where(documents.c.id == old.id).values(**values))
            doc_id = old.id
        else:
            status = "failed" if failure else "new"
            touched = {}
            doc_id = conn.execute(documents.insert().values(first_seen=stamp, **values)).inserted_primary_key[0]
        result = AddResult(status)
        if not failure:
            assert record is not None
            result.facts, result.merges, pairing = self._store_facts(conn, doc, doc_id, record, ctx, stamp)
            if pairing:
                conn.execute(update(documents).where(documents.c.id == doc_id).values(pairing=pairing))
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
        conn.execute(delete(statements).where(statements.c.document_id == doc_id))
        conn.execute(delete(facts).where(facts.c.document_id == doc_id))
        return touched

    def _store_facts(self, conn: Connection, doc: Document, doc_id: int, record: dict[str, Any],
                     ctx: DocContext, stamp: str) -> tuple[int, int, str | None]:
        types = fact_types()
        fact_rows: list[dict[str, Any]] = []
        stmt_rows: list[dict[str, Any]] = []
        judge_rows: list[dict[str, Any]] = []
        by_entity: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        new_entities: dict[str, set[str]] = defaultdict(set)
        region_codes: set[str] = set()
        party_names: set[str] = set()
        position_rows: list[dict[str, Any]] = []
        main_pairing: str | None = None
        seq = 0
        local_events: list[tuple[str, dict[str, Any]]] = []
        # Work out every fact's base first, then resolve all bases in one query.
        prepared = []
        for kind in FACT_KINDS:
            names = types[kind].names
            for r in record.get(kind) or []:
                if not isinstance(r, dict):
                    continue
                data = {n: r.get(n) for n in names}
                fid = "F" + digest(doc.source, doc.id, kind, seq)
                eff = effective(kind, data, ctx)
                if kind == "events":
                    base, reason = self._event_base(conn, eff, fid, local_events)
                    local_events.append((base, eff))
                else:
                    base, reason = base_key(kind, eff, fid)
                prepared.append((kind, r, data, fid, eff, base, reason, seq))
                seq += 1
                if kind == "pairings" and main_pairing is None:
                    main_pairing = base
        # A region is its code and is never merged with anything else: no lookup needed.
        known = _entities_of(conn, {p[5] for p in prepared if p[0] != "regions"})
        for kind, r, data, fid, eff, base, reason, s in prepared:
            ev = r.get("evidence") or {}
            extractor, version = _split_extractor(r.get("extractor"))
            entity = known.get(base)
            if entity is None:
                entity = base
                known[base] = base
                new_entities[kind].add(base)
            elif kind != "regions":  # a region is its code: nothing to judge
                judge_rows.append({"kind": kind, "verdict": "same", "left_id": base, "right_id": fid,
                                   "reason": reason, "auto": True, "created": stamp, "undoes": None})
            fact_rows.append({
                "id": fid, "document_id": doc_id, "kind": kind, "seq": s, "base": base, "entity": entity,
                "data": dumps(data), "span_start": ev.get("start"), "span_end": ev.get("end"),
                "quote": ev.get("quote"), "extractor": r.get("extractor"), "confidence": r.get("confidence"),
            })
            for prop, value in data.items():
                if value is None:
                    continue
                stmt_rows.append({
                    "fact_id": fid, "document_id": doc_id, "kind": kind, "property": prop,
                    "value": dumps(value), "span_start": ev.get("start"), "span_end": ev.get("end"),
                    "quote": ev.get("quote"), "extractor": extractor, "version": version,
                    "confidence": r.get("confidence"), "first_seen": stamp, "last_seen": stamp,
                })
            if kind in ENTITY_TABLES:
                by_entity[kind][entity].append(eff)
            if kind == "regions" and reg.is_code(data.get("code")):
                region_codes.add(data["code"])
            if kind == "people":
                position_rows.append({"fact_id": fid, "person": entity, "titles": dumps(data.get("titles") or []),
                                      "date": ctx.published, "document_id": doc_id})
            for key in ("helper", "recipient", "place", "payer", "payee"):
                _note_party(eff.get(key), region_codes, party_names)
            for p in data.get("parties") or [] if kind == "agreements" else []:
                _note_party(p, region_codes, party_names)
        if fact_rows:
            conn.execute(facts.insert(), fact_rows)
        if stmt_rows:
            conn.execute(statements.insert(), stmt_rows)
        if judge_rows:
            conn.execute(judgements.insert(), judge_rows)
        if position_rows:
            conn.execute(positions.insert(), position_rows)
        self._note_regions(conn, region_codes)
        db.insert_ignore(conn, parties, [{"name": n} for n in sorted(party_names)])
        for kind, groups in by_entity.items():
            _upsert_entities(conn, kind, groups, new_entities[kind])
        return len(fact_rows), len(judge_rows), main_pairing

    def _event_base(self, conn: Connection, eff: dict[str, Any], fid: str,
                    local: list[tuple[str, dict[str, Any]]]) -> tuple[str, str]:
        """An existing event this one repeats (same type and pairing, dates within a day), else a new base."""
        base, reason = base_key("events", eff, fid)
        date = eff.get("date")
        if not date:
            return base, reason
        try:
            d = dt.date.fromisoformat(date)
        except ValueError:
            return base, reason
        lo, hi = (d - dt.timedelta(days=1)).isoformat(), (d + dt.timedelta(days=1)).isoformat()
        for entity, r in local:  # events earlier in this same report
            if (r.get("type") == eff.get("type") and r.get("helper") == eff.get("helper")
                    and r.get("recipient") == eff.get("recipient") and r.get("date") and lo <= r["date"] <= hi):
                return entity, EVENT_REASON
        cond = [events.c.type == eff.get("type"), events.c.date >= lo, events.c.date <= hi]
        for col in ("helper", "recipient"):
            v = eff.get(col)
            cond.append(events.c[col] == v if v is not None else events.c[col].is_(None))
        row = conn.execute(select(events.c.id).where(and_(*cond)).order_by(events.c.date, events.c.id).limit(1)).first()
        if row is not None:
            return row.id, EVENT_REASON
        return base, reason

    def _note_regions(self, conn: Connection, codes: set[str]) -> None:
        if not codes:
            return
        have = set(conn.execute(select(regions.c.code).where(regions.c.code.in_(sorted(codes)))).scalars())
        rows = []
        for code in sorted(codes - have):
            rows.append(reg.region(code) or {"code": code, "name": None, "level": None, "parent": None,
                                             "province": None, "lon": None, "lat": None})
        db.insert_ignore(conn, regions, rows)


def _note_party(value: Any, codes: set[str], names: set[str]) -> None:
    if isinstance(value, str) and value:
        (codes if reg.is_code(value) else names).add(value)


def _split_extractor(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, str) or not value:
        return None, None
    name, _, version = value.partition("@")
    return name, version or None


def _entities_of(conn: Connection, bases: set[str]) -> dict[str, str]:
    """The entity each already stored base currently resolves to (its earliest fact's entity)."""
    out: dict[str, str] = {}
    if not bases:
        return out
    rows = conn.execute(select(facts.c.base, facts.c.entity).where(facts.c.base.in_(sorted(bases)))
                        .order_by(facts.c.document_id.desc(), facts.c.seq.desc()))
    for base, entity in rows:  # newest first, so the earliest fact's entity wins
        out[base] = entity
    return out


def _doc_context(doc: Document, record: dict[str, Any] | None) -> DocContext:
    helper = recipient = None
    for p in (record or {}).get("pairings") or []:
        if isinstance(p, dict) and p.get("helper") and p.get("recipient"):
            helper, recipient = p["helper"], p["recipient"]
            break
    published = doc.published or ((record or {}).get("doc") or {}).get("published")
    return DocContext(doc.source, helper, recipient, published)


def _side(doc: Document, ctx: DocContext) -> str | None:
    """Whose account a report is: the side its outlet is named after (靖江日报 speaks for 靖江).

    Only the outlet is used: a headline names both sides in any order, so it
    says nothing about who wrote it. Reports without a matching outlet have
    no side (shown as "unknown").
    """
    outlet = doc.outlet or ""
    if not outlet or not ctx.helper or not ctx.recipient:
        return None
    hits = {side for side, code in (("helper", ctx.helper), ("recipient", ctx.recipient))
            if any(n and n in outlet for n in (reg.short_names(code) if reg.is_code(code) else {code}))}
    return hits.pop() if len(hits) == 1 else None


def _upsert_entities(conn: Connection, kind: str, groups: dict[str, list[dict[str, Any]]],
                     new: set[str]) -> None:
    """Fold one document's facts into their entity rows (one more source for each entity touched)."""
    table = ENTITY_TABLES[kind]
    ids = sorted(groups)
    existing = {r["id"]: dict(r) for r in conn.execute(select(table).where(table.c.id.in_(ids))).mappings()}
    rows = []
    for eid in ids:
        rows.append(aggregate(kind, eid, groups[eid], existing.get(eid), 1))
    if existing:
        conn.execute(delete(table).where(table.c.id.in_(sorted(existing))))
    conn.execute(table.insert(), rows)
    if kind == "agreements":
        _agreement_parties(conn, rows)
    if kind == "amounts":
        refresh_conflicts(conn, rows)


def _agreement_parties(conn: Connection, rows: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in rows]
    conn.execute(delete(agreement_parties).where(agreement_parties.c.agreement.in_(ids)))
    links = [{"agreement": r["id"], "party": p} for r in rows for p in sorted(set(json.loads(r["parties"] or "[]")))
             if isinstance(p, str)]
    if links:
        conn.execute(agreement_parties.insert(), links)


def refresh_conflicts(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Flag amounts that give different figures for the same thing (same conflict key)."""
    seen: set[str] = set()
    for r in rows:
        key = conflict_key(r)
        if key in seen:
            continue
        seen.add(key)
        cond = [amounts.c.role == r.get("role")]
        for col in ("payer", "payee", "period"):
            v = r.get(col)
            cond.append(amounts.c[col] == v if v is not None else amounts.c[col].is_(None))
        cond.append(amounts.c.cumulative.is_(True) if r.get("cumulative")
                    else or_(amounts.c.cumulative.is_(False), amounts.c.cumulative.is_(None)))
        same = conn.execute(select(amounts.c.id, amounts.c.value).where(and_(*cond))).all()
        flag = key if len({v for _, v in same}) > 1 else None
        ids = [i for i, _ in same]
        if ids:
            conn.execute(update(amounts).where(amounts.c.id.in_(ids)).values(conflict=flag))


def fact_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(facts)).scalar_one()


__all__ = ["Ledger", "AddResult", "LedgerError", "now"]
