"""Importing 台账 files into the ledger (SQLite and PostgreSQL): the example's facts, citations and
provenance; twice (nothing changes); a changed and a removed row; bad rows, bad sheets and bad files."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, select

from duikou.errors import ConfigError, InputError
from duikou.ledger.tables import input_problems
from duikou.runreport import QuietEvents
from duikou.services.records import import_records
from tests.records.conftest import EXAMPLE
from tests.records.helpers import LIYANG, LUEYANG, funds, stored, workbook

MAPPING = EXAMPLE / "mapping.yaml"


class Seen(QuietEvents):
    """An events sink that keeps what it is told."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.steps = 0
        self.phases: list[tuple[str, int | None]] = []

    def progress(self, description: str, total: int | None = None) -> None:
        self.phases.append((description, total))

    def advance(self, description: str, n: int = 1) -> None:
        self.steps += n

    def problem(self, problem) -> None:  # type: ignore[no-untyped-def]
        self.problems.append(str(problem))


def test_the_example_is_imported_with_its_facts_citations_and_provenance(db_url: str, example: Path) -> None:
    seen = Seen()
    summary = import_records(db_url, example, mapping=MAPPING, events=seen)
    assert summary.problems == [] and seen.problems == []
    assert (summary.counts["rows"], summary.counts["new"], summary.counts["skipped"]) == (25, 24, 1)  # 1: 合计
    assert seen.phases == [("importing taizhang_2023.xlsx", 25)] and seen.steps == 25
    docs = stored(db_url)
    assert len(docs) == 24 and {d["provenance"] for d in docs.values()} == {"imported"}
    sha = hashlib.sha256(example.read_bytes()).hexdigest()
    assert summary.sha256 == sha
    assert {d["citation"]["file"] for d in docs.values()} == {f"taizhang_2023.xlsx (sha256:{sha[:16]})"}
    assert {(d["side"], d["status"], d["text"]) for d in docs.values()} == {("helper", "ok", None)}
    # every source opens with the standing pairing, the programme the office's mapping names
    pairings = {tuple(sorted(d["facts"][0][1].items())) for d in docs.values()}
    assert [dict(p) for p in pairings] == [{"helper": LIYANG, "recipient": LUEYANG, "program": "east_west",
                                            "since": None, "known": True, "relation": "standing"}]  # 江苏→陕西 is registered

    medical = docs["taizhang_2023.xlsx, sheet 资金支持, row 9"]  # title, 单位 line, two header rows, data from 5
    assert medical["citation"] == {"file": f"taizhang_2023.xlsx (sha256:{sha[:16]})", "sheet": "资金支持", "row": 9}
    assert (medical["published"], medical["title"]) == ("2023-09-12", "资金支持: 乡村医疗设备购置")
    assert [(k, f["role"], f["value"], f["payer"], f["payee"], f["cumulative"], f["planned"])
            for k, f in medical["facts"][1:]] == [
        ("amounts", "assistance", 3200000.0, LIYANG, LUEYANG, False, False),  # 320 in a 万元 column
        ("amounts", "donation", 500000.0, LIYANG, LUEYANG, False, False)]  # "50万元" written in the cell
    merged_day = docs["taizhang_2023.xlsx, sheet 互访交流, row 10"]  # its date merged down from row 9
    assert [(k, f["type"], f["date"]) for k, f in merged_day["facts"][1:]] == [("events", "visit", "2023-11-22")]
    ranged = docs["taizhang_2023.xlsx, sheet 互访交流, row 8"]["facts"][1][1]
    assert (ranged["type"], ranged["date"], ranged["end_date"], ranged["place"], ranged["leaders"]) == (
        "visit", "2023-10-09", "2023-10-11", LUEYANG, ["孙慧"])
    serial = docs["taizhang_2023.xlsx, sheet 互访交流, row 7"]["facts"][1][1]  # an Excel serial typed as a number
    assert (serial["type"], serial["date"]) == ("meeting", "2023-09-01")
    cadres = docs["taizhang_2023.xlsx, sheet 干部人才, row 3"]
    assert cadres["published"] == "2022-03"  # a month: the figures' period is 2022
    assert [(f["role"], f["value"], f["unit"]) for _, f in cadres["facts"][1:]] == [("personnel", 3, "名"),
                                                                                   ("personnel", 25, "名")]
    labour = docs["taizhang_2023.xlsx, sheet 劳务协作, row 3"]
    assert [(f["role"], f["value"], f["unit"]) for _, f in labour["facts"][1:]] == [("beneficiaries", 260, "人"),
                                                                                   ("other", 140, "人次")]
    bought = docs["taizhang_2023.xlsx, sheet 消费帮扶, row 3"]["facts"][1][1]
    assert (bought["role"], bought["value"], bought["payer"], bought["payee"]) == ("revenue", 468000.0,
                                                                                  "溧阳市某机关食堂", LUEYANG)
    agreement = docs["taizhang_2023.xlsx, sheet 协议, row 3"]["facts"]
    assert [(k, f.get("title") or f.get("type"), f["date"]) for k, f in agreement[1:]] == [
        ("agreements", "溧阳市 略阳县东西部协作框架协议（2023—2025年）", "2023-03-15"),
        ("events", "signing", "2023-03-15")]
    assert not any(s.startswith("taizhang_2023.xlsx, sheet 资金支持, row 10") for s in docs)  # the 合计 row


