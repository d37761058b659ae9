"""Review of facts by people, and the web app's accounts.

``reviews`` is append-only (accept, correct, reject, undo, with author, time, reason and a
correction's before and after); ``facts.review`` keeps the state they leave. ``users`` and
``web_sessions`` hold the web app's accounts (argon2 hashes) and signed-in sessions.

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE (see 0006): batch mode would rebuild the table on SQLite.
    op.add_column("facts", sa.Column("review", sa.String(16), nullable=True))
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fact_id", sa.String(32), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("field", sa.String(32)),
        sa.Column("before", sa.Text()),
        sa.Column("after", sa.Text()),
        sa.Column("undoes", sa.Integer()),
        sa.Column("reason", sa.Text()),
        sa.Column("author", sa.Text()),
        sa.Column("created", sa.String(32), nullable=False),
    )
    op.create_index("ix_reviews_fact", "reviews", ["fact_id"])
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("expires", sa.String(32), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_web_sessions_user", "web_sessions", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_web_sessions_user", "web_sessions")
    op.drop_table("web_sessions")
    op.drop_table("users")
    op.drop_index("ix_reviews_fact", "reviews")
    op.drop_table("reviews")
    # Native DROP COLUMN (see 0012): no table rebuild.
    op.execute("ALTER TABLE facts DROP COLUMN review")
