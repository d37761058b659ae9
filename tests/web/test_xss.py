"""Hostile report text: a report whose title, outlet, URL, sentences and names hold ``<script>``,
``"><img onerror=…>`` and ``javascript:`` links is shown as text on every page and given as the raw string
by the API (JSON is data), and nothing of it runs in a real browser.

The reports are invented here (three paired-assistance visits); a curator's corrections, reasons and
judgements put markup into party and person names, agreement titles and the audit log through the review
service. Every GET route of the app is walked from ``app.routes`` (tests/web/test_pages_smoke.py's
helpers), its path parameters filled from this ledger and with hostile values, every query parameter
given a hostile value; on SQLite and PostgreSQL.
"""
from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from duikou import services
from duikou.ledger import tables
from duikou.services import review, users
from tests.web.conftest import db_of
from tests.web.test_pages_smoke import (fill, filled_urls, get_routes, html_route, inspect_html, is_page,
                                        ledger_values, path_params, query_params)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_LINK = '<a href="javascript:alert(1)">'
JS_URL = "javascript:alert(1)"
# One query value that is all of them at once: a script URL first (for parameters that become links).
PROBE = f"{JS_URL}//{SCRIPT}{IMG}'{JS_LINK}"
HOSTILE_PATHS = [SCRIPT, IMG, JS_URL, PROBE]
# What must never reach a page unescaped (raw), whatever the markup around it.
RAW = re.compile(r"<script>alert|<img src=x onerror|<a href=\"javascript:", re.IGNORECASE)

PARTY = f'宁波{IMG}甬兴集团'  # a company's name, as a curator corrected it
PLACE = f'甬兴{JS_LINK}集团</a>'
PERSON = f"王{SCRIPT}"

TEXT_REPORT = f"""宁波市党政代表团赴黔西南州考察东西部协作{SCRIPT}
2021-05-12 10:30 来源：甬黔"onmouseover=alert(1)"报 作者：王建华

5月11日，宁波市委书记王建华率宁波市党政代表团赴黔西南州望谟县考察东西部协作工作{SCRIPT}。
黔西南州委书记刘明陪同考察。{IMG}双方召开东西部协作联席会议，签订了《{IMG}甬黔东西部协作框架协议》{JS_LINK}全文</a>。
会上，宁波市向望谟县捐赠帮扶资金500万元，用于{IMG}茶叶产业项目。
宁波<b onclick=alert(1)>甬兴</b>集团有限公司与望谟县蔗香镇结对帮扶，双方还签署了《{SCRIPT}劳务协作协议》，今年共帮助120名群众转移就业。
"""
JSONL_RECORDS: list[dict[str, str]] = [
    {"id": "h-1", "url": JS_URL, "title": f"{IMG}温州市代表团赴黔东南州开展东西部协作", "published": "2021-06-03",
     "outlet": f"{SCRIPT}晚报",
     "text": f"6月2日，温州市委副书记陈志强带领温州市代表团赴黔东南州考察东西部协作{SCRIPT}工作。黔东南州州长赵红军陪同。"
             f"双方签署了东西部协作协议{JS_LINK}协议文本</a>，温州市向黔东南州援助资金2000万元。"},
    {"id": "h-2", "url": "javascript:alert(document.cookie)", "title": "青岛市赴陇南市考察东西部协作", "published": "2021-07-09",
     "html": "<html><head><title>青岛市赴陇南市考察东西部协作</title>"
             "<meta name=\"author\" content=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></head><body><article>"
             "<h1>青岛市赴陇南市考察东西部协作</h1><p>7月8日，青岛市委书记孙立成率青岛市党政代表团赴陇南市考察东西部协作工作"
             "&lt;script&gt;alert(1)&lt;/script&gt;。陇南市委书记周伟陪同考察。</p><p>青岛市向陇南市宕昌县投入帮扶资金800万元"
             "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;，支持中药材产业发展。双方签订了《青岛市陇南市东西部协作协议》。"
             "<a href=\"javascript:alert(1)\">阅读原文</a></p></article></body></html>"},
]


