"""The list pages: GET /pairings, /events, /agreements, /money, /counts, /documents (filters, sort and page in
the query string), their downloads GET /<kind>.csv and /<kind>.xlsx (every row the filters keep, with
its sources), and GET /sources/{entity id} (the reports and sentences behind one row).

A list page answers an htmx request aimed at its results (``HX-Target: list-results``) with the results
alone (``_list_results.html``), so the filter form, sorting and paging swap only the table; without JS
the same links and form load the whole page. The words shown for the ledger's values (programmes, types,
roles, columns) are web/labels.yaml's (the ``label`` filter).
"""
from __future__ import annotations

import datetime as dt
import re
import threading
import time
from typing import Any, Awaitable, Callable
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from duikou.errors import LedgerError
from duikou.services import views
from duikou.services.list_export import MEDIA_TYPES, export_list
from duikou.services.lists import KINDS, PER_PAGE, ListQuery, Page, QueryError, filter_options, list_rows
from duikou.web.deps import engine, render
from duikou.web.errors import NotFound
from duikou.web.lanes import slow_lane
from duikou.web.labels import label

router = APIRouter()

RESULTS_ID = "list-results"  # the element an htmx request swaps: summary, table and pager
PER_PAGE_CHOICES = (20, 50, 100, 200)
SOURCES_SHOWN = 200  # reports a sources page lists (a pairing may be told by thousands)
OPTIONS_TTL = 30.0  # seconds a list's dropdown choices are reused (a new build shows within this)
_options_lock = threading.Lock()

# Which label group words a list's type filter and column (web/labels.yaml; the filter's name: type_filter).
TYPE_GROUPS = {"pairings": "relation", "events": "event_type", "money": "money_role", "counts": "count_role",
               "documents": "doc_status"}
NUMERIC = {"sources", "value", "facts", "since"}
_BAD_NAME = re.compile(r'[\\/:*?"<>|\s]+')


def list_url(query: ListQuery, **changes: Any) -> str:
    """The list page of ``query`` with ``changes`` (``sort=``, ``page=``), its query string holding only the
    filters that are set: the links a page shows and the URL an htmx swap puts in the address bar."""
    params = urlencode(query.to_params(**changes))
    return f"/{query.kind}" + (f"?{params}" if params else "")


