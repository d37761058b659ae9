"""Taking a source's facts out of the ledger (before it is stored again, or retracted) and the
retractions in force."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, Row, delete, select

from duikou.ledger.tables import ENTITY_TABLES, entity_documents, facts, positions, retractions, statements


def remove_facts(conn: Connection, doc_id: int) -> dict[str, set[str]]:
    """Delete a document's facts; returns the entities they belonged to, by kind (for the caller to
    recompute)."""
    touched: dict[str, set[str]] = defaultdict(set)
    for kind, entity in conn.execute(select(facts.c.kind, facts.c.entity).where(facts.c.document_id == doc_id)):
        if kind in ENTITY_TABLES:
            touched[kind].add(entity)
    conn.execute(delete(positions).where(positions.c.document_id == doc_id))
    conn.execute(delete(entity_documents).where(entity_documents.c.document_id == doc_id))
    conn.execute(delete(statements).where(statements.c.document_id == doc_id))
    conn.execute(delete(facts).where(facts.c.document_id == doc_id))
    return touched


def last_retraction(conn: Connection, doc_id: int) -> Row[tuple[object, ...]] | None:
    """The latest retraction of a document still in force (a ``retractions`` row; None when there is
    none)."""
    rows = conn.execute(select(retractions).where(retractions.c.document_id == doc_id)
                        .order_by(retractions.c.id)).all()
    undone = {r.undoes for r in rows if r.action == "undo"}
    live = [r for r in rows if r.action == "retract" and r.id not in undone]
    return live[-1] if live else None
