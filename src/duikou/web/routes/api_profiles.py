"""The profiles as JSON: GET /api/regions/{code}, /api/parties/{name}, /api/pairings/{id}, /api/people/{id}.

Each returns ``to_dict()`` of the :mod:`duikou.services.profiles` value the matching page renders; the
models below document it in the OpenAPI schema (fields the service adds later pass through: extra fields
are kept, and a field the service left out is not added). Something the ledger does not hold answers 404
``{"error": "..."}``.
"""
from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from duikou.services.profiles import SHOW_LIMIT
from duikou.web.deps import engine
from duikou.web.lanes import in_page_lane
from duikou.web.routes.profiles import MAX_SECTION_LIMIT, find_pairing, find_person, find_region

router = APIRouter(prefix="/api", tags=["profiles"])


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class PartyRef(_Open):
    """A party: a region's GB/T 2260 code and name, or a party's printed name as both."""

    id: str
    name: str


class Evidence(_Open):
    """A fact behind a value: the report (``/documents/{document}``) and the fact in it (``#fact-{fact}``)."""

    document: int
    fact: str


class Report(_Open):
    """A report the evidence names; ``side`` is whose account it is (helper, recipient or unknown)."""

    id: int
    title: Optional[str] = None
    published: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    side: Optional[str] = None


class Figure(_Open):
    """An amount (yuan) or count. ``conflict`` is set when other reports give another value for it."""

    id: str
    value: float
    approx: bool = False
    date: Optional[str] = None
    period: Optional[str] = None
    conflict: Optional[str] = None
    source_count: int
    evidence: list[Evidence]


class Amount(Figure):
    """An amount of a region's: its role, whether it is a cumulative ("so far") figure, done or planned."""

    role: str
    cumulative: bool
    status: str


class MoneyFigure(Amount):
    """An amount in a region's money by year, with the partner on the other end."""

    partner: Optional[PartyRef] = None


class MoneyCell(_Open):
    """One kind of figure (annual, cumulative or planned) of one year and direction: its ``total`` (None when
    no figure counts), the total by role, every figure, and how many are ``disputed`` (left out of totals)."""

    total: Optional[float]
    by_role: dict[str, float]
    figures: list[MoneyFigure]
    disputed: int


class MoneyDirection(_Open):
    """A year's money of one direction, in three cells that are never added together."""

    annual: MoneyCell
    cumulative: MoneyCell
    planned: MoneyCell


class MoneyYear(_Open):
    """Money given and received in ``year`` (None: figures whose year no report says)."""

    year: Optional[int]
    given: MoneyDirection
    received: MoneyDirection


class Event(_Open):
    """An event with its parties, leaders, and how many reports each side wrote about it."""

    id: str
    type: str
    date: Optional[str] = None
    end_date: Optional[str] = None
    helper: Optional[PartyRef] = None
    recipient: Optional[PartyRef] = None
    place: Optional[PartyRef] = None
    leaders: list[str]
    accounts: dict[str, list[int]]
    account_counts: dict[str, int]
    source_count: int
    evidence: list[Evidence]


class TimelineEvent(Event):
    """An event on a region's timeline: ``as`` (the region's part: helper, recipient or place) and the other side."""

    as_: str = Field(alias="as")
    other: Optional[PartyRef] = None
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Agreement(_Open):
    """An agreement, its parties, and how many reports each side wrote about it."""

    id: str
    title: str
    date: Optional[str] = None
    parties: list[Optional[PartyRef]]
    source_count: int
    evidence: list[Evidence]


class ConflictGroup(_Open):
    """Amounts that disagree about the same money, side by side."""

    conflict: str
    role: str
    payer: Optional[PartyRef] = None
    payee: Optional[PartyRef] = None
    period: Optional[str] = None
    cumulative: bool
    figures: list[Amount]


class Section(_Open):
    """A section of ``duikou show``: at most ``limit`` rows (each with ``evidence``) of ``total``."""

    columns: list[str]
    rows: list[dict[str, Any]]
    total: int


