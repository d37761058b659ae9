"""What the profile pages read besides ``duikou show``: every amount and event of a party, a pairing and
what passed between its two parties, a person's positions and the events naming them, and for each entity
its evidence (the documents and facts behind it) and the side of each report.

Rows come back as the tables hold them (JSON columns decoded); :mod:`duikou.services.profiles` shapes them.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import and_, or_, select
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


# An entity's facts by report: ordered by the (entity, document_id) index's own column, so that the read
# stops after the LIMIT (ordering by (document, seq) made the database read and sort every fact of an
# entity first: profiled on a 20,000-report ledger); seq orders them afterwards.
_EVIDENCE = ("SELECT id, document_id, seq FROM facts WHERE entity = :key "
             "AND (review IS NULL OR review <> :rejected) ORDER BY document_id LIMIT :n")


def evidence(conn: Connection, entity_ids: list[str], limit: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """The facts behind each entity as ``{"document": id, "fact": id}``, by document then order in it, read
    from its first ``limit`` facts by document (default :data:`view_rows.MAX_SOURCES`). Rejected facts are
    no evidence.

    One LIMITed read of the (entity, document) index per entity (:func:`view_rows.first_rows`): an entity
    told by thousands of reports costs ``limit`` rows.
    """
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    limit = view_rows.MAX_SOURCES if limit is None else limit
    found = view_rows.first_rows(conn, _EVIDENCE, entity_ids, {"n": limit, "rejected": "rejected"})
    for entity, fact, doc, _ in sorted(found, key=lambda r: (r[0], r[2], r[3], r[1])):
        out[entity].append({"document": int(doc), "fact": fact})
    return out


@dataclass(frozen=True)
class Behind:
    """The reports behind some entities: ``docs`` (each entity's document ids) and ``told`` (each of those
    documents' side, helper, recipient or unknown, and its publication date, "" when unknown)."""

    docs: dict[str, list[int]]
    told: dict[int, tuple[str, str]]

    def accounts(self, only: Iterable[str] | None = None, limit: int | None = None,
                 ) -> dict[str, dict[str, tuple[int, list[int]]]]:
        """Whose accounts each entity's (of ``only``, else all) reports are: ``{entity: {side: (how many,
        [document ids])}}``, at most ``limit`` ids a side (default :data:`view_rows.MAX_SOURCES`), earliest
        published first."""
        limit = view_rows.MAX_SOURCES if limit is None else limit
        out: dict[str, dict[str, tuple[int, list[int]]]] = {}
        for entity in self.docs if only is None else only:
            docs = self.docs.get(entity, [])
            by_side: dict[str, list[int]] = defaultdict(list)
            for d in sorted(docs, key=lambda d: (self.told[d][1], d)):
                by_side[self.told[d][0]].append(d)
            out[entity] = {side: (len(ds), ds[:limit]) for side, ds in by_side.items()}
        return out

    def side_counts(self) -> dict[str, dict[str, int]]:
        """How many of each entity's reports each side wrote: ``{entity: {side: n}}`` (no side that wrote
        none), what :meth:`accounts` counts without sorting its lists."""
        out: dict[str, dict[str, int]] = {}
        for entity, docs in self.docs.items():
            counts: dict[str, int] = defaultdict(int)
            for d in docs:
                counts[self.told[d][0]] += 1
            out[entity] = dict(counts)
        return out


def behind(conn: Connection, entity_ids: list[str], also: list[str] | None = None) -> Behind:
    """The reports behind ``entity_ids`` and whose they are; ``also`` names more entities whose reports
    count in ``told`` only (their own lists are not wanted).

    Read from the (entity, published, source, document, side) index alone: each pair carries its report's
    side and date (``entity_documents`` keeps them), so no lookup of the documents follows (reading the side
    from ``documents`` cost a second query of every report id, 20 ms on PostgreSQL for a pairing whose
    figures every report repeats; profiled on a 20,000-report ledger).
    """
    docs: dict[str, list[int]] = defaultdict(list)
    told: dict[int, tuple[str, str]] = {}
    ed = entity_documents.c
    for cond in view_rows.key_sets(conn, ed.entity_id, entity_ids):
        for entity, doc, side, published in conn.execute(select(ed.entity_id, ed.document_id, ed.side, ed.published)
                                                         .where(cond)).all():
            docs[entity].append(int(doc))
            told[int(doc)] = (side or "unknown", published or "")
    for cond in view_rows.key_sets(conn, ed.entity_id, set(also or ()) - set(entity_ids)):
        for doc, side, published in conn.execute(select(ed.document_id, ed.side, ed.published).where(cond)
                                                 .distinct()).all():
            told[int(doc)] = (side or "unknown", published or "")
    return Behind(dict(docs), told)


def latest_documents(conn: Connection, entity_id: str, limit: int) -> list[int]:
    """The ids of the latest ``limit`` reports behind an entity, newest first (a backward read of the
    (entity, published, source) index that stops after ``limit`` rows)."""
    ed = entity_documents.c
    return [int(d) for d in conn.execute(select(ed.document_id).where(ed.entity_id == entity_id)
                                         .order_by(ed.published.desc(), ed.source.desc()).limit(limit)).scalars()]


def reports(conn: Connection, doc_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The reports ``doc_ids`` by id: title, date, outlet, URL, source and side (unknown when not known)."""
    out: dict[int, dict[str, Any]] = {}
    for cond in view_rows.key_sets(conn, documents.c.id, doc_ids):
        for r in view_rows.dicts(conn.execute(select(*(documents.c[c] for c in REPORT_COLUMNS)).where(cond))):
            out[int(r["id"])] = {**dict(r), "side": r["side"] or "unknown"}
    return out


def party_amounts(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """Every amount paid or received by one of the parties ``ids``, by date."""
    q = (select(amounts).where(or_(amounts.c.payer.in_(ids), amounts.c.payee.in_(ids)))
         .order_by(amounts.c.date, amounts.c.role, amounts.c.value, amounts.c.id))
    return view_rows.dicts(conn.execute(q))


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

    ams = view_rows.dicts(conn.execute(select(amounts).where(both(amounts, "payer", "payee"))
                                       .order_by(amounts.c.date, amounts.c.role, amounts.c.id)))
    cns = view_rows.dicts(conn.execute(select(counts).where(both(counts, "helper", "recipient"))
                                       .order_by(counts.c.period, counts.c.role, counts.c.id)))
    evs = [_event(r) for r in view_rows.dicts(conn.execute(
        select(events).where(both(events, "helper", "recipient"))
        .order_by(events.c.date.asc().nulls_last(), events.c.type, events.c.id)))]
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
    decoded: dict[str, list[str]] = {}  # a person's few distinct titles, each decoded once (not once a report)
    out = []
    for fact, titles, date, doc, source in conn.execute(q).all():
        if titles not in decoded:
            decoded[titles] = json.loads(titles)
        out.append({"fact": fact, "titles": decoded[titles], "date": date, "document": int(doc), "source": source})
    return out


def _kept(f: Any) -> Any:
    """A fact no reviewer rejected."""
    return or_(f.review.is_(None), f.review != "rejected")


def person_mentions(conn: Connection, person_id: str) -> dict[int, list[str]]:
    """The reports naming a person (rejected facts left out) and the facts that do, by document."""
    f = facts.c
    out: dict[int, list[str]] = defaultdict(list)
    for fid, doc in conn.execute(select(f.id, f.document_id)
                                 .where(f.entity == person_id, _kept(f))
                                 .order_by(f.document_id, f.seq, f.id)):
        out[int(doc)].append(fid)
    return out


def events_led_by(conn: Connection, person_id: str, name: str) -> list[dict[str, Any]]:
    """The events that the reports naming person ``person_id`` tell with ``name`` among the leaders.

    Read from those reports' own event facts, so a namesake in another report does not count. The
    database keeps only the facts whose data holds the quoted name; the leaders list is checked here.
    """
    ev, named = facts.alias("ev"), facts.alias("named")
    quoted = json.dumps(name, ensure_ascii=False).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    q = (select(ev.c.entity, ev.c.data).select_from(ev.join(named, named.c.document_id == ev.c.document_id))
         .where(named.c.entity == person_id, _kept(named.c), ev.c.kind == "events", _kept(ev.c),
                ev.c.data.like(f"%{quoted}%", escape="\\")))
    found = {entity for entity, data in conn.execute(q) if name in (json.loads(data or "{}").get("leaders") or [])}
    rows: list[dict[str, Any]] = []
    for chunk in sql.chunks(sorted(found)):
        rows += [_event(r) for r in view_rows.dicts(conn.execute(select(events).where(events.c.id.in_(chunk))))]
    return sorted(rows, key=lambda r: (r["date"] is None, r["date"] or "", r["type"], r["id"]))
