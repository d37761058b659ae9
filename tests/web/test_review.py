"""The review queue and the audit log, pages and API: every action changes the ledger and shows in /audit
with its author, reason and before → after; only a curator with the session's CSRF token may act; htmx
gets the item back, a plain form a redirect that keeps the filters; in Chromium: accept a fact from the
queue, undo it, see both in the audit log. SQLite and PostgreSQL."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import pytest
from fastapi.testclient import TestClient

from duikou.services import document as docs
from duikou.services import review, views
from duikou.web.routes.review import FormError, parse_value, safe_back, sentence
from tests.web.conftest import csrf_of, db_of, login

HTMX = {"HX-Request": "true"}


def _first(db: str, kind: str | None = None) -> dict[str, Any]:
    rows, _ = review.review_queue(db, kind, "unreviewed", 1, 0)
    first: dict[str, Any] = rows[0]
    return first


def _state(db: str, fact_id: str) -> str | None:
    found = views.sources(db, fact_id)[0]
    fact = docs.document_view(db, found["document"]).fact(fact_id)
    assert fact is not None
    state: str | None = fact.review
    return state


def _audit_rows(client: TestClient, **params: str) -> list[str]:
    """The audit page's rows, each as its text with tags and runs of whitespace removed."""
    html = client.get("/audit", params=params).text
    body = html.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in html else ""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).strip() for r in rows]


def _curator(client: TestClient) -> tuple[str, str]:
    user = login(client, "curator")
    return user.name, csrf_of(client)


def test_the_queue_page_follows_the_service_order_and_filters(app_client: TestClient) -> None:
    db = db_of(app_client)
    rows, total = review.review_queue(db, None, "unreviewed", 10, 10)
    page = app_client.get("/review?page=2&per_page=10")
    assert page.status_code == 200
    assert re.findall(r'id="review-(F[0-9a-f]+)"', page.text) == [r["fact"] for r in rows]
    assert f"共 {total:,} 条" in page.text and "第 2 /" in page.text
    assert 'href="/review?per_page=10&amp;page=3"' in page.text  # paging keeps the filters
    events, n = review.review_queue(db, "events", "all", 100, 0)
    page = app_client.get("/review?kind=events&state=all&per_page=100").text
    assert re.findall(r'id="review-(F[0-9a-f]+)"', page) == [r["fact"] for r in events] and n == len(events)
    assert '<option value="events" selected>' in page
    # each item: its sentence with the span marked, a link to the fact in its report
    first = events[0]
    item = page.split(f'id="review-{first["fact"]}"')[1].split("</article>")[0]
    assert f'href="/documents/{first["document"]["id"]}#fact-{first["fact"]}"' in item
    assert re.search(r'<blockquote class="sentence">.*<mark class="k-events">.+</mark>', item, flags=re.S)
    assert "登录" in page and "<form method=\"post\" action=\"/review/facts" not in page  # nobody signed in


def test_queue_items_are_the_items_of_each_fact(web_db: str) -> None:
    """The queue's items, read for the whole page at once, equal those made fact by fact from its report's
    document view and its history: in every state, with reviews, undos and a correction among them."""
    from duikou.ledger.db import engine
    from duikou.web.routes.review import _item, queue_items

    eng = engine(web_db)
    try:
        rows, _ = review.review_queue(eng, None, "unreviewed", 8, 0)
        review.accept_fact(eng, rows[0]["fact"], "tester", "checked")
        undone = review.reject_fact(eng, rows[1]["fact"], "tester")
        review.undo_review(eng, undone, "tester", "too quick")
        amount = review.review_queue(eng, "amounts", "unreviewed", 1, 0)[0][0]
        review.correct_fact(eng, amount["fact"], "value", 1234.5, "tester", "the report's figure")
        for state in ("unreviewed", "accepted", "corrected", "all"):
            for offset in (0, 5):
                rows, _ = review.review_queue(eng, None, state, 12, offset)
                one_by_one = [_item(eng, r["fact"], r["document"]["id"], r["sources"], {}) for r in rows]
                assert queue_items(eng, rows) == one_by_one, (state, offset)
                if state != "unreviewed" and offset == 0:
                    assert any(i.history for i in one_by_one)
    finally:
        eng.dispose()


