"""The profile pages (a region or party, a pairing, a person) and their JSON API: every value the service
gives is linked to its fact in its report and every source link lands on a fact of that report; money
by year with annual and cumulative in their own columns; a pairing's two sides side by side with the
differing figures flagged; 404s; report markup shown as text; and in Chromium: the chart drawn, a source
link followed to the document, screenshots. SQLite and PostgreSQL (the seed reports, and hand-made
reports written here)."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from duikou import services
from duikou.ledger.store import Ledger
from duikou.services import document as docs
from duikou.services.profiles import pairing_profile, person_profile, region_profile
from duikou.web.routes import profiles as profile_routes
from duikou.web.routes.profiles import (
    FIGURES_PER_PAGE,
    PAGE_SOURCES,
    PAIRING_LIMIT,
    PERSON_LIMIT,
    SECTION_LIMIT,
    SOURCES_SHOWN,
    annual_chart,
    money_columns,
    party_href,
)
from tests.ledger import helpers as h
from tests.web.conftest import db_of

FACT_LINK = re.compile(r"^/documents/(\d+)#fact-(\S+)$")


class Links(HTMLParser):
    """Every ``href`` of a page, in order, and the text of the element with ``id`` (when asked)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def hrefs(html: str) -> list[str]:
    reader = Links()
    reader.feed(html)
    return reader.hrefs


def fact_links(html: str) -> set[tuple[int, str]]:
    """(document, fact) of every link to a fact in a report."""
    return {(int(m[1]), m[2]) for m in map(FACT_LINK.match, hrefs(html)) if m}


def evidence_in(data: Any, shown: int = SOURCES_SHOWN) -> set[tuple[int, str]]:
    """(document, fact) of the first ``shown`` entries of every ``evidence`` anywhere in a profile's JSON
    form (the ones a page links beside the value)."""
    found: set[tuple[int, str]] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "evidence" and isinstance(value, list):
                found |= {(e["document"], e["fact"]) for e in value[:shown]}
            else:
                found |= evidence_in(value, shown)
    elif isinstance(data, list):
        for value in data:
            found |= evidence_in(value, shown)
    return found


def more_sources(data: Any) -> set[str]:
    """The ids of the rows with more sources than a page shows beside them: each links to /sources/{id}."""
    found: set[str] = set()
    if isinstance(data, dict):
        ev = data.get("evidence")
        if isinstance(ev, list) and "id" in data and \
                (len(ev) > SOURCES_SHOWN or (data.get("source_count") or 0) > len(ev[:SOURCES_SHOWN])):
            found.add(data["id"])
        for value in data.values():
            found |= more_sources(value)
    elif isinstance(data, list):
        for value in data:
            found |= more_sources(value)
    return found


def assert_links_land_on_facts(db: Any, links: set[tuple[int, str]]) -> None:
    """Each link's fact is one the document view of that report shows (so the anchor is on the page)."""
    facts: dict[int, set[str]] = {}
    for doc_id, fact in links:
        if doc_id not in facts:
            facts[doc_id] = {f.id for f in docs.document_view(db, doc_id).facts}
        assert fact in facts[doc_id], f"/documents/{doc_id}#fact-{fact} names no fact of that report"


def section(html: str, anchor: str) -> str:
    """The page's ``<section id=anchor>`` (sections are not nested)."""
    start = html.index(f'<section id="{anchor}">')
    return html[start:html.index("</section>", start)]


def seed_regions(db: Any) -> list[str]:
    return sorted({p[side]["id"] for p in services.pairings(db) for side in ("helper", "recipient")})


# --- hand-made reports (written here; real region codes, fictional people and companies) ------------------

COMPANY = '星辰<script>alert("p")</script>集团'
HOSTILE_TEXT = (f'{COMPANY}与黄平县结对帮扶。双方签订《"><img src=x onerror=alert(1)>合作协议》。'
                f'{COMPANY}向黄平县捐赠帮扶资金200万元。')
HOSTILE_MARKUP = ("<script>alert", "<img src=x", "onerror=alert(1)>", 'href="javascript:', "<b>王</b>")


