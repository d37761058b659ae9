"""The map's data on the seed reports (lines with coordinates, the choropleth's values against the profiles,
filters) and on hand-made reports whose parties cannot be placed, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from duikou import services
from duikou.errors import LedgerError
from duikou.ledger.store import Ledger
from duikou.reference import regions
from duikou.services import views
from duikou.services.mapdata import map_data
from duikou.services.profiles import region_profile
from tests.ledger import helpers as h
from tests.ledger.conftest import db_url, pg_server, pg_template, pg_url  # noqa: F401 - the ledgers' fixtures


@pytest.fixture
def seeds(db_url: str, seed_paths: list[Path]) -> str:  # noqa: F811 - db_url is the imported fixture
    services.build([str(p) for p in seed_paths], db=db_url)
    return db_url


def _in_china(end: dict[str, object]) -> bool:
    lon, lat = end["lon"], end["lat"]
    return isinstance(lon, float) and isinstance(lat, float) and 73 < lon < 136 and 18 < lat < 54


def test_the_seeds_pairings_are_lines_between_placed_regions(seeds: str) -> None:
    data = map_data(seeds)
    json.dumps(data, ensure_ascii=False)
    pairings = {p["id"]: p for p in services.pairings(seeds)}
    assert {line["id"] for line in data["lines"]} == set(pairings) and data["unplaced"] == 0
    docs = {r["source"]: r["id"] for r in views.documents(seeds)}
    for line in data["lines"]:
        p = pairings[line["id"]]
        assert line["helper"]["code"] == p["helper"]["id"] and line["recipient"]["code"] == p["recipient"]["id"]
        assert line["helper"]["name"] == p["helper"]["name"]
        assert _in_china(line["helper"]) and _in_china(line["recipient"])
        assert (line["program"], line["since"]) == (p["program"], p["since"])
        assert line["sources"] == [docs[s] for s in p["sources"]]
    assert data["filters"]["programs"] == sorted({p["program"] for p in pairings.values()})
    assert {p["since"] for p in pairings.values() if p["since"]} <= set(data["filters"]["years"])


@pytest.mark.parametrize("direction", ["received", "given"])
def test_money_per_region_is_what_the_profiles_count_as_annual_money(seeds: str, direction: str) -> None:
    data = map_data(seeds, measure="money", direction=direction)
    assert data["unit"] == "yuan" and data["values"]
    assert [v["value"] for v in data["values"]] == sorted((v["value"] for v in data["values"]), reverse=True)
    for v in data["values"]:
        years = region_profile(seeds, v["code"]).money_by_year
        assert v["value"] == sum(y[direction]["annual"]["total"] or 0 for y in years)
        assert v["name"] == regions.name(v["code"]) and v["level"]
    for year in data["filters"]["years"]:
        one = {v["code"]: v["value"] for v in map_data(seeds, year=year, direction=direction)["values"]}
        for code, value in one.items():
            [y] = [y for y in region_profile(seeds, code).money_by_year if y["year"] == year]
            assert value == y[direction]["annual"]["total"]


def test_counts_and_pairings_per_region(seeds: str) -> None:
    events = views.events(seeds)
    got = {v["code"]: v["value"] for v in map_data(seeds, measure="counts")["values"]}
    assert got == dict(Counter(e["recipient"]["id"] for e in events if e["recipient"]))
    got = {v["code"]: v["value"] for v in map_data(seeds, measure="counts", direction="given")["values"]}
    assert got == dict(Counter(e["helper"]["id"] for e in events if e["helper"]))
    got = {v["code"]: v["value"] for v in map_data(seeds, measure="pairings", direction="given")["values"]}
    assert got == dict(Counter(p["helper"]["id"] for p in services.pairings(seeds)))


def test_filters_by_program_and_year(seeds: str) -> None:
    pairings = services.pairings(seeds)
    for program in {p["program"] for p in pairings}:
        data = map_data(seeds, program=program, measure="counts")
        assert {line["id"] for line in data["lines"]} == {p["id"] for p in pairings if p["program"] == program}
        pairs = {(p["helper"]["id"], p["recipient"]["id"]) for p in pairings if p["program"] == program}
        expected = Counter(e["recipient"]["id"] for e in views.events(seeds)
                           if (e["helper"] and e["helper"]["id"], e["recipient"] and e["recipient"]["id"]) in pairs)
        assert {v["code"]: v["value"] for v in data["values"]} == dict(expected)
    years = [p["since"] for p in pairings if p["since"]]
    for year in (min(years) - 1, min(years), max(years)):
        shown = {line["id"] for line in map_data(seeds, year=year)["lines"]}
        assert shown == {p["id"] for p in pairings if p["since"] is None or p["since"] <= year}


def test_bad_filters_are_clear_errors(seeds: str) -> None:
    for kwargs, message in (({"measure": "weight"}, "unknown map measure"), ({"direction": "up"}, "direction"),
                            ({"program": "no_such"}, "unknown programme"), ({"year": "2020"}, "whole number")):
        with pytest.raises(LedgerError, match=message):
            map_data(seeds, **kwargs)  # type: ignore[arg-type]


def test_a_line_lists_its_first_few_reports_and_counts_them_all(db_url: str) -> None:  # noqa: F811
    lg = Ledger(db_url)
    try:
        for doc, rec in (h.helper_report(), h.recipient_report(), h.helper_report(source="reports/again.txt")):
            h.store(lg, doc, rec)
    finally:
        lg.close()
    full = {line["id"]: line for line in map_data(db_url)["lines"]}
    assert any(len(line["sources"]) >= 2 for line in full.values()), "a pairing told by several reports"
    for n in (0, 1, 2):
        few = map_data(db_url, sources=n)["lines"]
        assert [line["id"] for line in few] == list(full)
        for line in few:
            assert line["sources"] == full[line["id"]]["sources"][:n]
            assert line["source_count"] == full[line["id"]]["source_count"] >= len(full[line["id"]]["sources"])
    for bad in (-1, True, "2"):
        with pytest.raises(LedgerError, match="sources"):
            map_data(db_url, sources=bad)  # type: ignore[arg-type]


COMPANY_TEXT = "某某集团与黄平县开展定点帮扶，集团向黄平县捐赠帮扶资金五十万元。"


def test_parties_without_a_code_or_coordinates_are_unplaced(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr(regions, "gaz", lambda: h.FakeGazetteer())  # 纳雍县 has no coordinates in it
    text = COMPANY_TEXT
    d = h.doc("reports/company.txt", text, published="2022-08-01")
    company = h.record(
        d, regions=[h.fact(text, "黄平县", code=h.HUANGPING, name="黄平县", level="county")],
        pairings=[h.fact(text, "某某集团与黄平县开展定点帮扶", helper="某某集团", recipient=h.HUANGPING,
                         program="designated", since=None)],
        amounts=[h.fact(text, "捐赠帮扶资金五十万元", value=500000, approx=False, role="donation",
                        cumulative=False, payer="某某集团", payee=h.HUANGPING)])
    lg = Ledger(db_url)
    try:
        for doc, rec in (h.helper_report(), h.other_report(), (d, company)):
            h.store(lg, doc, rec)
    finally:
        lg.close()
    data = map_data(db_url)
    placed = [(line["helper"]["code"], line["recipient"]["code"]) for line in data["lines"]]
    assert placed == [(h.SHANGCHENG, h.HUANGPING)]
    assert data["unplaced"] == 2  # 天河区 -> 纳雍县 (no coordinates) and the company's pairing (no code)
    assert {v["code"]: v["value"] for v in data["values"]} == {h.HUANGPING: 3_000_000 + 500_000}
    given = map_data(db_url, direction="given")["values"]
    assert [v["code"] for v in given] == [h.SHANGCHENG]  # the company paid, but has no place on the map
    assert map_data(db_url, program="designated")["lines"] == []
    # the company is no region, but a party with a profile of its own
    [year] = region_profile(db_url, "某某集团").money_by_year
    paid = year["given"]["annual"]
    assert paid["total"] == 500_000 and paid["figures"][0]["partner"]["id"] == h.HUANGPING
