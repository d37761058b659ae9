"""Connecting to the ledger database, and everything that differs between dialects.

SQLite runs in WAL mode with a busy timeout, and every write transaction
starts with ``BEGIN IMMEDIATE`` so two writers queue on the lock instead of
failing when a reader upgrades to a writer. PostgreSQL writers serialise on
one advisory lock per transaction (:func:`write_lock`), which gives both
dialects the same one-writer-at-a-time semantics for builds and judgements.
"""
from __future__ import annotations

import datetime as dt
import functools
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from sqlalchemy import Connection, CursorResult, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from duikou.errors import ConfigError, LedgerError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 60_000
_PG_LOCK_KEY = 0x64756B6F  # "duko": the ledger's advisory lock


def now() -> str:
    """The time a row is written: ISO UTC to the microsecond (the same text on every dialect)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def engine(url: str, upgrade_schema: bool = True) -> Engine:
    """An engine for ``url``, with the schema brought up to date unless told otherwise."""
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise ConfigError(f"unusable database URL {url!r}: {err}") from None
    if parsed.get_backend_name() == "sqlite":
        eng = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None})
        _sqlite_setup(eng)
    elif parsed.get_backend_name() == "postgresql":
        eng = create_engine(parsed, pool_pre_ping=True)
    else:
        raise ConfigError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql")
    if upgrade_schema:
        upgrade(eng)
    return eng


def _sqlite_setup(eng: Engine) -> None:
    @event.listens_for(eng, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _wal_mode(cur)
        cur.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash can lose the last commits, not corrupt
        # A checkpoint fsyncs the database file. A build commit writes ~1 MB of
        # WAL frames per report (index pages keyed on hash ids), mostly pages a
        # later report dirties again, so a larger WAL folds more rewrites into one
        # checkpoint: every ~160 MB instead of the default ~4 MB (commit time per
        # 2,000 reports 5.4 s at ~40 MB, 4.0 s at ~160 MB; benchmarks/ledger.py).
        cur.execute("PRAGMA wal_autocheckpoint = 40000")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    # pysqlite's own transaction handling is off (isolation_level=None); we
    # emit BEGIN ourselves so writers take the lock up front.
    @event.listens_for(eng, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("ledger_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _wal_mode(cur: Any) -> None:
    """Put the database in WAL mode, waiting for other connections that are doing the same.

    Switching a new database file to WAL does not wait on the busy timeout:
    when two processes open the same fresh file at once, one of them gets
    "database is locked" at once, or the pragma silently keeps the old mode
    (measured: 3 processes opening 200 fresh files, 4-118 failures with
    SQLite 3.40). That made two builds started together on a new ledger fail
    now and then. So: retry until the mode is WAL, up to the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.001
    while True:
        try:
            mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err):
                raise
            mode = None
        if isinstance(mode, str) and mode.lower() == "wal":
            return
        if mode is not None and mode.lower() == "memory":  # an in-memory database has no WAL
            return
        if time.monotonic() > deadline:
            raise LedgerError(f"could not put the ledger in WAL mode (journal mode {mode!r}): "
                              "another process keeps it locked")
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


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


def _alembic_config(conn: Connection):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def upgrade(eng: Engine) -> str | None:
    """Apply every pending migration; returns the revision the database is at."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    try:
        with _write_begin(eng) as conn:
            head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
            current = MigrationContext.configure(conn).get_current_revision()
            if current != head:
                command.upgrade(_alembic_config(conn), "head")
                _recompute_pending(conn)
            return head
    except OperationalError as err:
        raise LedgerError(f"cannot open the ledger at {eng.url.render_as_string(hide_password=True)}: "
                          f"{err.orig}") from None


def _recompute_pending(conn: Connection) -> None:
    """Recompute what a migration queued in ``pending_recompute``, now that the schema matches the
    code that recomputes it: a row with an entity names an entity to rebuild from its facts (0008
    folds duplicate documents), a row without one a kind to recluster whole (0011 re-keys pairings)."""
    from sqlalchemy import inspect

    if not inspect(conn).has_table("pending_recompute"):
        return
    from duikou.ledger.resolve import recluster, recompute_entities

    queued: dict[str, set[str]] = {}
    whole: set[str] = set()
    for kind, entity in conn.execute(text("SELECT kind, entity FROM pending_recompute")):
        if entity is None:
            whole.add(kind)
        else:
            queued.setdefault(kind, set()).add(entity)
    for kind in sorted(whole):  # first: the entities queued may be the ones reclustering leaves empty
        recluster(conn, kind)
    for kind, entities in queued.items():
        recompute_entities(conn, kind, entities)
    conn.execute(text("DROP TABLE pending_recompute"))


def current_revision(eng: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with eng.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def transaction(eng: Engine) -> Iterator[Connection]:
    """One write transaction, holding the ledger's writer lock."""
    with _write_begin(eng) as conn:
        yield conn


@contextmanager
def _write_begin(eng: Engine) -> Iterator[Connection]:
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
