"""The evidence behind each exported entity: every fact's quote and span with its document.

Read here with one query over ``facts`` and ``documents`` (not through
``ledger.queries``) so the export names exactly the document columns it shows.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from duikou.ledger.resolve import not_rejected
from duikou.ledger.review import reviewed_condition
from duikou.ledger.tables import documents, facts

# Document columns the export shows: in the ``sources`` table, and beside every fact's evidence.
DOCUMENT_COLUMNS = ("id", "source", "url", "title", "published", "outlet", "side", "status", "reason", "body_hash")
EVIDENCE_DOCUMENT_COLUMNS = ("source", "url", "title", "published", "outlet", "side")


def document_rows(conn: Connection) -> list[dict[str, Any]]:
    """The ``documents`` rows (without their text), by id."""
    cols = [documents.c[n] for n in DOCUMENT_COLUMNS]
    return [dict(r) for r in conn.execute(select(*cols).order_by(documents.c.id)).mappings()]


def _order(e: dict[str, Any]) -> tuple[Any, ...]:
    # Earliest publication first, undated last, the same on SQLite and
    # PostgreSQL (their NULL orders differ, so the sort is done here).
    return (e["published"] is None, e["published"] or "", e["source"] or "", e["seq"], e["fact_id"])


def evidence(conn: Connection, kinds: tuple[str, ...], reviewed_only: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Every fact of ``kinds`` by entity id, earliest-published document first, with its evidence and review
    state. A fact a reviewer rejected is no evidence (its entity does not count it); ``reviewed_only``
    keeps the facts of reviewed entities alone (:func:`duikou.ledger.review.reviewed_condition`)."""
    doc_cols = [documents.c[n] for n in EVIDENCE_DOCUMENT_COLUMNS]
    q = (select(facts.c.id.label("fact_id"), facts.c.entity.label("entity_id"), facts.c.kind,
                facts.c.document_id.label("source_id"), facts.c.seq, facts.c.span_start, facts.c.span_end,
                facts.c.quote, facts.c.extractor, facts.c.confidence, facts.c.review, *doc_cols)
         .join(documents, documents.c.id == facts.c.document_id)
         .where(facts.c.kind.in_(kinds), not_rejected()))
    if reviewed_only:
        q = q.where(reviewed_condition(facts.c.entity))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(q).mappings():
        out[r["entity_id"]].append(dict(r))
    for rows in out.values():
        rows.sort(key=_order)
    return out


def first_evidence(facts_of_entity: list[dict[str, Any]]) -> dict[str, Any]:
    """The evidence columns of an entity row: its earliest-published source's quote, span and document."""
    e = facts_of_entity[0] if facts_of_entity else {}
    return {"quote": e.get("quote"), "span_start": e.get("span_start"), "span_end": e.get("span_end"),
            "source": e.get("source"), "url": e.get("url"), "outlet": e.get("outlet"),
            "published": e.get("published")}


def source_ids(facts_of_entity: list[dict[str, Any]]) -> list[int]:
    """The entity's documents once each, in evidence order (so the first is the one quoted)."""
    seen: dict[int, None] = {}
    for e in facts_of_entity:
        seen.setdefault(int(e["source_id"]), None)
    return list(seen)
