"""Read-side service functions over the merged view. Plain data in, plain data out.

The CLI commands and the web API are thin wrappers over these. Every entity
comes with ``sources``: the reports that support it (source path, side,
publication date), so each line a user sees can be traced to its reports.
"""
from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, TextClause, and_, func, or_, select, text
from sqlalchemy.engine import Connection

from duikou.errors import LedgerError
from duikou.ledger import db
from duikou.reference import regions as reg
from duikou.ledger.tables import (
    ENTITY_TABLES,
    agreement_parties,
    agreements,
    amounts,
    builds,
    counts,
    documents,
    events,
    facts,
    input_problems,
    judgements,
    pairings,
    parties,
    people,
    regions,
    statements,
)

MAX_SOURCES = 50  # per entity in profiles; the total is always given


def _party(conn: Connection, value: str | None, cache: dict[str, str | None]) -> dict[str, Any] | None:
    if value is None:
        return None
    if value not in cache:
        name = None
        if reg.is_code(value):
            name = conn.execute(select(regions.c.name).where(regions.c.code == value)).scalar() or reg.name(value)
        cache[value] = name if name else value
    return {"id": value, "name": cache[value]}


def _prefetch(conn: Connection, values: Any, cache: dict[str, str | None]) -> None:
    """Fill ``cache`` with the names of every region code in ``values`` in one query (for :func:`_party`)."""
    codes = sorted({v for v in values if isinstance(v, str) and v not in cache and reg.is_code(v)})
    if not codes:
        return
    named = dict(conn.execute(select(regions.c.code, regions.c.name).where(regions.c.code.in_(codes))).all())
    for c in codes:
        name = named.get(c) or reg.name(c)
        cache[c] = name if name else c