def _hostile(source: str, url: str) -> tuple[Any, dict[str, Any]]:
    text = HOSTILE_TEXT
    d = replace(h.doc(source, text, published="2022-08-01", outlet="<i>晚报</i>",
                      title='结对<script>alert("t")</script>"><img src=x onerror=alert(1)>'), url=url)
    r = h.record(
        d,
        regions=[h.fact(text, "黄平县", code=h.HUANGPING, name="黄平县", level="county")],
        pairings=[h.fact(text, "与黄平县结对帮扶", helper=COMPANY, recipient=h.HUANGPING, program="designated",
                         since=2021)],
        agreements=[h.fact(text, '《"><img src=x onerror=alert(1)>合作协议》', title='"><img src=x onerror=alert(1)>合作协议',
                           date="2022-08-01", parties=[COMPANY, h.HUANGPING])],
        amounts=[h.fact(text, "捐赠帮扶资金200万元", value=2_000_000, approx=False, role="donation", cumulative=False,
                        payer=COMPANY, payee=h.HUANGPING)],
        events=[h.fact(text, "捐赠帮扶资金200万元", type="funds", date="2022-08-01", end_date=None, place=None,
                       helper=COMPANY, recipient=h.HUANGPING, leaders=["<b>王</b>"])])
    return d, r


def _store(db_url: str, *reports: tuple[Any, dict[str, Any]]) -> None:
    lg = Ledger(db_url)
    try:
        for d, r in reports:
            h.store(lg, d, r)
    finally:
        lg.close()


@pytest.fixture
def two_sides(app_client: TestClient, web_db: str) -> Iterator[TestClient]:
    """The seeds plus the helper's and the recipient's report of one meeting (their cumulative figures
    disagree) and two reports of a company's pairing whose names, titles and URL carry markup."""
    _store(web_db, h.helper_report(), h.recipient_report(),
           _hostile("reports/hostile-js.txt", "javascript:alert(3)"),
           _hostile("reports/hostile-http.txt", "https://news.example.cn/2022/xingchen.html"))
    yield app_client


def _pairing_of(db: Any, helper: str) -> str:
    [found] = [p["id"] for p in services.pairings(db) if p["helper"]["id"] == helper]
    return found


# --- region / party ------------------------------------------------------------------------------------

def test_a_region_page_links_every_value_to_its_fact(app_client: TestClient) -> None:
    db = db_of(app_client)
    regions = seed_regions(db)
    assert len(regions) >= 10
    for code in regions:
        page = app_client.get(f"/region/{code}")
        assert page.status_code == 200, page.text
        prof = region_profile(db, code, SECTION_LIMIT)
        data = prof.to_dict()
        wanted = evidence_in(data)
        assert wanted, f"{code}: the profile has evidence"
        shown = fact_links(page.text)
        assert shown == wanted, f"{code}: missing {wanted - shown}, unexpected {shown - wanted}"
        assert_links_land_on_facts(db, shown)
        links = set(hrefs(page.text))
        assert {x for x in links if x.startswith("/sources/")} == {f"/sources/{i}" for i in more_sources(data)}
        for direction in ("helps", "helped_by"):
            for r in prof.partners[direction]:
                assert f"/pairings/{r['id']}" in links and party_href(r["partner"]) in links
        for p in prof.people:
            assert f"/person/{p['id']}" in links
        timeline = section(page.text, "timeline")
        assert timeline.count('class="tl-item') == len(prof.timeline) == prof.totals["events"]


def test_a_long_section_says_how_many_and_links_to_all(app_client: TestClient) -> None:
    db = db_of(app_client)
    code = max(seed_regions(db), key=lambda c: region_profile(db, c).totals["events"])
    total = region_profile(db, code).totals["events"]
    assert total >= 2
    page = app_client.get(f"/region/{code}?limit=1").text
    timeline = section(page, "timeline")
    assert timeline.count('class="tl-item') == 1
    assert f"共 {total} 条" in timeline and f"/region/{code}?limit={total}" in hrefs(timeline)
    assert app_client.get(f"/region/{code}?limit=0").status_code == 400
    assert app_client.get(f"/region/{code}?limit=abc").status_code == 400


def _cells(html: str) -> dict[str, list[str]]:
    """The money table's cells by column (annual, cumulative, planned), year by year."""
    out: dict[str, list[str]] = {}
    for column, body in re.findall(r'<td class="money-cell col-(\w+)">(.*?)</td>', html, re.S):
        out.setdefault(column, []).append(body)
    return out


