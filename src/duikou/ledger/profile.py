"""A region's or party's profile (``duikou show``): partners both ways, events, agreements, money, counts and
people with their titles over time, each line with its reports."""
from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, TextClause, and_, func, or_, select, text
from sqlalchemy.engine import Connection

from duikou.errors import LedgerError
from duikou.ledger import sql, view_rows
from duikou.ledger.tables import agreement_parties, agreements, amounts, counts, events, pairings, people
from duikou.ledger.view_rows import (
    connect,
    entity_sources,
    event_rows,
    party,
    prefetch,
    programs,
    resolve_party,
    standing_only,
)

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

    Folded in SQL (gaps and islands over two row numbers): a person named by
    thousands of reports costs one span per change of title, not a Python
    loop over every position (profiled with benchmarks/ledger.py).
    """
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    limit = view_rows.MAX_SOURCES if limit is None else limit  # read when called (a test may lower it)
    ordered = sorted(set(persons))
    for chunk in sql.chunks(ordered):
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