def _sources(conn: Connection, entity_ids: list[str], limit: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """The documents supporting each entity, earliest publication first, at most ``limit`` each.

    Read from ``entity_documents``: one index range read per entity
    (entity_id, published, source) that stops after ``limit`` rows, so a
    pairing told by thousands of reports costs ``limit`` rows, not thousands.
    """
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not entity_ids:
        return out
    limit = MAX_SOURCES if limit is None else limit
    ordered = sorted(set(entity_ids))
    for chunk in db.chunks(ordered):
        params: dict[str, Any] = {f"e{j}": e for j, e in enumerate(chunk)}
        params["n"] = limit
        for entity, source, side, published in conn.execute(_sources_sql(len(chunk)), params):
            out[entity].append({"source": source, "side": side, "published": published})
    return out


@functools.lru_cache(maxsize=None)
def _sources_sql(n: int) -> TextClause:
    # One LIMITed index read per entity, as one statement (a window over all
    # of the entities' documents read every row before ranking them).
    return text(" UNION ALL ".join(
        f"SELECT * FROM (SELECT entity_id, source, side, published FROM entity_documents "
        f"WHERE entity_id = :e{j} ORDER BY published, source LIMIT :n) AS s{j}" for j in range(n)))


def _connect(eng: Engine) -> Connection:
    return eng.connect()


# -- pairings ------------------------------------------------------------------
def province_codes(conn: Connection, name_or_code: str) -> list[str]:
    """Province codes a user's ``--province`` means (a name such as 四川 / 四川省, or a code)."""
    if len(name_or_code) == 2 and name_or_code.isdigit() and reg.codes_for(name_or_code + "0000"):
        name_or_code += "0000"  # a province's two-digit code prefix (32: 江苏)
    codes = reg.codes_for(name_or_code)
    if not codes and not reg.is_code(name_or_code):
        codes = reg.codes_for(name_or_code + "省") + reg.codes_for(name_or_code + "市")
    out = set()
    for c in codes:
        row = reg.region(c)
        if row and row.get("province"):
            out.add(row["province"])
        elif row and row.get("level") == "province":
            out.add(c)
        elif reg.is_code(c):
            out.add(c[:2] + "0000")
    if not out:
        raise LedgerError(f"no province called {name_or_code!r}")
    return sorted(out)


def standing_only(table: Any = pairings) -> Any:
    """The condition for standing pairings (NULL: stored before relations were kept apart)."""
    return or_(table.c.relation.is_(None), table.c.relation == "standing")


def list_pairings(eng: Engine, province: str | None = None, program: str | None = None,
                  since: int | None = None, relations: bool = False) -> list[dict[str, Any]]:
    """Every standing pairing with its program, start year (earliest stated) and supporting reports.

    ``province`` keeps pairings with either side in that province; ``since``
    keeps those that started in that year or later; ``relations`` adds the
    relief and one-off donation relations (their ``relation`` says which).
    """
    with _connect(eng) as conn:
        q = select(pairings)
        if not relations:
            q = q.where(standing_only())
        if program:
            q = q.where(pairings.c.program == program)
        if since is not None:
            q = q.where(pairings.c.since >= since)
        if province:
            provs = province_codes(conn, province)
            inside = select(regions.c.code).where(or_(regions.c.province.in_(provs), regions.c.code.in_(provs)))
            q = q.where(or_(pairings.c.helper.in_(inside), pairings.c.recipient.in_(inside)))
        rows = [dict(r) for r in conn.execute(q.order_by(pairings.c.helper, pairings.c.recipient,
                                                         pairings.c.program)).mappings()]
        srcs = _sources(conn, [r["id"] for r in rows])
        cache: dict[str, str | None] = {}
        _prefetch(conn, [v for r in rows for v in (r["helper"], r["recipient"])], cache)
        return [{
            "id": r["id"], "helper": _party(conn, r["helper"], cache), "recipient": _party(conn, r["recipient"], cache),
            "program": r["program"], **_programs(r), "since": r["since"], "relation": r.get("relation") or "standing",
            "source_count": r["sources"], "sources": [s["source"] for s in srcs.get(r["id"], [])],
        } for r in rows]


def _programs(row: dict[str, Any]) -> dict[str, Any]:
    """A pairing's programme support: how many reports name each programme, and whether they disagree."""
    return {"programs": json.loads(row.get("programs") or "{}"), "program_conflict": bool(row.get("program_conflict"))}


# -- events --------------------------------------------------------------------
def _event_rows(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    srcs = _sources(conn, [r["id"] for r in rows])
    cache: dict[str, str | None] = {}
    _prefetch(conn, [v for r in rows for v in (r["place"], r["helper"], r["recipient"])], cache)
    out = []
    for r in rows:
        ss = srcs.get(r["id"], [])
        out.append({
            "id": r["id"], "type": r["type"], "date": r["date"], "end_date": r["end_date"],
            "place": _party(conn, r["place"], cache), "helper": _party(conn, r["helper"], cache),
            "recipient": _party(conn, r["recipient"], cache), "leaders": json.loads(r["leaders"] or "[]"),
            "source_count": r["sources"],
            "accounts": {side: [s["source"] for s in ss if (s["side"] or "unknown") == side]
                         for side in ("helper", "recipient", "unknown")},
            "sources": [s["source"] for s in ss],
        })
    return out


def list_events(eng: Engine, date_from: str | None = None, date_to: str | None = None,
                type: str | None = None, party: list[str] | None = None) -> list[dict[str, Any]]:
    """Events in date order, each with every report that tells it, split by the side that told it."""
    with _connect(eng) as conn:
        q = select(events)
        if date_from:
            q = q.where(events.c.date >= date_from)
        if date_to:
            q = q.where(events.c.date <= date_to)
        if type:
            q = q.where(events.c.type == type)
        if party:
            q = q.where(or_(events.c.helper.in_(party), events.c.recipient.in_(party), events.c.place.in_(party)))
        rows = [dict(r) for r in conn.execute(q.order_by(events.c.date, events.c.type, events.c.id)).mappings()]
        return _event_rows(conn, rows)


# -- a region's or party's profile ---------------------------------------------
def resolve_party(eng: Engine, name_or_code: str) -> list[str]:
    """The party ids (region codes, or a party's printed name) that ``name_or_code`` means."""
    with _connect(eng) as conn:
        codes = reg.codes_for(name_or_code)
        if not codes:
            codes = list(conn.execute(select(regions.c.code).where(regions.c.name == name_or_code)).scalars())
        if conn.execute(select(parties.c.name).where(parties.c.name == name_or_code)).first() is not None:
            codes.append(name_or_code)
        return sorted(set(codes))


SHOW_LIMIT = 50  # lines per section of a profile; the total is always given


def _page(conn: Connection, table: Any, where: Any, order: list[Any], limit: int, latest: bool,
          ) -> tuple[list[dict[str, Any]], int]:
    """At most ``limit`` rows of ``table`` matching ``where`` in ``order``, and how many match in all.

    ``latest`` keeps the last ``limit`` rows of that order (undated rows count
    as the oldest on both databases), still returned in ascending order.
    """
    q = select(table).where(where)
    if latest:
        q = q.order_by(*(c.desc().nulls_last() for c in order)).limit(limit)
        rows = [dict(r) for r in conn.execute(q).mappings()][::-1]
    else:
        rows = [dict(r) for r in conn.execute(q.order_by(*order).limit(limit)).mappings()]
    total = len(rows)
    if total >= limit:
        total = int(conn.execute(select(func.count()).select_from(table).where(where)).scalar_one())
    return rows, total


def show(eng: Engine, name_or_code: str, limit: int | None = None) -> dict[str, Any]:
    """A region's or party's profile: partners both ways, events, agreements, money, counts, people.

    Each section holds at most ``limit`` lines (default :data:`SHOW_LIMIT`):
    the latest events, agreements, amounts and counts, the first partners (by
    start year) and people (by name); ``totals`` gives each section's full count.
    """
    limit = SHOW_LIMIT if limit is None else limit
    if limit < 1:
        raise LedgerError("a profile's --limit must be at least 1")
    ids = resolve_party(eng, name_or_code)
    if not ids:
        raise LedgerError(f"no region or party called {name_or_code!r}")
    with _connect(eng) as conn:
        cache: dict[str, str | None] = {}
        totals: dict[str, int] = {}
        prs, totals["partners"] = _page(conn, pairings, and_(or_(pairings.c.helper.in_(ids), pairings.c.recipient.in_(ids)),
                                                                 standing_only()),
                                        [pairings.c.since, pairings.c.id], limit, False)
        evs, totals["events"] = _page(
            conn, events, or_(events.c.helper.in_(ids), events.c.recipient.in_(ids), events.c.place.in_(ids)),
            [events.c.date, events.c.type, events.c.id], limit, True)
        ags, totals["agreements"] = _page(
            conn, agreements, agreements.c.id.in_(select(agreement_parties.c.agreement)
                                                  .where(agreement_parties.c.party.in_(ids))),
            [agreements.c.date, agreements.c.title, agreements.c.id], limit, True)
        ams, totals["money"] = _page(conn, amounts, or_(amounts.c.payer.in_(ids), amounts.c.payee.in_(ids)),
                                     [amounts.c.date, amounts.c.role, amounts.c.value, amounts.c.id], limit, True)
        cns, totals["counts"] = _page(conn, counts, or_(counts.c.helper.in_(ids), counts.c.recipient.in_(ids)),
                                      [counts.c.period, counts.c.role, counts.c.value, counts.c.id], limit, True)
        pps, totals["people"] = _page(conn, people, people.c.region.in_(ids), [people.c.name, people.c.id], limit,
                                      False)
        srcs = _sources(conn, [r["id"] for r in prs + ags + ams + cns + pps])
        _prefetch(conn, [*ids, *(v for r in prs for v in (r["helper"], r["recipient"])),
                         *(v for r in ams for v in (r["payer"], r["payee"])),
                         *(p for r in ags for p in json.loads(r["parties"] or "[]"))], cache)

        partners = []
        for r in prs:
            helps = r["helper"] in ids
            partners.append({
                "id": r["id"], "direction": "helps" if helps else "helped_by",
                "partner": _party(conn, r["recipient"] if helps else r["helper"], cache),
                "program": r["program"], **_programs(r), "since": r["since"], "source_count": r["sources"],
                "sources": [s["source"] for s in srcs.get(r["id"], [])]})
        money = [{
            "id": r["id"], "value": r["value"], "approx": bool(r["approx"]), "role": r["role"],
            "status": r["status"] or "done",
            "cumulative": bool(r["cumulative"]), "payer": _party(conn, r["payer"], cache),
            "payee": _party(conn, r["payee"], cache), "date": r["date"], "period": r["period"],
            "conflict": r["conflict"], "source_count": r["sources"],
            "sources": [s["source"] for s in srcs.get(r["id"], [])]} for r in ams]
        return {
            "query": name_or_code,
            "parties": [_party(conn, i, cache) for i in ids],
            "partners": partners,
            "events": _event_rows(conn, evs),
            "agreements": [{"id": r["id"], "title": r["title"], "date": r["date"],
                            "parties": [_party(conn, p, cache) for p in json.loads(r["parties"] or "[]")],
                            "source_count": r["sources"], "sources": [s["source"] for s in srcs.get(r["id"], [])]}
                           for r in ags],
            "money": money,
            "counts": [{"id": r["id"], "value": r["value"], "unit": r["unit"], "role": r["role"],
                        "period": r["period"], "source_count": r["sources"],
                        "sources": [s["source"] for s in srcs.get(r["id"], [])]} for r in cns],
            "people": _people(conn, pps, srcs),
            "totals": totals,
        }


def _people(conn: Connection, rows: list[dict[str, Any]], srcs: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    if not rows:
        return []
    held = _title_spans(conn, [r["id"] for r in rows])
    return [{"id": r["id"], "name": r["name"], "region": r["region"], "role": r["role"],
             "titles": held.get(r["id"], []), "source_count": r["sources"],
             "sources": [s["source"] for s in srcs.get(r["id"], [])]} for r in rows]


def _title_spans(conn: Connection, persons: list[str], limit: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """Each person's titles over time: consecutive reports (by date, then source) with the same titles fold
    into one span (first and last date seen, the earliest ``limit`` sources and their full count).

    Folded in SQL (gaps and islands over two row numbers): a person named by
    thousands of reports costs one span per change of title, not a Python
    loop over every position (profiled with benchmarks/ledger.py).
    """
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    limit = MAX_SOURCES if limit is None else limit
    ordered = sorted(set(persons))
    for chunk in db.chunks(ordered):
        params: dict[str, Any] = {f"p{j}": p for j, p in enumerate(chunk)}
        params["n"] = limit
        span: dict[str, Any] = {}
        for person, titles, count, rn, first_rn, last_rn, date, source in conn.execute(
                _title_spans_sql(len(chunk)), params):
            if rn == first_rn:
                span = {"titles": json.loads(titles), "from": date, "to": date, "sources": [], "source_count": count}
                out[person].append(span)
            if rn < first_rn + limit:
                span["sources"].append(source)
            if rn == last_rn:
                span["to"] = date
    return out


@functools.lru_cache(maxsize=None)
def _title_spans_sql(n: int) -> TextClause:
    # rn numbers a person's positions in report order; rn minus the number
    # within the same titles is constant along a run of equal titles (an
    # island). Positions without titles are left out and don't break a run.
    marks = ", ".join(f":p{j}" for j in range(n))
    return text(f"""
WITH p AS (
  SELECT pos.person AS person, pos.titles AS titles, pos.date AS date, pos.source AS source,
         ROW_NUMBER() OVER (PARTITION BY pos.person ORDER BY pos.date, pos.source, pos.fact_id) AS rn,
         ROW_NUMBER() OVER (PARTITION BY pos.person, pos.titles ORDER BY pos.date, pos.source, pos.fact_id) AS rt
  FROM positions pos
  WHERE pos.person IN ({marks}) AND pos.titles <> '[]'
), q AS (
  SELECT person, titles, date, source, rn, rn - rt AS grp FROM p
), s AS (
  SELECT person, titles, grp, MIN(rn) AS first_rn, MAX(rn) AS last_rn, COUNT(*) AS n FROM q
  GROUP BY person, titles, grp
)
SELECT q.person, q.titles, s.n, q.rn, s.first_rn, s.last_rn, q.date, q.source
FROM q JOIN s ON s.person = q.person AND s.titles = q.titles AND s.grp = q.grp
WHERE q.rn < s.first_rn + :n OR q.rn = s.last_rn
ORDER BY q.person, q.rn""")


# -- provenance ------------------------------------------------------------------
def sources(eng: Engine, fact_or_entity: str) -> list[dict[str, Any]]:
    """Every fact behind an id (a fact id, or an entity id: all its facts), with its statements."""
    with _connect(eng) as conn:
        q = (select(facts, documents.c.source, documents.c.title, documents.c.published, documents.c.outlet,
                    documents.c.side)
             .join(documents, documents.c.id == facts.c.document_id)
             .where(or_(facts.c.id == fact_or_entity, facts.c.entity == fact_or_entity))
             .order_by(documents.c.published, documents.c.source, facts.c.seq))
        rows = [dict(r) for r in conn.execute(q).mappings()]
        if not rows:
            raise LedgerError(f"no fact or entity with id {fact_or_entity!r}")
        stmts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        # Through the documents' index: statements have none on fact_id (it slowed every build).
        for s in conn.execute(select(statements).where(
                statements.c.document_id.in_(sorted({r["document_id"] for r in rows})),
                statements.c.fact_id.in_([r["id"] for r in rows]))
                .order_by(statements.c.fact_id, statements.c.id)).mappings():
            stmts[s["fact_id"]].append({"property": s["property"], "value": json.loads(s["value"]),
                                        "extractor": s["extractor"], "version": s["version"],
                                        "confidence": s["confidence"], "first_seen": s["first_seen"],
                                        "last_seen": s["last_seen"]})
        return [{"fact": r["id"], "entity": r["entity"], "kind": r["kind"], "source": r["source"],
                 "title": r["title"], "published": r["published"], "outlet": r["outlet"], "side": r["side"],
                 "start": r["span_start"], "end": r["span_end"], "quote": r["quote"],
                 "extractor": r["extractor"], "confidence": r["confidence"], "data": json.loads(r["data"]),
                 "statements": stmts.get(r["id"], [])} for r in rows]


def stats(eng: Engine) -> dict[str, Any]:
    """How much the ledger holds."""
    with _connect(eng) as conn:
        def n(table, *where) -> int:  # type: ignore[no-untyped-def]
            q = select(func.count()).select_from(table)
            return int(conn.execute(q.where(*where) if where else q).scalar_one())

        out: dict[str, Any] = {
            "documents": n(documents, documents.c.status != "retracted"),  # retracted ones are counted apart
            "documents_ok": n(documents, documents.c.status == "ok"),
            "documents_failed": n(documents, documents.c.status == "failed"),
            # judged off topic and kept out (stored with --keep-offtopic they are ok documents)
            "documents_offtopic": n(documents, documents.c.status == "offtopic"),
            "documents_retracted": n(documents, documents.c.status == "retracted"),
            # inputs the latest build could not use (duikou problems lists them)
            "inputs_rejected": n(input_problems, input_problems.c.fatal.is_(True), input_problems.c.run == (
                select(func.max(builds.c.started)).scalar_subquery())),
            "facts": n(facts),
            "statements": n(statements),
            "regions": n(regions),
            "parties": n(parties),
        }
        for kind, table in ENTITY_TABLES.items():
            out[kind] = n(table, standing_only()) if kind == "pairings" else n(table)
        out["relations"] = n(pairings) - out["pairings"]  # relief and one-off donation relations
        # pairings whose reports name two programmes (the most named one is kept: ``programs`` counts them)
        out["pairing_program_conflicts"] = n(pairings, pairings.c.program_conflict.is_(True))
        out["amount_conflicts"] = int(conn.execute(select(func.count(func.distinct(amounts.c.conflict)))
                                                   .where(amounts.c.conflict.is_not(None))).scalar_one())
        out["judgements_auto"] = n(judgements, judgements.c.auto.is_(True))
        out["judgements_human"] = n(judgements, judgements.c.auto.is_(False))
        return out


def failed_documents(eng: Engine) -> list[dict[str, Any]]:
    with _connect(eng) as conn:
        return [dict(r) for r in conn.execute(select(documents.c.source, documents.c.reason)
                                              .where(documents.c.status == "failed")
                                              .order_by(documents.c.source)).mappings()]


def judgement_log(eng: Engine, human_only: bool = False) -> list[dict[str, Any]]:
    with _connect(eng) as conn:
        q = select(judgements).order_by(judgements.c.id)
        if human_only:
            q = q.where(judgements.c.auto.is_(False))
        return [dict(r) for r in conn.execute(q).mappings()]


__all__ = ["list_pairings", "list_events", "show", "sources", "stats", "resolve_party", "province_codes",
           "failed_documents", "judgement_log", "and_"]
