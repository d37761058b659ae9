"""Judgements and the merged view that follows them.

Nodes are facts and merge keys (a fact's ``base``). The clusters are the
connected components of:

1. human ``same`` judgements, in the order they were made;
2. each fact's link to its base (the automatic merge; undoing the automatic
   judgement that recorded it cuts the link),

where an edge is skipped when it would put two nodes of an active
``different`` judgement in one cluster. A judgement is active unless an
active ``undo`` names it; undos are rows too, so the table only grows.
A cluster's entity id is its smallest base id (a fact id when it has none).
:mod:`duikou.ledger.clusters` computes the clusters; a judgement or an undo reclusters only the connected
components around its two ids, so it costs what those entities hold, not what the ledger holds.

A fact a reviewer rejected (``facts.review``, :mod:`duikou.ledger.review`) keeps its place in its
cluster (so undoing the rejection brings it back) but no entity row counts it: the rows are
recomputed from the facts that are not rejected, and an entity left without any goes.
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Iterable, Unpack

from sqlalchemy import (ColumnElement, Connection, Engine, Row, bindparam, delete, func, literal_column, or_, select,
                        update)

from duikou.errors import LedgerError
from duikou.ledger import sql
from duikou.ledger.clusters import component, entities, every_fact, human_judgements, judged, undone_by
from duikou.ledger.conflicts import refresh_conflicts
from duikou.ledger.sql import now
from duikou.ledger.entities import DocContext, aggregate, effective
from duikou.ledger.entity_rows import relink_agreement_parties
from duikou.ledger.tables import ENTITY_TABLES, documents, entity_documents, facts, judgements, positions


def active_judgements(conn: Connection, kind: str | None = None) -> list[dict[str, Any]]:
    """Human judgements in force (not undone), oldest first; ``kind`` limits them to one fact kind. The
    build's automatic merges are left out (one per merged fact: :func:`clusters.judged` reads the few a
    person undid)."""
    rows = human_judgements(conn)
    undone = undone_by(rows)
    return [r for r in rows if r["id"] not in undone and r["verdict"] != "undo"
            and (kind is None or r["kind"] == kind)]


def recluster(conn: Connection, kind: str, around: Iterable[str | None] | None = None) -> int:
    """Recompute which entity the facts of ``kind`` belong to; returns how many facts moved.

    ``around``: only the facts in the connected components of these nodes (a judgement's two ids) are
    reclustered, with the result a whole recluster gives them (:mod:`duikou.ledger.clusters`): right
    when the rest already follows the judgements, as after every build and judgement. Without it, every
    fact of ``kind`` (after a build or a migration).
    """
    j = judged(conn, kind)
    if around is None:
        rows, bases = every_fact(conn, kind)
    else:
        rows, bases = component(conn, kind, [n for n in around if n], j)
    label = entities(rows, bases, j)
    moved: list[dict[str, str]] = []
    touched: set[str] = set()
    for fid, _, entity, _, _ in rows:
        new = label[fid]
        if new != entity:
            moved.append({"fid": fid, "entity": new})
            touched.update((entity, new))
    if moved:
        conn.execute(update(facts).where(facts.c.id == bindparam("fid")).values(entity=bindparam("entity")), moved)
        recompute_entities(conn, kind, touched)
    return len(moved)


def not_rejected() -> ColumnElement[bool]:
    """The facts an entity row counts: all but those a reviewer rejected."""
    # The state is written into the statement, not bound: the fact-kind filters stay the only parameters.
    return or_(facts.c.review.is_(None), facts.c.review != literal_column("'rejected'"))


def recompute_entities(conn: Connection, kind: str, ids: set[str]) -> None:
    """Rebuild the entity rows ``ids`` of ``kind`` from their facts (dropping those left without facts).

    Rejected facts are left out (:func:`not_rejected`): of the entity row, its sources and its links.
    """
    if kind not in ENTITY_TABLES or not ids:
        return
    if len(ids) > sql.COMPOUND_CHUNK:  # a slice per statement: a migration may queue every entity of a kind
        for part in sql.chunks(sorted(ids)):
            recompute_entities(conn, kind, set(part))
        return
    table = ENTITY_TABLES[kind]
    ids = set(ids)
    old_rows = [dict(r) for r in conn.execute(select(table).where(table.c.id.in_(sorted(ids)))).mappings()]
    groups: dict[str, list[Row[Unpack[tuple[Any, ...]]]]] = defaultdict(list)
    q = (select(facts.c.id, facts.c.entity, facts.c.data, facts.c.document_id, documents.c.published,
                documents.c.source, documents.c.side, documents.c.pairing)
         .join(documents, documents.c.id == facts.c.document_id)
         .where(facts.c.entity.in_(sorted(ids)), facts.c.kind == kind, not_rejected())
         .order_by(facts.c.document_id, facts.c.seq))
    for r in conn.execute(q):
        groups[r.entity].append(r)
    contexts = doc_contexts(conn, {r.document_id for rs in groups.values() for r in rs})
    conn.execute(delete(table).where(table.c.id.in_(sorted(ids))))
    conn.execute(delete(entity_documents).where(entity_documents.c.entity_id.in_(sorted(ids))))
    links = sorted({(eid, r.document_id, r.published, r.source, r.side) for eid, rs in groups.items() for r in rs})
    if links:
        conn.execute(entity_documents.insert(), [dict(zip(("entity_id", "document_id", "published", "source", "side"),
                                                          link)) for link in links])
    rows = []
    for eid in sorted(groups):
        # Report by report, as the store adds them: a pairing counts the reports naming each programme.
        by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for r in groups[eid]:
            by_doc[r.document_id].append(effective(kind, json.loads(r.data), contexts[r.document_id]))
        row: dict[str, Any] | None = None
        for effs in by_doc.values():
            row = aggregate(kind, eid, effs, row, 1)
        assert row is not None  # every group has a fact
        rows.append(row)
    if rows:
        conn.execute(table.insert(), rows)
    if kind == "people":
        for eid, rs in groups.items():
            conn.execute(update(positions).where(positions.c.fact_id.in_([r.id for r in rs])).values(person=eid))
    if kind == "agreements":
        relink_agreement_parties(conn, rows + [{"id": r["id"], "parties": "[]"} for r in old_rows
                                         if r["id"] not in groups])
    if kind == "amounts":
        refresh_conflicts(conn, rows + [r for r in old_rows if r["id"] not in groups])


def doc_contexts(conn: Connection, doc_ids: set[int]) -> dict[int, DocContext]:
    """Each document's context, as the store built it: its main pairing (the standing pairing fact whose
    base the document row names) and its date."""
    out: dict[int, DocContext] = {}
    if not doc_ids:
        return out
    docs = {r.id: r for r in conn.execute(select(documents.c.id, documents.c.source, documents.c.published,
                                                 documents.c.pairing)
                                          .where(documents.c.id.in_(sorted(doc_ids))))}
    main: dict[int, dict[str, Any]] = {}
    for r in conn.execute(select(facts.c.document_id, facts.c.base, facts.c.data).where(
            facts.c.document_id.in_(sorted(doc_ids)), facts.c.kind == "pairings").order_by(facts.c.seq)):
        if r.document_id not in main and r.base == docs[r.document_id].pairing:
            main[r.document_id] = json.loads(r.data)
    for i, d in docs.items():
        p = main.get(i, {})
        out[i] = DocContext(d.source, p.get("helper"), p.get("recipient"), d.published)
    return out


def _kind_of(conn: Connection, node: str) -> str:
    for col in (facts.c.id, facts.c.entity, facts.c.base):
        k = conn.execute(select(facts.c.kind).where(col == node).limit(1)).scalar()
        if k:
            return str(k)
    raise LedgerError(f"no fact or entity with id {node!r}")


def judge(eng: Engine, verdict: str, left: str, right: str, reason: str | None = None,
          author: str | None = None, force: bool = False) -> int:
    """Record a human judgement that two facts or entities are the same or different; returns its id.

    A ``same`` between entities whose keys disagree (two pairings with other
    helpers, two people with other names...) is refused unless ``force``;
    facts of two kinds are never judged (their entities live in different tables).
    """
    if verdict not in ("same", "different"):
        raise LedgerError(f"a judgement is 'same' or 'different', not {verdict!r}")
    if left == right:
        raise LedgerError("a judgement needs two different ids")
    with sql.transaction(eng) as conn:
        k1, k2 = _kind_of(conn, left), _kind_of(conn, right)
        if k1 != k2:
            raise LedgerError(_kinds_apart(left, k1, right, k2, verdict))
        clashes = implausible(conn, k1, left, right) if verdict == "same" else []
        if clashes and not force:
            raise LedgerError(f"{left} and {right} do not look like the same {_SINGULAR.get(k1, k1)}: "
                              f"{'; '.join(clashes)} (add --force to merge them anyway)")
        jid = sql.inserted_id(conn.execute(judgements.insert().values(
            kind=k1, verdict=verdict, left_id=left, right_id=right, reason=reason or "human judgement",
            author=author, forced=json.dumps(clashes, ensure_ascii=False) if force and clashes else None,
            auto=False, created=now())))
        recluster(conn, k1, (left, right))
        return int(jid)


def _kinds_apart(left: str, k1: str, right: str, k2: str, verdict: str) -> str:
    """Why a judgement between two kinds is refused, --force or not: their entities live in different
    tables, so no merge (or split) between them can be recorded."""
    a, b = _SINGULAR.get(k1, k1), _SINGULAR.get(k2, k2)
    said = f"{left} is {_article(a)} {a} and {right} {_article(b)} {b}"
    if verdict == "same":
        return f"{said}: an entity of kind {a} cannot be the same as one of kind {b} (not even with --force)"
    return f"{said}: entities of two kinds are different already"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


_SINGULAR = {"pairings": "pairing", "people": "person", "events": "event", "agreements": "agreement",
             "amounts": "amount", "counts": "count", "regions": "region"}

# Per kind, the properties that must agree for two entities to be one: (property, label, gaps allowed).
# A gap (one side unknown) is no disagreement where the property is often left unprinted.
_KEYS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "pairings": (("helper", "helpers", False), ("recipient", "recipients", False), ("program", "programs", True),
                 ("relation", "relations", True)),
    "people": (("name", "names", False), ("region", "regions", True)),
    "events": (("type", "types", False), ("helper", "helpers", True), ("recipient", "recipients", True)),
    "agreements": (("date", "dates", True),),
    "amounts": (("value", "values", False), ("role", "roles", False), ("cumulative", "cumulative flags", False),
                ("status", "statuses", False), ("payer", "payers", True), ("payee", "payees", True),
                ("period", "periods", True)),
    "counts": (("value", "values", False), ("unit", "units", True), ("role", "roles", True)),
    "regions": (("code", "codes", False),),
}
_UNSPECIFIED = {"program": "unspecified", "relation": "standing", "status": "done"}


def _node_view(conn: Connection, kind: str, node: str) -> dict[str, Any]:
    """What a node (fact, entity or base id) says: its entity row, else its first fact's effective data."""
    entity = None
    for col in (facts.c.id, facts.c.entity, facts.c.base):
        entity = conn.execute(select(facts.c.entity).where(col == node, facts.c.kind == kind).limit(1)).scalar()
        if entity:
            break
    if entity and kind in ENTITY_TABLES:
        table = ENTITY_TABLES[kind]
        row = conn.execute(select(table).where(table.c.id == entity)).mappings().first()
        if row is not None:
            return dict(row)
    data = conn.execute(select(facts.c.data).where(facts.c.entity == (entity or node)).limit(1)).scalar()
    return json.loads(data) if data else {}


