"""The JSON API of the search and the lists: GET /api/search?q=, GET /api/{kind} for pairings, events,
agreements, money, counts and documents (the list pages' parameters), GET /api/filters/{kind} (what the
filters offer). A bad parameter answers 400 ``{"error": "...", "param": "..."}``."""
from __future__ import annotations

from typing import Any, Callable

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from duikou.services.lists import KINDS, MAX_PER_PAGE, PER_PAGE, ListQuery, QueryError, filter_options, list_rows
from duikou.services.search import HIT_KINDS, MAX_LIMIT, search
from duikou.web.deps import engine
from duikou.web.errors import NotFound
from duikou.web.lanes import in_page_lane
from duikou.web.routes.search import hit_url

router = APIRouter(prefix="/api", tags=["search and lists"])


class ApiError(BaseModel):
    """A refused request: what was wrong, and the parameter at fault when one was."""

    error: str
    param: str | None = None


class SearchHit(BaseModel):
    """One thing the search found."""

    kind: str = Field(description=f"one of {', '.join(HIT_KINDS)}")
    key: str = Field(description="what its page is opened by: a region code, a party's name, an id")
    label: str = Field(description="its name or title")
    detail: str = Field(description="a line saying what it is")
    score: float = Field(description="the rank: higher first (exact matches, then prefixes, then any part)")
    in_ledger: bool = Field(description="False for a region or party no ledger row names")
    url: str = Field(description="the page that shows it")


class SearchResult(BaseModel):
    """The hits, best first."""

    q: str
    hits: list[SearchHit]


class ListPage(BaseModel):
    """One page of a list. ``rows`` are the list's rows as plain objects: each has ``id``, the kind's
    columns, ``sources`` (reports supporting it; documents: ``facts``) and ``reviewed``; parties are
    ``{"id": code or name as printed, "name": display name}``; money values are in yuan."""

    kind: str
    rows: list[dict[str, Any]]
    total: int = Field(description="rows the filters keep, on every page")
    page: int = Field(description="the page shown (the last one when the request asked past it)")
    per_page: int
    pages: int
    columns: list[str] = Field(description="the columns a table shows, in order")
    sort: str = Field(description="the sort in force (a leading - for descending)")
    params: dict[str, str] = Field(description="the query string that gives this page back")


def _refused(err: QueryError) -> JSONResponse:
    return JSONResponse({"error": str(err), "param": err.param}, status_code=400)


_REFUSED: dict[int | str, dict[str, Any]] = {400: {"model": ApiError, "description": "a bad parameter"}}


@router.get("/search", response_model=SearchResult, responses=_REFUSED)
@in_page_lane
def api_search(request: Request, q: str = Query("", max_length=1000, description="names, short forms, codes or words of a title"),
               limit: int = Query(20, description=f"at most this many hits (1–{MAX_LIMIT})")) -> Any:
    """Regions (names, short forms, GB/T 2260 codes and prefixes), parties, people, agreements, documents
    and pairings between two names, best first."""
    try:
        hits = search(engine(request), q, limit)
    except QueryError as err:
        return _refused(err)
    return {"q": q, "hits": [{**h.to_dict(), "url": hit_url(h)} for h in hits]}


_FILTER_DOCS = {
    "program": "a programme (east_west, intra_province, counterpart_support, designated, unspecified)",
    "province": "a province by name or code (四川, 51, 510000)",
    "year": "a year",
    "type": "a pairing's relation, an event's type, a figure's role, a document's status",
    "side": "helper or recipient: the side that told it",
    "review": "any, reviewed or unreviewed",
    "q": "words that must all be found in the row",
    "sort": "a column (a leading - for descending)",
    "page": "the page, from 1",
    "per_page": f"rows per page (default {PER_PAGE}, at most {MAX_PER_PAGE})",
}


def _list_route(kind: str) -> Callable[..., Any]:
    # The parameters are declared (for the schema) but read as text by ListQuery.from_params, so every
    # bad value is refused by the same rules, with the same message, as on the list page.
    def route(request: Request,
              program: str | None = Query(None, description=_FILTER_DOCS["program"]),
              province: str | None = Query(None, description=_FILTER_DOCS["province"]),
              year: str | None = Query(None, description=_FILTER_DOCS["year"]),
              type: str | None = Query(None, description=_FILTER_DOCS["type"]),
              side: str | None = Query(None, description=_FILTER_DOCS["side"]),
              review: str | None = Query(None, description=_FILTER_DOCS["review"]),
              q: str | None = Query(None, description=_FILTER_DOCS["q"]),
              sort: str | None = Query(None, description=_FILTER_DOCS["sort"]),
              page: str | None = Query(None, description=_FILTER_DOCS["page"]),
              per_page: str | None = Query(None, description=_FILTER_DOCS["per_page"])) -> Any:
        given = {"program": program, "province": province, "year": year, "type": type, "side": side,
                 "review": review, "q": q, "sort": sort, "page": page, "per_page": per_page}
        try:
            query = ListQuery.from_params(kind, {k: v for k, v in given.items() if v is not None})
            return list_rows(engine(request), query).to_dict()
        except QueryError as err:
            return _refused(err)

    route.__name__ = f"api_list_{kind}"
    route.__doc__ = f"One page of the {kind}, filtered and sorted as the {kind} list page is."
    return route


for _kind in KINDS:
    router.add_api_route(f"/{_kind}", in_page_lane(_list_route(_kind)), methods=["GET"], response_model=ListPage,
                         responses=_REFUSED, summary=f"List {_kind}")


@router.get("/filters/{kind}", responses={**_REFUSED, 404: {"model": ApiError, "description": "no such list"}})
@in_page_lane
def api_filters(request: Request, kind: str) -> Any:
    """What a list's filters offer: programmes, provinces and years present, types, sides, review
    states, sortable and shown columns."""
    if kind not in KINDS:
        raise NotFound(f"没有 {kind} 这个列表（可选：{', '.join(KINDS)}）。")
    try:
        return filter_options(engine(request), kind)
    except QueryError as err:
        return _refused(err)
