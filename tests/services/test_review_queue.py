"""The review queue's order (SQLite and PostgreSQL), whichever way a page is found (``duikou.ledger.
review_order``: a group sorted whole, the walk of the most cited entities, the count per entity), against
the order computed from the tables in Python: every state, every kind, every offset.

The ledger is the seeds with reviews in each state, and with the entities' report counts spread (set by
hand, 0 for some: uncited like the regions) so that the most cited entities are not the first by id."""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from duikou.ledger import review_order
from duikou.ledger.db import engine
from duikou.ledger.review_queue import QUEUE_STATES, queue
from duikou.ledger.tables import ENTITY_TABLES, facts
from duikou.schema import FACT_KINDS
from duikou.services import review
from tests.services.conftest import seeded_ledger

WAYS = {
    "as configured": {},
    "sorted whole": {"DIRECT_MAX": 10**9},
    "walked, from five entities a step": {"DIRECT_MAX": 0, "WALK_DEPTH": 0, "WALK_BATCH": 5, "WALK_MAX": 10**9},
    "walked, then counted": {"DIRECT_MAX": 0, "WALK_DEPTH": 0, "WALK_BATCH": 3, "WALK_MAX": 6},
    "counted per entity": {"DIRECT_MAX": 0, "WALK_MAX": 0},
}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def eng(request: pytest.FixtureRequest, seed_paths: list[Path],
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with seeded_ledger(request, seed_paths, tmp_path_factory, "queue") as url:
        e = _spread_and_review(url)
        yield e
        e.dispose()


def _spread_and_review(url: str) -> Engine:
    """The seeded ledger with its entities' report counts spread and facts reviewed in each state."""
    e = engine(url)
    with e.begin() as conn:
        for table in ENTITY_TABLES.values():  # report counts spread by a hash of the id: ties, and some 0
            for (i,) in conn.execute(select(table.c.id)).all():
                conn.execute(update(table).where(table.c.id == i).values(sources=zlib.crc32(i.encode()) % 6))
        ids = list(conn.execute(select(facts.c.id).where(facts.c.kind != "regions").order_by(facts.c.id)).scalars())
    for n, fact in enumerate(ids[::9]):
        if n % 3 == 0:
            review.accept_fact(e, fact, "tester")
        elif n % 3 == 1:
            review.reject_fact(e, fact, "tester")
    amount = queue(e, "amounts", "unreviewed", 1)[0][0]
    review.correct_fact(e, amount["fact"], "value", 4321.0, "tester")
    return e


def naive(eng: Engine, state: str, kind: str | None) -> list[str]:
    """The queue's order from the tables, sorted in Python."""
    with eng.connect() as conn:
        sources = {(k, i): n for k, t in ENTITY_TABLES.items() for i, n in conn.execute(select(t.c.id, t.c.sources))}
        rows = conn.execute(select(facts.c.id, facts.c.kind, facts.c.entity, facts.c.confidence, facts.c.review)).all()
    keep = [r for r in rows if (kind is None or r.kind == kind) and (
        state == "all" or (r.review is None if state == "unreviewed" else r.review == state))]
    keep.sort(key=lambda r: (r.confidence is None, r.confidence or 0.0, -sources.get((r.kind, r.entity), 0),
                             r.entity, r.id))
    return [r.id for r in keep]


def _ids(page: tuple[list[dict[str, Any]], int]) -> list[str]:
    return [r["fact"] for r in page[0]]


@pytest.mark.parametrize("way", list(WAYS))
def test_every_page_in_the_order_of_the_whole(eng: Engine, way: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in WAYS[way].items():
        monkeypatch.setattr(review_order, name, value)
    for state in QUEUE_STATES:
        for kind in (None, *FACT_KINDS):
            want = naive(eng, state, kind)
            whole = queue(eng, kind, state, limit=1000)
            assert whole[1] == len(want)
            assert _ids(whole) == want, (state, kind)
            paged = [i for off in range(0, len(want), 7) for i in _ids(queue(eng, kind, state, 7, off))]
            assert paged == want, (state, kind)
            for off in range(3, len(want), 41):  # single facts at offsets across the groups
                assert _ids(queue(eng, kind, state, 1, off)) == want[off:off + 1], (state, kind, off)


def test_the_ledger_gives_each_way_something_to_order(eng: Engine) -> None:
    """Groups large enough for the forced limits, holding cited and uncited facts, every state filled,
    and an order by citations that is not the order by entity."""
    with eng.connect() as conn:
        groups = review_order.groups(conn, eng, "unreviewed", None)
    assert len(groups) >= 2 and max(g.n for g in groups) > 50
    assert any(g.cited_kinds and g.plain for g in groups)
    assert all(queue(eng, None, state, 1)[1] for state in QUEUE_STATES)
    want = naive(eng, "unreviewed", None)
    with eng.connect() as conn:
        entity = dict(conn.execute(select(facts.c.id, facts.c.entity)).all())
        level = dict(conn.execute(select(facts.c.id, facts.c.confidence)).all())
    assert want != sorted(want, key=lambda f: (level[f] is None, level[f] or 0.0, entity[f], f))


def test_counts_follow_the_ledger(eng: Engine) -> None:
    """The counts kept for a generation are the ones counted afresh (a kind's alone, or read from every
    kind's; all states' from the unreviewed and reviewed ones), and a review moves them."""
    for state in QUEUE_STATES:
        for kind in ("events", None, "regions"):
            review_order._memo.clear()
            alone = queue(eng, kind, state, 1)[1]
            assert queue(eng, kind, state, 1)[1] == alone == len(naive(eng, state, kind))
    review_order._memo.clear()
    assert queue(eng, None, "unreviewed", 1)[1] + queue(eng, None, "accepted", 1)[1] + \
        queue(eng, None, "corrected", 1)[1] + queue(eng, None, "rejected", 1)[1] == queue(eng, None, "all", 1)[1]
    assert all(queue(eng, k, "all", 1)[1] == len(naive(eng, "all", k)) for k in FACT_KINDS)
    first = queue(eng, None, "unreviewed", 5)
    review_order._memo.clear()
    assert queue(eng, None, "unreviewed", 5)[1] == first[1] == len(naive(eng, "unreviewed", None))
    rid = review.accept_fact(eng, first[0][0]["fact"], "tester")
    assert queue(eng, None, "unreviewed", 5)[1] == first[1] - 1
    review.undo_review(eng, rid, "tester")
    assert queue(eng, None, "unreviewed", 5)[1] == first[1]
