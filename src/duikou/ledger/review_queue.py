"""The review queue: facts to review, those most in need first.

Order: lowest confidence first (a fact without one, entered by hand, last), then the most cited (the
number of reports behind the fact's entity, its entity table's ``sources``) first, then by entity and
fact id, so pages are stable. Each row carries what a reviewer needs to judge the fact: a short
description, its data, its entity and how many reports it has, its report, and the sentence (span and
quote). Which facts fill a page, and how that stays cheap on a large ledger, is
:mod:`duikou.ledger.review_order`'s; :func:`contexts` reads what a page of the web queue shows of each
fact's report and history in a few statements for the whole page.
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, select, true

from duikou.errors import LedgerError
from duikou.ledger import review_order as order
from duikou.ledger.document_rows import named_parties
from duikou.ledger.tables import documents, facts, regions, reviews
from duikou.ledger.view_rows import party, prefetch
from duikou.schema import FACT_KINDS

QUEUE_STATES = ("unreviewed", "accepted", "corrected", "rejected", "all")
MAX_PAGE = 1000


def state_condition(state: str) -> ColumnElement[bool]:
    """The facts in review ``state`` (one of :data:`QUEUE_STATES`)."""
    if state not in QUEUE_STATES:
        raise LedgerError(f"no review state {state!r} (one of {', '.join(QUEUE_STATES)})")
    if state == "all":
        return true()
    return order.parts(state)[0]


def queue(eng: Engine, kind: str | None = None, state: str = "unreviewed", limit: int = 50,
          offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of facts to review (see the module doc for the order) and how many there are.

    ``state``: one of :data:`QUEUE_STATES`; ``kind``: a fact kind (None: every kind).
    """
    if kind is not None and kind not in FACT_KINDS:
        raise LedgerError(f"no fact kind {kind!r} (one of {', '.join(FACT_KINDS)})")
    if not 0 <= limit <= MAX_PAGE or offset < 0:
        raise LedgerError(f"a page of the queue holds 0 to {MAX_PAGE} facts from an offset of 0 or more")
    state_condition(state)  # refuses an unknown state
    with eng.connect() as conn:
        groups = order.groups(conn, eng, state, kind)
        total = sum(g.n for g in groups)
        ids: list[str] = []
        skip = offset
        for group in groups:  # lowest confidence first: the page's facts lie in one or two groups
            if len(ids) >= limit:
                break
            if skip >= group.n:
                skip -= group.n
                continue
            ids += order.page(conn, state, group, skip, limit - len(ids))
            skip = 0
        rows = _details(conn, ids, order.cited())
        names = _names(conn, rows)
    return [_row(r, names) for r in rows], total


def _details(conn: Connection, ids: list[str], cited: ColumnElement[Any]) -> list[dict[str, Any]]:
    """The queue rows of ``ids``, in that order."""
    if not ids:
        return []
    d = documents.c
    q = (select(facts.c.id, facts.c.kind, facts.c.data, facts.c.confidence, facts.c.entity, facts.c.review,
                facts.c.span_start, facts.c.span_end, facts.c.quote, facts.c.document_id, d.title, d.source, d.url,
                d.published, cited.label("cited"))
         .join(documents, d.id == facts.c.document_id).where(facts.c.id.in_(ids)))
    got = {r["id"]: dict(r) for r in conn.execute(q).mappings()}
    return [got[i] for i in ids]


def _names(conn: Connection, rows: list[dict[str, Any]]) -> dict[str, str]:
    codes = {v for r in rows for v in _values(json.loads(r["data"])) if len(v) == 6 and v.isdigit()}
    if not codes:
        return {}
    return {c: n for c, n in conn.execute(select(regions.c.code, regions.c.name).where(
        regions.c.code.in_(sorted(codes)))) if n}


