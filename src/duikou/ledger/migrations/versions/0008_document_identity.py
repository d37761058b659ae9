"""Documents by canonical location; retractions; the inputs a build could not use; a log of builds.

Before this revision a report was known by the path string typed: the same
file built as ``seeds``, as ``/abs/seeds`` and as ``./seeds/*.txt`` was three
reports, and a JSONL record was known by its line number. Now ``source`` is
the canonical location (``Document.identity``): the resolved absolute path of
a file, a JSONL record's URL or content hash within its file (its own ``id``
is not stored; such a record is read again once by the next build and its
old row retracted as no longer in the file), a WARC record's URL.

Re-keying resolves the stored relative paths against the current directory
(the one the old builds ran in, as a rule); a relative path that resolves to
no file, stored with the same text as an existing file of the same name, is
taken for that file. Rows that come to the same location are one report: the
earliest stored one is kept, the others and their facts are dropped and the
entities they supported recomputed.

Revision ID: 0008
Revises: 0007
"""
import os
import re
from collections import defaultdict
from typing import Any

from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_RECORD = re.compile(r"^(?P<file>.+\.(?:jsonl|ndjson)(?:\.gz|\.xz)?):(?P<line>\d+)$", re.IGNORECASE)
_WARC = re.compile(r"^(?P<file>.+\.warc(?:\.gz)?)#(?P<uri>.+)$", re.IGNORECASE)


def canonical(source: str, url: str | None, body_hash: str) -> tuple[str, str | None]:
    """The new ``(source, path)`` of a row stored under the old path-as-typed ``source``."""
    if source.startswith("stdin#") or "://" in source.split("#", 1)[0]:
        return source, None  # already a location (a URL, or stdin by hash)
    m = _RECORD.match(source)
    if m:
        where = "stdin" if m["file"] == "-" else os.path.realpath(m["file"])
        return (url or f"{where}#sha1={body_hash}"), (None if m["file"] == "-" else where)
    m = _WARC.match(source)
    if m:
        where = os.path.realpath(m["file"])
        uri = m["uri"]
        return (uri if uri.lower().startswith(("http://", "https://")) else f"{where}#{uri}"), where
    if source == "-":
        return f"stdin#sha1={body_hash}", None
    where = os.path.realpath(source)
    return where, where


def upgrade() -> None:
    op.add_column("documents", sa.Column("path", sa.Text(), nullable=True))
    op.create_index("ix_documents_path", "documents", ["path"])
    op.create_table(
        "retractions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("undoes", sa.Integer()),
        sa.Column("prior", sa.String(length=16)),
        sa.Column("reason", sa.Text()),
        sa.Column("auto", sa.Boolean(), nullable=False),
        sa.Column("created", sa.String(length=32), nullable=False),
    )
    op.create_index("ix_retractions_document", "retractions", ["document_id"])
    op.create_table(
        "builds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("started", sa.String(length=32), nullable=False),
        sa.Column("finished", sa.String(length=32), nullable=False),
        sa.Column("summary", sa.Text()),
    )
    op.create_table(
        "input_problems",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer()),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("fatal", sa.Boolean(), nullable=False),
        sa.Column("run", sa.String(length=32), nullable=False),
        sa.Column("created", sa.String(length=32), nullable=False),
    )
    op.create_index("ix_input_problems_run", "input_problems", ["run"])
    rekey(op.get_bind())


def rekey(conn: sa.Connection) -> None:
    """Give every document its canonical source; fold rows that name the same report into the earliest."""
    rows = conn.execute(sa.text("SELECT id, source, url, body_hash, status FROM documents ORDER BY id")).all()
    keyed = [(r, *canonical(r.source, r.url, r.body_hash)) for r in rows]
    # A relative path typed in another directory resolves to no file from here: when the same text
    # is stored from an existing file of the same name, it is that file reached another way.
    found = {(r.body_hash, os.path.basename(path)): (new, path) for r, new, path in keyed
             if path is not None and new == path and os.path.exists(path)}
    groups: dict[str, list[sa.Row[Any]]] = defaultdict(list)
    paths: dict[str, str | None] = {}
    for r, new, path in keyed:
        if path is not None and new == path and not os.path.exists(path):
            new, path = found.get((r.body_hash, os.path.basename(path)), (new, path))
        groups[new].append(r)
        paths[new] = path
    drop = []
    for new, group in groups.items():
        # Keep a stored report over a failed or off-topic reading of the same file, else the earliest.
        keep = min(group, key=lambda r: (r.status != "ok", r.id))
        drop += [r.id for r in group if r.id != keep.id]
    if drop:
        _drop_documents(conn, drop)
    # Two passes: a new source may be another row's old one (unique column).
    for new, group in groups.items():
        keep = min(group, key=lambda r: (r.status != "ok", r.id))
        conn.execute(sa.text("UPDATE documents SET source = :s WHERE id = :i"),
                     {"s": f"(0008 re-keying {keep.id})", "i": keep.id})
    for new, group in groups.items():
        keep = min(group, key=lambda r: (r.status != "ok", r.id))
        conn.execute(sa.text("UPDATE documents SET source = :s, path = :p WHERE id = :i"),
                     {"s": new, "p": paths[new], "i": keep.id})
    conn.execute(sa.text("UPDATE entity_documents SET source = (SELECT d.source FROM documents d "
                         "WHERE d.id = entity_documents.document_id)"))
    conn.execute(sa.text("UPDATE positions SET source = (SELECT d.source FROM documents d "
                         "WHERE d.id = positions.document_id)"))


def _drop_documents(conn: sa.Connection, ids: list[int]) -> None:
    """Delete duplicate documents with their facts; the entities they supported are queued in
    ``pending_recompute`` and recomputed by ``ledger.db.upgrade`` once the schema is at head (the
    recomputation is today's code, which may expect columns later revisions add)."""
    touched: dict[str, set[str]] = defaultdict(set)
    for i in ids:
        for kind, entity in conn.execute(sa.text("SELECT kind, entity FROM facts WHERE document_id = :i"),
                                         {"i": i}):
            touched[kind].add(entity)
        for table in ("positions", "entity_documents", "statements", "facts"):
            conn.execute(sa.text(f"DELETE FROM {table} WHERE document_id = :i"), {"i": i})
        conn.execute(sa.text("DELETE FROM documents WHERE id = :i"), {"i": i})
    if touched:
        conn.execute(sa.text("CREATE TABLE IF NOT EXISTS pending_recompute (kind VARCHAR(16), entity VARCHAR(32))"))
        for kind, entities in touched.items():
            for entity in sorted(entities):
                conn.execute(sa.text("INSERT INTO pending_recompute (kind, entity) VALUES (:k, :e)"),
                             {"k": kind, "e": entity})


def downgrade() -> None:
    # Sources stay canonical (the typed paths are not known any more); the new columns and tables go.
    op.drop_index("ix_input_problems_run", table_name="input_problems")
    op.drop_table("input_problems")
    op.drop_table("builds")
    op.drop_index("ix_retractions_document", table_name="retractions")
    op.drop_table("retractions")
    op.drop_index("ix_documents_path", table_name="documents")
    op.execute("ALTER TABLE documents DROP COLUMN path")
