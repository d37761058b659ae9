"""Profiles of a region or party, a pairing and a person: on the seed reports and on two hand-made reports of
one meeting told by each side (their figures disagree), on SQLite and PostgreSQL."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from duikou import services
from duikou.errors import LedgerError
from duikou.ledger.store import Ledger
from duikou.services import views
from duikou.services.profile_figures import money_by_year
from duikou.services.profiles import pairing_profile, pairing_reports, person_profile, region_profile
from tests.ledger import helpers as h
from tests.ledger.conftest import db_url, pg_server, pg_template, pg_url  # noqa: F401 - the ledgers' fixtures


@pytest.fixture
def seeds(db_url: str, seed_paths: list[Path]) -> str:  # noqa: F811 - db_url is the imported fixture
    services.build([str(p) for p in seed_paths], db=db_url)
    return db_url


@pytest.fixture
def two_sides(db_url: str) -> str:  # noqa: F811
    """The helper's and the recipient's report of one meeting, and a report about another pairing."""
    lg = Ledger(db_url)
    try:
        for d, r in (h.helper_report(), h.recipient_report(), h.other_report()):
            h.store(lg, d, r)
    finally:
        lg.close()
    return db_url


def _facts_of(url: str, entity: str) -> set[tuple[int, str]]:
    """(document id, fact id) of every fact behind ``entity``, read through the sources service."""
    ids = {r["source"]: r["id"] for r in views.documents(url)}
    return {(ids[s["source"]], s["fact"]) for s in views.sources(url, entity)}


def _assert_evidence(url: str, entity: str, evidence: list[dict[str, Any]], reports: dict[int, Any]) -> None:
    assert evidence, f"{entity} has no evidence"
    assert {(e["document"], e["fact"]) for e in evidence} <= _facts_of(url, entity)
    assert all(e["document"] in reports for e in evidence)


def _figures(cells: dict[str, Any]) -> list[tuple[str, str]]:
    return [(column, f["id"]) for column, cell in cells.items() for f in cell["figures"]]


def test_a_region_profile_keeps_annual_cumulative_and_planned_money_apart(seeds: str) -> None:
    for pairing in services.pairings(seeds):
        code = pairing["helper"]["id"]
        prof = region_profile(seeds, code)
        assert json.loads(json.dumps(prof.to_dict(), ensure_ascii=False))["query"] == code
        assert [p["id"] for p in prof.parties] == [code]
        assert pairing["id"] in {r["id"] for r in prof.partners["helps"]}
        for section in prof.sections:
            for row in section.rows:
                _assert_evidence(seeds, row["id"], row["evidence"], prof.reports)
        money = prof.section("money").rows
        placed = [(y["year"], d, c, f) for y in prof.money_by_year for d in ("given", "received")
                  for c, f in _figures(y[d])]
        assert sorted(f for *_, f in placed) == sorted(r["id"] for r in money if code in
                                                       (r["payer"]["id"], r["payee"]["id"]))
        for r in money:
            year, direction, column, _ = next(p for p in placed if p[3] == r["id"])
            assert year == int(r["period"] or r["date"][:4])
            assert direction == ("given" if r["payer"]["id"] == code else "received")
            assert column == ("planned" if r["status"] == "planned" else
                              "cumulative" if r["cumulative"] else "annual")
        for y in prof.money_by_year:
            for d in ("given", "received"):
                annual = [f for f in y[d]["annual"]["figures"] if not f["conflict"]]
                assert y[d]["annual"]["total"] == (sum(f["value"] for f in annual) if annual else None)
                assert all(not f["cumulative"] and f["status"] == "done" for f in y[d]["annual"]["figures"])
                assert all(f["cumulative"] for f in y[d]["cumulative"]["figures"])
                assert all(f["status"] == "planned" for f in y[d]["planned"]["figures"])
                for cell in y[d].values():
                    for f in cell["figures"]:
                        _assert_evidence(seeds, f["id"], f["evidence"], prof.reports)
                        assert f["partner"]["id"] != code
        assert [e["date"] for e in prof.timeline] == sorted(e["date"] for e in prof.timeline)
        for e in prof.timeline:
            assert e["as"] == "helper" and e["helper"]["id"] == code and e["other"] == e["recipient"]
            _assert_evidence(seeds, e["id"], e["evidence"], prof.reports)
    # A seed report gives money of one year in all three columns: they stay apart, each with its total.
    cells = [y["given"] for p in services.pairings(seeds)
             for y in region_profile(seeds, p["helper"]["id"]).money_by_year]
    assert any(c["annual"]["total"] and c["cumulative"]["total"] for c in cells)
    assert any(c["planned"]["total"] and c["annual"]["total"] for c in cells)


def test_a_region_profile_sets_disagreeing_figures_side_by_side(two_sides: str) -> None:
    prof = region_profile(two_sides, h.SHANGCHENG)
    [conflict] = prof.conflicts
    assert conflict["role"] == "assistance" and conflict["cumulative"] and conflict["period"] == "2023"
    assert [f["value"] for f in conflict["figures"]] == [120_000_000, 150_000_000]
    sides = {prof.reports[f["evidence"][0]["document"]]["side"] for f in conflict["figures"]}
    assert sides == {"helper", "recipient"}
    [year] = prof.money_by_year
    given = year["given"]
    assert given["annual"]["total"] == 3_000_000 and given["annual"]["by_role"] == {"donation": 3_000_000}
    assert given["cumulative"]["total"] is None and given["cumulative"]["disputed"] == 2
    assert year["received"]["annual"]["figures"] == []
    with pytest.raises(LedgerError, match="no region or party"):
        region_profile(two_sides, "nowhere at all")


def test_a_pairing_profile_puts_each_sides_reports_and_figures_side_by_side(two_sides: str) -> None:
    [pairing] = [p for p in services.pairings(two_sides) if p["helper"]["id"] == h.SHANGCHENG]
    prof = pairing_profile(two_sides, pairing["id"])
    json.dumps(prof.to_dict(), ensure_ascii=False)
    assert prof.totals == {"helper_reports": 1, "recipient_reports": 1, "unknown_reports": 0, "events": 3,
                           "agreements": 1, "figures": len(prof.figures),
                           "differing": sum(1 for g in prof.figures if g["differs"])}
    assert prof.pairing["helper"] == pairing["helper"] and prof.pairing["since"] == 2019
    _assert_evidence(two_sides, pairing["id"], prof.pairing["evidence"], prof.reports)
    assert [r["outlet"] for r in prof.sides["helper"]] == ["上城报"]
    assert [r["outlet"] for r in prof.sides["recipient"]] == ["黄平发布"]
    assert prof.sides["unknown"] == []
    groups = {(g["kind"], g["role"], g["cumulative"]): g for g in prof.figures}
    cumulative = groups[("amount", "assistance", True)]
    assert [f["value"] for f in cumulative["helper_side"]] == [120_000_000]
    assert [f["value"] for f in cumulative["recipient_side"]] == [150_000_000]
    assert cumulative["differs"] and cumulative["conflict"] and cumulative["year"] == 2023
    donation = groups[("amount", "donation", False)]
    assert not donation["differs"] and donation["recipient_side"] == [] and donation["unit"] == "yuan"
    assert groups[("count", "beneficiaries", None)]["helper_side"][0]["value"] == 800
    for g in prof.figures:
        assert g["direction"] == "helper_to_recipient"
        for side in ("helper", "recipient"):
            for f in g[f"{side}_side"]:
                assert f["evidence"] and all(prof.reports[e["document"]]["side"] == side for e in f["evidence"])
    # the meeting both reports tell is one event with an account from each side
    assert any(e["accounts"]["helper"] and e["accounts"]["recipient"] for e in prof.events)
    [agreement] = prof.agreements
    assert agreement["accounts"]["helper"] and agreement["accounts"]["recipient"]
    with pytest.raises(LedgerError, match="no pairing"):
        pairing_profile(two_sides, "P-none")
    with pytest.raises(LedgerError, match="at least 1"):
        pairing_profile(two_sides, pairing["id"], limit=0)
    one = pairing_profile(two_sides, pairing["id"], limit=1)  # the latest event, the totals unchanged
    assert [e["id"] for e in one.events] == [prof.events[-1]["id"]] and one.totals == prof.totals
    # a page of figure groups: the same groups with the same evidence, one page at a time; totals whole
    assert len(prof.figures) >= 2
    pages = [pairing_profile(two_sides, pairing["id"], figure_page=n, figures_per_page=2).figures for n in (1, 2, 9)]
    assert pages[0] + pages[1] == prof.figures[:4] and pages[2] == []
    assert pairing_profile(two_sides, pairing["id"], figure_page=2, figures_per_page=2).totals == prof.totals
    with pytest.raises(LedgerError, match="at least 1"):
        pairing_profile(two_sides, pairing["id"], figure_page=0)


def test_a_pairing_sides_reports_are_listed_a_page_at_a_time(two_sides: str) -> None:
    [pairing] = [p for p in services.pairings(two_sides) if p["helper"]["id"] == h.SHANGCHENG]
    prof = pairing_profile(two_sides, pairing["id"])
    for side in ("helper", "recipient", "unknown"):
        head, listed, total = pairing_reports(two_sides, pairing["id"], side)
        assert head["helper"] == prof.pairing["helper"] and head["recipient"] == prof.pairing["recipient"]
        assert listed == prof.sides[side] and total == prof.totals[f"{side}_reports"]
    # two more reports of the helper's: newest first, a page of one each, the count of all
    lg = Ledger(two_sides)
    try:
        for i, day in enumerate(("2023-06-01", "2023-07-01")):
            d, r = h.helper_report(source=f"reports/again-{i}.txt")
            h.store(lg, replace(d, published=day), r)
    finally:
        lg.close()
    pages = [pairing_reports(two_sides, pairing["id"], "helper", n, per_page=1) for n in (1, 2, 3, 4)]
    assert [t for _, _, t in pages] == [3, 3, 3, 3]
    dates = [r["published"] for _, listed, _ in pages for r in listed]
    assert len(dates) == 3 and dates == sorted(dates, reverse=True) and dates[0].startswith("2023-07-01")
    assert pages[3][1] == [] and pairing_profile(two_sides, pairing["id"]).sides["helper"] == \
        [r for _, listed, _ in pages for r in listed]
    with pytest.raises(LedgerError, match="side"):
        pairing_reports(two_sides, pairing["id"], "nobody")
    with pytest.raises(LedgerError, match="no pairing"):
        pairing_reports(two_sides, "P-none", "helper")


def test_a_seed_pairing_profile_lists_its_report_and_everything_between_the_two(seeds: str) -> None:
    listed = {r["source"]: r for r in views.documents(seeds)}
    for pairing in services.pairings(seeds):
        prof = pairing_profile(seeds, pairing["id"])
        a, b = pairing["helper"]["id"], pairing["recipient"]["id"]
        told = [r for side in prof.sides.values() for r in side]
        assert {listed[s]["id"] for s in pairing["sources"]} <= {r["id"] for r in told}
        assert all(r["side"] == side for side, rs in prof.sides.items() for r in rs)
        for e in prof.events:
            assert {e["helper"]["id"], e["recipient"]["id"]} == {a, b}
        amounts = [r for r in views.show(seeds, a).data["money"] if {r["payer"]["id"], r["payee"]["id"]} == {a, b}]
        shown = {f["id"] for g in prof.figures if g["kind"] == "amount" for s in ("helper", "recipient", "unknown")
                 for f in g[f"{s}_side"]}
        assert shown == {r["id"] for r in amounts}


def test_a_person_profile_gives_titles_over_time_events_and_reports(seeds: str, two_sides: str) -> None:
    prof = region_profile(seeds, services.pairings(seeds)[0]["helper"]["id"])
    for p in prof.people:
        person = person_profile(seeds, p["id"])
        json.dumps(person.to_dict(), ensure_ascii=False)
        assert (person.document_count, person.event_count) == (len(person.documents), len(person.events))
        assert person.person["name"] == p["name"] and person.person["region"]["id"] == p["region"]
        assert [(t["titles"], t["from"], t["to"]) for t in person.titles] == \
            [(t["titles"], t["from"], t["to"]) for t in p["titles"]]
        assert person.documents and all(d["facts"] for d in person.documents)
        for t in person.titles:
            _assert_evidence(seeds, p["id"], t["evidence"], person.reports)
        for e in person.events:
            assert p["name"] in e["leaders"]
    # 林晓松 leads the helper's visit; a namesake in another place's report is another person
    lg = Ledger(two_sides)
    try:
        d, r = h.other_report(source="reports/namesake.txt", name="林晓松")
        h.store(lg, d, r)
    finally:
        lg.close()
    [lin] = [p for p in region_profile(two_sides, h.SHANGCHENG).people if p["name"] == "林晓松"]
    person = person_profile(two_sides, lin["id"])
    assert [e["type"] for e in person.events] == ["visit"]
    assert [d["outlet"] for d in person.documents] == ["上城报"]
    assert person.titles[0]["titles"] == ["区委书记"] and person.titles[0]["source_count"] == 1
    with pytest.raises(LedgerError, match="no person"):
        person_profile(two_sides, "H-none")
    with pytest.raises(LedgerError, match="at least 1"):
        person_profile(two_sides, lin["id"], limit=0)


def test_a_person_profile_lists_the_latest_title_spans_and_counts_them_all(two_sides: str) -> None:
    lg = Ledger(two_sides)
    try:  # 林晓松 as 区委书记 (the helper's report), then 区长, then 区委书记 again: three spans
        for i, (day, titles) in enumerate((("2023-05-01", ["区长"]), ("2023-06-01", ["区委书记"]))):
            d, r = h.helper_report(source=f"reports/lin-{i}.txt")
            r["people"][0]["titles"] = titles
            h.store(lg, replace(d, published=day), r)
    finally:
        lg.close()
    [lin] = [p for p in region_profile(two_sides, h.SHANGCHENG).people if p["name"] == "林晓松"]
    full = person_profile(two_sides, lin["id"])
    assert [t["titles"] for t in full.titles] == [["区委书记"], ["区长"], ["区委书记"]] and full.title_count == 3
    two = person_profile(two_sides, lin["id"], limit=2, sources=1)
    assert [(t["titles"], t["from"], t["source_count"]) for t in two.titles] == \
        [(t["titles"], t["from"], t["source_count"]) for t in full.titles[-2:]]
    assert two.title_count == 3 and all(len(t["evidence"]) == 1 for t in two.titles)
    # the reports read are those the shown values name and the documents listed, no more
    named = {e["document"] for v in [*two.titles, *two.events] for e in v["evidence"]}
    assert named <= set(two.reports) == named | {d["id"] for d in two.documents}
    with pytest.raises(LedgerError):
        person_profile(two_sides, lin["id"], sources=0)


def _amount(id_: str, value: float, role: str = "assistance", cumulative: bool = False, status: str = "done",
            payee: str = "200000", date: str = "2022-05-01", conflict: str | None = None) -> dict[str, Any]:
    return {"id": id_, "value": value, "approx": False, "role": role, "cumulative": cumulative, "status": status,
            "payer": "100000", "payee": payee, "period": None if status == "planned" else date[:4], "date": date,
            "conflict": conflict, "sources": 1}


def test_money_by_year_counts_each_kind_of_figure_by_its_own_rule() -> None:
    rows = [
        _amount("a1", 100), _amount("a2", 50, role="donation"), _amount("a3", 7, conflict="C1"),
        _amount("c1", 1000, cumulative=True, date="2022-03-01"), _amount("c2", 1200, cumulative=True),
        _amount("c3", 300, cumulative=True, payee="300000"),
        _amount("p1", 80, status="planned"), _amount("p2", 9000, cumulative=True, status="planned"),
        _amount("u1", 5, date="2021-12-31"),
    ]
    name = lambda v: {"id": v, "name": v} if v else None  # noqa: E731
    years = money_by_year(rows, {"100000"}, name, {})
    assert [y["year"] for y in years] == [2021, 2022]
    given = years[1]["given"]
    assert given["annual"]["total"] == 150 and given["annual"]["disputed"] == 1
    assert given["annual"]["by_role"] == {"assistance": 100, "donation": 50}
    assert given["cumulative"]["total"] == 1200 + 300  # the latest "so far" figure per partner, never added up
    assert given["planned"]["total"] == 80 and len(given["planned"]["figures"]) == 2
    assert years[0]["given"]["annual"]["total"] == 5
    assert all(c["total"] is None for c in years[1]["received"].values())


def test_a_region_profile_reads_only_the_sources_a_page_shows(seeds: str) -> None:
    """``sources=n``: each value's first n evidence items of the full profile, the same counts and money,
    and only the reports those name; a bad n is a LedgerError."""
    def evidence(prof: Any) -> list[tuple[str, list[Any], Any]]:
        return [(r["id"], r["evidence"], r.get("source_count")) for s in prof.sections for r in s.rows]

    codes = sorted({p[side]["id"] for p in services.pairings(seeds) for side in ("helper", "recipient")})
    # The seeds' region with the most evidence on one value: some value must have more than one fact.
    code = max(codes, key=lambda c: max((len(ev) for _, ev, _ in evidence(region_profile(seeds, c))), default=0))
    full, few = region_profile(seeds, code), region_profile(seeds, code, sources=1)
    assert any(len(ev) > 1 for _, ev, _ in evidence(full)), "some value of the seeds has several facts"
    assert [(i, ev[:1], n) for i, ev, n in evidence(full)] == evidence(few)
    assert few.totals == full.totals
    cells = [(y["year"], d, c, f["id"], f["source_count"], f["evidence"][:1])
             for y in full.money_by_year for d in ("given", "received") for c, cell in y[d].items()
             for f in cell["figures"]]
    assert cells == [(y["year"], d, c, f["id"], f["source_count"], f["evidence"])
                     for y in few.money_by_year for d in ("given", "received") for c, cell in y[d].items()
                     for f in cell["figures"]]
    named = {e["document"] for _, ev, _ in evidence(few) for e in ev}
    assert named <= set(few.reports) <= set(full.reports)
    for bad in (0, -2, True, "3"):
        with pytest.raises(LedgerError):
            region_profile(seeds, code, sources=bad)
