"""What a report reads from the ledger: the merged entities between a pairing's two sides (amounts,
counts, events, agreements, and the pairings between their parts), the facts behind each, and the
sources (documents) those facts are from.

A side is the pairing's party and, when it is a region, every region inside it (a prefecture's
counties): a county's figure belongs to the prefecture's side too. Rows are read with a coarse
condition (the code's prefix) and kept when the code's chain of parents holds the party.

Money between a side and a party that is no region (a company, a canteen buying the recipient's
products: 某机关食堂 → 略阳县) is the pairing's when a source of it is about the pairing (its main
pairing is this one: a report of it, a row of the pairing's 台账); the party is then taken to be of the
other side (``Found.placed``).
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, and_, or_, select

from duikou.ledger import sql
from duikou.ledger.tables import agreement_parties, agreements, amounts, counts, documents, events, facts, pairings
from duikou.reference.codes import chain, is_code, level


@dataclass(frozen=True)
class Sides:
    """The pairing's two parties (``helper`` and ``recipient``: region codes, or names as printed)."""

    helper: str
    recipient: str

    def side_of(self, party: Any) -> str | None:
        """``helper`` or ``recipient`` when ``party`` is that side's party or a region inside it."""
        if not isinstance(party, str):
            return None
        parents = chain(party)
        for side, own in (("helper", self.helper), ("recipient", self.recipient)):
            if own in parents:
                return side
        return None

    def own(self, party: Any) -> bool:
        """Whether ``party`` is one of the pairing's own two parties (not a part of one)."""
        return party in (self.helper, self.recipient)

    def between(self, giver: Any, taker: Any) -> str | None:
        """``helper`` when ``giver`` is on the helper side and ``taker`` on the recipient side,
        ``recipient`` the other way, else None."""
        a, b = self.side_of(giver), self.side_of(taker)
        if a is not None and b is not None and a != b:
            return a
        return None


def _within(col: Column[Any], party: str) -> ColumnElement[bool]:
    """A coarse condition for ``col`` naming ``party`` or a region inside it (refined by :meth:`Sides.side_of`)."""
    if not is_code(party):
        return col == party
    lv = level(party)
    if lv == "county":
        return col == party
    return col.like((party[:2] if lv == "province" else party[:4]) + "%")


def _pair_rows(conn: Connection, table: Any, left: str, right: str, s: Sides) -> list[dict[str, Any]]:
    a, b = table.c[left], table.c[right]
    cond = or_(and_(_within(a, s.helper), _within(b, s.recipient)), and_(_within(a, s.recipient), _within(b, s.helper)))
    rows = [dict(r) for r in conn.execute(select(table).where(cond).order_by(table.c.id)).mappings()]
    return [r for r in rows if s.between(r[left], r[right]) is not None]


def _one_ended(conn: Connection, s: Sides) -> dict[str, tuple[dict[str, Any], str]]:
    """Amounts between a side and a party that is no region, with the way they go (helper: the unplaced
    party pays the recipient's side or is paid by the helper's)."""
    a, b = amounts.c.payer, amounts.c.payee
    cond = or_(*(_within(col, party) for col in (a, b) for party in (s.helper, s.recipient)))
    out: dict[str, tuple[dict[str, Any], str]] = {}
    for r in conn.execute(select(amounts).where(cond).order_by(amounts.c.id)).mappings():
        payer, payee = s.side_of(r["payer"]), s.side_of(r["payee"])
        if payer is None and isinstance(r["payer"], str) and not is_code(r["payer"]) and payee is not None:
            out[r["id"]] = (dict(r), "helper" if payee == "recipient" else "recipient")
        elif payee is None and isinstance(r["payee"], str) and not is_code(r["payee"]) and payer is not None:
            out[r["id"]] = (dict(r), payer)
    return out


@dataclass(frozen=True)
class FactRef:
    """One fact behind an entity (rejected facts are never read)."""

    id: str
    entity: str
    document: int
    seq: int
    quote: str | None
    start: int | None
    end: int | None
    review: str | None
    extractor: str | None = None  # what produced it (an imported fact: what the importer names, e.g. its column)


@dataclass
class Found:
    """What :func:`read` found for a pairing: entity rows by kind, their facts, and the sources."""

    amounts: list[dict[str, Any]]
    counts: list[dict[str, Any]]
    events: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    pairings: list[dict[str, Any]]
    facts: dict[str, list[FactRef]]
    docs: dict[int, dict[str, Any]]
    placed: dict[str, str]  # amounts with a party of no region: the way they go (see the module doc)

    def entities(self) -> list[dict[str, Any]]:
        return [*self.amounts, *self.counts, *self.events, *self.agreements, *self.pairings]


