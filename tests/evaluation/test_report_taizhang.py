"""The report on a ledger built from the seeds plus the example 台账 (examples/taizhang): every figure of the
台账's pairing comes from its rows and cites file, sheet and row; money equals the ledger's own rows of the
year; one row's cadres and specialists go to their own indicators; targets give rates. The seeds' pairing
is untouched by the 台账. SQLite and PostgreSQL."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from duikou import services
from duikou.ledger import db as ledger_db
from duikou.ledger.tables import amounts, documents, entity_documents
from duikou.services.evaluation import evaluation_report, import_targets
from duikou.services.records import import_records
from tests.conftest import REPO

pytestmark = pytest.mark.seeds
EXAMPLE = REPO / "examples" / "taizhang"
YEAR = 2023


@pytest.fixture
def ledger(db_url: str, seed_paths: list[Path]) -> str:
    if not (EXAMPLE / "taizhang_2023.xlsx").is_file():
        pytest.skip("the example 台账 is absent")
    services.build([str(p) for p in seed_paths], db=db_url)
    done = import_records(db_url, EXAMPLE / "taizhang_2023.xlsx", mapping=EXAMPLE / "mapping.yaml")
    assert not [p for p in done.problems if p.fatal]
    return db_url


def _imported_amounts(url: str, helper: str, recipient: str) -> list[dict[str, Any]]:
    """The year's done amounts between the two regions that the 台账's rows give, read here from the tables."""
    eng = ledger_db.engine(url)
    try:
        with eng.connect() as conn:
            rows = [dict(r) for r in conn.execute(select(amounts).where(amounts.c.payer == helper,
                                                                       amounts.c.payee == recipient)).mappings()]
            imported = set(conn.execute(select(entity_documents.c.entity_id).join(
                documents, documents.c.id == entity_documents.c.document_id)
                .where(documents.c.provenance == "imported")).scalars())
    finally:
        eng.dispose()
    return [r for r in rows if r["id"] in imported and (r["period"] or "")[:4] == str(YEAR)
            and (r["status"] or "done") == "done"]


def test_the_taizhang_pairings_report_cites_its_rows(ledger: str, tmp_path: Path) -> None:
    pairing = next(p for p in services.pairings(ledger) if any(
        s.startswith("taizhang_2023.xlsx") for s in p.get("sources", [])))
    helper, recipient = pairing["helper"]["id"], pairing["recipient"]["id"]
    report = evaluation_report(ledger, pairing["id"], YEAR)
    found = [r for r in report.indicators if r.actual is not None]
    assert len(found) >= 8  # money, people, companies, jobs, visits... the example fills most of the sheet
    for r in found:
        for c in r.citations:
            assert c.provenance == "imported" and c.file and c.file.startswith("taizhang_2023.xlsx")
            assert c.sheet and isinstance(c.row, int) and c.row > 1 and c.quote is None
            assert c.file in c.text() and str(c.row) in c.text()
    ams = _imported_amounts(ledger, helper, recipient)
    for ind, role in (("fiscal_aid", "assistance"), ("social_aid", "donation"), ("enterprise_investment", "investment")):
        values = [a["value"] for a in ams if a["role"] == role and not a["cumulative"]]
        assert values and report.indicator(ind).actual == pytest.approx(sum(values) / 1e4), ind
        assert report.indicator(ind).helper_side == report.indicator(ind).actual  # the office is the helper
    cadres, specialists = report.indicator("cadres"), report.indicator("specialists")
    assert cadres.figures and specialists.figures
    assert not {f.entity for f in cadres.figures} & {f.entity for f in specialists.figures}
    assert report.visits and report.meetings and report.agreements
    sheet = tmp_path / "targets.csv"
    sheet.write_text("帮扶方,受援方,年度,指标,目标值\n"
                     f"{pairing['helper']['name']},{pairing['recipient']['name']},{YEAR},fiscal_aid,"
                     f"{report.indicator('fiscal_aid').actual * 2}\n", encoding="utf-8")
    assert import_targets(ledger, sheet).new == 1
    again = evaluation_report(ledger, f"{pairing['helper']['name']}→{pairing['recipient']['name']}", YEAR)
    assert again.indicator("fiscal_aid").completion == 0.5
    # the seeds' own pairing is told by the seeds alone
    seed = next(p for p in services.pairings(ledger) if p["helper"]["name"] == "靖江市")
    assert all(c.provenance == "extracted" for r in evaluation_report(ledger, seed["id"], 2021).indicators
               for c in r.citations)