def test_money_by_year_keeps_annual_and_cumulative_in_their_own_columns(two_sides: TestClient) -> None:
    page = two_sides.get(f"/region/{h.SHANGCHENG}").text
    money = section(page, "money")
    cells = _cells(money)
    assert set(cells) == {"annual", "cumulative"}  # nothing planned: no empty planned column
    [annual], [cumulative] = cells["annual"], cells["cumulative"]
    assert "300万元" in annual and "1.2亿元" not in annual
    # both cumulative figures are there, flagged as disputed and left out of the total
    assert "1.2亿元" in cumulative and "1.5亿元" in cumulative and "2 项有争议" in cumulative
    assert cumulative.count('class="disputed"') == 2 and "300万元" not in cumulative
    conflicts = section(page, "conflicts")
    assert conflicts.count('class="cf"') == 2 and conflicts.index("1.2亿元") < conflicts.index("1.5亿元")
    assert conflicts.index("帮扶方的报道") < conflicts.index("受援方的报道")  # whose figure each is
    # the chart draws annual money only, in 万元
    chart = json.loads(re.search(r"data-chart='([^']*)'", money)[1].replace("&#34;", '"'))  # type: ignore[index]
    assert chart["years"] == ["2023"] and chart["series"][0]["data"] == [300.0]


def test_a_party_page_is_the_same_profile_and_shows_markup_as_text(two_sides: TestClient) -> None:
    db = db_of(two_sides)
    url = "/party/" + quote(COMPANY, safe="")
    assert party_href({"id": COMPANY, "name": COMPANY}) == url
    page = two_sides.get(url)
    assert page.status_code == 200, page.text
    assert fact_links(page.text) == evidence_in(region_profile(db, COMPANY).to_dict())
    pairing = _pairing_of(db, COMPANY)
    for shown in (page, two_sides.get(f"/region/{h.HUANGPING}"), two_sides.get(f"/pairings/{pairing}")):
        assert shown.status_code == 200
        for raw in HOSTILE_MARKUP:
            assert raw not in shown.text, raw
        assert "&lt;script&gt;alert(" in shown.text
    assert url in hrefs(two_sides.get(f"/region/{h.HUANGPING}").text)
    told = two_sides.get(f"/pairings/{pairing}").text
    assert 'href="https://news.example.cn/2022/xingchen.html"' in told and "javascript:alert(3)" in told
    api = two_sides.get("/api/parties/" + quote(COMPANY, safe=""))
    assert api.headers["content-type"].startswith("application/json")
    assert api.json()["parties"] == [{"id": COMPANY, "name": COMPANY}]


# --- pairing ------------------------------------------------------------------------------------------

def test_a_pairing_page_sets_the_sides_side_by_side_and_flags_differences(two_sides: TestClient) -> None:
    db = db_of(two_sides)
    pid = _pairing_of(db, h.SHANGCHENG)
    page = two_sides.get(f"/pairings/{pid}")
    assert page.status_code == 200
    prof = pairing_profile(db, pid, PAIRING_LIMIT, 1, FIGURES_PER_PAGE)
    shown = fact_links(page.text)
    assert shown == evidence_in(prof.to_dict())
    assert_links_land_on_facts(db, shown)
    sides = section(page.text, "sides")
    [helper_doc] = [r["id"] for r in prof.sides["helper"]]
    [recipient_doc] = [r["id"] for r in prof.sides["recipient"]]
    assert sides.index(f'href="/documents/{helper_doc}"') < sides.index(f'href="/documents/{recipient_doc}"')
    assert sides.index("上城报") < sides.index("黄平发布")
    figures = section(page.text, "figures")
    assert "diff-mark" in figures.split("<table", 1)[0], "the legend explains the marker"
    rows = re.findall(r'<tr class="(differs|agrees)">(.*?)</tr>', figures, re.S)
    assert [c for c, _ in rows] == ["differs" if g["differs"] else "agrees" for g in prof.figures]
    [(_, differing)] = [r for r in rows if r[0] == "differs"]
    # helper's column, then the recipient's, then the marker
    assert differing.index("1.2亿元") < differing.index("1.5亿元") < differing.index("diff-mark")
    assert f"共 {prof.totals['figures']} 项，1 项不一致" in figures
    events = section(page.text, "events")
    assert events.count('class="tl-item') == len(prof.events) == prof.totals["events"]


