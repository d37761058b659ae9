"""Yearly targets from a sheet (.csv, .xlsx): imported idempotently, a changed row replaces its target, each
bad row one problem naming file, sheet, row and column while the rest go in, unreadable files one clear
error; `duikou targets` without tracebacks. SQLite and PostgreSQL."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from duikou.cli import _Group
from duikou.cli.targets import targets
from duikou.errors import InputError
from duikou.services.evaluation import import_targets, list_targets
from tests.evaluation import records as rec
from tests.evaluation.records import JIANGYANG, LIANGSHAN, LUZHOU, YANYUAN

HEADER = "帮扶方,受援方,年度,指标,目标值\n"


@pytest.fixture
def ledger(db_url: str) -> str:
    """A ledger that knows the prefectures' and one county pairing (from a manual entry)."""
    rec.store(db_url, rec.manual("李明", "2022-01-05", [rec.pairing(JIANGYANG, YANYUAN)], "结对",
                                 pair=(JIANGYANG, YANYUAN)),
              rec.manual("李明", "2022-01-05", [rec.pairing(LUZHOU, LIANGSHAN)], "结对"))
    return db_url


def _csv(path: Path, *lines: str) -> Path:
    path.write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def _values(url: str) -> dict[tuple[str, str, int, str], float]:
    return {(t["helper"]["id"], t["recipient"]["id"], t["year"], t["indicator"]): t["value"] for t in list_targets(url)}


def test_a_csv_is_imported_once_and_a_changed_row_replaces_its_target(ledger: str, tmp_path: Path) -> None:
    sheet = _csv(tmp_path / "t.csv", "泸州市,凉山彝族自治州,2022,social_aid,500",
                 f"{LUZHOU},{LIANGSHAN},2022年,财政援助资金,\"1,200\"", "江阳区,盐源县,2023,互派党政干部,8",
                 "江阳区,盐源县,2023,县级结对,1")
    done = import_targets(ledger, sheet)
    assert (done.rows, done.new, done.changed, done.unchanged, done.problems) == (4, 4, 0, 0, ())
    first = list_targets(ledger)
    assert _values(ledger) == {(LUZHOU, LIANGSHAN, 2022, "social_aid"): 500.0,
                               (LUZHOU, LIANGSHAN, 2022, "fiscal_aid"): 1200.0,
                               (JIANGYANG, YANYUAN, 2023, "cadres"): 8.0,
                               (JIANGYANG, YANYUAN, 2023, "paired_counties"): 1.0}
    assert {t["unit"] for t in first} == {"万元", "人", "对"} and first[0]["name"]
    again = import_targets(ledger, sheet)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 4)
    assert list_targets(ledger) == first  # nothing changed, not even a source
    _csv(sheet, "泸州市,凉山彝族自治州,2022,social_aid,600")
    changed = import_targets(ledger, sheet)
    assert (changed.new, changed.changed, changed.unchanged) == (0, 1, 0)
    assert _values(ledger)[(LUZHOU, LIANGSHAN, 2022, "social_aid")] == 600.0
    assert [t["indicator"] for t in list_targets(ledger, f"{JIANGYANG}→{YANYUAN}", 2023)] == ["cadres", "paired_counties"]
    assert list_targets(ledger, year=2021) == []


def test_each_bad_row_is_named_and_the_rest_go_in(ledger: str, tmp_path: Path) -> None:
    sheet = _csv(tmp_path / "bad.csv",
                 "泸州市,凉山彝族自治州,2022,social_aid,500",
                 "泸州市,凉山彝族自治州,二〇二二,social_aid,1",
                 "泸州市,凉山彝族自治州,2022,no_such,1",
                 "泸州市,凉山彝族自治州,2022,fiscal_aid,很多",
                 "泸州市,凉山彝族自治州,2022,fiscal_aid,-3",
                 "朝阳区,凉山彝族自治州,2022,fiscal_aid,3",
                 "某某公司,凉山彝族自治州,2022,fiscal_aid,3",
                 ",凉山彝族自治州,2022,fiscal_aid,3",
                 "泸州市,凉山彝族自治州,2022,social_aid,700",
                 ",,,,",
                 "泸州市,凉山彝族自治州,2022,leader_visits,4")
    done = import_targets(ledger, sheet)
    assert (done.rows, done.new) == (10, 2)
    messages = [str(p) for p in done.problems]
    expected = [("row 3", "年度", "'二〇二二' is not a year"), ("row 4", "指标", "no indicator 'no_such'"),
                ("row 5", "目标值", "'很多' is not a number"), ("row 6", "目标值", "not a target"),
                ("row 7", "帮扶方", "110105, 220104"), ("row 8", "帮扶方", "no region or pairing party named '某某公司'"),
                ("row 9", "帮扶方", "empty"), ("row 10", "目标值", "row 2 gives")]
    assert len(messages) == len(expected)
    for m, (row, column, reason) in zip(messages, expected):
        assert m.startswith(f"bad.csv: {row}, column {column}: ") and reason in m, m
    assert _values(ledger) == {(LUZHOU, LIANGSHAN, 2022, "social_aid"): 500.0,
                               (LUZHOU, LIANGSHAN, 2022, "leader_visits"): 4.0}


