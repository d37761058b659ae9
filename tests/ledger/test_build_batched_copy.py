"""The batch's bulk writers (ledger/copy.py) write the same rows through a staging table (COPY, PostgreSQL)
as row by row (executemany), on SQLite and PostgreSQL; drawn ids are the ones inserts would get."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from duikou.ledger import copy, sql
from duikou.ledger.store import Ledger
from duikou.ledger.tables import agreement_parties, documents, pairings


def _document(i: int, stamp: str) -> dict[str, Any]:
    return {"source": f"made-up/{i}.txt", "body_hash": f"h{i}", "status": "ok", "first_seen": stamp,
            "last_seen": stamp, "path": f"/old/{i}.txt", "provenance": "extracted"}


def _pairing(i: int, sources: int, program: str) -> tuple[Any, ...]:
    return (f"P{i:04d}", f"helper {i}", f"recipient {i}", program, sources)


@pytest.mark.parametrize("stage_min", [0, 10**9])
def test_staged_and_row_by_row_writes_agree(ledger: Ledger, stage_min: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(copy, "STAGE_MIN", stage_min)
    cols = ("id", "helper", "recipient", "program", "sources")
    stamp = sql.now()
    with sql.transaction(ledger.engine) as conn:
        ids = copy.next_ids(conn, documents, 3)
        copy.copy_rows(conn, documents, ("id", *_document(0, stamp)),
                       [(i, *_document(n, stamp).values()) for n, i in enumerate(ids)])
        conn.execute(documents.insert().values(_document(3, stamp)))  # the database's own next id
        copy.upsert_rows(conn, pairings, cols, [_pairing(i, 1, "east_west") for i in range(40)])
    with sql.transaction(ledger.engine) as conn:
        # Half stored, half new: the stored ones replaced, the new ones added.
        copy.upsert_rows(conn, pairings, cols, [_pairing(i, 2, "designated") for i in range(20, 60)])
        copy.insert_missing(conn, agreement_parties, ("agreement", "party"),
                            [("A1", f"party {i}") for i in range(30)])
        copy.insert_missing(conn, agreement_parties, ("agreement", "party"),
                            [("A1", f"party {i}") for i in range(20, 50)])
        later = sql.now()
        copy.update_by_id(conn, documents, ("id", "last_seen", "path"),
                          [(ids[0], later, "/new/0.txt"), (ids[1], later, None)], keep_null=("path",))
    with ledger.engine.connect() as conn:
        docs = conn.execute(select(documents.c.id, documents.c.source, documents.c.path, documents.c.last_seen)
                            .order_by(documents.c.id)).all()
        stored = conn.execute(select(pairings.c.id, pairings.c.program, pairings.c.sources)
                              .order_by(pairings.c.id)).all()
        links = conn.execute(select(agreement_parties.c.party)).scalars().all()
    assert [d.source for d in docs] == [f"made-up/{i}.txt" for i in range(4)]
    assert [d.id for d in docs][:3] == ids and docs[3].id == ids[-1] + 1
    assert [(d.path, d.last_seen) for d in docs[:3]] == [("/new/0.txt", later), ("/old/1.txt", later),
                                                        ("/old/2.txt", stamp)]
    assert [tuple(r) for r in stored] == ([(f"P{i:04d}", "east_west", 1) for i in range(20)]
                                          + [(f"P{i:04d}", "designated", 2) for i in range(20, 60)])
    assert sorted(links) == sorted(f"party {i}" for i in range(50))
