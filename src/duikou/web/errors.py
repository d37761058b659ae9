"""Errors as a reader sees them: a page (error.html) or, under /api, JSON ``{"error": "..."}``; never a
traceback (anything unexpected is logged here and shown as "something went wrong").

duikou's own errors (:class:`~duikou.errors.DuikouError`) say what was wrong with the request: 400, or 404
for a :class:`~duikou.errors.NotFoundError`, which a service raises when the id it was given names nothing
in the ledger (its ``what`` worded by labels.yaml's ``missing``), and :class:`NotFound` a route raises
with its own message. This is the one place that maps them.
"""
from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from duikou.errors import ConfigError, DuikouError, NotFoundError
from duikou.web.deps import LoginRequired, is_api, render
from duikou.web.labels import label, labels

log = logging.getLogger("duikou.web")

TITLES = {400: "请求有误", 401: "需要登录", 403: "没有权限", 404: "找不到页面", 405: "不支持的请求方法",
          413: "请求过大", 500: "出错了", 503: "暂时无法提供服务"}


class NotFound(NotFoundError):
    """What a URL names (a region, a document, a fact) is not in the ledger: 404, with the route's message."""


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """``message`` with ``status``: JSON under /api, else the error page."""
    if is_api(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    response = render(request, "error.html", {"status": status, "title": TITLES.get(status, "出错了"),
                                              "message": message}, status_code=status)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


async def _login_required(request: Request, exc: Exception) -> Response:
    message = "这个账本需要登录后才能查看。"
    if is_api(request):
        return JSONResponse({"error": message}, status_code=401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    login = f"/login?next={quote(target, safe='')}"
    if request.headers.get("HX-Request"):  # htmx would put the login page inside a fragment: go to it instead
        return Response(status_code=401, headers={"HX-Redirect": login})
    if request.method not in ("GET", "HEAD"):  # a form posted without a session: refused, not redirected
        return error_response(request, 401, message)
    return RedirectResponse(login, status_code=303)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    default = {404: "没有这个页面。", 405: "这个地址不接受这种请求。"}.get(status, TITLES.get(status, "出错了"))
    message = exc.detail if isinstance(exc.detail, str) and exc.detail and status not in (404, 405) else default
    return error_response(request, status, message, dict(exc.headers or {}))


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    # Name the parameter and what was wrong, without echoing the value (it may be long or hostile).
    parts = []
    known = labels("invalid")
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path", "form"))
        kind = str(err.get("type", ""))
        parts.append(f"{where or '请求'}：{known[kind] if kind in known else err.get('msg', '无效')}")
    return error_response(request, 400, "请求参数有误 — " + "；".join(parts))


async def _duikou_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DuikouError)
    if isinstance(exc, ConfigError):
        log.error("configuration error: %s", exc)
        return error_response(request, 503, str(exc))
    if isinstance(exc, NotFoundError):
        return error_response(request, 404, missing(exc))
    return error_response(request, 400, worded(exc))


def worded(exc: DuikouError) -> str:
    """A service's error as a page says it: labels.yaml's ``error`` words for its ``code`` (filled with
    its ``params``), else its own message."""
    code = getattr(exc, "code", None)
    if isinstance(code, str) and code in labels("error"):
        try:
            return label("error", code).format(**getattr(exc, "params", {}))
        except (KeyError, IndexError, ValueError):  # a word naming a param the error lacks: its message
            return str(exc)
    return str(exc)


def missing(exc: NotFoundError) -> str:
    """What a 404 says: the service's ``what`` and ``key`` in labels.yaml's words, else the message."""
    if exc.what and exc.what in labels("missing"):
        return label("missing", exc.what).format(key=exc.key)
    return str(exc)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "出了点问题，请稍后再试。错误已记入服务器日志。")


def install(app: FastAPI) -> None:
    """Attach the handlers to ``app``."""
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(DuikouError, _duikou_error)
    app.add_exception_handler(Exception, _unexpected)
