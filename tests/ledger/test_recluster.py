"""A judgement reclusters only the components around its two ids (ledger.clusters), with the result a whole
recluster gives: after every same, different and undo (of a person's judgement, of an undo, of the build's
own merge) the ledger equals what reclustering every kind and rebuilding every entity row makes of it.

The reports are the hand-made ones of tests.ledger.helpers, stored under several sources so that each
entity has several facts: 上城区 helps 黄平县 (told four times), 天河区 helps 纳雍县 (three times, two people).
"""
from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy import Connection, select

from duikou.ledger import clusters, resolve
from duikou.ledger.tables import ENTITY_TABLES, agreement_parties, entity_documents, facts, judgements, positions
from duikou.schema import FACT_KINDS
from tests.ledger.helpers import helper_report, other_report, recipient_report, store

JUDGED = ("pairings", "people", "events", "amounts")  # the kinds the random judgements pick from


@pytest.fixture
def many(ledger):  # type: ignore[no-untyped-def]
    reports = [helper_report(f"reports/shangcheng-{i}.txt") for i in range(3)]
    reports += [recipient_report("reports/huangping.txt")]
    reports += [other_report("reports/tianhe-1.txt"), other_report("reports/tianhe-2.txt", published="2022-07-01"),
                other_report("reports/tianhe-3.txt", published="2022-08-15", name="王晓东", titles=("副区长",))]
    for d, r in reports:
        store(ledger, d, r)
    return ledger


def _state(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """What clustering decides: each fact's entity and the rows built from them."""
    out = {"facts": sorted(tuple(r) for r in conn.execute(select(facts.c.id, facts.c.entity)))}
    for name, table in [*ENTITY_TABLES.items(), ("entity_documents", entity_documents), ("positions", positions),
                        ("agreement_parties", agreement_parties)]:
        out[name] = sorted((tuple(r) for r in conn.execute(select(table))), key=repr)
    return out


def _check_whole(eng: Any) -> None:
    """The ledger as it is equals a whole recluster of every kind with every entity row rebuilt (tried in a
    transaction that is rolled back)."""
    with eng.connect() as conn:
        now = _state(conn)
    with eng.connect() as conn:
        tx = conn.begin()
        try:
            moved = {kind: resolve.recluster(conn, kind) for kind in FACT_KINDS}
            for kind, table in ENTITY_TABLES.items():
                ids = set(conn.execute(select(facts.c.entity).where(facts.c.kind == kind)).scalars())
                resolve.recompute_entities(conn, kind, ids | set(conn.execute(select(table.c.id)).scalars()))
            whole = _state(conn)
        finally:
            tx.rollback()
    assert moved == {kind: 0 for kind in FACT_KINDS}
    assert now == whole


def _entities(eng: Any, kind: str) -> list[str]:
    with eng.connect() as conn:
        return sorted(set(conn.execute(select(facts.c.entity).where(facts.c.kind == kind)).scalars()))


def _facts_of(eng: Any, entity: str) -> list[str]:
    with eng.connect() as conn:
        return sorted(conn.execute(select(facts.c.id).where(facts.c.entity == entity)).scalars())


def _auto(eng: Any, kind: str) -> list[int]:
    with eng.connect() as conn:
        return list(conn.execute(select(judgements.c.id).where(judgements.c.auto.is_(True), judgements.c.kind == kind)
                                 .order_by(judgements.c.id)).scalars())


def test_each_judgement_gives_what_a_whole_recluster_gives(many) -> None:  # type: ignore[no-untyped-def]
    eng = many.engine
    _check_whole(eng)
    p = _entities(eng, "pairings")
    h = _entities(eng, "people")
    assert len(p) == 2 and len(h) == 4
    merged = resolve.judge(eng, "same", p[0], p[1], force=True)
    _check_whole(eng)
    assert len(_entities(eng, "pairings")) == 1
    one, two = _facts_of(eng, p[0])[:2]
    split = resolve.judge(eng, "different", one, two)  # two facts of one base: the later link is refused
    _check_whole(eng)
    assert len(_entities(eng, "pairings")) == 2
    cut = _auto(eng, "people")[0]
    resolve.undo(eng, cut)  # the build's own merge undone: that fact stands alone
    _check_whole(eng)
    assert len(_entities(eng, "people")) == 5
    loose = [e for e in _entities(eng, "people") if e.startswith("F")]
    assert len(loose) == 1
    resolve.judge(eng, "same", loose[0], h[2], force=True)
    _check_whole(eng)
    with eng.connect() as conn:
        base = conn.execute(select(judgements.c.left_id).where(judgements.c.id == cut)).scalar_one()
    resolve.judge(eng, "same", base, h[3], force=True)  # the cut fact's old base: it must stay where it went
    _check_whole(eng)
    undone = resolve.undo(eng, merged)
    _check_whole(eng)
    assert len(_entities(eng, "pairings")) == 3  # the two pairings apart, the split fact still apart
    resolve.undo(eng, undone)  # undoing the undo brings the merge back
    _check_whole(eng)
    assert len(_entities(eng, "pairings")) == 2
    resolve.undo(eng, split)
    _check_whole(eng)
    assert len(_entities(eng, "pairings")) == 1
    resolve.judge(eng, "different", p[0], p[1])  # a different in force keeps a same from joining them
    resolve.judge(eng, "same", p[1], p[0], force=True)
    _check_whole(eng)
    assert len(_entities(eng, "pairings")) == 2


def test_random_judgements_match_a_whole_recluster(many) -> None:  # type: ignore[no-untyped-def]
    eng = many.engine
    rng = random.Random(20240610)
    made: list[int] = []
    for step in range(24):
        kind = rng.choice(JUDGED)
        nodes = _entities(eng, kind)
        with eng.connect() as conn:
            nodes += list(conn.execute(select(facts.c.id).where(facts.c.kind == kind).order_by(facts.c.id)).scalars())
        roll = rng.random()
        if roll < 0.2 and (made or _auto(eng, kind)):
            target = rng.choice(made + _auto(eng, kind)[:3])
            if any(j["id"] == target and j["undone"] for j in resolve.judgement_list(eng, include_auto=True)):
                continue
            made.append(resolve.undo(eng, target))
        else:
            a, b = rng.sample(nodes, 2)
            made.append(resolve.judge(eng, "same" if roll < 0.7 else "different", a, b, force=True))
        _check_whole(eng)
    assert len(made) >= 15


def test_a_judgement_reads_only_the_entities_it_joins(many, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    eng = many.engine
    h = _entities(eng, "people")
    f0, f1, f2 = (_facts_of(eng, e) for e in h[:3])
    with eng.connect() as conn:
        rows, bases = clusters.component(conn, "people", [h[0]], clusters.judged(conn, "people"))
    assert sorted(r[0] for r in rows) == f0 and bases == {h[0]}

    def whole(*args: Any) -> Any:
        raise AssertionError("a judgement read every fact of its kind")

    monkeypatch.setattr(resolve, "every_fact", whole)
    jid = resolve.judge(eng, "same", h[0], h[1], force=True)
    assert _facts_of(eng, h[0]) == sorted(f0 + f1) and _facts_of(eng, h[2]) == f2
    with eng.connect() as conn:
        rows, bases = clusters.component(conn, "people", [h[1]], clusters.judged(conn, "people"))
    assert sorted(r[0] for r in rows) == sorted(f0 + f1) and bases == {h[0], h[1]}
    resolve.undo(eng, jid)
    monkeypatch.undo()
    _check_whole(eng)
