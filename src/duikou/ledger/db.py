"""Opening the ledger database: the engine for a URL (SQLite in WAL mode with a busy timeout, writers
starting with ``BEGIN IMMEDIATE`` so two queue on the lock instead of failing when a reader upgrades to a
writer; PostgreSQL), and the schema brought to head with what the migrations queued recomputed.

The row helpers every ledger module writes with (transactions, bulk inserts, chunks) are
:mod:`duikou.ledger.sql`'s; they are named here too for the callers outside the ledger.
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from duikou.errors import ConfigError, LedgerError
from duikou.ledger.sql import (
    COMPOUND_CHUNK,
    chunks,
    executemany,
    fetch,
    insert_ignore,
    insert_rows,
    inserted_id,
    is_sqlite,
    now,
    transaction,
    upsert,
    upsert_rows,
    write_lock,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 60_000


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
        with transaction(eng) as conn:
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


__all__ = ["engine", "upgrade", "current_revision", "MIGRATIONS", "BUSY_TIMEOUT_MS", "COMPOUND_CHUNK", "chunks",
           "executemany", "fetch", "insert_ignore", "insert_rows", "inserted_id", "is_sqlite", "now", "transaction",
           "upsert", "upsert_rows", "write_lock"]