class RegionProfileOut(_Open):
    """A region's or party's profile (services.profiles.RegionProfile)."""

    query: str
    parties: list[PartyRef]
    sections: dict[str, Section]
    totals: dict[str, int]
    partners: dict[str, list[dict[str, Any]]] = Field(description="helps / helped_by: the partners section split")
    people: list[dict[str, Any]]
    money_by_year: list[MoneyYear]
    timeline: list[TimelineEvent]
    conflicts: list[ConflictGroup]
    reports: dict[int, Report]


class PairingOut(_Open):
    """The pairing itself."""

    id: str
    helper: Optional[PartyRef] = None
    recipient: Optional[PartyRef] = None
    program: str
    programs: dict[str, int]
    program_conflict: bool
    since: Optional[int] = None
    relation: str
    source_count: int
    evidence: list[Evidence]


class FigureGroup(_Open):
    """One figure as each side's reports give it; ``differs`` flags values that disagree."""

    kind: str
    direction: str
    role: str
    year: Optional[int] = None
    unit: Optional[str] = None
    cumulative: Optional[bool] = None
    status: Optional[str] = None
    helper_side: list[Figure]
    recipient_side: list[Figure]
    unknown_side: list[Figure]
    conflict: Optional[str] = None
    differs: bool


class PairingProfileOut(_Open):
    """A pairing's profile (services.profiles.PairingProfile): reports by side, figures side by side."""

    pairing: PairingOut
    sides: dict[str, list[Report]]
    figures: list[FigureGroup]
    events: list[Event]
    agreements: list[Agreement]
    totals: dict[str, int] = Field(description="reports a side ({side}_reports), events and agreements in all")
    reports: dict[int, Report]


class TitleSpan(_Open):
    """Titles a person held, from the first to the last report date that gives them."""

    titles: list[str]
    from_: Optional[str] = Field(None, alias="from")
    to: Optional[str] = None
    source_count: int
    evidence: list[Evidence]
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class PersonDocument(Report):
    """A report naming the person, with the ids of the facts that do."""

    facts: list[str]


class PersonProfileOut(_Open):
    """A person's profile (services.profiles.PersonProfile)."""

    person: dict[str, Any]
    titles: list[TitleSpan]
    events: list[Event]
    documents: list[PersonDocument]
    document_count: int
    event_count: int
    title_count: int = Field(description="title spans in all (``titles`` lists the latest ``limit``)")
    reports: dict[int, Report]


_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Not in the ledger: `{\"error\": \"...\"}`"}}
# The API's default is `duikou show`'s (the page shows fewer lines a section at first).
_LIMIT = Query(SHOW_LIMIT, ge=1, le=MAX_SECTION_LIMIT, description="lines per section")


@router.get("/regions/{code}", response_model=RegionProfileOut, responses=_NOT_FOUND,
            response_model_exclude_unset=True)
@in_page_lane
def region(request: Request, code: str = Path(description="GB/T 2260 code (or a name the ledger knows)"),
           limit: int = _LIMIT) -> dict[str, Any]:
    """A region's profile: partners both ways, money by year (annual, cumulative and planned apart), timeline,
    agreements, counts, people and their titles, conflicting figures; every value with its evidence."""
    return find_region(engine(request), code, limit).to_dict()


@router.get("/parties/{name:path}", response_model=RegionProfileOut, responses=_NOT_FOUND,
            response_model_exclude_unset=True)
@in_page_lane
def party(request: Request, name: str = Path(description="the party's printed name"),
          limit: int = _LIMIT) -> dict[str, Any]:
    """A non-region party's profile (a company, school, hospital or central unit), as a region's."""
    return find_region(engine(request), name, limit).to_dict()


@router.get("/pairings/{pairing_id}", response_model=PairingProfileOut, responses=_NOT_FOUND,
            response_model_exclude_unset=True)
@in_page_lane
def pairing(request: Request, pairing_id: str) -> dict[str, Any]:
    """A pairing: the reports of each side, the figures each side gives with differences flagged, the events
    and agreements between the two."""
    return find_pairing(engine(request), pairing_id).to_dict()


@router.get("/people/{person_id}", response_model=PersonProfileOut, responses=_NOT_FOUND,
            response_model_exclude_unset=True)
@in_page_lane
def person(request: Request, person_id: str) -> dict[str, Any]:
    """A person: titles over time, the events they led, the reports naming them."""
    return find_person(engine(request), person_id).to_dict()
