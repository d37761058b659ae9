"""The report page of the web app: GET /report asks for a pairing and a year; with them it shows the same
report as the .html document (the same table and sources), links each source to its report in the ledger
and offers the four downloads; what the ledger cannot report on is the form again with the reason (400).
In Chromium the page draws its table and its Chinese text (screenshot). SQLite and PostgreSQL."""
from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="the web tests need the web extra")

from fastapi.testclient import TestClient  # noqa: E402

from duikou.report import MEDIA_TYPES, labels  # noqa: E402
from duikou.report.view import ReportView  # noqa: E402
from duikou.web.app import create_app  # noqa: E402
from duikou.web.config import WebSettings  # noqa: E402
from tests.report.conftest import CASES  # noqa: E402
from tests.report.test_formats import _Table  # noqa: E402
from tests.web.conftest import CHROMIUM_ARGS, chromium_path, save_screenshot  # noqa: E402

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def client(report_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(WebSettings(db=report_db)), raise_server_exceptions=False) as c:
        yield c


def _url(case: str, **more: str) -> str:
    pairing, year = CASES[case]
    extra = "".join(f"&{k}={quote(v)}" for k, v in more.items())
    return f"/report?pairing={quote(pairing)}&year={year}{extra}"


def _table(html: str) -> tuple[list[list[str]], list[str]]:
    parsed = _Table()
    parsed.feed(html)
    return parsed.rows, parsed.notes


def test_without_a_pairing_the_page_asks_for_one(client: TestClient) -> None:
    page = client.get("/report")
    assert page.status_code == 200 and 'name="pairing"' in page.text and 'name="year"' in page.text
    assert "<table" not in page.text and "下载" not in page.text


@pytest.mark.parametrize("case", list(CASES))
def test_the_page_is_the_same_report_as_the_document(client: TestClient, reports: dict[str, Any], case: str) -> None:
    view: ReportView = reports[case]["view"]
    page = client.get(_url(case))
    assert page.status_code == 200, page.text[:300]
    assert "<nav" in page.text and view.title in page.text
    rows, notes = _table(page.text)
    doc_rows, doc_notes = _table(reports[case]["docs"]["html"].decode("utf-8"))
    assert rows == doc_rows and notes == doc_notes  # the same table and footnotes as the .html/.pdf
    assert tuple(rows[0]) == labels.COLUMNS and len(notes) == len(view.notes)
    assert (labels.NO_SOURCE in page.text) == any(r.no_source for r in view.rows)


@pytest.mark.parametrize("case", list(CASES))
def test_the_downloads(client: TestClient, case: str) -> None:
    page = client.get(_url(case)).text
    links = re.findall(r'<a href="(/report\?[^"]+)" download="([^"]+)">', page)
    assert len(links) == 4
    for href, name in links:
        fmt = name.rsplit(".", 1)[1]
        got = client.get(href.replace("&amp;", "&"))
        assert got.status_code == 200 and got.headers["content-type"] == MEDIA_TYPES[fmt]
        disposition = got.headers["content-disposition"]
        assert disposition.startswith("attachment") and quote(name) in disposition
        magic = {"pdf": b"%PDF", "docx": b"PK", "xlsx": b"PK", "html": b"<!doctype html>"}[fmt]
        assert got.content.startswith(magic)


def test_each_source_links_to_its_fact_in_the_ledger(client: TestClient, reports: dict[str, Any]) -> None:
    links: list[tuple[str, str]] = []
    for case in CASES:
        view: ReportView = reports[case]["view"]
        page = client.get(_url(case)).text
        # a report's fact is marked in its text (#fact-), a 台账 row's listed (#item-): the document page's anchors
        found = re.findall(r'href="/documents/(\d+)#((?:fact|item)-[^"]+)"', page)
        assert len(found) == len([n for n in view.notes if n.citation is not None])
        links += found
    assert {a.split("-")[0] for _, a in links} == {"fact", "item"}
    for doc, anchor in links:
        shown = client.get(f"/documents/{doc}")
        assert shown.status_code == 200 and f'id="{anchor}"' in shown.text


def test_reviewed_only(client: TestClient) -> None:
    page = client.get(_url("seeds", reviewed_only="true"))
    assert page.status_code == 200 and "仅已审核的记录" in page.text and "checked" in page.text
    rows, _ = _table(page.text)
    actual = [r[2] for r in rows[1:] if len(r) == len(labels.COLUMNS)]
    assert actual and set(actual) == {labels.NO_SOURCE}


@pytest.mark.parametrize("query, message", [
    ("pairing=" + quote("靖江市→北京市") + "&year=2021", "no pairing"),
    ("pairing=nothing-like-a-pairing&year=2021", "no pairing of the ledger"),
    ("pairing=" + quote("靖江市→永寿县") + "&year=abc", "年度应为四位数字"),
    ("pairing=" + quote("靖江市→永寿县") + "&year=2021&format=odt", "odt"),
    ("format=pdf", "结对"),
    ("pairing=" + quote("靖江市→永寿县") + "&year=1800", "1800"),
])
def test_what_cannot_be_reported_is_said_beside_the_form(client: TestClient, query: str, message: str) -> None:
    page = client.get(f"/report?{query}")
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    assert message in page.text and 'name="pairing"' in page.text and "Traceback" not in page.text


# --- in Chromium ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def live(report_db: str) -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(WebSettings(db=report_db)), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def _in_thread(work: Callable[[], None]) -> None:
    """Run ``work`` in a thread of its own: Playwright's sync API keeps an event loop on its thread, and
    the web tests' session browser may hold the main thread's (two on one thread refuse to start)."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            failed.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    assert not thread.is_alive(), "the browser did not finish"
    if failed:
        raise failed[0]


def test_the_page_in_chromium(live: str, report_db: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is in the dev extras")
    exe = chromium_path()
    if exe is None:
        pytest.skip("no Chromium (/usr/bin/chromium): .ci/run installs the distribution's package")

    def drive() -> None:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
                _check_page(page, live)
                save_screenshot(page, f"report-{report_db.split(':')[0].split('+')[0]}")
            finally:
                browser.close()

    _in_thread(drive)


def _check_page(page: Any, live: str) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{live}/report")
    page.fill("input[name=pairing]", CASES["taizhang"][0])
    page.fill("input[name=year]", str(CASES["taizhang"][1]))
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("table.indicators")
    assert not problems, problems
    # the table is laid out across the page, its sections and rows drawn
    box = page.locator("table.indicators").bounding_box()
    assert box is not None and box["width"] > 700 and box["height"] > 500
    flagged = page.locator("tr.differs td.side").first
    assert "▲" in flagged.inner_text()
    assert flagged.evaluate("e => getComputedStyle(e).color") == "rgb(180, 35, 24)"  # the flag's red
    # CJK text is drawn in the report's fonts, not as boxes: a glyph is as wide as the font size
    width = page.evaluate("""() => { const r = document.querySelector('.report'); const s = document.createElement('span');
        s.textContent = '无来源'; r.appendChild(s); const w = s.getBoundingClientRect().width; s.remove();
        return w / 3 / parseFloat(getComputedStyle(r).fontSize); }""")
    assert 0.9 < width < 1.1
    # a footnote mark jumps to its source
    page.locator("sup.fn a").first.click()
    assert page.url.endswith("#note-1")
