"""What the store reads from a report and its extraction record besides the facts: the context a fact may
borrow from (its main pairing, its date), its relevance verdict, and whose account it is."""
from __future__ import annotations

from typing import Any

from duikou.ingest.document import Document
from duikou.ledger.entities import DocContext
from duikou.reference import regions as reg


def doc_context(doc: Document, record: dict[str, Any] | None) -> DocContext:
    helper = recipient = None
    for p in (record or {}).get("pairings") or []:
        if isinstance(p, dict) and p.get("helper") and p.get("recipient"):
            helper, recipient = p["helper"], p["recipient"]
            break
    published = doc.published or ((record or {}).get("doc") or {}).get("published")
    return DocContext(doc.identity, helper, recipient, published)


def topic_of(record: dict[str, Any] | None) -> dict[str, Any] | None:
    """The relevance verdict of a contract record (None when it has none: then it counts as on topic)."""
    t = ((record or {}).get("doc") or {}).get("topic")
    return t if isinstance(t, dict) else None


def topic_columns(record: dict[str, Any] | None) -> dict[str, Any]:
    """The relevance verdict of a contract record as ``documents`` columns (NULL when the record has none)."""
    t = topic_of(record)
    if t is None:
        return {"on_topic": None, "topic_score": None, "topic_reason": None, "topic_scope": None}
    score = t.get("score")
    return {"on_topic": bool(t["on_topic"]) if isinstance(t.get("on_topic"), bool) else None,
            "topic_score": float(score) if isinstance(score, (int, float)) else None,
            "topic_reason": t.get("reason") if isinstance(t.get("reason"), str) else None,
            "topic_scope": t.get("scope") if isinstance(t.get("scope"), str) else None}


def report_side(doc: Document, ctx: DocContext) -> str | None:
    """Whose account a report is: the side its outlet is named after (宜兴日报 speaks for 宜兴).

    Only the outlet is used: a headline names both sides in any order, so it
    says nothing about who wrote it. Reports without a matching outlet have
    no side (shown as "unknown").
    """
    outlet = doc.outlet or ""
    if not outlet or not ctx.helper or not ctx.recipient:
        return None
    hits = {side for side, code in (("helper", ctx.helper), ("recipient", ctx.recipient))
            if any(n and n in outlet for n in (reg.short_names(code) if reg.is_code(code) else {code}))}
    return hits.pop() if len(hits) == 1 else None
