"""The map's data: GET /api/map (what :func:`duikou.services.mapdata.map_data` returns, optionally fitted to
a drawing level and a province), and :func:`fitted_map`, which the map page (``routes/map.py``) renders.

The service tallies each party at its own code (a county's money stays on the county). A map drawn at the
province or prefecture level has no county boundaries, so with ``level`` the values are summed into the
region of that level that contains them (the boundary files say which codes a level draws), each with the
parties it sums. With ``province`` only the lines touching that province and the values inside it are
kept: at the county level the map shows one province, and a line elsewhere would run off it.
A bad parameter answers 400 ``{"error": "...", "param": "..."}``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from duikou.reference import codes
from duikou.schema import enum
from duikou.services.lists import QueryError
from duikou.services.mapdata import DIRECTIONS, MEASURES, map_data
from duikou.web.boundaries import BoundarySet, Layer, check_boundaries
from duikou.web.deps import engine, settings_of
from duikou.web.lanes import in_page_lane

router = APIRouter(prefix="/api", tags=["map"])

LEVELS = ("province", "prefecture", "county")
# Reports a line lists (their ids); ``source_count`` counts them all and /sources/{id} lists every one. The
# first 50 of each of ~200 lines were most of the map data's cost (6,000 rows; 20,000-report ledger).
LINE_SOURCES = 3
YEARS = (1949, 2100)  # the years a report can speak of; outside them a filter is a typo


@lru_cache(maxsize=4)
def _checked(directory: Path) -> BoundarySet:
    return check_boundaries(directory)


def boundary_set(request: Request) -> BoundarySet:
    """The app's boundary directory, checked once (:class:`BoundaryError`, a ConfigError, when unusable).

    The app's startup check leaves it in ``app.state.boundary_set`` when it makes one; otherwise it is
    read here on first use and kept."""
    ready = getattr(request.app.state, "boundary_set", None)
    if isinstance(ready, BoundarySet):
        return ready
    return _checked(settings_of(request).boundaries)


@dataclass(frozen=True)
class MapQuery:
    """The map's filters, checked: a bad one raises :class:`QueryError` naming it."""

    program: str | None = None
    year: int | None = None
    measure: str = "money"
    direction: str = "received"
    level: str | None = None
    province: str | None = None  # a province-level code (320000), from "32", "320000" or any code in it

    def __post_init__(self) -> None:
        programs = enum("pairings", "program")
        if self.program is not None and self.program not in programs:
            raise QueryError("program", f"{self.program!r} is not one of {', '.join(programs)}")
        if self.year is not None and not YEARS[0] <= self.year <= YEARS[1]:
            raise QueryError("year", f"{self.year} is out of range ({YEARS[0]}–{YEARS[1]})")
        if self.measure not in MEASURES:
            raise QueryError("measure", f"{self.measure!r} is not one of {', '.join(MEASURES)}")
        if self.direction not in DIRECTIONS:
            raise QueryError("direction", f"{self.direction!r} is not one of {', '.join(DIRECTIONS)}")
        if self.level is not None and self.level not in LEVELS:
            raise QueryError("level", f"{self.level!r} is not one of {', '.join(LEVELS)}")
        if self.level == "county" and self.province is None:
            raise QueryError("province", "the county level draws one province: choose it")

    @classmethod
    def of(cls, program: str | None, year: str | int | None, measure: str | None, direction: str | None,
           level: str | None, province: str | None) -> "MapQuery":
        """A query from a query string's values (an empty value: not set; ``year`` may be text)."""
        def clean(value: str | None) -> str | None:
            return (value.strip() or None) if isinstance(value, str) else None

        y: int | None = None
        if isinstance(year, int):
            y = year
        elif clean(year) is not None:
            text = str(clean(year))
            if not (text.isascii() and text.isdigit() and len(text) <= 4):
                raise QueryError("year", f"{text!r} is not a year")
            y = int(text)
        return cls(clean(program), y, clean(measure) or "money", clean(direction) or "received", clean(level),
                   _province(clean(province)))

    def params(self) -> dict[str, str]:
        """The query string that gives this query back (only what is set and not the default)."""
        out = {"program": self.program, "year": None if self.year is None else str(self.year),
               "measure": None if self.measure == "money" else self.measure,
               "direction": None if self.direction == "received" else self.direction,
               "level": self.level, "province": self.province}
        return {k: v for k, v in out.items() if v is not None}


def _province(value: str | None) -> str | None:
    """``32``, ``320000`` or any code within the province -> ``320000``; None stays None."""
    if value is None:
        return None
    code = value + "0000" if len(value) == 2 and value.isascii() and value.isdigit() else value
    if not codes.is_code(code):
        raise QueryError("province", f"{value!r} is not a province: two digits (32) or a six-digit code (320000)")
    return codes.province_code(code)


def _check_drawable(query: MapQuery, bset: BoundarySet) -> Layer | None:
    """The boundary layer the query draws (None without a level); a province the files lack is refused."""
    if query.province is not None and query.province not in bset.province.names:
        raise QueryError("province", f"{query.province} is not a province the map's boundary files draw")
    if query.level is None:
        return None
    layer = bset.layer(query.level, query.province)
    if layer is None:  # only the county level can lack a file
        raise QueryError("province", f"the map's boundary files have no counties of {query.province}")
    return layer


