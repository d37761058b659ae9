"""Scratch PostgreSQL databases for the tests (the server and template fixtures are in tests/ledger/conftest.py)."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def scratch_database(server: str, template: str, prefix: str = "duikou_test") -> Iterator[str]:
    """A new database ``{prefix}_<12 hex>`` copied from ``template`` on ``server`` (an admin URL); yields
    its URL and drops it afterwards WITH (FORCE), so connections left open do not stop the drop."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        try:
            yield make_url(server).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
