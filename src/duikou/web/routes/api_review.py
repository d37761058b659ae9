"""The review API: the queue, the audit log and a fact's history (GET), and accepting, rejecting,
correcting and undoing reviews and recording or undoing same/different judgements (POST).

A POST needs a curator's session and its CSRF token in the ``X-CSRF-Token`` header; its author is the
signed-in user. The body is JSON and optional where every field is (``{"reason": "..."}``). Errors are
``{"error": "..."}``: 400 for a request the ledger refuses (an unknown field, a fact already accepted),
401 without a session, 403 for a lower role or a missing token, 404 for an unknown fact, review or
judgement (the services' NotFoundError, mapped by web/errors.py).
"""
from __future__ import annotations

import math
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from duikou.services import review
from duikou.web.deps import User, engine, require_writer
from duikou.web.lanes import in_page_lane
from duikou.web.routes.review import CURATOR, MAX_PER_PAGE, PER_PAGE, find_item

router = APIRouter(prefix="/api", tags=["review"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"description": what, "content": {"application/json": {"example": {"error": "…"}}}}
    for code, what in ((400, "the ledger refuses the change (the message says why)"), (401, "not signed in"),
                       (403, "a role below curator, or no CSRF token"),
                       (404, "no such fact, review or judgement"))}


class Reason(BaseModel):
    """Why (kept with the review or judgement)."""

    reason: str | None = Field(None, max_length=2000)


class Correction(Reason):
    """The property to set and its new value (JSON of the property's type; null clears a nullable one)."""

    field: str = Field(..., max_length=100)
    value: Any = None


class Judgement(Reason):
    """Two facts or entities and whether they are the same or different; ``force`` records a ``same``
    whose merge keys disagree (two pairings with other helpers...)."""

    verdict: Literal["same", "different"]
    left: str = Field(..., max_length=100)
    right: str = Field(..., max_length=100)
    force: bool = False


class ReviewDone(BaseModel):
    """The review written (``review``: its id), the fact and the state it is in now."""

    review: int
    fact: str
    action: str
    state: str = Field(description="unreviewed, accepted, corrected or rejected")


class UndoDone(BaseModel):
    """The undo written (``review`` or ``judgement``: its id) and what it reversed (``undoes``)."""

    id: int
    undoes: int


class JudgementDone(BaseModel):
    """The judgement written."""

    judgement: int
    verdict: str
    left: str
    right: str


class Page(BaseModel):
    """One page of rows and how many there are in all."""

    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    pages: int


def _page(rows: list[dict[str, Any]], total: int, page: int, per_page: int) -> dict[str, Any]:
    return {"rows": rows, "total": total, "page": page, "per_page": per_page,
            "pages": max(1, math.ceil(total / per_page))}


def _done(request: Request, rid: int, fact_id: str, action: str) -> dict[str, Any]:
    return {"review": rid, "fact": fact_id, "action": action, "state": find_item(engine(request), fact_id).review}


def _why(body: Reason | None) -> str | None:
    return (body.reason or "").strip() or None if body else None


@router.get("/review-queue", response_model=Page, responses=ERRORS)
@in_page_lane
def review_queue(request: Request, kind: str | None = None, state: str = "unreviewed", page: int = Query(1, ge=1),
                 per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE)) -> dict[str, Any]:
    """Facts to review, lowest confidence and most cited first. Each row: ``fact``, ``kind``,
    ``description``, ``data``, ``confidence``, ``entity``, ``sources`` (reports behind its entity),
    ``review``, ``document`` (id, title, source, url, published), ``start``, ``end`` and ``quote``.
    ``state``: unreviewed (default), accepted, corrected, rejected or all."""
    rows, total = review.review_queue(engine(request), kind or None, state, per_page, (page - 1) * per_page)
    return _page(rows, total, page, per_page)


@router.get("/audit", response_model=Page, responses=ERRORS)
@in_page_lane
def audit(request: Request, author: str | None = None, kind: str | None = None, log: str | None = None,
          page: int = Query(1, ge=1), per_page: int = Query(50, ge=1, le=MAX_PER_PAGE)) -> dict[str, Any]:
    """The audit log, newest first. Each row: ``log`` (review, judgement, retraction), ``id``, ``created``,
    ``author``, ``action``, ``target`` and ``other`` (a fact, entity or document id), ``kind``, ``field``,
    ``before``, ``after``, ``undoes`` and ``reason``."""
    rows, total = review.audit_log(engine(request), per_page, (page - 1) * per_page, author or None, kind or None,
                                   log or None)
    return _page(rows, total, page, per_page)


@router.get("/facts/{fact_id}/history", response_model=list[dict[str, Any]], responses=ERRORS)
@in_page_lane
def history(request: Request, fact_id: str) -> list[dict[str, Any]]:
    """A fact's reviews, oldest first, each saying whether (and by which review) it was undone."""
    return review.fact_history(engine(request), fact_id)


@router.post("/facts/{fact_id}/accept", response_model=ReviewDone, responses=ERRORS)
@in_page_lane
def accept(request: Request, fact_id: str, body: Reason | None = None,
           user: User = Depends(require_writer(CURATOR))) -> dict[str, Any]:
    """Record that a fact is right."""
    return _done(request, review.accept_fact(engine(request), fact_id, user.name, _why(body)), fact_id, "accept")


@router.post("/facts/{fact_id}/reject", response_model=ReviewDone, responses=ERRORS)
@in_page_lane
def reject(request: Request, fact_id: str, body: Reason | None = None,
           user: User = Depends(require_writer(CURATOR))) -> dict[str, Any]:
    """Record that a fact is wrong: its entity no longer counts it (an undo brings it back)."""
    return _done(request, review.reject_fact(engine(request), fact_id, user.name, _why(body)), fact_id, "reject")


@router.post("/facts/{fact_id}/correct", response_model=ReviewDone, responses=ERRORS)
@in_page_lane
def correct(request: Request, fact_id: str, body: Correction,
            user: User = Depends(require_writer(CURATOR))) -> dict[str, Any]:
    """Set one property of a fact (checked against the schema); a fact whose merge key changes moves to
    the entity it now names."""
    rid = review.correct_fact(engine(request), fact_id, body.field, body.value, user.name, _why(body))
    return _done(request, rid, fact_id, "correct")


@router.post("/reviews/{review_id}/undo", response_model=UndoDone, responses=ERRORS)
@in_page_lane
def undo(request: Request, review_id: int, body: Reason | None = None,
         user: User = Depends(require_writer(CURATOR))) -> dict[str, Any]:
    """Reverse a review (a correction's old value comes back; an accept or reject no longer counts)."""
    return {"id": review.undo_review(engine(request), review_id, user.name, _why(body)), "undoes": review_id}


@router.post("/judgements", response_model=JudgementDone, responses=ERRORS)
@in_page_lane
def judge(request: Request, body: Judgement, user: User = Depends(require_writer(CURATOR))) -> dict[str, Any]:
    """Record that two facts or entities are the same or different."""
    left, right = body.left.strip(), body.right.strip()
    jid = review.judge(engine(request), body.verdict, left, right, _why(body), user.name, body.force)
    return {"judgement": jid, "verdict": body.verdict, "left": left, "right": right}


@router.post("/judgements/{judgement_id}/undo", response_model=UndoDone, responses=ERRORS)
@in_page_lane
def undo_judgement(request: Request, judgement_id: int, body: Reason | None = None,
                   user: User = Depends(require_writer(CURATOR))) -> dict[str, Any]:
    """Reverse a judgement."""
    return {"id": review.undo_judgement(engine(request), judgement_id, _why(body), user.name),
            "undoes": judgement_id}
