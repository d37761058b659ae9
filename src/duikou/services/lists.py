"""Filtered lists of pairings, events, agreements, money, counts and documents, as plain data.

A web page (or the JSON API) turns its query string into a :class:`ListQuery` with
:meth:`ListQuery.from_params`, renders the :class:`Page` that :func:`list_rows` returns and keeps the
filters in its links with :meth:`ListQuery.to_params`; :func:`filter_options` fills its dropdowns::

    query = ListQuery.from_params("money", {"province": "四川", "year": "2022", "sort": "-value"})
    page = list_rows(db, query)        # page.rows, page.total, page.pages, page.columns
    next_link = query.to_params(page=query.page + 1)

What each filter means for each kind is described on :class:`duikou.ledger.list_rows.Filters`.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from duikou import schema
from duikou.errors import DuikouError, LedgerError
from duikou.ingest.normalise import fold_width, has_traditional, to_simplified
from duikou.ledger import list_rows as rows_sql
from duikou.ledger.queries import province_codes
from duikou.reference import regions as reg
from duikou.services.connect import Db, engine_of

KINDS = rows_sql.KINDS
PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_TEXT = 200  # characters of a text filter or a search
_YEARS = (1949, 2100)


class QueryError(DuikouError):
    """A list's or a search's parameter is unusable; ``param`` names it (a web page shows it beside the
    field, the JSON API answers 400 with it)."""

    def __init__(self, param: str, reason: str):
        self.param = param
        self.reason = reason
        super().__init__(f"{param}: {reason}")


def clean_text(param: str, value: str) -> str:
    """A text filter or search as the ledger's text is kept: trimmed, simplified, full-width folded."""
    text = " ".join(value.split())
    if len(text) > MAX_TEXT:
        raise QueryError(param, f"is {len(text)} characters long; at most {MAX_TEXT}")
    if has_traditional(text):
        text = to_simplified(text)
    return fold_width(text)