def test_a_value_told_by_many_reports_links_the_first_and_all(app_client: TestClient, web_db: str) -> None:
    copies = [h.helper_report(source=f"reports/shangcheng-{i}.txt") for i in range(SOURCES_SHOWN + 2)]
    _store(web_db, *copies)
    db = db_of(app_client)
    pid = _pairing_of(db, h.SHANGCHENG)
    prof = pairing_profile(db, pid)
    assert prof.pairing["source_count"] == len(copies) and len(prof.pairing["evidence"]) == len(copies)
    page = app_client.get(f"/pairings/{pid}").text
    start = page.index('<header class="profile-head">')
    head = page[start:page.index("</header>", start)]
    assert len(fact_links(head)) == SOURCES_SHOWN and f"共 {len(copies)} 篇" in head
    assert f"/sources/{pid}" in hrefs(head)
    assert fact_links(page) == evidence_in(prof.to_dict())
    assert {x for x in hrefs(page) if x.startswith("/sources/")} == {f"/sources/{i}" for i in more_sources(prof.to_dict())}
    assert app_client.get(f"/sources/{pid}").status_code == 200


def test_every_seed_pairing_has_its_page(app_client: TestClient) -> None:
    db = db_of(app_client)
    for p in services.pairings(db):
        page = app_client.get(f"/pairings/{p['id']}")
        assert page.status_code == 200
        shown = fact_links(page.text)
        assert shown == evidence_in(pairing_profile(db, p["id"], PAIRING_LIMIT, 1, FIGURES_PER_PAGE).to_dict())
        assert_links_land_on_facts(db, shown)
        assert party_href(p["helper"]) in hrefs(page.text) and party_href(p["recipient"]) in hrefs(page.text)


