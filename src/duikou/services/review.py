"""Curation by hand: judgements that two facts or entities are the same or different, reviewing facts (the
queue, accept, correct, reject, undo, a fact's history, the audit log) and retracting a report.

Reviews are recorded by :mod:`duikou.ledger.review` (what each state means, what a rebuild keeps); the
queue and the log by :mod:`duikou.ledger.review_queue` and :mod:`duikou.ledger.review_log`.

Putting a retracted report back extracts it again, so it lives with the build
(:func:`duikou.services.build.undo_retraction`).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, Table, or_, select

from duikou.errors import LedgerError, NotFoundError
from duikou.ingest.read import location
from duikou.ledger import resolve, review, review_log
from duikou.ledger.review_queue import contexts as _contexts
from duikou.ledger.review_queue import queue as _queue
from duikou.ledger.documents import list_retractions
from duikou.ledger.store import Ledger
from duikou.ledger.tables import documents, facts, judgements as judgement_rows, reviews
from duikou.services.connect import Db, engine_of, ledger_of


def _need(eng: Engine, table: Table, key: object, what: str, message: str) -> None:
    """A :class:`NotFoundError` unless ``table`` has a row whose id is ``key`` (checked before the ledger's
    own call, whose other refusals stay plain LedgerErrors: a 400, not a 404, on the web)."""
    with eng.connect() as conn:
        if conn.execute(select(table.c.id).where(table.c.id == key)).first() is None:
            raise NotFoundError(message, what, key)


def _need_fact(eng: Engine, fact_id: str) -> None:
    _need(eng, facts, fact_id, "fact", f"no fact with id {fact_id!r}")


def judge(db: Db, verdict: str, left: str, right: str, reason: str | None = None, author: str | None = None,
          force: bool = False) -> int:
    """Record that ``left`` and ``right`` are the same or different (``verdict``); returns the judgement's id."""
    with engine_of(db) as eng:
        return resolve.judge(eng, verdict, left, right, reason, author, force)


def undo_judgement(db: Db, number: int, reason: str | None = None, author: str | None = None) -> int:
    """Reverse judgement ``number``; returns the id of the judgement that undoes it (NotFoundError when
    there is no such judgement)."""
    with engine_of(db) as eng:
        _need(eng, judgement_rows, number, "judgement", f"no judgement {number}")
        return resolve.undo(eng, number, reason, author)


def judgements(db: Db, include_auto: bool = False) -> list[dict[str, Any]]:
    """Past judgements (with the build's automatic merges when ``include_auto``)."""
    with engine_of(db) as eng:
        return resolve.judgement_list(eng, include_auto)


def review_queue(db: Db, kind: str | None = None, state: str = "unreviewed", limit: int = 50,
                 offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of facts to review, lowest confidence and most cited first, and how many there are.

    ``state``: unreviewed, accepted, corrected, rejected or all. Each row: ``fact``, ``kind``,
    ``description``, ``data``, ``confidence``, ``entity``, ``sources`` (reports behind the entity),
    ``review``, ``document`` (id, title, source, url, published), ``start``, ``end`` and ``quote``.
    """
    with engine_of(db) as eng:
        return _queue(eng, kind, state, limit, offset)


def queue_context(db: Db, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """What a page of the queue shows of its rows' reports and facts beyond the rows, read for the page
    at once: ``texts`` (document id -> text), ``names`` (party -> display name, for the parties the rows'
    facts name) and ``histories`` (fact id -> :func:`fact_history`, for the facts that have reviews; the
    others have none)."""
    with engine_of(db) as eng:
        got = _contexts(eng, rows)
        return {"texts": got["texts"], "names": got["names"],
                "histories": {f: review_log.history(eng, f) for f in sorted(got["reviewed"])}}


def accept_fact(db: Db, fact_id: str, author: str | None = None, reason: str | None = None) -> int:
    """Record that a fact is right; returns the review's id (NotFoundError for an unknown fact)."""
    with engine_of(db) as eng:
        _need_fact(eng, fact_id)
        return review.accept(eng, fact_id, author, reason)


def reject_fact(db: Db, fact_id: str, author: str | None = None, reason: str | None = None) -> int:
    """Record that a fact is wrong (its entity no longer counts it); returns the review's id (NotFoundError
    for an unknown fact)."""
    with engine_of(db) as eng:
        _need_fact(eng, fact_id)
        return review.reject(eng, fact_id, author, reason)


def correct_fact(db: Db, fact_id: str, field: str, value: Any, author: str | None = None,
                 reason: str | None = None) -> int:
    """Set one property of a fact (checked against the schema); returns the review's id (NotFoundError for
    an unknown fact)."""
    with engine_of(db) as eng:
        _need_fact(eng, fact_id)
        return review.correct(eng, fact_id, field, value, author, reason)


def undo_review(db: Db, review_id: int, author: str | None = None, reason: str | None = None) -> int:
    """Reverse a review; returns the id of the undo (a review naming it; NotFoundError when there is no
    such review)."""
    with engine_of(db) as eng:
        _need(eng, reviews, review_id, "review", f"no review {review_id}")
        return review.undo(eng, review_id, author, reason)


def fact_history(db: Db, fact_id: str) -> list[dict[str, Any]]:
    """A fact's reviews, oldest first, each saying whether it was undone and by which review (a fact no
    longer stored keeps its history; NotFoundError for an id that never was a reviewed or stored fact)."""
    with engine_of(db) as eng:
        try:
            return review_log.history(eng, fact_id)
        except LedgerError as exc:  # its one refusal: no such fact
            raise NotFoundError(str(exc), "fact", fact_id) from exc


def audit_log(db: Db, limit: int = 50, offset: int = 0, author: str | None = None, kind: str | None = None,
              log: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """One page of the audit log (reviews, human judgements, retractions), newest first, and how many
    entries match; ``author``, ``kind`` (a fact kind) and ``log`` (review, judgement, retraction) filter it."""
    with engine_of(db) as eng:
        return review_log.audit(eng, limit, offset, author, kind, log)


def reviewed_entities(db: Db, kind: str) -> set[str]:
    """The ids of the entities of ``kind`` at least one of whose facts is accepted or corrected."""
    with engine_of(db) as eng:
        return review.reviewed_entities(eng, kind)


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
