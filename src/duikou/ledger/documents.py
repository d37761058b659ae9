"""The ledger's documents with their status and relevance verdict (``duikou documents``)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, or_, select

from duikou.ledger.tables import documents

STATUSES = ("ok", "failed", "offtopic")


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
