"""The search page, the list pages (filters, sort and paging in the URL, htmx swapping the results, every row
linked to its sources), their CSV/XLSX downloads, /sources/{id} and the JSON API; report markup shown as
text; and in Chromium: a search opened, a list filtered, sorted, paged and downloaded. SQLite and
PostgreSQL (the seed reports)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from fastapi.testclient import TestClient

from duikou.services import review, views
from duikou.services.build import build
from duikou.services.lists import KINDS, ListQuery
from duikou.web.routes.lists import disposition, filename, list_url, page_numbers
from tests.web.conftest import db_of


class Table(HTMLParser):
    """The list page's table read back: each body row as its cells' text and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self.headers: list[dict[str, Any]] = []
        self._where = ""
        self._row: dict[str, Any] | None = None
        self._th: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("thead", "tbody"):
            self._where = tag
        elif tag == "tr" and self._where == "tbody":
            self._row = {"id": (a.get("id") or "").removeprefix("row-"), "links": [], "text": ""}
        elif tag == "th" and self._where == "thead":
            self._th = {"sort": a.get("aria-sort"), "href": None, "text": ""}
        elif tag == "a" and a.get("href"):
            if self._row is not None:
                self._row["links"].append(a["href"])
            elif self._th is not None:
                self._th["href"] = a["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "th" and self._th is not None:
            self._th["text"] = self._th["text"].strip(" ▲▼\n")
            self.headers.append(self._th)
            self._th = None
        elif tag in ("thead", "tbody"):
            self._where = ""

    def handle_data(self, data: str) -> None:
        if self._row is not None:
            self._row["text"] += data
        if self._th is not None:
            self._th["text"] += data


def table(html: str) -> Table:
    t = Table()
    t.feed(html)
    return t


def api(client: TestClient, kind: str, **params: Any) -> dict[str, Any]:
    r = client.get(f"/api/{kind}", params=params)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def every(client: TestClient, kind: str, **params: Any) -> list[dict[str, Any]]:
    """Every row of a list (the seeds' lists fit one page of 500)."""
    got = api(client, kind, per_page=500, **params)
    assert got["pages"] == 1
    return got["rows"]  # type: ignore[no-any-return]


def ids(rows: list[dict[str, Any]]) -> list[str]:
    return [str(r["id"]) for r in rows]


def party_ids(kind: str, row: dict[str, Any]) -> set[str]:
    names = {"pairings": ("helper", "recipient"), "events": ("helper", "recipient", "place"),
             "money": ("payer", "payee"), "counts": ("helper", "recipient")}.get(kind, ())
    found = {row[c]["id"] for c in names if row.get(c)}
    return found | {p["id"] for p in row.get("parties", [])}


# --- small pieces -----------------------------------------------------------------------------------

def test_page_numbers_keep_the_ends_and_the_neighbours() -> None:
    assert page_numbers(1, 1) == [1]
    assert page_numbers(1, 4) == [1, 2, 3, 4]
    assert page_numbers(10, 20) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_numbers(20, 20) == [1, None, 18, 19, 20]
    assert page_numbers(4, 20) == [1, 2, 3, 4, 5, 6, None, 20]


def test_list_urls_and_file_names_hold_only_the_filters_set() -> None:
    q = ListQuery("money", province="四川", year=2022, sort="-value", page=3, per_page=20)
    assert list_url(q) == "/money?province=%E5%9B%9B%E5%B7%9D&year=2022&sort=-value&page=3&per_page=20"
    assert list_url(q, page=1, sort=None) == "/money?province=%E5%9B%9B%E5%B7%9D&year=2022&per_page=20"
    assert list_url(ListQuery("events")) == "/events"
    name = filename(q, "csv", dt.date(2024, 1, 5))
    assert name == "duikou-money-四川-2022-20240105.csv"
    assert filename(ListQuery("events", q='a/b "c"'), "xlsx", dt.date(2024, 1, 5)) == "duikou-events-a_b_c_-20240105.xlsx"
    header = disposition(name)
    assert header.startswith('attachment; filename="duikou-money-2022-20240105.csv"')
    assert "filename*=UTF-8''duikou-money-%E5%9B%9B%E5%B7%9D-2022-20240105.csv" in header


# --- the list pages --------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_each_list_shows_its_rows_linked_to_their_pages_and_sources(app_client: TestClient, kind: str) -> None:
    rows = every(app_client, kind)
    assert rows, f"the seeds have {kind}"
    page = app_client.get(f"/{kind}")
    assert page.status_code == 200
    assert f"共 {len(rows):,} 条" in page.text
    shown = table(page.text)
    assert [r["id"] for r in shown.rows] == ids(rows)  # the same rows in the same (default) order
    for row, html in zip(rows, shown.rows):
        if kind == "documents":
            assert f"/documents/{row['id']}" in html["links"]
            continue
        assert f"/sources/{row['id']}" in html["links"], "every row opens its sources"
        if kind == "pairings":
            assert f"/pairings/{row['id']}" in html["links"]
        for code in party_ids(kind, row):
            if code.isdigit() and len(code) == 6:
                assert f"/region/{code}" in html["links"]


def test_a_programme_filter_keeps_the_rows_of_that_programme(app_client: TestClient) -> None:
    pairings = every(app_client, "pairings")
    programmes = {r["program"] for r in pairings}
    assert len(programmes) > 1, "the seeds hold pairings of more than one programme"
    for program in programmes:
        kept = every(app_client, "pairings", program=program)
        assert ids(kept) == [r["id"] for r in pairings if r["program"] == program]
        # an event, a figure: kept when a standing pairing of its two parties has that programme
        pairs = {(r["helper"]["id"], r["recipient"]["id"]) for r in kept if r["relation"] == "standing"}
        events = every(app_client, "events")
        assert ids(every(app_client, "events", program=program)) == [
            r["id"] for r in events if r["helper"] and r["recipient"]
            and (r["helper"]["id"], r["recipient"]["id"]) in pairs]
        page = table(app_client.get("/pairings", params={"program": program}).text)
        assert [r["id"] for r in page.rows] == ids(kept)


@pytest.mark.parametrize("kind", ["pairings", "events", "money", "counts", "agreements"])
def test_a_province_by_name_or_code_keeps_the_rows_with_a_party_there(app_client: TestClient, kind: str) -> None:
    rows = every(app_client, kind)
    codes = sorted({c[:2] for r in rows for c in party_ids(kind, r) if c.isdigit()})
    assert codes
    for prefix in codes:
        expected = [r["id"] for r in rows if any(c.startswith(prefix) for c in party_ids(kind, r))]
        by_code = every(app_client, kind, province=prefix + "0000")
        assert ids(by_code) == expected
        assert ids(every(app_client, kind, province=prefix)) == expected


def test_year_type_side_and_text_filters(app_client: TestClient) -> None:
    events = every(app_client, "events")
    for year in {r["date"][:4] for r in events if r["date"]}:
        assert ids(every(app_client, "events", year=year)) == [r["id"] for r in events
                                                              if (r["date"] or "").startswith(year)]
    for kind_of in {r["type"] for r in events}:
        assert ids(every(app_client, "events", type=kind_of)) == [r["id"] for r in events if r["type"] == kind_of]
    documents = every(app_client, "documents")
    assert ids(every(app_client, "documents", side="helper")) == [str(r["id"]) for r in documents
                                                                  if r["side"] == "helper"]
    pairing = every(app_client, "pairings")[0]
    found = every(app_client, "pairings", q=pairing["helper"]["name"])
    assert pairing["id"] in ids(found)
    assert ids(every(app_client, "pairings", q=pairing["id"])) == [pairing["id"]]


def test_the_review_filter_follows_a_review(app_client: TestClient) -> None:
    db = db_of(app_client)
    assert every(app_client, "money", review="reviewed") == []
    money = every(app_client, "money")
    target = money[0]["id"]
    fact = views.sources(db, target)[0]["fact"]
    review.accept_fact(db, fact, author="tester", reason="checked against the report")
    assert ids(every(app_client, "money", review="reviewed")) == [target]
    assert target not in ids(every(app_client, "money", review="unreviewed"))
    page = app_client.get("/money", params={"review": "reviewed"}).text
    assert [r["id"] for r in table(page).rows] == [target] and "已审核" in page


@pytest.mark.parametrize("kind, column", [("events", "date"), ("money", "value"), ("counts", "value"),
                                          ("pairings", "since"), ("documents", "published")])
def test_sorting_both_ways_with_headers_that_toggle(app_client: TestClient, kind: str, column: str) -> None:
    for sort, reverse in ((column, False), (f"-{column}", True)):
        rows = every(app_client, kind, sort=sort)
        values = [r[column] for r in rows if r[column] is not None]
        assert values == sorted(values, reverse=reverse)
        assert all(r[column] is None for r in rows[len(values):]), "rows without a value come last"
        page = app_client.get(f"/{kind}", params={"sort": sort, "year": ""})
        headers = {h["text"]: h for h in table(page.text).headers}
        current = [h for h in headers.values() if h["sort"] in ("ascending", "descending")]
        assert len(current) == 1 and current[0]["sort"] == ("descending" if reverse else "ascending")
        flipped = column if reverse else f"-{column}"
        assert parse_qs(urlsplit(current[0]["href"]).query)["sort"] == [flipped]
        others = [h for h in headers.values() if h["href"] and h is not current[0]]
        assert others and all(h["sort"] == "none" for h in others)


def test_pages_cover_the_list_once_and_keep_the_filters(app_client: TestClient) -> None:
    whole = every(app_client, "counts", sort="-value")
    per = 7
    pages = math.ceil(len(whole) / per)
    assert pages >= 3
    seen: list[str] = []
    for n in range(1, pages + 1):
        got = api(app_client, "counts", sort="-value", per_page=per, page=n)
        assert (got["total"], got["page"], got["pages"], got["per_page"]) == (len(whole), n, pages, per)
        seen += ids(got["rows"])
    assert seen == ids(whole)
    assert api(app_client, "counts", per_page=per, page=999)["page"] == pages  # past the end: the last page
    html = app_client.get("/counts", params={"sort": "-value", "per_page": per, "page": 2}).text
    assert f"第 2 / {pages} 页" in html and '<span class="current" aria-current="page">2</span>' in html
    pager_html = html.split('<nav class="pager"', 1)[1].split("</nav>", 1)[0]
    links = {unescape(u) for u in re.findall(r'href="(/counts\?[^"]*)"', pager_html)}
    pager = {parse_qs(urlsplit(unquote(u)).query).get("page", ["1"])[0] for u in links}
    assert {"1", "3", str(pages)} <= pager
    assert all("sort=-value" in u and "per_page=7" in u for u in links)


def test_htmx_gets_the_results_alone_with_a_clean_address(app_client: TestClient) -> None:
    hx = {"HX-Request": "true", "HX-Target": "list-results"}
    r = app_client.get("/events?program=east_west&province=&year=&sort=date&q=", headers=hx)
    assert r.status_code == 200
    assert r.text.lstrip().startswith('<div id="list-results"') and "<html" not in r.text
    assert r.headers["HX-Push-Url"] == "/events?program=east_west&sort=date"
    assert "HX-Request" in r.headers["Vary"]
    assert '<span id="list-keep" hx-swap-oob="true"><input type="hidden" name="sort" value="date">' in r.text
    assert len(table(r.text).rows) == len(every(app_client, "events", program="east_west"))
    full = app_client.get("/events?program=east_west", headers={**hx, "HX-History-Restore-Request": "true"})
    assert "<html" in full.text  # restoring history needs the whole page
    bad = app_client.get("/events?year=abc", headers=hx)
    assert bad.status_code == 200 and "year" in bad.text and "role=\"alert\"" in bad.text  # htmx swaps 2xx only


BAD = [("events", {"year": "abc"}, "year"), ("money", {"sort": "nope"}, "sort"), ("pairings", {"per_page": "0"}, "per_page"),
       ("documents", {"page": "0"}, "page"), ("pairings", {"province": "不存在省"}, "province"),
       ("events", {"type": "party"}, "type"), ("agreements", {"type": "x"}, "type"),
       ("pairings", {"review": "maybe"}, "review"), ("counts", {"q": "字" * 201}, "q"),
       ("pairings", {"program": "eastwest"}, "program"), ("documents", {"side": "both"}, "side")]


@pytest.mark.parametrize("kind, params, param", BAD)
def test_bad_parameters_are_refused_naming_them(app_client: TestClient, kind: str, params: dict[str, str],
                                                param: str) -> None:
    page = app_client.get(f"/{kind}", params=params)
    assert page.status_code == 400 and "Traceback" not in page.text
    assert f"筛选条件有误（{param}）" in page.text
    assert "<form class=\"filters\"" in page.text, "the form stays, to fix the value"
    r = app_client.get(f"/api/{kind}", params=params)
    assert r.status_code == 400 and r.json()["param"] == param and param in r.json()["error"]
    download = app_client.get(f"/{kind}.csv", params=params)
    assert download.status_code == 400 and param in download.text


def test_the_form_shows_the_filters_in_force(app_client: TestClient) -> None:
    html = app_client.get("/money", params={"province": "四川", "year": "2022", "type": "assistance",
                                            "per_page": "20", "q": "区"}).text
    assert '<option value="四川" selected>' in html  # a province named in the URL, not from the list
    assert '<option value="2022" selected>' in html and '<option value="assistance" selected>' in html
    assert '<option value="20" selected>' in html and 'name="q" value="区"' in html
    assert 'href="/money.csv?province=%E5%9B%9B%E5%B7%9D&amp;year=2022&amp;type=assistance&amp;q=%E5%8C%BA"' in html


# --- downloads ------------------------------------------------------------------------------------

def test_csv_and_xlsx_hold_every_filtered_row_with_its_sources(app_client: TestClient) -> None:
    from openpyxl import load_workbook

    year = every(app_client, "events")[0]["date"][:4]
    expected = every(app_client, "events", year=year)
    r = app_client.get("/events.csv", params={"year": year, "page": "2", "per_page": "5"})  # paging ignored
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf"), "a byte-order mark, for Excel"
    assert f"duikou-events-{year}-" in r.headers["content-disposition"]
    assert r.headers["content-disposition"].startswith("attachment;")
    lines = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert list(dict.fromkeys(line["id"] for line in lines)) == ids(expected)
    db = db_of(app_client)
    for line in lines:
        facts = views.sources(db, line["id"])
        assert int(line["source_id"]) in {f["document"] for f in facts}
        assert line["quote"] and all(q in {f["quote"] for f in facts} for q in line["quote"].split("\n"))
    x = app_client.get("/events.xlsx", params={"year": year})
    assert x.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert ".xlsx" in x.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(x.content), read_only=True)["events"]
    got = list(sheet.iter_rows(values_only=True))
    assert list(got[0]) == list(lines[0].keys()) and len(got) == len(lines) + 1


