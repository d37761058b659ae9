"""The web app (``duikou serve``): server-rendered pages (FastAPI + Jinja2 + htmx) and a JSON API under
``/api``, both calling :mod:`duikou.services`, as the CLI does.

The contract pages are written against:

- ``web/app.py`` — ``create_app(settings: WebSettings | None = None) -> FastAPI``. Every module of the package
  ``duikou.web.routes`` with a module-level ``router`` (``fastapi.APIRouter``) is included, sorted by module
  name: add ``routes/<name>.py``, never a line in app.py. Every route of such a router depends on
  ``deps.reader`` (a module with ``OPEN = True``, the login page, is left open). Pages are left out of the
  OpenAPI schema (``/api/openapi.json``, docs at ``/api/docs``), ``/api/...`` routes are in it. ``/static``
  serves ``web/static`` (vendored files in ``static/vendor``, listed in ``MANIFEST.json``), ``/maps`` the
  boundary directory (``settings.boundaries``). Engine: one per app, made at startup, disposed at shutdown.
- ``web/config.py`` — ``WebSettings`` (frozen): ``db`` (URL), ``public_read``, ``boundaries`` (Path),
  ``session_hours``, ``secure_cookies``, ``cache_mb``, ``threads``; ``WebSettings.from_env()`` reads
  ``DUIKOU_DB``, ``DUIKOU_WEB_PUBLIC`` (1/0), ``DUIKOU_BOUNDARIES``, ``DUIKOU_WEB_CACHE_MB``,
  ``DUIKOU_WEB_THREADS``.
- ``web/lanes.py`` — a process works on ``threads`` requests at once (the page lane: FastAPI's thread pool);
  a JSON route with a response model is decorated ``@in_page_lane`` (below ``@router.get``), so that its
  answer is checked without a second turn in the lane; a route that takes seconds (a download, a report) is
  ``async def`` and awaits ``slow_lane(request, work, ...)``.
- ``web/deps.py`` — dependencies and helpers:
  ``engine(request) -> sqlalchemy.Engine`` (pass it to the services as their ``db``);
  ``User`` (frozen: ``id``, ``name``, ``role``; ``user.can("curator")``);
  ``reader(request) -> User | None`` (async; the signed-in user; with ``public_read`` off nobody signed in is sent
  to ``/login?next=...``, or gets 401 JSON under ``/api``);
  ``require_role(role)`` for a GET only ``role`` may see (login redirect / 403);
  ``require_writer(role)`` for EVERY non-GET route: ``user: User = Depends(require_writer("curator"))``
  refuses no session (401), a lower role (403; roles ``viewer < curator < admin``,
  ``services.users.ROLES``) and a missing or wrong CSRF token (403) taken from the form field
  ``csrf_token`` or the header ``X-CSRF-Token`` (base.html makes htmx send the header on every request;
  forms add ``<input type="hidden" name="csrf_token" value="{{ csrf_token }}">``);
  ``render(request, "name.html", context, status_code=200) -> HTMLResponse`` adds ``request``, ``user``,
  ``csrf_token``, ``settings``, ``query`` (the URL's query parameters) and ``flash``;
  ``flash(response, message)`` shows a message once on the next page (after a POST's 303 redirect);
  ``is_api(request)``.
- ``web/errors.py`` — a ``DuikouError`` becomes the error page (``error.html``) or ``{"error": "..."}`` under
  ``/api`` with 400; raise ``errors.NotFound`` for 404; a bad parameter is 400 naming it; anything else is
  a 500 page ("something went wrong"), logged, never a traceback.
- ``web/templating.py`` — ``templates`` (one Jinja2 environment, autoescape on: never mark report text
  ``|safe``); filters ``num`` (``12,345``), ``money`` (yuan as ``元/万元/亿元``), ``day``, ``when``; the global
  ``url_with(request, **changes)`` (the current URL with query parameters changed, None drops one, any
  change but ``page`` resets the page) for filters, sort and paging kept in the URL.
- ``templates/base.html`` — blocks ``title``, ``head``, ``content``, ``scripts``; nav, who is signed in, the
  flash area. CSS classes in ``static/app.css``: ``table.data``, ``.num``, ``form.filters``, ``.pager``,
  ``.badge``, and per fact kind ``.k-pairings .k-events .k-agreements .k-amounts .k-counts .k-people
  .k-regions`` (variables ``--k-<kind>`` and ``--k-<kind>-edge``).
- ``web/security.py`` — every response carries a Content-Security-Policy with ``script-src 'self'``: no
  inline ``<script>`` or ``on...=`` attributes; JavaScript lives in ``static/js/*.js`` and reads its data
  from ``data-`` attributes or ``/api``.
- Tests: ``tests/web/conftest.py`` (``web_db``, ``app_client``, ``make_client``, ``login_as``, ``csrf``,
  ``live_server``, ``browser_page``, ``browser_login``, ``screenshot``); ``tests/web/test_csrf.py`` and
  ``test_access.py`` walk every route of the app, so a new write route without ``require_writer`` or a read
  open when login is required fails them.
"""
