"""Storing reports and reconciling them across reports, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from duikou.errors import LedgerError
from duikou.extract.records import source_record
from duikou.ledger import queries, resolve, view_rows
from duikou.ledger.dump import canonical_dump
from duikou.ledger.tables import documents, facts, judgements, statements
from tests.ledger.helpers import (
    HELPER_TEXT,
    HUANGPING,
    NAYONG,
    SHANGCHENG,
    TIANHE,
    doc,
    extraction,
    fact,
    helper_report,
    other_report,
    record,
    recipient_report,
    store,
)


def _fill(ledger) -> None:  # type: ignore[no-untyped-def]
    for d, r in (helper_report(), recipient_report(), other_report()):
        store(ledger, d, r)


def test_same_reports_again_change_nothing(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    before = canonical_dump(ledger.engine)
    results = [store(ledger, d, r).status for d, r in (helper_report(), recipient_report(), other_report())]
    assert results == ["unchanged"] * 3
    assert canonical_dump(ledger.engine) == before


def test_every_value_is_a_statement_with_provenance(ledger) -> None:  # type: ignore[no-untyped-def]
    d, r = helper_report()
    store(ledger, d, r)
    with ledger.engine.connect() as c:
        # The span and quote a value was read from are its fact's (stored once per fact).
        rows = c.execute(select(statements, facts.c.span_start, facts.c.span_end, facts.c.quote)
                         .join(facts, facts.c.id == statements.c.fact_id)
                         .where(statements.c.kind == "amounts", statements.c.property == "value")).mappings().all()
    assert sorted(float(x["value"]) for x in rows) == [3000000.0, 120000000.0]
    for x in rows:
        assert HELPER_TEXT[x["span_start"]:x["span_end"]] == x["quote"]
        assert (x["extractor"], x["version"]) == ("hand", "1")
        assert x["first_seen"] and x["last_seen"]


def test_one_pairing_with_every_source_and_earliest_start(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    rows = {(p["helper"]["id"], p["recipient"]["id"]): p for p in queries.list_pairings(ledger.engine)}
    assert set(rows) == {(SHANGCHENG, HUANGPING), (TIANHE, NAYONG)}
    p = rows[(SHANGCHENG, HUANGPING)]
    assert (p["program"], p["since"], p["source_count"]) == ("east_west", 2019, 2)
    assert p["sources"] == ["reports/shangcheng.txt", "reports/huangping.txt"]
    assert p["helper"]["name"] == "上城区"


@pytest.mark.parametrize("other_date, merged", [
    ("2023-03-30", True), ("2023-03-31", True), ("2023-03-29", True), ("2023-04-01", False), ("2023-03-27", False),
])
def test_event_told_twice_within_a_day_is_one_event(ledger, other_date: str, merged: bool) -> None:  # type: ignore[no-untyped-def]
    d, r = helper_report()
    store(ledger, d, r)
    d2, r2 = recipient_report()
    r2["events"][0]["date"] = other_date
    store(ledger, d2, r2)
    meetings = queries.list_events(ledger.engine, type="meeting")
    assert len(meetings) == (1 if merged else 2)
    if merged:
        m = meetings[0]
        assert m["date"] == min("2023-03-30", other_date)
        assert m["accounts"]["helper"] == ["reports/shangcheng.txt"]
        assert m["accounts"]["recipient"] == ["reports/huangping.txt"]
        assert m["leaders"] == ["吴春梅"]


def test_events_of_other_pairings_or_types_stay_apart(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    evs = queries.list_events(ledger.engine)
    assert sorted(e["type"] for e in evs) == ["condolence", "funds", "meeting", "meeting", "visit"]
    assert queries.list_events(ledger.engine, date_from="2023-01-01", date_to="2023-12-31", type="visit")[0][
        "leaders"] == ["林晓松"]


def test_person_keeps_titles_over_time(ledger) -> None:  # type: ignore[no-untyped-def]
    for i, (date, title) in enumerate([("2021-05-01", "副区长"), ("2021-09-01", "副区长"), ("2022-06-10", "区长")]):
        d, r = other_report(f"reports/t{i}.txt", published=date, titles=(title,))
        store(ledger, d, r)
    prof = queries.show(ledger.engine, TIANHE)
    [person] = prof["people"]
    assert person["name"] == "陈立新" and person["source_count"] == 3
    assert [(t["titles"], t["from"], t["to"]) for t in person["titles"]] == [
        (["副区长"], "2021-05-01", "2021-09-01"), (["区长"], "2022-06-10", "2022-06-10")]


@pytest.mark.parametrize("held, spans", [
    # (published, titles) per report -> (titles, from, to, source_count, sources kept)
    ([("2021-01-01", "副区长"), ("2021-02-01", "副区长"), ("2021-03-01", "副区长")],
     [("副区长", "2021-01-01", "2021-03-01", 3, 2)]),
    ([("2021-01-01", "副区长"), ("2021-02-01", "区长"), ("2021-03-01", "副区长")],
     [("副区长", "2021-01-01", "2021-01-01", 1, 1), ("区长", "2021-02-01", "2021-02-01", 1, 1),
      ("副区长", "2021-03-01", "2021-03-01", 1, 1)]),
    # a report printing no title neither shows nor breaks a run
    ([("2021-01-01", "区长"), ("2021-02-01", ""), ("2021-03-01", "区长"), ("2022-01-01", "区委书记")],
     [("区长", "2021-01-01", "2021-03-01", 2, 2), ("区委书记", "2022-01-01", "2022-01-01", 1, 1)]),
    # reports are taken in date order, not in the order they were stored
    ([("2021-03-01", "区长"), ("2021-01-01", "副区长"), ("2021-02-01", "副区长"), ("2021-04-01", "区长")],
     [("副区长", "2021-01-01", "2021-02-01", 2, 2), ("区长", "2021-03-01", "2021-04-01", 2, 2)]),
])
def test_titles_fold_into_spans_with_capped_sources(ledger, monkeypatch, held, spans) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(view_rows, "MAX_SOURCES", 2)
    for i, (date, title) in enumerate(held):
        d, r = other_report(f"reports/t{i}.txt", published=date, titles=(title or "区长",))
        if not title:
            r["people"][0]["titles"] = []
        store(ledger, d, r)
    [person] = queries.show(ledger.engine, TIANHE)["people"]
    got = [("、".join(t["titles"]), t["from"], t["to"], t["source_count"], len(t["sources"])) for t in person["titles"]]
    assert got == spans
    first = person["titles"][0]
    order = sorted((date, f"reports/t{i}.txt") for i, (date, title) in enumerate(held) if title)
    assert first["sources"] == [src for _, src in order][:len(first["sources"])]


def test_different_figures_are_both_kept_and_flagged(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    money = queries.show(ledger.engine, SHANGCHENG)["money"]
    cumulative = [m for m in money if m["cumulative"]]
    assert sorted(m["value"] for m in cumulative) == [120000000.0, 150000000.0]
    assert len({m["conflict"] for m in cumulative}) == 1 and cumulative[0]["conflict"]
    donation = [m for m in money if m["role"] == "donation"]
    assert donation[0]["conflict"] is None and donation[0]["sources"] == ["reports/shangcheng.txt"]


def test_same_figure_twice_is_one_amount(ledger) -> None:  # type: ignore[no-untyped-def]
    d, r = helper_report()
    store(ledger, d, r)
    d2, r2 = helper_report("reports/copy.txt", HELPER_TEXT + "（转载）")
    store(ledger, d2, r2)
    money = queries.show(ledger.engine, SHANGCHENG)["money"]
    assert sorted((m["value"], m["source_count"], m["conflict"]) for m in money) == [
        (3000000.0, 2, None), (120000000.0, 2, None)]


def test_changed_report_replaces_only_its_own_facts(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    d, r = recipient_report()
    d.text = d.text + "（更新）"
    r["amounts"] = []
    assert store(ledger, d, r).status == "replaced"
    money = queries.show(ledger.engine, SHANGCHENG)["money"]
    assert [m["value"] for m in money if m["cumulative"]] == [120000000.0]
    assert all(m["conflict"] is None for m in money)
    p = queries.list_pairings(ledger.engine, province="贵州")[0]
    assert p["source_count"] == 2  # the new version still supports it
    assert len(queries.list_pairings(ledger.engine)) == 2


def test_replacing_back_gives_the_first_database(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    first = canonical_dump(ledger.engine)
    d, r = recipient_report()
    d.text += "x"
    store(ledger, d, r)
    store(ledger, *recipient_report())
    again = canonical_dump(ledger.engine)
    again["judgements"] = first["judgements"]  # the re-merge is recorded again, by design
    assert {k: v for k, v in again.items()} == first


def test_failed_report_is_recorded_with_its_reason(ledger) -> None:  # type: ignore[no-untyped-def]
    d = doc("reports/broken.txt", "无法解析的内容")
    assert ledger.add(source_record(d), [], "ExtractionError: dates extractor failed").status == "failed"
    [row] = queries.failed_documents(ledger.engine)
    assert row == {"source": "reports/broken.txt", "reason": "ExtractionError: dates extractor failed"}
    assert not ledger.known(d.source, d.id)  # a failed report is tried again next time
    d2, r2 = helper_report("reports/broken.txt")
    assert store(ledger, d2, r2).status == "new"
    assert queries.failed_documents(ledger.engine) == []


def test_automatic_merges_are_judgements_with_reasons(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    log = queries.judgement_log(ledger.engine)
    assert {j["kind"] for j in log} == {"pairings", "events", "agreements"}
    assert all(j["auto"] and j["verdict"] == "same" and j["reason"] for j in log)


def test_human_judgements_drive_the_merged_view(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    eng = ledger.engine
    pairs = {p["helper"]["id"]: p["id"] for p in queries.list_pairings(eng)}
    same = resolve.judge(eng, "same", pairs[SHANGCHENG], pairs[TIANHE], "test", force=True)
    assert len(queries.list_pairings(eng)) == 1
    assert queries.list_pairings(eng)[0]["source_count"] == 3
    resolve.undo(eng, same)
    assert len(queries.list_pairings(eng)) == 2
    # a 'different' vetoes a later 'same' between the two
    resolve.judge(eng, "different", pairs[SHANGCHENG], pairs[TIANHE])
    resolve.judge(eng, "same", pairs[SHANGCHENG], pairs[TIANHE], force=True)
    assert len(queries.list_pairings(eng)) == 2
    with eng.connect() as c:
        verdicts = [v for v in c.execute(select(judgements.c.verdict).where(judgements.c.auto.is_(False))
                                         .order_by(judgements.c.id)).scalars()]
    assert verdicts == ["same", "undo", "different", "same"]


def test_splitting_an_automatic_event_merge(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    eng = ledger.engine
    [meeting] = [e for e in queries.list_events(eng, type="meeting") if e["helper"]["id"] == SHANGCHENG]
    facts = queries.sources(eng, meeting["id"])
    assert len(facts) == 2
    auto = [j for j in queries.judgement_log(eng) if j["kind"] == "events"][0]
    resolve.undo(eng, auto["id"])
    meetings = [e for e in queries.list_events(eng, type="meeting") if e["helper"]["id"] == SHANGCHENG]
    assert len(meetings) == 2 and all(m["source_count"] == 1 for m in meetings)
    resolve.judge(eng, "same", facts[0]["fact"], facts[1]["fact"])
    assert len([e for e in queries.list_events(eng, type="meeting") if e["helper"]["id"] == SHANGCHENG]) == 1


@pytest.mark.parametrize("args, message", [
    (("same", "Pnope", "Pnada"), "no fact or entity"),
    (("maybe", "a", "b"), "'same' or 'different'"),
    (("same", "x", "x"), "two different ids"),
])
def test_bad_judgements_are_refused(ledger, args, message) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    with pytest.raises(LedgerError, match=message):
        resolve.judge(ledger.engine, *args)


def test_judging_facts_of_two_kinds_is_refused(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    p = queries.list_pairings(ledger.engine)[0]["id"]
    e = queries.list_events(ledger.engine)[0]["id"]
    for force in (False, True):
        with pytest.raises(LedgerError) as err:
            resolve.judge(ledger.engine, "same", p, e, force=force)
        assert f"{p} is a pairing and {e} an event" in str(err.value)
        assert "an entity of kind pairing cannot be the same as one of kind event" in str(err.value)
    with pytest.raises(LedgerError, match="different already"):
        resolve.judge(ledger.engine, "different", p, e)
    assert queries.judgement_log(ledger.engine, human_only=True) == []


def test_new_reports_follow_earlier_human_judgements(ledger) -> None:  # type: ignore[no-untyped-def]
    from duikou.services.build import store_documents
    from duikou.runreport import RunReport

    d, r = helper_report()
    store(ledger, d, r)
    d2, r2 = other_report()
    store(ledger, d2, r2)
    pairs = {p["helper"]["id"]: p["id"] for p in queries.list_pairings(ledger.engine)}
    resolve.judge(ledger.engine, "same", pairs[SHANGCHENG], pairs[TIANHE], force=True)
    d3, r3 = other_report("reports/later.txt", published="2023-01-01")
    store_documents(ledger, [d3], RunReport(quiet=True), extract=lambda d: extraction(d, r3))
    [p] = queries.list_pairings(ledger.engine)
    assert p["source_count"] == 3


def test_show_profile_lists_everything_with_sources(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    prof = queries.show(ledger.engine, "黄平县")
    assert [(p["direction"], p["partner"]["name"], p["since"]) for p in prof["partners"]] == [
        ("helped_by", "上城区", 2019)]
    assert [e["type"] for e in prof["events"]] == ["funds", "meeting", "visit"]
    assert [(a["title"], a["source_count"]) for a in prof["agreements"]] == [("产业协作框架协议", 2)]
    assert [p["name"] for p in prof["people"]] == ["吴春梅"]
    assert prof["counts"][0]["value"] == 800 and prof["counts"][0]["sources"] == ["reports/shangcheng.txt"]
    for section in ("partners", "events", "agreements", "money", "counts", "people"):
        assert all(row["sources"] for row in prof[section]), section


@pytest.mark.parametrize("query, found", [
    (SHANGCHENG, [SHANGCHENG]), ("上城区", [SHANGCHENG]), ("上城", [SHANGCHENG]), ("扬州市", []),
])
def test_show_resolves_names_and_codes(ledger, query: str, found: list[str]) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    assert queries.resolve_party(ledger.engine, query) == found


def test_show_a_party_that_is_not_a_region(ledger) -> None:  # type: ignore[no-untyped-def]
    text = "某某证券公司与黄平县签订结对帮扶协议，捐赠50万元。"
    d = doc("reports/company.txt", text, published="2023-05-05")
    r = record(d, pairings=[fact(text, "某某证券公司与黄平县", helper="某某证券公司", recipient=HUANGPING,
                                 program="designated", since=None)],
               amounts=[fact(text, "捐赠50万元", value=500000, approx=False, role="donation", cumulative=False,
                             payer=None, payee=None)])
    store(ledger, d, r)
    prof = queries.show(ledger.engine, "某某证券公司")
    assert prof["partners"][0]["partner"]["name"] == "黄平县"
    assert prof["money"][0]["payer"] == {"id": "某某证券公司", "name": "某某证券公司"}


def test_unknown_party_is_an_error(ledger) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LedgerError, match="no region or party"):
        queries.show(ledger.engine, "不存在的地方")


@pytest.mark.parametrize("kwargs, expected", [
    ({}, 2), ({"province": "浙江"}, 1), ({"province": "贵州省"}, 2), ({"province": "广东省"}, 1),
    ({"program": "designated"}, 0), ({"since": 2019}, 1), ({"since": 2020}, 0),
])
def test_pairing_filters(ledger, kwargs: dict, expected: int) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    assert len(queries.list_pairings(ledger.engine, **kwargs)) == expected


def test_sources_of_a_fact_and_stats(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    p = queries.list_pairings(ledger.engine, province="浙江")[0]
    facts = queries.sources(ledger.engine, p["id"])
    assert [f["source"] for f in facts] == ["reports/shangcheng.txt", "reports/huangping.txt"]
    assert facts[0]["quote"] == "自2019年结对以来" and facts[0]["side"] == "helper"
    # a pairing's relation is stored as the extraction gives it (standing)
    assert {s["property"] for s in facts[0]["statements"]} == {"helper", "recipient", "program", "since", "relation"}
    one = queries.sources(ledger.engine, facts[1]["fact"])
    assert len(one) == 1 and one[0]["side"] == "recipient"
    st = queries.stats(ledger.engine)
    assert (st["documents"], st["pairings"], st["amount_conflicts"], st["judgements_human"]) == (3, 2, 1, 0)
    with ledger.engine.connect() as c:
        assert c.execute(select(documents.c.side).order_by(documents.c.id)).scalars().all() == [
            "helper", "recipient", None]


@pytest.mark.parametrize("cap", [1, 2, 4])
def test_sources_are_capped_earliest_first_but_all_counted(ledger, monkeypatch, cap: int) -> None:  # type: ignore[no-untyped-def]
    dates = ["2023-05-04", "2023-05-01", "2023-05-03", "2023-05-02"]
    for i, day in enumerate(dates):
        d, r = helper_report(f"reports/copy{i}.txt", f"{i}" + HELPER_TEXT)
        d.published = day
        store(ledger, d, r)
    monkeypatch.setattr(view_rows, "MAX_SOURCES", cap)
    [p] = queries.list_pairings(ledger.engine)
    by_date = [f"reports/copy{i}.txt" for _, i in sorted((day, i) for i, day in enumerate(dates))]
    assert p["sources"] == by_date[:cap]
    assert p["source_count"] == 4
    partner = queries.show(ledger.engine, HUANGPING)["partners"][0]
    assert partner["sources"] == by_date[:cap]


@pytest.mark.parametrize("dates, new_date, joins", [
    (["2023-03-29", "2023-03-31"], "2023-03-30", "2023-03-29"),  # two stored candidates: the earlier wins
    (["2023-03-29", "2023-03-31"], "2023-04-01", "2023-03-31"),
    (["2023-03-29", "2023-03-31"], "2023-04-03", None),
])
def test_new_event_joins_the_earliest_stored_event_within_a_day(ledger, dates, new_date, joins) -> None:  # type: ignore[no-untyped-def]
    for i, day in enumerate(dates + [new_date]):
        d, r = helper_report(f"reports/visit{i}.txt", f"{i}" + HELPER_TEXT)
        r["events"] = [e for e in r["events"] if e["type"] == "visit"]
        r["events"][0]["date"] = day
        store(ledger, d, r)
    visits = {e["date"]: e for e in queries.list_events(ledger.engine, type="visit")}
    expected = set(dates) | ({new_date} if joins is None else set())
    assert set(visits) == expected
    if joins is not None:
        assert visits[joins]["sources"] == [f"reports/visit{dates.index(joins)}.txt", f"reports/visit{len(dates)}.txt"]


def _linked(ledger) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    """entity_documents as (entity, source, side)."""
    from duikou.ledger.tables import entity_documents

    with ledger.engine.connect() as c:
        return {tuple(r) for r in c.execute(select(entity_documents.c.entity_id, entity_documents.c.source,
                                                   entity_documents.c.side))}


def _from_facts(ledger) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    """What entity_documents must hold: every entity fact's (entity, source, side)."""
    with ledger.engine.connect() as c:
        return {tuple(r) for r in c.execute(
            select(facts.c.entity, documents.c.source, documents.c.side).join(documents)
            .where(facts.c.kind != "regions").distinct())}