def _shown(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "none" if v is None else str(v)


def implausible(conn: Connection, kind: str, left: str, right: str) -> list[str]:
    """Why ``left`` and ``right`` (of ``kind``) look like two things: their key properties that disagree."""
    a, b = _node_view(conn, kind, left), _node_view(conn, kind, right)
    out = []
    for prop, label, gaps in _KEYS.get(kind, ()):
        va, vb = a.get(prop), b.get(prop)
        if prop in _UNSPECIFIED:
            va, vb = va or _UNSPECIFIED[prop], vb or _UNSPECIFIED[prop]
            if prop == "program" and "unspecified" in (va, vb):
                continue
        if prop == "cumulative":
            va, vb = bool(va), bool(vb)
        if gaps and (va is None or vb is None):
            continue
        if va != vb:
            out.append(f"{label} differ ({_shown(va)} vs {_shown(vb)})")
    return out


def judgement_list(eng: Engine, include_auto: bool = False) -> list[dict[str, Any]]:
    """Past judgements, oldest first: who, when, what, why, and whether (and by which judgement) undone.

    The build's automatic merges are left out unless ``include_auto`` (they
    are one per merged fact); their author is ``build``.
    """
    with eng.connect() as conn:
        # Without the automatic merges, the human ones alone (every undo is one) from the (auto, kind) index.
        rows = human_judgements(conn) if not include_auto else [
            dict(r) for r in conn.execute(select(judgements).order_by(judgements.c.id)).mappings()]
    undone = undone_by(rows)
    out = []
    for r in rows:
        if r["auto"] and not include_auto:
            continue
        out.append({"id": r["id"], "created": r["created"], "author": "build" if r["auto"] else r["author"],
                    "verdict": r["verdict"], "kind": r["kind"], "left": r["left_id"], "right": r["right_id"],
                    "undoes": r["undoes"], "reason": r["reason"], "forced": json.loads(r["forced"] or "[]"),
                    "undone": r["id"] in undone, "undone_by": undone.get(r["id"])})
    return out


def undo(eng: Engine, number: int, reason: str | None = None, author: str | None = None) -> int:
    """Reverse judgement ``number`` (by appending an undo row); returns the undo's id."""
    with sql.transaction(eng) as conn:
        target = conn.execute(select(judgements).where(judgements.c.id == number)).mappings().first()
        if target is None:
            raise LedgerError(f"no judgement {number}")
        human = human_judgements(conn)
        if number in undone_by(human) and target["verdict"] != "undo":
            raise LedgerError(f"judgement {number} is already undone")
        jid = sql.inserted_id(conn.execute(judgements.insert().values(
            kind=target["kind"], verdict="undo", undoes=number, reason=reason or "human undo", author=author,
            auto=False, created=now())))
        judged_nodes = _nodes_of(conn, dict(target), {r["id"]: r for r in human})
        kinds = [target["kind"]] if target["kind"] else list(ENTITY_TABLES)
        for k in kinds:
            # Only the clusters around the judged ids change; a judgement of no kind (an old ledger's) may
            # concern any kind: those are reclustered whole.
            recluster(conn, k, judged_nodes if target["kind"] else None)
        return int(jid)


def _nodes_of(conn: Connection, row: dict[str, Any], human: dict[int, dict[str, Any]]) -> tuple[str | None, ...]:
    """The two ids a judgement is about; an undo's are those of the judgement it (or the undo it names) undoes."""
    while row["verdict"] == "undo" and row["undoes"] is not None:
        nxt = human.get(row["undoes"])
        if nxt is None:  # an automatic merge (no undo names an undo the build wrote)
            found = conn.execute(select(judgements).where(judgements.c.id == row["undoes"])).mappings().first()
            if found is None:
                return ()
            nxt = dict(found)
        row = nxt
    return row["left_id"], row["right_id"]


def human_judgement_kinds(conn: Connection) -> list[str]:
    return sorted(k for k in conn.execute(select(judgements.c.kind).where(judgements.c.auto.is_(False))
                                          .group_by(judgements.c.kind)).scalars() if k)


def count_judgements(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(judgements)).scalar_one()
