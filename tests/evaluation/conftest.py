"""The evaluation's tests run on the ledger fixtures (SQLite and a scratch PostgreSQL database) with the real
gazetteer: pairings are named by the regions' real names."""
from __future__ import annotations

from tests.ledger.conftest import db_url, pg_server, pg_template, pg_url  # noqa: F401 - the ledgers' fixtures
