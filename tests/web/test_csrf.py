"""Nothing changes without a session, the role for it and the session's CSRF token: every write route of the
app (whoever wrote it) is walked and tried."""
from __future__ import annotations

from typing import Callable

from fastapi.testclient import TestClient

from duikou.services import users
from duikou.services.users import ROLES
from duikou.web.app import create_app
from duikou.web.config import WebSettings
from tests.web.conftest import csrf_of
from tests.web.routes_walk import OWN_CSRF, concrete, write_routes, writer_roles

REFUSED_CSRF = "安全令牌"


def test_every_write_route_depends_on_require_writer() -> None:
    app = create_app(WebSettings(db="sqlite:///unused.db"))
    routes = list(write_routes(app))
    assert {("POST", "/logout"), ("POST", "/users"), ("POST", "/users/{name}/role")} <= {(m, r.path) for m, r in routes}
    unguarded = [f"{m} {r.path}" for m, r in routes if (m, r.path) not in OWN_CSRF and not writer_roles(r.dependant)]
    assert not unguarded, f"write routes without require_writer: {unguarded}"


def test_every_write_route_refuses_no_session_and_a_missing_or_wrong_token(
        app_client: TestClient, make_client: Callable[..., TestClient],
        login_as: Callable[..., users.User]) -> None:
    anonymous = make_client()
    login_as(app_client, ROLES[-1])  # the highest role: only the token can be what is refused
    assert csrf_of(app_client)
    app = app_client.app
    for method, route in write_routes(app):  # type: ignore[arg-type]
        if (method, route.path) in OWN_CSRF:
            continue
        url = concrete(route.path)
        nobody = anonymous.request(method, url, data={"csrf_token": csrf_of(app_client)})
        assert nobody.status_code == 401, f"{method} {url} without a session: {nobody.status_code}"
        missing = app_client.request(method, url, data={"other": "1"})
        assert missing.status_code == 403 and REFUSED_CSRF in missing.text, f"{method} {url}: no token"
        wrong = app_client.request(method, url, data={"csrf_token": "0" * 43})
        assert wrong.status_code == 403 and REFUSED_CSRF in wrong.text, f"{method} {url}: wrong token"
        header = app_client.request(method, url, headers={"X-CSRF-Token": "0" * 43}, json={})
        assert header.status_code == 403 and REFUSED_CSRF in header.text, f"{method} {url}: wrong header"
        api = app_client.request(method, "/api" + url if not url.startswith("/api") else url,
                                 data={"csrf_token": "nope"})
        assert api.status_code in (403, 404, 405), f"{method} /api{url}: {api.status_code}"


def test_every_write_route_refuses_a_lower_role(make_client: Callable[..., TestClient],
                                                login_as: Callable[..., users.User]) -> None:
    clients = {}
    for role in ROLES[:-1]:
        clients[role] = make_client()
        login_as(clients[role], role)
    app = clients[ROLES[0]].app
    checked = 0
    for method, route in write_routes(app):  # type: ignore[arg-type]
        needed = writer_roles(route.dependant)
        for role, client in clients.items():
            if needed and all(ROLES.index(role) < ROLES.index(n) for n in needed):
                response = client.request(method, concrete(route.path), data={"csrf_token": csrf_of(client)})
                assert response.status_code == 403 and "角色" in response.text, f"{role}: {method} {route.path}"
                checked += 1
    assert checked >= 8  # viewer and curator against the four account routes at least


def test_the_token_in_a_header_or_a_form_lets_a_write_through(app_client: TestClient,
                                                               login_as: Callable[..., users.User]) -> None:
    login_as(app_client, "admin")
    made = app_client.post("/users", data={"name": "newcomer", "password": "long enough", "role": "viewer",
                                           "csrf_token": csrf_of(app_client)}, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/users"
    page = app_client.get("/users")
    assert "newcomer" in page.text and "已添加用户 newcomer" in page.text
    assert "已添加用户" not in app_client.get("/users").text  # the message is shown once
    changed = app_client.post("/users/newcomer/role", data={"role": "curator"},
                              headers={"X-CSRF-Token": csrf_of(app_client)}, follow_redirects=False)
    assert changed.status_code == 303
    assert [a.role for a in users.list_users(app_client.app.state.engine) if a.name == "newcomer"] == ["curator"]  # type: ignore[attr-defined]
    removed = app_client.post("/users/newcomer/remove", data={"csrf_token": csrf_of(app_client)},
                              follow_redirects=False)
    assert removed.status_code == 303
    after = app_client.get("/users").text
    assert "已删除用户 newcomer" in after and "/users/newcomer/" not in after