def _sort_links(query: ListQuery, sortable: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """For each sortable column: the URL that sorts by it (toggling the direction when it is the sort in
    force; back to page 1) and its ``aria-sort`` state."""
    current = query.effective_sort
    out = {}
    for col in sortable:
        if current == col:
            nxt, state = f"-{col}", "ascending"
        elif current == f"-{col}":
            nxt, state = col, "descending"
        else:
            nxt, state = col, "none"
        out[col] = {"url": list_url(query, sort=nxt, page=1), "state": state}
    return out


def page_numbers(page: int, pages: int, around: int = 2) -> list[int | None]:
    """The page numbers a pager shows: the first, the last and ``around`` either side of ``page``; None
    where numbers are left out."""
    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def export_params(query: ListQuery) -> str:
    """The query string of a download of ``query``'s list: its filters and sort, not its page."""
    return urlencode(query.to_params(page=1, per_page=PER_PAGE))


def filename(query: ListQuery, fmt: str, today: dt.date | None = None) -> str:
    """A download's file name: ``duikou-money-四川-2022-20240105.csv`` (the kind, the filters set, the day)."""
    p = query.to_params(page=1, per_page=PER_PAGE, sort=None)
    bits = [p[k] for k in ("program", "province", "year", "type", "side", "review", "q") if k in p]
    stem = "-".join(["duikou", query.kind, *bits, (today or dt.date.today()).strftime("%Y%m%d")])
    return _BAD_NAME.sub("_", stem)[:150] + "." + fmt


def disposition(name: str) -> str:
    """A Content-Disposition for ``name``: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987)."""
    # the ASCII name for old clients: what is left once the Chinese is dropped, runs of separators made one
    fallback = re.sub(r"[^A-Za-z0-9.]+", "-", name.encode("ascii", "ignore").decode()).strip("-.") or "duikou-list"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def options_of(request: Request, kind: str) -> dict[str, Any]:
    """:func:`filter_options` of ``kind``, kept on the app for :data:`OPTIONS_TTL` seconds: the years and
    provinces present are read from every row (50 ms for pairings on a 20,000-report ledger), and they
    change only with a build, while every page and every htmx swap shows them."""
    state = request.app.state
    with _options_lock:
        if getattr(state, "list_options", None) is None:
            state.list_options = {}
        cache: dict[str, tuple[float, dict[str, Any]]] = state.list_options
        kept = cache.get(kind)
    if kept is not None and time.monotonic() - kept[0] < OPTIONS_TTL:
        return kept[1]
    got = filter_options(engine(request), kind)
    with _options_lock:
        cache[kind] = (time.monotonic(), got)
    return got


def _is_results_request(request: Request) -> bool:
    """An htmx request for the results alone (not a history restore, which needs the whole page)."""
    return (request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == RESULTS_ID
            and request.headers.get("HX-History-Restore-Request") != "true")


def list_page(request: Request, kind: str) -> HTMLResponse:
    """The list of ``kind``: the filter form, the results (or the parameter that was wrong, beside its
    field, with status 400), sortable headers, the pager and the downloads."""
    eng = engine(request)
    params = dict(request.query_params)
    error: QueryError | None = None
    result: Page | None = None
    try:
        query = ListQuery.from_params(kind, params)
        result = list_rows(eng, query)
        query = result.query
    except QueryError as err:
        error = err
        query = ListQuery(kind)
    options = options_of(request, kind)
    ctx: dict[str, Any] = {
        "kind": kind, "title": label("list", kind), "page": result, "lq": query, "error": error, "params": params,
        "options": options, "type_group": TYPE_GROUPS.get(kind), "type_name": label("type_filter", kind),
        "numeric": NUMERIC, "sorts": _sort_links(query, tuple(options["sort"])),
        "pages": [(n, n and list_url(query, page=n)) for n in page_numbers(result.page, result.pages)] if result else [],
        "prev_url": list_url(query, page=result.page - 1) if result and result.page > 1 else None,
        "next_url": list_url(query, page=result.page + 1) if result and result.page < result.pages else None,
        "export": export_params(query), "results_id": RESULTS_ID, "per_page_choices": PER_PAGE_CHOICES,
        "kinds": KINDS,
    }
    ctx["partial"] = _is_results_request(request)
    name = "_list_results.html" if ctx["partial"] else "list.html"
    # htmx swaps only 2xx answers: the results naming the bad parameter are a 200 to it, a 400 to a browser
    status = 400 if error and not ctx["partial"] else 200
    response = render(request, name, ctx, status_code=status)
    response.headers["Vary"] = "HX-Request, HX-Target"  # a cache must not give the table for the page
    if ctx["partial"] and result is not None:
        # the address bar gets the list's own URL, not the form's every empty field
        response.headers["HX-Push-Url"] = list_url(query)
    return response


def download(request: Request, kind: str, fmt: str) -> Response:
    """Every row the filters keep (no paging), with its sources, as CSV or XLSX."""
    query = ListQuery.from_params(kind, dict(request.query_params))
    body = export_list(engine(request), query, fmt)
    return Response(body, media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": disposition(filename(query, fmt))})


def _page_route(kind: str) -> Callable[[Request], HTMLResponse]:
    def route(request: Request) -> HTMLResponse:
        return list_page(request, kind)

    route.__name__ = f"list_{kind}"
    route.__doc__ = f"The list of {kind}, filtered, sorted and paged by the query string."
    return route


def _download_route(kind: str, fmt: str) -> Callable[[Request], Awaitable[Response]]:
    async def route(request: Request) -> Response:
        return await slow_lane(request, download, request, kind, fmt)

    route.__name__ = f"download_{kind}_{fmt}"
    route.__doc__ = f"The filtered list of {kind} as {fmt.upper()}."
    return route


# Each kind's path spelled out: a /{kind} pattern would also catch /map, /review and the others' pages.
for _kind in KINDS:
    router.add_api_route(f"/{_kind}", _page_route(_kind), methods=["GET"], include_in_schema=False,
                         response_class=HTMLResponse)
    for _fmt in MEDIA_TYPES:
        router.add_api_route(f"/{_kind}.{_fmt}", _download_route(_kind, _fmt), methods=["GET"],
                             include_in_schema=False)


def group_sources(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The facts of :func:`duikou.services.views.sources` by report, in the order given (published, then
    source): each report with its id, title, date, outlet, side and its facts (id, quote, confidence)."""
    by_doc: dict[int, dict[str, Any]] = {}
    for f in facts:
        doc = by_doc.setdefault(f["document"], {
            "id": f["document"], "title": f["title"], "source": f["source"], "published": f["published"],
            "outlet": f["outlet"], "side": f["side"], "facts": []})
        doc["facts"].append({"id": f["fact"], "quote": f["quote"], "confidence": f["confidence"],
                             "kind": f["kind"], "review": f.get("review")})
    return list(by_doc.values())


@router.get("/sources/{entity_id}", include_in_schema=False, response_class=HTMLResponse)
def sources_page(request: Request, entity_id: str) -> HTMLResponse:
    """The reports behind one row of a list (an entity or a fact), each sentence linking to its place in
    the report."""
    try:
        facts = views.sources(engine(request), entity_id)
    except LedgerError:
        raise NotFound(f"台账中没有编号为 {entity_id} 的记录。") from None
    reports = group_sources(facts)
    return render(request, "sources.html", {
        "entity_id": entity_id, "kind": facts[0]["kind"], "reports": reports[:SOURCES_SHOWN],
        "total": len(reports)})