def test_bad_queue_filters_are_a_clear_400(app_client: TestClient) -> None:
    r = app_client.get("/review?kind=nothing")
    assert r.status_code == 400 and "nothing" in r.text and "Traceback" not in r.text
    assert app_client.get("/review?page=0").status_code == 400
    assert app_client.get("/api/review-queue?state=maybe").json()["error"].startswith("no review state")


def test_accept_then_undo_by_form_shows_in_the_audit_log(app_client: TestClient) -> None:
    db = db_of(app_client)
    name, token = _curator(app_client)
    fact = _first(db)["fact"]
    back = "/review?kind=events&state=all"
    r = app_client.post(f"/review/facts/{fact}/accept", data={"csrf_token": token, "reason": "读过原文", "back": back},
                        follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/review?kind=events&state=all"
    assert _state(db, fact) == "accepted"
    [entry] = review.fact_history(db, fact)
    assert entry["author"] == name and entry["reason"] == "读过原文"
    r = app_client.post(f"/review/reviews/{entry['id']}/undo", data={"csrf_token": token, "reason": "点错了"})
    assert r.status_code == 200 and "已撤销审核" in r.text  # the redirect's page shows the message once
    assert _state(db, fact) is None
    rows = _audit_rows(app_client)
    assert f"{name} 审核 #{entry['id'] + 1} · 撤销（#{entry['id']}）" in rows[0]
    assert "已确认 → 未审核" in rows[0] and "点错了" in rows[0]
    assert f"{name} 审核 #{entry['id']} · 确认" in rows[1] and "未审核 → 已确认" in rows[1] and "读过原文" in rows[1]
    assert fact in rows[1]


def test_reject_and_correct_by_form(app_client: TestClient) -> None:
    db = db_of(app_client)
    name, token = _curator(app_client)
    amount = _first(db, "amounts")
    r = app_client.post(f"/review/facts/{amount['fact']}/correct",
                        data={"csrf_token": token, "field": "value", "value": "1,250,000", "reason": "原文是125万"})
    assert r.status_code == 200
    assert views.sources(db, amount["fact"])[0]["data"]["value"] == 1250000
    assert _state(db, amount["fact"]) == "corrected"
    old = amount["data"]["value"]
    row = _audit_rows(app_client)[0]
    # the field by its name in labels.yaml, the figures with separators
    assert "更正" in row and "数值" in row and f"{old:,.0f} → 1,250,000" in row and "原文是125万" in row
    event = _first(db, "events")
    app_client.post(f"/review/facts/{event['fact']}/reject", data={"csrf_token": token, "reason": "不是活动"})
    assert _state(db, event["fact"]) == "rejected"
    assert "否决" in _audit_rows(app_client)[0] and "未审核 → 已否决" in _audit_rows(app_client)[0]


def test_same_and_different_judgements_and_their_undo(app_client: TestClient) -> None:
    db = db_of(app_client)
    name, token = _curator(app_client)
    people = review.review_queue(db, "people", "all", 2, 0)[0]
    left, right = people[0]["entity"], people[1]["entity"]
    r = app_client.post("/review/judgements", data={"csrf_token": token, "verdict": "different", "left": left,
                                                    "right": right, "reason": "两个人"}, follow_redirects=False)
    assert r.status_code == 303
    [made] = [j for j in review.judgements(db) if j["left"] == left]
    assert made["verdict"] == "different" and made["author"] == name and made["reason"] == "两个人"
    row = _audit_rows(app_client)[0]
    assert f"判断 #{made['id']} · 不同" in row and left in row and right in row and "两个人" in row
    page = app_client.get("/audit").text
    assert f'href="/person/{left}"' in page and f'action="/review/judgements/{made["id"]}/undo"' in page
    r = app_client.post(f"/review/judgements/{made['id']}/undo", data={"csrf_token": token, "back": "/audit?log=judgement"},
                        follow_redirects=False)
    assert r.headers["location"] == "/audit?log=judgement"
    assert [j for j in review.judgements(db) if j["id"] == made["id"]][0]["undone"]
    r = app_client.post("/review/judgements", data={"csrf_token": token, "verdict": "maybe", "left": left, "right": right})
    assert r.status_code == 400 and "same" in r.text


def test_htmx_gets_the_item_back_with_its_new_state_or_the_error(app_client: TestClient) -> None:
    db = db_of(app_client)
    _curator(app_client)
    fact = _first(db)["fact"]
    r = app_client.post(f"/review/facts/{fact}/accept", data={"reason": "ok"},
                        headers={**HTMX, "X-CSRF-Token": csrf_of(app_client)})
    assert r.status_code == 200 and r.text.lstrip().startswith(f'<article class="review-item state-accepted" id="review-{fact}"')
    assert "<html" not in r.text and "已确认事实" in r.text and "/undo" in r.text
    again = app_client.post(f"/review/facts/{fact}/accept", headers={**HTMX, "X-CSRF-Token": csrf_of(app_client)})
    assert again.status_code == 200 and "already accepted" in again.text and 'class="alert item-error"' in again.text
    plain = app_client.post(f"/review/facts/{fact}/accept", data={"csrf_token": csrf_of(app_client)})
    assert plain.status_code == 400 and "already accepted" in plain.text


WRITES = [("/review/facts/{fact}/accept", {}), ("/review/facts/{fact}/reject", {}),
          ("/review/facts/{fact}/correct", {"field": "date", "value": "2020-01-01"}),
          ("/review/reviews/1/undo", {}), ("/review/judgements", {"verdict": "same", "left": "{fact}", "right": "x"}),
          ("/review/judgements/1/undo", {})]
API_WRITES = [("/api/facts/{fact}/accept", None), ("/api/facts/{fact}/reject", None),
              ("/api/facts/{fact}/correct", {"field": "date", "value": "2020-01-01"}), ("/api/reviews/1/undo", None),
              ("/api/judgements", {"verdict": "same", "left": "{fact}", "right": "x"}), ("/api/judgements/1/undo", None)]


def _fill(value: Any, fact: str) -> Any:
    if isinstance(value, dict):
        return {k: _fill(v, fact) for k, v in value.items()}
    return value.replace("{fact}", fact) if isinstance(value, str) else value


def test_nobody_but_a_curator_with_the_token_writes(app_client: TestClient, make_client: Callable[..., TestClient]
                                                    ) -> None:
    db = db_of(app_client)
    fact = _first(db, "events")["fact"]
    before = review.audit_log(db)[1]
    for path, form in WRITES:
        url, data = path.replace("{fact}", fact), _fill(form, fact)
        assert app_client.post(url, data=data).status_code == 401, url
    for path, body in API_WRITES:
        url = path.replace("{fact}", fact)
        r = app_client.post(url, json=_fill(body, fact))
        assert r.status_code == 401 and r.json()["error"], url
    viewer = make_client()
    login(viewer, "viewer")
    for path, form in WRITES:
        url, data = path.replace("{fact}", fact), _fill(form, fact)
        assert viewer.post(url, data={**data, "csrf_token": csrf_of(viewer)}).status_code == 403, url
    for path, body in API_WRITES:
        r = viewer.post(path.replace("{fact}", fact), json=_fill(body, fact), headers={"X-CSRF-Token": csrf_of(viewer)})
        assert r.status_code == 403, path
    curator = make_client()
    login(curator, "curator")
    for path, form in WRITES:
        url, data = path.replace("{fact}", fact), _fill(form, fact)
        assert curator.post(url, data=data).status_code == 403, url  # no token
        assert curator.post(url, data={**data, "csrf_token": "wrong"}).status_code == 403, url
    for path, body in API_WRITES:
        url = path.replace("{fact}", fact)
        assert curator.post(url, json=_fill(body, fact)).status_code == 403, url
        assert curator.post(url, json=_fill(body, fact), headers={"X-CSRF-Token": "wrong"}).status_code == 403
    assert review.audit_log(db)[1] == before and _state(db, fact) is None, "nothing was written"
    # the pages show a viewer no forms
    page = viewer.get("/review").text
    assert "只能查看" in page and 'action="/review/facts/' not in page


def test_the_api_reviews_and_the_log_follows(app_client: TestClient) -> None:
    db = db_of(app_client)
    name, token = _curator(app_client)
    head = {"X-CSRF-Token": token}
    fact = _first(db, "events")["fact"]
    r = app_client.post(f"/api/facts/{fact}/accept", json={"reason": "api"}, headers=head)
    assert r.status_code == 200 and r.json()["state"] == "accepted" and r.json()["fact"] == fact
    rid = r.json()["review"]
    r = app_client.post(f"/api/facts/{fact}/correct", json={"field": "date", "value": "2020-01-02"}, headers=head)
    assert r.json()["state"] == "corrected" and views.sources(db, fact)[0]["data"]["date"] == "2020-01-02"
    r = app_client.post(f"/api/facts/{fact}/correct", json={"field": "nope", "value": 1}, headers=head)
    assert r.status_code == 400 and "nope" in r.json()["error"]
    assert app_client.post("/api/facts/Fnone/accept", headers=head).status_code == 404
    r = app_client.post(f"/api/reviews/{rid}/undo", headers=head)
    assert r.json() == {"id": rid + 2, "undoes": rid}
    history = app_client.get(f"/api/facts/{fact}/history").json()
    assert [h["action"] for h in history] == ["accept", "correct", "undo"] and history[0]["undone_by"] == rid + 2
    log = app_client.get("/api/audit", params={"author": name, "per_page": 2}).json()
    assert log["total"] == 3 and log["pages"] == 2 and [e["action"] for e in log["rows"]] == ["undo", "correct"]
    assert log["rows"][1]["before"] != log["rows"][1]["after"] == "2020-01-02"
    queue = app_client.get("/api/review-queue", params={"state": "corrected"}).json()
    assert [row["fact"] for row in queue["rows"]] == [fact]
    r = app_client.post("/api/judgements", json={"verdict": "different", "left": fact, "right": fact},
                        headers=head)
    assert r.status_code == 400 and "two different ids" in r.json()["error"]
    schema = app_client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/facts/{fact_id}/accept", "/api/reviews/{review_id}/undo", "/api/judgements",
                 "/api/review-queue", "/api/audit"):
        assert path in schema
    assert "/review" not in schema and "/audit" not in schema


