"""Planned figures stay apart from done ones; a conflict only between figures for the same thing, from
different reports."""
from __future__ import annotations

from sqlalchemy import select

from duikou.ledger import queries
from duikou.ledger.tables import documents
from tests.ledger.helpers import HUANGPING, SHANGCHENG, doc, fact, record, store


TEXT = ("上城区与黄平县召开东西部协作联席会议。上城区帮扶的茶叶农场今年投入帮扶资金860万元。"
        "今年上城区向黄平县投入帮扶资金2000万元。两地计划明年投入帮扶资金3000万元。")


def _amount(phrase: str, value: int, planned: bool = False, role: str = "assistance") -> dict:
    return fact(TEXT, phrase, value=value, approx=False, role=role, cumulative=False, payer=None, payee=None,
                planned=planned)


def _report(source: str, amounts: list[dict]):  # type: ignore[no-untyped-def]
    d = doc(source, TEXT, published="2023-05-08")
    return d, record(d, pairings=[fact(TEXT, "上城区与黄平县", helper=SHANGCHENG, recipient=HUANGPING,
                                       program="east_west", since=None)], amounts=amounts)


def _money(ledger) -> list[dict]:  # type: ignore[no-untyped-def]
    return queries.show(ledger.engine, "黄平县")["money"]


def test_planned_figure_is_kept_apart_and_never_conflicts(ledger) -> None:  # type: ignore[no-untyped-def]
    store(ledger, *_report("a.txt", [_amount("投入帮扶资金2000万元", 20000000),
                                  _amount("计划明年投入帮扶资金3000万元", 30000000, planned=True)]))
    money = {m["value"]: m for m in _money(ledger)}
    assert set(money) == {20000000, 30000000}
    assert all(m["conflict"] is None for m in money.values())
    assert money[30000000]["period"] is None and money[20000000]["period"] == "2023"  # never summed by year
    assert money[30000000]["status"] == "planned" and money[20000000]["status"] == "done"
    [stmt] = [s for s in queries.sources(ledger.engine, money[30000000]["id"])[0]["statements"]
              if s["property"] == "planned"]
    assert stmt["value"] is True  # stored as a statement with its provenance


def test_planned_and_done_with_one_value_do_not_merge(ledger) -> None:  # type: ignore[no-untyped-def]
    store(ledger, *_report("a.txt", [_amount("投入帮扶资金2000万元", 20000000)]))
    store(ledger, *_report("b.txt", [_amount("计划明年投入帮扶资金3000万元", 20000000, planned=True)]))
    assert len(_money(ledger)) == 2


def test_two_reports_disagreeing_on_the_same_figure_conflict(ledger) -> None:  # type: ignore[no-untyped-def]
    store(ledger, *_report("a.txt", [_amount("投入帮扶资金2000万元", 20000000)]))
    store(ledger, *_report("b.txt", [_amount("投入帮扶资金2000万元", 21000000)]))
    flags = {m["conflict"] for m in _money(ledger)}
    assert len(flags) == 1 and None not in flags


def test_figures_of_unknown_kind_or_period_conflict_with_nothing(ledger) -> None:  # type: ignore[no-untyped-def]
    store(ledger, *_report("a.txt", [_amount("投入帮扶资金860万元", 8600000, role="other"),
                                  _amount("投入帮扶资金2000万元", 20000000, role="other")]))
    d, r = _report("c.txt", [_amount("投入帮扶资金2000万元", 20000000)])
    d.published = r["doc"]["published"] = None
    store(ledger, d, r)
    d, r = _report("d.txt", [_amount("投入帮扶资金860万元", 8600000)])
    d.published = r["doc"]["published"] = None
    store(ledger, d, r)
    assert all(m["conflict"] is None for m in _money(ledger))
    assert queries.stats(ledger.engine)["amount_conflicts"] == 0


def test_two_figures_of_one_report_never_conflict(ledger) -> None:  # type: ignore[no-untyped-def]
    """One farm's figure and the year's total, both from one report, are two things, not one told twice."""
    store(ledger, *_report("a.txt", [_amount("投入帮扶资金860万元", 8600000), _amount("投入帮扶资金2000万元", 20000000)]))
    money = _money(ledger)
    assert sorted(m["value"] for m in money) == [8600000, 20000000]
    assert all(m["conflict"] is None for m in money)
    # another report repeating one of them: still two things, each figure given by the report that gives both
    store(ledger, *_report("b.txt", [_amount("投入帮扶资金2000万元", 20000000)]))
    assert all(m["conflict"] is None for m in _money(ledger))
    assert queries.stats(ledger.engine)["amount_conflicts"] == 0


def test_a_report_with_another_figure_for_the_same_thing_conflicts(ledger) -> None:  # type: ignore[no-untyped-def]
    store(ledger, *_report("a.txt", [_amount("投入帮扶资金860万元", 8600000), _amount("投入帮扶资金2000万元", 20000000)]))
    store(ledger, *_report("c.txt", [_amount("投入帮扶资金2000万元", 21000000)]))
    flags = {m["value"]: m["conflict"] for m in _money(ledger)}
    assert flags[21000000] is not None and flags[20000000] == flags[21000000]
    assert queries.stats(ledger.engine)["amount_conflicts"] == 1
    # taking the disagreeing report out clears the flags (recomputed, not only added to)
    with ledger.engine.connect() as conn:
        doc_id = conn.execute(select(documents.c.id).where(documents.c.source == "c.txt")).scalar_one()
    ledger.retract(doc_id, "test")
    assert all(m["conflict"] is None for m in _money(ledger))