def _judge_pairings(ledger) -> None:  # type: ignore[no-untyped-def]
    pairs = {p["helper"]["id"]: p["id"] for p in queries.list_pairings(ledger.engine)}
    resolve.judge(ledger.engine, "same", pairs[SHANGCHENG], pairs[TIANHE], force=True)


def _undo_event_merge(ledger) -> None:  # type: ignore[no-untyped-def]
    auto = [j for j in queries.judgement_log(ledger.engine) if j["kind"] == "events"][0]
    resolve.undo(ledger.engine, auto["id"])


def _replace_report(ledger) -> None:  # type: ignore[no-untyped-def]
    d, r = helper_report(text=HELPER_TEXT + "又讯。")
    r["events"] = []
    store(ledger, d, r)


def _fail_report(ledger) -> None:  # type: ignore[no-untyped-def]
    d, _ = helper_report(text=HELPER_TEXT + "又讯。")
    ledger.add(source_record(d), [], "broken")


@pytest.mark.parametrize("change", [None, _judge_pairings, _undo_event_merge, _replace_report, _fail_report])
def test_entity_documents_follow_the_facts(ledger, change) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    if change is not None:
        change(ledger)
    assert _linked(ledger) == _from_facts(ledger)
    assert _linked(ledger)


def _dated_copies(ledger, dates: list[str]) -> None:  # type: ignore[no-untyped-def]
    for i, day in enumerate(dates):
        d, r = helper_report(f"reports/copy{i}.txt", f"{i}" + HELPER_TEXT)
        r["events"] = [e for e in r["events"] if e["type"] == "visit"]
        r["events"][0]["date"] = day
        store(ledger, d, r)


