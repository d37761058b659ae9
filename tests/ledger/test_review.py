"""Reviewing facts (issue 10): accept, reject, correct and undo, each one transaction that records who,
when, why and what changed; the review queue; the audit log; reviews surviving a rebuild.

The three hand-made reports of tests.ledger.helpers: 上城区 helps 黄平县 (told by both sides: one pairing
with two sources, 2019 and 2020 as the year it began) and 天河区 helps 纳雍县.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from duikou.errors import LedgerError
from duikou.extract.pipeline import Extraction
from duikou.ingest.document import Document
from duikou.ledger import queries, resolve, review, review_log, review_rebase
from duikou.ledger.review_queue import queue
from duikou.ledger.tables import counts, documents, entity_documents, facts, pairings, positions, reviews
from duikou.services.build import build
from tests.ledger.helpers import (
    HUANGPING,
    NAYONG,
    SHANGCHENG,
    TIANHE,
    extraction,
    helper_report,
    other_report,
    recipient_report,
    store,
)


@pytest.fixture
def filled(ledger):  # type: ignore[no-untyped-def]
    for d, r in (helper_report(), recipient_report(), other_report()):
        store(ledger, d, r)
    return ledger


def _fact(eng: Any, kind: str, source: str) -> dict[str, Any]:
    """The first fact of ``kind`` of the report ``source``."""
    with eng.connect() as conn:
        row = conn.execute(select(facts).join(documents, documents.c.id == facts.c.document_id)
                           .where(facts.c.kind == kind, documents.c.source == source)
                           .order_by(facts.c.seq)).mappings().first()
    assert row is not None
    return {**row, "data": json.loads(row["data"])}


def _pairing(eng: Any, helper: str, recipient: str) -> dict[str, Any] | None:
    with eng.connect() as conn:
        row = conn.execute(select(pairings).where(pairings.c.helper == helper,
                                                  pairings.c.recipient == recipient)).mappings().first()
    return None if row is None else dict(row)


def _reviews(eng: Any) -> list[dict[str, Any]]:
    with eng.connect() as conn:
        return [dict(r) for r in conn.execute(select(reviews).order_by(reviews.c.id)).mappings()]


HELPER, RECIPIENT, OTHER = "reports/shangcheng.txt", "reports/huangping.txt", "reports/tianhe.txt"


def test_accept_records_who_when_why_and_changes_no_entity(filled) -> None:  # type: ignore[no-untyped-def]
    eng = filled.engine
    f = _fact(eng, "pairings", HELPER)
    before = _pairing(eng, SHANGCHENG, HUANGPING)
    rid = review.accept(eng, f["id"], "reviewer-a", "both reports say so")
    [row] = _reviews(eng)
    assert (row["id"], row["fact_id"], row["action"], row["author"], row["reason"]) == (
        rid, f["id"], "accept", "reviewer-a", "both reports say so")
    assert json.loads(row["before"]) is None and json.loads(row["after"]) == "accepted" and row["created"]
    assert _fact(eng, "pairings", HELPER)["review"] == "accepted"
    assert _pairing(eng, SHANGCHENG, HUANGPING) == before
    with pytest.raises(LedgerError, match="already accepted"):
        review.accept(eng, f["id"], "reviewer-b")
    with pytest.raises(LedgerError, match="no fact with id 'Fnothing'"):
        review.accept(eng, "Fnothing", "reviewer-a")


def test_reject_takes_the_fact_out_of_its_entity_and_undo_brings_it_back(filled) -> None:  # type: ignore[no-untyped-def]
    eng = filled.engine
    merged = _pairing(eng, SHANGCHENG, HUANGPING)
    assert merged is not None and (merged["sources"], merged["since"]) == (2, 2019)
    helper_fact = _fact(eng, "pairings", HELPER)
    rid = review.reject(eng, helper_fact["id"], "reviewer-a", "the year is wrong")
    p = _pairing(eng, SHANGCHENG, HUANGPING)
    assert p is not None and (p["id"], p["sources"], p["since"]) == (merged["id"], 1, 2020)
    with eng.connect() as conn:
        docs = conn.execute(select(entity_documents.c.source).where(entity_documents.c.entity_id == p["id"])).all()
    assert [d.source for d in docs] == [RECIPIENT]
    with pytest.raises(LedgerError, match="already rejected"):
        review.reject(eng, helper_fact["id"], "reviewer-a")
    # the other report's fact out too: the entity goes from its table and its lists; the facts stay
    second = review.reject(eng, _fact(eng, "pairings", RECIPIENT)["id"], "reviewer-b")
    assert _pairing(eng, SHANGCHENG, HUANGPING) is None
    assert all(p["helper"]["id"] != SHANGCHENG for p in queries.list_pairings(eng))
    assert _fact(eng, "pairings", HELPER)["review"] == "rejected"
    review.undo(eng, second, "reviewer-b", "changed my mind")
    review.undo(eng, rid, "reviewer-a")
    p = _pairing(eng, SHANGCHENG, HUANGPING)
    assert p is not None and (p["id"], p["sources"], p["since"]) == (merged["id"], 2, 2019)
    assert _fact(eng, "pairings", HELPER)["review"] is None
    undo = _reviews(eng)[-1]
    assert (undo["action"], undo["undoes"], json.loads(undo["before"]), json.loads(undo["after"])) == (
        "undo", rid, "rejected", None)


def test_a_rejected_person_loses_the_title_the_report_gave(filled) -> None:  # type: ignore[no-untyped-def]
    eng = filled.engine
    person = _fact(eng, "people", HELPER)
    rid = review.reject(eng, person["id"], "reviewer-a")
    with eng.connect() as conn:
        assert conn.execute(select(positions).where(positions.c.fact_id == person["id"])).first() is None
    review.undo(eng, rid, "reviewer-a")
    with eng.connect() as conn:
        back = conn.execute(select(positions).where(positions.c.fact_id == person["id"])).mappings().one()
    assert (back["person"], json.loads(back["titles"])) == (person["entity"], ["区委书记"])


def test_correct_one_property_keeps_before_and_after(filled) -> None:  # type: ignore[no-untyped-def]
    eng = filled.engine
    f = _fact(eng, "pairings", HELPER)
    rid = review.correct(eng, f["id"], "since", 2017, "reviewer-a", "the 2017 agreement")
    row = _reviews(eng)[-1]
    assert (row["id"], row["field"], json.loads(row["before"]), json.loads(row["after"])) == (rid, "since", 2019, 2017)
    fact = _fact(eng, "pairings", HELPER)
    assert fact["data"]["since"] == 2017 and fact["review"] == "corrected" and fact["base"] == f["base"]
    assert _pairing(eng, SHANGCHENG, HUANGPING)["since"] == 2017  # type: ignore[index]
    # a second correction, then undoing the first: the second's value stands
    second = review.correct(eng, f["id"], "since", 2018, "reviewer-b")
    review.undo(eng, rid, "reviewer-a")
    assert _fact(eng, "pairings", HELPER)["data"]["since"] == 2018
    review.undo(eng, second, "reviewer-b")
    fact = _fact(eng, "pairings", HELPER)
    assert fact["data"] == f["data"] and fact["review"] is None  # the extracted value is back
    assert _pairing(eng, SHANGCHENG, HUANGPING)["since"] == 2019  # type: ignore[index]


@pytest.mark.parametrize("field, value, message", [
    ("colour", "red", "no property 'colour'"),
    ("program", "moonshot", "not in"),
    ("since", "two thousand", "is not a int"),
    ("helper", "", "is not a party"),
    ("since", 2019, "already says since = 2019"),
])
def test_a_bad_correction_is_a_clear_error_and_writes_nothing(filled, field: str, value: Any,  # type: ignore[no-untyped-def]
                                                              message: str) -> None:
    eng = filled.engine
    f = _fact(eng, "pairings", HELPER)
    with pytest.raises(LedgerError, match=message):
        review.correct(eng, f["id"], field, value, "reviewer-a")
    assert _reviews(eng) == [] and _fact(eng, "pairings", HELPER) == f


def test_a_rejected_fact_is_not_corrected(filled) -> None:  # type: ignore[no-untyped-def]
    f = _fact(filled.engine, "pairings", HELPER)
    review.reject(filled.engine, f["id"], "reviewer-a")
    with pytest.raises(LedgerError, match="undo its rejection"):
        review.correct(filled.engine, f["id"], "since", 2000, "reviewer-a")


def test_a_correction_that_fails_half_way_leaves_nothing_written(filled, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    eng = filled.engine
    f = _fact(eng, "pairings", RECIPIENT)
    before = _pairing(eng, SHANGCHENG, HUANGPING)

    def broken(*args: Any) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(review_rebase, "recompute_entities", broken)
    with pytest.raises(RuntimeError, match="disk is full"):
        review.correct(eng, f["id"], "helper", TIANHE, "reviewer-a")
    assert _reviews(eng) == [] and _fact(eng, "pairings", RECIPIENT) == f
    assert _pairing(eng, SHANGCHENG, HUANGPING) == before and _pairing(eng, TIANHE, HUANGPING) is None


@pytest.mark.parametrize("judged", [False, True], ids=["unjudged", "judged"])
def test_a_corrected_merge_key_moves_the_fact_to_its_entity(filled, judged: bool) -> None:  # type: ignore[no-untyped-def]
    """Without human judgements of its kind the fact moves straight to its new base's entity; with them the
    kind is reclustered (the judgements still apply): the same place here."""
    eng = filled.engine
    f = _fact(eng, "pairings", RECIPIENT)
    merged = _pairing(eng, SHANGCHENG, HUANGPING)
    assert merged is not None
    if judged:
        resolve.judge(eng, "different", merged["id"], _fact(eng, "pairings", OTHER)["entity"], author="reviewer-b")
    review.correct(eng, f["id"], "helper", TIANHE, "reviewer-a", "the recipient's report names 天河区")
    moved = _fact(eng, "pairings", RECIPIENT)
    assert moved["base"] != f["base"] and moved["entity"] != merged["id"]
    new = _pairing(eng, TIANHE, HUANGPING)
    assert new is not None and new["id"] == moved["entity"] and new["sources"] == 1
    assert _pairing(eng, SHANGCHENG, HUANGPING)["sources"] == 1  # type: ignore[index]
    # into an entity that exists: the other report's pairing, 天河区 -> 纳雍县
    fix = review.correct(eng, f["id"], "recipient", NAYONG, "reviewer-a")
    joined = _pairing(eng, TIANHE, NAYONG)
    assert joined is not None and joined["sources"] == 2 and _fact(eng, "pairings", RECIPIENT)["entity"] == joined["id"]
    assert _pairing(eng, TIANHE, HUANGPING) is None
    review.undo(eng, fix, "reviewer-a")
    assert _pairing(eng, TIANHE, NAYONG)["sources"] == 1  # type: ignore[index]
    assert _pairing(eng, TIANHE, HUANGPING)["sources"] == 1  # type: ignore[index]


def test_correcting_a_reports_main_pairing_moves_what_it_lends(filled) -> None:  # type: ignore[no-untyped-def]
    """The helper report's count of households borrows its helper and recipient from the report's main
    pairing: correcting that pairing's helper moves the count to the new pair."""
    eng = filled.engine
    with eng.connect() as conn:
        main = conn.execute(select(documents.c.pairing).where(documents.c.source == HELPER)).scalar()
    f = _fact(eng, "pairings", HELPER)
    assert main == f["base"]
    rid = review.correct(eng, f["id"], "helper", TIANHE, "reviewer-a")
    with eng.connect() as conn:
        assert conn.execute(select(documents.c.pairing).where(documents.c.source == HELPER)).scalar() \
            == _fact(eng, "pairings", HELPER)["base"]
        [c] = conn.execute(select(counts)).mappings().all()
    assert (c["helper"], c["recipient"]) == (TIANHE, HUANGPING) and c["id"] == _fact(eng, "counts", HELPER)["entity"]
    review.undo(eng, rid, "reviewer-a")
    with eng.connect() as conn:
        [c] = conn.execute(select(counts)).mappings().all()
        assert conn.execute(select(documents.c.pairing).where(documents.c.source == HELPER)).scalar() == main
    assert (c["helper"], c["recipient"]) == (SHANGCHENG, HUANGPING)


