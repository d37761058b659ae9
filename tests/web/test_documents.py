"""The document view: every fact highlighted where its span is (checked against the spans the service
gives, by reading the page's text back run by run), the side list, metadata and problems, links only for
http(s) addresses, report text shown as text, /evidence redirects, the JSON API; and in Chromium: the
highlights drawn and a fact in the side list scrolled to. SQLite and PostgreSQL."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable

import pytest
from fastapi.testclient import TestClient

from duikou.services import document as docs
from duikou.services import review, views
from duikou.services.build import build
from duikou.web.routes.documents import entity_href, web_url
from tests.web.conftest import db_of


class TextReader(HTMLParser):
    """The page's ``#doc-text`` read back: its text, each ``<mark>`` as (start, end, fact ids) in that
    text, and each anchor ``fact-<id>`` at its offset."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside #doc-text
        self.text = ""
        self.marks: list[tuple[int, int, list[str]]] = []
        self.anchors: dict[str, int] = {}
        self._open: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self.depth == 0:
            if tag == "div" and a.get("id") == "doc-text":
                self.depth = 1
            return
        if tag == "div":
            self.depth += 1
        elif tag == "mark":
            assert self._open is None, "marks are not nested"
            self._open = (len(self.text), (a.get("data-facts") or "").split())
        elif tag == "a" and (a.get("id") or "").startswith("fact-"):
            fid = (a["id"] or "")[len("fact-"):]
            assert fid not in self.anchors, f"two anchors for {fid}"
            self.anchors[fid] = len(self.text)

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0:
            return
        if tag == "mark":
            assert self._open is not None
            self.marks.append((self._open[0], len(self.text), self._open[1]))
            self._open = None
        elif tag == "div":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text += data


def read_text(html: str) -> TextReader:
    reader = TextReader()
    reader.feed(html)
    return reader


def _doc_ids(db: str) -> list[int]:
    return sorted(d["id"] for d in views.documents(db, status="ok"))


def test_every_fact_is_highlighted_exactly_at_its_span(app_client: TestClient) -> None:
    db = db_of(app_client)
    ids = _doc_ids(db)
    assert len(ids) == 5
    for doc_id in ids:
        view = docs.document_view(db, doc_id)
        page = app_client.get(f"/documents/{doc_id}")
        assert page.status_code == 200
        got = read_text(page.text)
        assert got.text == view.text, "the page shows the whole cleaned text, unchanged"
        spanned = {f.id: f.shown for f in view.facts if f.shown is not None}
        assert spanned, "every seed report has facts with spans"
        # Each character is inside a mark exactly when some fact's span covers it, and the mark names
        # exactly the facts covering it.
        covered: dict[int, set[str]] = {}
        for fid, (s, e) in spanned.items():
            for i in range(s, e):
                covered.setdefault(i, set()).add(fid)
        seen: set[int] = set()
        for start, end, facts in got.marks:
            assert start < end and facts
            for i in range(start, end):
                assert covered.get(i) == set(facts), (doc_id, i, facts)
                seen.add(i)
        assert seen == set(covered), "no covered character is left unmarked"
        assert {f for _, _, facts in got.marks for f in facts} == set(spanned)
        assert got.anchors == {fid: s for fid, (s, _) in spanned.items()}, "one anchor where each span starts"


def test_the_side_list_shows_each_fact_its_kind_and_review_state(app_client: TestClient) -> None:
    db = db_of(app_client)
    doc_id = _doc_ids(db)[0]
    view = docs.document_view(db, doc_id)
    chosen = next(f for f in view.facts if f.kind == "pairings")
    review.accept_fact(db, chosen.id, "tester", "checked")
    page = app_client.get(f"/documents/{doc_id}").text
    items = re.findall(r'<li id="item-(F[0-9a-f]+)"', page)
    assert items == [f.id for f in view.facts]
    block = page.split(f'id="item-{chosen.id}"')[1].split("</li>")[0]
    assert "已确认" in block and "结对关系" in block and f'href="#fact-{chosen.id}"' in block
    assert f'href="/pairings/{chosen.entity}"' in block
    other = next(f for f in view.facts if f.id != chosen.id)
    assert "未审核" in page.split(f'id="item-{other.id}"')[1].split("</li>")[0]
    # the legend counts the facts of each kind
    for kind in {f.kind for f in view.facts}:
        n = sum(1 for f in view.facts if f.kind == kind)
        assert re.search(rf'<mark class="k-{kind}">[^<]+</mark></label> <span class="count">{n}</span>', page)


