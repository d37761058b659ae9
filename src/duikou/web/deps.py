"""What a route depends on: the ledger's engine, who is signed in, the writer's role and CSRF check, and
rendering a page with what every template needs.

A route reads with ``user: User | None = Depends(reader)`` (every route of a discovered router already
depends on :func:`reader`, so with ``public_read`` off nobody reads without a session) and writes with
``user: User = Depends(require_writer("curator"))``.
"""
from __future__ import annotations

import secrets
import threading
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote

from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Engine

from duikou.services import users
from duikou.services.users import User, check_role
from duikou.web import labels
from duikou.web.config import WebSettings
from duikou.web.templating import templates

__all__ = ["User", "engine", "settings_of", "reader", "require_writer", "require_role", "render", "flash",
           "csrf_token", "is_api", "LoginRequired", "SESSION_COOKIE", "LOGIN_CSRF_COOKIE"]

SESSION_COOKIE = "duikou_session"
LOGIN_CSRF_COOKIE = "duikou_login_csrf"  # the pre-session token that protects the login form itself
FLASH_COOKIE = "duikou_flash"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
_engine_lock = threading.Lock()
_UNSEEN = object()
# Every page words the ledger's values through labels.yaml: the filter ``label`` and ``labels_of(group)``.
labels.install(templates.env)


class LoginRequired(Exception):
    """Reading needs a session (``public_read`` is off): a page goes to /login, the API answers 401."""


def is_api(request: Request) -> bool:
    """Whether ``request`` is for the JSON API (errors as JSON) rather than a page."""
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def settings_of(request: Request) -> WebSettings:
    """The app's :class:`WebSettings`."""
    settings: WebSettings = request.app.state.settings
    return settings


def engine(request: Request) -> Engine:
    """The app's one engine (made at startup with the ledger's migrations applied, disposed at shutdown;
    made here on first use when the app runs without its lifespan)."""
    state = request.app.state
    if getattr(state, "engine", None) is None:
        from duikou.ledger import db as ledger_db

        with _engine_lock:
            if getattr(state, "engine", None) is None:
                state.engine = ledger_db.engine(settings_of(request).db)
    eng: Engine = state.engine
    return eng


def session_of(request: Request) -> users.Session | None:
    """The live session of the request's cookie (looked up once per request), else None."""
    live: users.Session | None | object = getattr(request.state, "duikou_session", _UNSEEN)
    if live is _UNSEEN:
        token = request.cookies.get(SESSION_COOKIE, "")
        live = users.session(engine(request), token) if token else None
        request.state.duikou_session = live
    return live if isinstance(live, users.Session) else None


async def reader(request: Request) -> User | None:
    """The signed-in user, or None; with ``public_read`` off, nobody signed in is refused (LoginRequired).

    Every route depends on it, so it is ``async``: a request without a session cookie needs no database and
    no turn in the page lane (:mod:`duikou.web.lanes`); a session is looked up in the lane."""
    live = await run_in_threadpool(session_of, request) if request.cookies.get(SESSION_COOKIE) \
        else session_of(request)
    if live is None and not settings_of(request).public_read:
        raise LoginRequired()
    return live.user if live else None


@lru_cache(maxsize=None)
def require_role(role: str) -> Callable[[Request], User]:
    """A dependency for a page or API read that only ``role`` (or higher) may see, such as the account
    list: nobody signed in goes to the login page (401 under /api), a lower role gets 403."""
    check_role(role)

    def holder(request: Request) -> User:
        live = session_of(request)
        if live is None:
            raise LoginRequired()
        if not live.user.can(role):
            raise HTTPException(403, f"此页面需要{labels.label('user_role', role)}角色，"
                                     f"您当前的角色是{labels.label('user_role', live.user.role)}。")
        return live.user

    holder.__name__ = f"require_role_{role}"
    return holder


def flash(response: Response, message: str) -> Response:
    """Show ``message`` once, on the next page rendered (after a POST's redirect); returns ``response``."""
    response.set_cookie(FLASH_COOKIE, quote(message[:300]), max_age=60, httponly=True, samesite="lax")
    return response


def csrf_token(request: Request) -> str:
    """The CSRF token forms and htmx requests of this session must send ("" when nobody is signed in)."""
    live = session_of(request)
    return live.csrf if live else ""


async def _sent_token(request: Request) -> str:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    if request.headers.get("content-type", "").split(";")[0].strip().lower() in _FORMS:
        value = (await request.form()).get(CSRF_FIELD)  # Starlette keeps the parsed form for the route
        return value if isinstance(value, str) else ""
    return ""


@lru_cache(maxsize=None)
def require_writer(role: str) -> Callable[[Request], Awaitable[User]]:
    """A dependency for a route that changes something: the signed-in user when they hold ``role`` (or a
    higher one) and sent the session's CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``).

    Refuses with 401 without a session, 403 for a lower role, 403 for a missing or wrong token. Every
    non-GET route must depend on it (tests/web/test_csrf.py walks the routes); the same role gives the
    same callable, so FastAPI runs it once per request.
    """
    check_role(role)

    async def writer(request: Request) -> User:
        live = await run_in_threadpool(session_of, request)
        if live is None:
            raise HTTPException(401, "请先登录再进行此操作。")
        if not live.user.can(role):
            raise HTTPException(403, f"此操作需要{labels.label('user_role', role)}角色，"
                                     f"您当前的角色是{labels.label('user_role', live.user.role)}。")
        sent = await _sent_token(request)
        if not sent or not secrets.compare_digest(sent.encode(), live.csrf.encode()):
            raise HTTPException(403, "表单的安全令牌缺失或已过期：请刷新页面后重试。")
        return live.user

    writer.writer_role = role  # type: ignore[attr-defined]  # how the route walk recognises it
    writer.__name__ = f"require_writer_{role}"
    return writer


def render(request: Request, name: str, context: dict[str, Any] | None = None,
           status_code: int = 200) -> HTMLResponse:
    """The template ``name`` with ``context`` and what every page needs: ``request``, ``user`` (or None),
    ``csrf_token``, ``settings`` and ``query`` (the URL's query parameters, a dict of the last value of
    each). These five names are the page's own: a context key of the same name is replaced. ``flash`` (a
    one-line message at the top) is the context's, else the one :func:`flash` left for this page."""
    try:
        live = session_of(request)
    except Exception:  # noqa: BLE001 - an error page must render even when the ledger cannot be read
        live = None
    ctx = dict(context or {})
    shown = unquote(request.cookies.get(FLASH_COOKIE, ""))
    ctx.update(request=request, user=live.user if live else None, csrf_token=live.csrf if live else "",
               settings=settings_of(request), query=dict(request.query_params))
    ctx.setdefault("flash", shown)
    response: HTMLResponse = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    if shown:
        response.delete_cookie(FLASH_COOKIE)
    return response