def test_the_audit_log_filters_by_author_and_pages(app_client: TestClient, make_client: Callable[..., TestClient]
                                                   ) -> None:
    db = db_of(app_client)
    alice, _ = _curator(app_client)
    facts = [r["fact"] for r in review.review_queue(db, None, "unreviewed", 3, 0)[0]]
    for f in facts:
        app_client.post(f"/review/facts/{f}/accept", data={"csrf_token": csrf_of(app_client)})
    other = make_client()
    bob = login(other, "curator").name
    other.post(f"/review/facts/{facts[0]}/reject", data={"csrf_token": csrf_of(other)})
    assert len(_audit_rows(app_client)) == 4
    mine = _audit_rows(app_client, author=alice)
    assert len(mine) == 3 and all(alice in r and bob not in r for r in mine)
    assert len(_audit_rows(app_client, author=bob)) == 1
    paged = app_client.get("/audit", params={"per_page": 3, "page": 2}).text
    assert "第 2 / 2 页" in paged and 'href="/audit?per_page=3&amp;page=1"' in paged
    assert len(_audit_rows(app_client, per_page="3", page="2")) == 1


@pytest.mark.parametrize("back, where", [
    ("/review?kind=events&state=all", "/review?kind=events&state=all"), ("/audit?author=a+b", "/audit?author=a+b"),
    ("https://evil.example/review", "/review"), ("//evil.example/review", "/review"), ("/users", "/review"),
    ("", "/review"), ("/review?x=%0d%0aSet-Cookie:1", "/review?x=%0D%0ASet-Cookie%3A1"),
])
def test_a_form_returns_only_to_the_queue_or_the_log(back: str, where: str) -> None:
    assert safe_back(back) == where


