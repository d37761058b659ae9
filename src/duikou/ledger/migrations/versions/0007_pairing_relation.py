"""Pairings keep their relation: standing (the programme's), relief or donation.

Relief (驰援, a flood, quake or epidemic response) and one-off donations are
kept apart from the standing pairings (``relation`` in schema/facts.yaml):
``duikou pairings`` and the GeoJSON map show standing pairings unless asked
for the others. Every pairing stored before this revision is a standing one.

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE (see 0006): batch mode would rebuild the table on SQLite.
    op.add_column("pairings", sa.Column("relation", sa.String(length=16), nullable=True))
    op.execute("UPDATE pairings SET relation = 'standing' WHERE relation IS NULL")


def downgrade() -> None:
    op.execute("ALTER TABLE pairings DROP COLUMN relation")
