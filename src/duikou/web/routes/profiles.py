"""Profile pages: GET /region/{code} and /party/{name} (a region's or a non-region party's profile),
/pairings/{id} (a pairing as each side tells it), /person/{id} (titles over time, events, reports).

Each page renders one :mod:`duikou.services.profiles` function (the JSON API in ``api_profiles`` returns the
same data); every value links to the facts behind it, ``/documents/{document}#fact-{fact}``. Something the
ledger does not hold is a 404 page that says what was looked for.
"""
from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from duikou.errors import LedgerError
from duikou.services import profiles
from duikou.services.profile_figures import SIDES
from duikou.services.profiles import PairingProfile, PersonProfile, RegionProfile
from duikou.web import labels
from duikou.web.deps import engine, render
from duikou.web.errors import NotFound
from duikou.web.profile_markup import MoneyCell, SourceLinks, figure_value, party_href, party_link, report_hints

router = APIRouter()

# How many lines each section of a region's profile shows at first, and at most on request (?limit=).
SECTION_LIMIT = 20
MAX_SECTION_LIMIT = 1000
# Source links shown beside a value; the rest are one link away, on /sources/{id} (every report of it).
SOURCES_SHOWN = 3
# A pairing's page: the latest reports a side, events and agreements it lists (?limit= asks for more; each
# side's reports have their own paged list, /pairings/{id}/reports?side=), and its figure groups a page
# (?page=). The top pairing of a 20,000-report ledger had 564 figure groups, 100 events and 100 reports a
# side on one 541 KB page.
PAIRING_LIMIT = 20
FIGURES_PER_PAGE = profiles.FIGURES_PER_PAGE
SIDE_REPORTS_PER_PAGE = 50
# A person's page: their latest title spans, events and reports (?limit= for more; the person named most on
# that ledger had 300 spans and 1,090 reports on one 277 KB page).
PERSON_LIMIT = 20
# Evidence a page asks the services for a value: those it shows and one more, so that _sources.html still
# sees when there are more facts than it shows (the count beside them is the service's source_count).
PAGE_SOURCES = SOURCES_SHOWN + 1

# The ledger's values as the profile templates name their word groups (``labels.programs[...]``), each
# group read from web/labels.yaml, the one place the words are kept.
_GROUPS = {"programs": "program", "relations": "relation", "event_types": "event_type", "money_roles": "money_role",
           "count_roles": "count_role", "sides": "side", "as": "as", "person_roles": "person_role",
           "columns": "money_column", "directions": "direction", "kinds": "figure_kind"}
LABELS: dict[str, dict[str, str]] = {name: labels.labels(group) for name, group in _GROUPS.items()}
MONEY_COLUMNS = ("annual", "cumulative", "planned")


# -- lookups that turn "not in the ledger" into a 404 (the API module uses them too) -------------------
def find_region(eng: Engine, name_or_code: str, limit: int | None = None,
                sources: int | None = None) -> RegionProfile:
    """The profile of a region or party (at most ``sources`` evidence items a value), or NotFound."""
    missing = f"台账中没有“{name_or_code}”这个地区或单位。"
    try:
        prof = profiles.region_profile(eng, name_or_code, limit, sources)
    except LedgerError as exc:  # the limit is checked by the route, so this is "no such region or party"
        raise NotFound(missing) from exc
    # Any six digits read as a code: one that neither the gazetteer names nor the ledger holds anything
    # about is no region (a known region with no records yet still has its page, which says so).
    if not any(prof.totals.values()) and all(p["name"] == p["id"] for p in prof.parties):
        raise NotFound(missing)
    return prof


def find_pairing(eng: Engine, pairing_id: str, limit: int = profiles.REPORTS_LIMIT,
                 figure_page: int | None = None) -> PairingProfile:
    """The profile of a pairing (the latest ``limit`` reports a side, events and agreements; with
    ``figure_page``, that page of its figures), or NotFound."""
    try:
        return profiles.pairing_profile(eng, pairing_id, limit, figure_page, FIGURES_PER_PAGE)
    except LedgerError as exc:
        raise NotFound(f"台账中没有编号为“{pairing_id}”的结对关系。") from exc


def find_person(eng: Engine, person_id: str, limit: int = profiles.REPORTS_LIMIT,
                sources: int | None = None) -> PersonProfile:
    """The profile of a person (at most ``limit`` title spans, events and reports, ``sources`` evidence
    items a value), or NotFound."""
    try:
        return profiles.person_profile(eng, person_id, limit, sources)
    except LedgerError as exc:
        raise NotFound(f"台账中没有编号为“{person_id}”的人物。") from exc


