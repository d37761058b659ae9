"""The import's batch store writes what the ledger's own write path (Ledger.add, one source at a time)
writes: the same facts, statements, automatic merges, entity rows and links, on SQLite and PostgreSQL."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from duikou.ledger import bulk
from duikou.ledger import tables as t
from duikou.services.records import import_records
from tests.records.conftest import EXAMPLE
from tests.records.helpers import workbook

COLUMNS = {
    "documents": ("source", "body_hash", "status", "reason", "title", "published", "side", "pairing", "provenance",
                  "citation"),
    "facts": ("id", "kind", "seq", "base", "entity", "data", "extractor", "confidence"),
    "statements": ("fact_id", "kind", "property", "value", "extractor", "version"),
    "judgements": ("kind", "verdict", "left_id", "right_id", "reason", "auto"),
    "entity_documents": ("entity_id", "published", "source", "side"),
    "agreement_parties": ("agreement", "party"),
}


def _tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    eng = create_engine(url)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with eng.connect() as conn:
        for name, cols in COLUMNS.items():
            table = t.metadata.tables[name]
            out[name] = sorted(tuple(r) for r in conn.execute(select(*(table.c[c] for c in cols))))
        for kind, table in t.ENTITY_TABLES.items():
            out[kind] = sorted(tuple(r) for r in conn.execute(select(table)))
    eng.dispose()
    return out


def _more(tmp_path: Path) -> Path:
    """Rows that merge with the example's and with each other: a visit the day after one of its visits,
    the same visit twice, a figure it already gave, an agreement it already has."""
    return workbook(tmp_path / "more.xlsx", {
        "互访": [["日期", "帮扶方", "受援方", "活动名称", "类型"],
                 ["2023年3月16日", "溧阳市", "略阳县", "回访考察", "考察"],
                 ["2023年6月1日", "溧阳市", "略阳县", "调研", "调研"],
                 ["2023年6月2日", "溧阳市", "略阳县", "调研（续）", "调研"]],
        "资金": [["日期", "帮扶方", "受援方", "财政援助资金（万元）", "协议名称"],
                 ["2023年2月28日", "溧阳市", "略阳县", 1200, None],
                 ["2023年3月15日", "溧阳市", "略阳县", None, "溧阳市 略阳县东西部协作框架协议（2023—2025年）"]]})


@pytest.mark.parametrize("batch", [1000, 4])
def test_the_batch_store_writes_what_the_ledger_writes_source_by_source(db_url: str, tmp_path: Path,
                                                                        example: Path, batch: int,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    more = _more(tmp_path)
    mapping = EXAMPLE / "mapping.yaml"
    for path in (example, more):
        import_records(db_url, path, mapping=mapping, batch=batch)
    fast = _tables(db_url)
    slow_url = f"sqlite:///{tmp_path / 'slow.db'}"

    def one_by_one(conn: Any, ledger: Any, run: list[bulk.Entry], stamp: str, out: bulk.Stored) -> None:
        for e in run:  # the store's own path, source by source (in the batch's transaction)
            result = ledger.add_in(conn, e.source, e.facts, e.failure, offtopic=e.offtopic)
            out.status[e.source.source] = result.status
            out.counts["facts"] += result.facts
            out.counts["merges"] += result.merges
            out.problems.extend(result.problems)

    monkeypatch.setattr(bulk, "_fresh", one_by_one)
    for path in (example, more):
        import_records(slow_url, path, mapping=mapping, batch=batch)
    slow = _tables(slow_url)
    assert fast["judgements"] and any(r[0] == "events" for r in fast["judgements"])  # merges were made
    assert any(r[0] == "amounts" for r in fast["judgements"]) and any(r[0] == "agreements" for r in fast["judgements"])
    for name in slow:
        assert fast[name] == slow[name], name
