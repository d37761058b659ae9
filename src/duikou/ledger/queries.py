"""Read-side service functions over the merged view. Plain data in, plain data out.

The CLI commands and the web API are thin wrappers over these. Every entity
comes with ``sources``: the reports that support it (source path, side,
publication date), so each line a user sees can be traced to its reports.
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.engine import Connection

from duikou.errors import LedgerError
from duikou.ledger.profile import SHOW_LIMIT, show
from duikou.ledger.resolve import not_rejected
from duikou.ledger.tables import (
    ENTITY_TABLES,
    amounts,
    builds,
    documents,
    events,
    facts,
    input_problems,
    judgements,
    pairings,
    parties,
    regions,
    statements,
)
from duikou.ledger.view_rows import (
    connect,
    entity_sources,
    event_rows,
    party,
    prefetch,
    programs,
    resolve_party,
    standing_only,
)
from duikou.reference import regions as reg


# -- pairings ------------------------------------------------------------------
def province_codes(conn: Connection, name_or_code: str) -> list[str]:
    """Province codes a user's ``--province`` means (a name such as 四川 / 四川省, or a code)."""
    if len(name_or_code) == 2 and name_or_code.isdigit() and reg.codes_for(name_or_code + "0000"):
        name_or_code += "0000"  # a province's two-digit code prefix (32: 江苏)
    codes = reg.codes_for(name_or_code)
    if not codes and not reg.is_code(name_or_code):
        codes = reg.codes_for(name_or_code + "省") + reg.codes_for(name_or_code + "市")
    out = set()
    for c in codes:
        row = reg.region(c)
        if row and row.get("province"):
            out.add(row["province"])
        elif row and row.get("level") == "province":
            out.add(c)
        elif reg.is_code(c):
            out.add(c[:2] + "0000")
    if not out:
        raise LedgerError(f"no province called {name_or_code!r}")
    return sorted(out)


def list_pairings(eng: Engine, province: str | None = None, program: str | None = None,
                  since: int | None = None, relations: bool = False) -> list[dict[str, Any]]:
    """Every standing pairing with its program, start year (earliest stated) and supporting reports.

    ``province`` keeps pairings with either side in that province; ``since``
    keeps those that started in that year or later; ``relations`` adds the
    relief and one-off donation relations (their ``relation`` says which).
    """
    with connect(eng) as conn:
        q = select(pairings)
        if not relations:
            q = q.where(standing_only())
        if program:
            q = q.where(pairings.c.program == program)
        if since is not None:
            q = q.where(pairings.c.since >= since)
        if province:
            provs = province_codes(conn, province)
            inside = select(regions.c.code).where(or_(regions.c.province.in_(provs), regions.c.code.in_(provs)))
            q = q.where(or_(pairings.c.helper.in_(inside), pairings.c.recipient.in_(inside)))
        rows = [dict(r) for r in conn.execute(q.order_by(pairings.c.helper, pairings.c.recipient,
                                                         pairings.c.program)).mappings()]
        srcs = entity_sources(conn, [r["id"] for r in rows])
        cache: dict[str, str | None] = {}
        prefetch(conn, [v for r in rows for v in (r["helper"], r["recipient"])], cache)
        return [{
            "id": r["id"], "helper": party(conn, r["helper"], cache), "recipient": party(conn, r["recipient"], cache),
            "program": r["program"], **programs(r), "since": r["since"], "relation": r.get("relation") or "standing",
            "source_count": r["sources"], "sources": [s["source"] for s in srcs.get(r["id"], [])],
        } for r in rows]


def list_events(eng: Engine, date_from: str | None = None, date_to: str | None = None,
                type: str | None = None, party: list[str] | None = None) -> list[dict[str, Any]]:
    """Events in date order, each with every report that tells it, split by the side that told it."""
    with connect(eng) as conn:
        q = select(events)
        if date_from:
            q = q.where(events.c.date >= date_from)
        if date_to:
            q = q.where(events.c.date <= date_to)
        if type:
            q = q.where(events.c.type == type)
        if party:
            q = q.where(or_(events.c.helper.in_(party), events.c.recipient.in_(party), events.c.place.in_(party)))
        rows = [dict(r) for r in conn.execute(q.order_by(events.c.date, events.c.type, events.c.id)).mappings()]
        return event_rows(conn, rows)