def read(conn: Connection, s: Sides, pairing: str) -> Found:
    """Every entity between the two sides (either way) of pairing ``pairing`` (its id), with its facts and
    their sources."""
    ams = _pair_rows(conn, amounts, "payer", "payee", s)
    loose = _one_ended(conn, s)
    cns = _pair_rows(conn, counts, "helper", "recipient", s)
    evs = [{**r, "leaders": json.loads(r["leaders"] or "[]")} for r in _pair_rows(conn, events, "helper", "recipient", s)]
    prs = [r for r in _pair_rows(conn, pairings, "helper", "recipient", s)
           if s.between(r["helper"], r["recipient"]) == "helper"]
    ags = _agreements(conn, s)
    found = Found(ams, cns, evs, ags, prs, {}, {}, {})
    ids = sorted({r["id"] for r in found.entities()} | set(loose))
    found.facts.update(_facts(conn, ids))
    found.docs.update(_documents(conn, sorted({f.document for fs in found.facts.values() for f in fs})))
    f = facts.c
    bases = set(conn.execute(select(f.base).where(f.entity == pairing, f.kind == "pairings").distinct()).scalars())
    for entity, (row, way) in loose.items():
        if any(found.docs[x.document]["pairing"] in bases for x in found.facts.get(entity, []) if x.document in found.docs):
            found.amounts.append(row)
            found.placed[entity] = way
    return found


def _agreements(conn: Connection, s: Sides) -> list[dict[str, Any]]:
    ap = agreement_parties.c
    named: dict[str, set[str]] = defaultdict(set)
    q = select(ap.agreement, ap.party).where(or_(_within(ap.party, s.helper), _within(ap.party, s.recipient)))
    for agreement, party in conn.execute(q):
        side = s.side_of(party)
        if side is not None:
            named[agreement].add(side)
    both = sorted(a for a, sides in named.items() if len(sides) == 2)
    rows: list[dict[str, Any]] = []
    for part in sql.chunks(both):
        rows += [{**dict(r), "parties": json.loads(r["parties"] or "[]")}
                 for r in conn.execute(select(agreements).where(agreements.c.id.in_(part))).mappings()]
    return sorted(rows, key=lambda r: r["id"])


def _facts(conn: Connection, entity_ids: list[str]) -> dict[str, list[FactRef]]:
    f = facts.c
    out: dict[str, list[FactRef]] = defaultdict(list)
    for part in sql.chunks(entity_ids):
        q = (select(f.id, f.entity, f.document_id, f.seq, f.quote, f.span_start, f.span_end, f.review, f.extractor)
             .where(f.entity.in_(part), or_(f.review.is_(None), f.review != "rejected")))
        for r in conn.execute(q):
            out[r.entity].append(FactRef(r.id, r.entity, int(r.document_id), int(r.seq), r.quote, r.span_start,
                                         r.span_end, r.review, r.extractor))
    for fs in out.values():
        fs.sort(key=lambda x: (x.document, x.seq, x.id))
    return dict(out)


_DOC_COLUMNS = ("id", "source", "title", "published", "outlet", "url", "side", "provenance", "citation", "first_seen",
                "pairing")


def _documents(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    d = documents.c
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), sql.COMPOUND_CHUNK):
        q = select(*(d[c] for c in _DOC_COLUMNS)).where(d.id.in_(ids[i:i + sql.COMPOUND_CHUNK]))
        for r in conn.execute(q).mappings():
            row = dict(r)
            row["citation"] = json.loads(row["citation"]) if row["citation"] else {}
            row["side"] = row["side"] or "unknown"
            out[int(row["id"])] = row
    return out


def texts(conn: Connection, ids: list[int]) -> dict[int, str]:
    """The text of the reports ``ids`` (a source without text has none)."""
    d = documents.c
    out: dict[int, str] = {}
    ordered = sorted(set(ids))
    for i in range(0, len(ordered), sql.COMPOUND_CHUNK):
        q = select(d.id, d.text).where(d.id.in_(ordered[i:i + sql.COMPOUND_CHUNK]), d.text.is_not(None))
        out.update({int(doc): str(t) for doc, t in conn.execute(q)})
    return out


__all__ = ["Sides", "FactRef", "Found", "read", "texts"]
