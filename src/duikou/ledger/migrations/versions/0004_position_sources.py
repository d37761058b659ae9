"""Positions carry their report's source, indexed in the order ``show`` folds them.

``show`` folds a person's titles over time (report date, then source). The
source came from a join to ``documents``, whose rows hold the report text,
so every position cost a read of a large row. Now positions keep the source
and the index (person, date, source, fact_id, titles) covers the fold: one
index range per person, in order.

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("positions") as batch:
        batch.add_column(sa.Column("source", sa.Text(), nullable=True))
    op.execute("UPDATE positions SET source = (SELECT source FROM documents WHERE documents.id = positions.document_id)")
    op.create_index("ix_positions_person_order", "positions", ["person", "date", "source", "fact_id", "titles"],
                    unique=False)
    op.drop_index("ix_positions_person", table_name="positions")


def downgrade() -> None:
    op.create_index("ix_positions_person", "positions", ["person"], unique=False)
    op.drop_index("ix_positions_person_order", table_name="positions")
    with op.batch_alter_table("positions") as batch:
        batch.drop_column("source")
