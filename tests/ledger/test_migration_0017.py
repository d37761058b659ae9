"""Migration 0017 (the review queue's partial indexes, PostgreSQL's trigram indexes for search) on SQLite and
PostgreSQL: down to 0016 and up again keeps the ledger and the queue; the indexes are there (the trigram
ones on PostgreSQL only); a role that may not create pg_trgm still migrates, without them."""
from __future__ import annotations

import uuid

from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from duikou.ledger import db, review
from duikou.ledger.dump import canonical_dump
from duikou.ledger.review_queue import queue
from tests.ledger.helpers import helper_report, other_report, recipient_report, store

QUEUE = {"ix_facts_unreviewed", "ix_facts_reviewed"}
TRIGRAMS = {"ix_documents_title_trgm", "ix_documents_outlet_trgm"}


def _indexes(eng, table: str) -> set[str]:  # type: ignore[no-untyped-def]
    with eng.connect() as conn:
        return {i["name"] for i in inspect(conn).get_indexes(table)}


def test_round_trip_keeps_the_ledger_and_the_queue(ledger) -> None:  # type: ignore[no-untyped-def]
    for d, r in (helper_report(), recipient_report(), other_report()):
        store(ledger, d, r)
    eng = ledger.engine
    first = queue(eng, limit=3)[0][0]["fact"]
    review.accept(eng, first, "reviewer-a")
    before, pages = canonical_dump(eng), {s: queue(eng, state=s, limit=1000) for s in ("unreviewed", "accepted", "all")}
    assert QUEUE <= _indexes(eng, "facts")
    assert (TRIGRAMS <= _indexes(eng, "documents")) == (eng.dialect.name == "postgresql")
    with db.transaction(eng) as conn:
        command.downgrade(db._alembic_config(conn), "0016")
    facts_indexes, doc_indexes = _indexes(eng, "facts"), _indexes(eng, "documents")
    assert "ix_facts_review_queue" in facts_indexes and not QUEUE & facts_indexes and not TRIGRAMS & doc_indexes
    db.upgrade(eng)
    assert QUEUE <= _indexes(eng, "facts") and "ix_facts_review_queue" not in _indexes(eng, "facts")
    assert canonical_dump(eng) == before
    assert {s: queue(eng, state=s, limit=1000) for s in pages} == pages
    assert pages["accepted"][0][0]["fact"] == first and pages["all"][1] == pages["unreviewed"][1] + 1


def test_a_role_that_may_not_create_the_extension_migrates_without_trigrams(pg_server: str) -> None:
    role, name = f"duikou_plain_{uuid.uuid4().hex[:8]}", f"duikou_notrgm_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    owner_url = make_url(pg_server).set(database=name)
    try:
        with create_engine(owner_url, isolation_level="AUTOCOMMIT").connect() as c:  # tables, but no extensions
            c.execute(text(f'REVOKE CREATE ON DATABASE "{name}" FROM PUBLIC'))
            c.execute(text(f'GRANT ALL ON SCHEMA public TO "{role}"'))
            c.execute(text("DROP EXTENSION IF EXISTS pg_trgm"))
        eng = db.engine(owner_url.set(username=role, password=None).render_as_string(hide_password=False))
        try:
            assert db.current_revision(eng) == "0017"
            assert QUEUE <= _indexes(eng, "facts") and not TRIGRAMS & _indexes(eng, "documents")
            with eng.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).scalar() == 0
        finally:
            eng.dispose()
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            c.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()

