"""A document records where it comes from: a report's text (``extracted``), a manual entry or an
imported row; the last two cite their file, sheet and row, or their author (``citation``, JSON).

Every document stored before this revision was read from a report: ``extracted``, no citation.

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE (see 0006): batch mode would rebuild the table on SQLite.
    op.add_column("documents", sa.Column("provenance", sa.String(16), nullable=False,
                                         server_default="extracted"))
    op.add_column("documents", sa.Column("citation", sa.Text(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN is native on PostgreSQL and on SQLite >= 3.35 (no table rebuild, which
    # would cascade to every fact: see 0006).
    for col in ("citation", "provenance"):
        op.execute(f"ALTER TABLE documents DROP COLUMN {col}")
