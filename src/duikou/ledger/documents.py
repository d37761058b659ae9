"""The ledger's documents with their status and relevance verdict (``duikou documents``), and the inputs
that builds could not use (``duikou problems``)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, or_, select

from duikou.ledger.tables import builds, documents, input_problems, retractions

STATUSES = ("ok", "failed", "offtopic", "retracted")


def list_documents(eng: Engine, status: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored documents (of one ``status`` when given) in source order, with their verdict.

    ``status="offtopic"`` lists every report judged off topic: kept out, or stored with ``--keep-offtopic``.
    """
    c = documents.c
    q = select(c.id, c.source, c.published, c.title, c.status, c.on_topic, c.topic_score, c.topic_scope,
               func.coalesce(c.topic_reason, c.reason).label("reason")).order_by(c.source)
    if status == "offtopic":  # kept out, or stored anyway with --keep-offtopic
        q = q.where(or_(c.status == "offtopic", c.on_topic.is_(False)))
    elif status is not None:
        q = q.where(c.status == status)
    if limit is not None:
        q = q.limit(limit)
    with eng.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
    for r in rows:
        if r["on_topic"] is not None:  # SQLite returns 0/1
            r["on_topic"] = bool(r["on_topic"])
        if r["topic_score"] is not None:
            r["topic_score"] = round(float(r["topic_score"]), 3)
    return rows


def count_by_status(eng: Engine) -> dict[str, int]:
    """How many documents the ledger holds per status."""
    with eng.connect() as conn:
        got: dict[str, int] = {s: n for s, n in conn.execute(select(documents.c.status, func.count())
                                                             .group_by(documents.c.status))}
    return {s: int(got.get(s, 0)) for s in STATUSES}


def list_problems(eng: Engine, every_run: bool = False) -> list[dict[str, Any]]:
    """What builds could not use: the rejected inputs and document problems of the latest build (of every
    build with ``every_run``), then every document stored as failed, with its reason and time."""
    p = input_problems.c
    q = select(p.run, p.source, p.line, p.fatal, p.reason).order_by(p.run, p.id)
    with eng.connect() as conn:
        if not every_run:
            q = q.where(p.run == select(func.max(builds.c.started)).scalar_subquery())
        rows = [{"when": r.run, "what": "input rejected" if r.fatal else "problem", "source": r.source,
                 "line": r.line, "reason": r.reason} for r in conn.execute(q)]
        d = documents.c
        rows += [{"when": r.last_seen, "what": "extraction failed", "source": r.source, "line": None,
                  "reason": r.reason} for r in conn.execute(select(d.source, d.reason, d.last_seen)
                                                            .where(d.status == "failed").order_by(d.source))]
    return rows


def list_retractions(eng: Engine) -> list[dict[str, Any]]:
    """Every retraction and its undoing, oldest first."""
    r, d = retractions.c, documents.c
    q = (select(r.id, r.action, r.undoes, r.auto, r.reason, r.created, d.source, d.status)
         .join(documents, d.id == r.document_id).order_by(r.id))
    with eng.connect() as conn:
        return [{**dict(m), "auto": bool(m["auto"])} for m in conn.execute(q).mappings()]
