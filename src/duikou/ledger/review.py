"""Reviewing facts: accept, correct, reject, and undo a review; which entities are reviewed.

Every action is one transaction that appends a row to ``reviews`` (author, time, reason, and what the
fact said before and after), settles the fact's state from its reviews in force and recomputes what
that changes. A review is in force unless an undo names it; an undo cannot itself be undone (review
the fact again instead).

The state the reviews in force leave (``facts.review``):

- ``rejected`` when the latest accept or reject in force is a rejection: the fact stays (with its
  reviews) but no entity counts it (:func:`duikou.ledger.resolve.not_rejected`); an entity left with no
  fact goes from its table and lists until an undo brings the fact back;
- else ``corrected`` when a correction is in force: ``facts.data`` holds the corrected values (each
  corrected property: the ``after`` of its latest correction in force; with none left in force, the
  value extracted, read back from ``statements``, which keep what the extractor said);
- else ``accepted`` after an accept, else NULL (not reviewed).

A correction that changes the fact's merge key moves it to the entity the store would give it now
(:mod:`duikou.ledger.review_rebase`).

Rebuilds: a report stored again unchanged is skipped, so its facts and reviews stay as they are. A fact
id digests the report's source, its text's hash, the kind and the fact's place in the report
(:func:`duikou.ledger.prepare.prepare`): a report whose text changed gets new fact ids, and its old
reviews stay in the log but no longer apply. A report stored again with the same text (put back after
a retraction, failed before) gets the same ids back, and :func:`reapply` applies the reviews in force
to them, unless a corrected property no longer says what it said when it was first corrected (another
extractor read the report otherwise: that fact is left unreviewed).

Reviewed entities: an entity is reviewed when at least one of its facts is accepted or corrected
(:func:`reviewed_condition`, :func:`reviewed_entities`); lists, reports and exports limited to reviewed
facts use these.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

from sqlalchemy import Column, ColumnElement, Connection, Engine, and_, exists, select

from duikou.errors import LedgerError
from duikou.ledger import sql
from duikou.ledger.entities import dumps
from duikou.ledger.review_rebase import FactRow, fact_row, settle_effects
from duikou.ledger.tables import ENTITY_TABLES, facts, reviews, statements
from duikou.schema import FACT_KINDS, fact_types, validate

ACTIONS = ("accept", "correct", "reject", "undo")
STATES = ("accepted", "corrected", "rejected")
REVIEWED = ("accepted", "corrected")  # the states that make a fact's entity reviewed


# -- the actions ----------------------------------------------------------------------------------
def accept(eng: Engine, fact_id: str, author: str | None = None, reason: str | None = None) -> int:
    """Record that fact ``fact_id`` is right; returns the review's id."""
    return _verdict(eng, "accept", fact_id, author, reason)


def reject(eng: Engine, fact_id: str, author: str | None = None, reason: str | None = None) -> int:
    """Record that fact ``fact_id`` is wrong: its entity is recomputed without it; returns the review's id."""
    return _verdict(eng, "reject", fact_id, author, reason)


def _verdict(eng: Engine, action: str, fact_id: str, author: str | None, reason: str | None) -> int:
    with sql.transaction(eng) as conn:
        fact = _fact(conn, fact_id)
        state = fact.review
        if action == "accept" and state == "accepted":
            raise LedgerError(f"fact {fact_id} is already accepted")
        if action == "reject" and state == "rejected":
            raise LedgerError(f"fact {fact_id} is already rejected")
        rows = _reviews_of(conn, fact_id)
        new = {"action": action, "field": None, "undoes": None}
        data, after = _settle(conn, fact, [*rows, new])
        return _record(conn, fact, new, data, after, json.dumps(state), json.dumps(after), author, reason)


def correct(eng: Engine, fact_id: str, field: str, value: Any, author: str | None = None,
            reason: str | None = None) -> int:
    """Set property ``field`` of fact ``fact_id`` to ``value`` (checked against the schema); returns the
    review's id. The entity is recomputed; a fact whose merge key changes moves to its new entity."""
    with sql.transaction(eng) as conn:
        fact = _fact(conn, fact_id)
        if fact.review == "rejected":
            raise LedgerError(f"fact {fact_id} is rejected: undo its rejection before correcting it")
        check_correction(fact.kind, fact.data, field, value, fact_id)
        rows = _reviews_of(conn, fact_id)
        new = {"action": "correct", "field": field, "after": dumps(value), "undoes": None}
        data, state = _settle(conn, fact, [*rows, new])
        return _record(conn, fact, new, data, state, dumps(fact.data.get(field)), dumps(value), author, reason)


