"""The profile pages as plain data: a region or party, a pairing, a person (their figures: profile_figures).

Every value carries its evidence: ``evidence`` is a list of ``{"document": id, "fact": id}`` (the report
and the fact in it that says so; a page links each to ``/documents/{document}#fact-{fact}``), at most
``view_rows.MAX_SOURCES`` per value, with ``source_count`` the number of reports in all. Each profile's
``reports`` maps every document id its evidence names to the report (id, title, published, outlet, url,
source, side), so a page can title its links without asking again. Parties are ``{"id", "name"}`` (a
region's code and name, or a party's printed name). ``to_dict()`` gives the JSON form.

Money is never summed across kinds of figure: annual, cumulative ("as of" the year) and planned (a
target or forecast, money that has not moved) figures are kept in separate cells, each with its own total
(see :func:`money_by_year`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable

from sqlalchemy.engine import Connection

from duikou.errors import LedgerError
from duikou.ledger import profile_rows as rows
from duikou.ledger import view_rows
from duikou.ledger.profile import SHOW_LIMIT as _SHOW_LIMIT
from duikou.ledger.profile import show
from duikou.ledger.view_rows import party, prefetch
from duikou.services.connect import Db, engine_of
from duikou.services.profile_figures import (
    SIDES,
    Accounts,
    Party,
    add_evidence,
    conflict_groups,
    figure_groups,
    group_figure_ids,
    money_by_year,
)
from duikou.services.views import SECTIONS, Section

REPORTS_LIMIT = 100  # reports a pairing's sides or a person's documents list (the latest); counts say how many
FIGURES_PER_PAGE = 25  # figure groups a page of a pairing's figures holds
SHOW_LIMIT = _SHOW_LIMIT  # lines a region profile's section holds unless asked (duikou show's)


class _Reader:
    """One connection's lookups: parties by id (names cached), evidence, and the reports it names."""

    def __init__(self, conn: Connection, sources: int | None = None):
        self.conn = conn
        self.sources = sources
        self.cache: dict[str, str | None] = {}
        self.docs: set[int] = set()

    def names(self, values: Iterable[Any]) -> None:
        prefetch(self.conn, list(values), self.cache)

    def party(self, value: Any) -> dict[str, Any] | None:
        return party(self.conn, value, self.cache) if isinstance(value, str) else None

    def evidence(self, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        ev = rows.evidence(self.conn, ids, self.sources)
        self.docs.update(e["document"] for es in ev.values() for e in es)
        return ev

    def reports(self, extra: Iterable[int] = ()) -> dict[int, dict[str, Any]]:
        return rows.reports(self.conn, [*self.docs, *extra])


# -- region or party -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RegionProfile:
    """A region's or party's profile.

    ``sections`` are ``duikou show``'s (at most ``limit`` lines each, ``totals`` the full counts), each row
    with ``evidence`` added; ``partners`` splits its partners section into ``helps`` and ``helped_by``;
    ``people`` is its people section (titles over time); ``timeline`` its events section, by date, each
    with the region's part and the other side (:func:`timeline_entry`). ``money_by_year`` and
    ``conflicts`` read every amount of the parties (no limit: totals must be whole): see
    :func:`money_by_year` and :func:`conflict_groups`.
    """

    query: str
    parties: list[dict[str, Any]]
    sections: list[Section]
    totals: dict[str, int]
    partners: dict[str, list[dict[str, Any]]]
    people: list[dict[str, Any]]
    money_by_year: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    reports: dict[int, dict[str, Any]]

    def section(self, name: str) -> Section:
        """The section ``name`` (partners, events, agreements, money, counts, people)."""
        return next(s for s in self.sections if s.name == name)

    def to_dict(self) -> dict[str, Any]:
        """The profile as JSON-able data, its sections by name (columns, rows, total)."""
        out = asdict(self)
        out["sections"] = {s.name: {"columns": list(s.columns), "rows": s.rows, "total": s.total}
                           for s in self.sections}
        return out


def region_profile(db: Db, name_or_code: str, limit: int | None = None,
                   sources: int | None = None) -> RegionProfile:
    """The profile of the region or party ``name_or_code`` (a LedgerError when the ledger has none), with at
    most ``sources`` evidence items a value (default ``view_rows.MAX_SOURCES``): a page that shows three
    asks for a few, and reads only the reports those name (``source_count`` always counts them all); the
    sections' ``sources`` (``duikou show``'s report list of each line) are cut to as many."""
    _check_sources(sources)
    with engine_of(db) as eng:
        data = show(eng, name_or_code, limit, sources)
        prof_sections = [Section(name, cols, data[name], data["totals"][name]) for name, cols in SECTIONS.items()]
        ids = {p["id"] for p in data["parties"]}
        with eng.connect() as conn:
            rd = _Reader(conn, sources)
            ams = rows.party_amounts(conn, sorted(ids))
            rd.names([*ids, *(v for r in ams for v in (r["payer"], r["payee"]))])
            ev = rd.evidence([*(r["id"] for s in prof_sections for r in s.rows), *(r["id"] for r in ams)])
            sections = [Section(s.name, s.columns, [{**r, "evidence": ev.get(r["id"], [])} for r in s.rows], s.total)
                        for s in prof_sections]
            # The timeline is show's events section (its latest ``limit`` events; totals["events"] counts all).
            evs = [{**r, "sources": r["source_count"], **{k: (r[k] or {}).get("id") for k in ("helper", "recipient",
                                                                                              "place")}}
                   for r in data["events"]]
            rd.names(v for r in evs for v in (r["helper"], r["recipient"], r["place"]))
            acc = rows.behind(conn, [r["id"] for r in evs]).accounts()
            partners = next(s for s in sections if s.name == "partners").rows
            return RegionProfile(
                query=data["query"], parties=data["parties"], sections=sections, totals=dict(data["totals"]),
                partners={d: [r for r in partners if r["direction"] == d] for d in ("helps", "helped_by")},
                people=next(s for s in sections if s.name == "people").rows,
                money_by_year=money_by_year(ams, ids, rd.party, ev),
                timeline=[timeline_entry(r, ids, rd.party, ev, acc) for r in evs],
                conflicts=conflict_groups(ams, rd.party, ev),
                reports=rd.reports())


def _accounts(acc: Accounts, entity: str) -> dict[str, Any]:
    """A row's reports by the side that told it: ``accounts`` (the first ids a side, earliest first, at
    most ``view_rows.MAX_SOURCES``) and ``account_counts`` (how many a side)."""
    mine = acc.get(entity, {})
    return {"accounts": {s: mine[s][1] if s in mine else [] for s in SIDES},
            "account_counts": {s: mine[s][0] if s in mine else 0 for s in SIDES}}


def event_entry(r: dict[str, Any], name: Party, ev: dict[str, list[dict[str, Any]]],
                acc: Accounts) -> dict[str, Any]:
    """An event: id, type, date, end_date, helper, recipient, place, leaders, ``accounts`` and
    ``account_counts`` (its reports by side: helper, recipient, unknown), source_count, evidence."""
    return {"id": r["id"], "type": r["type"], "date": r["date"], "end_date": r["end_date"],
            "helper": name(r["helper"]), "recipient": name(r["recipient"]), "place": name(r["place"]),
            "leaders": r["leaders"], **_accounts(acc, r["id"]), "source_count": r["sources"],
            "evidence": ev.get(r["id"], [])}


def timeline_entry(r: dict[str, Any], ids: set[str], name: Party, ev: dict[str, list[dict[str, Any]]],
                   acc: Accounts) -> dict[str, Any]:
    """An event of the region's timeline: :func:`event_entry` plus ``as`` (the region's part: helper,
    recipient or place) and ``other`` (the other side; None when the report names none)."""
    role = "helper" if r["helper"] in ids else "recipient" if r["recipient"] in ids else "place"
    other = r["recipient"] if role == "helper" else r["helper"] if role == "recipient" else \
        next((v for v in (r["helper"], r["recipient"]) if v is not None), None)
    return {**event_entry(r, name, ev, acc), "as": role, "other": name(other)}


def agreement_entry(r: dict[str, Any], name: Party, ev: dict[str, list[dict[str, Any]]],
                    acc: Accounts) -> dict[str, Any]:
    """An agreement: id, title, date, parties, ``accounts`` and ``account_counts`` (reports by side),
    source_count, evidence."""
    return {"id": r["id"], "title": r["title"], "date": r["date"], "parties": [name(p) for p in r["parties"]],
            **_accounts(acc, r["id"]), "source_count": r["sources"],
            "evidence": ev.get(r["id"], [])}


def _check_limit(limit: int) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise LedgerError(f"a profile's limit must be a whole number of at least 1, not {limit!r}")


def _check_sources(sources: int | None) -> None:
    if sources is not None and (isinstance(sources, bool) or not isinstance(sources, int) or sources < 1):
        raise LedgerError(f"a profile's sources per value must be a whole number of at least 1, not {sources!r}")


# -- pairing -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PairingProfile:
    """A pairing: ``pairing`` (id, helper, recipient, program, programs, program_conflict, since, relation,
    source_count, evidence); ``sides``: the reports telling anything between the two, by the side that
    wrote them (helper, recipient, unknown), the latest ``limit`` a side, newest first, each a report as in
    ``reports``; ``figures`` (see :func:`figure_groups`: all of them, or one page of them); ``events`` and
    ``agreements`` between the two (either way), the latest ``limit`` of each by date; ``totals``: how many
    reports a side, events, agreements, figure groups (``figures``) and groups that differ (``differing``)
    there are in all."""

    pairing: dict[str, Any]
    sides: dict[str, list[dict[str, Any]]]
    figures: list[dict[str, Any]]
    events: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    totals: dict[str, int]
    reports: dict[int, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The profile as JSON-able data."""
        return asdict(self)


def _pairing_between(conn: Connection, pairing_id: str) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    p = rows.pairing(conn, pairing_id)
    if p is None:
        raise LedgerError(f"no pairing {pairing_id!r}")
    return p, rows.between(conn, p["helper"], p["recipient"])


def _newest_by_side(told: dict[int, tuple[str, str]]) -> dict[str, list[int]]:
    """The reports of ``told`` by side, newest first (by publication date, then id)."""
    newest = sorted(told, key=lambda d: (told[d][1], d), reverse=True)
    return {s: [d for d in newest if told[d][0] == s] for s in SIDES}


def pairing_profile(db: Db, pairing_id: str, limit: int = REPORTS_LIMIT, figure_page: int | None = None,
                    figures_per_page: int = FIGURES_PER_PAGE) -> PairingProfile:
    """The profile of pairing ``pairing_id`` (a LedgerError when the ledger has none). With ``figure_page``
    (from 1), ``figures`` is that page of ``figures_per_page`` groups, and only their evidence is read (the
    totals count every group). Evidence is not cut short: each figure's is split by the side that told it,
    and a few would leave a side without."""
    _check_limit(limit)
    _check_limit(figures_per_page)
    if figure_page is not None:
        _check_limit(figure_page)
    with engine_of(db) as eng, eng.connect() as conn:
        p, got = _pairing_between(conn, pairing_id)
        rd = _Reader(conn)
        evs, ags = got["events"][-limit:], got["agreements"][-limit:]
        shown = [pairing_id, *(r["id"] for r in got["amounts"] + got["counts"] + evs + ags)]
        found = rows.behind(conn, shown, also=[r["id"] for r in got["events"] + got["agreements"]])
        # Sorted report lists for the events and agreements shown; the figures need only each side's count.
        acc, told = found.accounts([r["id"] for r in evs + ags]), found.told
        groups = figure_groups(p["helper"], got["amounts"], got["counts"], found.side_counts())
        page = groups if figure_page is None else \
            groups[(figure_page - 1) * figures_per_page:figure_page * figures_per_page]
        rd.names([p["helper"], p["recipient"], *(v for r in evs for v in (r["helper"], r["recipient"], r["place"]))])
        ev = rd.evidence([pairing_id, *group_figure_ids(page), *(r["id"] for r in evs + ags)])
        add_evidence(page, ev, {d: side for d, (side, _) in told.items()})
        listed = _newest_by_side(told)
        reports = rd.reports(d for ds in listed.values() for d in ds[:limit])
        return PairingProfile(
            pairing={"id": p["id"], "helper": rd.party(p["helper"]), "recipient": rd.party(p["recipient"]),
                     "program": p["program"], "programs": p["programs"], "program_conflict": p["program_conflict"],
                     "since": p["since"], "relation": p["relation"] or "standing", "source_count": p["sources"],
                     "evidence": ev.get(pairing_id, [])},
            sides={s: [reports[d] for d in listed[s][:limit]] for s in SIDES},
            figures=page,
            events=[event_entry(r, rd.party, ev, acc) for r in evs],
            agreements=[agreement_entry(r, rd.party, ev, acc) for r in ags],
            totals={**{f"{s}_reports": len(listed[s]) for s in SIDES}, "events": len(got["events"]),
                    "agreements": len(got["agreements"]), "figures": len(groups),
                    "differing": sum(1 for g in groups if g["differs"])},
            reports=reports)


def pairing_reports(db: Db, pairing_id: str, side: str, page: int = 1,
                    per_page: int = REPORTS_LIMIT) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
    """One side's reports about pairing ``pairing_id`` (everything told between its two parties, as the
    profile's ``sides``), newest first: the pairing (id, helper, recipient), page ``page`` of
    ``per_page`` reports (each as in a profile's ``reports``) and how many there are in all."""
    if side not in SIDES:
        raise LedgerError(f"a report's side is one of {', '.join(SIDES)}, not {side!r}")
    _check_limit(page)
    _check_limit(per_page)
    with engine_of(db) as eng, eng.connect() as conn:
        p, got = _pairing_between(conn, pairing_id)
        entities = [pairing_id, *(r["id"] for k in ("amounts", "counts", "events", "agreements") for r in got[k])]
        listed = _newest_by_side(rows.behind(conn, [], also=entities).told)[side]
        ids = listed[(page - 1) * per_page:page * per_page]
        found = rows.reports(conn, ids)
        rd = _Reader(conn)
        rd.names([p["helper"], p["recipient"]])
        head = {"id": p["id"], "helper": rd.party(p["helper"]), "recipient": rd.party(p["recipient"])}
        return head, [found[d] for d in ids if d in found], len(listed)


# -- person --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonProfile:
    """A person: ``person`` (id, name, region, role, source_count), ``titles`` (titles over time: each
    ``{"titles", "from", "to", "source_count", "evidence"}``, consecutive reports with the same titles
    folded into one span, as ``duikou show`` folds them; the latest ``limit`` spans, in time order),
    ``events`` naming them among the leaders (the latest ``limit``, by date), ``documents`` (the latest
    ``limit`` reports naming them, newest first, each a report with ``facts``: the ids of the facts that
    name them), ``document_count``, ``event_count`` and ``title_count`` (how many in all)."""

    person: dict[str, Any]
    titles: list[dict[str, Any]]
    events: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    document_count: int
    event_count: int
    title_count: int
    reports: dict[int, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The profile as JSON-able data."""
        return asdict(self)


def person_profile(db: Db, person_id: str, limit: int = REPORTS_LIMIT, sources: int | None = None) -> PersonProfile:
    """The profile of person ``person_id`` (a LedgerError when the ledger has none), listing at most
    ``limit`` title spans, reports and events, with at most ``sources`` evidence items a value (default
    ``view_rows.MAX_SOURCES``); ``reports`` holds only the reports those name and the documents listed
    (the person named most on a 20,000-report ledger has 300 spans and 1,090 reports)."""
    _check_limit(limit)
    _check_sources(sources)
    with engine_of(db) as eng, eng.connect() as conn:
        p = rows.person(conn, person_id)
        if p is None:
            raise LedgerError(f"no person {person_id!r}")
        rd = _Reader(conn, sources)
        named = rows.person_mentions(conn, person_id)
        led = rows.events_led_by(conn, person_id, p["name"])
        evs = led[-limit:]
        rd.names([p["region"], *(v for r in evs for v in (r["helper"], r["recipient"], r["place"]))])
        ev, acc = rd.evidence([r["id"] for r in evs]), rows.behind(conn, [r["id"] for r in evs]).accounts()
        spans = title_spans(rows.person_positions(conn, person_id), sources)
        titles = spans[-limit:]
        rd.docs.update(e["document"] for t in titles for e in t["evidence"])
        latest = [d for d in rows.latest_documents(conn, person_id, limit) if d in named]
        reports = rd.reports(latest)
        return PersonProfile(
            person={"id": p["id"], "name": p["name"], "region": rd.party(p["region"]), "role": p["role"],
                    "source_count": p["sources"]},
            titles=titles,
            events=[event_entry(r, rd.party, ev, acc) for r in evs],
            documents=[{**reports[d], "facts": named[d]} for d in latest if d in reports],
            document_count=len(named), event_count=len(led), title_count=len(spans),
            reports=reports)


def title_spans(positions: list[dict[str, Any]], sources: int | None = None) -> list[dict[str, Any]]:
    """Positions in report order folded into spans: a run of reports giving the same titles is one span
    (the first and last date seen), with the evidence of its first ``sources`` positions (default
    ``MAX_SOURCES``) and ``source_count`` (how many there are)."""
    keep = view_rows.MAX_SOURCES if sources is None else sources  # read when called (a test may lower it)
    out: list[dict[str, Any]] = []
    for p in positions:
        if not out or out[-1]["titles"] != p["titles"]:
            out.append({"titles": p["titles"], "from": p["date"], "to": p["date"], "source_count": 0, "evidence": []})
        span = out[-1]
        span["to"] = p["date"]
        span["source_count"] += 1
        if len(span["evidence"]) < keep:
            span["evidence"].append({"document": p["document"], "fact": p["fact"]})
    return out
