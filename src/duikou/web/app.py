"""The FastAPI application: settings, the ledger's engine for the app's life, the routers of
:mod:`duikou.web.routes`, static files, boundary files, error pages."""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from types import ModuleType

from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from duikou import __version__
from duikou.errors import ConfigError
from duikou.web import errors, routes
from duikou.web.cache import GenerationCache
from duikou.web.config import DEFAULT_BOUNDARIES, STATIC_DIR, WebSettings
from duikou.web.deps import reader
from duikou.web.lanes import open_lanes
from duikou.web.security import SecurityHeaders


def route_modules() -> list[ModuleType]:
    """Every module of :mod:`duikou.web.routes` with a module-level ``router``, by name."""
    found = []
    for info in sorted(pkgutil.iter_modules(routes.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{routes.__name__}.{info.name}")
        if isinstance(getattr(module, "router", None), APIRouter):
            found.append(module)
    return found


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    from duikou.ledger import db as ledger_db

    # One engine (one pool) for the app's life; opening it applies pending migrations before any request.
    app.state.engine = ledger_db.engine(app.state.settings.db)
    app.state.threads = open_lanes(app.state, app.state.engine.dialect.name, app.state.settings.threads)
    try:
        yield
    finally:
        app.state.engine.dispose()
        app.state.engine = None


def _generation_of(app: FastAPI) -> Callable[[Scope], str | None]:
    """The ledger generation the page cache keys by; None (no caching) before the engine is open or when
    reading needs a login (every page then depends on who asks)."""
    from duikou.services.generation import generation

    def current(scope: Scope) -> str | None:
        engine = app.state.engine
        if engine is None or not app.state.settings.public_read:
            return None
        return generation(engine)

    return current


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The web app over the ledger of ``settings`` (default: :meth:`WebSettings.from_env`).

    Each module of ``duikou.web.routes`` with a ``router`` is included (sorted by name), and every route
    of it depends on :func:`duikou.web.deps.reader`, so a ledger that needs login is read by no one
    signed out; a module with ``OPEN = True`` (the login page) is left open.
    """
    settings = settings or WebSettings.from_env()
    if settings.boundaries != DEFAULT_BOUNDARIES and not settings.boundaries.is_dir():
        raise ConfigError(f"the boundary directory {settings.boundaries} does not exist (DUIKOU_BOUNDARIES)")
    # The docs page is routes/apidocs.py's: Swagger UI from /static/vendor, not a CDN (the app runs offline).
    app = FastAPI(title="duikou", version=__version__, lifespan=_lifespan, docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="The ledger of paired-assistance reports: every value with its sources.")
    app.state.settings = settings
    app.state.engine = None
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    if settings.cache_mb > 0:
        # Outermost, so a page sent again carries the security headers it was first sent with.
        app.add_middleware(GenerationCache, generation=_generation_of(app), max_bytes=settings.cache_mb << 20)
    for module in route_modules():
        for route in module.router.routes:  # the OpenAPI schema documents the JSON API; pages stay out of it
            if isinstance(route, APIRoute) and not route.path.startswith("/api"):
                route.include_in_schema = False
        gate = [] if getattr(module, "OPEN", False) else [Depends(reader)]
        app.include_router(module.router, dependencies=gate)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # The package's boundary directory is filled by a maintainer script; until then /maps serves 404s.
    app.mount("/maps", StaticFiles(directory=settings.boundaries, check_dir=False), name="maps")
    return app