def test_a_chinese_file_name_is_sent_both_ways(app_client: TestClient) -> None:
    r = app_client.get("/pairings.xlsx", params={"province": "四川"})
    assert r.status_code == 200
    header = r.headers["content-disposition"]
    assert 'filename="duikou-pairings-' in header and "%E5%9B%9B%E5%B7%9D" in header
    header.encode("latin-1")  # a header is bytes: the Chinese travels percent-encoded


# --- sources ----------------------------------------------------------------------------------------

def test_a_rows_sources_link_each_sentence_to_its_place(app_client: TestClient) -> None:
    db = db_of(app_client)
    for kind in ("pairings", "agreements", "money"):
        row = every(app_client, kind)[0]
        html = app_client.get(f"/sources/{row['id']}").text
        for f in views.sources(db, row["id"]):
            assert f'href="/documents/{f["document"]}#fact-{f["fact"]}"' in html
            assert f"/documents/{f['document']}\"" in html
    missing = app_client.get("/sources/Pffffffffffffffff")
    assert missing.status_code == 404 and "Pffffffffffffffff" in missing.text


# --- search -----------------------------------------------------------------------------------------

def _hits(client: TestClient, q: str) -> list[dict[str, Any]]:
    r = client.get("/api/search", params={"q": q, "limit": 50})
    assert r.status_code == 200, r.text
    return r.json()["hits"]  # type: ignore[no-any-return]