def _event(eng: Any, source: str, type_: str) -> dict[str, Any]:
    with eng.connect() as conn:
        rows = conn.execute(select(facts).join(documents, documents.c.id == facts.c.document_id)
                            .where(facts.c.kind == "events", documents.c.source == source)).mappings().all()
    [row] = [r for r in rows if json.loads(r["data"])["type"] == type_]
    return {**row, "data": json.loads(row["data"])}


def test_a_corrected_event_date_moves_it_as_the_store_would(filled) -> None:  # type: ignore[no-untyped-def]
    """The two sides' meetings (30 and 31 March) are one event; moved a week, the recipient's is its own,
    and put back within a day it rejoins the helper's. A correction off the key keeps the event."""
    eng = filled.engine
    helper_meeting, meeting = _event(eng, HELPER, "meeting"), _event(eng, RECIPIENT, "meeting")
    assert meeting["entity"] == helper_meeting["entity"]
    review.correct(eng, meeting["id"], "leaders", ["吴春梅", "林晓松"], "reviewer-a")
    assert _event(eng, RECIPIENT, "meeting")["base"] == meeting["base"]
    moved = review.correct(eng, meeting["id"], "date", "2023-04-07", "reviewer-a")
    alone = _event(eng, RECIPIENT, "meeting")
    assert alone["entity"] != helper_meeting["entity"]
    from duikou.ledger.tables import events

    with eng.connect() as conn:
        dates = dict(conn.execute(select(events.c.id, events.c.date)).all())
    assert dates[alone["entity"]] == "2023-04-07" and dates[helper_meeting["entity"]] == "2023-03-30"
    review.undo(eng, moved, "reviewer-a")
    assert _event(eng, RECIPIENT, "meeting")["entity"] == helper_meeting["entity"]


