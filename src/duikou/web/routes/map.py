"""The map page: GET /map — China's boundaries drawn offline by ECharts (``static/js/map.js``), pairings as
lines helper -> recipient, a choropleth of money, events or pairings received or given; filters (programme,
year, measure, direction, level, province) in the URL; a click on a region opens ``/region/{code}``.

The page itself lists what the map shows (the lines with their reports, the regions' values with the parties
summed into each), so it reads without JavaScript; the script only draws the map from ``/api/map`` with the
same query (``static/js/map_page.js`` starts it from the element's ``data-map``).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from duikou.services.lists import QueryError
from duikou.services.mapdata import DIRECTIONS, MEASURES
from duikou.web.deps import render
from duikou.web.routes.api_map import LEVELS, MapQuery, boundary_set, fitted_map
from duikou.web.routes.profiles import LABELS

router = APIRouter()

# How many lines and regions the tables under the map list (the lists pages hold every pairing).
LINE_LIMIT = 100
VALUE_LIMIT = 60

# One colour per programme on the map and in the page's legend (the same as map.js's defaults, passed to it
# explicitly so the two cannot drift apart).
PROGRAM_COLOURS = {"east_west": "#d7301f", "counterpart_support": "#ff8c00", "intra_province": "#7b3294",
                   "designated": "#1a9850", "unspecified": "#e7298a"}
OTHER_COLOUR = "#525252"
# The choropleth's scale (map.js draws regions with it), for the page's legend.
SCALE = ["#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b"]

MAP_LABELS: dict[str, dict[str, str]] = {
    "measures": {"money": "资金", "counts": "活动数", "pairings": "结对数"},
    "directions": {"received": "受援", "given": "援出"},
    "levels": {"province": "省级", "prefecture": "地级", "county": "县级"},
    # map.js's tooltips and legend: money travels in yuan (the API's unit)
    "js_measures": {"money": "资金（元）", "counts": "活动数", "pairings": "结对数"},
}


def _colour(program: str | None) -> str:
    return PROGRAM_COLOURS.get(program or "unspecified", OTHER_COLOUR)


def _options(data: dict[str, Any] | None, query: MapQuery, provinces: dict[str, str]) -> dict[str, Any]:
    """The choices of the filter form: what the ledger offers, and the query's own values even if not."""
    filters = (data or {}).get("filters", {})
    programs = list(filters.get("programs", []))
    if query.program and query.program not in programs:
        programs.append(query.program)
    years = sorted(set(filters.get("years", [])) | ({query.year} if query.year else set()), reverse=True)
    return {"program": [(p, LABELS["programs"].get(p, p)) for p in programs],
            "year": [(str(y), str(y)) for y in years],
            "measure": [(m, MAP_LABELS["measures"][m]) for m in MEASURES],
            "direction": [(d, MAP_LABELS["directions"][d]) for d in DIRECTIONS],
            "level": [(lv, MAP_LABELS["levels"][lv]) for lv in LEVELS],
            "province": sorted(provinces.items())}


def _map_spec(query: MapQuery, programs: list[str]) -> dict[str, Any]:
    """The options map.js is started with (the element's ``data-map``)."""
    return {"mapsBase": "/maps", "dataUrl": "/api/map?" + urlencode(query.params()),
            "level": query.level or "province", "province": query.province[:2] if query.province else None,
            "programColours": {p: _colour(p) for p in programs},
            "labels": {"programs": LABELS["programs"], "measures": MAP_LABELS["js_measures"],
                       "directions": MAP_LABELS["directions"]}}


def _legend(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The programmes drawn, each with its colour and number of lines."""
    counts: dict[str, int] = {}
    for line in data["lines"]:
        key = line["program"] or "unspecified"
        counts[key] = counts.get(key, 0) + 1
    return [{"program": p, "label": LABELS["programs"].get(p, p), "colour": _colour(p), "lines": n}
            for p, n in sorted(counts.items())]


def _current(query: MapQuery) -> dict[str, str]:
    """The form's values for ``query`` (defaults filled in)."""
    return {"program": query.program or "", "year": "" if query.year is None else str(query.year),
            "measure": query.measure, "direction": query.direction, "level": query.level or "province",
            "province": query.province or ""}


def _raw(request: Request) -> dict[str, str]:
    """The filters as the URL gave them (a refused one is shown back as typed)."""
    return {k: v for k, v in request.query_params.items()
            if k in ("program", "year", "measure", "direction", "level", "province") and v}


@router.get("/map", include_in_schema=False, response_class=HTMLResponse)
def map_page(request: Request,
             program: str | None = Query(None, max_length=100), year: str | None = Query(None, max_length=100),
             measure: str | None = Query(None, max_length=100), direction: str | None = Query(None, max_length=100),
             level: str | None = Query(None, max_length=100),
             province: str | None = Query(None, max_length=100)) -> HTMLResponse:
    """The map with its filters, legend and the tables of what it shows; a bad filter is a 400 page that
    says which and keeps the form."""
    bset = boundary_set(request)
    provinces = dict(bset.province.names)
    error: QueryError | None = None
    data: dict[str, Any] | None = None
    try:
        query = MapQuery.of(program, year, measure, direction, level or "province", province)
        data = fitted_map(request, query)
    except QueryError as err:
        error, query = err, MapQuery(level="province")
    context: dict[str, Any] = {
        "q": query, "error": error, "data": data, "options": _options(data, query, provinces),
        "labels": LABELS, "map_labels": MAP_LABELS, "scale": SCALE, "colour_of": _colour,
        "county_provinces": sorted(p + "0000" for p in bset.counties),
        "province_name": provinces.get(query.province or "", ""),
        "current": _current(query) if error is None else {**_current(query), **_raw(request)},
    }
    if data is not None:
        lines = sorted(data["lines"], key=lambda ln: (ln["program"] or "", ln["helper"]["code"], ln["recipient"]["code"]))
        context.update(
            lines=lines[:LINE_LIMIT], line_total=len(lines), line_limit=LINE_LIMIT,
            values=data["values"][:VALUE_LIMIT], value_total=len(data["values"]), value_limit=VALUE_LIMIT,
            max_value=max((v["value"] for v in data["values"]), default=0), legend=_legend(data),
            spec=_map_spec(query, sorted({ln["program"] or "unspecified" for ln in lines} | set(data["filters"]["programs"]))),
            pairings_url="/pairings?" + urlencode({k: v for k, v in (("program", query.program),
                                                                    ("province", query.province)) if v}),
        )
    return render(request, "map.html", context, status_code=400 if error else 200)
