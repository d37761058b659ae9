"""What a review changes beyond the fact's row: its merge base, its entity, its report's context, the
entity rows that count it, a person's title and the reference rows a corrected party needs.

A corrected fact gets the base the store would give it now (:func:`duikou.ledger.prepare.prepare`): the
merge key of its effective properties, or for a dated event the stored event of the same type and pairing
within a day (:mod:`duikou.ledger.event_match`). When the base changes, the fact joins the entity that
key names, or starts its own; when people have judged facts of its kind, the kind is reclustered instead
(:func:`duikou.ledger.resolve.recluster`), so their judgements still apply. Correcting a report's main
pairing (the pairing ``documents.pairing`` names) changes what the report's other facts borrow (an event's
or a figure's missing helper and recipient): the report's main pairing follows the corrected fact, and its
events, amounts and counts are rebased too.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select, update

from duikou.ledger.entities import DocContext, base_key, dumps, effective, is_standing
from duikou.ledger.event_match import event_base, events_near
from duikou.ledger.fact_rows import References
from duikou.ledger.resolve import doc_contexts, recluster, recompute_entities
from duikou.ledger.tables import documents, facts, judgements, positions
from duikou.reference import regions as reg
from duikou.schema import fact_types

# Kinds whose effective properties borrow the report's main pairing (entities.effective).
_BORROWING = ("events", "amounts", "counts")
# What makes two dated events one (event_match.event_base): a change elsewhere keeps the event's base.
_EVENT_KEY = ("type", "date", "helper", "recipient")


@dataclass
class FactRow:
    """A stored fact as a review reads it."""

    id: str
    kind: str
    document_id: int
    seq: int
    base: str
    entity: str
    data: dict[str, Any]
    review: str | None


def fact_row(conn: Connection, fact_id: str) -> FactRow | None:
    """The stored fact ``fact_id`` (None when there is none)."""
    r = conn.execute(select(facts.c.id, facts.c.kind, facts.c.document_id, facts.c.seq, facts.c.base,
                            facts.c.entity, facts.c.data, facts.c.review).where(facts.c.id == fact_id)).first()
    if r is None:
        return None
    return FactRow(r.id, r.kind, r.document_id, r.seq, r.base, r.entity, json.loads(r.data), r.review)


def settle_effects(conn: Connection, fact: FactRow, data: dict[str, Any], state: str | None) -> None:
    """Write the fact's settled ``data`` and ``state`` and everything they change (see the module doc)."""
    changed = data != fact.data
    # The report's context as it was: correcting its main pairing changes what its other facts borrow.
    ctx = doc_contexts(conn, {fact.document_id})[fact.document_id] if changed else None
    conn.execute(update(facts).where(facts.c.id == fact.id).values(data=dumps(data), review=state))
    if ctx is None and (state == "rejected") == (fact.review == "rejected"):
        return  # an accept (or its undo) changes no entity
    touched: dict[str, set[str]] = defaultdict(set)
    touched[fact.kind].add(fact.entity)
    regroup: set[str] = set()
    for moved, base in _rebase(conn, fact, data, ctx) if ctx is not None else []:
        entity = _move(conn, moved, base)
        if entity is None:
            regroup.add(moved.kind)
        touched[moved.kind] |= {moved.entity, entity or moved.entity}
    for kind in sorted(regroup):
        recluster(conn, kind)  # judgements decide where the facts go (and recompute what they move)
    entity = conn.execute(select(facts.c.entity).where(facts.c.id == fact.id)).scalar_one()
    touched[fact.kind].add(entity)
    if fact.kind == "people":
        _sync_position(conn, fact, entity, data, state)
    if changed:
        _add_references(conn, fact.kind, data)
    for kind, ids in touched.items():
        recompute_entities(conn, kind, ids)


def _move(conn: Connection, fact: FactRow, base: str) -> str | None:
    """Put a fact whose base changed in the entity of its new base; returns that entity, or None when
    human judgements of its kind (a merge, a split, an automatic merge undone) may place it otherwise:
    then the kind is reclustered (:func:`duikou.ledger.resolve.recluster`, which reads every judgement)."""
    if conn.execute(select(judgements.c.id).where(judgements.c.auto.is_(False), judgements.c.kind == fact.kind)
                    .limit(1)).first() is not None:
        return None
    # Without human judgements an entity is its base's: the entity of the base's other facts, else the base.
    entity = conn.execute(select(facts.c.entity).where(facts.c.base == base, facts.c.id != fact.id)
                          .order_by(facts.c.document_id, facts.c.seq).limit(1)).scalar() or base
    conn.execute(update(facts).where(facts.c.id == fact.id).values(entity=entity))
    return str(entity)