def test_undo_errors(filled) -> None:  # type: ignore[no-untyped-def]
    eng = filled.engine
    rid = review.accept(eng, _fact(eng, "events", HELPER)["id"], "reviewer-a")
    with pytest.raises(LedgerError, match="no review 999"):
        review.undo(eng, 999, "reviewer-a")
    undo = review.undo(eng, rid, "reviewer-a")
    with pytest.raises(LedgerError, match=f"review {rid} is already undone \\(by review {undo}\\)"):
        review.undo(eng, rid, "reviewer-a")
    with pytest.raises(LedgerError, match="is an undo"):
        review.undo(eng, undo, "reviewer-a")
    assert [r["action"] for r in _reviews(eng)] == ["accept", "undo"]
    assert [(h["action"], h["undone"]) for h in review_log.history(eng, _fact(eng, "events", HELPER)["id"])] == [
        ("accept", True), ("undo", False)]


def _naive_order(eng: Any) -> list[str]:
    """The queue's order computed the slow way: every fact, sorted in Python."""
    with eng.connect() as conn:
        cited: dict[str, int] = {}
        for e, in conn.execute(select(entity_documents.c.entity_id)):
            cited[e] = cited.get(e, 0) + 1
        rows = conn.execute(select(facts.c.id, facts.c.confidence, facts.c.entity).where(facts.c.review.is_(None))).all()
    return [r.id for r in sorted(rows, key=lambda r: (r.confidence is None, r.confidence or 0, -cited.get(r.entity, 0),
                                                      r.entity, r.id))]


