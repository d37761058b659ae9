"""What the search box finds in the ledger: regions and parties by name or code with how many rows name
them, people, agreements by the words of their title, documents by title or outlet, and the pairings
between parties. Plain rows; :mod:`duikou.services.search` ranks them.

A text match is ``exact`` (the whole value), ``prefix`` or ``contains``; each lookup returns at most
``limit`` rows, best matches first, so a one-character search never reads a whole table into Python.
"Contains" is case-blind as ``icontains`` is on each database, written as its planner serves best
(:func:`holds`).
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, and_, bindparam, case, func, literal, or_, select, union_all
from sqlalchemy.engine import Connection

from duikou.ledger import sql
from duikou.ledger.tables import (
    agreement_parties,
    agreements,
    amounts,
    counts,
    documents,
    events,
    pairings,
    parties,
    people,
    positions,
    regions,
)

# The entity rows that name a party, by the label a hit's detail gives them.
MENTIONS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("pairings", pairings, ("helper", "recipient")),
    ("events", events, ("helper", "recipient", "place")),
    ("agreements", agreement_parties, ("party",)),
    ("amounts", amounts, ("payer", "payee")),
    ("counts", counts, ("helper", "recipient")),
    ("people", people, ("region",)),
)
_LABELS = tuple(label for label, _, _ in MENTIONS)


def _mentions_query() -> Any:
    """One statement for every kind and column of :data:`MENTIONS` (ten round trips were a third of a
    search on PostgreSQL), the ids bound once as a list (``ids``) rather than coerced into each IN clause;
    made once, as building it cost more than running it on SQLite."""
    ids: BindParameter[str] = bindparam("ids", expanding=True)
    return union_all(*(select(literal(label).label("label"), table.c[col].label("party"), func.count().label("n"))
                       .where(table.c[col].in_(ids)).group_by(table.c[col])
                       for label, table, cols in MENTIONS for col in cols))


_MENTIONS_QUERY = _mentions_query()


def _tier(col: Any, word: str) -> Any:
    """0 for the whole value, 1 for a prefix, 2 for anywhere in it (SQL, for ORDER BY)."""
    return case((col == word, 0), (col.startswith(word, autoescape=True), 1), else_=2)


def holds(dialect: str, col: Any, word: str) -> ColumnElement[bool]:
    """``col`` holds ``word`` anywhere, case-blind: the rows ``col.icontains(word)`` keeps on ``dialect``
    (``lower(col) LIKE lower(word)`` on SQLite, ``ILIKE`` on PostgreSQL), in the form each database does
    fastest. A word with no letter that has a case (Chinese, digits) matches the same rows case-blind or
    not, so it needs no folding: SQLite finds it with ``instr`` (3.5 ms for 20,000 titles, ``lower() LIKE``
    14 ms); PostgreSQL with ``LIKE`` (its trigram index, migration 0017, serves three characters or more;
    ``ILIKE`` folded every title: 22 ms) or, shorter, ``strpos`` (no trigram to look up; a scan either way,
    and the cheapest). A word with letters: SQLite's ``LIKE`` folds ASCII letters only, as its ``lower()``
    does, so ``LIKE`` alone gives the same rows; PostgreSQL keeps ``ILIKE`` (the trigram index serves it).
    A NULL ``col`` holds nothing in every form."""
    cased = word.lower() != word or word.upper() != word
    if dialect == "sqlite":
        return col.contains(word, autoescape=True) if cased else func.instr(col, word) > 0
    if cased:
        found: ColumnElement[bool] = col.icontains(word, autoescape=True)
        return found
    return col.contains(word, autoescape=True) if len(word) >= 3 else func.strpos(col, word) > 0


def match(value: str | None, word: str) -> str | None:
    """How ``value`` matches ``word``: exact, prefix, contains, or None."""
    if not value:
        return None
    v, w = value.casefold(), word.casefold()
    return "exact" if v == w else "prefix" if v.startswith(w) else "contains" if w in v else None


def mentions(conn: Connection, ids: list[str]) -> dict[str, dict[str, int]]:
    """How many ledger rows of each kind name each party in ``ids`` (a region code or a name as printed).
    A party whose facts are all gone (its reference row stays) has none."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for chunk in sql.chunks(sorted(set(ids))):
        for label, party_id, n in conn.execute(_MENTIONS_QUERY, {"ids": chunk}):
            out[party_id][label] = out[party_id].get(label, 0) + int(n)
    # the kinds in MENTIONS' order, as a page lists them (a union's rows come in no set order)
    return defaultdict(dict, {p: {k: got[k] for k in _LABELS if k in got} for p, got in out.items()})


def beneath(conn: Connection, codes: list[str]) -> dict[str, list[str]]:
    """The ledger's regions lying under each of ``codes`` (a province's or a prefecture's units)."""
    r = regions.c
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in sql.chunks(sorted(set(codes))):
        q = select(r.code, r.province, r.parent).where(or_(r.province.in_(chunk), r.parent.in_(chunk)))
        for code, province, parent in conn.execute(q):
            for above in {province, parent} & set(chunk) - {code}:
                out[above].append(code)
    return out