def test_each_figure_names_the_column_it_was_read_from(db_url: str, example: Path) -> None:
    import_records(db_url, example, mapping=MAPPING)
    eng = create_engine(db_url)
    from duikou.ledger.tables import documents, facts

    with eng.connect() as conn:
        rows = conn.execute(select(facts.c.kind, facts.c.extractor).join(documents, documents.c.id == facts.c.document_id)
                            .where(documents.c.source == "taizhang_2023.xlsx, sheet 干部人才, row 3")
                            .order_by(facts.c.seq)).all()
    eng.dispose()
    assert [tuple(r) for r in rows] == [("pairings", None), ("counts", "党政干部（人）"), ("counts", "专业技术人才（人）")]


def _snapshot(url: str) -> dict[str, object]:
    docs = stored(url)
    return {k: {c: v for c, v in d.items() if c not in ("last_seen",)} for k, d in docs.items()}


def test_importing_the_same_file_twice_changes_nothing(db_url: str, example: Path) -> None:
    import_records(db_url, example, mapping=MAPPING)
    before = _snapshot(db_url)
    again = import_records(db_url, example, mapping=MAPPING)
    assert (again.counts["unchanged"], again.counts["new"], again.counts["facts"], again.problems) == (24, 0, 0, [])
    assert _snapshot(db_url) == before


def test_a_changed_row_replaces_what_it_gave_and_a_removed_row_takes_its_facts_out(db_url: str,
                                                                                   tmp_path: Path) -> None:
    path = funds(tmp_path / "f.xlsx", [["2023年3月1日", "溧阳市", "略阳县", "甲", 100, 2],
                                       ["2023年4月1日", "溧阳市", "略阳县", "乙", 200, None],
                                       ["2023年5月1日", "溧阳市", "略阳县", "丙", 300, None]])
    import_records(db_url, path)
    wb = load_workbook(path)
    ws = wb["资金"]
    ws.cell(3, 5).value = 250  # row 3: 200 -> 250
    ws.delete_rows(4)  # row 4 (丙) gone
    wb.save(path)
    s = import_records(db_url, path)
    assert (s.counts["unchanged"], s.counts["replaced"], s.counts["removed"], s.counts["new"]) == (1, 1, 1, 0)
    docs = stored(db_url)
    assert [f["value"] for k, f in docs["f.xlsx, sheet 资金, row 3"]["facts"] if k == "amounts"] == [2500000.0]
    gone = docs["f.xlsx, sheet 资金, row 4"]
    assert (gone["status"], gone["facts"]) == ("retracted", [])
    ws.append(["2023年5月1日", "溧阳市", "略阳县", "丙", 300, None])  # back again
    wb.save(path)
    back = import_records(db_url, path)
    assert (back.counts["new"], back.counts["unchanged"]) == (1, 2)
    assert stored(db_url)["f.xlsx, sheet 资金, row 4"]["status"] == "ok"


def test_a_bad_row_is_one_problem_naming_file_sheet_row_and_column_and_the_others_go_in(db_url: str,
                                                                                        tmp_path: Path) -> None:
    path = funds(tmp_path / "bad.xlsx", [["2023年3月1日", "溧阳市", "略阳县", "甲", 100, 2],
                                         ["2023年3月2日", "溧阳市", "略阳县", "乙", "一百左右", None],
                                         ["2023年3月3日", "溧阳市", "火星县", "丙", 30, None],
                                         ["下个月", "溧阳市", "略阳县", "丁", 40, None],
                                         ["2023年3月5日", "溧阳市", "略阳县", "戊", 50, "两名"],
                                         ["2023年3月6日", "溧阳市", "略阳县", "己", 60, None]])
    seen = Seen()
    s = import_records(db_url, path, events=seen)
    assert [(p.sheet, p.row, p.column) for p in s.problems] == [
        ("资金", 3, "财政援助资金（万元）"), ("资金", 4, "受援方"), ("资金", 5, "日期"), ("资金", 6, "党政干部（人）")]
    assert [p.reason for p in s.problems] == ["'一百左右' is not a number", "unknown region '火星县'",
                                              "'下个月' is not a date", "'两名' is not a number"]
    assert seen.problems[0] == f"{path}: sheet 资金, row 3, column 财政援助资金（万元）: '一百左右' is not a number"
    assert (s.counts["new"], s.counts["failed"]) == (2, 4)
    docs = stored(db_url)
    assert {k: d["status"] for k, d in docs.items()} == {
        "bad.xlsx, sheet 资金, row 2": "ok", "bad.xlsx, sheet 资金, row 3": "failed", "bad.xlsx, sheet 资金, row 4": "failed",
        "bad.xlsx, sheet 资金, row 5": "failed", "bad.xlsx, sheet 资金, row 6": "failed", "bad.xlsx, sheet 资金, row 7": "ok"}
    assert docs["bad.xlsx, sheet 资金, row 4"]["reason"] == "column 受援方: unknown region '火星县'"
    eng = create_engine(db_url)
    with eng.connect() as conn:
        kept = [r.reason for r in conn.execute(select(input_problems).order_by(input_problems.c.id))]
    eng.dispose()
    assert kept[0] == "sheet 资金, row 3, column 财政援助资金（万元）: '一百左右' is not a number" and len(kept) == 4