def test_search_finds_regions_by_short_form_and_code(app_client: TestClient) -> None:
    pairings = every(app_client, "pairings")
    counties = [p["recipient"] for p in pairings if p["recipient"]["name"].endswith("县")
                and len(p["recipient"]["name"]) == 3]
    assert counties, "a seed pairing helps a county of a three-character name"
    for county in counties:
        short = county["name"][:-1]
        html = app_client.get("/search", params={"q": short}).text
        assert f'href="/region/{county["id"]}"' in html and "地区" in html
        assert any(h["kind"] == "region" and h["url"] == f"/region/{county['id']}" for h in _hits(app_client, short))
        by_code = _hits(app_client, county["id"])
        assert by_code[0]["key"] == county["id"] and by_code[0]["label"] == county["name"]


def test_search_links_people_pairings_agreements_and_documents(app_client: TestClient) -> None:
    leader = next(name for e in every(app_client, "events") for name in e["leaders"])
    assert any(h["kind"] == "person" and h["url"].startswith("/person/H") for h in _hits(app_client, leader))
    pairing = every(app_client, "pairings")[0]
    both = f"{pairing['helper']['name']} {pairing['recipient']['name']}"
    html = app_client.get("/search", params={"q": both}).text
    assert f'href="/pairings/{pairing["id"]}"' in html and "结对关系" in html
    agreement = every(app_client, "agreements")[0]
    hit = next(h for h in _hits(app_client, agreement["title"]) if h["kind"] == "agreement")
    assert hit["url"] == f"/agreements?q={agreement['id']}"
    listed = table(app_client.get(hit["url"]).text)
    assert [r["id"] for r in listed.rows] == [agreement["id"]]
    doc = next(d for d in every(app_client, "documents") if d["outlet"])
    hits = _hits(app_client, doc["outlet"])
    assert any(h["kind"] == "document" and h["url"] == f"/documents/{doc['id']}" for h in hits)