def _rebase(conn: Connection, fact: FactRow, data: dict[str, Any], ctx: DocContext) -> list[tuple[FactRow, str]]:
    """Give the fact the base its new ``data`` has (in its report's context ``ctx``, which only its main
    pairing can change); returns the facts whose base changed (this one, its report's borrowers) with it."""
    base = _base(conn, fact, fact.data, data, ctx, ctx)
    if base == fact.base:
        return []
    main = fact.kind == "pairings" and _is_main_pairing(conn, fact)
    conn.execute(update(facts).where(facts.c.id == fact.id).values(base=base))
    moved = [(fact, base)]
    if main:
        conn.execute(update(documents).where(documents.c.id == fact.document_id)
                     .values(pairing=base if is_standing(data.get("relation")) else None))
        moved += _rebase_borrowers(conn, fact, ctx)
    return moved


def _is_main_pairing(conn: Connection, fact: FactRow) -> bool:
    """Whether ``fact`` is its report's main pairing (the first pairing fact with the base the report names)."""
    pairing = conn.execute(select(documents.c.pairing).where(documents.c.id == fact.document_id)).scalar()
    if pairing is None or fact.base != pairing:
        return False
    first = conn.execute(select(facts.c.id).where(facts.c.document_id == fact.document_id, facts.c.kind == "pairings",
                                                  facts.c.base == pairing).order_by(facts.c.seq).limit(1)).scalar()
    return bool(first == fact.id)


def _rebase_borrowers(conn: Connection, main: FactRow, old_ctx: DocContext) -> list[tuple[FactRow, str]]:
    """Rebase the report's facts that borrow its main pairing, now that it changed; returns those whose base
    changed, with it."""
    new_ctx = doc_contexts(conn, {main.document_id})[main.document_id]
    moved = []
    rows = conn.execute(select(facts.c.id).where(facts.c.document_id == main.document_id,
                                                 facts.c.kind.in_(_BORROWING)).order_by(facts.c.seq)).scalars().all()
    for fid in rows:
        other = fact_row(conn, fid)
        assert other is not None  # read in this transaction
        base = _base(conn, other, other.data, other.data, old_ctx, new_ctx)
        if base != other.base:
            conn.execute(update(facts).where(facts.c.id == fid).values(base=base))
            moved.append((other, base))
    return moved


def _base(conn: Connection, fact: FactRow, old: dict[str, Any], new: dict[str, Any], old_ctx: DocContext,
          new_ctx: DocContext) -> str:
    """The base the store would give ``fact`` saying ``new`` in context ``new_ctx`` (it said ``old`` in
    ``old_ctx``)."""
    eff = effective(fact.kind, new, new_ctx)
    if fact.kind != "events":
        return base_key(fact.kind, eff, fact.id)[0]
    was = effective(fact.kind, old, old_ctx)
    if all(was.get(k) == eff.get(k) for k in _EVENT_KEY):
        # Unchanged: keep the event it was matched with (stored events may have moved since).
        return fact.base
    local = []  # the report's earlier events, as prepare() passed them
    for r in conn.execute(select(facts.c.base, facts.c.data).where(
            facts.c.document_id == fact.document_id, facts.c.kind == "events", facts.c.seq < fact.seq)
            .order_by(facts.c.seq)):
        local.append((r.base, effective("events", json.loads(r.data), new_ctx)))
    return event_base(eff, fact.id, local, events_near(conn, [eff]))[0]


def _sync_position(conn: Connection, fact: FactRow, entity: str, data: dict[str, Any], state: str | None) -> None:
    """A person's title as of the report (``positions``), as the store writes it; none for a rejected fact."""
    conn.execute(delete(positions).where(positions.c.fact_id == fact.id))
    if state == "rejected":
        return
    doc = conn.execute(select(documents.c.published, documents.c.source)
                       .where(documents.c.id == fact.document_id)).one()
    conn.execute(positions.insert().values(fact_id=fact.id, person=entity, titles=dumps(data.get("titles") or []),
                                           date=doc.published, document_id=fact.document_id, source=doc.source))


def _add_references(conn: Connection, kind: str, data: dict[str, Any]) -> None:
    """The region and party rows a corrected fact names (the store writes them for what it stores)."""
    codes: set[str] = set()
    names: set[str] = set()
    for p in fact_types()[kind].properties:
        if p.type not in ("region", "party", "list[party]"):
            continue
        value = data.get(p.name)
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str) and v:
                (codes if reg.is_code(v) else names).add(v)
    References().add(conn, codes, names)
