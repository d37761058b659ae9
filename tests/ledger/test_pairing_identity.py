"""A pairing is its helper, recipient and relation; the programme is what most of its reports name.

Issue 8: one helper->recipient pair reported once under a named programme and
once with the programme unspecified is one pairing with two sources; reports
naming two programmes keep the most named one and flag the disagreement.
Ledgers built before migration 0011 upgrade to the merged form.
"""
from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import func, inspect, select, text

from duikou.cli import main
from duikou.ledger import db, queries, resolve
from duikou.ledger.store import Ledger
from duikou.ledger.tables import documents, facts, pairings
from tests.ledger.helpers import HUANGPING, NAYONG, SHANGCHENG, TIANHE, doc, fact, other_report, record, store

TEXT = "上城区与黄平县结对帮扶，两地干部交流学习。"


def _report(source: str, program: str, relation: str | None = None, since: int | None = None):  # type: ignore[no-untyped-def]
    """A report of 上城区 helping 黄平县 under ``program`` (its text differs by source)."""
    body = f"{source}：{TEXT}"
    d = doc(source, body, published="2023-05-08")
    p = fact(body, "上城区与黄平县结对帮扶", helper=SHANGCHENG, recipient=HUANGPING, program=program, since=since)
    if relation is None:
        return d, record(d, pairings=[p])
    r = record(d)
    r["relations"] = [{**p, "relation": relation}]
    return d, r


def _pairs(eng) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return [p for p in queries.list_pairings(eng, relations=True) if p["helper"]["id"] == SHANGCHENG]