def test_a_pairing_page_pages_its_figures_and_links_each_sides_full_list(
        two_sides: TestClient, web_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _store(web_db, *(h.helper_report(source=f"reports/shangcheng-again-{i}.txt") for i in range(2)))
    db = db_of(two_sides)
    pid = _pairing_of(db, h.SHANGCHENG)
    full = pairing_profile(db, pid)
    assert full.totals["figures"] == 3 and full.totals["helper_reports"] == 3 and full.totals["events"] >= 2
    monkeypatch.setattr(profile_routes, "FIGURES_PER_PAGE", 2)
    monkeypatch.setattr(profile_routes, "SIDE_REPORTS_PER_PAGE", 2)

    def rows(html: str) -> list[str]:
        return re.findall(r'<tr class="(?:differs|agrees)">', section(html, "figures"))

    first, second = (two_sides.get(f"/pairings/{pid}?page={n}").text for n in (1, 2))
    assert len(rows(first)) == 2 and len(rows(second)) == 1
    assert "第 1 / 2 页" in first and f"/pairings/{pid}?page=2" in hrefs(section(first, "figures"))
    assert fact_links(second) == evidence_in(pairing_profile(db, pid, PAIRING_LIMIT, 2, 2).to_dict())
    assert "共 3 项，1 项不一致" in section(second, "figures")  # the totals count every page's groups
    assert len(rows(two_sides.get(f"/pairings/{pid}?page=9").text)) == 1  # past the end: the last page
    assert two_sides.get(f"/pairings/{pid}?page=0").status_code == 400

    # ?limit=1: the latest report a side and the latest event, each with the way to all of them
    one = two_sides.get(f"/pairings/{pid}?limit=1").text
    sides = section(one, "sides")
    assert sides.count('class="report"') == 2 and "共 3 篇" in sides  # one a side (helper, recipient)
    assert f"/pairings/{pid}/reports?side=helper" in hrefs(sides)
    events = section(one, "events")
    assert events.count('class="tl-item') == 1
    assert f"/pairings/{pid}?limit={full.totals['events']}" in hrefs(events)
    # the helper's reports, newest first, two a page
    listed = [two_sides.get(f"/pairings/{pid}/reports?side=helper&page={n}") for n in (1, 2)]
    assert all(r.status_code == 200 for r in listed)
    docs = [d for r in listed for d in re.findall(r'class="report" href="/documents/(\d+)"', r.text)]
    assert docs == [str(r["id"]) for r in full.sides["helper"]] and "第 1 / 2 页" in listed[0].text
    assert "共 3 篇" in listed[0].text
    assert two_sides.get(f"/pairings/{pid}/reports?side=somebody").status_code == 404
    assert two_sides.get("/pairings/P-none/reports?side=helper").status_code == 404
    assert two_sides.get(f"/pairings/{pid}/reports").text.count('class="report"') == 2  # the helper's first


# --- person -------------------------------------------------------------------------------------------

def test_a_person_page_gives_titles_events_and_reports(app_client: TestClient) -> None:
    db = db_of(app_client)
    people = [p for code in seed_regions(db) for p in region_profile(db, code).people]
    assert people
    for p in people:
        page = app_client.get(f"/person/{p['id']}")
        assert page.status_code == 200
        prof = person_profile(db, p["id"], PERSON_LIMIT, PAGE_SOURCES)
        shown = fact_links(page.text)
        assert evidence_in(prof.to_dict()) <= shown  # plus each report's mentions
        assert {(d["id"], f) for d in prof.documents for f in d["facts"]} <= shown
        assert_links_land_on_facts(db, shown)
        titles = section(page.text, "titles")
        for t in prof.titles:
            assert "、".join(t["titles"]) in titles
        assert section(page.text, "events").count('class="tl-item') == len(prof.events)


def test_a_person_page_lists_the_latest_and_links_to_all(two_sides: TestClient, web_db: str) -> None:
    reports = []
    for i, (day, titles) in enumerate((("2023-05-01", ["区长"]), ("2023-06-01", ["区委书记"]))):
        d, r = h.helper_report(source=f"reports/lin-{i}.txt")
        r["people"][0]["titles"] = titles
        reports.append((replace(d, published=day), r))
    _store(web_db, *reports)
    db = db_of(two_sides)
    [lin] = [p for p in region_profile(db, h.SHANGCHENG).people if p["name"] == "林晓松"]
    full = person_profile(db, lin["id"])
    assert (full.title_count, full.document_count) == (3, 3)
    page = two_sides.get(f"/person/{lin['id']}?limit=1").text
    titles = section(page, "titles")
    assert titles.count("<tr>") == 2 and "区委书记" in titles and "区长" not in titles  # a head row and the latest
    assert "共 3 段" in titles and f"/person/{lin['id']}?limit=3" in hrefs(titles)
    documents = section(page, "documents")
    assert "共 3 篇" in documents and f"/person/{lin['id']}?limit=3" in hrefs(documents)
    everything = two_sides.get(f"/person/{lin['id']}?limit=3").text
    assert section(everything, "titles").count("<tr>") == 4 and "显示全部" not in section(everything, "titles")


# --- errors and the API -------------------------------------------------------------------------------

@pytest.mark.parametrize("url, named", [
    ("/region/999999", "999999"), ("/party/" + quote("没有这个单位", safe=""), "没有这个单位"),
    ("/pairings/P000000000000000", "P000000000000000"), ("/person/H-none", "H-none"),
])
def test_what_the_ledger_lacks_is_a_404_saying_so(app_client: TestClient, url: str, named: str) -> None:
    page = app_client.get(url)
    assert page.status_code == 404 and named in page.text and "台账中没有" in page.text
    assert "Traceback" not in page.text
    api = app_client.get(url.replace("/region/", "/api/regions/").replace("/party/", "/api/parties/")
                         .replace("/pairings/", "/api/pairings/").replace("/person/", "/api/people/"))
    assert api.status_code == 404 and named in api.json()["error"]


def test_a_known_region_without_records_has_a_page_that_says_so(app_client: TestClient) -> None:
    page = app_client.get("/region/110101")  # 东城区: in the gazetteer, not in the seeds
    assert page.status_code == 200 and "东城区" in page.text
    assert "台账中没有相关活动" in page.text and not fact_links(page.text)


def test_the_api_gives_the_services_data(two_sides: TestClient) -> None:
    db = db_of(two_sides)
    code = seed_regions(db)[0]
    pid = _pairing_of(db, h.SHANGCHENG)
    person = region_profile(db, h.SHANGCHENG).people[0]["id"]
    for url, prof in [(f"/api/regions/{code}", region_profile(db, code, 50)),
                      (f"/api/regions/{h.SHANGCHENG}", region_profile(db, h.SHANGCHENG, 50)),
                      ("/api/parties/" + quote(COMPANY, safe=""), region_profile(db, COMPANY, 50)),
                      (f"/api/pairings/{pid}", pairing_profile(db, pid)),
                      (f"/api/people/{person}", person_profile(db, person))]:
        got = two_sides.get(url)
        assert got.status_code == 200, url
        assert got.json() == json.loads(json.dumps(prof.to_dict())), url
    assert len(two_sides.get(f"/api/regions/{code}?limit=1").json()["timeline"]) == 1
    schema = two_sides.get("/api/openapi.json").json()
    for path in ("/api/regions/{code}", "/api/parties/{name}", "/api/pairings/{pairing_id}", "/api/people/{person_id}"):
        get = schema["paths"][path]["get"]
        assert "$ref" in json.dumps(get["responses"]["200"]) and "404" in get["responses"]
    assert not any(p.startswith(("/region/", "/party/", "/person/")) for p in schema["paths"])


# --- the page's own helpers on hand-made data ---------------------------------------------------------

def _cell(total: float | None, n: int = 1) -> dict[str, Any]:
    return {"total": total, "by_role": {}, "figures": [{}] * n, "disputed": 0}


EMPTY = {"total": None, "by_role": {}, "figures": [], "disputed": 0}


def test_party_links_money_columns_and_the_chart() -> None:
    assert party_href({"id": "330102", "name": "上城区"}) == "/region/330102"
    assert party_href({"id": "a/b 公司", "name": "a/b 公司"}) == "/party/a%2Fb%20%E5%85%AC%E5%8F%B8"
    assert party_href(None) is None
    years = [
        {"year": 2021, "given": {"annual": _cell(5e6), "cumulative": EMPTY, "planned": EMPTY},
         "received": {"annual": EMPTY, "cumulative": EMPTY, "planned": EMPTY}},
        {"year": 2022, "given": {"annual": EMPTY, "cumulative": _cell(9e7), "planned": _cell(1e6)},
         "received": {"annual": EMPTY, "cumulative": EMPTY, "planned": EMPTY}},
        {"year": None, "given": {"annual": _cell(2e6), "cumulative": EMPTY, "planned": EMPTY},
         "received": {"annual": EMPTY, "cumulative": EMPTY, "planned": EMPTY}},
    ]
    assert money_columns(years) == [("given", ["annual", "cumulative", "planned"])]
    assert money_columns(years[:1]) == [("given", ["annual", "cumulative"])]
    assert money_columns([]) == []
    chart = annual_chart(years)
    assert chart is not None and chart["years"] == ["2021", "2022"]  # the undated year is not a bar
    assert [s["data"] for s in chart["series"]] == [[500.0, None], [None, None]]  # cumulative is not annual
    assert annual_chart(years[1:2]) is None


# --- in Chromium --------------------------------------------------------------------------------------

def _follow_a_source(page: Any, base: str, scope: str) -> None:
    """Click the first source link in ``scope`` and land on the fact in its report."""
    from playwright.sync_api import expect

    link = page.locator(f"{scope} a.src").first
    href = link.get_attribute("href")
    m = FACT_LINK.match(href or "")
    assert m, href
    link.click()
    page.wait_for_url(f"{base}{href}")
    expect(page.locator(f"#fact-{m[2]}")).to_have_count(1)


def test_browser_profiles_and_their_sources(live_server: str, web_db: str, browser_page: Any,
                                            screenshot: Callable[[Any, str], Path]) -> None:
    from playwright.sync_api import expect

    page = browser_page
    # a seed region with annual money: its chart is drawn
    code = next(c for c in seed_regions(web_db)
                if annual_chart(region_profile(web_db, c).money_by_year) is not None)
    page.goto(f"{live_server}/region/{code}")
    expect(page.locator("#money-chart svg").first).to_be_visible()
    assert page.evaluate("window.duikouCharts.drawn.length") == 1
    screenshot(page, "profile-region")
    _follow_a_source(page, live_server, "#timeline")

    pairing = services.pairings(web_db)[0]
    page.goto(f"{live_server}/pairings/{pairing['id']}")
    expect(page.locator("#figures table")).to_be_visible()
    screenshot(page, "profile-pairing")
    _follow_a_source(page, live_server, "#figures")

    # the person leading the most events of the seeds
    people = [p for c in seed_regions(web_db) for p in region_profile(web_db, c).people]
    person = max(people, key=lambda p: (person_profile(web_db, p["id"]).event_count, p["id"]))
    page.goto(f"{live_server}/person/{person['id']}")
    expect(page.locator("h1")).to_have_text(person["name"])
    screenshot(page, "profile-person")
    _follow_a_source(page, live_server, "#titles")


def test_browser_a_pairing_told_by_both_sides(live_server: str, web_db: str, browser_page: Any,
                                              screenshot: Callable[[Any, str], Path]) -> None:
    from playwright.sync_api import expect

    _store(web_db, h.helper_report(), h.recipient_report())
    page = browser_page
    page.goto(f"{live_server}/pairings/{_pairing_of(web_db, h.SHANGCHENG)}")
    expect(page.locator("#figures tr.differs")).to_have_count(1)
    expect(page.locator("#figures tr.differs .diff-mark")).to_be_visible()
    screenshot(page, "profile-pairing-two-sides")
    page.goto(f"{live_server}/region/{h.SHANGCHENG}")
    expect(page.locator("#conflicts .cf")).to_have_count(2)
    screenshot(page, "profile-region-conflict")
