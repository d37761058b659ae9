"""Curation by hand: judgements that two facts or entities are the same or different, and retracting a report.

Putting a retracted report back extracts it again, so it lives with the build
(:func:`duikou.services.build.undo_retraction`).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from duikou.errors import LedgerError
from duikou.ingest.read import location
from duikou.ledger import resolve
from duikou.ledger.documents import list_retractions
from duikou.ledger.store import Ledger
from duikou.ledger.tables import documents
from duikou.services.connect import Db, engine_of, ledger_of


def judge(db: Db, verdict: str, left: str, right: str, reason: str | None = None, author: str | None = None,
          force: bool = False) -> int:
    """Record that ``left`` and ``right`` are the same or different (``verdict``); returns the judgement's id."""
    with engine_of(db) as eng:
        return resolve.judge(eng, verdict, left, right, reason, author, force)


def undo_judgement(db: Db, number: int, reason: str | None = None, author: str | None = None) -> int:
    """Reverse judgement ``number``; returns the id of the judgement that undoes it."""
    with engine_of(db) as eng:
        return resolve.undo(eng, number, reason, author)


def judgements(db: Db, include_auto: bool = False) -> list[dict[str, Any]]:
    """Past judgements (with the build's automatic merges when ``include_auto``)."""
    with engine_of(db) as eng:
        return resolve.judgement_list(eng, include_auto)


def find_documents(ledger: Ledger, target: str) -> list[tuple[int, str]]:
    """The documents ``target`` names: a document id, a stored source (a report's location or URL), or a
    file (every report read from it, by its resolved path)."""
    c = documents.c
    with ledger.engine.connect() as conn:
        if target.isdigit():
            rows = conn.execute(select(c.id, c.source).where(c.id == int(target))).all()
            if rows:
                return [(r.id, r.source) for r in rows]
        where = location(target) if target != "-" else target
        rows = conn.execute(select(c.id, c.source).where(or_(c.source == target, c.source == where,
                                                             c.path == where)).order_by(c.id)).all()
    return [(r.id, r.source) for r in rows]


def retract(db: Db, target: str, reason: str | None = None) -> list[tuple[int | None, str, int]]:
    """Retract the reports ``target`` names (see :func:`find_documents`); returns (retraction, source, document)
    for each (retraction None when it already was)."""
    with ledger_of(db) as ledger:
        found = find_documents(ledger, target)
        if not found:
            raise LedgerError(f"{target}: no such report in the ledger (a document id, a source or a file)")
        return [(ledger.retract(i, reason or "retracted by hand"), src, i) for i, src in found]


def retractions(db: Db) -> list[dict[str, Any]]:
    """Every retraction and its undoing, oldest first."""
    with engine_of(db) as eng:
        return list_retractions(eng)