def write_reports(folder: Path) -> list[str]:
    """The hostile reports as a plain-text file and a JSONL file (one text record, one HTML record)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "hostile.txt"
    text.write_text(TEXT_REPORT, encoding="utf-8")
    jsonl = folder / "hostile.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in JSONL_RECORDS), encoding="utf-8")
    return [str(text), str(jsonl)]


def _fact(queue: list[dict[str, Any]], kind: str, test: Callable[[dict[str, Any]], bool]) -> str:
    found = [str(row["fact"]) for row in queue if row["kind"] == kind and test(row["data"])]
    assert found, f"the hostile reports gave no {kind} fact of the kind this test corrects"
    return found[0]


def curate(db: str) -> None:
    """A curator's work with markup in it: a party, a place and a person renamed, reviews and a judgement
    with hostile reasons and authors (through the review service, as the pages' forms do)."""
    queue, _ = review.review_queue(db, state="all", limit=500)
    company = _fact(queue, "pairings", lambda d: not str(d["helper"]).isdigit())
    review.correct_fact(db, company, "helper", PARTY, author=IMG, reason=SCRIPT)
    visit = _fact(queue, "events", lambda d: d["type"] == "visit" and d["helper"] == "330200")
    review.correct_fact(db, visit, "place", PLACE, author=SCRIPT, reason=JS_LINK)
    person = _fact(queue, "people", lambda d: d["name"] == "王建华")
    review.correct_fact(db, person, "name", PERSON, author=JS_URL, reason=IMG)
    money = _fact(queue, "amounts", lambda d: d["payer"] == "330300")
    review.accept_fact(db, money, author=IMG, reason=f"{SCRIPT} {JS_URL}")
    count = _fact(queue, "counts", lambda d: True)
    review.reject_fact(db, count, author=SCRIPT, reason=IMG)
    people = [row["entity"] for row in queue if row["kind"] == "people"]
    review.judge(db, "different", people[-1], people[-2], reason=JS_LINK, author=IMG)


def _build(db: str, folder: Path) -> None:
    summary = services.build(write_reports(folder), db=db)
    assert summary.ok and summary.line().startswith("3 documents: 3 new"), summary.line()
    curate(db)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hostile_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A ledger of the hostile reports, curated, built once per database for this module's tests."""
    folder = tmp_path_factory.mktemp("hostile")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'ledger.db'}"
        _build(url, folder)
        yield url
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = request.getfixturevalue("pg_server")
    name = f"duikou_xss_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
        _build(url, folder)
        yield url
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def web_db(hostile_db: str) -> str:
    """The conftest's fixtures (app_client, live_server, browser_login) serve the hostile ledger here."""
    return hostile_db


# --- checking one answer ----------------------------------------------------------------------------------

def problems_of(route: Any, url: str, response: Any) -> list[str]:
    """Why ``response`` (to GET ``url`` of ``route``) could run report text, or is not what it should be."""
    where = f"GET {url[:160]}"
    status = response.status_code
    if status >= 500 or status not in (200, 303, 307, 400, 401, 403, 404):
        return [f"{where}: {status} {response.text[:200]}"]
    kind = response.headers.get("content-type", "")
    found = []
    if status in (303, 307):
        target = response.headers.get("location", "")
        if not target.startswith("/") or target.startswith("//"):
            found.append(f"{where}: redirects off the site to {target!r}")
    elif "text/html" in kind:
        found += [f"{where}: {d}" for d in inspect_html(response.text).dangers]
        found += [f"{where}: raw {m.group()!r}" for m in RAW.finditer(response.text)]
        if not html_route(route):
            found.append(f"{where}: HTML from a route that answers data")
    elif is_page(route.path):
        if status == 200 and not response.headers.get("content-disposition", "").startswith("attachment"):
            found.append(f"{where}: {kind} is neither a page nor a download")
    elif "application/json" not in kind:
        found.append(f"{where}: {kind} is not JSON")
    if "content-security-policy" not in response.headers or "nosniff" not in response.headers.get(
            "x-content-type-options", ""):
        found.append(f"{where}: no Content-Security-Policy or nosniff header")
    return found


def _values_of(route: Any, client: TestClient) -> list[str]:
    """The names of the query parameters a route reads: the ones it declares, else (a list page reads its
    query string itself) those of its JSON twin under /api."""
    declared = [q.name for q in query_params(route)]
    if declared or not is_page(route.path):
        return declared
    twin = {r.path: r for r in get_routes(client.app)}.get(  # type: ignore[arg-type]
        "/api" + route.path.split(".")[0])
    return [q.name for q in query_params(twin)] if twin is not None else []


WALK_CAP = 15  # ledger values tried per path parameter (spread over the rows; the ledger is small)


