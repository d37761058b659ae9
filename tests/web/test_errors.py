"""Errors as readers see them: a clear page or JSON, the right status, never a traceback."""
from __future__ import annotations

from typing import Callable

import pytest
from fastapi.testclient import TestClient

from duikou.errors import LedgerError
from duikou.services import users, views
from tests.web.conftest import csrf_of, db_of


def test_a_duikou_error_is_a_clear_page_and_json(app_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(db: object) -> dict[str, object]:
        raise LedgerError("the ledger cannot count <today>")

    monkeypatch.setattr(views, "stats", refuse)
    page = app_client.get("/")
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    assert "the ledger cannot count &lt;today&gt;" in page.text and "Traceback" not in page.text
    api = app_client.get("/api/stats")
    assert api.status_code == 400 and api.json() == {"error": "the ledger cannot count <today>"}


def test_bad_input_to_a_form_names_what_was_wrong(app_client: TestClient,
                                                  login_as: Callable[..., users.User]) -> None:
    login_as(app_client, "admin")
    short = app_client.post("/users", data={"name": "x1", "password": "short", "role": "viewer",
                                            "csrf_token": csrf_of(app_client)})
    assert short.status_code == 400 and "至少需要 8 个字符" in short.text and "<form" in short.text  # the site's page
    missing = app_client.post("/users", data={"name": "x2", "csrf_token": csrf_of(app_client)})
    assert missing.status_code == 400 and "password" in missing.text and "Traceback" not in missing.text
    nobody = app_client.post("/users/ghost/remove", data={"csrf_token": csrf_of(app_client)})
    assert nobody.status_code == 404 and "没有名为 ghost 的用户" in nobody.text  # the URL names nobody


def test_anything_else_is_a_500_that_tells_nothing_inside(app_client: TestClient,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    def broken(db: object) -> dict[str, object]:
        raise RuntimeError("secret internals at line 42")

    monkeypatch.setattr(views, "stats", broken)
    page = app_client.get("/")
    assert page.status_code == 500 and "出了点问题" in page.text
    assert "secret internals" not in page.text and "Traceback" not in page.text and "RuntimeError" not in page.text
    api = app_client.get("/api/stats")
    assert api.status_code == 500 and set(api.json()) == {"error"} and "secret" not in api.text
    assert any("secret internals" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)  # logged


def test_unknown_pages_and_methods(app_client: TestClient) -> None:
    page = app_client.get("/no/such/page")
    assert page.status_code == 404 and "没有这个页面" in page.text and "<nav" in page.text
    api = app_client.get("/api/no-such-thing")
    assert api.status_code == 404 and set(api.json()) == {"error"}
    wrong = app_client.put("/login")
    assert wrong.status_code == 405 and "Traceback" not in wrong.text


def test_every_answer_carries_the_security_headers(app_client: TestClient) -> None:
    for url in ("/", "/login", "/static/app.css", "/api/stats", "/nope"):
        headers = app_client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"] and "unsafe-inline" not in \
            headers["content-security-policy"].split("script-src")[1].split(";")[0], url
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    docs = app_client.get("/api/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    schema = app_client.get("/api/openapi.json").json()
    assert "/api/stats" in schema["paths"] and all(p.startswith("/api") for p in schema["paths"])


def test_errors_are_worded_in_chinese(app_client: TestClient, login_as: Callable[..., users.User]) -> None:
    """A bad parameter names itself and what was wrong in labels.yaml's words; an account's refusal is its
    code's words (the CLI keeps the English message)."""
    page = app_client.get("/review?page=0")
    assert page.status_code == 400 and "page：数值太小" in page.text
    login_as(app_client, "admin")
    taken = app_client.post("/users", data={"name": "twice", "password": "long enough pw", "role": "viewer",
                                            "csrf_token": csrf_of(app_client)}, follow_redirects=False)
    assert taken.status_code == 303
    again = app_client.post("/users", data={"name": "twice", "password": "long enough pw", "role": "viewer",
                                            "csrf_token": csrf_of(app_client)})
    assert again.status_code == 400 and "已经有名为 twice 的用户" in again.text
    with pytest.raises(users.UserError, match="there is already a user called"):
        users.add_user(db_of(app_client), "twice", "long enough pw", "viewer")

