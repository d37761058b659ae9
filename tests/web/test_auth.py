"""Signing in and out, sessions that end, the login form's own CSRF guard, argon2 hashes handled right."""
from __future__ import annotations

from typing import Any, Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, update

from duikou.ledger.tables import users as users_table
from duikou.ledger.tables import web_sessions
from duikou.services import users
from duikou.services.users import UserError
from duikou.web.deps import LOGIN_CSRF_COOKIE, SESSION_COOKIE
from duikou.web.routes.auth import FAILED
from tests.web.conftest import PASSWORD, csrf_of, db_of, new_account, sign_in


def _message_block(html: str) -> str:
    """The login page without its per-browser form token (the only part two failures may differ in)."""
    import re

    return re.sub(r'name="csrf_token" value="[^"]*"', "", html)


def test_login_signs_in_and_the_page_shows_who(app_client: TestClient) -> None:
    user = new_account(db_of(app_client), "curator")
    response = sign_in(app_client, user.name, next_url="/users?x=1")
    assert response.status_code == 303 and response.headers["location"] == "/users?x=1"
    cookie = response.headers["set-cookie"]
    assert f"{SESSION_COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie.split(f"{SESSION_COOKIE}=")[1].split(",")[0]
    home = app_client.get("/")
    assert home.status_code == 200 and user.name in home.text and "退出" in home.text
    assert csrf_of(app_client) and f'"X-CSRF-Token": "{csrf_of(app_client)}"' in home.text


def test_wrong_name_and_wrong_password_get_the_same_answer(app_client: TestClient) -> None:
    user = new_account(db_of(app_client), "viewer")
    wrong_password = sign_in(app_client, user.name, "not the password")
    wrong_name = sign_in(app_client, user.name + "x", PASSWORD)
    assert wrong_password.status_code == wrong_name.status_code == 401
    assert FAILED in wrong_password.text
    assert _message_block(wrong_password.text) == _message_block(wrong_name.text)
    assert not app_client.cookies.get(SESSION_COOKIE)
    assert "/login" in str(wrong_password.url)


