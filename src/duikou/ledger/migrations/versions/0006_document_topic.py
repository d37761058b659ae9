"""Documents keep their relevance verdict (on topic or not, score, reason, scope).

``duikou build`` keeps reports that are not about paired assistance out of
the ledger: they are stored as documents with status ``offtopic`` and no
facts, so that they are counted, listed (``duikou documents --offtopic``)
and skipped by the next build. Rows stored before this revision have no
verdict (NULL).

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE, not batch mode: SQLite would rebuild ``documents`` by copy-drop-rename,
    # and dropping it cascades to every fact and statement (ON DELETE CASCADE).
    op.add_column("documents", sa.Column("on_topic", sa.Boolean(), nullable=True))
    op.add_column("documents", sa.Column("topic_score", sa.Float(), nullable=True))
    op.add_column("documents", sa.Column("topic_reason", sa.Text(), nullable=True))
    op.add_column("documents", sa.Column("topic_scope", sa.String(length=16), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN is native on PostgreSQL and on SQLite >= 3.35 (no table rebuild).
    for col in ("topic_scope", "topic_reason", "topic_score", "on_topic"):
        op.execute(f"ALTER TABLE documents DROP COLUMN {col}")