def test_wrong_columns_are_one_error_listing_the_headers_found_and_expected(db_url: str, tmp_path: Path) -> None:
    path = workbook(tmp_path / "w.xlsx", {"Sheet": [["name", "amount", "when"], ["x", 1, "2023"]]})
    with pytest.raises(InputError, match=r"w.xlsx: no column matches the mapping.*Headers found: sheet Sheet: "
                                         r"name, amount, when\. Expected headers such as: .*日期 \(date\)"):
        import_records(db_url, path)
    with pytest.raises(InputError, match="has no sheet '资金'"):
        import_records(db_url, path, sheets=["资金"])


def test_a_sheet_that_names_no_sides_needs_a_pairing(db_url: str, tmp_path: Path) -> None:
    path = workbook(tmp_path / "n.xlsx", {"劳务": [["月份", "转移就业（人）"], ["2023年3月", 120]],
                                          "说明": [["填表说明：本表由协作办填报"]]})
    s = import_records(db_url, path)
    assert [(p.sheet, p.fatal) for p in s.problems] == [("说明", False), ("劳务", True)]
    assert "no 帮扶方 (helper) column, and no --pairing" in s.problems[1].reason and stored(db_url) == {}
    s = import_records(db_url, path, pairing="溧阳市:略阳县", side="recipient")
    assert s.counts["new"] == 1
    [doc] = stored(db_url).values()
    assert doc["side"] == "recipient" and doc["facts"][1] == (
        "counts", {"value": 120, "unit": "人", "approx": False, "role": "beneficiaries"})
    with pytest.raises(ConfigError, match="--pairing: unknown region '火星县'"):
        import_records(db_url, path, pairing="溧阳市:火星县")
    with pytest.raises(ConfigError, match="HELPER:RECIPIENT"):
        import_records(db_url, path, pairing="溧阳市")


def test_a_category_column_gives_a_generic_column_its_meaning(db_url: str, tmp_path: Path) -> None:
    path = workbook(tmp_path / "c.xlsx", {"台账": [
        ["年度", "帮扶方", "受援方", "资金类型", "金额（亿元）", "是否到位"],
        [2023, "溧阳市", "略阳县", "财政援助资金", 0.12, "是"],
        [2023, "溧阳市", "略阳县", "社会捐赠", 0.01, "否"],
        [2023, "溧阳市", "略阳县", "累计财政援助资金", 0.5, "是"],
        [2023, "溧阳市", "略阳县", "其他", 0.01, "是"]]})
    s = import_records(db_url, path)
    assert [(p.row, p.column) for p in s.problems] == [(5, "金额（亿元）")]
    assert "cannot tell what money this is" in s.problems[0].reason
    docs = stored(db_url)
    got = [[(f["role"], f["value"], f["cumulative"], f["planned"]) for k, f in docs[f"c.xlsx, sheet 台账, row {n}"]["facts"]
            if k == "amounts"] for n in (2, 3, 4)]
    assert got == [[("assistance", 12000000.0, False, False)], [("donation", 1000000.0, False, True)],
                   [("assistance", 50000000.0, True, False)]]
    assert docs["c.xlsx, sheet 台账, row 2"]["published"] == "2023"


def test_ten_thousand_rows_go_in(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from records_import import make

    path = tmp_path / "big.xlsx"
    make(path, 10_000)
    url = f"sqlite:///{tmp_path / 'big.db'}"
    s = import_records(url, path, batch=3000)
    assert (s.counts["rows"], s.counts["new"], s.problems) == (10_000, 10_000, [])
    again = import_records(url, path)
    assert (again.counts["unchanged"], again.counts["facts"]) == (10_000, 0)