def test_the_queue_puts_low_confidence_and_much_cited_first(ledger) -> None:  # type: ignore[no-untyped-def]
    reports = [helper_report(), recipient_report(), other_report()]
    for i, (d, r) in enumerate(reports):  # a spread of confidences, ties among them
        for k, kind in enumerate(("pairings", "events", "amounts", "people", "counts", "regions")):
            for j, f in enumerate(r[kind]):
                f["confidence"] = [0.6, 0.8, 0.95][(i + j + k) % 3]
        store(ledger, d, r)
    eng = ledger.engine
    whole, total = queue(eng, limit=1000)
    assert total == len(whole) == len(_naive_order(eng)) > 20
    assert [r["fact"] for r in whole] == _naive_order(eng)
    assert whole[0]["confidence"] == 0.6 and whole[-1]["confidence"] == 0.95
    paged = [r["fact"] for off in range(0, total, 4) for r in queue(eng, limit=4, offset=off)[0]]
    assert paged == [r["fact"] for r in whole]
    first = whole[0]
    assert first["document"]["source"] in (HELPER, RECIPIENT, OTHER) and first["quote"] and first["description"]
    assert first["review"] == "unreviewed" and first["end"] > first["start"]
    # by kind and state
    events, n = queue(eng, kind="events", limit=1000)
    assert n == len(events) and {r["kind"] for r in events} == {"events"}
    review.accept(eng, first["fact"], "reviewer-a")
    assert queue(eng, limit=1000)[1] == total - 1
    accepted, n = queue(eng, state="accepted")
    assert n == 1 and accepted[0]["fact"] == first["fact"] and accepted[0]["review"] == "accepted"
    assert queue(eng, state="all", limit=0)[1] == total
    assert queue(eng, offset=total + 5) == ([], total - 1)
    with pytest.raises(LedgerError, match="no review state"):
        queue(eng, state="maybe")
    with pytest.raises(LedgerError, match="no fact kind"):
        queue(eng, kind="planets")