def test_metadata_and_the_relevance_verdict(app_client: TestClient) -> None:
    db = db_of(app_client)
    doc_id = _doc_ids(db)[0]
    meta = docs.document_view(db, doc_id).meta
    page = app_client.get(f"/documents/{doc_id}").text
    assert f"<h1>{meta['title']}</h1>" in page
    assert meta["published"] in page and "相关性" in page and "来历" in page and "从报道抽取" in page
    assert Path(meta["source"]).name in page


def test_unknown_documents_and_facts_are_404(app_client: TestClient) -> None:
    page = app_client.get("/documents/99999")
    assert page.status_code == 404 and "99999" in page.text and "Traceback" not in page.text
    api = app_client.get("/api/documents/99999")
    assert api.status_code == 404 and "99999" in api.json()["error"]
    assert app_client.get("/documents/abc").status_code == 400
    assert app_client.get("/evidence/Fnothing", follow_redirects=False).status_code == 404


def test_evidence_goes_to_the_fact_in_its_report(app_client: TestClient) -> None:
    db = db_of(app_client)
    doc_id = _doc_ids(db)[1]
    fact = docs.document_view(db, doc_id).facts[2]
    r = app_client.get(f"/evidence/{fact.id}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/documents/{doc_id}#fact-{fact.id}"
    first = views.sources(db, fact.entity)[0]
    r = app_client.get(f"/evidence/{fact.entity}", follow_redirects=False)
    assert r.headers["location"] == f"/documents/{first['document']}#fact-{first['fact']}"


def test_the_api_gives_the_same_document(app_client: TestClient) -> None:
    db = db_of(app_client)
    doc_id = _doc_ids(db)[2]
    view = docs.document_view(db, doc_id)
    got = app_client.get(f"/api/documents/{doc_id}").json()
    assert got["id"] == doc_id and got["text"] == view.text and got["meta"]["title"] == view.meta["title"]
    assert [f["id"] for f in got["facts"]] == [f.id for f in view.facts]
    assert all(f["shown"] == (list(v.shown) if v.shown else None) for f, v in zip(got["facts"], view.facts))
    assert "".join(s["text"] for s in got["segments"]) == view.text
    schema = app_client.get("/api/openapi.json").json()
    assert "/api/documents/{doc_id}" in schema["paths"]
    assert "/documents/{doc_id}" not in schema["paths"] and "/evidence/{ident}" not in schema["paths"]


@pytest.mark.parametrize("url, shown", [
    ("https://news.example.cn/a/1.html", "https://news.example.cn/a/1.html"),
    ("HTTP://example.org/x", "HTTP://example.org/x"),
    ("javascript:alert(1)", None), ("data:text/html,hi", None), ("//example.org/x", None),
    ("http:///nohost", None), ("ftp://example.org/f", None), ("https://exa\nmple.org/", None), (None, None),
])
def test_only_http_addresses_become_links(url: Any, shown: str | None) -> None:
    assert web_url(url) == shown


def test_entity_links_by_prefix() -> None:
    assert entity_href("R330702") == "/region/330702"
    assert entity_href("Pabc") == "/pairings/Pabc" and entity_href("Habc") == "/person/Habc"
    assert entity_href("E1/2") == "/evidence/E1%2F2" and entity_href("") is None


HOSTILE_TITLE = '西湖区结对<script>alert("t")</script>"><img src=x onerror=alert(1)>'
HOSTILE_TEXT = ("杭州市西湖区与贵州省黔东南州台江县开展东西部协作，"
                '双方签订<script>alert("x")</script>协议"><img src=x onerror=alert(2)>。'
                "西湖区向台江县拨付东西部协作资金500万元，用于产业项目。")


def _hostile_report(db: str, tmp_path: Path, url: str) -> int:
    """A report written here (not from the corpus) whose title and text carry markup, built into ``db``."""
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps({"id": "hostile-1", "url": url, "title": HOSTILE_TITLE, "published": "2021-03-04",
                                "text": HOSTILE_TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    before = set(_doc_ids(db))
    build([str(path)], db)
    [doc_id] = set(_doc_ids(db)) - before
    return doc_id


def test_report_markup_is_shown_as_text(app_client: TestClient, tmp_path: Path) -> None:
    db = db_of(app_client)
    doc_id = _hostile_report(db, tmp_path, "javascript:alert(3)")
    view = docs.document_view(db, doc_id)
    assert "<script>" in view.text and view.facts, "the report kept its markup as text and has facts"
    page = app_client.get(f"/documents/{doc_id}")
    assert page.status_code == 200
    for raw in ("<script>alert", "<img src=x", "onerror=alert(1)>", 'href="javascript:'):
        assert raw not in page.text
    assert "&lt;script&gt;alert(" in page.text and "javascript:alert(3)" in page.text  # shown, as text
    assert read_text(page.text).text == view.text
    api = app_client.get(f"/api/documents/{doc_id}").json()
    assert api["meta"]["url"] == "javascript:alert(3)" and api["text"] == view.text  # JSON, not HTML
    queue = app_client.get("/review?state=all&per_page=100").text
    assert "<script>alert" not in queue and "<img src=x" not in queue


def test_an_http_url_is_a_link(app_client: TestClient, tmp_path: Path) -> None:
    db = db_of(app_client)
    doc_id = _hostile_report(db, tmp_path, "https://news.example.cn/2021/xihu.html")
    page = app_client.get(f"/documents/{doc_id}").text
    assert 'href="https://news.example.cn/2021/xihu.html"' in page and "原文链接" in page


# --- in Chromium ---------------------------------------------------------------------------------

def test_browser_highlights_and_scrolls_to_a_fact(live_server: str, web_db: str, browser_page: Any,
                                                  screenshot: Callable[[Any, str], Path]) -> None:
    from playwright.sync_api import expect

    doc_id = _doc_ids(web_db)[0]
    view = docs.document_view(web_db, doc_id)
    page = browser_page
    page.goto(f"{live_server}/documents/{doc_id}")
    marked = page.eval_on_selector_all(
        "#doc-text mark[data-facts]", "ms => [...new Set(ms.flatMap(m => m.dataset.facts.split(' ')))]")
    assert sorted(marked) == sorted(f.id for f in view.facts if f.shown)
    screenshot(page, "document")
    # a fact far down the text: its runs start out of view, and clicking it in the side list brings
    # them into view and flashes them
    last = max((f for f in view.facts if f.shown), key=lambda f: f.shown[0] if f.shown else 0)
    first_run = page.locator(f'#doc-text mark[data-facts~="{last.id}"]').first
    expect(first_run).not_to_be_in_viewport()
    page.locator(f'.fact-list a.jump[data-fact="{last.id}"]').click()
    expect(first_run).to_be_in_viewport()
    expect(first_run).to_have_class(re.compile(r"\bpulse\b"))
    expect(page.locator(f"#item-{last.id}")).to_have_class(re.compile(r"\bcurrent\b"))
    assert page.evaluate("location.hash") == f"#fact-{last.id}"
    # the legend's box hides a kind: runs only regions cover lose their colour, the others keep theirs
    only_regions = [i for i, f in enumerate(page.eval_on_selector_all(
        "#doc-text mark[data-kinds]", "ms => ms.map(m => m.dataset.kinds)")) if set(f.split()) == {"regions"}]
    assert only_regions
    page.locator('.legend input.kind-toggle[value="regions"]').uncheck()
    classes = page.eval_on_selector_all("#doc-text mark[data-kinds]", "ms => ms.map(m => m.className)")
    assert all(classes[i] == "off" for i in only_regions)
    assert all(c != "off" and "k-regions" not in c for i, c in enumerate(classes) if i not in only_regions)
    # a link from another page lands on the fact too
    page.goto(f"{live_server}/evidence/{last.id}")
    expect(page.locator(f'#doc-text mark[data-facts~="{last.id}"]').first).to_be_in_viewport()