def test_search_groups_hits_by_kind_in_rank_order(app_client: TestClient) -> None:
    pairing = every(app_client, "pairings")[0]
    q = f"{pairing['helper']['name']} {pairing['recipient']['name']}"
    hits = _hits(app_client, q)
    html = app_client.get("/search", params={"q": q}).text
    order = re.findall(r'<section class="hit-group hit-(\w+)"', html)
    assert order == list(dict.fromkeys(k for k in ("region", "party", "pairing", "person", "agreement", "document")
                                       if any(h["kind"] == k for h in hits)))
    for kind in order:
        mine = [h["url"] for h in hits if h["kind"] == kind]
        part = html.split(f'<section class="hit-group hit-{kind}"', 1)[1].split("</section>", 1)[0]
        assert re.findall(r'<a class="label" href="([^"]+)"', part) == [u.replace("&", "&amp;") for u in mine]


def test_an_empty_or_bad_search(app_client: TestClient) -> None:
    page = app_client.get("/search")
    assert page.status_code == 200 and "<section class=\"hit-group" not in page.text
    assert app_client.get("/search", params={"q": "   "}).status_code == 200
    long = app_client.get("/search", params={"q": "字" * 300})
    assert long.status_code == 400 and "无法搜索" in long.text
    for params, param in (({"q": ""}, "q"), ({"q": "x", "limit": "0"}, "limit"), ({"q": "字" * 300}, "q")):
        r = app_client.get("/api/search", params=params)
        assert r.status_code == 400 and r.json()["param"] == param
    nothing = app_client.get("/search", params={"q": "qqqzzzxxx"})
    assert nothing.status_code == 200 and "没有找到" in nothing.text


