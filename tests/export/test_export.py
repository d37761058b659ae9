"""Exports of the merged ledger in every format, each row traceable to its reports."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from duikou.export import TABLES, export
from tests.ledger.helpers import SHANGCHENG, helper_report, other_report, recipient_report, store


@pytest.fixture
def filled(ledger):  # type: ignore[no-untyped-def]
    for d, r in (helper_report(), recipient_report(), other_report()):
        store(ledger, d, r)
    return ledger


def _docs(out: Path) -> dict[int, str]:
    return {r["id"]: r["source"] for r in json.loads((out / "sources.json").read_text(encoding="utf-8"))}


def test_json_tables_carry_source_ids(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    written = export(filled.engine, "json", tmp_path)
    assert sorted(p.name for p in written.files) == sorted(f"{t}.json" for t in TABLES)
    docs = _docs(tmp_path)
    pairings = json.loads((tmp_path / "pairings.json").read_text(encoding="utf-8"))
    p = next(r for r in pairings if r["helper"] == SHANGCHENG)
    assert [docs[i] for i in p["source_ids"]] == ["reports/shangcheng.txt", "reports/huangping.txt"]
    assert (p["helper_name"], p["recipient_name"], p["since"]) == ("上城区", "黄平县", 2019)
    for name in TABLES:
        if name == "evidence":
            continue
        for row in json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")):
            assert row["source_ids"] and all(i in docs for i in row["source_ids"]), name
    people = json.loads((tmp_path / "people.json").read_text(encoding="utf-8"))
    assert {p["name"]: p["titles"] for p in people}["林晓松"] == ["区委书记@2023-04-02"]


def test_csv_and_parquet_agree(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    export(filled.engine, "csv", tmp_path / "csv")
    export(filled.engine, "parquet", tmp_path / "pq")
    for name in TABLES:
        with open(tmp_path / "csv" / f"{name}.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert table.num_rows == len(rows), name
        assert table.column_names == list(rows[0]), name
        key = "fact_id" if name == "evidence" else "id"
        assert [r[key] for r in rows] == [str(x) for x in table.column(key).to_pylist()], name
    amounts = pq.read_table(tmp_path / "pq" / "amounts.parquet").to_pylist()
    assert len({a["conflict"] for a in amounts if a["cumulative"]}) == 1


def test_export_of_an_empty_ledger(ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    for fmt in ("csv", "json", "parquet"):
        assert len(export(ledger.engine, fmt, tmp_path / fmt).files) == len(TABLES)
    assert json.loads((tmp_path / "json" / "pairings.json").read_text()) == []
    header = (tmp_path / "csv" / "amounts.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,value,approx,role") and header.endswith("quote,span_start,span_end,source,url,outlet,published")
    schema = pq.read_schema(tmp_path / "parquet" / "amounts.parquet")
    assert str(schema.field("value").type) == "double"
    assert str(schema.field("source_ids").type.value_type) == "int64"


def test_export_command(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from duikou.cli import main

    res = CliRunner().invoke(main, ["export", "--db", filled.url, "--format", "csv", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").startswith("id,type,date")