@pytest.mark.parametrize("kind, field, text, value", [
    ("amounts", "value", "1,250,000", 1250000.0), ("pairings", "since", "2018", 2018),
    ("pairings", "known", "否", False), ("pairings", "program", "east_west", "east_west"),
    ("events", "date", " 2021-05-06 ", "2021-05-06"), ("events", "leaders", "张三、李四", ["张三", "李四"]),
    ("events", "leaders", '["甲"]', ["甲"]), ("events", "place", "", None), ("events", "end_date", "null", None),
])
def test_form_values_are_read_by_the_property_type(kind: str, field: str, text: str, value: Any) -> None:
    assert parse_value(kind, field, text) == value


@pytest.mark.parametrize("kind, field, text, said", [
    ("pairings", "since", "二〇一八", "数字"), ("pairings", "known", "maybe", "true"),
    ("events", "nothing", "1", "没有字段"), ("events", "leaders", "[oops", "JSON"),
])
def test_bad_form_values_say_why(kind: str, field: str, text: str, said: str) -> None:
    with pytest.raises(FormError, match=said):
        parse_value(kind, field, text)


def test_the_sentence_marks_the_span_where_the_fact_read_it() -> None:
    text = "甲县与乙县结对。乙县派人到甲县考察，甲县接待。"
    quote = "乙县派人到甲县考察，甲县接待。"
    second = text.index("甲县", text.index("到"))  # the 甲县 after 到, not the first in the sentence
    assert sentence(text, second, second + 2, quote) == [("乙县派人到", False), ("甲县", True), ("考察，甲县接待。", False)]
    assert sentence(text, 0, 2, None) == [("甲县", True), (text[2:], False)]  # no quote: the span and what follows
    long = "前" * 40 + "甲县" + "后" * 40
    assert sentence(long, 40, 42, None) == [("前" * 30, False), ("甲县", True), ("后" * 30, False)]
    assert sentence(text, None, None, quote) == [(quote, False)]
    assert sentence("", None, None, None) == []
    assert sentence(text, 100, 120, quote) == [(quote, False)]  # a span past the text


