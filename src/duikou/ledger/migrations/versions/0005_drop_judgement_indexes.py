"""Judgements lose their left_id / right_id indexes.

No query filters judgements by either side: resolution reads them all in
order, ``judge`` and ``undo`` look one up by its number. A build writes one
automatic judgement per merged fact, and both indexes are keyed on hash ids,
so each judgement dirtied two scattered index pages per commit for nothing.

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_judgements_left", table_name="judgements")
    op.drop_index("ix_judgements_right", table_name="judgements")


def downgrade() -> None:
    op.create_index("ix_judgements_left", "judgements", ["left_id"], unique=False)
    op.create_index("ix_judgements_right", "judgements", ["right_id"], unique=False)