# -- provenance ------------------------------------------------------------------
def sources(eng: Engine, fact_or_entity: str) -> list[dict[str, Any]]:
    """Every fact behind an id (a fact id, or an entity id: all its facts), with its report (``document``:
    its id), its statements and its ``review`` state.

    A fact a reviewer rejected is no evidence of its entity: an entity's facts leave it out. Named by its
    own id it is still found (``review``: rejected), so that a reviewer can see it and undo the rejection.
    """
    with connect(eng) as conn:
        q = (select(facts, documents.c.source, documents.c.title, documents.c.published, documents.c.outlet,
                    documents.c.side)
             .join(documents, documents.c.id == facts.c.document_id)
             .where(or_(facts.c.id == fact_or_entity, and_(facts.c.entity == fact_or_entity, not_rejected())))
             .order_by(documents.c.published, documents.c.source, facts.c.seq))
        rows = [dict(r) for r in conn.execute(q).mappings()]
        if not rows and conn.execute(select(facts.c.id).where(facts.c.entity == fact_or_entity).limit(1)).first():
            raise LedgerError(f"every fact behind {fact_or_entity!r} was rejected by a reviewer: it has no sources")
        if not rows:
            raise LedgerError(f"no fact or entity with id {fact_or_entity!r}")
        stmts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        # Through the documents' index: statements have none on fact_id (it slowed every build).
        for s in conn.execute(select(statements).where(
                statements.c.document_id.in_(sorted({r["document_id"] for r in rows})),
                statements.c.fact_id.in_([r["id"] for r in rows]))
                .order_by(statements.c.fact_id, statements.c.id)).mappings():
            stmts[s["fact_id"]].append({"property": s["property"], "value": json.loads(s["value"]),
                                        "extractor": s["extractor"], "version": s["version"],
                                        "confidence": s["confidence"], "first_seen": s["first_seen"],
                                        "last_seen": s["last_seen"]})
        return [{"fact": r["id"], "entity": r["entity"], "kind": r["kind"], "document": r["document_id"],
                 "source": r["source"], "title": r["title"], "published": r["published"], "outlet": r["outlet"],
                 "side": r["side"],
                 "start": r["span_start"], "end": r["span_end"], "quote": r["quote"],
                 "extractor": r["extractor"], "confidence": r["confidence"], "data": json.loads(r["data"]),
                 "review": r["review"], "statements": stmts.get(r["id"], [])} for r in rows]


def stats(eng: Engine) -> dict[str, Any]:
    """How much the ledger holds."""
    with connect(eng) as conn:
        def n(table, *where) -> int:  # type: ignore[no-untyped-def]
            q = select(func.count()).select_from(table)
            return int(conn.execute(q.where(*where) if where else q).scalar_one())

        out: dict[str, Any] = {
            "documents": n(documents, documents.c.status != "retracted"),  # retracted ones are counted apart
            "documents_ok": n(documents, documents.c.status == "ok"),
            "documents_failed": n(documents, documents.c.status == "failed"),
            # judged off topic and kept out (stored with --keep-offtopic they are ok documents)
            "documents_offtopic": n(documents, documents.c.status == "offtopic"),
            "documents_retracted": n(documents, documents.c.status == "retracted"),
            # inputs the latest build could not use (duikou problems lists them)
            "inputs_rejected": n(input_problems, input_problems.c.fatal.is_(True), input_problems.c.run == (
                select(func.max(builds.c.started)).scalar_subquery())),
            "facts": n(facts),
            "statements": n(statements),
            "regions": n(regions),
            "parties": n(parties),
        }
        for kind, table in ENTITY_TABLES.items():
            out[kind] = n(table, standing_only()) if kind == "pairings" else n(table)
        out["relations"] = n(pairings) - out["pairings"]  # relief and one-off donation relations
        # pairings whose reports name two programmes (the most named one is kept: ``programs`` counts them)
        out["pairing_program_conflicts"] = n(pairings, pairings.c.program_conflict.is_(True))
        out["amount_conflicts"] = int(conn.execute(select(func.count(func.distinct(amounts.c.conflict)))
                                                   .where(amounts.c.conflict.is_not(None))).scalar_one())
        out["judgements_auto"] = n(judgements, judgements.c.auto.is_(True))
        out["judgements_human"] = n(judgements, judgements.c.auto.is_(False))
        return out


def failed_documents(eng: Engine) -> list[dict[str, Any]]:
    with connect(eng) as conn:
        return [dict(r) for r in conn.execute(select(documents.c.source, documents.c.reason)
                                              .where(documents.c.status == "failed")
                                              .order_by(documents.c.source)).mappings()]


def judgement_log(eng: Engine, human_only: bool = False) -> list[dict[str, Any]]:
    with connect(eng) as conn:
        q = select(judgements).order_by(judgements.c.id)
        if human_only:
            q = q.where(judgements.c.auto.is_(False))
        return [dict(r) for r in conn.execute(q).mappings()]


__all__ = ["list_pairings", "list_events", "show", "sources", "stats", "resolve_party", "province_codes",
           "failed_documents", "judgement_log", "standing_only", "SHOW_LIMIT"]
