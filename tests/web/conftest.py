"""Fixtures for the web app's tests, on SQLite and on PostgreSQL.

- ``web_db``: a ledger URL holding the five seed reports, a fresh copy for every test (so a test may write).
- ``app_client``: a FastAPI TestClient over ``web_db`` (reading public); ``make_client(**settings)`` for
  other settings (``public_read=False``...).
- ``login_as(client, role)``: a new account with ``role``, signed in through POST /login; ``csrf(client)``:
  the token the client's session must send with a write; ``add_account(db, role)``: an account, not signed in.
- ``live_server``: the app on uvicorn in a thread over ``web_db`` (the same test's ``web_db`` is the ledger
  it serves); yields the base URL.
- ``browser_page``: a Playwright (sync) page in the distribution's Chromium, skipped when there is none;
  ``browser_login(page, base_url, role)`` signs it in; ``screenshot(page, name)`` saves a PNG under
  ``.artifacts/screenshots/``.
"""
from __future__ import annotations

import itertools
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.ledger.conftest import pg_server  # noqa: F401 - the PostgreSQL server fixture, shared
from tests.pg import scratch_database

pytest.importorskip("fastapi", reason="the web tests need the web extra: pip install -e '.[dev]'")

from fastapi.testclient import TestClient  # noqa: E402

from duikou.services import users  # noqa: E402
from duikou.web.app import create_app  # noqa: E402
from duikou.web.config import WebSettings  # noqa: E402
from duikou.web.deps import LOGIN_CSRF_COOKIE, SESSION_COOKIE  # noqa: E402

SCREENSHOTS = REPO / ".artifacts" / "screenshots"
PASSWORD = "correct horse battery"  # every test account's password
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_names = itertools.count(1)


# --- ledgers -------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def seeded_sqlite(seed_paths: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite ledger file with the seed reports, built once per session (tests get copies)."""
    from duikou import services

    path = tmp_path_factory.mktemp("web-seeded") / "ledger.db"
    summary = services.build([str(p) for p in seed_paths], db=f"sqlite:///{path}")
    assert summary.ok, summary.line()
    return path


@pytest.fixture(scope="session")
def seeded_pg(pg_server: str, seed_paths: list[Path]) -> Iterator[str]:  # noqa: F811 - pg_server is the fixture
    """The name of a PostgreSQL database with the seed reports, built once per session; copies of it are
    made with CREATE DATABASE ... TEMPLATE (no connection to it stays open)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from duikou import services

    name = f"duikou_web_tmpl_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(pg_server).set(database=name).render_as_string(hide_password=False)
        summary = services.build([str(p) for p in seed_paths], db=url)
        assert summary.ok, summary.line()
        yield name
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _sqlite_copy(source: Path, target_dir: Path) -> str:
    target = target_dir / "ledger.db"
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm"):  # normally gone once the build's engine closed, copied if not
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return f"sqlite:///{target}"


@pytest.fixture(params=["sqlite", "postgresql"])
def web_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A ledger URL with the seed reports built in: a copy of the session's ledger for this test alone,
    on SQLite and on PostgreSQL (skipped when the server is unreachable or ../shared is absent)."""
    if request.param == "sqlite":
        yield _sqlite_copy(request.getfixturevalue("seeded_sqlite"), tmp_path)
        return
    server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("seeded_pg")
    with scratch_database(server, template, prefix="duikou_web") as url:
        yield url


# --- the app in process -------------------------------------------------------------------------------

@pytest.fixture
def make_client(web_db: str) -> Iterator[Callable[..., TestClient]]:
    """``make_client(**settings)``: a TestClient (lifespan started) over ``web_db`` with those
    :class:`WebSettings` fields changed (e.g. ``public_read=False``); closed after the test."""
    opened: list[TestClient] = []

    def make(**changes: Any) -> TestClient:
        client = TestClient(create_app(WebSettings(db=web_db, **changes)), raise_server_exceptions=False)
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def app_client(make_client: Callable[..., TestClient]) -> TestClient:
    """A TestClient over ``web_db`` with the default settings (reading public), nobody signed in. Server
    errors come back as the 500 page (as a browser sees them), not as exceptions."""
    return make_client()