def _values(data: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for v in data.values():
        out += [x for x in (v if isinstance(v, list) else [v]) if isinstance(x, str)]
    return out


def _row(r: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    data = json.loads(r["data"])
    return {"fact": r["id"], "kind": r["kind"], "description": describe(r["kind"], data, names), "data": data,
            "confidence": r["confidence"], "entity": r["entity"], "sources": int(r["cited"] or 0),
            "review": r["review"] or "unreviewed",
            "document": {"id": r["document_id"], "title": r["title"], "source": r["source"], "url": r["url"],
                         "published": r["published"]},
            "start": r["span_start"], "end": r["span_end"], "quote": r["quote"]}


def contexts(eng: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """What the web queue shows of a page's rows beyond the rows themselves, read for the whole page at
    once (a document view and a history read for each of 20 facts were 120 statements, 85 ms on
    PostgreSQL): ``texts`` (document id -> its text), ``names`` (party -> display name, for the parties the
    rows' facts name, as the document view names them) and ``reviewed`` (the facts that have reviews:
    the others' histories are empty)."""
    doc_ids = sorted({r["document"]["id"] for r in rows})
    fact_ids = [r["fact"] for r in rows]
    named = [v for r in rows for v in named_parties(r["data"])]
    with eng.connect() as conn:
        texts = {i: t or "" for i, t in conn.execute(select(documents.c.id, documents.c.text)
                                                      .where(documents.c.id.in_(doc_ids)))} if doc_ids else {}
        reviewed = set(conn.execute(select(reviews.c.fact_id).where(reviews.c.fact_id.in_(fact_ids)).distinct())
                       .scalars()) if fact_ids else set()
        cache: dict[str, str | None] = {}
        prefetch(conn, named, cache)
        names = {v: (party(conn, v, cache) or {}).get("name", v) for v in named}
    return {"texts": texts, "names": names, "reviewed": reviewed}


def describe(kind: str, data: dict[str, Any], names: dict[str, str] | None = None) -> str:
    """A fact in a few words: who helps whom, what happened when, how much, who (regions by name)."""
    names = names or {}

    def n(v: Any) -> str:
        return "?" if v in (None, "") else str(names.get(v, v)) if isinstance(v, str) else _number(v)

    def pair(a: Any, b: Any) -> str:
        return f"{n(a)} → {n(b)}" if a or b else ""

    parts: list[str]
    if kind == "pairings":
        parts = [pair(data.get("helper"), data.get("recipient")), str(data.get("program") or ""),
                 str(data.get("relation") or ""), f"since {data['since']}" if data.get("since") else ""]
    elif kind == "events":
        parts = [str(data.get("type") or ""), str(data.get("date") or "undated"),
                 pair(data.get("helper"), data.get("recipient")), f"at {n(data['place'])}" if data.get("place") else ""]
    elif kind == "agreements":
        parts = [f"《{data.get('title') or ''}》", str(data.get("date") or ""),
                 "、".join(n(p) for p in data.get("parties") or [])]
    elif kind == "amounts":
        parts = [n(data.get("value")) + " 元", str(data.get("role") or ""),
                 "cumulative" if data.get("cumulative") else "", "planned" if data.get("planned") else "",
                 pair(data.get("payer"), data.get("payee"))]
    elif kind == "counts":
        parts = [n(data.get("value")) + str(data.get("unit") or ""), str(data.get("role") or "")]
    elif kind == "people":
        titles = "、".join(str(t) for t in data.get("titles") or [])
        parts = [str(data.get("name") or "?"), f"({titles})" if titles else "", n(data.get("region"))
                 if data.get("region") else ""]
    elif kind == "regions":
        parts = [str(data.get("name") or "?"), f"({data.get('code')})", str(data.get("level") or "")]
    else:
        parts = [json.dumps(data, ensure_ascii=False)]
    return " ".join(p for p in parts if p)


def _number(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


__all__ = ["QUEUE_STATES", "MAX_PAGE", "queue", "contexts", "describe", "state_condition"]
