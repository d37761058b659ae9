"""Which facts fill a page of the review queue (:mod:`duikou.ledger.review_queue` reads their rows).

The order: lowest confidence first (no confidence last), then the most cited entity first (its entity
table's ``sources``; 0 for a fact whose kind has no entity table, the regions), then entity and fact id.
Nothing indexes "cited", so a page cannot be read off an index; what keeps it cheap:

- The facts of a review state are counted by kind and confidence in one read of the state's partial
  index (migration 0017), and the counts are kept per ledger generation (:mod:`duikou.ledger.generation`,
  which every write moves): counting 171,000 unreviewed facts costs 25-60 ms on PostgreSQL, the rest of
  a page a few. The page then lies in one or two confidence groups.
- A group of at most :data:`DIRECT_MAX` facts is sorted whole.
- In a larger group, for a page in its first 1/:data:`WALK_DEPTH`, the entities are walked most cited
  first (the entity tables sorted by ``sources``, :data:`WALK_BATCH` in the first step, twice as many in
  each next), each one's facts in the group counted by an index range, until the page's facts are
  reached: a page near the top of 154,000 facts reads a few hundred entities instead of sorting every
  fact by a lookup of its entity (180-440 ms on PostgreSQL).
- Deeper, past :data:`WALK_MAX` entities or past the last cited one, the group's facts are counted per
  entity in one statement and the page's entities found by a running sum over them, in the same order.

Each way finds the same facts in the same order as sorting the whole group would
(tests/services/test_review_queue.py checks every page against the order computed in Python, each way
forced).
"""
from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, case, func, literal, or_, select, union_all
from sqlalchemy.engine import Connection

from duikou.ledger.generation import generation
from duikou.ledger.tables import ENTITY_TABLES, facts

DIRECT_MAX = 2000  # a group this small is sorted whole (a few ms at most)
WALK_BATCH = 200  # entities the walk reads in its first step (each next step reads twice as many)
WALK_MAX = 3000  # entities walked before the group is counted per entity instead
WALK_DEPTH = 4  # the walk is tried for pages within the first quarter of a group
_MEMO_KEYS = 64  # (part, kind) counts kept per engine, for one generation


