"""A 台账 row that states a figure a report states is one more source of the same entity: the ledger keeps
the extracted and the imported source side by side (and a manual entry beside them)."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from duikou.ledger.tables import amounts, documents, entity_documents, pairings
from duikou.reference import regions
from duikou.services.build import build
from duikou.services.records import add_record, import_records
from tests.records.helpers import workbook

pytestmark = pytest.mark.seeds

HEADERS = {"assistance": "财政援助资金（元）", "donation": "社会帮扶资金（元）", "investment": "引导企业投资（元）",
           "revenue": "消费帮扶金额（元）"}


def _name(code: str) -> str:
    """The region's name when it names no other region, else its code (both are read)."""
    name = regions.name(code) or code
    return name if regions.codes_for(name) == [code] else code


def test_a_row_stating_a_reports_figure_joins_its_entity(db_url: str, seed_paths: list[Path], tmp_path: Path) -> None:
    build([str(p) for p in seed_paths], db_url)
    eng = create_engine(db_url)
    with eng.connect() as conn:
        standing = {(r.helper, r.recipient) for r in conn.execute(select(pairings.c.helper, pairings.c.recipient))}
        every = [dict(r) for r in conn.execute(select(amounts).order_by(amounts.c.id)).mappings()]
        figures = [r for r in every if r["status"] == "done" and r["period"] and r["role"] in HEADERS
                   and (r["payer"], r["payee"]) in standing]
    assert figures, "the seeds state no figure between a standing pairing's sides"
    sheets = {f"s{i}": [["日期", "帮扶方", "受援方", ("累计" if m["cumulative"] else "") + HEADERS[m["role"]]],
                        [f"{m['period']}年12月31日", _name(m["payer"]), _name(m["payee"]), m["value"]]]
              for i, m in enumerate(figures)}
    summary = import_records(db_url, workbook(tmp_path / "same.xlsx", sheets))
    assert (summary.counts["new"], summary.problems) == (len(figures), [])
    first = figures[0]
    key = add_record(db_url, "amounts", {"value": str(first["value"]), "role": first["role"],
                                         "cumulative": "是" if first["cumulative"] else "否",
                                         "year": str(first["period"])},
                     author="王芳", pairing=f"{first['payer']}:{first['payee']}")
    with eng.connect() as conn:
        after = {r["id"]: dict(r) for r in conn.execute(select(amounts)).mappings()}
        behind = {}
        for m in figures:
            behind[m["id"]] = sorted(r.provenance for r in conn.execute(
                select(documents.c.provenance).join(entity_documents, entity_documents.c.document_id == documents.c.id)
                .where(entity_documents.c.entity_id == m["id"])))
    eng.dispose()
    for m in figures:
        assert after[m["id"]]["value"] == m["value"]  # the same entity, no new one for the row's figure
    assert behind[first["id"]] == ["extracted", "imported", "manual"] and after[first["id"]]["sources"] == 3
    assert all(behind[m["id"]] == ["extracted", "imported"] for m in figures[1:])
    assert len(after) == len(every)  # no amount entity was made for the rows' or the entry's figures
    assert key.startswith("entered by 王芳 (")
