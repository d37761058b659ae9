"""The store's typed records: facts that come from no report (a manual entry citing its author, an
imported row citing its file, sheet and row), and the main pairing decided once, by the extraction."""
from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from duikou.cli import main
from duikou.errors import LedgerError
from duikou.extract.pipeline import extract_document
from duikou.extract.records import records
from duikou.ledger import db
from duikou.ledger.entities import base_key
from duikou.ledger.resolve import recompute_entities
from duikou.ledger.tables import amounts, documents, facts, statements
from duikou.schema.records import Citation, FactRecord, SourceRecord, cited_source
from tests.ledger.helpers import HUANGPING, NAYONG, SHANGCHENG, TIANHE, doc


def _pairing(helper: str = SHANGCHENG, recipient: str = HUANGPING, since: int | None = 2019) -> FactRecord:
    return FactRecord("pairings", {"helper": helper, "recipient": recipient, "program": "east_west",
                                   "since": since, "relation": "standing"})


def _cli(*args: str) -> Any:
    res = CliRunner().invoke(main, list(args))
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def _document(ledger, source: str) -> Any:  # type: ignore[no-untyped-def]
    with ledger.engine.connect() as conn:
        return conn.execute(select(documents).where(documents.c.source == source)).mappings().one()


def test_a_manual_pairing_is_stored_with_its_author_and_listed_with_its_citation(ledger) -> None:  # type: ignore[no-untyped-def]
    found = [_pairing()]
    source = cited_source(Citation(author="李明"), found, published="2024-01-10")
    assert (source.provenance, source.main_pairing) == ("manual", (SHANGCHENG, HUANGPING))
    assert source.source.startswith("entered by 李明 (")
    assert ledger.add(source, found).status == "new"
    assert ledger.add(source, found).status == "unchanged"  # the same entry given again is known
    row = _document(ledger, source.source)
    assert (row["provenance"], json.loads(row["citation"]), row["text"], row["status"]) == (
        "manual", {"author": "李明"}, None, "ok")
    assert row["pairing"] == base_key("pairings", dict(found[0].data), "")[0]
    with ledger.engine.connect() as conn:
        fact = conn.execute(select(facts)).mappings().one()
        stmt = conn.execute(select(statements).where(statements.c.property == "helper")).mappings().one()
    assert (fact["extractor"], fact["quote"], fact["span_start"]) == (None, None, None)
    assert (stmt["extractor"], stmt["version"], json.loads(stmt["value"])) == (None, None, SHANGCHENG)
    [listed] = _cli("pairings", "--db", ledger.url, "--format", "json")
    assert (listed["helper"]["id"], listed["recipient"]["id"], listed["since"]) == (SHANGCHENG, HUANGPING, 2019)
    assert listed["sources"] == [source.source]
    profile = _cli("show", "--db", ledger.url, "--format", "json", SHANGCHENG)
    assert [p["sources"] for p in profile["partners"]] == [[source.source]]


def test_an_imported_row_cites_its_file_sheet_and_row_and_a_changed_row_replaces_it(ledger) -> None:  # type: ignore[no-untyped-def]
    cite = Citation(file="pairs.xlsx", sheet="2023", row=12)
    first = [_pairing(since=2019)]
    source = cited_source(cite, first)
    assert (source.source, source.provenance) == ("pairs.xlsx, sheet 2023, row 12", "imported")
    assert ledger.add(source, first).status == "new"
    assert json.loads(_document(ledger, source.source)["citation"]) == {"file": "pairs.xlsx", "sheet": "2023",
                                                                        "row": 12}
    changed = [_pairing(since=2021)]
    assert ledger.add(cited_source(cite, changed), changed).status == "replaced"
    [listed] = _cli("pairings", "--db", ledger.url, "--format", "json")
    assert (listed["since"], listed["sources"]) == (2021, ["pairs.xlsx, sheet 2023, row 12"])


