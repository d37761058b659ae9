"""Reading and writing entity rows: which entity a stored base resolves to, and folding a report's facts into
the entity tables (with an agreement's party links and the amounts' conflict flags)."""
from __future__ import annotations

import functools
import json
from typing import Any

from sqlalchemy import Boolean, Connection, TextClause, delete, text

from duikou.ledger import sql
from duikou.ledger.conflicts import refresh_conflicts
from duikou.ledger.entities import aggregate
from duikou.ledger.tables import ENTITY_TABLES, agreement_parties


def entities_of(conn: Connection, bases: set[str]) -> dict[str, str]:
    """The entity each already stored base currently resolves to (its earliest fact's entity).

    One index seek per base (``ix_facts_base_order``), all in one statement:
    a popular base (a pairing named by thousands of reports) costs no more
    than a rare one.
    """
    out: dict[str, str] = {}
    ordered = sorted(bases)
    for chunk in sql.chunks(ordered):
        params = {f"b{j}": b for j, b in enumerate(chunk)}
        for base, entity in conn.execute(_earliest_entity_sql(len(chunk)), params):
            if entity is not None:
                out[base] = entity
    return out


@functools.lru_cache(maxsize=None)
def _earliest_entity_sql(n: int) -> TextClause:
    # Plain SQL, built once per size: composing the same statement from
    # SQLAlchemy expressions cost more than the queries themselves (profiled).
    return text(" UNION ALL ".join(
        f"SELECT CAST(:b{j} AS VARCHAR(32)) AS base, (SELECT entity FROM facts WHERE base = :b{j} "
        f"ORDER BY document_id, seq LIMIT 1) AS entity" for j in range(n)))


def upsert_entities(conn: Connection, kind: str, groups: dict[str, list[dict[str, Any]]],
                     new: set[str]) -> None:
    """Fold one document's facts into their entity rows (one more source for each entity touched).

    Entities in ``new`` (their base was never stored) have no row yet: they
    are neither read nor upserted, just inserted. Rows are written as plain
    tuples: building SQLAlchemy parameter sets per row was a large part of
    each document's time (profiled with benchmarks/ledger.py).
    """
    table = ENTITY_TABLES[kind]
    ids = sorted(groups)
    old_ids = [eid for eid in ids if eid not in new]
    existing = _entity_rows(conn, table, old_ids)
    rows = [aggregate(kind, eid, groups[eid], existing.get(eid), 1) for eid in ids]
    cols = tuple(c.name for c in table.c)
    fresh = [tuple(r.get(c) for c in cols) for r in rows if r["id"] not in existing]
    again = [tuple(r.get(c) for c in cols) for r in rows if r["id"] in existing]
    sql.insert_rows(conn, table, cols, fresh)
    sql.upsert_rows(conn, table, cols, again)
    if kind == "agreements":
        # An agreement's parties only grow here (a union), so its links only need adding.
        sql.insert_ignore(conn, agreement_parties, _party_links(rows))
    if kind == "amounts":
        refresh_conflicts(conn, rows)


def _entity_rows(conn: Connection, table, ids: list[str]) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The stored rows of ``ids`` by id, read through the driver (building a SQLAlchemy IN select per
    document cost more than running it: profiled with benchmarks/ledger.py)."""
    if not ids:
        return {}
    bools = _bool_columns(table)
    out: dict[str, dict[str, Any]] = {}
    for part in sql.chunks(ids):
        chunk = tuple(part)
        for row in sql.fetch(conn, _entity_rows_sql(conn.dialect.paramstyle, table, len(chunk)), chunk):
            for c in bools:  # SQLite returns 0/1: the same values the Core select would give
                if row[c] is not None:
                    row[c] = bool(row[c])
            out[row["id"]] = row
    return out


@functools.lru_cache(maxsize=None)
def _entity_rows_sql(paramstyle: str, table, n: int) -> str:  # type: ignore[no-untyped-def]
    mark = "?" if paramstyle == "qmark" else "%s"
    return (f"SELECT {', '.join(c.name for c in table.c)} FROM {table.name} "
            f"WHERE id IN ({', '.join([mark] * n)})")


@functools.lru_cache(maxsize=None)
def _bool_columns(table) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(c.name for c in table.c if isinstance(c.type, Boolean))


def _party_links(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"agreement": r["id"], "party": p} for r in rows for p in sorted(set(json.loads(r["parties"] or "[]")))
            if isinstance(p, str)]


def relink_agreement_parties(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Replace the party links of the agreement ``rows`` (an agreement that is gone: ``parties`` [])."""
    ids = [r["id"] for r in rows]
    conn.execute(delete(agreement_parties).where(agreement_parties.c.agreement.in_(ids)))
    links = _party_links(rows)
    if links:
        conn.execute(agreement_parties.insert(), links)
