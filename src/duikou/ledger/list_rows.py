"""Filtered, sorted and paged lists of the merged view: pairings, events, agreements, money, counts and
documents (the web's list pages, the JSON API's lists and their CSV/XLSX exports read these).

Filtering, sorting and paging are done in SQL, so a page of a 20,000-document ledger costs one counted
and one LIMITed query, then a few lookups for that page's rows (party names, review state). Each kind's
filters (what ``program``, ``province``, ``year``, ``type`` and ``side`` mean for it) are described on
:class:`Filters`; :data:`SPECS` gives each kind's columns and sortable columns.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, and_, exists, func, or_, select, union
from sqlalchemy.engine import Connection

from duikou.ledger.queries import province_codes
from duikou.ledger.search_rows import holds
from duikou.ledger.tables import (
    agreement_parties,
    agreements,
    amounts,
    counts,
    documents,
    entity_documents,
    events,
    facts,
    pairings,
    regions,
)
from duikou.ledger.list_display import PARTIES, reviewed_ids, shape, shown_with
from duikou.ledger.view_rows import standing_only
from duikou.reference import regions as reg

KINDS = ("pairings", "events", "agreements", "money", "counts", "documents")
REVIEW_STATES = ("any", "reviewed", "unreviewed")
SIDES = ("helper", "recipient")


@dataclass(frozen=True)
class Spec:
    """How one kind is listed: its table, party columns, the column ``type`` filters, what a page shows
    and which columns it can be sorted by (the default sort first, ``-`` for descending)."""

    table: Table
    parties: tuple[str, ...]
    type_column: str | None
    columns: tuple[str, ...]
    sorts: tuple[str, ...]
    default_sort: str


SPECS: dict[str, Spec] = {
    "pairings": Spec(pairings, PARTIES["pairings"], "relation",
                     ("helper", "recipient", "program", "since", "relation", "sources"),
                     ("helper", "recipient", "program", "since", "relation", "sources"), "helper"),
    "events": Spec(events, PARTIES["events"], "type",
                   ("date", "type", "helper", "recipient", "place", "leaders", "sources"),
                   ("date", "type", "helper", "recipient", "place", "sources"), "-date"),
    "agreements": Spec(agreements, PARTIES["agreements"], None, ("date", "title", "parties", "sources"),
                       ("date", "title", "sources"), "-date"),
    "money": Spec(amounts, PARTIES["money"], "role",
                  ("date", "period", "role", "status", "value", "cumulative", "payer", "payee", "conflict",
                   "sources"),
                  ("date", "period", "role", "status", "value", "payer", "payee", "sources"), "-date"),
    "counts": Spec(counts, PARTIES["counts"], "role",
                   ("period", "role", "value", "unit", "helper", "recipient", "sources"),
                   ("period", "role", "value", "unit", "helper", "recipient", "sources"), "-period"),
    "documents": Spec(documents, PARTIES["documents"], "status",
                      ("published", "title", "outlet", "side", "status", "provenance", "on_topic", "facts"),
                      ("published", "title", "outlet", "side", "status", "provenance", "source", "id"),
                      "-published"),
}


@dataclass(frozen=True)
class Filters:
    """What a list keeps; every filter left empty keeps everything.

    - ``program``: a pairing's programme; for events and counts (helper, recipient) and money (payer,
      payee), a standing pairing of those two parties has it; an agreement names both sides of such a
      pairing; a document supports such a pairing.
    - ``province``: a province's name or code (四川, 四川省, 51, 510000); a row is kept when one of its
      parties lies there (an event's place too, an agreement's parties, a document's pairings and events).
      An unknown province is a :class:`~duikou.errors.LedgerError`.
    - ``year``: events and agreements by date; money by period (its date's year when it has none);
      counts by period; documents by publication; pairings by their reports' publication.
    - ``type``: a pairing's relation (standing, relief, donation), an event's type, a figure's role, a
      document's status; agreements have none.
    - ``side``: a report of the entity was told by that side (``documents.side``); a document's own side.
    - ``review``: ``reviewed`` when a reviewer accepted or corrected one of its facts, ``unreviewed``
      when none.
    - ``words``: each word is found in a name, title, id, outlet... of the row (all words must be).
    """

    program: str | None = None
    province: str | None = None
    year: int | None = None
    type: str | None = None
    side: str | None = None
    review: str = "any"
    words: tuple[str, ...] = ()


def _year(col: Any, year: int) -> ColumnElement[bool]:
    # ISO text compares as dates do: '2021-05-01' >= '2021' and < '2022'; an index on the column serves it
    return and_(col >= f"{year:04d}", col < f"{year + 1:04d}")


def _inside(provinces: tuple[str, ...]) -> Select[Any]:
    """The region codes lying in ``provinces`` (themselves included)."""
    return select(regions.c.code).where(or_(regions.c.province.in_(provinces), regions.c.code.in_(provinces)))


def _party_matches(dialect: str, col: Any, word: str) -> ColumnElement[bool]:
    """``col`` names a region whose name holds ``word`` (or that ``word`` names by a short form or code),
    or a party printed with ``word`` in it."""
    named = select(regions.c.code).where(regions.c.name.contains(word, autoescape=True))
    conds = [col.in_(named), holds(dialect, col, word)]
    codes = reg.codes_for(word)
    if codes:
        conds.append(col.in_(codes))
    return or_(*conds)


def _standing_pair(a: Any, b: Any, program: str) -> ColumnElement[bool]:
    p = pairings.alias("pp")
    return exists().where(p.c.helper == a, p.c.recipient == b, p.c.program == program, standing_only(p))


def _pairing_program(t: Table, program: str) -> ColumnElement[bool]:
    """An agreement naming both sides of a standing pairing of ``program``: from the pairings through the
    parties' index, not a probe of every agreement's parties."""
    p, a1, a2 = pairings.alias("pp"), agreement_parties.alias("ap1"), agreement_parties.alias("ap2")
    both = (select(a1.c.agreement)
            .join(p, p.c.helper == a1.c.party)
            .join(a2, and_(a2.c.agreement == a1.c.agreement, a2.c.party == p.c.recipient))
            .where(p.c.program == program, standing_only(p)))
    return t.c.id.in_(both)


def _document_entities(*conds_of: tuple[Table, Any]) -> Select[Any]:
    """Ids of the documents supporting an entity of each (table, condition on it)."""
    parts = [select(entity_documents.c.document_id).join(t, t.c.id == entity_documents.c.entity_id).where(cond)
             for t, cond in conds_of]
    return select(union(*parts).subquery().c[0]) if len(parts) > 1 else parts[0]


def where(conn: Connection, kind: str, f: Filters) -> list[ColumnElement[bool]]:
    """The SQL conditions of ``f`` on ``kind``'s table (see :class:`Filters`)."""
    spec = SPECS[kind]
    t = spec.table
    out: list[ColumnElement[bool]] = []
    if f.type is not None and spec.type_column is not None:
        out.append(standing_only(t) if (kind, f.type) == ("pairings", "standing")
                   else t.c[spec.type_column] == f.type)
    if kind == "documents":
        out += _document_where(f)
    else:
        out += _entity_where(kind, t, spec, f)
    if f.province is not None:
        inside = _inside(tuple(province_codes(conn, f.province)))
        if kind == "agreements":
            out.append(exists().where(agreement_parties.c.agreement == t.c.id, agreement_parties.c.party.in_(inside)))
        elif kind == "documents":
            out.append(t.c.id.in_(_document_entities(
                (pairings, or_(pairings.c.helper.in_(inside), pairings.c.recipient.in_(inside))),
                (events, or_(events.c.helper.in_(inside), events.c.recipient.in_(inside), events.c.place.in_(inside))))))
        else:
            out.append(or_(*(t.c[c].in_(inside) for c in spec.parties)))
    for word in f.words:
        out.append(_word(conn.dialect.name, kind, t, spec, word))
    return out


def _entity_where(kind: str, t: Table, spec: Spec, f: Filters) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.program is not None:
        if kind == "pairings":
            out.append(t.c.program == f.program)
        elif kind == "agreements":
            out.append(_pairing_program(t, f.program))
        else:
            a, b = spec.parties[:2]
            out.append(_standing_pair(t.c[a], t.c[b], f.program))
    if f.year is not None:
        if kind == "pairings":
            ed = entity_documents
            out.append(exists().where(ed.c.entity_id == t.c.id, _year(ed.c.published, f.year)))
        elif kind in ("events", "agreements"):
            out.append(_year(t.c.date, f.year))
        elif kind == "money":
            out.append(or_(t.c.period == f"{f.year:04d}", and_(t.c.period.is_(None), _year(t.c.date, f.year))))
        else:
            out.append(t.c.period == f"{f.year:04d}")
    if f.side is not None:
        out.append(exists().where(entity_documents.c.entity_id == t.c.id, entity_documents.c.side == f.side))
    if f.review != "any":
        reviewed = t.c.id.in_(reviewed_ids())
        out.append(reviewed if f.review == "reviewed" else ~reviewed)
    return out


def _document_where(f: Filters) -> list[ColumnElement[bool]]:
    d = documents
    out: list[ColumnElement[bool]] = []
    if f.program is not None:
        out.append(d.c.id.in_(_document_entities((pairings, pairings.c.program == f.program))))
    if f.year is not None:
        out.append(_year(d.c.published, f.year))
    if f.side is not None:
        out.append(d.c.side == f.side)
    if f.review != "any":
        reviewed = d.c.id.in_(reviewed_ids(of_documents=True))
        out.append(reviewed if f.review == "reviewed" else ~reviewed)
    return out


def _word(dialect: str, kind: str, t: Table, spec: Spec, word: str) -> ColumnElement[bool]:
    """One word of the text filter: somewhere in the row's names, title, leaders, id..."""
    if kind == "documents":
        found = [holds(dialect, t.c[c], word) for c in ("title", "outlet", "source", "url")]
        if word.isdigit() and len(word) < 10:  # a document's id
            found.append(t.c.id == int(word))
        return or_(*found)
    conds: list[ColumnElement[bool]] = [t.c.id == word]
    conds += [_party_matches(dialect, t.c[c], word) for c in spec.parties]
    if kind == "events":
        conds.append(t.c.leaders.contains(word, autoescape=True))
    elif kind == "agreements":
        conds.append(holds(dialect, t.c.title, word))
        conds.append(exists().where(agreement_parties.c.agreement == t.c.id,
                                    _party_matches(dialect, agreement_parties.c.party, word)))
    elif kind == "counts":
        conds.append(t.c.unit == word)
    return or_(*conds)


def type_values(kind: str) -> tuple[str, ...]:
    """The values ``type`` takes for ``kind`` (from the schema's enums; a document's statuses)."""
    from duikou import schema
    from duikou.ledger.documents import STATUSES

    return {"pairings": schema.enum("pairings", "relation"), "events": schema.enum("events", "type"),
            "money": schema.enum("amounts", "role"), "counts": schema.enum("counts", "role"),
            "documents": STATUSES}.get(kind, ())


def _order(spec: Spec, sort: str) -> tuple[list[Any], list[tuple[Any, ColumnElement[bool]]]]:
    """ORDER BY terms for ``sort`` (then the default sort and the id, so pages never shuffle), and the
    outer joins they need: a party sorts by its region's name, else as printed. Nulls last either way."""
    t = spec.table
    keys: list[Any] = []
    joins: list[tuple[Any, ColumnElement[bool]]] = []
    seen: set[str] = set()
    for s in (sort, spec.default_sort):
        col = s.lstrip("-")
        if col in seen or "id" in seen:
            continue
        seen.add(col)
        if col in spec.parties:
            r = regions.alias(f"sort_{col}")
            joins.append((r, r.c.code == t.c[col]))
            expr: Any = func.coalesce(r.c.name, t.c[col])
        else:
            expr = t.c[col]
        keys.append((expr.desc() if s.startswith("-") else expr.asc()).nulls_last())
    return keys + [t.c.id.asc()], joins


def page(conn: Connection, kind: str, f: Filters, sort: str, offset: int = 0,
         limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """The rows of ``kind`` that ``f`` keeps, sorted by ``sort`` (a column of :data:`SPECS`, ``-`` for
    descending), ``limit`` of them from ``offset`` (all when None), and how many there are in all.

    Few statements, as each is a round trip on PostgreSQL: a row's review state (and a document's
    count of facts) come with the row; an entity list's page is one statement with its total counted
    alongside (``count(*) OVER ()``); a documents page reads its ids first (see below), then its rows."""
    spec = SPECS[kind]
    t = spec.table
    conds = where(conn, kind, f)
    keys, joins = _order(spec, sort)
    source: Any = t
    for alias, on in joins:
        source = source.outerjoin(alias, on)
    cols = [c for c in t.c if c.name != "text"] + shown_with(kind, t)  # a document's text is never listed
    total: int | None = None
    if limit is None:
        raw = [dict(r) for r in conn.execute(select(*cols).select_from(source).where(*conds).order_by(*keys)).mappings()]
        total = len(raw)
    elif kind == "documents":
        # The page's ids first, then their rows: the sort carries ids, not whole rows (a deep page of
        # documents sorted by title sorted every row's columns: 330 ms on 20,000 documents)
        ids = list(conn.execute(select(t.c.id).select_from(source).where(*conds).order_by(*keys)
                                .limit(limit).offset(offset)).scalars())
        got = {r["id"]: dict(r) for r in conn.execute(select(*cols).where(t.c.id.in_(ids))).mappings()} if ids else {}
        raw = [got[i] for i in ids]
    else:
        q = select(*cols, func.count().over().label("_total")).select_from(source).where(*conds)
        raw = [dict(r) for r in conn.execute(q.order_by(*keys).limit(limit).offset(offset)).mappings()]
        if raw:
            total = int(raw[0]["_total"])
    if total is None:
        if offset == 0 and limit is not None and len(raw) < limit:
            total = len(raw)  # the whole list fits on the first page: no count needed
        else:
            total = int(conn.execute(select(func.count()).select_from(t).where(*conds)).scalar_one())
    return shape(conn, kind, raw), total


def _years(kind: str) -> Select[Any]:
    t = SPECS[kind].table
    if kind == "pairings":
        ed = entity_documents
        return select(func.substr(ed.c.published, 1, 4)).join(t, t.c.id == ed.c.entity_id)
    if kind in ("events", "agreements"):
        return select(func.substr(t.c.date, 1, 4))
    if kind == "money":
        return select(func.coalesce(t.c.period, func.substr(t.c.date, 1, 4)))
    if kind == "counts":
        return select(t.c.period)
    return select(func.substr(t.c.published, 1, 4))


def _parties(kind: str) -> Select[Any]:
    """Every party the rows of ``kind`` name (a document's: its pairings' and events')."""
    if kind == "agreements":
        return select(agreement_parties.c.party)
    if kind == "documents":
        return select(union(*(select(pairings.c[c]) for c in ("helper", "recipient")),
                            *(select(events.c[c]) for c in ("helper", "recipient", "place"))).subquery().c[0])
    t = SPECS[kind].table
    return select(union(*(select(t.c[c]) for c in SPECS[kind].parties)).subquery().c[0])


def options(conn: Connection, kind: str) -> dict[str, list[Any]]:
    """What the filters of ``kind`` can be set to: ``years`` present (newest first) and the codes of the
    ``provinces`` its rows' parties lie in (each once, by code)."""
    years = sorted({int(y) for y in conn.execute(_years(kind).distinct()).scalars()
                    if isinstance(y, str) and y.isdigit() and len(y) == 4}, reverse=True)
    provinces = conn.execute(select(regions.c.province).where(regions.c.code.in_(_parties(kind)),
                                                              regions.c.province.is_not(None)).distinct()).scalars()
    return {"years": years, "provinces": sorted(set(provinces))}
