"""The export tables as rows of plain values, and each column's type.

Every entity row (pairings, events, agreements, amounts, counts, people)
ends with its sources: ``sources`` (how many reports), ``source_ids``
(document ids, earliest-published first) and the evidence of the first of
them (``quote``, ``span_start``, ``span_end``, ``source``, ``url``,
``outlet``, ``published``). The ``evidence`` table has one row per fact
behind every entity, so each figure can be traced to every sentence that
states it, with the fact's ``review`` state (a rejected fact is no
evidence); ``sources`` lists the documents. A reviewed-only export keeps
the entities at least one of whose facts a reviewer accepted or corrected.

A pairing is its helper, recipient and relation; its ``program`` is the one
most of its reports name, ``program_conflict`` says reports name two, and
``reports_<programme>`` (one column per programme ``facts.yaml`` declares)
how many reports name each.
"""
from __future__ import annotations

import json
from collections import defaultdict
from functools import cached_property
from typing import Any, Callable, Literal

from sqlalchemy import Engine, Table, select
from sqlalchemy.engine import Connection

from duikou.errors import LedgerError
from duikou.export import provenance
from duikou.ledger.entities import UNSPECIFIED, relation_of
from duikou.ledger.review import reviewed_condition
from duikou.ledger.tables import agreements, amounts, counts, events, pairings, people, positions, regions
from duikou.schema import fact_types

Kind = Literal["str", "int", "num", "bool", "date", "strs", "ints"]
Row = dict[str, Any]

ENTITY_TABLES = ("pairings", "events", "agreements", "amounts", "counts", "people")
TABLES = (*ENTITY_TABLES, "sources", "evidence")

# The named programmes, in the schema's order: each has a column of the number of a pairing's reports naming it.
PROGRAMS: tuple[str, ...] = tuple(p for p in fact_types()["pairings"].prop("program").enum or () if p != UNSPECIFIED)


def program_column(program: str) -> str:
    """The pairings column counting the reports that name ``program``."""
    return f"reports_{program}"


_EVIDENCE: list[tuple[str, Kind]] = [
    ("sources", "int"), ("source_ids", "ints"), ("quote", "str"), ("span_start", "int"), ("span_end", "int"),
    ("source", "str"), ("url", "str"), ("outlet", "str"), ("published", "date")]

# Column order and type of every table: the same columns in every format,
# also when a table is empty (CSV header, Parquet schema, XLSX header row).
COLUMNS: dict[str, list[tuple[str, Kind]]] = {
    "pairings": [("id", "str"), ("helper", "str"), ("helper_name", "str"), ("recipient", "str"),
                 ("recipient_name", "str"), ("program", "str"), ("program_conflict", "bool"),
                 *((program_column(p), "int") for p in PROGRAMS),
                 ("since", "int"), ("relation", "str"), *_EVIDENCE],
    "events": [("id", "str"), ("type", "str"), ("date", "date"), ("end_date", "date"), ("place", "str"),
               ("place_name", "str"), ("helper", "str"), ("helper_name", "str"), ("recipient", "str"),
               ("recipient_name", "str"), ("leaders", "strs"), *_EVIDENCE],
    "agreements": [("id", "str"), ("title", "str"), ("date", "date"), ("parties", "strs"),
                   ("party_names", "strs"), *_EVIDENCE],
    "amounts": [("id", "str"), ("value", "num"), ("approx", "bool"), ("role", "str"), ("status", "str"),
                ("cumulative", "bool"),
                ("payer", "str"), ("payer_name", "str"), ("payee", "str"), ("payee_name", "str"),
                ("period", "str"), ("date", "date"), ("conflict", "str"), *_EVIDENCE],
    "counts": [("id", "str"), ("value", "num"), ("unit", "str"), ("approx", "bool"), ("role", "str"),
               ("helper", "str"), ("helper_name", "str"), ("recipient", "str"), ("recipient_name", "str"),
               ("period", "str"), *_EVIDENCE],
    "people": [("id", "str"), ("name", "str"), ("region", "str"), ("region_name", "str"), ("role", "str"),
               ("titles", "strs"), *_EVIDENCE],
    "sources": [("id", "int"), ("source", "str"), ("url", "str"), ("title", "str"), ("published", "date"),
                ("outlet", "str"), ("side", "str"), ("status", "str"), ("reason", "str"), ("body_hash", "str"),
                ("source_ids", "ints")],
    "evidence": [("fact_id", "str"), ("entity_id", "str"), ("table", "str"), ("source_id", "int"),
                 ("source", "str"), ("url", "str"), ("title", "str"), ("outlet", "str"), ("published", "date"),
                 ("side", "str"), ("span_start", "int"), ("span_end", "int"), ("quote", "str"),
                 ("extractor", "str"), ("confidence", "num"), ("review", "str")],
}