def test_the_api_is_documented_and_the_pages_are_not(app_client: TestClient) -> None:
    paths = app_client.get("/api/openapi.json").json()["paths"]
    for kind in KINDS:
        op = paths[f"/api/{kind}"]["get"]
        assert {p["name"] for p in op["parameters"]} >= {"program", "province", "year", "type", "side", "review",
                                                         "q", "sort", "page", "per_page"}
        assert "400" in op["responses"]
        assert f"/{kind}" not in paths and f"/{kind}.csv" not in paths
    assert "/api/search" in paths and "/search" not in paths and "/api/filters/{kind}" in paths
    opts = app_client.get("/api/filters/events").json()
    assert "meeting" in opts["type"] and opts["year"] and opts["province"]
    assert app_client.get("/api/filters/nothing").status_code == 404


# --- report markup ------------------------------------------------------------------------------------

HOSTILE_TITLE = '东湖区协作<script>alert("l")</script>"><img src=x onerror=alert(5)>'
HOSTILE_TEXT = ("武汉市东湖区与湖北省恩施州来凤县开展结对帮扶，"
                '双方签订《<script>alert("a")</script>帮扶协议"><img src=x onerror=alert(6)>》。'
                "东湖区向来凤县拨付帮扶资金300万元，用于茶叶产业。")
