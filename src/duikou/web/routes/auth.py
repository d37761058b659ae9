"""Signing in and out: GET/POST /login (with ``next``), POST /logout.

The login form is protected before any session exists by a double-submitted token: GET /login sets a
random cookie and puts the same value in the form; POST /login accepts only when both are there and
equal (a page on another site can make the browser post, but cannot read the cookie to fill the form).
Any failure of name or password gets the one message :data:`FAILED`. After
:data:`~duikou.services.users.LoginThrottle` ``limit`` failures for one name or from one client address
within its window, sign-ins are refused unchecked (429, the same message, ``Retry-After``) until the
oldest of them leaves the window; the app keeps one throttle (``app.state.login_throttle``).
"""
from __future__ import annotations

import secrets
import threading

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from duikou.services import users
from duikou.web.deps import LOGIN_CSRF_COOKIE, SESSION_COOKIE, User, engine, render, require_writer, settings_of

OPEN = True  # the login page must be reachable when reading needs a session
router = APIRouter()

FAILED = "用户名或密码不正确。"
EXPIRED = "登录表单已过期，请重新登录。"
_throttle_lock = threading.Lock()


def throttle(request: Request) -> users.LoginThrottle:
    """The app's login throttle (made on first use)."""
    state = request.app.state
    with _throttle_lock:
        if getattr(state, "login_throttle", None) is None:
            state.login_throttle = users.LoginThrottle()
    found: users.LoginThrottle = state.login_throttle
    return found


def client_address(request: Request) -> str | None:
    """The address a sign-in comes from, as the server sees it (behind a reverse proxy, run uvicorn with
    --proxy-headers so this is the client's, not the proxy's; X-Forwarded-For is never read here, a
    client could write anything in it)."""
    return request.client.host if request.client else None


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site, else the home page (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target \
            or any(ord(c) < 32 for c in target):
        return "/"
    return target


def _login_page(request: Request, next_url: str, message: str = "", status_code: int = 200) -> Response:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = render(request, "login.html", {"login_csrf": token, "next": next_url, "message": message},
                      status_code=status_code)
    settings = settings_of(request)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, max_age=3600, httponly=True, samesite="strict",
                        secure=settings.secure_cookies, path="/login")
    return response


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str = "/") -> Response:
    """The sign-in form (and who is signed in already, if anyone)."""
    return _login_page(request, safe_next(next))


@router.post("/login", include_in_schema=False)
async def login(request: Request, name: str = Form(""), password: str = Form(""),
                csrf_token: str = Form(""), next: str = Form("/")) -> Response:
    """Sign in; on success a new session cookie and a redirect to ``next``."""
    target = safe_next(next)
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not csrf_token or not secrets.compare_digest(cookie.encode(), csrf_token.encode()):
        return _login_page(request, target, EXPIRED, status_code=403)
    eng = engine(request)
    limiter, address = throttle(request), client_address(request)
    wait = limiter.wait(name, address)
    if wait:  # refused without checking the password: the same words as a failure, and when to come back
        response = _login_page(request, target, FAILED, status_code=429)
        response.headers["Retry-After"] = str(wait)
        return response
    user = await run_in_threadpool(users.authenticate, eng, name, password)
    if user is None:
        limiter.failed(name, address)
        return _login_page(request, target, FAILED, status_code=401)
    limiter.succeeded(name, address)
    settings = settings_of(request)
    old = request.cookies.get(SESSION_COOKIE)
    if old:  # a fresh token for every sign-in: a session planted before login is never the one kept
        await run_in_threadpool(users.end_session, eng, old)
    token, _csrf = await run_in_threadpool(users.start_session, eng, user.id, settings.session_hours)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=int(settings.session_hours * 3600), httponly=True,
                        samesite="lax", secure=settings.secure_cookies, path="/")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, user: User = Depends(require_writer("viewer"))) -> Response:
    """Sign out: the session ends in the ledger (a copied cookie stops working too)."""
    users.end_session(engine(request), request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/" if settings_of(request).public_read else "/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