def test_a_record_without_text_must_cite_where_it_comes_from() -> None:
    with pytest.raises(ValueError, match="citation"):
        Citation()
    with pytest.raises(ValueError, match="author"):
        SourceRecord(source="x", body_hash="0", provenance="manual")
    with pytest.raises(ValueError, match="its file"):
        SourceRecord(source="x", body_hash="0", provenance="imported", citation=Citation(author="李明"))
    with pytest.raises(ValueError, match="extracted"):
        SourceRecord(source="x", body_hash="0", citation=Citation(author="李明"))


def test_a_main_pairing_that_is_none_of_the_sources_pairings_is_refused(ledger) -> None:  # type: ignore[no-untyped-def]
    found = [_pairing()]
    source = cited_source(Citation(author="李明"), found, main_pairing=(TIANHE, NAYONG))
    with pytest.raises(LedgerError, match="main pairing 440106 -> 520525"):
        ledger.add(source, found)


# Two pairings: the first written (天河区, 纳雍县) named once, the other (上城区, 黄平县) three times.
TWO_PAIRINGS = ("3月5日，天河区与纳雍县召开东西部协作联席会议。"
                "同日，上城区党政代表团赴黄平县考察东西部协作工作。上城区向黄平县捐赠帮扶资金300万元。"
                "上城区与黄平县结对帮扶以来，累计投入帮扶资金1.2亿元。")


def test_the_ledger_stores_the_main_pairing_the_extraction_decided(ledger) -> None:  # type: ignore[no-untyped-def]
    d = doc("reports/two.txt", TWO_PAIRINGS, published="2023-03-06", outlet="上城报", title="东西部协作")
    extraction = extract_document(d)
    written = [(f.data["helper"], f.data["recipient"]) for f in extraction.facts["pairings"]]
    assert written == [(TIANHE, NAYONG), (SHANGCHENG, HUANGPING)]
    assert extraction.main_pairing == (SHANGCHENG, HUANGPING)  # the most supported, not the first written
    source, found = records(extraction)
    assert (source.main_pairing, source.side) == ((SHANGCHENG, HUANGPING), "helper")
    ledger.add(source, found)
    row = _document(ledger, source.source)
    main_base = base_key("pairings", {"helper": SHANGCHENG, "recipient": HUANGPING, "relation": "standing"}, "")[0]
    assert (row["pairing"], row["side"]) == (main_base, "helper")
    with ledger.engine.connect() as conn:
        stored = [dict(r) for r in conn.execute(select(amounts).order_by(amounts.c.id)).mappings()]
    cumulative = [a for a in stored if a["cumulative"]]
    assert [(a["payer"], a["payee"]) for a in cumulative] == [(SHANGCHENG, HUANGPING)]  # borrowed from the main
    # recomputing the entities reads the same context back from the stored main pairing
    with db.transaction(ledger.engine) as conn:
        recompute_entities(conn, "amounts", {a["id"] for a in stored})
    with ledger.engine.connect() as conn:
        again = [dict(r) for r in conn.execute(select(amounts).order_by(amounts.c.id)).mappings()]
    assert again == stored


def test_a_stored_report_that_now_fails_counts_as_failed(ledger) -> None:  # type: ignore[no-untyped-def]
    found = [_pairing()]
    source = cited_source(Citation(author="李明"), found)
    ledger.add(source, found)
    changed = SourceRecord(source=source.source, body_hash="f" * 16, provenance="manual", citation=source.citation)
    assert ledger.add(changed, [], failure="ExtractionError: broken").status == "failed"
    assert _document(ledger, source.source)["status"] == "failed"


def test_a_fact_the_schema_refuses_is_left_out_and_said_the_others_are_stored(ledger) -> None:  # type: ignore[no-untyped-def]
    found = [_pairing(), FactRecord("counts", {"value": "many", "unit": "户", "role": "households"})]
    source = cited_source(Citation(author="王芳"), found[:1])
    result = ledger.add(source, found)
    assert result.status == "new"
    assert [p.source for p in result.problems] == [source.source]
    assert "counts fact left out" in result.problems[0].reason and not result.problems[0].fatal
    with ledger.engine.connect() as conn:
        assert [r.kind for r in conn.execute(select(facts))] == ["pairings"]
