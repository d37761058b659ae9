"""A region's or party's profile (``duikou show``): partners both ways, events, agreements, money, counts and
people with their titles over time, each line with its reports."""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.engine import Connection

from duikou.errors import LedgerError
from duikou.ledger import view_rows
from duikou.ledger.tables import agreement_parties, agreements, amounts, counts, events, pairings, people, positions
from duikou.ledger.view_rows import (
    connect,
    dicts,
    entity_sources,
    event_rows,
    party,
    prefetch,
    programs,
    resolve_party,
    standing_only,
)

SHOW_LIMIT = 50  # lines per section of a profile; the total is always given
_TOTAL = "matching_rows_total"  # _page's window column (no table has a column of that name)


def _page(conn: Connection, table: Any, where: Any, order: list[Any], limit: int, latest: bool,
          ) -> tuple[list[dict[str, Any]], int]:
    """At most ``limit`` rows of ``table`` matching ``where`` in ``order``, and how many match in all.

    ``latest`` keeps the last ``limit`` rows of that order (undated rows count
    as the oldest on both databases), still returned in ascending order.
    """
    # How many rows match rides along as a window, in the same statement: a page and then a count were
    # two round trips a section, and under load each one waits for the database's process to be scheduled
    # (benchmarks/web.py, PostgreSQL, the busiest profiles' p95 in four pairs of runs: 183-263 ms with a
    # count a section, 176-184 with the window; alone, with no load, the two took the same time).
    q = select(table, func.count().over().label(_TOTAL)).where(where)
    if latest:
        rows = dicts(conn.execute(q.order_by(*(c.desc().nulls_last() for c in order)).limit(limit)))[::-1]
    else:
        rows = dicts(conn.execute(q.order_by(*order).limit(limit)))
    total = int(rows[0][_TOTAL]) if rows else 0
    for r in rows:
        del r[_TOTAL]
    return rows, total


def show(eng: Engine, name_or_code: str, limit: int | None = None, sources: int | None = None) -> dict[str, Any]:
    """A region's or party's profile: partners both ways, events, agreements, money, counts, people.

    Each section holds at most ``limit`` lines (default :data:`SHOW_LIMIT`):
    the latest events, agreements, amounts and counts, the first partners (by
    start year) and people (by name); ``totals`` gives each section's full count.
    Each line lists its first ``sources`` reports (default ``view_rows.MAX_SOURCES``; ``source_count``
    counts them all): a web page that links a few asks for a few.
    """
    limit = SHOW_LIMIT if limit is None else limit
    if limit < 1:
        raise LedgerError("a profile's --limit must be at least 1")
    ids = resolve_party(eng, name_or_code)
    if not ids:
        raise LedgerError(f"no region or party called {name_or_code!r}")
    with connect(eng) as conn:
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
        srcs = entity_sources(conn, [r["id"] for r in prs + ags + ams + cns + pps], sources)
        prefetch(conn, [*ids, *(v for r in prs for v in (r["helper"], r["recipient"])),
                         *(v for r in ams for v in (r["payer"], r["payee"])),
                         *(p for r in ags for p in json.loads(r["parties"] or "[]"))], cache)

        partners = []
        for r in prs:
            helps = r["helper"] in ids
            partners.append({
                "id": r["id"], "direction": "helps" if helps else "helped_by",
                "partner": party(conn, r["recipient"] if helps else r["helper"], cache),
                "program": r["program"], **programs(r), "since": r["since"], "source_count": r["sources"],
                "sources": [s["source"] for s in srcs.get(r["id"], [])]})
        money = [{
            "id": r["id"], "value": r["value"], "approx": bool(r["approx"]), "role": r["role"],
            "status": r["status"] or "done",
            "cumulative": bool(r["cumulative"]), "payer": party(conn, r["payer"], cache),
            "payee": party(conn, r["payee"], cache), "date": r["date"], "period": r["period"],
            "conflict": r["conflict"], "source_count": r["sources"],
            "sources": [s["source"] for s in srcs.get(r["id"], [])]} for r in ams]
        return {
            "query": name_or_code,
            "parties": [party(conn, i, cache) for i in ids],
            "partners": partners,
            "events": event_rows(conn, evs, sources),
            "agreements": [{"id": r["id"], "title": r["title"], "date": r["date"],
                            "parties": [party(conn, p, cache) for p in json.loads(r["parties"] or "[]")],
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
    Positions without titles are left out and don't break a run.

    Folded here over the positions in the (person, date, source, fact_id, titles) index's order: the
    database reads every position either way, and the gaps-and-islands query that folded them in SQL (two
    window functions and a self-join) cost 87 ms on SQLite and 11 ms on PostgreSQL for the five people
    named most on a 20,000-report ledger (1,800 positions), this loop 3 and 5 ms.
    """
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    limit = view_rows.MAX_SOURCES if limit is None else limit  # read when called (a test may lower it)
    p = positions.c
    for cond in view_rows.key_sets(conn, p.person, persons):
        current: dict[str, tuple[str, dict[str, Any]]] = {}
        q = (select(p.person, p.titles, p.date, p.source).where(cond, p.titles != "[]")
             .order_by(p.person, p.date, p.source, p.fact_id))
        for person, titles, date, source in conn.execute(q).all():
            run = current.get(person)
            if run is None or run[0] != titles:
                span = {"titles": json.loads(titles), "from": date, "to": date, "sources": [], "source_count": 0}
                out[person].append(span)
                current[person] = run = (titles, span)
            span = run[1]
            span["to"] = date
            span["source_count"] += 1
            if len(span["sources"]) < limit:
                span["sources"].append(source)
    return out
