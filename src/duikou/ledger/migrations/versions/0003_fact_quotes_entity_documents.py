"""Quotes once per fact, and each entity's documents as a table.

- statements lose span_start, span_end and quote: they repeated their fact's
  (``facts`` keeps them), which was most of the ~60 kB written per report.
- statements lose their fact_id index: a fact's statements are found
  through its document (ix_statements_document, then fact_id), and the
  random fact ids made that index dirty ~80 scattered pages per report.
- entity_documents (entity_id, document_id, published, source, side): an
  entity's supporting reports, indexed by (entity_id, published, source), so
  ``show``/``pairings`` read an entity's earliest sources by index range.
  Filled here from the existing facts.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_KINDS = "('pairings', 'events', 'agreements', 'people', 'amounts', 'counts')"


def upgrade() -> None:
    op.drop_index("ix_statements_fact", table_name="statements")
    with op.batch_alter_table("statements") as batch:
        batch.drop_column("quote")
        batch.drop_column("span_end")
        batch.drop_column("span_start")
    op.create_table(
        "entity_documents",
        sa.Column("entity_id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity_id", "document_id"),
    )
    op.create_index("ix_entity_documents_order", "entity_documents", ["entity_id", "published", "source"],
                    unique=False)
    op.create_index("ix_entity_documents_document", "entity_documents", ["document_id"], unique=False)
    op.execute(
        "INSERT INTO entity_documents (entity_id, document_id, published, source, side) "
        "SELECT DISTINCT f.entity, f.document_id, d.published, d.source, d.side "
        f"FROM facts f JOIN documents d ON d.id = f.document_id WHERE f.kind IN {_KINDS}")


def downgrade() -> None:
    op.drop_index("ix_entity_documents_document", table_name="entity_documents")
    op.drop_index("ix_entity_documents_order", table_name="entity_documents")
    op.drop_table("entity_documents")
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("span_start", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("span_end", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("quote", sa.Text(), nullable=True))
    op.execute("UPDATE statements SET span_start = (SELECT span_start FROM facts WHERE facts.id = statements.fact_id), "
               "span_end = (SELECT span_end FROM facts WHERE facts.id = statements.fact_id), "
               "quote = (SELECT quote FROM facts WHERE facts.id = statements.fact_id)")
    op.create_index("ix_statements_fact", "statements", ["fact_id"], unique=False)