def db_of(client: TestClient) -> Any:
    """The ledger of the client's app as the services take it: the app's own open engine (opening the URL
    again would check the migrations again, which is slow), else its URL."""
    state = client.app.state  # type: ignore[attr-defined]
    return state.engine if getattr(state, "engine", None) is not None else state.settings.db


def new_account(db: str, role: str, name: str | None = None, password: str = PASSWORD) -> users.User:
    """An account with ``role`` made through :mod:`duikou.services.users` (password :data:`PASSWORD`)."""
    return users.add_user(db, name or f"{role}{next(_names)}", password, role)


@pytest.fixture
def add_account() -> Callable[..., users.User]:
    """``add_account(db, role, name=None, password=PASSWORD) -> User``: an account, not signed in."""
    return new_account


def sign_in(client: TestClient, name: str, password: str = PASSWORD, next_url: str = "/") -> Any:
    """GET /login (for its form token) then POST /login as a browser would; the POST's response."""
    page = client.get("/login")
    assert page.status_code == 200, page.text
    token = client.cookies.get(LOGIN_CSRF_COOKIE)
    assert token, "GET /login sets the login form's token cookie"
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": next_url},
                       follow_redirects=False)


def login(client: TestClient, role: str, name: str | None = None) -> users.User:
    """A new account with ``role``, signed in on ``client`` through POST /login."""
    user = new_account(db_of(client), role, name)
    response = sign_in(client, user.name)
    assert response.status_code == 303, response.text
    assert client.cookies.get(SESSION_COOKIE)
    return user


@pytest.fixture
def login_as() -> Callable[..., users.User]:
    """``login_as(client, role, name=None) -> User``: a new account with ``role`` signed in on ``client``
    through POST /login; afterwards ``csrf(client)`` is the token its writes must send."""
    return login


def csrf_of(client: TestClient) -> str:
    """The CSRF token of the client's session (send it as form field ``csrf_token`` or header
    ``X-CSRF-Token``); "" when the client is not signed in."""
    live = users.session(db_of(client), client.cookies.get(SESSION_COOKIE) or "")
    return live.csrf if live else ""


@pytest.fixture
def csrf() -> Callable[[TestClient], str]:
    """``csrf(client) -> str``: the CSRF token of the client's session."""
    return csrf_of


# --- a real server and a real browser ------------------------------------------------------------------

@pytest.fixture
def live_server(web_db: str) -> Iterator[str]:
    """``create_app`` over ``web_db`` on uvicorn in a background thread, on a free port of 127.0.0.1;
    yields the base URL (``http://127.0.0.1:PORT``), stops the server afterwards."""
    uvicorn = pytest.importorskip("uvicorn")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the server is handed the bound socket: no race for the port
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(WebSettings(db=web_db)), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def chromium_path() -> str | None:
    """The distribution's Chromium (``/usr/bin/chromium`` or ``chromium`` on PATH), else None."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session (Playwright driving the system's browser)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is in the dev extras")
    exe = chromium_path()
    if exe is None:
        pytest.skip("no Chromium (/usr/bin/chromium): install the distribution's chromium package "
                    "(.ci/run does) to run the browser tests")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def browser_page(browser: Any) -> Iterator[Any]:
    """A fresh page (its own cookies) in the session's Chromium, 1280×900, Chinese locale."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


def browser_sign_in(page: Any, base_url: str, db: str, role: str, name: str | None = None) -> users.User:
    """A new account with ``role`` in ``db``, signed in on ``page`` through the login form."""
    user = new_account(db, role, name)
    page.goto(f"{base_url}/login")
    page.fill("input[name=name]", user.name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{base_url}/")
    return user


@pytest.fixture
def browser_login(web_db: str) -> Callable[..., users.User]:
    """``browser_login(page, base_url, role, name=None) -> User``: sign ``page`` in on ``live_server``
    with a new account of ``role`` (made in the same test's ``web_db``)."""
    return lambda page, base_url, role, name=None: browser_sign_in(page, base_url, web_db, role, name)


def save_screenshot(page: Any, name: str) -> Path:
    """Save the whole page as ``.artifacts/screenshots/NAME.png`` (the test artefacts); its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """``screenshot(page, name) -> Path``: the page as ``.artifacts/screenshots/NAME.png``."""
    return save_screenshot
