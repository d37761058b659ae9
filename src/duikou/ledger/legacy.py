"""TEMPORARY (W2a, while services/build.py still hands the store a Document and a contract dict): the
old ``Ledger.add(doc, record)`` call turned into records. Goes when the build passes records."""
from __future__ import annotations

from typing import Any

from duikou.schema import FACT_KINDS
from duikou.schema.records import Evidence, FactRecord, SourceRecord, TopicVerdict


def topic_of(record: dict[str, Any] | None) -> dict[str, Any] | None:
    t = ((record or {}).get("doc") or {}).get("topic")
    return t if isinstance(t, dict) else None


def from_contract(doc: Any, record: dict[str, Any] | None) -> tuple[SourceRecord, list[FactRecord]]:
    from duikou.extract.records import report_side

    found: list[FactRecord] = []
    for kind in FACT_KINDS:
        rows = (record or {}).get(kind) or []
        if kind == "pairings":
            rows = [*rows, *((record or {}).get("relations") or [])]
        for r in rows:
            ev: Any = r.get("evidence") or {}
            name, _, version = (r.get("extractor") or "").partition("@")
            found.append(FactRecord(kind, r, Evidence(ev.get("start"), ev.get("end"), ev.get("quote"))
                                    if ev else None, name or None, version or None, r.get("confidence")))
    main = next(((p["helper"], p["recipient"]) for p in (record or {}).get("pairings") or []
                 if p.get("helper") and p.get("recipient")), None)
    t: Any = topic_of(record)
    topic = None if t is None else TopicVerdict(bool(t.get("on_topic")), t.get("score"), t.get("reason"),
                                                t.get("scope"), tuple(tuple(p) for p in t.get("passages") or ()))
    return SourceRecord(source=doc.identity, body_hash=doc.id, path=doc.path, url=doc.url, title=doc.title,
                        published=doc.published or ((record or {}).get("doc") or {}).get("published"),
                        outlet=doc.outlet, script=doc.script, authors=tuple(doc.authors), text=doc.text,
                        topic=topic, main_pairing=main, side=report_side(doc.outlet, main)), found