RAW = ("<script>alert", "<img src=x", "onerror=alert(5)>", "onerror=alert(6)>", 'href="javascript:')


def test_report_markup_is_text_in_lists_search_and_sources(app_client: TestClient, tmp_path: Path) -> None:
    db = db_of(app_client)
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps({"id": "hostile-lists", "url": "javascript:alert(7)", "title": HOSTILE_TITLE,
                                "published": "2022-05-06", "outlet": '<b onclick="x()">报</b>', "text": HOSTILE_TEXT},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    build([str(path)], db)
    docs = every(app_client, "documents", q="东湖区协作")
    assert len(docs) == 1 and docs[0]["title"] == HOSTILE_TITLE  # the API gives the text as it is, in JSON
    pages = [f"/{kind}" for kind in KINDS] + ["/documents?q=东湖区协作", "/search?q=东湖区协作",
                                              "/search?q=" + docs[0]["outlet"]]
    pages += [f"/sources/{r['id']}" for kind in ("pairings", "agreements", "money")
              for r in every(app_client, kind, q="来凤")]
    assert len(pages) > len(KINDS) + 3, "the report gave facts"
    for url in pages:
        html = app_client.get(url).text
        for raw in RAW:
            assert raw not in html, (url, raw)
    listed = app_client.get("/documents", params={"q": "东湖区协作"}).text
    assert "&lt;script&gt;alert(" in listed and "onerror=alert(5)&gt;" in listed  # shown, as text
    found = app_client.get("/search", params={"q": "东湖区协作"}).text
    assert "&lt;script&gt;alert(" in found


# --- in Chromium ----------------------------------------------------------------------------------

def test_browser_search_filter_sort_page_and_download(live_server: str, web_db: str, browser_page: Any,
                                                      screenshot: Callable[[Any, str], Path], tmp_path: Path) -> None:
    page, base = browser_page, live_server
    pairings = page.request.get(f"{base}/api/pairings?per_page=500").json()["rows"]
    target = next(p["recipient"] for p in pairings if p["recipient"]["name"].endswith("县")
                  and len(p["recipient"]["name"]) == 3)

    # search by a short form and open the region
    page.goto(f"{base}/search")
    page.fill("form.search input[name=q]", target["name"][:-1])
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?q="))
    link = page.locator(f'.hit-region a[href="/region/{target["id"]}"]')
    assert link.count() == 1
    screenshot(page, "search")
    link.click()
    page.wait_for_url(f"{base}/region/{target['id']}")

    # filter by programme (htmx: the page is not reloaded), then sort by a header
    page.goto(f"{base}/pairings")
    screenshot(page, "list-pairings")
    page.evaluate("window.__kept = 'same page'")
    program = pairings[0]["program"]
    page.select_option("select[name=program]", program)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(f"{base}/pairings?program={program}")
    expected = [p["id"] for p in pairings if p["program"] == program]
    rows = page.locator("#list-results tbody tr")
    assert rows.count() == len(expected)
    page.click("#list-results th a:has-text('始于')")
    page.wait_for_url(f"{base}/pairings?program={program}&sort=since")
    assert page.get_attribute("th[aria-sort=ascending] a", "href") == f"/pairings?program={program}&sort=-since"
    assert page.evaluate("window.__kept") == "same page"
    screenshot(page, "list-pairings-filtered")

    # download what is shown
    with page.expect_download() as info:
        page.click("a.button:has-text('CSV')")
    download = info.value
    assert download.suggested_filename.startswith("duikou-pairings-") and download.suggested_filename.endswith(".csv")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    lines = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert sorted(set(line["id"] for line in lines)) == sorted(expected)

    # page through a list, the filters kept
    page.goto(f"{base}/counts?per_page=10")
    page.evaluate("window.__kept = 'same page'")
    page.click("nav.pager a:has-text('下一页')")
    page.wait_for_url(f"{base}/counts?page=2&per_page=10")
    assert page.inner_text("nav.pager .current") == "2"
    assert page.evaluate("window.__kept") == "same page"
    page.go_back()
    page.wait_for_url(f"{base}/counts?per_page=10")
    for kind in KINDS:
        page.goto(f"{base}/{kind}")
        assert page.locator("#list-results tbody tr").count() > 0
        screenshot(page, f"list-{kind}")