# --- in Chromium ---------------------------------------------------------------------------------

def test_browser_accept_and_undo_from_the_queue(live_server: str, web_db: str, browser_page: Any,
                                                browser_login: Callable[..., Any],
                                                screenshot: Callable[[Any, str], Path]) -> None:
    from playwright.sync_api import expect

    page = browser_page
    user = browser_login(page, live_server, "curator")
    page.goto(f"{live_server}/review?kind=events&per_page=5")
    page.locator("nav.pager a[rel=next]").click()  # htmx swaps the queue and keeps the URL in step
    page.wait_for_url(re.compile(r"/review\?kind=events&per_page=5&page=2$"))
    expect(page.locator("#queue p.count")).to_contain_text("第 2 /")
    second = [r["fact"] for r in review.review_queue(web_db, "events", "unreviewed", 5, 5)[0]]
    expect(page.locator("#queue article.review-item")).to_have_count(len(second))
    assert page.eval_on_selector_all("#queue article", "a => a.map(e => e.id.slice(7))") == second
    page.goto(f"{live_server}/review?kind=events&per_page=5")
    fact = _first(web_db, "events")["fact"]
    item = page.locator(f"#review-{fact}")
    expect(item.locator(".state")).to_have_text("未审核")
    screenshot(page, "review")
    item.locator("form.verdict input[name=reason]").fill("与原文一致")
    item.locator("button.accept").click()
    item = page.locator(f"#review-{fact}")  # htmx swapped the item in place
    expect(item.locator(".item-head .state")).to_have_text("已确认")
    expect(item.locator(".item-notice")).to_contain_text("已确认事实")
    assert page.url.endswith("/review?kind=events&per_page=5"), "the page stayed where it was"
    assert _state(web_db, fact) == "accepted"
    item.locator("button.undo").click()
    expect(page.locator(f"#review-{fact} .item-head .state")).to_have_text("未审核")
    assert _state(web_db, fact) is None
    page.goto(f"{live_server}/audit")
    rows = page.locator("table.audit tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("撤销")
    expect(rows.nth(0)).to_contain_text(user.name)
    expect(rows.nth(1)).to_contain_text("未审核→已确认")
    expect(rows.nth(1)).to_contain_text("与原文一致")
    screenshot(page, "audit")
    rows.nth(1).locator("td.target a").click()  # the fact's report, at the fact
    page.wait_for_url(re.compile(rf"/documents/\d+#fact-{fact}$"))
    expect(page.locator(f'#doc-text mark[data-facts~="{fact}"]').first).to_be_in_viewport()