@pytest.mark.parametrize("programs", [("east_west", "unspecified"), ("unspecified", "east_west")])
def test_named_and_unspecified_programme_are_one_pairing(ledger, programs: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    for i, program in enumerate(programs):
        store(ledger, *_report(f"r{i}.txt", program, since=2019 + i))
    [p] = _pairs(ledger.engine)
    assert (p["program"], p["source_count"], p["since"]) == ("east_west", 2, 2019)
    assert p["programs"] == {"east_west": 1} and p["program_conflict"] is False
    assert sorted(p["sources"]) == ["r0.txt", "r1.txt"]
    assert queries.stats(ledger.engine)["pairing_program_conflicts"] == 0


def test_two_named_programmes_keep_the_most_named_and_flag_it(ledger) -> None:  # type: ignore[no-untyped-def]
    store(ledger, *_report("a.txt", "designated"))
    [p] = _pairs(ledger.engine)
    assert p["program"] == "designated" and not p["program_conflict"]
    store(ledger, *_report("b.txt", "east_west"))
    [p] = _pairs(ledger.engine)
    assert p["program"] == "designated"  # a tie keeps what the pairing had
    assert p["programs"] == {"designated": 1, "east_west": 1} and p["program_conflict"] is True
    store(ledger, *_report("c.txt", "east_west"))
    store(ledger, *_report("d.txt", "unspecified"))
    [p] = _pairs(ledger.engine)
    assert (p["program"], p["source_count"]) == ("east_west", 4)
    assert p["programs"] == {"designated": 1, "east_west": 2}
    assert queries.stats(ledger.engine)["pairing_program_conflicts"] == 1
    table = CliRunner().invoke(main, ["show", "--db", ledger.url, "上城区"]).output
    assert "east_west (disputed: designated 1)" in table
    csv_out = CliRunner().invoke(main, ["pairings", "--db", ledger.url, "--format", "csv"]).output
    assert csv_out.splitlines()[0].startswith("id,helper,recipient,program,program_conflict,")
    # the support counts follow the reports: taking one out recomputes them
    ledger.retract(_doc_id(ledger, "c.txt"), "test")
    [p] = _pairs(ledger.engine)
    assert p["programs"] == {"designated": 1, "east_west": 1} and p["source_count"] == 3


def _doc_id(ledger, source: str) -> int:  # type: ignore[no-untyped-def]
    with ledger.engine.connect() as conn:
        return int(conn.execute(select(documents.c.id).where(documents.c.source == source)).scalar_one())


def test_a_relief_relation_of_the_same_pair_stays_apart(ledger) -> None:  # type: ignore[no-untyped-def]
    store(ledger, *_report("a.txt", "east_west"))
    store(ledger, *_report("b.txt", "unspecified", relation="relief"))
    got = sorted((p["relation"], p["program"], p["source_count"]) for p in _pairs(ledger.engine))
    assert got == [("relief", "unspecified", 1), ("standing", "east_west", 1)]


def _downgrade(url: str, revision: str) -> None:
    from alembic import command

    lg = Ledger(url)
    with db.transaction(lg.engine) as conn:
        command.downgrade(db._alembic_config(conn), revision)
    lg.close()


def _old_pairings(url: str) -> list[tuple[str, str, int]]:
    """The pairing rows of a ledger left at an older revision (read without migrating it)."""
    eng = db.engine(url, upgrade_schema=False)
    with eng.connect() as conn:
        assert "programs" not in {c["name"] for c in inspect(conn).get_columns("pairings")}
        rows = conn.execute(text("SELECT helper, program, sources FROM pairings ORDER BY helper, program")).all()
    eng.dispose()
    return [tuple(r) for r in rows]


def test_a_ledger_built_before_0011_upgrades_to_one_pairing(db_url: str) -> None:
    import importlib

    m11 = importlib.import_module("duikou.ledger.migrations.versions.0011_pairing_identity")
    lg = Ledger(db_url)
    store(lg, *_report("a.txt", "east_west", since=2020))
    store(lg, *_report("b.txt", "unspecified", since=2018))
    store(lg, *_report("c.txt", "east_west"))
    store(lg, *other_report())
    lg.close()
    _downgrade(db_url, "0010")
    assert _old_pairings(db_url) == [(SHANGCHENG, "east_west", 2), (SHANGCHENG, "unspecified", 1),
                                     (TIANHE, "east_west", 1)]
    # A judgement made on the old ledger, naming the old pairings' ids: it follows them.
    eng = db.engine(db_url, upgrade_schema=False)
    with db.transaction(eng) as conn:
        old_ids = {(h, p): i for i, h, p in conn.execute(text("SELECT id, helper, program FROM pairings"))}
        conn.execute(text("INSERT INTO judgements (kind, verdict, left_id, right_id, reason, auto, created) "
                          "VALUES ('pairings', 'same', :l, :r, 'one programme', :f, '2024-01-01')"),
                     {"l": old_ids[(SHANGCHENG, "unspecified")], "r": old_ids[(TIANHE, "east_west")], "f": False})
    eng.dispose()
    lg = Ledger(db_url)  # opening it migrates
    [p] = queries.list_pairings(lg.engine)
    assert (p["program"], p["source_count"], p["since"]) == ("east_west", 4, 2018)
    assert p["programs"] == {"east_west": 3}
    with lg.engine.connect() as conn:
        assert not inspect(conn).has_table("pending_recompute")
        bases = set(conn.execute(select(facts.c.base).where(facts.c.kind == "pairings")).scalars())
        assert bases == {m11.new_base({"helper": SHANGCHENG, "recipient": HUANGPING}),
                         m11.new_base({"helper": TIANHE, "recipient": NAYONG})}
        mains = set(conn.execute(select(documents.c.pairing)).scalars())
        assert mains == bases
    resolve.undo(lg.engine, [j for j in resolve.judgement_list(lg.engine) if j["reason"] == "one programme"][0]["id"])
    assert sorted((p["helper"]["id"], p["source_count"]) for p in queries.list_pairings(lg.engine)) == [
        (SHANGCHENG, 3), (TIANHE, 1)]
    # a report stored now joins the re-keyed pairing, and its automatic merge is on record
    store(lg, *_report("d.txt", "designated"))
    [p] = _pairs(lg.engine)
    assert (p["source_count"], p["program"], p["program_conflict"]) == (4, "east_west", True)
    auto = [j for j in resolve.judgement_list(lg.engine, include_auto=True)
            if j["author"] == "build" and j["kind"] == "pairings"]
    assert len(auto) == 3 and {j["left"] for j in auto} == {p["id"]}  # b, c (from 0011) and d joined a's
    lg.close()


def test_0011_round_trip_keeps_a_ledger(ledger) -> None:  # type: ignore[no-untyped-def]
    from duikou.ledger.dump import canonical_dump

    store(ledger, *_report("a.txt", "east_west"))
    store(ledger, *_report("b.txt", "designated"))
    store(ledger, *other_report())
    pairs = {p["helper"]["id"]: p["id"] for p in queries.list_pairings(ledger.engine)}
    resolve.judge(ledger.engine, "different", pairs[SHANGCHENG], pairs[TIANHE])
    before = canonical_dump(ledger.engine)
    with ledger.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(pairings)).scalar_one() == 2
    _downgrade(ledger.url, "0010")
    assert len(_old_pairings(ledger.url)) == 3
    db.upgrade(ledger.engine)
    assert canonical_dump(ledger.engine) == before
    assert json.loads(CliRunner().invoke(main, ["stats", "--db", ledger.url, "--format", "json"]).output)[
        "pairing_program_conflicts"] == 1