def test_an_unknown_name_is_checked_against_a_dummy_hash(app_client: TestClient,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    calls: list[str] = []
    real = PasswordHasher.verify

    def counting(self: Any, hash: str, password: str) -> Any:
        calls.append(hash)
        return real(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    db = db_of(app_client)
    new_account(db, "viewer", "known")
    assert users.authenticate(db, "nobody-here", PASSWORD) is None
    assert users.authenticate(db, "known", "wrong password") is None
    assert len(calls) == 2 and all(h.startswith("$argon2") for h in calls)


def test_the_login_form_needs_its_cookie_and_token(app_client: TestClient) -> None:
    user = new_account(db_of(app_client), "viewer")
    # no cookie (a form posted from another site): refused before the password is looked at
    refused = app_client.post("/login", data={"name": user.name, "password": PASSWORD, "csrf_token": "abc"},
                              follow_redirects=False)
    assert refused.status_code == 403 and not app_client.cookies.get(SESSION_COOKIE)
    app_client.get("/login")
    assert app_client.cookies.get(LOGIN_CSRF_COOKIE)
    wrong = app_client.post("/login", data={"name": user.name, "password": PASSWORD, "csrf_token": "abc"},
                            follow_redirects=False)
    assert wrong.status_code == 403 and not app_client.cookies.get(SESSION_COOKIE)


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:x"])
def test_next_never_leaves_the_site(app_client: TestClient, target: str) -> None:
    user = new_account(db_of(app_client), "viewer")
    response = sign_in(app_client, user.name, next_url=target)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_logout_ends_the_session_in_the_ledger(app_client: TestClient,
                                               login_as: Callable[..., users.User]) -> None:
    login_as(app_client, "viewer")
    token = app_client.cookies.get(SESSION_COOKIE)
    assert token and users.session_user(db_of(app_client), token) is not None
    response = app_client.post("/logout", data={"csrf_token": csrf_of(app_client)}, follow_redirects=False)
    assert response.status_code == 303
    assert users.session_user(db_of(app_client), token) is None
    # the old cookie, replayed, signs nobody in
    app_client.cookies.set(SESSION_COOKIE, token)
    assert "退出" not in app_client.get("/").text
    assert app_client.post("/logout", data={"csrf_token": "x"}).status_code == 401


def test_a_revoked_session_is_refused(make_client: Callable[..., TestClient],
                                      login_as: Callable[..., users.User]) -> None:
    admin_client, viewer_client = make_client(), make_client()
    login_as(admin_client, "admin")
    viewer = login_as(viewer_client, "viewer")
    assert viewer.name in viewer_client.get("/").text
    response = admin_client.post(f"/users/{viewer.name}/revoke", data={"csrf_token": csrf_of(admin_client)},
                                 follow_redirects=False)
    assert response.status_code == 303
    assert "已结束" in admin_client.get("/users").text
    assert viewer.name not in viewer_client.get("/").text
    assert viewer_client.post("/logout", data={"csrf_token": "whatever"}).status_code == 401


def test_an_expired_session_is_refused(app_client: TestClient) -> None:
    db = db_of(app_client)
    user = new_account(db, "admin")
    token, csrf = users.start_session(db, user.id, hours=1)
    app_client.cookies.set(SESSION_COOKIE, token)
    assert user.name in app_client.get("/").text
    # The clock passes the session's end: its expiry set to the moment it began (a session a fraction of a
    # second long, waited out, failed when a loaded machine took longer than that over the first page).
    with db.begin() as conn:
        conn.execute(update(web_sessions).where(web_sessions.c.user_id == user.id)
                     .values(expires=web_sessions.c.created))
    assert users.session_user(db, token) is None
    assert user.name not in app_client.get("/").text
    assert app_client.post("/users/x/revoke", data={"csrf_token": csrf}).status_code == 401


def test_sessions_store_only_a_digest_of_the_token(web_db: str) -> None:
    user = new_account(web_db, "viewer")
    token, _ = users.start_session(web_db, user.id)
    eng = create_engine(web_db)
    try:
        with eng.connect() as conn:
            stored = [r[0] for r in conn.execute(select(web_sessions.c.token_hash))]
    finally:
        eng.dispose()
    assert stored == [users.token_hash(token)] and token not in stored


def test_an_old_hash_is_redone_at_the_next_good_login(web_db: str) -> None:
    from argon2 import PasswordHasher

    user = new_account(web_db, "viewer")
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    eng = create_engine(web_db)
    try:
        with eng.begin() as conn:
            conn.execute(update(users_table).where(users_table.c.id == user.id).values(password_hash=weak))
        assert users.authenticate(web_db, user.name, PASSWORD) == user
        with eng.connect() as conn:
            now = conn.execute(select(users_table.c.password_hash).where(users_table.c.id == user.id)).scalar_one()
    finally:
        eng.dispose()
    assert now != weak and now.startswith("$argon2") and not PasswordHasher().check_needs_rehash(now)


@pytest.mark.parametrize("name, password, role, said", [
    ("ann", "short", "viewer", "at least 8"),
    ("ann", "long enough", "boss", "no role"),
    ("", "long enough", "viewer", "user name"),
    ("a/b", "long enough", "viewer", "user name"),
])
def test_bad_accounts_are_refused_clearly(web_db: str, name: str, password: str, role: str, said: str) -> None:
    with pytest.raises(UserError, match=said):
        users.add_user(web_db, name, password, role)


def test_the_only_admin_stays_and_names_are_unique(web_db: str) -> None:
    admin = new_account(web_db, "admin", "boss")
    with pytest.raises(UserError, match="already"):
        new_account(web_db, "viewer", "boss")
    with pytest.raises(UserError, match="only admin"):
        users.set_role(web_db, admin.name, "viewer")
    with pytest.raises(UserError, match="only admin"):
        users.remove_user(web_db, admin.name)
    new_account(web_db, "admin", "second")
    assert users.set_role(web_db, admin.name, "curator").role == "curator"
    token, _ = users.start_session(web_db, admin.id)
    users.remove_user(web_db, admin.name)
    assert users.session_user(web_db, token) is None
    assert [a.name for a in users.list_users(web_db)] == ["second"]
