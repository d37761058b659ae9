"""Reading can require login (``public_read`` off): every page then goes to /login?next=..., every API read
answers 401 JSON, until one signs in. Account pages are the admin's alone, whatever the setting."""
from __future__ import annotations

from typing import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from duikou.errors import ConfigError
from duikou.services import users
from duikou.web.config import WebSettings
from tests.web.routes_walk import concrete, read_routes

OPEN_PATHS = {"/login"}


def test_with_login_required_no_page_or_api_read_is_open(make_client: Callable[..., TestClient],
                                                          login_as: Callable[..., users.User]) -> None:
    client = make_client(public_read=False)
    walked = 0
    for route in read_routes(client.app):  # type: ignore[arg-type]
        if route.path in OPEN_PATHS:
            continue
        url = concrete(route.path) + "?q=1"
        response = client.get(url, follow_redirects=False)
        if url.startswith("/api"):
            assert response.status_code == 401, f"GET {url}: {response.status_code}"
            assert response.json() == {"error": response.json()["error"]} and response.json()["error"]
        else:
            assert response.status_code == 303, f"GET {url}: {response.status_code}"
            where = urlsplit(response.headers["location"])
            assert where.path == "/login" and parse_qs(where.query)["next"] == [url], url
        walked += 1
    assert walked >= 4
    assert client.get("/login").status_code == 200
    login_as(client, "viewer")
    assert client.get("/").status_code == 200
    assert client.get("/api/stats").status_code == 200


def test_the_login_page_takes_you_back_where_you_were(make_client: Callable[..., TestClient],
                                                      add_account: Callable[..., users.User]) -> None:
    from tests.web.conftest import db_of, sign_in

    client = make_client(public_read=False)
    first = client.get("/api/stats?x=1", follow_redirects=False)
    assert first.status_code == 401
    page = client.get("/users?sort=name", follow_redirects=True)
    assert page.status_code == 200 and 'name="next" value="/users?sort=name"' in page.text
    user = add_account(db_of(client), "admin")
    response = sign_in(client, user.name, next_url="/users?sort=name")
    assert response.headers["location"] == "/users?sort=name"
    assert client.get("/users").status_code == 200


def test_public_reading_still_keeps_accounts_to_admins(make_client: Callable[..., TestClient],
                                                       login_as: Callable[..., users.User]) -> None:
    anonymous = make_client()
    assert anonymous.get("/").status_code == 200
    assert anonymous.get("/api/stats").json()["documents"] >= 5
    refused = anonymous.get("/users", follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/login?next=")
    for role in ("viewer", "curator"):
        client = make_client()
        login_as(client, role)
        response = client.get("/users")
        assert response.status_code == 403 and "需要管理员角色" in response.text  # the role it needs, in words
        assert 'href="/users"' not in response.text  # the nav offers it to admins only
    admin = make_client()
    me = login_as(admin, "admin")
    page = admin.get("/users")
    assert page.status_code == 200 and me.name in page.text and 'href="/users"' in page.text


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DUIKOU_DB", "sqlite:///somewhere.db")
    monkeypatch.setenv("DUIKOU_WEB_PUBLIC", "0")
    monkeypatch.setenv("DUIKOU_BOUNDARIES", str(tmp_path))
    s = WebSettings.from_env()
    assert (s.db, s.public_read, s.boundaries) == ("sqlite:///somewhere.db", False, tmp_path)
    monkeypatch.setenv("DUIKOU_WEB_PUBLIC", "perhaps")
    with pytest.raises(ConfigError, match="DUIKOU_WEB_PUBLIC"):
        WebSettings.from_env()
    monkeypatch.delenv("DUIKOU_WEB_PUBLIC")
    monkeypatch.delenv("DUIKOU_BOUNDARIES")
    assert WebSettings.from_env().public_read is True


def test_a_missing_boundary_directory_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from duikou.web.app import create_app

    with pytest.raises(ConfigError, match="boundary directory"):
        create_app(WebSettings(db="sqlite:///x.db", boundaries=tmp_path / "nope"))


def test_without_a_session_htmx_goes_to_login_and_a_post_is_refused(
        make_client: Callable[..., TestClient]) -> None:
    client = make_client(public_read=False)
    partial = client.get("/?page=2", headers={"HX-Request": "true"}, follow_redirects=False)
    assert partial.status_code == 401 and partial.headers["HX-Redirect"] == "/login?next=%2F%3Fpage%3D2"
    posted = client.post("/users", data={"name": "x"}, follow_redirects=False)
    assert posted.status_code == 401 and "登录" in posted.text