def _choice(param: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise QueryError(param, f"{value!r} is not one of {', '.join(allowed)}")


def _int(param: str, value: str, low: int, high: int) -> int:
    v = value.strip()
    if not (v.isascii() and v.isdigit()):
        raise QueryError(param, f"{value!r} is not a whole number")
    n = int(v)
    if not low <= n <= high:
        raise QueryError(param, f"{n} is out of range ({low}–{high})")
    return n


@dataclass(frozen=True)
class ListQuery:
    """One list's filters, sort and page (validated when made; bad values raise :class:`QueryError`).

    ``kind`` is one of :data:`KINDS`; ``program`` a programme (schema enum of pairings.program);
    ``province`` a province's name or code (四川, 四川省, 51, 510000; an unknown one is refused by
    :func:`list_rows`); ``year`` a year; ``type`` an event's
    type, a figure's role (money, counts), a pairing's relation, a document's status; ``side`` helper or
    recipient (the side that told it); ``review`` any, reviewed or unreviewed; ``q`` words that must all
    be found in the row; ``sort`` a column of ``sorts(kind)`` (``-`` first: descending; None: the kind's
    default); ``page`` from 1; ``per_page`` up to :data:`MAX_PER_PAGE`.
    """

    kind: str
    program: str | None = None
    province: str | None = None
    year: int | None = None
    type: str | None = None
    side: str | None = None
    review: str = "any"
    q: str | None = None
    sort: str | None = None
    page: int = 1
    per_page: int = PER_PAGE

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise QueryError("kind", f"{self.kind!r} is not one of {', '.join(KINDS)}")
        _choice("program", self.program, schema.enum("pairings", "program"))
        types = rows_sql.type_values(self.kind)
        if self.type is not None and not types:
            raise QueryError("type", f"{self.kind} have no type to filter by")
        _choice("type", self.type, types)
        _choice("side", self.side, rows_sql.SIDES)
        _choice("review", self.review, rows_sql.REVIEW_STATES)
        if self.sort is not None and self.sort.removeprefix("-") not in sorts(self.kind):
            raise QueryError("sort", f"{self.kind} sort by one of {', '.join(sorts(self.kind))} "
                                     f"(a leading - for descending), not {self.sort!r}")
        if self.year is not None and not _YEARS[0] <= self.year <= _YEARS[1]:
            raise QueryError("year", f"{self.year} is out of range ({_YEARS[0]}–{_YEARS[1]})")
        if self.page < 1:
            raise QueryError("page", "pages are numbered from 1")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise QueryError("per_page", f"{self.per_page} is out of range (1–{MAX_PER_PAGE})")
        if self.province is not None and not self.province.strip():
            raise QueryError("province", "is empty")
        if self.q is not None:
            clean_text("q", self.q)

    @classmethod
    def from_params(cls, kind: str, params: Mapping[str, str]) -> "ListQuery":
        """A query from a query string's values (all text; an empty value means the filter is not set).
        Parameters other than the filters (a page's own) are ignored."""
        got: dict[str, Any] = {}
        for name in PARAMS:
            raw = params.get(name)
            if raw is None:
                continue
            if not isinstance(raw, str):
                raise QueryError(name, f"expected one text value, got {type(raw).__name__}")
            value = raw.strip()
            if not value:
                continue
            if name == "year":
                got[name] = _int(name, value, *_YEARS)
            elif name == "page":
                got[name] = _int(name, value, 1, 10**9)
            elif name == "per_page":
                got[name] = _int(name, value, 1, MAX_PER_PAGE)
            else:
                got[name] = value
        return cls(kind, **got)

    def to_params(self, **changes: Any) -> dict[str, str]:
        """The query string that gives this query back (``kind`` left out: it is the page's), with
        ``changes`` applied (``page=2``, ``sort="-date"``); unset and default values are left out."""
        q = replace(self, **changes) if changes else self
        out: dict[str, str] = {}
        for f in fields(q):
            v = getattr(q, f.name)
            if f.name != "kind" and v is not None and v != f.default:
                out[f.name] = str(v)
        return out

    @property
    def effective_sort(self) -> str:
        """The sort in force: the one asked for, else the kind's default."""
        return self.sort or rows_sql.SPECS[self.kind].default_sort

    def filters(self) -> rows_sql.Filters:
        """The ledger's filters for this query (the text split into normalised words)."""
        words = tuple(dict.fromkeys(clean_text("q", self.q).split())) if self.q else ()
        return rows_sql.Filters(program=self.program, province=self.province, year=self.year, type=self.type,
                                side=self.side, review=self.review, words=words)


PARAMS = tuple(f.name for f in fields(ListQuery) if f.name != "kind")


def sorts(kind: str) -> tuple[str, ...]:
    """The columns a list of ``kind`` can be sorted by."""
    return rows_sql.SPECS[kind].sorts


@dataclass(frozen=True)
class Page:
    """One page of a list: ``rows`` (plain dicts, see :func:`list_rows`), how many rows match in all,
    the page shown (the last one when the query asked past it), its size, the number of pages, the
    query (its ``page`` the one shown) and the columns a table shows, in order."""

    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    pages: int
    query: ListQuery
    columns: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The page as JSON-able data (what the JSON API answers)."""
        return {"kind": self.query.kind, "rows": self.rows, "total": self.total, "page": self.page,
                "per_page": self.per_page, "pages": self.pages, "columns": list(self.columns),
                "sort": self.query.effective_sort, "params": self.query.to_params()}


def list_rows(db: Db, query: ListQuery) -> Page:
    """One page of the rows ``query`` keeps, sorted and counted in SQL.

    Every row has its ``id``, its display fields, ``sources`` (the number of reports supporting it; a
    document has ``facts`` instead) and ``reviewed`` (a reviewer accepted or corrected one of its
    facts). Parties are ``{"id": code or name as printed, "name": display name}``. Per kind:

    - pairings: helper, recipient, program, programs (reports naming each), program_conflict, since,
      relation;
    - events: type, date, end_date, helper, recipient, place, leaders (names);
    - agreements: title, date, parties (a list);
    - money: value (yuan), approx, role, status (done/planned), cumulative, payer, payee, period, date,
      conflict (an id shared by figures that disagree, or None);
    - counts: value, unit, approx, role, helper, recipient, period;
    - documents: title, published, outlet, side, status, provenance, on_topic, url, source, facts.
    """
    with engine_of(db) as eng, eng.connect() as conn:
        per, sort, f = query.per_page, query.effective_sort, query.filters()
        if query.province is not None:
            try:  # an unknown province is the query's fault: named as its parameter
                province_codes(conn, query.province.strip())
            except LedgerError as err:
                raise QueryError("province", str(err)) from None
        rows, total = rows_sql.page(conn, query.kind, f, sort, (query.page - 1) * per, per)
        pages = max(1, math.ceil(total / per))
        if query.page > pages:  # a stale link past the end: the last page
            query = replace(query, page=pages)
            rows, total = rows_sql.page(conn, query.kind, f, sort, (pages - 1) * per, per)
    return Page(rows, total, query.page, per, pages, query, rows_sql.SPECS[query.kind].columns)


def filter_options(db: Db, kind: str) -> dict[str, Any]:
    """What the filters of a ``kind`` list offer: ``program`` (the schema's programmes), ``province``
    (``{"code", "name"}`` of the provinces its rows' parties lie in), ``year`` (present, newest first),
    ``type`` (see :class:`ListQuery`; empty for agreements), ``side``, ``review``, ``sort`` (sortable
    columns) and ``columns`` (shown)."""
    if kind not in KINDS:
        raise QueryError("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    with engine_of(db) as eng, eng.connect() as conn:
        present = rows_sql.options(conn, kind)
    spec = rows_sql.SPECS[kind]
    return {"program": list(schema.enum("pairings", "program")),
            "province": [{"code": c, "name": reg.name(c) or c} for c in present["provinces"]],
            "year": present["years"], "type": list(rows_sql.type_values(kind)), "side": list(rows_sql.SIDES),
            "review": list(rows_sql.REVIEW_STATES), "sort": list(spec.sorts), "columns": list(spec.columns)}
