"""A canonical dump of a ledger: every table's content, sorted, without timestamps or surrogate keys.

Two ledgers built from the same reports (in one go, or interrupted and
resumed, on SQLite or PostgreSQL) give equal dumps.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from duikou.ledger.tables import documents, metadata

_TIMESTAMPS = {"first_seen", "last_seen", "created", "run", "started", "finished"}
_SURROGATE = {"documents": {"id"}, "statements": {"id"}, "judgements": {"id", "undoes"},
              "retractions": {"id", "undoes"}, "input_problems": {"id"}, "builds": {"id"}}


def canonical_dump(eng: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """``{table: sorted rows}`` with document ids replaced by sources."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with eng.connect() as conn:
        doc_source = dict(conn.execute(select(documents.c.id, documents.c.source)).all())
        for table in metadata.sorted_tables:
            skip = _TIMESTAMPS | _SURROGATE.get(table.name, set())
            cols = [c for c in table.c if c.name not in skip]
            rows = []
            for r in conn.execute(select(*cols)):
                row: list[Any] = []
                for c, v in zip(cols, r):
                    if c.name == "document_id":
                        v = doc_source.get(v, v)
                    if isinstance(v, float):
                        v = round(v, 6)
                    if isinstance(v, bool):
                        v = int(v)
                    row.append(v)
                rows.append(tuple(row))
            out[table.name] = sorted(rows, key=lambda t: tuple((x is None, str(x)) for x in t))
    return out
