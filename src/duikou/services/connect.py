"""A ledger named by its URL or given as an open engine: every service takes either."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Union

from sqlalchemy import Engine

from duikou.ledger.store import Ledger

Db = Union[Engine, str]  # an engine the caller owns, or a URL opened (and closed) by the service


@contextmanager
def engine_of(db: Db) -> Iterator[Engine]:
    """The engine of ``db``; one opened from a URL is disposed of afterwards, the caller's is left open."""
    if not isinstance(db, str):
        yield db
        return
    from duikou.ledger import db as ledger_db

    eng = ledger_db.engine(db)
    try:
        yield eng
    finally:
        eng.dispose()


@contextmanager
def ledger_of(db: Db) -> Iterator[Ledger]:
    """The :class:`Ledger` of ``db`` (its write side), closed afterwards only when opened here."""
    with engine_of(db) as eng:
        yield Ledger(db if isinstance(db, str) else eng.url.render_as_string(hide_password=False), engine=eng)


def revision(db: Db) -> str | None:
    """The ledger's schema revision, once opening it has applied every pending migration."""
    from duikou.ledger.db import current_revision

    with engine_of(db) as eng:
        return current_revision(eng)
