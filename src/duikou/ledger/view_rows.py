"""What every read of the merged view shares: parties named (region codes with their names), the reports
behind each entity, a pairing's programme support, events as lines, which pairings are standing, and which
parties a user's name or code means."""
from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, TextClause, or_, select, text
from sqlalchemy.engine import Connection

from duikou.ledger import sql
from duikou.ledger.tables import pairings, parties, regions
from duikou.reference import regions as reg

MAX_SOURCES = 50  # per entity in profiles; the total is always given


def party(conn: Connection, value: str | None, cache: dict[str, str | None]) -> dict[str, Any] | None:
    if value is None:
        return None
    if value not in cache:
        name = None
        if reg.is_code(value):
            name = conn.execute(select(regions.c.name).where(regions.c.code == value)).scalar() or reg.name(value)
        cache[value] = name if name else value
    return {"id": value, "name": cache[value]}


def prefetch(conn: Connection, values: Any, cache: dict[str, str | None]) -> None:
    """Fill ``cache`` with the names of every region code in ``values`` in one query (for :func:`party`)."""
    codes = sorted({v for v in values if isinstance(v, str) and v not in cache and reg.is_code(v)})
    if not codes:
        return
    named = dict(conn.execute(select(regions.c.code, regions.c.name).where(regions.c.code.in_(codes))).all())
    for c in codes:
        name = named.get(c) or reg.name(c)
        cache[c] = name if name else c


def entity_sources(conn: Connection, entity_ids: list[str], limit: int | None = None) -> dict[str, list[dict[str, Any]]]:
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
    for chunk in sql.chunks(ordered):
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


def connect(eng: Engine) -> Connection:
    return eng.connect()


def standing_only(table: Any = pairings) -> Any:
    """The condition for standing pairings (NULL: stored before relations were kept apart)."""
    return or_(table.c.relation.is_(None), table.c.relation == "standing")


def programs(row: dict[str, Any]) -> dict[str, Any]:
    """A pairing's programme support: how many reports name each programme, and whether they disagree."""
    return {"programs": json.loads(row.get("programs") or "{}"), "program_conflict": bool(row.get("program_conflict"))}


def event_rows(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    srcs = entity_sources(conn, [r["id"] for r in rows])
    cache: dict[str, str | None] = {}
    prefetch(conn, [v for r in rows for v in (r["place"], r["helper"], r["recipient"])], cache)
    out = []
    for r in rows:
        ss = srcs.get(r["id"], [])
        out.append({
            "id": r["id"], "type": r["type"], "date": r["date"], "end_date": r["end_date"],
            "place": party(conn, r["place"], cache), "helper": party(conn, r["helper"], cache),
            "recipient": party(conn, r["recipient"], cache), "leaders": json.loads(r["leaders"] or "[]"),
            "source_count": r["sources"],
            "accounts": {side: [s["source"] for s in ss if (s["side"] or "unknown") == side]
                         for side in ("helper", "recipient", "unknown")},
            "sources": [s["source"] for s in ss],
        })
    return out


def resolve_party(eng: Engine, name_or_code: str) -> list[str]:
    """The party ids (region codes, or a party's printed name) that ``name_or_code`` means."""
    with connect(eng) as conn:
        codes = reg.codes_for(name_or_code)
        if not codes:
            codes = list(conn.execute(select(regions.c.code).where(regions.c.name == name_or_code)).scalars())
        if conn.execute(select(parties.c.name).where(parties.c.name == name_or_code)).first() is not None:
            codes.append(name_or_code)
        return sorted(set(codes))
