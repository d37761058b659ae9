"""The seed reports built once per database (SQLite and PostgreSQL) for the list, search and export tests,
with a few facts reviewed through the review service: read-only tests share it."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select

from duikou import services
from duikou.ledger.db import engine
from duikou.ledger.tables import facts
from duikou.services import review
from tests.ledger.conftest import pg_server, pg_template  # noqa: F401 - the PostgreSQL fixtures, reused
from tests.pg import scratch_database


@dataclass(frozen=True)
class Seeded:
    """A seed ledger and the reviews made on it."""

    url: str
    accepted: dict[str, str] = field(default_factory=dict)  # fact kind -> the entity one of whose facts was accepted
    rejected_fact: str | None = None  # a rejected fact whose entity keeps another fact
    rejected_entity: str | None = None


@contextmanager
def seeded_ledger(request: pytest.FixtureRequest, seed_paths: list[Path], tmp_path_factory: pytest.TempPathFactory,
                  name: str) -> Iterator[str]:
    """The URL of a ledger with the seed reports built in, on the fixture's database (``request.param``:
    sqlite, a file under a temporary directory ``name``; postgresql, a scratch database copied from the
    migrated template, dropped on leaving)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp(name) / 'ledger.db'}"
        assert services.build([str(p) for p in seed_paths], db=url).ok
        yield url
        return
    server, template = request.getfixturevalue("pg_server"), request.getfixturevalue("pg_template")
    with scratch_database(server, template, prefix=f"duikou_{name}") as url:
        assert services.build([str(p) for p in seed_paths], db=url).ok
        yield url


def _review(url: str) -> Seeded:
    """Accept the first fact (by id) of the first pairing, event and amount; reject one fact of an entity
    that has two."""
    eng = engine(url)
    accepted: dict[str, str] = {}
    try:
        with eng.connect() as conn:
            for kind in ("pairings", "events", "amounts"):
                fact, entity = conn.execute(select(facts.c.id, facts.c.entity).where(facts.c.kind == kind)
                                            .order_by(facts.c.entity, facts.c.id).limit(1)).one()
                review.accept_fact(eng, fact, author="tester", reason="checked against the report")
                accepted[kind] = entity
            two = conn.execute(select(facts.c.entity).where(facts.c.entity.not_in(list(accepted.values())))
                               .group_by(facts.c.entity).having(func.count() >= 2)
                               .order_by(facts.c.entity).limit(1)).scalar()
            rejected = None
            if two is not None:
                rejected = conn.execute(select(facts.c.id).where(facts.c.entity == two)
                                        .order_by(facts.c.id).limit(1)).scalar_one()
                review.reject_fact(eng, rejected, author="tester", reason="not what the report says")
    finally:
        eng.dispose()
    return Seeded(url, accepted, rejected, two)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def seeded(request: pytest.FixtureRequest, seed_paths: list[Path],
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """The seeds in a ledger on each database, reviewed as :func:`_review` says."""
    with seeded_ledger(request, seed_paths, tmp_path_factory, "lists") as url:
        yield _review(url)
