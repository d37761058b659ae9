"""The acceptance check of the yearly report: built from the five seed reports, the report of 靖江市 → 永寿县
for 2021 cites the seed's own sentence for each figure it has and leaves the rest empty, "no source"
(None, never 0). The figures are checked against the ledger's rows read here, not against numbers
written into the test. SQLite and PostgreSQL."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from duikou import services
from duikou.ledger import db as ledger_db
from duikou.ledger.tables import amounts, documents, events, facts
from duikou.services.evaluation import EvaluationReport, evaluation_report

pytestmark = pytest.mark.seeds
YEAR = 2021


@pytest.fixture
def seeds(db_url: str, seed_paths: list[Path]) -> str:
    services.build([str(p) for p in seed_paths], db=db_url)
    return db_url


def _pairing(url: str) -> dict[str, Any]:
    """The ledger's pairing of 靖江市 and 永寿县, found in its list (not assumed)."""
    found = [p for p in services.pairings(url) if p["helper"]["name"] == "靖江市" and p["recipient"]["name"] == "永寿县"]
    assert len(found) == 1, found
    return found[0]


def _facts(url: str) -> dict[str, dict[str, Any]]:
    eng = ledger_db.engine(url)
    try:
        with eng.connect() as conn:
            q = select(facts.c.id, facts.c.quote, facts.c.span_start, facts.c.span_end, documents.c.text,
                       documents.c.source).join(documents, documents.c.id == facts.c.document_id)
            return {r.id: dict(r._mapping) for r in conn.execute(q)}
    finally:
        eng.dispose()


def _rows(url: str, table: Any) -> list[dict[str, Any]]:
    eng = ledger_db.engine(url)
    try:
        with eng.connect() as conn:
            return [dict(r) for r in conn.execute(select(table)).mappings()]
    finally:
        eng.dispose()


def test_the_2021_report_of_jingjiang_and_yongshou_cites_the_seed_sentences(seeds: str) -> None:
    pairing = _pairing(seeds)
    helper, recipient = pairing["helper"], pairing["recipient"]
    report = evaluation_report(seeds, f"{helper['name']}→{recipient['name']}", YEAR)
    assert report.pairing["id"] == pairing["id"] and report.year == YEAR
    said = _facts(seeds)
    with_figures = [r for r in report.indicators if r.actual is not None]
    empty = [r for r in report.indicators if r.actual is None]
    assert with_figures and empty  # the seeds give some indicators and not others
    for r in with_figures:
        assert r.figures and r.citations and not r.no_source
        for fig in r.figures:
            assert fig.citations, (r.indicator.id, fig.entity)
            for c in fig.citations:
                assert c.provenance == "extracted" and c.quote
                fact = said[c.fact]
                raw = Path(fact["source"]).read_text(encoding="utf-8")
                assert c.quote == fact["quote"] and c.quote in raw  # the seed's own sentence
                assert fact["text"][fact["span_start"]:fact["span_end"]] in c.quote  # it holds the figure
                assert c.outlet and c.published and c.title and c.source == fact["source"]
    for r in empty:
        assert r.actual is None and r.actual != 0 and r.no_source
        assert not r.figures and not r.citations and r.completion is None
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert all((row["actual"] is None) == row["no_source"] for row in data["indicators"])
    assert all(row["actual"] != 0 for row in data["indicators"])
    _same_as_the_ledger(seeds, report, helper["id"], recipient["id"])
    # the year's visits, meetings and agreements, each with its seed sentence
    assert report.visits and report.meetings and report.agreements
    for a in (*report.visits, *report.meetings, *report.agreements, *report.other_events):
        assert (a.date or "")[:4] == str(YEAR) and a.citations
        assert all(c.quote and c.quote in Path(c.source).read_text(encoding="utf-8") for c in a.citations)


def _same_as_the_ledger(url: str, report: EvaluationReport, helper: str, recipient: str) -> None:
    """The money and the visits of the report are the ledger's own rows between the two, of that year."""
    ams = [a for a in _rows(url, amounts) if (a["payer"], a["payee"]) == (helper, recipient)
           and (a["period"] or "")[:4] == str(YEAR) and (a["status"] or "done") == "done"]
    for ind, role, cumulative in (("social_aid", "donation", False), ("fiscal_aid", "assistance", False),
                                  ("fiscal_aid_total", "assistance", True)):
        values = [a["value"] for a in ams if a["role"] == role and bool(a["cumulative"]) == cumulative]
        expected = sum(values) / 1e4 if values else None
        assert report.indicator(ind).actual == expected, ind
        assert report.indicator(ind).helper_side == expected  # the seed is the helper's newspaper
        assert report.indicator(ind).recipient_side is None and not report.indicator(ind).differs
    visits = [e for e in _rows(url, events) if e["type"] == "visit" and (e["helper"], e["recipient"]) == (helper, recipient)
              and (e["date"] or "")[:4] == str(YEAR) and json.loads(e["leaders"] or "[]")]
    assert report.indicator("leader_visits").actual == (float(len(visits)) if visits else None)
    assert [v.id for v in report.visits] == sorted(e["id"] for e in _rows(url, events) if e["type"] == "visit"
                                                   and (e["helper"], e["recipient"]) == (helper, recipient)
                                                   and (e["date"] or "")[:4] == str(YEAR))


def test_the_same_report_by_codes_and_by_id_and_other_years_of_the_seeds(seeds: str) -> None:
    pairing = _pairing(seeds)
    by_name = evaluation_report(seeds, f"{pairing['helper']['name']}→{pairing['recipient']['name']}", YEAR)
    by_code = evaluation_report(seeds, f"{pairing['helper']['id']}->{pairing['recipient']['id']}", YEAR)
    by_id = evaluation_report(seeds, pairing["id"], YEAR)
    assert by_name.to_dict()["indicators"] == by_code.to_dict()["indicators"] == by_id.to_dict()["indicators"]
    before = evaluation_report(seeds, pairing["id"], YEAR - 5)  # a year before any report: at most the pairing
    began = pairing["since"] is not None and pairing["since"] <= YEAR - 5
    assert [r.indicator.id for r in before.indicators if r.actual is not None] == (["paired_counties"] if began else [])
    assert not (before.visits or before.meetings or before.agreements)
    if pairing["since"] is not None:  # from the year it began, the pairing itself is a county pairing
        first = evaluation_report(seeds, pairing["id"], pairing["since"]).indicator("paired_counties")
        assert first.actual == 1.0 and [f.entity for f in first.figures] == [pairing["id"]] and first.citations
