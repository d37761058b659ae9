"""The export tables as rows of plain values, and each column's type.

Every entity row (pairings, events, agreements, amounts, counts, people)
ends with its sources: ``sources`` (how many reports), ``source_ids``
(document ids, earliest-published first) and the evidence of the first of
them (``quote``, ``span_start``, ``span_end``, ``source``, ``url``,
``outlet``, ``published``). The ``evidence`` table has one row per fact
behind every entity, so each figure can be traced to every sentence that
states it; ``sources`` lists the documents.
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Literal

from sqlalchemy import Engine, select

from duikou.export import provenance
from duikou.ledger.tables import agreements, amounts, counts, events, pairings, people, positions, regions

Kind = Literal["str", "int", "num", "bool", "date", "strs", "ints"]

ENTITY_TABLES = ("pairings", "events", "agreements", "amounts", "counts", "people")
TABLES = (*ENTITY_TABLES, "sources", "evidence")

_EVIDENCE: list[tuple[str, Kind]] = [
    ("sources", "int"), ("source_ids", "ints"), ("quote", "str"), ("span_start", "int"), ("span_end", "int"),
    ("source", "str"), ("url", "str"), ("outlet", "str"), ("published", "date")]

# Column order and type of every table: the same columns in every format,
# also when a table is empty (CSV header, Parquet schema, XLSX header row).
COLUMNS: dict[str, list[tuple[str, Kind]]] = {
    "pairings": [("id", "str"), ("helper", "str"), ("helper_name", "str"), ("recipient", "str"),
                 ("recipient_name", "str"), ("program", "str"), ("since", "int"), ("relation", "str"), *_EVIDENCE],
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
                 ("extractor", "str"), ("confidence", "num")],
}


def number(v: Any) -> Any:
    """A count or sum as an int when it is whole (500, not 500.0); other values unchanged."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def tables(eng: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every export table as rows of plain values in :data:`COLUMNS` order (lists stay lists)."""
    with eng.connect() as conn:
        names = {c: n for c, n in conn.execute(select(regions.c.code, regions.c.name)) if n}
        ev = provenance.evidence(conn, ENTITY_TABLES)

        def name(v: Any) -> Any:
            return names.get(v, v) if isinstance(v, str) else v

        def rows(table: Any, order: list[Any], shape: Any) -> list[dict[str, Any]]:
            res = []
            for r in conn.execute(select(table).order_by(*order)).mappings():
                facts_of = ev.get(r["id"], [])
                row = {**shape(dict(r)), "sources": r["sources"], "source_ids": provenance.source_ids(facts_of),
                       **provenance.first_evidence(facts_of)}
                res.append(row)
            return res

        out: dict[str, list[dict[str, Any]]] = {}
        out["pairings"] = rows(pairings, [pairings.c.helper, pairings.c.recipient, pairings.c.id], lambda r: {
            "id": r["id"], "helper": r["helper"], "helper_name": name(r["helper"]), "recipient": r["recipient"],
            "recipient_name": name(r["recipient"]), "program": r["program"], "since": r["since"],
            "relation": r.get("relation") or "standing"})
        out["events"] = rows(events, [events.c.date, events.c.id], lambda r: {
            "id": r["id"], "type": r["type"], "date": r["date"], "end_date": r["end_date"], "place": r["place"],
            "place_name": name(r["place"]), "helper": r["helper"], "helper_name": name(r["helper"]),
            "recipient": r["recipient"], "recipient_name": name(r["recipient"]),
            "leaders": json.loads(r["leaders"] or "[]")})

        def agreement(r: dict[str, Any]) -> dict[str, Any]:
            parties = json.loads(r["parties"] or "[]")
            return {"id": r["id"], "title": r["title"], "date": r["date"], "parties": parties,
                    "party_names": [name(p) for p in parties]}

        out["agreements"] = rows(agreements, [agreements.c.date, agreements.c.id], agreement)
        out["amounts"] = rows(amounts, [amounts.c.date, amounts.c.id], lambda r: {
            "id": r["id"], "value": number(r["value"]), "approx": bool(r["approx"]), "role": r["role"],
            "status": r["status"] or "done",
            "cumulative": bool(r["cumulative"]), "payer": r["payer"], "payer_name": name(r["payer"]),
            "payee": r["payee"], "payee_name": name(r["payee"]), "period": r["period"], "date": r["date"],
            "conflict": r["conflict"]})
        out["counts"] = rows(counts, [counts.c.period, counts.c.id], lambda r: {
            "id": r["id"], "value": number(r["value"]), "unit": r["unit"], "approx": bool(r["approx"]),
            "role": r["role"], "helper": r["helper"], "helper_name": name(r["helper"]), "recipient": r["recipient"],
            "recipient_name": name(r["recipient"]), "period": r["period"]})
        titles: dict[str, list[str]] = defaultdict(list)
        for person, t, date in conn.execute(select(positions.c.person, positions.c.titles, positions.c.date)
                                            .order_by(positions.c.person, positions.c.date, positions.c.fact_id)):
            for title in json.loads(t):
                entry = f"{title}@{date}" if date else title
                if entry not in titles[person]:
                    titles[person].append(entry)
        out["people"] = rows(people, [people.c.name, people.c.id], lambda r: {
            "id": r["id"], "name": r["name"], "region": r["region"], "region_name": name(r["region"]),
            "role": r["role"], "titles": titles.get(r["id"], [])})
        out["sources"] = [{**{c: d.get(c) for c, _ in COLUMNS["sources"]}, "id": int(d["id"]),
                           "source_ids": [int(d["id"])]} for d in provenance.document_rows(conn)]
        out["evidence"] = [
            {"fact_id": e["fact_id"], "entity_id": e["entity_id"], "table": e["kind"], "source_id": int(e["source_id"]),
             "source": e["source"], "url": e["url"], "title": e["title"], "outlet": e["outlet"],
             "published": e["published"], "side": e["side"], "span_start": e["span_start"],
             "span_end": e["span_end"], "quote": e["quote"], "extractor": e["extractor"],
             "confidence": e["confidence"]}
            for entity in sorted(ev, key=lambda k: (ev[k][0]["kind"], k)) for e in ev[entity]]
    return out
