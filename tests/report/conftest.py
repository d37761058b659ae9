"""Fixtures of the report tests: ``report_db``, the tests' ledger (tests/report/ledger.py) built once per
module on SQLite and on PostgreSQL; ``reports``, the two evaluations it holds (靖江市→永寿县 2021 from
the seeds, 溧阳市→略阳县 2023 from the example 台账) and each rendered once in every format."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ledger.conftest import pg_server, pg_template  # noqa: F401 - the PostgreSQL fixtures
from tests.report.ledger import EXAMPLE, SEEDS, fill

# The pairings reported on, as a user names them, and the year.
CASES = {"seeds": ("靖江市→永寿县", 2021), "taizhang": ("溧阳市→略阳县", 2023)}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def report_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip(f"../shared is absent ({SEEDS} has no reports)")
    if not EXAMPLE.exists():
        pytest.skip(f"the example 台账 {EXAMPLE} is absent")
    work = tmp_path_factory.mktemp("report-ledger")
    if request.param == "sqlite":
        url = f"sqlite:///{work / 'ledger.db'}"
        fill(url, seeds, work)
        yield url
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_template")
    name = f"duikou_report_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
        fill(url, seeds, work)
        yield url
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def reports(report_db: str) -> dict[str, Any]:
    """For each case: ``report`` (the EvaluationReport), ``view`` and ``docs`` (format -> bytes)."""
    from duikou.report import FORMATS, render, report_view
    from duikou.services.evaluation import evaluation_report

    out: dict[str, Any] = {}
    for case, (pairing, year) in CASES.items():
        report = evaluation_report(report_db, pairing, year)
        view = report_view(report)
        out[case] = {"report": report, "view": view, "docs": {f: render(view, f) for f in FORMATS}}
    return out


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path