def number(v: Any) -> Any:
    """A count or sum as an int when it is whole (500, not 500.0); other values unchanged."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def program_reports(pairing_id: str, programs: str | None) -> Row:
    """The ``reports_<programme>`` columns of a pairing from its ``programs`` JSON (0 for a programme none names)."""
    support: dict[str, int] = json.loads(programs or "{}")
    unknown = sorted(set(support) - set(PROGRAMS))
    if unknown:
        # A column per declared programme: a name outside them would be dropped from every export without a word.
        raise LedgerError(f"pairing {pairing_id}: programme {unknown[0]!r} is not one schema/facts.yaml declares "
                          f"({', '.join(PROGRAMS)}); the export has no column for it")
    return {program_column(p): int(support.get(p, 0)) for p in PROGRAMS}


class _Ledger:
    """What the tables read from one connection, each read once and only when a table asks for it."""

    def __init__(self, conn: Connection, wanted: tuple[str, ...], reviewed_only: bool = False) -> None:
        self.conn = conn
        self.reviewed_only = reviewed_only
        # The evidence table has every entity's facts; an entity table alone needs only its own kind's. The
        # sources of a reviewed-only export are those of the reviewed entities: every kind's evidence.
        every = "evidence" in wanted or (reviewed_only and "sources" in wanted)
        self.kinds = ENTITY_TABLES if every else tuple(t for t in ENTITY_TABLES if t in wanted)

    @cached_property
    def names(self) -> dict[str, str]:
        return {c: n for c, n in self.conn.execute(select(regions.c.code, regions.c.name)) if n}

    @cached_property
    def evidence(self) -> dict[str, list[Row]]:
        return provenance.evidence(self.conn, self.kinds, self.reviewed_only)

    def name(self, v: Any) -> Any:
        return self.names.get(v, v) if isinstance(v, str) else v

    def rows(self, table: Table, order: list[Any], shape: Callable[[Row], Row]) -> list[Row]:
        """``table``'s rows in ``order``, each shaped and ending with its sources and first evidence."""
        res = []
        q = select(table).order_by(*order)
        if self.reviewed_only:
            q = q.where(reviewed_condition(table.c.id))
        for r in self.conn.execute(q).mappings():
            facts_of = self.evidence.get(r["id"], [])
            res.append({**shape(dict(r)), "sources": r["sources"], "source_ids": provenance.source_ids(facts_of),
                        **provenance.first_evidence(facts_of)})
        return res


def _pairings(db: _Ledger) -> list[Row]:
    return db.rows(pairings, [pairings.c.helper, pairings.c.recipient, pairings.c.id], lambda r: {
        "id": r["id"], "helper": r["helper"], "helper_name": db.name(r["helper"]), "recipient": r["recipient"],
        "recipient_name": db.name(r["recipient"]), "program": r["program"],
        "program_conflict": bool(r["program_conflict"]), **program_reports(r["id"], r["programs"]),
        "since": r["since"], "relation": relation_of(r)})


def _events(db: _Ledger) -> list[Row]:
    return db.rows(events, [events.c.date, events.c.id], lambda r: {
        "id": r["id"], "type": r["type"], "date": r["date"], "end_date": r["end_date"], "place": r["place"],
        "place_name": db.name(r["place"]), "helper": r["helper"], "helper_name": db.name(r["helper"]),
        "recipient": r["recipient"], "recipient_name": db.name(r["recipient"]),
        "leaders": json.loads(r["leaders"] or "[]")})


