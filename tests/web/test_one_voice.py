"""The pages in one voice, in a real Chromium: every page of the lists, the search, the sources, the
document view, the review queue, the audit log, the accounts, the login and an error page shows the
ledger's values in Chinese (web/labels.yaml), never a raw enum value or the services' English words; each
page is saved as a screenshot; no page carries a style of its own (one stylesheet), so they run under a
Content-Security-Policy whose style-src is 'self' alone."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import pytest

from duikou.services import review, views
from duikou.web import labels, security
from duikou.web.config import TEMPLATES_DIR

# Groups whose values are the ledger's own (English) words: none of them may reach a page as text.
ENUM_GROUPS = ("kind", "program", "relation", "event_type", "money_role", "count_role", "money_status", "level",
               "person_role", "side", "doc_status", "provenance", "review_state", "review_action", "audit_log",
               "user_role", "citation", "topic_scope", "script")
# What the services' English descriptions and hit details said, and what a raw value prints as.
ENGLISH = ("pairing", "pairings", "yuan", "since", "report", "reports", "account", "region", "person", "party",
           "agreement", "cumulative", "approx", "ledger", "None", "null", "true", "false", "nan")
URL = re.compile(r"https?://\S+")
THEIRS = {"region.html", "pairing.html", "person.html", "map.html", "report_page.html"}  # another brief's


def forbidden_words() -> re.Pattern[str]:
    words = {v for g in ENUM_GROUPS for v in labels.labels(g)} | set(ENGLISH)
    words -= {"all", "any"}  # filter values no page prints as a word either way, but too common to search
    return re.compile(r"(?<![\w/.-])(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?![\w/.-])")


def english_on(page: Any) -> list[str]:
    """Raw values and English words in the page's visible text (URLs, which are as the report gives them,
    left out)."""
    text = URL.sub(" ", page.inner_text("body"))
    return sorted(set(forbidden_words().findall(text)))


def test_no_template_of_this_brief_has_a_style_of_its_own() -> None:
    for path in sorted(Path(TEMPLATES_DIR).glob("*.html")):
        if path.name in THEIRS:
            continue
        text = re.sub(r"{#.*?#}", "", path.read_text(encoding="utf-8"), flags=re.S)  # comments may say it
        assert "<style" not in text and "style=" not in text, path.name


def test_every_page_speaks_chinese(live_server: str, browser_page: Any, web_db: str,
                                   browser_login: Callable[..., Any], screenshot: Callable[[Any, str], Path],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    page, base = browser_page, live_server
    # these pages need no inline style: under style-src 'self' alone the browser refuses none
    monkeypatch.setattr(security, "CSP", security.CSP.replace("style-src 'self' 'unsafe-inline'", "style-src 'self'"))
    assert "style-src 'self';" in security.CSP
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    # some history for the review queue and the audit log: an accepted fact, a corrected enum, a rejection
    curator = "voice-curator"
    pairing = review.review_queue(web_db, "pairings", "unreviewed", 1, 0)[0][0]
    event, amount = (review.review_queue(web_db, k, "unreviewed", 1, 0)[0][0] for k in ("events", "amounts"))
    review.accept_fact(web_db, event["fact"], curator, "与原文一致")
    review.correct_fact(web_db, pairing["fact"], "program", "counterpart_support", curator, "核对")
    review.reject_fact(web_db, amount["fact"], curator, "不是资金")
    entity = views.sources(web_db, pairing["fact"])[0]["entity"]
    docs = sorted({r["document"]["id"] for r in review.review_queue(web_db, None, "all", 500, 0)[0]})
    browser_login(page, base, "admin")
    pages = [("home", "/"), ("search-region", "/search?q=永寿"), ("search-pairing", "/search?q=靖江 永寿"),
             ("search-words", "/search?q=协议"), ("sources", f"/sources/{entity}"),
             ("review-all", "/review?state=all&per_page=50"), ("review-queue", "/review"), ("audit-log", "/audit"),
             ("users", "/users"), ("not-found", "/documents/987654")]
    pages += [(f"list-{k}", f"/{k}?per_page=200") for k in ("pairings", "events", "agreements", "money", "counts",
                                                             "documents")]
    pages += [(f"document-{n}", f"/documents/{n}") for n in docs]
    found: dict[str, list[str]] = {}
    for name, url in pages:
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # unfolded too
        screenshot(page, f"voice-{name}")
        if english_on(page):
            found[url] = english_on(page)
    page.context.clear_cookies()
    page.goto(base + "/login")
    screenshot(page, "voice-login")
    if english_on(page):
        found["/login"] = english_on(page)
    assert not found, f"English or raw values on pages: {found}"
    assert not refused, refused


@pytest.mark.parametrize("text, bad", [("东西部协作 visit 2021", ["visit"]), ("F3ab 甲 pairings", ["pairings"]),
                                       ("https://x.cn/visit", []), ("curator2 登录", []), ("east_west", ["east_west"])])
def test_the_check_finds_what_it_looks_for(text: str, bad: list[str]) -> None:
    assert sorted(set(forbidden_words().findall(URL.sub(" ", text)))) == bad
