"""Writing and reading rows the same way on SQLite and PostgreSQL: the writer's transaction and lock,
bulk inserts and upserts on the driver, statements in chunks, the time a row is written.

SQLite writers take the database lock up front (``BEGIN IMMEDIATE``, set up in :mod:`duikou.ledger.db`);
PostgreSQL writers serialise on one advisory lock per transaction (:func:`write_lock`), which gives both
dialects the same one-writer-at-a-time semantics for builds and judgements.
"""
from __future__ import annotations

import datetime as dt
import functools
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

from sqlalchemy import Connection, CursorResult, Engine, text

from duikou.errors import LedgerError

_PG_LOCK_KEY = 0x64756B6F  # "duko": the ledger's advisory lock


def now() -> str:
    """The time a row is written: ISO UTC to the microsecond (the same text on every dialect)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


# SQLite allows 500 terms in a compound SELECT and 999 bound parameters: statements that
# name many keys are run in chunks of this many.
COMPOUND_CHUNK = 200


def chunks(keys: Sequence[str]) -> Iterator[list[str]]:
    """``keys`` in consecutive slices of at most :data:`COMPOUND_CHUNK`."""
    for i in range(0, len(keys), COMPOUND_CHUNK):
        yield list(keys[i:i + COMPOUND_CHUNK])


def is_sqlite(conn: Connection | Engine) -> bool:
    return conn.dialect.name == "sqlite"


def write_lock(conn: Connection) -> None:
    """Serialise writers for the rest of this transaction (SQLite already is, by BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})


@contextmanager
def transaction(eng: Engine) -> Iterator[Connection]:
    """One write transaction, holding the ledger's writer lock."""
    with eng.connect() as conn:
        conn.execution_options(ledger_write=True)
        with conn.begin():
            write_lock(conn)
            yield conn


def insert_ignore(conn: Connection, table, rows: list[dict[str, Any]]) -> None:  # type: ignore[no-untyped-def]
    """Insert rows, skipping those whose primary key is already there."""
    if rows:
        conn.execute(_insert_ignore(conn.dialect.name, table), rows)


def upsert(conn: Connection, table, rows: list[dict[str, Any]]) -> None:  # type: ignore[no-untyped-def]
    """Insert rows, replacing every column of those whose primary key is already there (one statement)."""
    if rows:
        conn.execute(_upsert(conn.dialect.name, table), rows)


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the one row an INSERT statement added."""
    key = result.inserted_primary_key
    if key is None:
        raise LedgerError("the database returned no key for a new row")
    return int(key[0])


def _insert(dialect: str):  # type: ignore[no-untyped-def]
    # Each dialect's insert() has its own return type (both have on_conflict_*).
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql
        return postgresql.insert
    from sqlalchemy.dialects import sqlite
    return sqlite.insert


# The statements are built once per table: they are used for every document.
@functools.lru_cache(maxsize=None)
def _insert_ignore(dialect: str, table):  # type: ignore[no-untyped-def]
    return _insert(dialect)(table).on_conflict_do_nothing()


@functools.lru_cache(maxsize=None)
def _upsert(dialect: str, table):  # type: ignore[no-untyped-def]
    stmt = _insert(dialect)(table)
    keys = [c.name for c in table.primary_key.columns]
    return stmt.on_conflict_do_update(index_elements=keys,
                                      set_={c.name: stmt.excluded[c.name] for c in table.c if c.name not in keys})


def insert_rows(conn: Connection, table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:  # type: ignore[no-untyped-def]
    """Insert plain tuples (values in ``columns`` order) in bulk, inside the current transaction.

    Used for the per-document bulk rows (statements, facts...). On SQLite the
    driver's executemany; on PostgreSQL one COPY (psycopg's pipelined
    executemany still runs one INSERT per row on the server). Building
    SQLAlchemy parameter sets for these rows cost more than the inserts
    themselves (profiled with benchmarks/ledger.py).
    """
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        cur = conn.connection.cursor()
        try:
            with cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        finally:
            cur.close()
    else:
        executemany(conn, _insert_sql(conn.dialect.paramstyle, table.name, columns), rows)
def upsert_rows(conn: Connection, table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:  # type: ignore[no-untyped-def]
    """Like :func:`insert_rows`, replacing the rows whose primary key is already there (driver executemany)."""
    if not rows:
        return
    keys = [c.name for c in table.primary_key.columns]
    sql = _insert_sql(conn.dialect.paramstyle, table.name, columns)
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
    executemany(conn, f"{sql} ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets}", rows)


def executemany(conn: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """Run ``sql`` (driver paramstyle) for each row on the DBAPI cursor, inside the current transaction.

    Skips SQLAlchemy's per-execution result setup, which cost more than the
    statement for the store's many small per-document writes (profiled with
    benchmarks/ledger.py).
    """
    cur = conn.connection.cursor()
    try:
        cur.executemany(sql, rows)
    finally:
        cur.close()


def fetch(conn: Connection, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Rows of a driver-paramstyle query as dicts, read on the DBAPI cursor (see :func:`executemany`)."""
    cur = conn.connection.cursor()
    try:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        cur.close()


@functools.lru_cache(maxsize=None)
def _insert_sql(paramstyle: str, table: str, columns: tuple[str, ...]) -> str:
    mark = "?" if paramstyle == "qmark" else "%s"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