def _agreements(db: _Ledger) -> list[Row]:
    def shape(r: Row) -> Row:
        parties = json.loads(r["parties"] or "[]")
        return {"id": r["id"], "title": r["title"], "date": r["date"], "parties": parties,
                "party_names": [db.name(p) for p in parties]}

    return db.rows(agreements, [agreements.c.date, agreements.c.id], shape)


def _amounts(db: _Ledger) -> list[Row]:
    return db.rows(amounts, [amounts.c.date, amounts.c.id], lambda r: {
        "id": r["id"], "value": number(r["value"]), "approx": bool(r["approx"]), "role": r["role"],
        "status": r["status"] or "done",
        "cumulative": bool(r["cumulative"]), "payer": r["payer"], "payer_name": db.name(r["payer"]),
        "payee": r["payee"], "payee_name": db.name(r["payee"]), "period": r["period"], "date": r["date"],
        "conflict": r["conflict"]})


def _counts(db: _Ledger) -> list[Row]:
    return db.rows(counts, [counts.c.period, counts.c.id], lambda r: {
        "id": r["id"], "value": number(r["value"]), "unit": r["unit"], "approx": bool(r["approx"]),
        "role": r["role"], "helper": r["helper"], "helper_name": db.name(r["helper"]), "recipient": r["recipient"],
        "recipient_name": db.name(r["recipient"]), "period": r["period"]})


def _people(db: _Ledger) -> list[Row]:
    titles: dict[str, list[str]] = defaultdict(list)
    for person, t, date in db.conn.execute(select(positions.c.person, positions.c.titles, positions.c.date)
                                           .order_by(positions.c.person, positions.c.date, positions.c.fact_id)):
        for title in json.loads(t):
            entry = f"{title}@{date}" if date else title
            if entry not in titles[person]:
                titles[person].append(entry)
    return db.rows(people, [people.c.name, people.c.id], lambda r: {
        "id": r["id"], "name": r["name"], "region": r["region"], "region_name": db.name(r["region"]),
        "role": r["role"], "titles": titles.get(r["id"], [])})


def _sources(db: _Ledger) -> list[Row]:
    docs = provenance.document_rows(db.conn)
    if db.reviewed_only:  # the reports behind the reviewed entities alone
        cited = {int(e["source_id"]) for facts_of in db.evidence.values() for e in facts_of}
        docs = [d for d in docs if int(d["id"]) in cited]
    return [{**{c: d.get(c) for c, _ in COLUMNS["sources"]}, "id": int(d["id"]), "source_ids": [int(d["id"])]}
            for d in docs]


def _evidence(db: _Ledger) -> list[Row]:
    ev = db.evidence
    return [
        {"fact_id": e["fact_id"], "entity_id": e["entity_id"], "table": e["kind"], "source_id": int(e["source_id"]),
         "source": e["source"], "url": e["url"], "title": e["title"], "outlet": e["outlet"],
         "published": e["published"], "side": e["side"], "span_start": e["span_start"],
         "span_end": e["span_end"], "quote": e["quote"], "extractor": e["extractor"],
         "confidence": e["confidence"], "review": e["review"] or "unreviewed"}
        for entity in sorted(ev, key=lambda k: (ev[k][0]["kind"], k)) for e in ev[entity]]


_BUILD: dict[str, Callable[[_Ledger], list[Row]]] = {
    "pairings": _pairings, "events": _events, "agreements": _agreements, "amounts": _amounts, "counts": _counts,
    "people": _people, "sources": _sources, "evidence": _evidence}


def tables(eng: Engine, only: tuple[str, ...] = TABLES, reviewed_only: bool = False) -> dict[str, list[Row]]:
    """The export tables named in ``only`` (default all) as rows of plain values in :data:`COLUMNS` order.

    Lists stay lists. A table not asked for is not read: the GeoJSON map
    builds the pairings alone. ``reviewed_only``: only the reviewed entities
    (at least one fact accepted or corrected), their evidence and their reports.
    """
    unknown = [t for t in only if t not in _BUILD]
    if unknown:
        raise ValueError(f"no export table {unknown[0]!r} (one of {', '.join(TABLES)})")
    with eng.connect() as conn:
        db = _Ledger(conn, only, reviewed_only)
        return {name: _BUILD[name](db) for name in TABLES if name in only}
