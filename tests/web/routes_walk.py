"""Walking the app's routes: which change something, which role they need, a URL to call each with."""
from __future__ import annotations

import re
from typing import Any, Iterator

from fastapi import FastAPI
from fastapi.routing import APIRoute

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# POST /login is protected by its own pre-session token (tests/web/test_auth.py), not by a session's.
OWN_CSRF = {("POST", "/login")}
_PARAM = re.compile(r"\{(\w+)(?::(\w+))?\}")


def writer_roles(dependant: Any) -> set[str]:
    """The roles of every require_writer dependency in ``dependant``'s tree."""
    found = set()
    for dep in dependant.dependencies:
        role = getattr(dep.call, "writer_role", None)
        if role:
            found.add(role)
        found |= writer_roles(dep)
    return found


def concrete(path: str) -> str:
    """``path`` with each parameter filled in (``1`` for an int, else ``x``)."""
    return _PARAM.sub(lambda m: "1" if m.group(2) in ("int", "float") else "x", path)


def api_routes(app: FastAPI) -> Iterator[Any]:
    """Every route of the app's routers as the app runs it: ``path``, ``methods`` and ``dependant`` with
    the dependencies the app added when including its router (the reader gate)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # FastAPI before included routers were kept as such: app.routes is flat
        yield from (r for r in app.routes if isinstance(r, APIRoute))
        return
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            yield context


def write_routes(app: FastAPI) -> Iterator[tuple[str, Any]]:
    """(method, route) for every route that changes something."""
    for route in api_routes(app):
        for method in sorted(set(route.methods) & WRITE_METHODS):
            yield method, route


def read_routes(app: FastAPI) -> Iterator[Any]:
    """Every GET route of the app's routers."""
    for route in api_routes(app):
        if "GET" in route.methods:
            yield route