def ledger_regions(conn: Connection, word: str, limit: int) -> list[dict[str, Any]]:
    """The ledger's region rows whose name holds ``word``, or whose code starts with it (digits)."""
    r = regions.c
    cond = holds(conn.dialect.name, r.name, word)
    if word.isascii() and word.isdigit():
        cond = or_(cond, r.code.startswith(word, autoescape=True))
    q = (select(r.code, r.name, r.level, r.province).where(cond)
         .order_by(_tier(r.name, word), func.length(r.name), r.code).limit(limit))
    return [dict(m) for m in conn.execute(q).mappings()]


def region_rows(conn: Connection, codes: list[str]) -> dict[str, dict[str, Any]]:
    """The ledger's rows of ``codes`` (name, level, province)."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in sql.chunks(sorted(set(codes))):
        q = select(regions.c.code, regions.c.name, regions.c.level, regions.c.province).where(regions.c.code.in_(chunk))
        out.update({m["code"]: dict(m) for m in conn.execute(q).mappings()})
    return out


def party_names(conn: Connection, word: str, limit: int) -> list[str]:
    """Parties (not regions) whose name holds ``word``, exact first, then prefixes, then the shortest."""
    n = parties.c.name
    q = select(n).where(holds(conn.dialect.name, n, word)).order_by(_tier(n, word), func.length(n), n).limit(limit)
    return list(conn.execute(q).scalars())


def people_rows(conn: Connection, word: str, limit: int) -> list[dict[str, Any]]:
    """People whose name holds ``word``, with their region and the titles of their latest report."""
    p = people.c
    q = (select(p.id, p.name, p.region, p.role, p.sources).where(holds(conn.dialect.name, p.name, word))
         .order_by(_tier(p.name, word), p.sources.desc(), p.name, p.id).limit(limit))
    rows = [dict(m) for m in conn.execute(q).mappings()]
    latest: dict[str, list[str]] = {}
    for chunk in sql.chunks([r["id"] for r in rows]):
        pos = positions.c
        q2 = (select(pos.person, pos.titles).where(pos.person.in_(chunk), pos.titles != "[]")
              .order_by(pos.person, pos.date.desc().nulls_last(), pos.source.desc(), pos.fact_id.desc()))
        for person, titles in conn.execute(q2):
            latest.setdefault(person, json.loads(titles))
    for r in rows:
        r["titles"] = latest.get(r["id"], [])
    return rows


def agreement_rows(conn: Connection, words: list[str], limit: int) -> list[dict[str, Any]]:
    """Agreements whose title holds every one of ``words`` (the whole search first, when it is one word)."""
    a = agreements.c
    dialect = conn.dialect.name
    q = (select(a.id, a.title, a.date, a.parties, a.sources).where(*(holds(dialect, a.title, w) for w in words))
         .order_by(_tier(a.title, " ".join(words)), a.sources.desc(), a.date.desc().nulls_last(), a.id).limit(limit))
    return [{**dict(m), "parties": json.loads(m["parties"] or "[]")} for m in conn.execute(q).mappings()]


def document_rows(conn: Connection, words: list[str], limit: int) -> list[dict[str, Any]]:
    """Documents whose title or outlet holds every one of ``words`` (not the retracted), the whole title
    first, then titles holding the words, then outlets."""
    d = documents.c
    whole = " ".join(words)
    dialect = conn.dialect.name
    in_title = [holds(dialect, d.title, w) for w in words]
    title_tier = case((d.title == whole, 0), (d.outlet == whole, 1), (and_(*in_title), 2), else_=3)
    q = (select(d.id, d.title, d.published, d.outlet, d.source, d.side, d.status)
         .where(*(or_(holds(dialect, d.title, w), holds(dialect, d.outlet, w)) for w in words),
                d.status != "retracted")
         .order_by(title_tier, d.published.desc().nulls_last(), d.id).limit(limit))
    return [dict(m) for m in conn.execute(q).mappings()]


def pairing_rows(conn: Connection, left: list[str], right: list[str] | None, limit: int) -> list[dict[str, Any]]:
    """Pairings between a party of ``left`` and one of ``right`` (either way round); with ``right`` None,
    every pairing of a party of ``left``. Most reported first."""
    p = pairings.c
    if not left or right == []:
        return []
    if right is None:
        cond = or_(p.helper.in_(left), p.recipient.in_(left))
    else:
        cond = or_(p.helper.in_(left) & p.recipient.in_(right), p.helper.in_(right) & p.recipient.in_(left))
    q = (select(p.id, p.helper, p.recipient, p.program, p.since, p.relation, p.sources)
         .where(cond).order_by(p.sources.desc(), p.id).limit(limit))
    return [dict(m) for m in conn.execute(q).mappings()]


def entity_by_id(conn: Connection, key: str) -> tuple[str, dict[str, Any]] | None:
    """A pairing, person or agreement whose id is ``key`` (someone pasted an id): its kind and row."""
    for kind, table in (("pairing", pairings), ("person", people), ("agreement", agreements)):
        row = conn.execute(select(table).where(table.c.id == key)).mappings().first()
        if row is not None:
            return kind, dict(row)
    return None