@pytest.mark.parametrize("limit, shown", [
    (1, ["2023-07-20"]),
    (2, ["2023-05-10", "2023-07-20"]),
    (3, ["2023-03-01", "2023-05-10", "2023-07-20"]),
    (10, ["2023-01-05", "2023-03-01", "2023-05-10", "2023-07-20"]),
])
def test_show_keeps_the_latest_events_and_counts_them_all(ledger, limit: int, shown: list[str]) -> None:  # type: ignore[no-untyped-def]
    _dated_copies(ledger, ["2023-03-01", "2023-07-20", "2023-01-05", "2023-05-10"])
    prof = queries.show(ledger.engine, HUANGPING, limit=limit)
    visits = [e["date"] for e in prof["events"] if e["type"] == "visit"]
    assert visits == shown
    assert prof["totals"]["events"] >= 4 and len(prof["events"]) <= limit
    assert prof["totals"]["partners"] == len(prof["partners"]) == 1


def test_show_rejects_a_limit_below_one(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    with pytest.raises(LedgerError, match="at least 1"):
        queries.show(ledger.engine, HUANGPING, limit=0)


def _canonical_sources(ledger) -> None:  # type: ignore[no-untyped-def]
    """Re-key the hand-made relative sources as migration 0008 does (a round trip through it is then exact)."""
    from alembic import command

    from duikou.ledger import db

    with db.transaction(ledger.engine) as conn:
        command.downgrade(db._alembic_config(conn), "0007")
    db.upgrade(ledger.engine)  # as opening the ledger does: to head, then what the migrations queued


def test_migration_0003_round_trip_keeps_the_ledger(ledger) -> None:  # type: ignore[no-untyped-def]
    """Down to 0002 (quotes back on statements) and up again (entity_documents refilled from facts)."""
    from alembic import command
    from sqlalchemy import inspect

    from duikou.ledger import db

    _fill(ledger)
    _judge_pairings(ledger)
    _canonical_sources(ledger)
    before = canonical_dump(ledger.engine)
    with db.transaction(ledger.engine) as conn:
        command.downgrade(db._alembic_config(conn), "0002")
    with ledger.engine.connect() as conn:
        assert "quote" in {c["name"] for c in inspect(conn).get_columns("statements")}
        assert not inspect(conn).has_table("entity_documents")
        assert conn.execute(select(statements.c.id).limit(1)).first() is not None
    db.upgrade(ledger.engine)
    assert canonical_dump(ledger.engine) == before


def test_migration_0004_round_trip_keeps_the_ledger(ledger) -> None:  # type: ignore[no-untyped-def]
    """Down to 0003 (positions without their source) and up again (sources refilled from documents)."""
    from alembic import command
    from sqlalchemy import inspect

    from duikou.ledger import db

    _fill(ledger)
    _canonical_sources(ledger)
    before = canonical_dump(ledger.engine)
    titles = queries.show(ledger.engine, SHANGCHENG)["people"]
    with db.transaction(ledger.engine) as conn:
        command.downgrade(db._alembic_config(conn), "0003")
    with ledger.engine.connect() as conn:
        assert "source" not in {c["name"] for c in inspect(conn).get_columns("positions")}
    db.upgrade(ledger.engine)
    assert canonical_dump(ledger.engine) == before
    assert queries.show(ledger.engine, SHANGCHENG)["people"] == titles
