"""Judgements keep their author, and what ``--force`` overrode, in columns of their own.

Before this revision a judgement that named its author (``judge --author``)
or was forced past a plausibility check stored JSON in ``reason``
(``{"reason": ..., "author": ..., "forced": [...]}``). The JSON is taken
apart: ``author`` and ``forced`` (a JSON list of the disagreements overridden)
get their values, ``reason`` keeps its plain text. The build's own merges
(``auto``) have no author: they are the build's.

Revision ID: 0010
Revises: 0009
"""
import json
from typing import Any

from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _split(reason: str) -> dict[str, Any] | None:
    """The parts of a JSON ``reason`` as 0009 wrote it (None when the text is plain)."""
    try:
        d = json.loads(reason)
    except ValueError:
        return None
    if not isinstance(d, dict) or not isinstance(d.get("reason"), str):
        return None
    author = d.get("author") if isinstance(d.get("author"), str) else None
    forced = [str(x) for x in d.get("forced") or []]
    return {"reason": d["reason"], "author": author,
            "forced": json.dumps(forced, ensure_ascii=False) if forced else None}


def upgrade() -> None:
    # Plain ALTER TABLE (see 0006): batch mode would rebuild the table on SQLite.
    op.add_column("judgements", sa.Column("author", sa.Text(), nullable=True))
    op.add_column("judgements", sa.Column("forced", sa.Text(), nullable=True))
    conn = op.get_bind()
    # Only human judgements were ever written as JSON; the build's merges are plain text.
    rows = conn.execute(sa.text("SELECT id, reason FROM judgements WHERE auto = :f AND reason LIKE '{%'"),
                        {"f": False}).all()
    for jid, reason in rows:
        parts = _split(reason)
        if parts is not None:
            conn.execute(sa.text("UPDATE judgements SET reason = :reason, author = :author, forced = :forced "
                                 "WHERE id = :id"), {"id": jid, **parts})


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, reason, author, forced FROM judgements "
                                "WHERE author IS NOT NULL OR forced IS NOT NULL")).all()
    for jid, reason, author, forced in rows:
        out: dict[str, Any] = {"reason": reason or ""}
        if author:
            out["author"] = author
        if forced:
            out["forced"] = json.loads(forced)
        conn.execute(sa.text("UPDATE judgements SET reason = :r WHERE id = :id"),
                     {"id": jid, "r": json.dumps(out, ensure_ascii=False, sort_keys=True)})
    for col in ("forced", "author"):
        op.execute(f"ALTER TABLE judgements DROP COLUMN {col}")
