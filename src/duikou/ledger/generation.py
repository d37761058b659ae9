"""The ledger's generation: a short value that changes whenever anything a reader sees may have changed.

Every write to the ledger leaves a trace in an append-only table or an id sequence: a build stores
statements (new ids) and documents and ends with a ``builds`` row; a review, a judgement, a retraction or
its undo adds a row; a 台账 import adds or rewrites ``targets`` rows. The generation reads the largest id
of each of those tables (a single index lookup each, on SQLite and PostgreSQL alike) and the few
``targets`` rows' count, latest time and sum, so it costs well under a millisecond on a 20,000-report
ledger and can be asked before every cached read.
"""
from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from duikou.ledger.tables import builds, documents, judgements, retractions, reviews, statements, targets

_APPEND_ONLY = (builds, documents, judgements, retractions, reviews, statements)


def generation(conn: Connection) -> str:
    """A digest of the ledger's write marks (see the module docstring): equal values, same ledger."""
    marks = [select(func.max(t.c.id)).scalar_subquery() for t in _APPEND_ONLY]
    marks += [select(func.count()).select_from(targets).scalar_subquery(),
              select(func.max(targets.c.created)).scalar_subquery(),
              select(func.sum(targets.c.value)).scalar_subquery()]
    row = conn.execute(select(*marks)).one()
    return hashlib.sha256(repr(tuple(row)).encode()).hexdigest()[:16]