def walk(client: TestClient, api: bool = True) -> tuple[list[str], int]:
    """GET every route (the pages alone unless ``api``) with the ledger's values, hostile path values and
    each query parameter hostile; the problems found and how many requests were made."""
    values = ledger_values(db_of(client), WALK_CAP)
    problems: list[str] = []
    made = 0

    def get(route: Any, url: str, **headers: str) -> None:
        nonlocal made
        response = client.get(url, headers=headers, follow_redirects=False)
        made += 1
        problems.extend(problems_of(route, url, response))
        if response.status_code in (303, 307) and not problems_of(route, url, response):
            target = response.headers["location"]
            problems.extend(problems_of(route, target, client.get(target, follow_redirects=False)))

    for route in get_routes(client.app):  # type: ignore[arg-type]
        if not api and not is_page(route.path):
            continue
        urls = list(filled_urls(route, values))
        for url in urls:
            get(route, url)
        params = path_params(route.path)
        for hostile in HOSTILE_PATHS if params else []:
            get(route, fill(route.path, {n: hostile for n in params}))
        first = urls[0].split("?")[0]
        names = _values_of(route, client)
        if html_route(route):  # each parameter on its own: a bad one's 400 would hide what the others print
            for name in names:
                get(route, f"{first}?{name}={quote(PROBE, safe='')}")
        elif names:  # data (JSON, a download) escapes nothing: its content type is what matters, once
            get(route, f"{first}?" + "&".join(f"{name}={quote(PROBE, safe='')}" for name in names))
        if is_page(route.path) and html_route(route):  # the fragment an htmx request is answered with
            get(route, f"{first}?q={quote(PROBE, safe='')}", **{"HX-Request": "true", "HX-Target": "list-results"})
    return problems, made


# --- the app in process -------------------------------------------------------------------------------------

def test_the_hostile_text_reached_the_ledger(hostile_db: str) -> None:
    """The walk below tests something: the markup is in the ledger as the reports and the curator put it."""
    from duikou.ledger import db as ledger_db

    eng = ledger_db.engine(hostile_db)
    try:
        with eng.connect() as c:
            docs = {r.source.rsplit("#", 1)[-1]: r for r in c.execute(select(tables.documents))}
            parties = set(c.scalars(select(tables.parties.c.name)))
            people = set(c.scalars(select(tables.people.c.name)))
            agreements = set(c.scalars(select(tables.agreements.c.title)))
    finally:
        eng.dispose()
    text = next(d for s, d in docs.items() if s.endswith(".txt"))
    assert SCRIPT in text.title and IMG in text.text and JS_LINK in text.text and '"onmouseover=' in text.outlet
    assert docs["id=h-1"].url == JS_URL and IMG in docs["id=h-1"].title and SCRIPT in docs["id=h-1"].outlet
    assert docs["id=h-2"].url.startswith("javascript:") and SCRIPT in docs["id=h-2"].text
    assert {PARTY, PLACE} <= parties and PERSON in people
    assert f"{SCRIPT}劳务协作协议" in agreements and f"{IMG}甬黔东西部协作框架协议" in agreements


def test_every_route_shows_hostile_text_as_text(app_client: TestClient,
                                                login_as: Callable[..., users.User]) -> None:
    """Nobody signed in and then an admin (whose pages hold every form): no answer holds markup from a
    report unescaped, a script URL as a link or a redirect off the site; no 500."""
    problems, made = walk(app_client)
    login_as(app_client, "admin")
    more, made_signed_in = walk(app_client, api=False)
    assert not problems + more, "\n".join(sorted(set(problems + more)))
    assert made >= 300 and made_signed_in >= 150


