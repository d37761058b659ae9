"""One report as the ledger holds it, for the document view: its ``documents`` row, its facts in order, the
problems builds recorded about it, and the names of the regions its facts name."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, or_, select

from duikou.errors import LedgerError
from duikou.ledger.tables import documents, facts, input_problems
from duikou.ledger.view_rows import connect, party, prefetch

# Fact properties that hold a party (a region code or a printed name), and the list of them.
PARTY_KEYS = ("helper", "recipient", "payer", "payee", "place", "region")
PARTY_LISTS = ("parties",)


def _json(value: str | None, default: Any) -> Any:
    """A JSON column's value; ``default`` when it is empty or not JSON (a hand-edited row must not break a page)."""
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


def document(eng: Engine, doc_id: int) -> dict[str, Any]:
    """Document ``doc_id``: its row (JSON columns decoded), ``facts`` in order, ``problems`` and ``names``.

    ``facts`` are the stored facts in ``seq`` order with ``data`` decoded; ``problems`` the inputs builds
    could not use whose source is the report's source or file (each distinct problem once, as last
    recorded); ``names`` maps every party the facts name to its display name. Raises LedgerError for an
    id the ledger does not have.
    """
    with connect(eng) as conn:
        row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
        if row is None:
            raise LedgerError(f"no document {doc_id}")
        doc = dict(row)
        doc["authors"] = _json(doc["authors"], [])
        doc["citation"] = _json(doc["citation"], None)
        if doc["on_topic"] is not None:  # SQLite returns 0/1
            doc["on_topic"] = bool(doc["on_topic"])
        f = facts.c
        rows = [dict(r) for r in conn.execute(
            select(f.id, f.kind, f.seq, f.entity, f.data, f.span_start, f.span_end, f.quote, f.extractor,
                   f.confidence, f.review).where(f.document_id == doc_id).order_by(f.seq, f.id)).mappings()]
        for r in rows:
            r["data"] = _json(r["data"], {})
        doc["facts"] = rows
        doc["problems"] = _problems(conn, [s for s in (doc["source"], doc["path"]) if s])
        cache: dict[str, str | None] = {}
        named = [v for r in rows for v in named_parties(r["data"])]
        prefetch(conn, named, cache)
        doc["names"] = {v: (party(conn, v, cache) or {}).get("name", v) for v in named}
        return doc


def named_parties(data: dict[str, Any]) -> list[str]:
    """The parties a fact's data names (a region fact names its own code), as the document view and the
    review queue show them by name."""
    out = [data[k] for k in PARTY_KEYS if isinstance(data.get(k), str)]
    out += [p for k in PARTY_LISTS if isinstance(data.get(k), list) for p in data[k] if isinstance(p, str)]
    if isinstance(data.get("code"), str):
        out.append(data["code"])
    return out


def _problems(conn: Any, sources: list[str]) -> list[dict[str, Any]]:
    p = input_problems.c
    q = (select(p.run, p.line, p.reason, p.fatal, p.source, p.created)
         .where(or_(*(p.source == s for s in sources))).order_by(p.run.desc(), p.id))
    seen: set[tuple[Any, ...]] = set()
    out = []
    for r in conn.execute(q).mappings():  # newest run first: a problem every build repeats shows once
        key = (r["source"], r["line"], r["reason"], bool(r["fatal"]))
        if key in seen:
            continue
        seen.add(key)
        out.append({"source": r["source"], "line": r["line"], "reason": r["reason"], "fatal": bool(r["fatal"]),
                    "run": r["run"], "created": r["created"]})
    return sorted(out, key=lambda r: (r["line"] is not None, r["line"] or 0, r["reason"]))
