"""Amounts keep their status: done (money that moved) or planned (a target, plan or forecast).

A planned figure (计划/预计/力争…) is never merged, summed or compared with a done one
(``ledger.entities.amount_status``); every amount stored before this revision is done.

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE (see 0006): batch mode would rebuild the table on SQLite.
    op.add_column("amounts", sa.Column("status", sa.String(length=8), nullable=True))
    op.execute("UPDATE amounts SET status = 'done' WHERE status IS NULL")


def downgrade() -> None:
    op.execute("ALTER TABLE amounts DROP COLUMN status")
