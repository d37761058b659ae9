"""Which entity each fact belongs to under the judgements in force (:mod:`duikou.ledger.resolve` writes it).

The rules are :mod:`duikou.ledger.resolve`'s: the nodes are facts and merge keys (a fact's ``base``); the
edges are the human ``same`` judgements in force (oldest first), then each fact's link to its base (in
report order) unless the automatic judgement that recorded it is undone; an edge is skipped when it would
join the two nodes of a ``different`` in force. A cluster is named by its smallest base (its smallest fact
when it holds no base).

Only the human judgements are read to know that: the build's automatic ones are one per merged fact
(hundreds of thousands on a big ledger), and one of them is out of force only when a human undo names it.

A ``different`` only ever blocks an edge inside one connected component of the graph of all the edges
(vetoes ignored), and each component's edges are taken in the same relative order whatever else is in the
graph; so a component can be settled on its own with the result the whole graph gives. :func:`component`
reads the facts of the components around some nodes, so a judgement costs what its entities hold.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy import Connection, select

from duikou.ledger import sql
from duikou.ledger.tables import facts, judgements


class UnionFind:
    """Union-find whose unions refuse to join two nodes a ``different`` keeps apart (a veto)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.vetoes: dict[str, set[str]] = defaultdict(set)  # root -> nodes it must not join

    def find(self, x: str) -> str:
        p = self.parent.setdefault(x, x)
        while p != self.parent[p]:
            self.parent[p] = self.parent[self.parent[p]]
            p = self.parent[p]
        self.parent[x] = p
        return p

    def veto(self, a: str, b: str) -> None:
        self.vetoes[self.find(a)].add(b)
        self.vetoes[self.find(b)].add(a)

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if any(self.find(v) == rb for v in self.vetoes.get(ra, ())) or \
                any(self.find(v) == ra for v in self.vetoes.get(rb, ())):
            return False
        self.parent[rb] = ra
        self.vetoes[ra] |= self.vetoes.pop(rb, set())
        return True


def undone_by(rows: list[dict[str, Any]]) -> dict[int, int]:
    """Of judgement ``rows`` (oldest first, every undo among them), each undone one's id and the id of the
    undo in force on it."""
    undone: dict[int, int] = {}
    for r in reversed(rows):  # an undo only names older rows, so newest-first settles them
        if r["verdict"] == "undo" and r["id"] not in undone and r["undoes"] is not None:
            undone[r["undoes"]] = r["id"]
    return undone


def human_judgements(conn: Connection) -> list[dict[str, Any]]:
    """Every judgement a person made (same, different, undo), oldest first: an index range read
    (``judgements (auto, kind)``), not a scan of the build's merges."""
    return [dict(r) for r in conn.execute(select(judgements).where(judgements.c.auto.is_(False))
                                          .order_by(judgements.c.id)).mappings()]


@dataclass
class Judged:
    """What the judgements in force say about one fact kind: its ``same`` and ``different`` pairs (oldest
    first) and the facts whose automatic merge with their base is undone (``cut``)."""

    same: list[tuple[str, str]] = field(default_factory=list)
    different: list[tuple[str, str]] = field(default_factory=list)
    cut: set[str] = field(default_factory=set)

    def neighbours(self) -> dict[str, set[str]]:
        """The nodes each node is judged the same as."""
        out: dict[str, set[str]] = defaultdict(set)
        for a, b in self.same:
            out[a].add(b)
            out[b].add(a)
        return out


def judged(conn: Connection, kind: str) -> Judged:
    """The judgements in force on ``kind`` (see :class:`Judged`)."""
    human = human_judgements(conn)
    undone = undone_by(human)
    out = Judged()
    for r in human:
        if r["id"] in undone or r["verdict"] == "undo" or r["kind"] != kind:
            continue
        (out.same if r["verdict"] == "same" else out.different).append((r["left_id"], r["right_id"]))
    human_ids = {r["id"] for r in human}
    autos = sorted(i for i in undone if i not in human_ids)
    for part in (autos[i:i + sql.COMPOUND_CHUNK] for i in range(0, len(autos), sql.COMPOUND_CHUNK)):
        out.cut.update(conn.execute(select(judgements.c.right_id).where(
            judgements.c.id.in_(part), judgements.c.auto.is_(True), judgements.c.kind == kind)).scalars())
    return out


# A fact as clustering reads it: (id, base, entity, document_id, seq).
FactRow = tuple[str, str, str, int, int]
_COLUMNS = (facts.c.id, facts.c.base, facts.c.entity, facts.c.document_id, facts.c.seq)


def every_fact(conn: Connection, kind: str) -> tuple[list[FactRow], set[str]]:
    """All facts of ``kind`` and their bases."""
    rows = [_fact(r) for r in conn.execute(select(*_COLUMNS).where(facts.c.kind == kind))]
    return rows, {r[1] for r in rows}


def _fact(r: Any) -> FactRow:
    return str(r.id), str(r.base), str(r.entity), int(r.document_id), int(r.seq)


def component(conn: Connection, kind: str, start: Iterable[str], j: Judged) -> tuple[list[FactRow], set[str]]:
    """The facts of ``kind`` in the connected components of the nodes ``start`` (edges: the ``same``
    judgements in force and each fact's link to its base unless cut), and every node among them that is
    some fact's base (a base whose facts are all cut still names its cluster)."""
    same = j.neighbours()
    seen = {n for n in start if n}
    frontier = set(seen)
    rows: dict[str, FactRow] = {}
    bases: set[str] = set()
    while frontier:
        new: set[str] = set()

        def reach(node: str) -> None:
            if node not in seen:
                seen.add(node)
                new.add(node)

        for part in sql.chunks(sorted(frontier)):  # the facts of the frontier's bases
            for r in conn.execute(select(*_COLUMNS).where(facts.c.kind == kind, facts.c.base.in_(part))):
                bases.add(r.base)
                if r.id not in j.cut:  # a cut fact is no neighbour of its base
                    rows[r.id] = _fact(r)
                    reach(r.id)
        for part in sql.chunks(sorted(n for n in frontier if n not in rows)):  # the frontier's own facts
            for r in conn.execute(select(*_COLUMNS).where(facts.c.kind == kind, facts.c.id.in_(part))):
                rows[r.id] = _fact(r)
                if r.id not in j.cut:
                    reach(r.base)
        for node in frontier:
            for other in same.get(node, ()):
                reach(other)
        frontier = new
    return list(rows.values()), bases


def entities(rows: list[FactRow], bases: set[str], j: Judged) -> dict[str, str]:
    """Each fact of ``rows`` (whole components) and the entity the judgements give it."""
    uf = UnionFind()
    for a, b in j.different:
        uf.veto(a, b)
    for a, b in j.same:
        uf.union(a, b)
    ordered = sorted(rows, key=lambda r: (r[3], r[4], r[0]))  # report order, as the store met them
    for fid, base, _, _, _ in ordered:
        uf.find(fid)
        if fid not in j.cut:
            uf.union(base, fid)
    label: dict[str, str] = {}
    for base in bases:
        root = uf.find(base)
        if root not in label or base < label[root]:
            label[root] = base
    loose: dict[str, str] = {}
    for fid, _, _, _, _ in ordered:  # clusters without a base (cut loose) are named by their smallest fact
        root = uf.find(fid)
        if root not in label and (root not in loose or fid < loose[root]):
            loose[root] = fid
    label.update(loose)
    return {fid: label[uf.find(fid)] for fid, _, _, _, _ in rows}


__all__ = ["UnionFind", "Judged", "FactRow", "undone_by", "human_judgements", "judged", "every_fact", "component",
           "entities"]
