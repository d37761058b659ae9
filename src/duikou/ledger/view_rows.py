"""What every read of the merged view shares: parties named (region codes with their names), the reports
behind each entity, a pairing's programme support, events as lines, which pairings are standing, and which
parties a user's name or code means."""
from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Any, Iterable, Iterator

from sqlalchemy import ARRAY, Engine, Integer, String, TextClause, any_, bindparam, or_, select, text
from sqlalchemy.engine import Connection, Result

from duikou.ledger import sql
from duikou.ledger.tables import pairings, parties, regions
from duikou.reference import regions as reg

MAX_SOURCES = 50  # per entity in profiles; the total is always given


def _gazetteer_name(code: str) -> str | None:
    row = reg.region(code)
    return row["name"] if row and row["name"] else None


def party(conn: Connection, value: str | None, cache: dict[str, str | None]) -> dict[str, Any] | None:
    """A party as ``{"id", "name"}``: a region code with its name (see :func:`prefetch`), a party as printed."""
    if value is None:
        return None
    if value not in cache:
        prefetch(conn, [value], cache)
        cache.setdefault(value, value)
    return {"id": value, "name": cache[value]}


def prefetch(conn: Connection, values: Any, cache: dict[str, str | None]) -> None:
    """Fill ``cache`` with the names of every region code in ``values`` (for :func:`party`).

    The ledger's ``regions`` rows are the gazetteer's (written from :func:`duikou.reference.regions.region`),
    so a code the gazetteer names is named from memory; only the others (a code the gazetteer does not know)
    are read from the table, in one query. Asking PostgreSQL took a profile page four round trips.
    """
    codes = sorted({v for v in values if isinstance(v, str) and v not in cache and reg.is_code(v)})
    unknown = []
    for c in codes:
        name = _gazetteer_name(c)
        if name:
            cache[c] = name
        else:
            unknown.append(c)
    if not unknown:
        return
    named = dict(conn.execute(select(regions.c.code, regions.c.name).where(regions.c.code.in_(unknown))).all())
    for c in unknown:
        cache[c] = named.get(c) or c


def dicts(result: Result[Any]) -> list[dict[str, Any]]:
    """A result's rows as dicts, fetched at once: ``.mappings()`` made a mapping object a row (1,000 rows:
    3.7 ms against 1.2 ms), and a profile page reads about a thousand."""
    keys = list(result.keys())
    return [dict(zip(keys, r)) for r in result.all()]


def first_rows(conn: Connection, inner: str, keys: list[str], params: dict[str, Any] | None = None,
               ) -> list[tuple[Any, ...]]:
    """The rows of ``inner`` (a SELECT naming its key as ``:key`` and ending in a LIMIT) for each of
    ``keys``, each row led by its key.

    One LIMITed index read per key, as one statement: on PostgreSQL a LATERAL join over the keys as one
    array parameter; on SQLite (no LATERAL) a UNION ALL of one branch per key, in chunks. A UNION ALL of
    hundreds of branches cost PostgreSQL 10-120 ms to plan each time (EXPLAIN ANALYZE on a 20,000-report
    ledger: planning 12 ms, execution 5 ms for 40 keys; the LATERAL form 0.3 + 0.5 ms); SQLite runs a chunk
    of 200 keys in about 2.5 ms (the same text each time, so its statement cache keeps it prepared).
    """
    out: list[tuple[Any, ...]] = []
    ordered = sorted(set(keys))
    if not ordered:
        return out
    if conn.dialect.name == "postgresql":
        q = _lateral_sql(inner)
        return [tuple(r) for r in conn.execute(q, {**(params or {}), "keys": ordered}).all()]
    for chunk in sql.chunks(ordered):
        bound: dict[str, Any] = {**(params or {}), **{f"k{j}": k for j, k in enumerate(chunk)}}
        out += [tuple(r) for r in conn.execute(_union_sql(inner, len(chunk)), bound).all()]
    return out


@functools.lru_cache(maxsize=64)
def _lateral_sql(inner: str) -> TextClause:
    return text(f"SELECT x.ent, s.* FROM unnest(CAST(:keys AS varchar[])) AS x(ent) "
                f"CROSS JOIN LATERAL ({inner.replace(':key', 'x.ent')}) AS s")


@functools.lru_cache(maxsize=64)
def _union_sql(inner: str, n: int) -> TextClause:
    return text(" UNION ALL ".join(f"SELECT :k{j} AS ent, s{j}.* FROM ({inner.replace(':key', f':k{j}')}) AS s{j}"
                                   for j in range(n)))


def key_sets(conn: Connection, column: Any, keys: Iterable[Any]) -> Iterator[Any]:
    """Conditions ``column IN keys`` covering every key, a chunk of :data:`sql.COMPOUND_CHUNK` keys each:
    ``= ANY(array)`` on PostgreSQL (one parameter, planned once: an IN list of hundreds of parameters cost it
    milliseconds to plan), an IN list on SQLite (its 999 parameters). Chunked on PostgreSQL too: with 600
    keys its planner expected thousands of rows and read all of entity_documents (17 ms) where 200 at a time
    read the index (8 ms for the three; 20,000-report ledger). Nothing for no keys."""
    ordered = sorted(set(keys))
    pg = conn.dialect.name == "postgresql"
    item = Integer() if ordered and isinstance(ordered[0], int) else String()
    for i in range(0, len(ordered), sql.COMPOUND_CHUNK):
        chunk = ordered[i:i + sql.COMPOUND_CHUNK]
        yield column == any_(bindparam(None, chunk, type_=ARRAY(item))) if pg else column.in_(chunk)


# An entity's first reports by publication date: read from the (entity_id, published, source, ...) index.
_SOURCES = "SELECT source, side, published FROM entity_documents WHERE entity_id = :key ORDER BY published, source LIMIT :n"


def entity_sources(conn: Connection, entity_ids: list[str], limit: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """The documents supporting each entity, earliest publication first, at most ``limit`` each.

    Read from ``entity_documents``: one index range read per entity
    (entity_id, published, source) that stops after ``limit`` rows, so a
    pairing told by thousands of reports costs ``limit`` rows, not thousands
    (a window over all of the entities' documents read every row before ranking them).
    """
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    limit = MAX_SOURCES if limit is None else limit
    for entity, source, side, published in first_rows(conn, _SOURCES, entity_ids, {"n": limit}):
        out[entity].append({"source": source, "side": side, "published": published})
    return out


def connect(eng: Engine) -> Connection:
    return eng.connect()


def standing_only(table: Any = pairings) -> Any:
    """The condition for standing pairings (NULL: stored before relations were kept apart)."""
    return or_(table.c.relation.is_(None), table.c.relation == "standing")


def programs(row: dict[str, Any]) -> dict[str, Any]:
    """A pairing's programme support: how many reports name each programme, and whether they disagree."""
    return {"programs": json.loads(row.get("programs") or "{}"), "program_conflict": bool(row.get("program_conflict"))}


def event_rows(conn: Connection, rows: list[dict[str, Any]], sources: int | None = None) -> list[dict[str, Any]]:
    """Events as lines: parties named, leaders decoded, their first ``sources`` reports (default
    :data:`MAX_SOURCES`) as ``sources`` and by side as ``accounts``."""
    srcs = entity_sources(conn, [r["id"] for r in rows], sources)
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