def _region_at(code: str, layer: Layer) -> str | None:
    """The region of ``layer`` that contains ``code`` (itself or the nearest unit above), None if none."""
    return next((c for c in codes.chain(code) if c in layer.names), None)


def fitted_map(request: Request, query: MapQuery) -> dict[str, Any]:
    """The map data of ``query``: :func:`map_data` with the lines and values kept to ``province`` and, with
    ``level``, the values summed per region of that level (``parts``: the parties summed) and those that
    level cannot draw in ``not_drawn``. Adds ``level`` and ``province`` (the query's)."""
    layer = _check_drawable(query, boundary_set(request))
    data = map_data(engine(request), query.program, query.year, query.measure, query.direction, LINE_SOURCES)
    values: list[dict[str, Any]] = data["values"]
    if query.province is not None:
        prefix = query.province[:2]
        data["lines"] = [line for line in data["lines"]
                         if line["helper"]["code"].startswith(prefix) or line["recipient"]["code"].startswith(prefix)]
        values = [v for v in values if v["code"].startswith(prefix)]
    not_drawn: list[dict[str, Any]] = []
    if layer is not None:
        parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for v in values:
            region = _region_at(v["code"], layer)
            if region is None:
                not_drawn.append(v)
            else:
                parts[region].append(v)
        values = [{"code": region, "name": layer.names[region], "level": query.level,
                   "province": codes.province_code(region), "value": sum(p["value"] for p in summed),
                   "parts": summed}
                  for region, summed in parts.items()]
        values.sort(key=lambda v: (-v["value"], v["code"]))
    data.update(values=values, not_drawn=not_drawn, level=query.level, province=query.province)
    return data


# -- the JSON API ----------------------------------------------------------------------------------------
class MapEnd(BaseModel):
    """A line's end: a region with coordinates."""

    code: str = Field(description="GB/T 2260 code")
    name: str
    level: str | None = Field(description="province, prefecture or county")
    lon: float
    lat: float


class MapLine(BaseModel):
    """A standing pairing in force, helper -> recipient."""

    id: str = Field(description="the pairing's id (its page: /pairings/{id})")
    helper: MapEnd
    recipient: MapEnd
    program: str | None
    since: int | None = Field(description="the year it began, when a report says")
    source_count: int = Field(description="reports supporting it")
    sources: list[int] = Field(description=f"ids of its first {LINE_SOURCES} reports by date (their page: "
                                           "/documents/{id}; every report: /sources/{pairing id})")


class MapPart(BaseModel):
    """A party's own value."""

    code: str
    name: str
    level: str | None
    province: str | None
    value: float


class MapValue(MapPart):
    """A region's value on the choropleth; with ``level``, the sum of the parties in ``parts``."""

    parts: list[MapPart] | None = Field(None, description="with level: the parties summed into this region")


class MapFilters(BaseModel):
    """What the ledger offers to filter by."""

    programs: list[str]
    years: list[int]
    measures: list[str]
    directions: list[str]


class MapData(BaseModel):
    """What the map draws. Money is in yuan (``unit``)."""

    program: str | None
    year: int | None
    measure: str
    direction: str
    unit: str = Field(description="yuan, events or pairings")
    level: str | None
    province: str | None = Field(description="the province-level code the data is kept to")
    lines: list[MapLine]
    unplaced: int = Field(description="pairings left out: an end without a region code or coordinates")
    values: list[MapValue] = Field(description="largest first")
    not_drawn: list[MapPart] = Field(description="with level: values of parties that level has no region for")
    filters: MapFilters


class MapError(BaseModel):
    """A refused request: what was wrong and the parameter at fault."""

    error: str
    param: str | None = None


@router.get("/map", response_model=MapData,
            responses={400: {"model": MapError, "description": "a bad parameter"}})
@in_page_lane
def api_map(request: Request,
            program: str | None = Query(None, description=f"a programme: {', '.join(enum('pairings', 'program'))}"),
            year: str | None = Query(None, max_length=10, description="a year: pairings in force then, money and events of it"),
            measure: str | None = Query(None, max_length=20, description=f"the choropleth: {', '.join(MEASURES)} (default money)"),
            direction: str | None = Query(None, max_length=20, description=f"{', '.join(DIRECTIONS)} (default received)"),
            level: str | None = Query(None, max_length=20, description=f"sum values per region of {', '.join(LEVELS)}"),
            province: str | None = Query(None, max_length=10, description="keep to a province: 32 or 320000 (needed with level=county)"),
            ) -> Any:
    """Pairings as lines helper -> recipient and a choropleth of money, events or pairings received or given
    per region, filtered by programme and year; with ``level``, values summed per region of that level;
    with ``province``, only the lines touching it and the values inside it."""
    try:
        query = MapQuery.of(program, year, measure, direction, level, province)
        return fitted_map(request, query)
    except QueryError as err:
        return JSONResponse({"error": str(err), "param": err.param}, status_code=400)