def test_the_queue_counts_the_reports_behind_each_entity(filled) -> None:  # type: ignore[no-untyped-def]
    rows, _ = queue(filled.engine, kind="pairings", limit=10)
    by_helper = {r["data"]["helper"]: r for r in rows}
    assert by_helper[SHANGCHENG]["sources"] == 2 and by_helper[TIANHE]["sources"] == 1
    assert rows[0]["data"]["helper"] == SHANGCHENG  # same confidence: the one two reports tell first
    assert "上城区 → 黄平县" in by_helper[SHANGCHENG]["description"]


def test_the_audit_log_merges_reviews_judgements_and_retractions(filled) -> None:  # type: ignore[no-untyped-def]
    eng = filled.engine
    rid = review.reject(eng, _fact(eng, "amounts", HELPER)["id"], "reviewer-a", "a forecast")
    a, b = _fact(eng, "events", HELPER)["entity"], _fact(eng, "events", OTHER)["entity"]
    jid = resolve.judge(eng, "different", a, b, "two meetings", author="reviewer-b")
    resolve.undo(eng, jid, "wrong pair", author="reviewer-b")
    with eng.connect() as conn:
        doc = conn.execute(select(documents.c.id).where(documents.c.source == OTHER)).scalar_one()
    filled.retract(doc, "withdrawn")
    log, total = review_log.audit(eng)
    assert total == 4 == len(log)
    assert [(e["log"], e["action"]) for e in log] == [("retraction", "retract"), ("judgement", "undo"),
                                                      ("judgement", "different"), ("review", "reject")]
    assert [e["created"] for e in log] == sorted((e["created"] for e in log), reverse=True)
    retraction, undo, judged, rejected = log
    assert (retraction["target"], retraction["before"], retraction["after"], retraction["reason"]) == (
        str(doc), "ok", "retracted", "withdrawn")
    assert (undo["target"], undo["other"], undo["undoes"], undo["author"]) == (a, b, jid, "reviewer-b")
    assert (rejected["id"], rejected["kind"], rejected["before"], rejected["after"]) == (rid, "amounts", None,
                                                                                          "rejected")
    assert review_log.audit(eng, author="reviewer-b")[1] == 2
    assert [e["log"] for e in review_log.audit(eng, log="review")[0]] == ["review"]
    assert review_log.audit(eng, kind="events")[1] == 2
    page, n = review_log.audit(eng, limit=2, offset=2)
    assert n == 4 and [e["action"] for e in page] == ["different", "reject"]
    with pytest.raises(LedgerError, match="no audit log"):
        review_log.audit(eng, log="diary")


# -- rebuilds -------------------------------------------------------------------------------------
def _fake_extract(d: Document) -> Extraction:
    if "党政代表团赴" in d.text:
        _, r = helper_report(d.source, d.text)
    elif "县长" in d.text:
        _, r = recipient_report(d.source)
    else:
        _, r = other_report(d.source)
    return extraction(d, r)


def _write(top: Path) -> dict[str, Path]:
    from tests.ledger.helpers import HELPER_TEXT, OTHER_TEXT, RECIPIENT_TEXT

    top.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in (("helper.txt", HELPER_TEXT), ("recipient.txt", RECIPIENT_TEXT), ("other.txt", OTHER_TEXT)):
        paths[name] = top / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _fact_of(eng: Any, kind: str, path: Path) -> dict[str, Any]:
    with eng.connect() as conn:
        src = conn.execute(select(documents.c.source).where(documents.c.path == str(path.resolve()))).scalar_one()
    return _fact(eng, kind, src)