def check_correction(kind: str, data: dict[str, Any], field: str, value: Any, fact_id: str = "the fact") -> None:
    """Raise a clear :class:`LedgerError` unless setting ``field`` to ``value`` in a ``kind`` fact saying
    ``data`` gives a fact that fits the schema and says something new."""
    names = fact_types()[kind].names
    if field not in names:
        raise LedgerError(f"a {kind} fact has no property {field!r} (one of {', '.join(names)})")
    if data.get(field) == value:
        raise LedgerError(f"fact {fact_id} already says {field} = {dumps(value)}")
    problems = validate(kind, {**data, field: value})
    if problems:
        raise LedgerError(f"cannot set {field} of fact {fact_id} to {dumps(value)}: {'; '.join(problems)}")


def undo(eng: Engine, review_id: int, author: str | None = None, reason: str | None = None) -> int:
    """Reverse review ``review_id`` (a correction's value goes back, an accept or reject no longer counts);
    returns the id of the undo, itself a review row naming it."""
    with sql.transaction(eng) as conn:
        target = conn.execute(select(reviews).where(reviews.c.id == review_id)).mappings().first()
        if target is None:
            raise LedgerError(f"no review {review_id}")
        if target["action"] == "undo":
            raise LedgerError(f"review {review_id} is an undo, which cannot be undone: review fact "
                              f"{target['fact_id']} again instead")
        rows = _reviews_of(conn, target["fact_id"])
        by = next((r["id"] for r in rows if r["action"] == "undo" and r["undoes"] == review_id), None)
        if by is not None:
            raise LedgerError(f"review {review_id} is already undone (by review {by})")
        fact = fact_row(conn, target["fact_id"])
        if fact is None:
            raise LedgerError(f"review {review_id} is of fact {target['fact_id']}, which is no longer in the ledger "
                              f"(its report changed or was retracted)")
        new = {"action": "undo", "field": target["field"], "undoes": review_id}
        data, state = _settle(conn, fact, [*rows, new])
        field = target["field"]
        if field is not None:
            before, after = dumps(fact.data.get(field)), dumps(data.get(field))
        else:
            before, after = json.dumps(fact.review), json.dumps(state)
        return _record(conn, fact, new, data, state, before, after, author, reason)


def _record(conn: Connection, fact: FactRow, new: dict[str, Any], data: dict[str, Any], state: str | None,
            before: str, after: str, author: str | None, reason: str | None) -> int:
    """Append review ``new`` and write the state it settles (same transaction); returns its id."""
    rid = sql.inserted_id(conn.execute(reviews.insert().values(
        fact_id=fact.id, action=new["action"], field=new["field"], before=before, after=after,
        undoes=new["undoes"], reason=reason, author=author, created=sql.now())))
    settle_effects(conn, fact, data, state)
    return rid


# -- settling a fact from its reviews -----------------------------------------------------------
def _fact(conn: Connection, fact_id: str) -> FactRow:
    fact = fact_row(conn, fact_id)
    if fact is None:
        raise LedgerError(f"no fact with id {fact_id!r}")
    return fact


def _reviews_of(conn: Connection, fact_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(reviews).where(reviews.c.fact_id == fact_id)
                                          .order_by(reviews.c.id)).mappings()]


