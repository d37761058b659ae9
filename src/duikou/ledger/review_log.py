"""The record of what people did to the ledger: a fact's reviews (:func:`history`) and one audit log
(:func:`audit`) merging reviews, human judgements and retractions, newest first.

The build's own automatic merges are not in the log (they are one per merged fact: ``duikou judgements
--all`` lists them); the build's own retractions (a file gone, a record that left its file) are, with the
author ``build``. Retractions name no person (the table keeps none).
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, Select, String, and_, case, cast, func, literal, null, select, true, union_all
from sqlalchemy.orm import aliased

from duikou.errors import LedgerError
from duikou.ledger.tables import facts, judgements, retractions, reviews

LOGS = ("review", "judgement", "retraction")
BUILD = "build"  # the author of what the build did by itself


def history(eng: Engine, fact_id: str) -> list[dict[str, Any]]:
    """Every review of fact ``fact_id``, oldest first, each saying whether (and by which review) it was
    undone. A fact no longer stored (its report changed) still has its history."""
    with eng.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(reviews).where(reviews.c.fact_id == fact_id)
                                              .order_by(reviews.c.id)).mappings()]
        if not rows and conn.execute(select(facts.c.id).where(facts.c.id == fact_id)).first() is None:
            raise LedgerError(f"no fact with id {fact_id!r}")
    undone_by = {r["undoes"]: r["id"] for r in rows if r["action"] == "undo"}
    return [{"id": r["id"], "fact": r["fact_id"], "created": r["created"], "author": r["author"],
             "action": r["action"], "field": r["field"], "before": _json(r["before"]), "after": _json(r["after"]),
             "undoes": r["undoes"], "reason": r["reason"], "undone": r["id"] in undone_by,
             "undone_by": undone_by.get(r["id"])} for r in rows]


def _json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _reviews() -> Select[Any]:
    r = reviews.c
    return (select(literal("review").label("log"), r.id, r.created, r.author, r.action,
                   r.fact_id.label("target"), cast(null(), String).label("other"), facts.c.kind, r.field,
                   r.before, r.after, r.undoes, r.reason)
            .select_from(reviews.outerjoin(facts, facts.c.id == r.fact_id)))


def _judgements() -> Select[Any]:
    j = judgements.c
    undone = aliased(judgements)  # an undo names the judgement it reverses: show that one's two ids
    return (select(literal("judgement").label("log"), j.id, j.created, j.author, j.verdict.label("action"),
                   func.coalesce(j.left_id, undone.c.left_id).label("target"),
                   func.coalesce(j.right_id, undone.c.right_id).label("other"), j.kind,
                   cast(null(), String).label("field"), cast(null(), String).label("before"),
                   cast(null(), String).label("after"), j.undoes, j.reason)
            .select_from(judgements.outerjoin(undone, undone.c.id == j.undoes))
            .where(j.auto.is_(False)))


def _retractions() -> Select[Any]:
    t = retractions.c
    undone = aliased(retractions)
    # before/after: the report's status (an undo puts back the status its retraction took away)
    before = case((t.action == "undo", literal("retracted")), else_=t.prior)
    after = case((t.action == "undo", undone.c.prior), else_=literal("retracted"))
    return (select(literal("retraction").label("log"), t.id, t.created,
                   case((t.auto.is_(True), literal(BUILD)), else_=cast(null(), String)).label("author"),
                   t.action, cast(t.document_id, String).label("target"), cast(null(), String).label("other"),
                   literal("documents").label("kind"), cast(null(), String).label("field"),
                   before.label("before"),
                   after.label("after"), t.undoes, t.reason)
            .select_from(retractions.outerjoin(undone, undone.c.id == t.undoes)))


def audit(eng: Engine, limit: int = 50, offset: int = 0, author: str | None = None, kind: str | None = None,
          log: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """One page of the audit log, newest first, and how many entries match.

    Each entry: ``log`` (review | judgement | retraction), its ``id`` there, ``created``, ``author``,
    ``action`` (accept, correct, reject, undo; same, different, undo; retract, undo), ``target`` (a fact,
    the first of a judgement's two ids, or a document id) and ``other`` (a judgement's second id),
    ``kind`` (the fact kind; ``documents`` for a retraction), ``field``, ``before`` and ``after``, ``undoes``
    and ``reason``. ``author`` limits it to one author (``build``: the build's own retractions), ``kind``
    to one fact kind, ``log`` to one of :data:`LOGS`.
    """
    if limit < 0 or offset < 0:
        raise LedgerError("the audit log's limit and offset cannot be negative")
    if log is not None and log not in LOGS:
        raise LedgerError(f"no audit log {log!r} (one of {', '.join(LOGS)})")
    parts = [q for name, q in (("review", _reviews()), ("judgement", _judgements()),
                               ("retraction", _retractions())) if log in (None, name)]
    entries = union_all(*parts).subquery("entries")
    cond = and_(true(), entries.c.author == author if author is not None else true(),
                entries.c.kind == kind if kind is not None else true())
    with eng.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(entries).where(cond)).scalar_one())
        page = conn.execute(select(entries).where(cond)
                            .order_by(entries.c.created.desc(), entries.c.log, entries.c.id.desc())
                            .limit(limit).offset(offset)).mappings().all()
    out = []
    for r in page:
        e = dict(r)
        if e["log"] == "review":  # a review's before/after are JSON; a retraction's are statuses
            e["before"], e["after"] = _json(e["before"]), _json(e["after"])
        out.append(e)
    return out, total


__all__ = ["history", "audit", "LOGS", "BUILD"]
