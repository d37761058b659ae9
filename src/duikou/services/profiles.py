"""The profile pages as plain data: a region or party, a pairing, a person.

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

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable

from sqlalchemy.engine import Connection

from duikou.errors import LedgerError
from duikou.ledger import profile_rows as rows
from duikou.ledger import view_rows
from duikou.ledger.view_rows import party, prefetch
from duikou.services.connect import Db, engine_of
from duikou.services.views import Section, show

Party = Callable[[Any], "dict[str, Any] | None"]
SIDES = ("helper", "recipient", "unknown")


class _Reader:
    """One connection's lookups: parties by id (names cached), evidence, and the reports it names."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.cache: dict[str, str | None] = {}
        self.docs: set[int] = set()

    def names(self, values: Iterable[Any]) -> None:
        prefetch(self.conn, list(values), self.cache)

    def party(self, value: Any) -> dict[str, Any] | None:
        return party(self.conn, value, self.cache) if isinstance(value, str) else None

    def evidence(self, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        ev = rows.evidence(self.conn, ids)
        self.docs.update(e["document"] for es in ev.values() for e in es)
        return ev

    def reports(self, extra: Iterable[int] = ()) -> dict[int, dict[str, Any]]:
        return rows.reports(self.conn, [*self.docs, *extra])


def year_of(row: dict[str, Any]) -> int | None:
    """The year a figure is for: its period, else the year of its date (None when neither says)."""
    for v in (row.get("period"), row.get("date")):
        if isinstance(v, str) and v[:4].isdigit():
            return int(v[:4])
    return None


# -- region or party -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RegionProfile:
    """A region's or party's profile.

    ``sections`` are ``duikou show``'s (at most ``limit`` lines each, ``totals`` the full counts), each row
    with ``evidence`` added; ``partners`` splits its partners section into ``helps`` and ``helped_by``;
    ``people`` is its people section (titles over time). ``money_by_year``, ``timeline`` and ``conflicts``
    read every amount and event of the parties (no limit): see :func:`money_by_year`, :func:`timeline_entry`
    and :func:`conflict_groups`.
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
        out = asdict(self)
        out["sections"] = {s.name: {"columns": list(s.columns), "rows": s.rows, "total": s.total}
                           for s in self.sections}
        return out


def region_profile(db: Db, name_or_code: str, limit: int | None = None) -> RegionProfile:
    """The profile of the region or party ``name_or_code`` (a LedgerError when the ledger has none)."""
    with engine_of(db) as eng:
        prof = show(eng, name_or_code, limit)
        ids = {p["id"] for p in prof.parties}
        with eng.connect() as conn:
            rd = _Reader(conn)
            ev = rd.evidence([r["id"] for s in prof.sections for r in s.rows])
            sections = [Section(s.name, s.columns, [{**r, "evidence": ev.get(r["id"], [])} for r in s.rows], s.total)
                        for s in prof.sections]
            ams = rows.party_amounts(conn, sorted(ids))
            evs = rows.party_events(conn, sorted(ids))
            rd.names(v for r in ams for v in (r["payer"], r["payee"]))
            rd.names(v for r in evs for v in (r["helper"], r["recipient"], r["place"]))
            ev = rd.evidence([r["id"] for r in ams + evs])
            acc = rows.sides(conn, [r["id"] for r in evs])
            partners = next(s for s in sections if s.name == "partners").rows
            return RegionProfile(
                query=prof.query, parties=prof.parties, sections=sections, totals=dict(prof.data["totals"]),
                partners={d: [r for r in partners if r["direction"] == d] for d in ("helps", "helped_by")},
                people=next(s for s in sections if s.name == "people").rows,
                money_by_year=money_by_year(ams, ids, rd.party, ev),
                timeline=[timeline_entry(r, ids, rd.party, ev, acc) for r in evs],
                conflicts=conflict_groups(ams, rd.party, ev),
                reports=rd.reports())


def _figure(r: dict[str, Any], ev: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {"id": r["id"], "value": r["value"], "approx": bool(r["approx"]), "role": r["role"],
            "cumulative": bool(r.get("cumulative")), "status": r.get("status") or "done", "date": r.get("date"),
            "period": r.get("period"), "conflict": r.get("conflict"), "source_count": r["sources"],
            "evidence": ev.get(r["id"], [])}


def _cell() -> dict[str, Any]:
    return {"total": None, "by_role": {}, "figures": [], "disputed": 0}


def money_by_year(amounts: list[dict[str, Any]], ids: set[str], name: Party,
                  ev: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The parties' money by year (undated last): for each ``year``, ``given`` and ``received``, each with
    three cells that are never added together: ``annual`` (money of that year), ``cumulative`` (totals
    "as of" that year) and ``planned`` (targets and forecasts: money that has not moved).

    A cell is ``{"total", "by_role", "figures", "disputed"}``; ``figures`` lists every amount (value in
    yuan, role, partner, date, ``conflict``, evidence). Figures that other reports contradict (a
    ``conflict`` key: see ``conflicts``) are listed but left out of the totals, and counted in
    ``disputed``. An annual total adds its undisputed figures; a cumulative total adds, per partner and
    role, the latest undisputed figure of the year (two "so far" figures of one pair are one sum told
    twice); a planned total adds the planned figures that are not cumulative. ``total`` is None when no
    figure counts.
    """
    years: dict[int | None, dict[str, Any]] = {}
    for r in amounts:
        column = "planned" if (r.get("status") or "done") == "planned" else \
            "cumulative" if r.get("cumulative") else "annual"
        y = year_of(r)
        for direction, mine, other in (("given", r["payer"], r["payee"]), ("received", r["payee"], r["payer"])):
            if mine not in ids:
                continue
            year = years.setdefault(y, {"year": y, **{d: {c: _cell() for c in ("annual", "cumulative", "planned")}
                                                      for d in ("given", "received")}})
            year[direction][column]["figures"].append({**_figure(r, ev), "partner": name(other)})
    for year in years.values():
        for d in ("given", "received"):
            for column, cell in year[d].items():
                _total(column, cell)
    return [years[y] for y in sorted(years, key=lambda y: (y is None, y or 0))]


def _total(column: str, cell: dict[str, Any]) -> None:
    cell["disputed"] = sum(1 for f in cell["figures"] if f["conflict"])
    counted = [f for f in cell["figures"] if not f["conflict"]]
    if column == "cumulative":
        latest: dict[tuple[Any, str], dict[str, Any]] = {}
        for f in counted:
            key = ((f["partner"] or {}).get("id"), f["role"])
            if key not in latest or (f["date"] or "", f["value"]) > (latest[key]["date"] or "", latest[key]["value"]):
                latest[key] = f
        counted = list(latest.values())
    elif column == "planned":
        counted = [f for f in counted if not f["cumulative"]]
    by_role: dict[str, float] = defaultdict(float)
    for f in counted:
        by_role[f["role"]] += f["value"]
    cell["by_role"] = dict(sorted(by_role.items()))
    cell["total"] = sum(by_role.values()) if counted else None


def _accounts(docs: dict[int, str]) -> dict[str, list[int]]:
    """A row's reports by the side that told it."""
    return {s: sorted(d for d, side in docs.items() if side == s) for s in SIDES}


def event_entry(r: dict[str, Any], name: Party, ev: dict[str, list[dict[str, Any]]],
                acc: dict[str, dict[int, str]]) -> dict[str, Any]:
    """An event: id, type, date, end_date, helper, recipient, place, leaders, ``accounts`` (its reports by
    side: helper, recipient, unknown), source_count, evidence."""
    return {"id": r["id"], "type": r["type"], "date": r["date"], "end_date": r["end_date"],
            "helper": name(r["helper"]), "recipient": name(r["recipient"]), "place": name(r["place"]),
            "leaders": r["leaders"], "accounts": _accounts(acc.get(r["id"], {})), "source_count": r["sources"],
            "evidence": ev.get(r["id"], [])}


def timeline_entry(r: dict[str, Any], ids: set[str], name: Party, ev: dict[str, list[dict[str, Any]]],
                   acc: dict[str, dict[int, str]]) -> dict[str, Any]:
    """An event of the region's timeline: :func:`event_entry` plus ``as`` (the region's part: helper,
    recipient or place) and ``other`` (the other side; None when the report names none)."""
    role = "helper" if r["helper"] in ids else "recipient" if r["recipient"] in ids else "place"
    other = r["recipient"] if role == "helper" else r["helper"] if role == "recipient" else \
        next((v for v in (r["helper"], r["recipient"]) if v is not None), None)
    return {**event_entry(r, name, ev, acc), "as": role, "other": name(other)}


def conflict_groups(amounts: list[dict[str, Any]], name: Party,
                    ev: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Figures that disagree about the same thing (amounts sharing a ``conflict`` key), side by side: one
    group per key with its payer, payee, role, period and cumulative flag, and the ``figures`` (value,
    date, evidence) by value."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in amounts:
        if r.get("conflict"):
            groups[r["conflict"]].append(r)
    out = []
    for key, same in sorted(groups.items(), key=lambda kv: (kv[1][0].get("period") or "", kv[0])):
        first = same[0]
        out.append({"conflict": key, "role": first["role"], "payer": name(first["payer"]),
                    "payee": name(first["payee"]), "period": first.get("period"),
                    "cumulative": bool(first.get("cumulative")),
                    "figures": [_figure(r, ev) for r in sorted(same, key=lambda r: (r["value"], r["id"]))]})
    return out


def agreement_entry(r: dict[str, Any], name: Party, ev: dict[str, list[dict[str, Any]]],
                    acc: dict[str, dict[int, str]]) -> dict[str, Any]:
    """An agreement: id, title, date, parties, ``accounts`` (reports by side), source_count, evidence."""
    return {"id": r["id"], "title": r["title"], "date": r["date"], "parties": [name(p) for p in r["parties"]],
            "accounts": _accounts(acc.get(r["id"], {})), "source_count": r["sources"],
            "evidence": ev.get(r["id"], [])}


# -- pairing -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PairingProfile:
    """A pairing: ``pairing`` (id, helper, recipient, program, programs, program_conflict, since, relation,
    source_count, evidence), ``sides`` (the reports telling anything between the two, by the side that
    wrote them: helper, recipient, unknown; each a report as in ``reports``), ``figures`` (see
    :func:`figure_groups`), ``events`` and ``agreements`` between the two (either way)."""

    pairing: dict[str, Any]
    sides: dict[str, list[dict[str, Any]]]
    figures: list[dict[str, Any]]
    events: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    reports: dict[int, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def pairing_profile(db: Db, pairing_id: str) -> PairingProfile:
    """The profile of pairing ``pairing_id`` (a LedgerError when the ledger has none)."""
    with engine_of(db) as eng, eng.connect() as conn:
        p = rows.pairing(conn, pairing_id)
        if p is None:
            raise LedgerError(f"no pairing {pairing_id!r}")
        rd = _Reader(conn)
        rd.names([p["helper"], p["recipient"]])
        got = rows.between(conn, p["helper"], p["recipient"])
        ids = [pairing_id, *(r["id"] for kind in got.values() for r in kind)]
        ev, acc = rd.evidence(ids), rows.sides(conn, ids)
        reports = rd.reports(d for docs in acc.values() for d in docs)
        told = sorted((d for d in {d for docs in acc.values() for d in docs} if d in reports),
                      key=lambda d: (reports[d]["published"] or "", d))
        return PairingProfile(
            pairing={"id": p["id"], "helper": rd.party(p["helper"]), "recipient": rd.party(p["recipient"]),
                     "program": p["program"], "programs": p["programs"], "program_conflict": p["program_conflict"],
                     "since": p["since"], "relation": p["relation"] or "standing", "source_count": p["sources"],
                     "evidence": ev.get(pairing_id, [])},
            sides={s: [reports[d] for d in told if reports[d]["side"] == s] for s in SIDES},
            figures=figure_groups(p["helper"], got["amounts"], got["counts"], ev, acc),
            events=[event_entry(r, rd.party, ev, acc) for r in got["events"]],
            agreements=[agreement_entry(r, rd.party, ev, acc) for r in got["agreements"]],
            reports=reports)


def figure_groups(helper: str, amounts: list[dict[str, Any]], counts: list[dict[str, Any]],
                  ev: dict[str, list[dict[str, Any]]], acc: dict[str, dict[int, str]]) -> list[dict[str, Any]]:
    """The figures between a pairing's two parties, side by side: one group per ``kind`` (amount, count),
    ``direction`` (helper_to_recipient or back), ``role``, ``year``, ``unit`` (yuan for amounts),
    ``cumulative`` and ``status`` (amounts only), with ``helper_side``, ``recipient_side`` and
    ``unknown_side``: the figures each side's reports give (a figure both sides give is in both lists,
    its evidence cut to that side's reports).

    ``differs`` is true when the ledger found the figures contradicting each other (a shared ``conflict``
    key, also given), or when both sides give the figure and no value of one side is a value of the other.
    """
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for kind, table in (("amount", amounts), ("count", counts)):
        for r in table:
            giver = r["payer"] if kind == "amount" else r["helper"]
            direction = "helper_to_recipient" if giver == helper else "recipient_to_helper"
            status = (r.get("status") or "done") if kind == "amount" else None
            key = (kind, direction, r["role"], year_of(r), "yuan" if kind == "amount" else r["unit"],
                   bool(r.get("cumulative")) if kind == "amount" else None, status)
            groups[key].append(r)
    out = []
    for key in sorted(groups, key=lambda k: tuple((v is None, str(v)) for v in k)):
        kind, direction, role, year, unit, cumulative, status = key
        group: dict[str, Any] = {"kind": kind, "direction": direction, "role": role, "year": year, "unit": unit,
                                 "cumulative": cumulative, "status": status}
        for side in SIDES:
            group[f"{side}_side"] = []
            for r in groups[key]:
                docs = {d for d, s in acc.get(r["id"], {}).items() if s == side}
                if docs:
                    group[f"{side}_side"].append({
                        "id": r["id"], "value": r["value"], "approx": bool(r["approx"]), "date": r.get("date"),
                        "period": r.get("period"), "conflict": r.get("conflict"), "source_count": len(docs),
                        "evidence": [e for e in ev.get(r["id"], []) if e["document"] in docs]})
        conflict = next((r["conflict"] for r in groups[key] if r.get("conflict")), None)
        mine = {f["value"] for f in group["helper_side"]}
        theirs = {f["value"] for f in group["recipient_side"]}
        group["conflict"] = conflict
        group["differs"] = bool(conflict) or bool(mine and theirs and mine.isdisjoint(theirs))
        out.append(group)
    return out


# -- person --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonProfile:
    """A person: ``person`` (id, name, region, role, source_count), ``titles`` (titles over time: each
    ``{"titles", "from", "to", "evidence"}``, consecutive reports with the same titles folded into one span,
    as ``duikou show`` folds them), ``events`` naming them among the leaders, ``documents`` (the reports
    naming them, by date, each a report with ``facts``: the ids of the facts that name them)."""

    person: dict[str, Any]
    titles: list[dict[str, Any]]
    events: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    reports: dict[int, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def person_profile(db: Db, person_id: str) -> PersonProfile:
    """The profile of person ``person_id`` (a LedgerError when the ledger has none)."""
    with engine_of(db) as eng, eng.connect() as conn:
        p = rows.person(conn, person_id)
        if p is None:
            raise LedgerError(f"no person {person_id!r}")
        rd = _Reader(conn)
        named = rows.person_mentions(conn, person_id)
        evs = rows.events_led_by(conn, p["name"], sorted(named))
        rd.names([p["region"], *(v for r in evs for v in (r["helper"], r["recipient"], r["place"]))])
        ev, acc = rd.evidence([r["id"] for r in evs]), rows.sides(conn, [r["id"] for r in evs])
        reports = rd.reports(named)
        return PersonProfile(
            person={"id": p["id"], "name": p["name"], "region": rd.party(p["region"]), "role": p["role"],
                    "source_count": p["sources"]},
            titles=title_spans(rows.person_positions(conn, person_id)),
            events=[event_entry(r, rd.party, ev, acc) for r in evs],
            documents=sorted(({**reports[d], "facts": fids} for d, fids in named.items() if d in reports),
                             key=lambda r: (r["published"] or "", r["id"])),
            reports=reports)


def title_spans(positions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Positions in report order folded into spans: a run of reports giving the same titles is one span
    (the first and last date seen), with the evidence of its first ``MAX_SOURCES`` positions and
    ``source_count`` (how many there are)."""
    out: list[dict[str, Any]] = []
    for p in positions:
        if not out or out[-1]["titles"] != p["titles"]:
            out.append({"titles": p["titles"], "from": p["date"], "to": p["date"], "source_count": 0, "evidence": []})
        span = out[-1]
        span["to"] = p["date"]
        span["source_count"] += 1
        if len(span["evidence"]) < view_rows.MAX_SOURCES:  # read when called (a test may lower it)
            span["evidence"].append({"document": p["document"], "fact": p["fact"]})
    return out