def in_force(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Of a fact's reviews (oldest first), the accepts, corrections and rejections no undo names."""
    undone = {r["undoes"] for r in rows if r["action"] == "undo"}
    return [r for r in rows if r["action"] != "undo" and r.get("id") not in undone]


def state_of(active: list[dict[str, Any]]) -> str | None:
    """The state reviews in force leave (see the module doc)."""
    verdicts = [r["action"] for r in active if r["action"] in ("accept", "reject")]
    if verdicts and verdicts[-1] == "reject":
        return "rejected"
    if any(r["action"] == "correct" for r in active):
        return "corrected"
    return "accepted" if verdicts else None


def _settle(conn: Connection, fact: FactRow, rows: list[dict[str, Any]]) -> tuple[dict[str, Any], str | None]:
    """The fact's data and state under ``rows`` (its reviews, oldest first, a new one last without an id)."""
    # A new undo names its target; a new row has no id, so nothing can name it.
    active = in_force(rows)
    data = dict(fact.data)
    fields = [r["field"] for r in rows if r["action"] == "correct"]
    if fields:
        extracted = _extracted(conn, fact)
        for field in dict.fromkeys(fields):
            latest = [r for r in active if r["action"] == "correct" and r["field"] == field]
            data[field] = json.loads(latest[-1]["after"]) if latest else extracted.get(field)
    return data, state_of(active)


def _extracted(conn: Connection, fact: FactRow) -> dict[str, Any]:
    """What the extractor said (the fact's statements; a property it left out is None)."""
    out: dict[str, Any] = {n: None for n in fact_types()[fact.kind].names}
    # Through the document's index: statements have none on fact_id.
    for prop, value in conn.execute(select(statements.c.property, statements.c.value).where(
            statements.c.document_id == fact.document_id, statements.c.fact_id == fact.id)):
        out[prop] = json.loads(value) if value is not None else None
    return out


# -- a report stored again ----------------------------------------------------------------------
def reapply(conn: Connection, fact_ids: Iterable[str]) -> int:
    """Apply the reviews in force to facts just stored again under ids they had before (see the module
    doc); returns how many facts got a review state back. Runs in the caller's transaction."""
    by_fact: dict[str, list[dict[str, Any]]] = {}
    for part in sql.chunks(sorted(set(fact_ids))):
        for r in conn.execute(select(reviews).where(reviews.c.fact_id.in_(part)).order_by(reviews.c.id)).mappings():
            by_fact.setdefault(r["fact_id"], []).append(dict(r))
    done = 0
    for fid, rows in sorted(by_fact.items()):
        fact = fact_row(conn, fid)
        if fact is None or not _same_premise(fact, rows):
            continue
        data, state = _settle(conn, fact, rows)
        if state is not None or data != fact.data:
            settle_effects(conn, fact, data, state)
            done += 1
    return done


def _same_premise(fact: FactRow, rows: list[dict[str, Any]]) -> bool:
    """Whether each corrected property says again what it said when it was first corrected."""
    first: dict[str, Any] = {}
    for r in rows:
        if r["action"] == "correct" and r["field"] not in first:
            first[r["field"]] = json.loads(r["before"]) if r["before"] is not None else None
    return all(fact.data.get(f) == v for f, v in first.items())


# -- reviewed entities --------------------------------------------------------------------------
def reviewed_condition(entity_id: Column[Any] | ColumnElement[Any]) -> ColumnElement[bool]:
    """A condition on an entity id column (``pairings.c.id``...): true for the entities at least one of
    whose facts is accepted or corrected. One index probe per row (``ix_facts_entity_document``); the facts
    are read under an alias, so the column may be ``facts.c.entity`` itself."""
    f = facts.alias("reviewed_fact")
    return exists(select(f.c.id).where(and_(f.c.entity == entity_id, f.c.review.in_(REVIEWED))))


def reviewed_entities(db: Connection | Engine, kind: str) -> set[str]:
    """The ids of the reviewed entities of ``kind`` (an entity table's kind, or ``regions``)."""
    if kind not in FACT_KINDS:
        raise LedgerError(f"no fact kind {kind!r} (one of {', '.join(FACT_KINDS)})")
    q = select(facts.c.entity).where(facts.c.kind == kind, facts.c.review.in_(REVIEWED)).distinct()
    if kind in ENTITY_TABLES:  # a fact whose entity has no row (every other fact rejected) is no entity
        table = ENTITY_TABLES[kind]
        q = q.where(exists(select(table.c.id).where(table.c.id == facts.c.entity)))
    if isinstance(db, Engine):
        with db.connect() as conn:
            return set(conn.execute(q).scalars())
    return set(db.execute(q).scalars())


__all__ = ["ACTIONS", "STATES", "REVIEWED", "accept", "reject", "correct", "undo", "reapply", "in_force",
           "state_of", "check_correction", "reviewed_condition", "reviewed_entities"]
