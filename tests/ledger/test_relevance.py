"""Off-topic reports are kept out of the ledger, counted and listed; --keep-offtopic stores them (SQLite and PG)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from duikou.ingest.document import Document
from duikou.extract.pipeline import on_topic_facts
from duikou.services.build import store_documents
from duikou.ledger.documents import count_by_status, list_documents
from duikou.ledger.tables import documents, facts, pairings
from duikou.runreport import RunReport
from tests.ledger.helpers import doc, extraction, fact, helper_report, other_report, record

CHARITY = "6月1日，星河慈善基金会向城南小学捐赠图书500册，校长周文清出席仪式。"


def charity_report(source: str = "reports/charity.txt") -> tuple[Document, dict[str, Any]]:
    d = doc(source, CHARITY, published="2023-06-02")
    r = record(d, people=[fact(CHARITY, "校长周文清", name="周文清", titles=["校长"], region=None, role="other")],
               counts=[fact(CHARITY, "500册", value=500, unit="册", approx=False, role="other")])
    return d, with_topic(r, False, 0.0, "no programme cue", "none")


def with_topic(r: dict[str, Any], on: bool, score: float, reason: str, scope: str,
               passages: list[list[int]] | None = None) -> dict[str, Any]:
    r["doc"]["topic"] = {"on_topic": on, "score": score, "reason": reason, "scope": scope}
    if passages is not None:
        r["doc"]["topic"]["passages"] = passages
    return r


def _build(ledger, reports: list[tuple[Document, dict[str, Any]]], keep: bool = False):  # type: ignore[no-untyped-def]
    by_source = {d.source: r for d, r in reports}
    return store_documents(ledger, [d for d, _ in reports], RunReport(quiet=True),
                           extract=lambda d: extraction(d, by_source[d.source]), keep_offtopic=keep)


def _count(ledger, table, *where) -> int:  # type: ignore[no-untyped-def]
    with ledger.engine.connect() as c:
        return c.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def test_off_topic_report_is_kept_out_counted_and_listed(ledger) -> None:  # type: ignore[no-untyped-def]
    d, r = helper_report()
    on = with_topic(r, True, 1.0, "东西部协作 | …", "document")
    summary = _build(ledger, [(d, on), charity_report()])
    assert summary.counts["offtopic"] == 1 and summary.counts["new"] == 1
    assert summary.documents == 2 and "1 off topic" in summary.line()
    assert summary.to_json()["offtopic"] == 1
    assert count_by_status(ledger.engine) == {"ok": 1, "failed": 0, "offtopic": 1, "retracted": 0}
    rows = list_documents(ledger.engine, "offtopic")
    assert [(x["source"], x["status"], x["on_topic"], x["reason"]) for x in rows] == [
        ("reports/charity.txt", "offtopic", False, "no programme cue")]
    # no facts, no text; the on-topic report has its verdict stored
    assert _count(ledger, facts, facts.c.document_id == rows[0]["id"]) == 0
    with ledger.engine.connect() as c:
        text, = c.execute(select(documents.c.text).where(documents.c.source == "reports/charity.txt")).one()
        stored = c.execute(select(documents.c.on_topic, documents.c.topic_score, documents.c.topic_scope)
                           .where(documents.c.source == d.source)).one()
    assert text is None
    assert (bool(stored[0]), stored[1], stored[2]) == (True, 1.0, "document")


def test_off_topic_report_is_skipped_next_time_and_stored_when_kept(ledger) -> None:  # type: ignore[no-untyped-def]
    assert _build(ledger, [charity_report()]).counts["offtopic"] == 1
    again = _build(ledger, [charity_report()])
    assert again.counts["unchanged"] == 1 and again.counts["offtopic"] == 0
    kept = _build(ledger, [charity_report()], keep=True)
    assert kept.counts["new"] == 1 and kept.counts["facts"] == 2
    rows = list_documents(ledger.engine, "offtopic")
    assert [(x["status"], x["on_topic"]) for x in rows] == [("ok", False)]  # stored anyway, still listed
    assert _build(ledger, [charity_report()]).counts["unchanged"] == 1


def test_report_that_turns_off_topic_loses_its_facts(ledger) -> None:  # type: ignore[no-untyped-def]
    d, r = other_report()
    _build(ledger, [(d, with_topic(r, True, 1.0, "东西部协作 | …", "document"))])
    assert _count(ledger, pairings) == 1
    d2 = doc(d.source, d.text + "（更新）", published=d.published)
    r2 = with_topic(record(d2), False, 0.2, "帮扶 | …", "none")
    assert _build(ledger, [(d2, r2)]).counts["offtopic"] == 1
    assert _count(ledger, facts) == 0
    assert _count(ledger, pairings) == 0


def test_record_without_a_verdict_counts_as_on_topic(ledger) -> None:  # type: ignore[no-untyped-def]
    d, r = helper_report()
    assert _build(ledger, [(d, r)]).counts["new"] == 1


def test_only_the_passages_of_a_passage_report_are_stored(ledger) -> None:  # type: ignore[no-untyped-def]
    d, r = helper_report()
    cut = d.text.index("自2019年")
    part = with_topic(r, True, 0.6, "结对 | …", "passages", [[cut, len(d.text)]])
    kept = on_topic_facts(extraction(d, part)).facts
    assert [p.evidence.start >= cut for p in kept["pairings"]] == [True]
    assert kept["people"] == [] and kept["events"] == []
    assert {a.data["value"] for a in kept["amounts"]} == {120000000}
    _build(ledger, [(d, part)])
    assert _count(ledger, pairings) == 1
    assert _count(ledger, facts) == sum(len(found) for found in kept.values())


def test_keep_offtopic_stores_every_fact_of_a_passage_report(ledger) -> None:  # type: ignore[no-untyped-def]
    d, r = helper_report()
    part = with_topic(r, True, 0.6, "结对 | …", "passages", [[0, 5]])
    n_all = sum(len(r[k]) for k in ("regions", "pairings", "people", "events", "agreements", "amounts", "counts"))
    _build(ledger, [(d, part)], keep=True)
    assert _count(ledger, facts) == n_all


def test_build_and_documents_commands(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from click.testing import CliRunner

    from duikou.cli import main

    (tmp_path / "on.txt").write_text("6月3日，上城区向黄平县捐赠东西部协作帮扶资金300万元。", encoding="utf-8")
    (tmp_path / "off.txt").write_text(CHARITY, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'l.db'}"

    def run(*args: str) -> str:
        res = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert res.exit_code == 0, res.output
        return res.output

    out = run("build", "--db", url, str(tmp_path))
    assert "2 documents: 1 new, 0 unchanged, 0 replaced, 0 failed, 1 off topic" in out
    rows = json.loads(run("documents", "--db", url, "--offtopic", "--format", "json"))
    assert [(r["source"].endswith("off.txt"), r["status"], r["on_topic"]) for r in rows] == [(True, "offtopic", False)]
    assert rows[0]["reason"] == "no programme cue"
    stored = json.loads(run("documents", "--db", url, "--stored", "--format", "json"))
    assert [r["source"].endswith("on.txt") for r in stored] == [True] and stored[0]["topic_score"] >= 0.5
    assert "1 new, 1 unchanged" in run("build", "--db", url, "--keep-offtopic", str(tmp_path))
    assert len(json.loads(run("documents", "--db", url, "--format", "json"))) == 2
