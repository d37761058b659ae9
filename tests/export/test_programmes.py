"""Exported pairings follow the pairing identity: one row per helper, recipient and relation, with the
programme most reports name, whether reports disagree, and how many reports name each programme."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner
from sqlalchemy import event, update

from duikou.cli import main
from duikou.export import COLUMNS, export, geojson, tables
from duikou.export.rows import PROGRAMS, program_column
from duikou.ingest.document import Document
from duikou.ledger.tables import pairings
from tests.ledger.helpers import (HUANGPING, NAYONG, SHANGCHENG, TIANHE, doc, fact, helper_report, other_report,
                                  recipient_report, record, store)

# A third account of the same pairing that files it under another programme (written for this test).
DESIGNATED_TEXT = "上城区定点帮扶黄平县，两地干部交流常态化。"
UNNAMED_TEXT = "天河区与纳雍县结对，双方干部互访。"


def designated_report() -> tuple[Document, dict[str, Any]]:
    d = doc("reports/designated.txt", DESIGNATED_TEXT, published="2023-05-10")
    return d, record(d, pairings=[fact(DESIGNATED_TEXT, "上城区定点帮扶黄平县", helper=SHANGCHENG,
                                       recipient=HUANGPING, program="designated", since=None)])


def unnamed_report() -> tuple[Document, dict[str, Any]]:
    d = doc("reports/unnamed.txt", UNNAMED_TEXT, published="2023-05-11")
    return d, record(d, pairings=[fact(UNNAMED_TEXT, "天河区与纳雍县结对", helper=TIANHE, recipient=NAYONG,
                                       program="unspecified", since=None)])


@pytest.fixture
def disputed(ledger):  # type: ignore[no-untyped-def]
    for d, r in (helper_report(), recipient_report(), designated_report(), other_report(), unnamed_report()):
        store(ledger, d, r)
    return ledger


def _zeros() -> dict[str, int]:
    return {program_column(p): 0 for p in PROGRAMS}


# What each pairing must say, keyed by helper: two reports say east_west and one designated for the first.
EXPECTED = {
    SHANGCHENG: {"program": "east_west", "program_conflict": True,
                 **_zeros(), "reports_east_west": 2, "reports_designated": 1, "sources": 3},
    TIANHE: {"program": "east_west", "program_conflict": False, **_zeros(), "reports_east_west": 1, "sources": 2},
}


def _json(out: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((out / "pairings.json").read_text(encoding="utf-8"))
    return rows


def _csv(out: Path) -> list[dict[str, Any]]:
    with open(out / "pairings.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    kinds = dict(COLUMNS["pairings"])
    read: dict[str, Callable[[str], Any]] = {"int": lambda s: int(s) if s else None, "bool": lambda s: s == "true"}
    return [{c: read.get(kinds[c], str)(v) for c, v in r.items()} for r in rows]


def _parquet(out: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    table = pq.read_table(out / "pairings.parquet")
    assert str(table.schema.field("program_conflict").type) == "bool"
    assert all(str(table.schema.field(program_column(p)).type) == "int64" for p in PROGRAMS)
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


def _xlsx(out: Path) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    ws = load_workbook(out / "ledger.xlsx")["pairings"]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]


READERS = {"json": _json, "csv": _csv, "parquet": _parquet, "xlsx": _xlsx}


@pytest.mark.parametrize("fmt", list(READERS))
def test_every_format_carries_the_programme_support(disputed, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    export(disputed.engine, fmt, tmp_path)
    rows = READERS[fmt](tmp_path)
    assert sorted(r["helper"] for r in rows) == sorted(EXPECTED)  # one row per pairing, not per programme
    for r in rows:
        want = EXPECTED[r["helper"]]
        got = {k: r[k] for k in want}
        assert got == want, (fmt, r["helper"])
        assert type(r["program_conflict"]) is bool and all(type(r[program_column(p)]) is int for p in PROGRAMS)


def test_program_columns_follow_the_programme(disputed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    header = [c for c, _ in COLUMNS["pairings"]]
    assert header[header.index("program"):header.index("since")] == [
        "program", "program_conflict", *(program_column(p) for p in PROGRAMS)]
    assert "unspecified" not in PROGRAMS and {"east_west", "designated"} <= set(PROGRAMS)
    export(disputed.engine, "csv", tmp_path)
    assert (tmp_path / "pairings.csv").read_text(encoding="utf-8").splitlines()[0].split(",") == header


def test_geojson_lines_carry_the_programme_support(disputed) -> None:  # type: ignore[no-untyped-def]
    [line] = geojson(disputed.engine)["features"]
    props = line["properties"]
    assert {k: props[k] for k in EXPECTED[SHANGCHENG]} == EXPECTED[SHANGCHENG]


def test_geojson_reads_only_pairings_and_regions(disputed) -> None:  # type: ignore[no-untyped-def]
    read: list[str] = []
    kinds: set[Any] = set()  # the values bound to the statements that filter facts by kind

    def seen(conn: Any, cursor: Any, statement: str, params: Any, *rest: Any) -> None:
        read.append(statement.lower())
        if "facts.kind" in statement:
            kinds.update(params.values() if isinstance(params, dict) else params)

    event.listen(disputed.engine, "before_cursor_execute", seen)
    try:
        fc = geojson(disputed.engine)
    finally:
        event.remove(disputed.engine, "before_cursor_execute", seen)
    assert fc["features"] and read
    others = ("events", "agreements", "amounts", "counts", "people", "positions")
    assert not [s for s in read for t in others if f"from {t}" in s or f"join {t}" in s]
    # The evidence the lines carry is the pairings' alone.
    assert kinds == {"pairings"}
    assert tables(disputed.engine, ("pairings",)).keys() == {"pairings"}


def test_a_programme_the_schema_does_not_declare_is_one_line(disputed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with disputed.engine.begin() as conn:
        conn.execute(update(pairings).where(pairings.c.helper == TIANHE).values(programs='{"moonshot": 1}'))
    res = CliRunner().invoke(main, ["export", "--db", disputed.url, "--format", "csv", "--out", str(tmp_path)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    [line] = res.stderr.strip().splitlines()
    assert line.startswith("duikou: pairing P") and "'moonshot' is not one schema/facts.yaml declares" in line
    assert not list(tmp_path.glob("*.csv"))
