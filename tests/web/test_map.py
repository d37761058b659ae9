"""The map: GET /api/map on the seeds (the seeds' pairings as lines, values summed per region of a level, a
province's lines and values, bad parameters refused naming them), the page /map (filters in the URL, the
tables of lines and values linking to their sources, a bad filter as a 400 page), and in Chromium: the map
draws a line per seed pairing and a click on a region opens its profile. SQLite and PostgreSQL."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from duikou import services
from duikou.reference import codes
from duikou.services.mapdata import map_data
from duikou.web.boundaries import BUNDLED, BoundarySet, check_boundaries
from duikou.web.routes.api_map import LINE_SOURCES
from tests.web.conftest import db_of


@pytest.fixture(scope="module")
def bounds() -> BoundarySet:
    return check_boundaries(BUNDLED)


def _api(client: TestClient, query: str = "") -> dict[str, Any]:
    response = client.get("/api/map" + (f"?{query}" if query else ""))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


# -- the API ------------------------------------------------------------------------------------------------
def test_the_api_draws_the_seeds_pairings_as_lines(app_client: TestClient) -> None:
    db = db_of(app_client)
    data = _api(app_client)
    pairings = {p["id"]: p for p in services.pairings(db)}
    assert pairings, "the seeds hold pairings"
    assert {line["id"] for line in data["lines"]} == set(pairings) and data["unplaced"] == 0
    for line in data["lines"]:
        p = pairings[line["id"]]
        assert (line["helper"]["code"], line["recipient"]["code"]) == (p["helper"]["id"], p["recipient"]["id"])
        assert line["program"] == p["program"]
        assert 73 < line["helper"]["lon"] < 136 and 18 < line["recipient"]["lat"] < 54
    # without level or province the API is the service's answer, as JSON
    raw = json.loads(json.dumps(map_data(db, sources=LINE_SOURCES)))
    assert {k: v for k, v in data.items() if k not in ("level", "province", "not_drawn")} == \
        {k: raw[k] if k != "values" else [{**v, "parts": None} for v in raw[k]] for k in raw}
    assert (data["level"], data["province"], data["not_drawn"]) == (None, None, [])


@pytest.mark.parametrize("measure", ["money", "counts", "pairings"])
@pytest.mark.parametrize("level", ["province", "prefecture"])
def test_values_are_summed_into_the_regions_a_level_draws(app_client: TestClient, bounds: BoundarySet,
                                                          level: str, measure: str) -> None:
    raw = {v["code"]: v["value"] for v in _api(app_client, f"measure={measure}")["values"]}
    data = _api(app_client, f"measure={measure}&level={level}")
    layer = bounds.layer(level)
    assert layer is not None and data["values"] and data["level"] == level
    seen: dict[str, float] = {}
    for v in data["values"]:
        assert v["code"] in layer.names and v["name"] == layer.names[v["code"]]
        assert v["value"] == pytest.approx(sum(p["value"] for p in v["parts"]))
        for part in v["parts"]:
            assert v["code"] in codes.chain(part["code"])  # the part lies inside the region
            seen[part["code"]] = part["value"]
    seen.update({v["code"]: v["value"] for v in data["not_drawn"]})
    assert seen == raw  # every party's value counted once, in its region or as not drawn
    assert [v["value"] for v in data["values"]] == sorted((v["value"] for v in data["values"]), reverse=True)


def test_a_province_keeps_its_lines_and_values(app_client: TestClient, bounds: BoundarySet) -> None:
    every = _api(app_client, "measure=counts")
    provinces = {line[end]["code"][:2] for line in every["lines"] for end in ("helper", "recipient")}
    for pp in sorted(provinces):
        data = _api(app_client, f"measure=counts&level=county&province={pp}")
        assert data["province"] == pp + "0000"
        touching = {line["id"] for line in every["lines"]
                    if pp in (line["helper"]["code"][:2], line["recipient"]["code"][:2])}
        assert {line["id"] for line in data["lines"]} == touching and touching
        county = bounds.layer("county", pp)
        assert county is not None
        for v in data["values"]:
            assert v["code"] in county.names
        inside = {v["code"] for v in every["values"] if v["code"].startswith(pp)}
        assert {p["code"] for v in data["values"] for p in v["parts"]} | {v["code"] for v in data["not_drawn"]} == inside
        # the same province given as a six-digit code, at the province level
        assert _api(app_client, f"measure=counts&province={pp}0000")["lines"] == data["lines"]


def test_a_prefecture_is_not_drawn_on_a_county_map(app_client: TestClient) -> None:
    db = db_of(app_client)
    prefectures = [v for v in map_data(db, measure="counts")["values"] if codes.level(v["code"]) == "prefecture"]
    if not prefectures:
        pytest.skip("the seeds give no prefecture-level party a count")
    v = prefectures[0]
    data = _api(app_client, f"measure=counts&level=county&province={v['code'][:2]}")
    assert v["code"] in {n["code"] for n in data["not_drawn"]}
    assert v["code"] not in {p["code"] for r in data["values"] for p in r["parts"]}


def test_programme_and_year_filter_the_lines(app_client: TestClient) -> None:
    every = _api(app_client)
    for program in every["filters"]["programs"]:
        data = _api(app_client, f"program={program}&level=province")
        assert data["lines"] and {line["program"] for line in data["lines"]} == {program}
    years = sorted(every["filters"]["years"])
    early = _api(app_client, f"year={years[0]}")
    assert {line["id"] for line in early["lines"]} <= {line["id"] for line in every["lines"]}
    assert all(line["since"] is None or line["since"] <= years[0] for line in early["lines"])


@pytest.mark.parametrize("query, param", [
    ("measure=weight", "measure"), ("direction=sideways", "direction"), ("program=friendship", "program"),
    ("year=soon", "year"), ("year=12345", "year"), ("year=1800", "year"), ("level=town", "level"),
    ("level=county", "province"), ("province=99", "province"), ("province=x1", "province"),
    ("province=3", "province"),
])
def test_bad_parameters_are_400_naming_them(app_client: TestClient, query: str, param: str) -> None:
    response = app_client.get(f"/api/map?{query}")
    assert response.status_code == 400
    assert response.json()["param"] == param and response.json()["error"]


def test_the_api_is_documented_and_the_page_is_not(app_client: TestClient) -> None:
    paths = app_client.get("/api/openapi.json").json()["paths"]
    assert "/api/map" in paths and "/map" not in paths
    names = {p["name"] for p in paths["/api/map"]["get"]["parameters"]}
    assert names == {"program", "year", "measure", "direction", "level", "province"}


# -- the page -----------------------------------------------------------------------------------------------
def _map_spec(html: str) -> dict[str, Any]:
    found = re.search(r"data-map='([^']*)'", html)
    assert found, "the page carries the map's options"
    spec: dict[str, Any] = json.loads(found.group(1).replace("&#34;", '"').replace("&amp;", "&")
                                      .replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">"))
    return spec


def test_the_page_lists_the_lines_with_their_sources(app_client: TestClient) -> None:
    db = db_of(app_client)
    response = app_client.get("/map")
    assert response.status_code == 200
    html = response.text
    for line in map_data(db, sources=LINE_SOURCES)["lines"]:
        assert f'href="/pairings/{line["id"]}"' in html
        assert f'href="/region/{line["helper"]["code"]}">{line["helper"]["name"]}</a>' in html
        assert f'href="/region/{line["recipient"]["code"]}">{line["recipient"]["name"]}</a>' in html
        for doc in line["sources"]:
            assert f'href="/documents/{doc}"' in html
    spec = _map_spec(html)
    assert spec["level"] == "province" and spec["mapsBase"] == "/maps"
    assert spec["dataUrl"] == "/api/map?level=province"
    assert app_client.get(spec["dataUrl"]).status_code == 200
    for src in ("/static/vendor/echarts.min.js", "/static/vendor/topojson-client.min.js", "/static/js/map.js",
                "/static/js/map_page.js"):
        assert f'src="{src}"' in html and app_client.get(src).status_code == 200


def test_the_page_keeps_its_filters_in_the_url(app_client: TestClient) -> None:
    db = db_of(app_client)
    program = map_data(db)["filters"]["programs"][0]
    response = app_client.get(f"/map?program={program}&measure=counts&direction=given&level=prefecture")
    assert response.status_code == 200
    html = response.text
    assert f'<option value="{program}" selected>' in html and '<option value="counts" selected>' in html
    assert '<option value="given" selected>' in html and '<option value="prefecture" selected>' in html
    lines = map_data(db, program=program)["lines"]
    others = [ln for ln in map_data(db)["lines"] if ln["program"] != program]
    assert all(f'/pairings/{ln["id"]}"' in html for ln in lines)
    assert not any(f'/pairings/{ln["id"]}"' in html for ln in others)
    spec = _map_spec(html)
    assert spec["dataUrl"] == f"/api/map?program={program}&measure=counts&direction=given&level=prefecture"
    # the values table: the prefectures given to, each linking to its parts' profiles
    for v in app_client.get(spec["dataUrl"]).json()["values"]:
        assert f'href="/region/{v["code"]}' in html


def test_a_county_map_needs_a_province(app_client: TestClient) -> None:
    response = app_client.get("/map?level=county")
    assert response.status_code == 400
    assert 'id="map"' not in response.text and "省份" in response.text
    assert '<select name="province" class="invalid" aria-invalid="true">' in response.text
    response = app_client.get("/map?level=county&province=51")
    assert response.status_code == 200
    assert _map_spec(response.text)["province"] == "51"


@pytest.mark.parametrize("query", ["year=later", "measure=<script>alert(1)</script>", "program=%22%3E%3Cimg%20onerror%3Dx%3E"])
def test_a_bad_filter_is_a_400_page_that_escapes_it(app_client: TestClient, query: str) -> None:
    response = app_client.get(f"/map?{query}")
    assert response.status_code == 400 and "text/html" in response.headers["content-type"]
    assert "<script>alert" not in response.text and "<img onerror" not in response.text
    assert 'class="alert"' in response.text


# -- in Chromium ----------------------------------------------------------------------------------------------
def _wait_for_map(page: Any) -> dict[str, Any]:
    page.wait_for_function("() => window.duikouMap && window.duikouMap.last !== null", timeout=30_000)
    state: dict[str, Any] = page.evaluate(
        "() => ({lines: duikouMap.last.linesDrawn, error: duikouMap.last.error,"
        " series: duikouMap.last.chart ? duikouMap.last.chart.getOption().series.length : 0})")
    return state


def test_the_browser_draws_the_seeds_pairings_and_a_click_opens_a_region(
        live_server: str, web_db: str, browser_page: Any, screenshot: Callable[[Any, str], Path]) -> None:
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{live_server}/map")
    state = _wait_for_map(page)
    data = map_data(web_db)  # its lines are the pairings with both ends placed
    assert state["error"] is None and not errors
    assert state["lines"] >= len(data["lines"]) == len(services.pairings(web_db)) - data["unplaced"] > 0
    page.wait_for_timeout(300)
    screenshot(page, "map")
    # a click on 新疆 (no line near it) opens the region's profile
    x, y = page.evaluate("() => duikouMap.last.chart.convertToPixel({geoIndex: 0}, [85.0, 41.5])")
    box = page.locator("#map").bounding_box()
    with page.expect_navigation() as opened:
        page.mouse.click(box["x"] + x, box["y"] + y)
    assert page.url == f"{live_server}/region/650000" and opened.value.status == 200
    assert "新疆" in page.locator("h1").inner_text()


def test_the_browser_draws_a_filtered_county_map(live_server: str, web_db: str, browser_page: Any,
                                                 screenshot: Callable[[Any, str], Path]) -> None:
    page = browser_page
    program = "intra_province"
    expected = [ln for ln in map_data(web_db, program=program)["lines"] if ln["recipient"]["code"][:2] == "51"]
    if not expected:
        pytest.skip("the seeds have no intra-province pairing in 四川")
    page.goto(f"{live_server}/map?program={program}&measure=counts&level=county&province=510000")
    state = _wait_for_map(page)
    assert state["error"] is None and state["lines"] == len(expected)
    page.wait_for_timeout(300)
    screenshot(page, "map-filtered")
    # changing a choice applies the form (filters stay in the URL)
    with page.expect_navigation():
        page.select_option("select[name=direction]", "given")
    assert "direction=given" in page.url and "province=510000" in page.url and f"program={program}" in page.url
    assert _wait_for_map(page)["error"] is None
