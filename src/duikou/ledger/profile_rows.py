"""What the profile pages read besides ``duikou show``: every amount and event of a party, a pairing and
what passed between its two parties, a person's positions and the events naming them, and for each entity
its evidence (the documents and facts behind it) and the side of each report.

Rows come back as the tables hold them (JSON columns decoded); :mod:`duikou.services.profiles` shapes them.
"""
from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, TextClause, and_, or_, select, text
from sqlalchemy.engine import Connection

from duikou.ledger import sql, view_rows
from duikou.ledger.tables import (
    agreement_parties,
    agreements,
    amounts,
    counts,
    documents,
    entity_documents,
    events,
    facts,
    pairings,
    people,
    positions,
)

# The report columns a profile lists a report by.
REPORT_COLUMNS = ("id", "title", "published", "outlet", "url", "source", "side")


def evidence(conn: Connection, entity_ids: list[str], limit: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """The facts behind each entity as ``{"document": id, "fact": id}``, by document then order in it, at
    most ``limit`` each (default :data:`view_rows.MAX_SOURCES`). Rejected facts are no evidence.

    One LIMITed read of the (entity, document) index per entity, so an entity told by thousands of reports
    costs ``limit`` rows.
    """
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    limit = view_rows.MAX_SOURCES if limit is None else limit
    for chunk in sql.chunks(sorted(set(entity_ids))):
        params: dict[str, Any] = {f"e{j}": e for j, e in enumerate(chunk)}
        params["n"], params["rejected"] = limit, "rejected"
        for entity, fact, doc in conn.execute(_evidence_sql(len(chunk)), params):
            out[entity].append({"document": int(doc), "fact": fact})
    return out


@functools.lru_cache(maxsize=None)
def _evidence_sql(n: int) -> TextClause:
    return text(" UNION ALL ".join(
        f"SELECT * FROM (SELECT entity, id, document_id FROM facts WHERE entity = :e{j} "
        f"AND (review IS NULL OR review <> :rejected) ORDER BY document_id, seq, id LIMIT :n) AS f{j}"
        for j in range(n)))


def sides(conn: Connection, entity_ids: list[str]) -> dict[str, dict[int, str]]:
    """Each entity's reports and whose account each is: ``{entity: {document id: helper|recipient|unknown}}``."""
    out: dict[str, dict[int, str]] = defaultdict(dict)
    ed = entity_documents.c
    for chunk in sql.chunks(sorted(set(entity_ids))):
        for entity, doc, side in conn.execute(select(ed.entity_id, ed.document_id, ed.side)
                                              .where(ed.entity_id.in_(chunk))):
            out[entity][int(doc)] = side or "unknown"
    return out


def reports(conn: Connection, doc_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The reports ``doc_ids`` by id: title, date, outlet, URL, source and side (unknown when not known)."""
    out: dict[int, dict[str, Any]] = {}
    ids = sorted(set(doc_ids))
    for i in range(0, len(ids), sql.COMPOUND_CHUNK):
        q = select(*(documents.c[c] for c in REPORT_COLUMNS)).where(documents.c.id.in_(ids[i:i + sql.COMPOUND_CHUNK]))
        for r in conn.execute(q).mappings():
            out[int(r["id"])] = {**dict(r), "side": r["side"] or "unknown"}
    return out


def party_amounts(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """Every amount paid or received by one of the parties ``ids``, by date."""
    q = (select(amounts).where(or_(amounts.c.payer.in_(ids), amounts.c.payee.in_(ids)))
         .order_by(amounts.c.date, amounts.c.role, amounts.c.value, amounts.c.id))
    return [dict(r) for r in conn.execute(q).mappings()]


def party_events(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """Every event one of the parties ``ids`` helped in, received or hosted, by date (undated last)."""
    q = (select(events).where(or_(events.c.helper.in_(ids), events.c.recipient.in_(ids), events.c.place.in_(ids)))
         .order_by(events.c.date.asc().nulls_last(), events.c.type, events.c.id))
    return [_event(r) for r in conn.execute(q).mappings()]


def _event(r: Any) -> dict[str, Any]:
    return {**dict(r), "leaders": json.loads(r["leaders"] or "[]")}


def pairing(conn: Connection, pairing_id: str) -> dict[str, Any] | None:
    """The ``pairings`` row ``pairing_id`` (None when there is none), its programme support decoded."""
    row = conn.execute(select(pairings).where(pairings.c.id == pairing_id)).mappings().first()
    return {**dict(row), **view_rows.programs(dict(row))} if row is not None else None


def between(conn: Connection, a: str, b: str) -> dict[str, list[dict[str, Any]]]:
    """What passed between parties ``a`` and ``b``, either way: ``amounts``, ``counts``, ``events`` (by
    date) and ``agreements`` naming both."""
    def both(table: Any, left: str, right: str) -> Any:
        return or_(and_(table.c[left] == a, table.c[right] == b), and_(table.c[left] == b, table.c[right] == a))

    ams = [dict(r) for r in conn.execute(select(amounts).where(both(amounts, "payer", "payee"))
                                         .order_by(amounts.c.date, amounts.c.role, amounts.c.id)).mappings()]
    cns = [dict(r) for r in conn.execute(select(counts).where(both(counts, "helper", "recipient"))
                                         .order_by(counts.c.period, counts.c.role, counts.c.id)).mappings()]
    evs = [_event(r) for r in conn.execute(select(events).where(both(events, "helper", "recipient"))
                                           .order_by(events.c.date.asc().nulls_last(), events.c.type,
                                                     events.c.id)).mappings()]
    ap = agreement_parties.c
    named_a = select(ap.agreement).where(ap.party == a)
    named_b = select(ap.agreement).where(ap.party == b)
    ags = [{**dict(r), "parties": json.loads(r["parties"] or "[]")} for r in conn.execute(
        select(agreements).where(agreements.c.id.in_(named_a), agreements.c.id.in_(named_b))
        .order_by(agreements.c.date, agreements.c.title, agreements.c.id)).mappings()]
    return {"amounts": ams, "counts": cns, "events": evs, "agreements": ags}


def person(conn: Connection, person_id: str) -> dict[str, Any] | None:
    """The ``people`` row ``person_id``, or None."""
    row = conn.execute(select(people).where(people.c.id == person_id)).mappings().first()
    return dict(row) if row is not None else None


def person_positions(conn: Connection, person_id: str) -> list[dict[str, Any]]:
    """The titles a person was reported with, in report order (date, source, fact: as ``show`` folds them),
    each with its fact and document; positions without titles are left out, as there."""
    p = positions.c
    q = (select(p.fact_id, p.titles, p.date, p.document_id, p.source)
         .where(p.person == person_id, p.titles != "[]").order_by(p.date, p.source, p.fact_id))
    return [{"fact": r.fact_id, "titles": json.loads(r.titles), "date": r.date, "document": int(r.document_id),
             "source": r.source} for r in conn.execute(q)]


def person_mentions(conn: Connection, person_id: str) -> dict[int, list[str]]:
    """The reports naming a person (rejected facts left out) and the facts that do, by document."""
    f = facts.c
    out: dict[int, list[str]] = defaultdict(list)
    for fid, doc in conn.execute(select(f.id, f.document_id)
                                 .where(f.entity == person_id, or_(f.review.is_(None), f.review != "rejected"))
                                 .order_by(f.document_id, f.seq, f.id)):
        out[int(doc)].append(fid)
    return out


def events_led_by(conn: Connection, name: str, doc_ids: list[int]) -> list[dict[str, Any]]:
    """The events that reports ``doc_ids`` (those naming a person) tell with ``name`` among the leaders.

    Read from the reports' own event facts, so a namesake in another report does not count.
    """
    f = facts.c
    found: set[str] = set()
    for i in range(0, len(doc_ids), sql.COMPOUND_CHUNK):
        for entity, data in conn.execute(select(f.entity, f.data).where(
                f.kind == "events", f.document_id.in_(doc_ids[i:i + sql.COMPOUND_CHUNK]),
                or_(f.review.is_(None), f.review != "rejected"))):
            if name in (json.loads(data or "{}").get("leaders") or []):
                found.add(entity)
    rows: list[dict[str, Any]] = []
    for chunk in sql.chunks(sorted(found)):
        rows += [_event(r) for r in conn.execute(select(events).where(events.c.id.in_(chunk))).mappings()]
    return sorted(rows, key=lambda r: (r["date"] is None, r["date"] or "", r["type"], r["id"]))
