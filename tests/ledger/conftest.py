"""Ledger fixtures: every ledger test runs on SQLite and on a scratch PostgreSQL database."""
from __future__ import annotations

import uuid
from typing import Iterator

import pytest

from duikou import settings
from duikou.reference import regions
from tests.ledger.helpers import FakeGazetteer
from tests.pg import scratch_database


@pytest.fixture(autouse=True)
def fake_gazetteer(monkeypatch: pytest.MonkeyPatch) -> FakeGazetteer:
    """A small fixed gazetteer, so the tests don't move with the real one."""
    g = FakeGazetteer()
    monkeypatch.setattr(regions, "gaz", lambda: g)
    return g


def _pg_url() -> str:
    return settings.get("test_pg")


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The test server's admin URL; skips when it cannot be reached."""
    from sqlalchemy import create_engine, text

    url = _pg_url()
    try:
        eng = create_engine(url, connect_args={"connect_timeout": 3})
        with eng.connect() as c:
            c.execute(text("SELECT 1"))
        eng.dispose()
    except Exception as err:  # noqa: BLE001 - any failure to connect means: no server here
        pytest.skip(f"PostgreSQL test server unreachable at {url} ({type(err).__name__}); set DUIKOU_TEST_PG")
    return url


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> Iterator[str]:
    """A migrated scratch database that each test's database is copied from (migrating once is faster)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from duikou.ledger.db import engine

    name = f"duikou_tmpl_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    engine(make_url(pg_server).set(database=name).render_as_string(hide_password=False)).dispose()
    try:
        yield name
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url(pg_server: str, pg_template: str) -> Iterator[str]:
    """A fresh, uniquely named scratch database copied from ``pg_template``, dropped afterwards."""
    with scratch_database(pg_server, pg_template) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def ledger(db_url: str):  # type: ignore[no-untyped-def]
    from duikou.ledger.store import Ledger

    lg = Ledger(db_url)
    yield lg
    lg.close()
