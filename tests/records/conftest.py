"""Records tests run on the ledger fixtures (SQLite and a scratch PostgreSQL database) with the real
gazetteer: the example 台账 names real regions (溧阳市, 略阳县)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ledger.conftest import db_url, pg_server, pg_template, pg_url  # noqa: F401 - the ledgers' fixtures

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "taizhang"


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example 台账, written afresh by its script (so the test checks the script too)."""
    import runpy

    out = tmp_path_factory.mktemp("taizhang") / "taizhang_2023.xlsx"
    module = runpy.run_path(str(EXAMPLE / "make_example.py"))
    module["save"](module["build"](), out)
    return out
