"""A batch's rows written in bulk: COPY on PostgreSQL, the driver's executemany on SQLite.

On PostgreSQL an ``executemany`` still runs one statement per row on the server; ``COPY`` streams the
rows in one command. Rows whose ids the batch knows go straight in (:func:`copy_rows`, with ids drawn
from the table's sequence first: :func:`next_ids`); rows that must meet what is stored (an upsert, an
insert that skips what is there, an update by id) are copied into a temporary staging table and applied
in one ``INSERT ... SELECT`` / ``UPDATE ... FROM``. Below :data:`STAGE_MIN` rows the staging costs more
than it saves, so small sets take the executemany path on both databases. SQLite has no COPY:
executemany inside the batch's one transaction is its fastest path.

Measured with benchmarks/ledger.py's pre-extracted documents (2,000 facts-heavy documents, ~110
statements each, into a fresh PostgreSQL ledger, build's batches): 267-331 documents/s with COPY,
156-180 with executemany for the same rows.
"""
from __future__ import annotations

import zlib
from typing import Any, Sequence

from sqlalchemy import Connection, Table, text

from duikou.ledger import sql

# Fewer rows than this are written row by row (executemany) on PostgreSQL too: staging is four round
# trips, which a handful of rows does not repay (updating n documents by id, best of 5: 8 rows 0.56 ms
# staged against 0.36 executemany, 16 rows 0.46 / 0.53, 64 rows 0.74 / 1.49, 512 rows 11.7 / 19.3).
STAGE_MIN = 16


def next_ids(conn: Connection, table: Table, n: int) -> list[int]:
    """``n`` new ids for ``table``'s integer key, ascending, as the database would give the next ``n``
    inserts (the caller holds the writer lock: :func:`duikou.ledger.sql.transaction`)."""
    if n <= 0:
        return []
    if sql.is_sqlite(conn):  # no AUTOINCREMENT: a new rowid is the largest one plus one
        top = conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {table.name}")).scalar_one()
        return list(range(int(top) + 1, int(top) + 1 + n))
    rows = conn.execute(text(f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                             "FROM generate_series(1, :n)"), {"n": n}).scalars().all()
    return sorted(int(i) for i in rows)


def copy_rows(conn: Connection, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (values in ``columns`` order): COPY on PostgreSQL, executemany on SQLite."""
    sql.insert_rows(conn, table, columns, list(rows))


def upsert_rows(conn: Connection, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert ``rows``, replacing the columns of those whose key is already stored."""
    if len(rows) < STAGE_MIN or sql.is_sqlite(conn):
        sql.upsert_rows(conn, table, columns, list(rows))
        return
    keys = [c.name for c in table.primary_key.columns]
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
    cols = ", ".join(columns)
    _through_stage(conn, table, columns, rows,
                   f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM {{stage}} "
                   f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets}")


def insert_missing(conn: Connection, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert ``rows``, skipping those whose key is already stored."""
    if not rows:
        return
    if len(rows) < STAGE_MIN or sql.is_sqlite(conn):
        sql.insert_ignore(conn, table, [dict(zip(columns, r)) for r in rows])
        return
    cols = ", ".join(columns)
    _through_stage(conn, table, columns, rows,
                   f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM {{stage}} ON CONFLICT DO NOTHING")


def update_by_id(conn: Connection, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]],
                 keep_null: tuple[str, ...] = ()) -> None:
    """Set ``columns`` (after the first, ``id``) of the rows with each row's id; a None in a column of
    ``keep_null`` leaves the stored value."""
    if not rows:
        return
    def value(c: str, src: str) -> str:
        return f"coalesce({src}.{c}, {table.name}.{c})" if c in keep_null else f"{src}.{c}"

    if len(rows) < STAGE_MIN or sql.is_sqlite(conn):
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        sets = ", ".join(f"{c} = coalesce({mark}, {c})" if c in keep_null else f"{c} = {mark}" for c in columns[1:])
        sql.executemany(conn, f"UPDATE {table.name} SET {sets} WHERE id = {mark}",
                        [(*r[1:], r[0]) for r in rows])
        return
    sets = ", ".join(f"{c} = {value(c, 's')}" for c in columns[1:])
    _through_stage(conn, table, columns, rows, f"UPDATE {table.name} SET {sets} FROM {{stage}} AS s "
                                               f"WHERE {table.name}.id = s.id")


def _through_stage(conn: Connection, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]],
                   apply: str) -> None:
    """COPY ``rows`` into a staging table, run ``apply`` (``{stage}`` names it), empty the stage."""
    stage = _stage(conn, table, columns)
    cur = conn.connection.cursor()
    try:
        with cur.copy(f"COPY {stage} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cur.execute(apply.format(stage=stage))
        cur.execute(f"DELETE FROM {stage}")  # not TRUNCATE: on a small temporary table it cost 2 ms a call
    finally:
        cur.close()


def _stage(conn: Connection, table: Table, columns: tuple[str, ...]) -> str:
    """The session's staging table for ``columns`` of ``table``: a temporary table of those columns alone,
    without constraints, so COPY checks nothing before the one statement that applies it. Made where
    missing each time (one round trip): made once and remembered, a rolled-back batch would take it away
    unseen."""
    name = f"stage_{table.name}_{zlib.crc32(','.join(columns).encode()):08x}"
    conn.exec_driver_sql(f"CREATE TEMPORARY TABLE IF NOT EXISTS {name} AS "
                         f"SELECT {', '.join(columns)} FROM {table.name} WITH NO DATA")
    return name