def _xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def test_an_xlsx_with_a_title_row_several_sheets_and_money_in_another_unit(ledger: str, tmp_path: Path) -> None:
    header = ["帮扶方", "受援方", "年度", "指标", "目标值（亿元）"]
    book = _xlsx(tmp_path / "目标.xlsx", {
        "说明": [["本表为考核目标"]],
        "2022": [["2022年度考核目标"], [], header, ["泸州市", "凉山彝族自治州", 2022, "社会帮扶资金（捐款捐物）", 0.05],
                 ["泸州市", "凉山彝族自治州", 2022.0, "fiscal_aid", "3000万元"]],
        "2023": [header, ["泸州市", "凉山彝族自治州", "2023", "fiscal_aid", "x"]],
    })
    done = import_targets(ledger, book)
    assert (done.rows, done.new) == (3, 2)
    assert [str(p) for p in done.problems] == [
        "目标.xlsx: sheet 2023, row 2, column 目标值（亿元）: 'x' is not a number (in 万元, the unit of 财政援助资金)"]
    assert _values(ledger) == {(LUZHOU, LIANGSHAN, 2022, "social_aid"): 500.0,
                               (LUZHOU, LIANGSHAN, 2022, "fiscal_aid"): 3000.0}
    assert {t["source"] for t in list_targets(ledger)} == {"目标.xlsx, sheet 2022, row 4", "目标.xlsx, sheet 2022, row 5"}


def test_unreadable_files_and_wrong_columns_are_one_clear_error(ledger: str, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("地区,金额\n泸州市,5\n", encoding="utf-8")
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 this is not a workbook")
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)  # an OLE file: how Office encrypts
    text = tmp_path / "targets.txt"
    text.write_text(HEADER, encoding="utf-8")
    cases = [(wrong, ["no header row", "帮扶方", "目标值", "found: 地区, 金额"]), (corrupt, ["corrupt"]),
             (locked, ["password-protected"]), (text, [".xlsx or .csv"]), (tmp_path / "gone.csv", ["no such file"])]
    for path, words in cases:
        with pytest.raises(InputError) as err:
            import_targets(ledger, path)
        assert str(err.value).startswith(str(path)) and all(w in str(err.value) for w in words), err.value
    assert list_targets(ledger) == []


def _cli(*args: str) -> Any:
    group = _Group(name="duikou")  # the program's one error boundary, with the targets commands
    group.add_command(targets)
    return CliRunner().invoke(group, list(args))


def test_the_targets_commands(ledger: str, tmp_path: Path) -> None:
    sheet = _csv(tmp_path / "t.csv", "泸州市,凉山彝族自治州,2022,social_aid,500", "泸州市,凉山彝族自治州,2022,x,1")
    res = _cli("targets", "import", str(sheet), "--db", ledger)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "2 rows, 1 new, 0 changed, 0 unchanged, 1 bad" in res.output
    assert "duikou: t.csv: row 3, column 指标: no indicator 'x'" in res.output
    listed = _cli("targets", "list", "--db", ledger, "--format", "json", "--pairing", "泸州市→凉山彝族自治州")
    assert listed.exit_code == 0, listed.output
    [one] = json.loads(listed.output)
    assert (one["indicator"], one["value"], one["helper"]["id"]) == ("social_aid", 500.0, LUZHOU)
    table = _cli("targets", "list", "--db", ledger)
    assert table.exit_code == 0 and "社会帮扶资金" in table.output
    inds = _cli("targets", "indicators", "--format", "json")
    assert inds.exit_code == 0 and "fiscal_aid" in {i["id"] for i in json.loads(inds.output)}
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook at all")
    for args in (("targets", "import", str(bad), "--db", ledger),
                 ("targets", "list", "--db", ledger, "--pairing", "nowhere"),
                 ("targets", "list", "--db", f"sqlite:///{tmp_path / 'missing.db'}")):
        res = _cli(*args)
        assert res.exit_code in (1, 2) and res.output.count("\n") == 1 and res.output.startswith("duikou: "), res.output
