"""Indexes for the web app's pages (measured by benchmarks/web.py on a 20,000-report ledger).

- entity_documents (entity_id, published, source, document_id, side) replaces (entity_id, published,
  source): the per-entity LIMITed reads of an entity's reports (map lines, profiles' sources, a
  pairing's latest reports) and the pairings' years then come from the index alone, with no table
  lookup per row (the map data's reports: 137 ms -> 14 ms on SQLite).
- documents (published DESC NULLS LAST, id): the documents list in its default order (newest first,
  undated last) reads a page from the index instead of sorting every report (the last page: 47 ms ->
  6 ms on PostgreSQL, 300 ms -> 1 ms on SQLite), and the years the documents list offers come from the
  index instead of a scan of the table, whose rows hold the reports' text.
- documents (title, outlet, status, published, source, side): search by title or outlet scans this
  narrow index instead of the table with the text (172 ms -> 20 ms on SQLite; PostgreSQL keeps its
  sequential scan, the text being out of line there).

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_ORDER_OLD = ["entity_id", "published", "source"]
_ORDER_NEW = ["entity_id", "published", "source", "document_id", "side"]


def upgrade() -> None:
    op.drop_index("ix_entity_documents_order", table_name="entity_documents")
    op.create_index("ix_entity_documents_order", "entity_documents", _ORDER_NEW)
    # The list sorts ``published DESC NULLS LAST``: PostgreSQL's DESC puts NULLs first, so it needs the words
    # to read the index in order; SQLite refuses them in an index and puts NULLs last when descending anyway.
    newest_first = "published DESC NULLS LAST" if op.get_bind().dialect.name == "postgresql" else "published DESC"
    op.create_index("ix_documents_published", "documents", [sa.text(newest_first), "id"])
    op.create_index("ix_documents_search", "documents", ["title", "outlet", "status", "published", "source", "side"])


def downgrade() -> None:
    op.drop_index("ix_documents_search", table_name="documents")
    op.drop_index("ix_documents_published", table_name="documents")
    op.drop_index("ix_entity_documents_order", table_name="entity_documents")
    op.create_index("ix_entity_documents_order", "entity_documents", _ORDER_OLD)