def _shown(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {response.status_code} {response.text[:300]}"
    found = inspect_html(response.text)
    assert not found.dangers, found.dangers
    return "".join(found.text)


def _ids(client: TestClient) -> dict[str, str]:
    with db_of(client).connect() as c:
        docs = {r.source.rsplit("#", 1)[-1]: str(r.id) for r in c.execute(select(tables.documents))}
        person = c.scalar(select(tables.people.c.id).where(tables.people.c.name == PERSON))
    return {"text": next(i for s, i in docs.items() if s.endswith(".txt")), "h-1": docs["id=h-1"],
            "h-2": docs["id=h-2"], "person": str(person)}


def test_the_hostile_text_is_shown_where_it_belongs(app_client: TestClient,
                                                    login_as: Callable[..., users.User]) -> None:
    """Escaped is not dropped: the reader sees the markup as the report printed it."""
    ids = _ids(app_client)
    page = _shown(app_client, f"/documents/{ids['text']}")
    assert SCRIPT in page and IMG in page and f"{SCRIPT}劳务协作协议" in page and '甬黔"onmouseover=' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in app_client.get(f"/documents/{ids['text']}").text
    page = _shown(app_client, f"/documents/{ids['h-1']}")
    assert JS_URL in page and f"{SCRIPT}晚报" in page and IMG in page  # the URL as text, not a link
    assert JS_URL in _shown(app_client, f"/documents/{ids['h-2']}").replace("alert(document.cookie)", "alert(1)")
    assert f"{SCRIPT}劳务协作协议" in _shown(app_client, "/agreements")
    assert PARTY in _shown(app_client, f"/party/{quote(PARTY, safe='')}")
    assert PERSON in _shown(app_client, f"/person/{ids['person']}")
    assert IMG in _shown(app_client, "/documents")
    searched = app_client.get(f"/search?q={quote(PROBE, safe='')}")
    assert f'value="{PROBE}"' not in searched.text and 'value="javascript:alert(1)//&lt;script&gt;' in searched.text
    login_as(app_client, "curator")
    audit = _shown(app_client, "/audit")
    assert all(s in audit for s in (SCRIPT, IMG, JS_LINK, JS_URL)), "authors and reasons as written"
    queue = _shown(app_client, "/review?state=all&per_page=100")
    assert SCRIPT in queue and IMG in queue and PERSON in queue


def strings(value: Any) -> list[str]:
    """Every string in a JSON value (keys and values), as the API gave them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def _holds(response: Any, *wanted: str) -> bool:
    """Whether a JSON answer holds each of ``wanted`` inside one of its strings, raw."""
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    found = strings(response.json())
    return all(any(w in s for s in found) for w in wanted)


def test_the_api_gives_the_raw_strings_as_json(app_client: TestClient) -> None:
    """JSON is data: the API gives the strings as the reports and the curator wrote them, as JSON."""
    ids = _ids(app_client)
    assert _holds(app_client.get(f"/api/documents/{ids['h-1']}"), JS_URL, f"{SCRIPT}晚报", IMG, SCRIPT)
    assert _holds(app_client.get(f"/api/documents/{ids['text']}"), JS_LINK, '甬黔"onmouseover=')
    assert _holds(app_client.get(f"/api/people/{ids['person']}"), PERSON)
    assert _holds(app_client.get(f"/api/parties/{quote(PARTY, safe='')}"), PARTY)
    assert _holds(app_client.get(f"/api/search?q={quote('劳务协作协议', safe='')}"), f"{SCRIPT}劳务协作协议")
    assert _holds(app_client.get("/api/agreements"), f"{SCRIPT}劳务协作协议", f"{IMG}甬黔东西部协作框架协议")
    assert _holds(app_client.get("/api/audit"), SCRIPT, IMG, JS_LINK, JS_URL)


# --- a real browser ---------------------------------------------------------------------------------------

def test_nothing_runs_in_chromium(live_server: str, browser_page: Any, browser_login: Callable[..., Any],
                                  screenshot: Callable[[Any, str], Path], web_db: str) -> None:
    """Open the pages that show the hostile text, with a dialog handler that fails on any alert; no
    element from a report, no script URL, no blocked inline script, the CSP on every page."""
    page = browser_page
    alerts: list[str] = []
    refused: list[str] = []

    def on_dialog(dialog: Any) -> None:
        alerts.append(f"{page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    def on_console(message: Any) -> None:  # an inline script or handler the policy blocked was injected
        if "Content Security Policy" in message.text:
            refused.append(f"{page.url}: {message.text}")

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    from duikou.ledger import db as ledger_db

    eng = ledger_db.engine(web_db)
    try:
        with eng.connect() as c:
            docs = [str(i) for i in c.scalars(select(tables.documents.c.id).order_by(tables.documents.c.id))]
            person = c.scalar(select(tables.people.c.id).where(tables.people.c.name == PERSON))
    finally:
        eng.dispose()

    def visit(path: str, shot: str | None = None) -> None:
        response = page.goto(live_server + path)
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in response.headers.get("content-security-policy", ""), path
        page.wait_for_load_state("networkidle")
        for item in page.locator("a.fact, .facts a, [data-fact]").all()[:3]:  # a fact clicked: its handlers run
            if item.is_visible():
                item.click()
        found = page.evaluate("""() => ({
            imgs: document.querySelectorAll('img[src="x"]').length,
            handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
                a => a.name.startsWith('on'))).length,
            links: [...document.querySelectorAll('a[href]')].filter(
                a => a.href.replace(/[\\s]/g, '').toLowerCase().startsWith('javascript:')).length,
            scripts: [...document.scripts].filter(s => !s.src).length})""")
        assert found == {"imgs": 0, "handlers": 0, "links": 0, "scripts": 0}, (path, found)
        if shot:
            screenshot(page, shot)

    for doc in docs:
        visit(f"/documents/{doc}", f"xss-document-{doc}")
    visit(f"/search?q={quote(PROBE, safe='')}", "xss-search")
    assert page.input_value("input[name=q]") == PROBE
    visit(f"/person/{person}", "xss-person")
    visit(f"/party/{quote(PARTY, safe='')}", "xss-party")
    visit("/region/330200")
    visit("/agreements", "xss-agreements")
    visit("/map")
    browser_login(page, live_server, "curator")
    visit("/review?state=all&per_page=100", "xss-review")
    visit("/audit", "xss-audit")
    assert page.get_by_text(SCRIPT).count() >= 1  # the reason, shown as text
    assert not alerts, alerts
    assert not refused, refused
