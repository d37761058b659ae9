"""What the store reads from a source record besides its facts: the context a fact may borrow from (the
main pairing, the date) and the source's ``documents`` row (its relevance verdict, provenance and side)."""
from __future__ import annotations

from typing import Any

from duikou.ledger.entities import DocContext, dumps
from duikou.schema.records import SourceRecord, TopicVerdict


def doc_context(source: SourceRecord) -> DocContext:
    """The context of ``source``'s facts: its main pairing, as the record gives it, and its date."""
    helper, recipient = source.main_pairing or (None, None)
    return DocContext(source.source, helper, recipient, source.published)


def topic_columns(topic: TopicVerdict | None) -> dict[str, Any]:
    """The relevance verdict as ``documents`` columns (NULL when the source has none)."""
    if topic is None:
        return {"on_topic": None, "topic_score": None, "topic_reason": None, "topic_scope": None}
    return {"on_topic": topic.on_topic, "topic_score": topic.score, "topic_reason": topic.reason,
            "topic_scope": topic.scope}


def document_row(source: SourceRecord, status: str, reason: str | None, side: str | None,
                 pairing: str | None, stamp: str) -> dict[str, Any]:
    """The ``documents`` row of ``source`` (without ``first_seen``); an off-topic report's text is not
    kept."""
    return {
        "source": source.source, "path": source.path, "body_hash": source.body_hash, "status": status,
        "reason": reason, "title": source.title, "published": source.published, "outlet": source.outlet,
        "script": source.script, "url": source.url, "authors": dumps(list(source.authors)),
        "text": None if status == "offtopic" else source.text, "last_seen": stamp, "side": side,
        "pairing": pairing, "provenance": source.provenance,
        "citation": dumps(source.citation.fields()) if source.citation is not None else None,
        **topic_columns(source.topic),
    }