@dataclass(frozen=True)
class Group:
    """The facts of one confidence (``level``; None: the facts without one) in a state: ``n`` of them,
    ``kinds`` those of each part of the state (see :func:`parts`) with any such fact, ``plain`` how many
    are of a kind without an entity table (never cited)."""

    level: float | None
    n: int
    kinds: tuple[tuple[str, ...], ...]
    plain: int

    def conditions(self, parts: list[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
        """One condition per part holding facts of this group: the part, the confidence and its kinds
        (named, so that a part's index is read by range on PostgreSQL and SQLite alike)."""
        level = facts.c.confidence.is_(None) if self.level is None else facts.c.confidence == self.level
        return [and_(part, level, facts.c.kind.in_(kinds)) for part, kinds in zip(parts, self.kinds) if kinds]

    @property
    def cited_kinds(self) -> tuple[str, ...]:
        return tuple(sorted({k for ks in self.kinds for k in ks if k in ENTITY_TABLES}))


def parts(state: str) -> list[ColumnElement[bool]]:
    """The state's facts as disjoint conditions each served by one partial index (unreviewed, reviewed)."""
    return [cond for _, cond in _labelled(state)]


def _labelled(state: str) -> list[tuple[str, ColumnElement[bool]]]:
    """:func:`parts` with a name each, the same for the same condition in any state (``all`` is the
    unreviewed facts and the reviewed ones: its count reuses the unreviewed count kept)."""
    if state == "all":
        return [("unreviewed", facts.c.review.is_(None)), ("reviewed", facts.c.review.is_not(None))]
    if state == "unreviewed":
        return [("unreviewed", facts.c.review.is_(None))]
    return [(state, facts.c.review == state)]


# --- counts ---------------------------------------------------------------------------------------------

@dataclass
class _Kept:
    """The counts of one generation: (part name, kind or None for every kind) -> (kind, confidence, facts)."""

    generation: str
    counts: dict[tuple[str, str | None], list[tuple[str, float | None, int]]] = field(default_factory=dict)


_memo: weakref.WeakKeyDictionary[Engine, _Kept] = weakref.WeakKeyDictionary()
_memo_lock = threading.Lock()


def groups(conn: Connection, eng: Engine, state: str, kind: str | None) -> list[Group]:
    """The confidence groups of the facts in ``state`` (of ``kind``), lowest first, None last."""
    rows = _counts(conn, eng, state, kind)
    levels = sorted({c for _, _, c, _ in rows}, key=lambda c: (c is None, c or 0.0))
    n_parts = len(parts(state))
    out = []
    for level in levels:
        mine = [r for r in rows if r[2] == level]
        kinds = tuple(tuple(sorted({k for p, k, _, _ in mine if p == i})) for i in range(n_parts))
        out.append(Group(level, sum(r[3] for r in mine), kinds,
                         sum(r[3] for r in mine if r[1] not in ENTITY_TABLES)))
    return out


def _counts(conn: Connection, eng: Engine, state: str, kind: str | None) -> list[tuple[int, str, float | None, int]]:
    """(part, kind, confidence, facts) of ``state``, kept per engine for the ledger's generation: each
    part's counts of every kind (one statement; a kind's are read from them) or, when those are not
    kept yet, of the kind asked for (a range of the index, cheap on its own)."""
    gen = generation(conn)
    with _memo_lock:
        kept = _memo.get(eng)
        if kept is None or kept.generation != gen:
            kept = _memo[eng] = _Kept(gen)
        known = dict(kept.counts)
    rows: list[tuple[int, str, float | None, int]] = []
    for i, (label, part) in enumerate(_labelled(state)):
        got = known.get((label, kind))
        if got is None and (label, None) in known:
            got = [r for r in known[(label, None)] if r[0] == kind]
        if got is None:
            q = select(facts.c.kind, facts.c.confidence, func.count()).where(part)
            if kind is not None:
                q = q.where(facts.c.kind == kind)
            got = [(k, None if c is None else float(c), int(n))
                   for k, c, n in conn.execute(q.group_by(facts.c.kind, facts.c.confidence))]
            with _memo_lock:
                if kept.generation == gen and len(kept.counts) < _MEMO_KEYS:
                    kept.counts[(label, kind)] = got
        rows += [(i, k, c, n) for k, c, n in got]
    return rows


# --- one group's page -----------------------------------------------------------------------------------

def cited() -> ColumnElement[Any]:
    """The number of reports behind a fact's entity: its entity table's ``sources`` (one key probe)."""
    probes = [(facts.c.kind == k, select(t.c.sources).where(t.c.id == facts.c.entity).scalar_subquery())
              for k, t in ENTITY_TABLES.items()]
    return func.coalesce(case(*probes, else_=None), 0)


def page(conn: Connection, state: str, group: Group, skip: int, take: int) -> list[str]:
    """The ids of the facts at [skip, skip + take) of ``group`` in queue order."""
    conds = group.conditions(parts(state))
    if not group.cited_kinds:  # nothing cited: by entity and id alone (the index order for one kind)
        return _sorted(conn, conds, skip, take, with_cited=False)
    if group.n <= DIRECT_MAX:
        return _sorted(conn, conds, skip, take, with_cited=True)
    # the walk pays when the page is near the top of a large group; deeper, one count per entity does
    found = _walk(conn, conds, group, skip, take) if (skip + take) * WALK_DEPTH <= group.n else None
    if found is None:
        found = _ranked(conn, conds, group, skip, take)
    return _facts_of(conn, conds, found, skip, take)


def _union(conds: list[ColumnElement[bool]], *cols: Any) -> Any:
    """``cols`` of the facts of each condition, as one subquery."""
    selects = [select(*cols).where(c) for c in conds]
    return (selects[0] if len(selects) == 1 else union_all(*selects)).subquery()


def _sorted(conn: Connection, conds: list[ColumnElement[bool]], skip: int, take: int, with_cited: bool) -> list[str]:
    cols: list[Any] = [facts.c.id, facts.c.entity]
    if with_cited:
        cols.append(cited().label("cited"))
    u = _union(conds, *cols)
    keys = ([u.c.cited.desc()] if with_cited else []) + [u.c.entity, u.c.id]
    return list(conn.execute(select(u.c.id).order_by(*keys).limit(take).offset(skip)).scalars())


@dataclass(frozen=True)
class Found:
    """The entities whose facts hold a page, in queue order (kind, entity id), and how many of the
    group's facts come before the first of them."""

    entities: list[tuple[str, str]]
    before: int


def _entities(kinds: tuple[str, ...]) -> Any:
    """Every cited entity of ``kinds`` (kind, id, sources), as one subquery."""
    parts_ = [select(literal(k).label("kind"), t.c.id.label("id"), t.c.sources.label("sources"))
              .where(t.c.sources > 0) for k, t in ENTITY_TABLES.items() if k in kinds]
    return (parts_[0] if len(parts_) == 1 else union_all(*parts_)).subquery()


def _walk(conn: Connection, conds: list[ColumnElement[bool]], group: Group, skip: int, take: int) -> Found | None:
    """The entities holding [skip, skip + take) of the group, walked most cited first; None when that
    takes more than :data:`WALK_MAX` entities or runs past the last cited one (the uncited facts follow).
    Each step reads the next entities and counts their facts in the group in one statement, twice as many
    entities as the step before."""
    es = _entities(group.cited_kinds)
    end = skip + take
    walked: list[tuple[str, str, int]] = []
    total, visited, after, size = 0, 0, None, WALK_BATCH
    while total < end:
        if visited >= WALK_MAX:
            return None
        step = select(es.c.kind, es.c.id, es.c.sources).order_by(es.c.sources.desc(), es.c.id, es.c.kind).limit(size)
        if after is not None:
            s, i, k = after
            step = step.where(or_(es.c.sources < s,
                                  and_(es.c.sources == s, or_(es.c.id > i, and_(es.c.id == i, es.c.kind > k)))))
        b = step.subquery()
        batch: list[tuple[str, str, int]] = []
        counts: dict[tuple[str, str], int] = {}
        for cond in conds:  # an outer join: every entity of the step comes back, in the walk's order
            q = (select(b.c.kind, b.c.id, b.c.sources, func.count(facts.c.id))
                 .select_from(b.outerjoin(facts, and_(cond, facts.c.kind == b.c.kind, facts.c.entity == b.c.id)))
                 .group_by(b.c.kind, b.c.id, b.c.sources).order_by(b.c.sources.desc(), b.c.id, b.c.kind))
            got = conn.execute(q).all()
            batch = batch or [(k, i, s) for k, i, s, _ in got]
            for k, i, _, n in got:
                counts[(k, i)] = counts.get((k, i), 0) + int(n)
        if not batch:
            return None
        visited += len(batch)
        k_last, i_last, s_last = batch[-1]
        after, size = (s_last, i_last, k_last), size * 2
        for k, i, _ in batch:
            if counts[(k, i)]:
                walked.append((k, i, counts[(k, i)]))
                total += counts[(k, i)]
    chosen: list[tuple[str, str]] = []
    before, seen = skip, 0
    for k, i, n_i in walked:
        if seen + n_i > skip and seen < end:
            if not chosen:
                before = seen
            chosen.append((k, i))
        seen += n_i
    return Found(chosen, before)


def _ranked(conn: Connection, conds: list[ColumnElement[bool]], group: Group, skip: int, take: int) -> Found:
    """The entities holding [skip, skip + take) of the group, from every entity's count in it (one
    statement: the counts, each entity's ``sources`` and a running sum in queue order)."""
    u = _union(conds, facts.c.kind, facts.c.entity)
    per = select(u.c.kind, u.c.entity, func.count().label("n")).group_by(u.c.kind, u.c.entity).subquery()
    es = _entities(group.cited_kinds)
    rank = func.coalesce(es.c.sources, 0)
    joined = per.outerjoin(es, and_(es.c.kind == per.c.kind, es.c.id == per.c.entity))
    upto = func.sum(per.c.n).over(order_by=(rank.desc(), per.c.entity, per.c.kind), rows=(None, 0))
    ranked = select(per.c.kind, per.c.entity, per.c.n, upto.label("upto"), rank.label("rank")) \
        .select_from(joined).subquery()
    q = (select(ranked.c.kind, ranked.c.entity, ranked.c.n, ranked.c.upto)
         .where(ranked.c.upto > skip, ranked.c.upto - ranked.c.n < skip + take)
         .order_by(ranked.c.rank.desc(), ranked.c.entity, ranked.c.kind))
    rows = conn.execute(q).all()
    if not rows:
        return Found([], skip)
    return Found([(k, e) for k, e, _, _ in rows], int(rows[0][3]) - int(rows[0][2]))


def _facts_of(conn: Connection, conds: list[ColumnElement[bool]], found: Found, skip: int, take: int) -> list[str]:
    """The facts at [skip, skip + take) of the group, from those of ``found``'s entities (in their order,
    then by id)."""
    if not found.entities:
        return []
    by_kind: dict[str, list[str]] = {}
    for k, e in found.entities:
        by_kind.setdefault(k, []).append(e)
    which = or_(*(and_(facts.c.kind == k, facts.c.entity.in_(ids)) for k, ids in by_kind.items()))
    u = _union([and_(c, which) for c in conds], facts.c.id, facts.c.kind, facts.c.entity)
    place = case(*((and_(u.c.kind == k, u.c.entity == e), i) for i, (k, e) in enumerate(found.entities)),
                 else_=len(found.entities))
    q = select(u.c.id).order_by(place, u.c.id).limit(take).offset(skip - found.before)
    return list(conn.execute(q).scalars())


__all__ = ["DIRECT_MAX", "WALK_BATCH", "WALK_MAX", "Group", "groups", "page", "parts", "cited"]
