"""A list's rows as a page shows them (parties named, lists decoded, review state) and the documents
behind each row (the lines of a list's export)."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, func, or_, select
from sqlalchemy.engine import Connection

from duikou.ledger import sql
from duikou.ledger.review import REVIEWED  # accepted or corrected; a rejected fact never counts
from duikou.ledger.tables import documents, facts, reviews
from duikou.ledger.view_rows import party, prefetch, programs

# The party columns of each kind's rows (named as {"id", "name"}).
PARTIES = {"pairings": ("helper", "recipient"), "events": ("helper", "recipient", "place"), "agreements": (),
           "money": ("payer", "payee"), "counts": ("helper", "recipient"), "documents": ()}


def reviewed_ids(of_documents: bool = False) -> Select[Any]:
    """The entities (the documents, ``of_documents``) a reviewer accepted or corrected a fact of.

    Read through ``reviews``: ``facts.review`` is set only with a review written in the same transaction
    (0013), and the reviewed facts are few, so this reads the review log, not every fact of every row (an
    entity told by thousands of reports has thousands of facts)."""
    col = facts.c.document_id if of_documents else facts.c.entity
    # IN over the log, not a join: SQLite then looks each reviewed fact up by its key instead of
    # scanning every fact for a review (measured: 1 ms against 1 s on 500,000 facts)
    return select(col).where(facts.c.id.in_(select(reviews.c.fact_id)), facts.c.review.in_(REVIEWED)).distinct()


def shown_with(kind: str, t: Table) -> list[ColumnElement[Any]]:
    """What :func:`shape` needs beside a row's columns, selected with the row (no statement of its own):
    ``_reviewed`` (see :func:`reviewed_ids`; a hashed subquery, read once per statement) and, for a
    document, ``_facts`` (its facts, counted by an index range)."""
    out: list[ColumnElement[Any]] = [t.c.id.in_(reviewed_ids(kind == "documents")).label("_reviewed")]
    if kind == "documents":
        out.append(select(func.count()).where(facts.c.document_id == t.c.id).scalar_subquery().label("_facts"))
    return out


def shape(conn: Connection, kind: str, raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows (selected with :func:`shown_with`'s columns) as a page shows them: parties as ``{"id",
    "name"}``, JSON lists decoded, flags as booleans, ``sources`` (reports supporting the entity; a
    document's ``facts``) and ``reviewed``."""
    cache: dict[str, str | None] = {}
    if kind == "documents":
        return [{"id": r["id"], "title": r["title"], "published": r["published"], "outlet": r["outlet"],
                 "side": r["side"], "status": r["status"], "provenance": r["provenance"],
                 "on_topic": None if r["on_topic"] is None else bool(r["on_topic"]), "url": r["url"],
                 "source": r["source"], "facts": int(r["_facts"] or 0), "reviewed": bool(r["_reviewed"])}
                for r in raw]
    named = [json.loads(r["parties"] or "[]") for r in raw] if kind == "agreements" else []
    prefetch(conn, [r[c] for r in raw for c in PARTIES[kind]] + [p for ps in named for p in ps], cache)
    out = []
    for i, r in enumerate(raw):
        row: dict[str, Any] = {"id": r["id"]}
        for c in PARTIES[kind]:
            row[c] = party(conn, r[c], cache)
        if kind == "pairings":
            row.update(program=r["program"], **programs(r), since=r["since"], relation=r["relation"] or "standing")
        elif kind == "events":
            row.update(type=r["type"], date=r["date"], end_date=r["end_date"], leaders=json.loads(r["leaders"] or "[]"))
        elif kind == "agreements":
            row.update(title=r["title"], date=r["date"], parties=[party(conn, p, cache) for p in named[i]])
        else:
            row.update(value=r["value"], approx=bool(r["approx"]), role=r["role"], period=r["period"])
            if kind == "money":
                row.update(status=r["status"] or "done", cumulative=bool(r["cumulative"]), date=r["date"],
                           conflict=r["conflict"])
            else:
                row.update(unit=r["unit"])
        row["sources"] = r["sources"]
        row["reviewed"] = bool(r["_reviewed"])
        out.append(row)
    return out


def evidence(conn: Connection, kind: str, ids: list[Any]) -> dict[Any, list[dict[str, Any]]]:
    """Each row's source documents, earliest published first (undated last): the document's ``id``,
    ``url``, ``source`` (its file or record), ``published``, ``title`` and ``quotes``, the quotes of the
    entity's facts in it in text order. Rejected facts are no evidence. A document is its own source
    (no quotes: its facts are many)."""
    d = documents.c
    out: dict[Any, list[dict[str, Any]]] = {}
    if kind == "documents":
        for chunk in (ids[i:i + sql.COMPOUND_CHUNK] for i in range(0, len(ids), sql.COMPOUND_CHUNK)):
            for r in conn.execute(select(d.id, d.url, d.source, d.published, d.title).where(d.id.in_(chunk))).mappings():
                out[r["id"]] = [{**dict(r), "quotes": []}]
        return out
    found: dict[Any, dict[int, dict[str, Any]]] = {}
    for chunk in sql.chunks(ids):
        q = (select(facts.c.entity, facts.c.seq, facts.c.quote, d.id, d.url, d.source, d.published, d.title)
             .join(documents, d.id == facts.c.document_id)
             .where(facts.c.entity.in_(chunk), or_(facts.c.review.is_(None), facts.c.review != "rejected"))
             .order_by(facts.c.entity, facts.c.document_id, facts.c.seq))
        for r in conn.execute(q).mappings():
            docs = found.setdefault(r["entity"], {})
            src = docs.setdefault(r["id"], {"id": r["id"], "url": r["url"], "source": r["source"],
                                            "published": r["published"], "title": r["title"], "quotes": []})
            if r["quote"] and r["quote"] not in src["quotes"]:
                src["quotes"].append(r["quote"])
    for entity, docs in found.items():
        out[entity] = sorted(docs.values(), key=lambda s: (s["published"] is None, s["published"] or "",
                                                           s["source"], s["id"]))
    return out