def test_reviews_survive_a_rebuild_and_a_retraction(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, eng = filled.url, filled.engine
    paths = _write(tmp_path / "in")
    build([str(tmp_path / "in")], eng, extract=_fake_extract)
    pair = _fact_of(eng, "pairings", paths["recipient.txt"])
    amount = _fact_of(eng, "amounts", paths["helper.txt"])
    review.correct(eng, pair["id"], "helper", TIANHE, "reviewer-a")
    review.reject(eng, amount["id"], "reviewer-a")
    state = (_fact_of(eng, "pairings", paths["recipient.txt"]), _fact_of(eng, "amounts", paths["helper.txt"]),
             _pairing(eng, TIANHE, HUANGPING))
    summary = build([str(tmp_path / "in")], url, extract=_fake_extract)
    assert summary.counts["unchanged"] == 3
    assert (_fact_of(eng, "pairings", paths["recipient.txt"]), _fact_of(eng, "amounts", paths["helper.txt"]),
            _pairing(eng, TIANHE, HUANGPING)) == state
    # retracted and put back: the same text gives the same fact ids, and their reviews apply again
    for doc_path in (paths["recipient.txt"], paths["helper.txt"]):
        with eng.connect() as conn:
            doc = conn.execute(select(documents.c.id).where(documents.c.path == str(doc_path.resolve()))).scalar_one()
        filled.retract(doc, "test", auto=True)
    assert _pairing(eng, TIANHE, HUANGPING) is None
    build([str(tmp_path / "in")], url, extract=_fake_extract)
    back = _fact_of(eng, "pairings", paths["recipient.txt"])
    assert (back["id"], back["review"], back["data"]["helper"]) == (pair["id"], "corrected", TIANHE)
    assert back["base"] == state[0]["base"] and _pairing(eng, TIANHE, HUANGPING) == state[2]
    rejected = _fact_of(eng, "amounts", paths["helper.txt"])
    assert (rejected["id"], rejected["review"]) == (amount["id"], "rejected")
    with eng.connect() as conn:
        assert conn.execute(select(entity_documents).where(entity_documents.c.entity_id == rejected["entity"])).first() \
            is None


def test_a_fact_read_otherwise_under_its_old_id_is_left_unreviewed(filled) -> None:  # type: ignore[no-untyped-def]
    """The same text read by another extractor: a fact back under its id but saying something else than
    what was corrected keeps what it says now, unreviewed."""
    eng = filled.engine
    f = _fact(eng, "pairings", HELPER)
    review.correct(eng, f["id"], "since", 2017, "reviewer-a")
    with eng.connect() as conn:
        doc = conn.execute(select(documents.c.id).where(documents.c.source == HELPER)).scalar_one()
    filled.retract(doc, "test", auto=True)
    d, r = helper_report()
    r["pairings"][0]["since"] = 2018  # this extractor reads another year
    store(filled, d, r)
    back = _fact(eng, "pairings", HELPER)
    assert (back["id"], back["review"], back["data"]["since"]) == (f["id"], None, 2018)


def test_a_changed_report_gets_new_facts_and_its_old_reviews_stay_in_the_log(filled) -> None:  # type: ignore[no-untyped-def]
    eng = filled.engine
    old = _fact(eng, "pairings", HELPER)
    review.reject(eng, old["id"], "reviewer-a")
    d, r = helper_report(text=helper_report()[0].text + "两地将继续深化协作。")
    store(filled, d, r)
    new = _fact(eng, "pairings", HELPER)
    assert new["id"] != old["id"] and new["review"] is None
    assert _pairing(eng, SHANGCHENG, HUANGPING)["sources"] == 2  # type: ignore[index]
    assert [h["action"] for h in review_log.history(eng, old["id"])] == ["reject"]
    with pytest.raises(LedgerError, match="no longer in the ledger"):
        review.undo(eng, _reviews(eng)[0]["id"], "reviewer-a")


def test_reviewed_entities(filled) -> None:  # type: ignore[no-untyped-def]
    eng = filled.engine
    assert review.reviewed_entities(eng, "pairings") == set()
    f = _fact(eng, "pairings", HELPER)
    review.accept(eng, f["id"], "reviewer-a")
    assert review.reviewed_entities(eng, "pairings") == {f["entity"]}
    other = _fact(eng, "pairings", OTHER)
    review.correct(eng, other["id"], "since", 2021, "reviewer-a")
    assert review.reviewed_entities(eng, "pairings") == {f["entity"], other["entity"]}
    with eng.connect() as conn:
        ids = set(conn.execute(select(pairings.c.id).where(review.reviewed_condition(pairings.c.id))).scalars())
        assert review.reviewed_entities(conn, "pairings") == ids
    assert ids == {f["entity"], other["entity"]}
    with pytest.raises(LedgerError, match="no fact kind"):
        review.reviewed_entities(eng, "planets")


# -- the command line (the commands are registered in duikou.cli by its owner: invoked directly here) ----
def _cli(*args: str) -> Any:
    import click
    from click.testing import CliRunner

    from duikou.cli.review import COMMANDS

    group = click.Group(commands={c.name: c for c in COMMANDS if c.name})
    return CliRunner().invoke(group, list(args))


def test_review_commands(filled, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("USER", "reviewer-os")
    url, eng = filled.url, filled.engine
    res = _cli("review", "queue", "--db", url, "--kind", "pairings", "--format", "json")
    assert res.exit_code == 0, res.output
    page = json.loads(res.output)
    assert page["total"] == 3 and page["rows"][0]["data"]["helper"] == SHANGCHENG
    fid = _fact(eng, "pairings", HELPER)["id"]
    res = _cli("review", "accept", fid, "--db", url, "--reason", "read it")
    assert res.exit_code == 0 and res.output.startswith("review 1: ")
    assert _reviews(eng)[0]["author"] == "reviewer-os"  # the OS user, as judge does
    res = _cli("review", "correct", fid, "since", "2016", "--db", url, "--author", "reviewer-a")
    assert res.exit_code == 0, res.output
    assert _fact(eng, "pairings", HELPER)["data"]["since"] == 2016  # JSON: a number, not "2016"
    res = _cli("review", "correct", _fact(eng, "people", HELPER)["id"], "titles", '["区委副书记"]', "--db", url)
    assert res.exit_code == 0 and _fact(eng, "people", HELPER)["data"]["titles"] == ["区委副书记"]
    res = _cli("review", "correct", _fact(eng, "people", HELPER)["id"], "name", "林晓", "--db", url)
    assert res.exit_code == 0 and _fact(eng, "people", HELPER)["data"]["name"] == "林晓"  # not JSON: text
    res = _cli("review", "reject", _fact(eng, "events", OTHER)["id"], "--db", url)
    assert res.exit_code == 0
    res = _cli("review", "undo", "2", "--db", url)
    assert res.exit_code == 0 and _fact(eng, "pairings", HELPER)["data"]["since"] == 2019
    res = _cli("review", "history", fid, "--db", url, "--format", "csv")
    assert res.exit_code == 0 and res.output.splitlines()[0].startswith("id,created,author,action")
    assert len(res.output.splitlines()) == 4
    res = _cli("audit", "--db", url, "--format", "json", "--author", "reviewer-a")
    assert res.exit_code == 0 and json.loads(res.output)["total"] == 1
    res = _cli("review", "queue", "--db", url, "--state", "rejected")
    assert res.exit_code == 0 and "of 1 (rejected)" in res.output


def test_review_command_errors_are_one_line(filled) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from duikou.cli import _Group
    from duikou.cli.review import COMMANDS

    group = _Group(commands={c.name: c for c in COMMANDS if c.name})  # the program's error boundary
    res = CliRunner().invoke(group, ["review", "undo", "77", "--db", filled.url])
    assert res.exit_code == 1 and res.output.strip() == "duikou: no review 77"
    res = CliRunner().invoke(group, ["review", "correct", _fact(filled.engine, "pairings", HELPER)["id"], "program",
                                     "moonshot", "--db", filled.url])
    assert res.exit_code == 1 and "not in" in res.output and "Traceback" not in res.output