# -- what the region page shows besides the service's data ---------------------------------------------
def money_columns(money_by_year: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """The directions (given, received) with any figure, each with its columns: annual and cumulative
    always (side by side, so that one is never read as the other), planned only when some year has one."""
    shown = []
    for direction in ("given", "received"):
        held = [c for c in MONEY_COLUMNS if any(y[direction][c]["figures"] for y in money_by_year)]
        if held:
            shown.append((direction, [c for c in MONEY_COLUMNS if c != "planned" or c in held]))
    return shown


def annual_chart(money_by_year: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The bar chart's data: annual money given and received by dated year, in 万元 (None when no year has
    an annual total). Cumulative and planned figures stay out: they are not money of that year."""
    years = [y for y in money_by_year if y["year"] is not None]

    def series(direction: str) -> list[float | None]:
        return [None if y[direction]["annual"]["total"] is None else round(y[direction]["annual"]["total"] / 1e4, 2)
                for y in years]

    given, received = series("given"), series("received")
    if all(v is None for v in given + received):
        return None
    return {"years": [str(y["year"]) for y in years], "unit": "万元",
            "series": [{"name": LABELS["directions"]["given"], "data": given},
                       {"name": LABELS["directions"]["received"], "data": received}]}


def _page(request: Request, template: str, reports: dict[int, dict[str, Any]], **context: Any) -> HTMLResponse:
    """``template`` with ``context`` and what every profile page's macros use."""
    hints = report_hints(reports)
    links = SourceLinks(hints, SOURCES_SHOWN)
    return render(request, template, {**context, "labels": LABELS, "party_href": party_href, "hints": hints,
                                      "sources_shown": SOURCES_SHOWN, "source_links": links,
                                      "party_link": party_link, "figure_value": figure_value,
                                      "money_cell": MoneyCell(links, LABELS["money_roles"])})


def _region_page(request: Request, name_or_code: str, limit: int, kind: str) -> HTMLResponse:
    prof = find_region(engine(request), name_or_code, limit, PAGE_SOURCES)
    return _page(request, "region.html", prof.reports, prof=prof, kind=kind, limit=limit,
                 max_limit=MAX_SECTION_LIMIT, money_columns=money_columns(prof.money_by_year),
                 chart=annual_chart(prof.money_by_year), sections={s.name: s for s in prof.sections})


_LIMIT = Query(SECTION_LIMIT, ge=1, le=MAX_SECTION_LIMIT, description="lines per section")


@router.get("/region/{code}", include_in_schema=False, response_class=HTMLResponse)
def region_page(request: Request, code: str, limit: int = _LIMIT) -> HTMLResponse:
    """A region's profile (by GB/T 2260 code; a name the ledger knows works too)."""
    return _region_page(request, code, limit, "region")


@router.get("/party/{name:path}", include_in_schema=False, response_class=HTMLResponse)
def party_page(request: Request, name: str, limit: int = _LIMIT) -> HTMLResponse:
    """A party's profile by its printed name (a company, a school, a central unit), the same as a region's."""
    return _region_page(request, name, limit, "party")


_PAGE = Query(1, ge=1, le=10**6, description="page")


@router.get("/pairings/{pairing_id}", include_in_schema=False, response_class=HTMLResponse)
def pairing_page(request: Request, pairing_id: str, limit: int = Query(PAIRING_LIMIT, ge=1, le=MAX_SECTION_LIMIT),
                 page: int = _PAGE) -> HTMLResponse:
    """A pairing: both sides' latest reports side by side (each side's full list one link away), a page of
    their figures with differences flagged, the latest events and agreements between the two."""
    eng = engine(request)
    prof = find_pairing(eng, pairing_id, limit, page)
    pages = max(1, math.ceil(prof.totals["figures"] / FIGURES_PER_PAGE))
    if page > pages:  # a page past the end (the figures changed, or a typed URL): the last one
        page = pages
        prof = find_pairing(eng, pairing_id, limit, page)
    return _page(request, "pairing.html", prof.reports, prof=prof, p=prof.pairing, limit=limit,
                 max_limit=MAX_SECTION_LIMIT, page=page, pages=pages)


@router.get("/pairings/{pairing_id}/reports", include_in_schema=False, response_class=HTMLResponse)
def pairing_reports_page(request: Request, pairing_id: str, side: str = Query("helper", max_length=20),
                         page: int = _PAGE) -> HTMLResponse:
    """Every report one side (``?side=``: helper, recipient, unknown) wrote about what passed between a
    pairing's two parties, newest first, a page at a time."""
    if side not in SIDES:
        raise NotFound(f"没有“{side}”这一方：报道的一方是帮扶方、受援方或来源不明。")
    try:
        head, listed, total = profiles.pairing_reports(engine(request), pairing_id, side, page,
                                                       SIDE_REPORTS_PER_PAGE)
    except LedgerError as exc:
        raise NotFound(f"台账中没有编号为“{pairing_id}”的结对关系。") from exc
    pages = max(1, math.ceil(total / SIDE_REPORTS_PER_PAGE))
    return _page(request, "pairing_reports.html", {}, p=head, side=side, listed=listed, total=total,
                 page=page, pages=pages, per_page=SIDE_REPORTS_PER_PAGE)


@router.get("/person/{person_id}", include_in_schema=False, response_class=HTMLResponse)
def person_page(request: Request, person_id: str, limit: int = Query(PERSON_LIMIT, ge=1, le=MAX_SECTION_LIMIT)
                ) -> HTMLResponse:
    """A person: the latest titles over time, events they led and reports naming them (?limit= for more)."""
    prof = find_person(engine(request), person_id, limit, PAGE_SOURCES)
    return _page(request, "person.html", prof.reports, prof=prof, p=prof.person, max_limit=MAX_SECTION_LIMIT)
