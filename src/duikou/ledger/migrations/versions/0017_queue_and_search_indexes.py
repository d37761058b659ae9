"""Indexes for the review queue and the search box (measured on a 20,000-report ledger: 171,000 facts).

- facts: ``ix_facts_review_queue`` (0016: review, confidence, kind, entity, id over every fact) is split
  in two partial indexes holding the same entries: ``ix_facts_unreviewed`` (kind, confidence, entity, id,
  review) WHERE review IS NULL, and ``ix_facts_reviewed`` (review, confidence, kind, entity, id) WHERE
  review IS NOT NULL. PostgreSQL does not read ``review IS NULL`` as an equality, so the queue's
  ``min(confidence)`` and counts of unreviewed facts were sequential scans of the table (70 ms each);
  with the predicate in the index they are index reads, and a group's facts of one kind and entity are
  one range of it (the queue walks the most cited entities first: ``duikou.ledger.review_queue``).
  ``review`` is the unreviewed index's last column although it is always NULL there: SQLite reads an
  index as covering only when it holds every column the query names (its count read the table without).
  Each fact is in exactly one of the two, so a build writes no more index entries than before.
- documents: on PostgreSQL, trigram GIN indexes (``pg_trgm``) on ``title`` and ``outlet``: the search box's
  ``LIKE '%word%'`` over every report was a sequential scan (22 ms for a three-character word; 0.3 ms with
  them). The extension is created when the database lets this role create it; when it cannot (not
  installed, no privilege) the indexes are left out and search scans as before. SQLite has no trigram
  index; its search matches with ``instr`` instead (``duikou.ledger.search_rows``).

Revision ID: 0017
Revises: 0016
"""
from alembic import op
import sqlalchemy as sa

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TRIGRAM_INDEXES = {"ix_documents_title_trgm": "title", "ix_documents_outlet_trgm": "outlet"}


def upgrade() -> None:
    op.drop_index("ix_facts_review_queue", table_name="facts")
    op.create_index("ix_facts_unreviewed", "facts", ["kind", "confidence", "entity", "id", "review"],
                    sqlite_where=sa.text("review IS NULL"), postgresql_where=sa.text("review IS NULL"))
    op.create_index("ix_facts_reviewed", "facts", ["review", "confidence", "kind", "entity", "id"],
                    sqlite_where=sa.text("review IS NOT NULL"), postgresql_where=sa.text("review IS NOT NULL"))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and _trigrams(bind):
        for name, column in TRIGRAM_INDEXES.items():
            op.create_index(name, "documents", [column], postgresql_using="gin",
                            postgresql_ops={column: "gin_trgm_ops"})


def _trigrams(bind: sa.Connection) -> bool:
    """Whether ``pg_trgm`` is there, creating it when this role may. Tried in a savepoint: a refused
    CREATE EXTENSION would otherwise abort the whole migration's transaction."""
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return False
    return True


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in TRIGRAM_INDEXES:  # the extension stays: other objects may use it by now
            op.execute(sa.text(f"DROP INDEX IF EXISTS {name}"))
    op.drop_index("ix_facts_reviewed", table_name="facts")
    op.drop_index("ix_facts_unreviewed", table_name="facts")
    op.create_index("ix_facts_review_queue", "facts", ["review", "confidence", "kind", "entity", "id"])
