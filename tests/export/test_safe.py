"""Exports that are safe to open and complete: no formula runs, the Chinese shows, every row has its evidence."""
from __future__ import annotations

import csv
import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from duikou.cli import main
from duikou.export import COLUMNS, TABLES, export
from duikou.ingest.document import Document
from tests.ledger.helpers import HUANGPING, SHANGCHENG, fact, helper_report, other_report, record, store

URL = "https://news.example.org/2023/05/01/a.html"
# A report whose text a spreadsheet would run: every formula start OWASP lists, written for this test.
EVIL_TEXT = ("上城区与黄平县结对帮扶。=1+1协议当日签订。+捐赠帮扶资金500万元到位。"
             "-200万元项目资金退回。@黄平县帮助500户增收。\t县长王某某出席。")
COMPANY = "某某集团有限公司"


def evil_report() -> tuple[Document, dict[str, Any]]:
    text = EVIL_TEXT
    d = Document(source="reports/evil.txt", text=text, raw=text, title='=HYPERLINK("http://x","点我")',
                 published="2023-05-01", outlet="@上城报", url=URL)
    r = record(
        d,
        pairings=[fact(text, "上城区与黄平县结对帮扶", helper=SHANGCHENG, recipient=HUANGPING, program="east_west",
                       since=2019),
                  fact(text, "黄平县帮助500户", helper=COMPANY, recipient=HUANGPING, program="east_west", since=2022)],
        agreements=[fact(text, "=1+1协议", title="=1+1协议", date="2023-05-01", parties=[SHANGCHENG, HUANGPING])],
        amounts=[fact(text, "+捐赠帮扶资金500万元", value=5000000.0, approx=False, role="donation",
                      cumulative=False, payer=SHANGCHENG, payee=HUANGPING),
                 fact(text, "-200万元项目资金退回", value=-2000000.0, approx=False, role="other",
                      cumulative=False, payer=None, payee=HUANGPING)],
        counts=[fact(text, "@黄平县帮助500户", value=500.0, unit="户", approx=False, role="beneficiaries")],
        people=[fact(text, "\t县长王某某", name="王某某", titles=["县长"], region=HUANGPING, role="official")],
    )
    return d, r


@pytest.fixture
def filled(ledger):  # type: ignore[no-untyped-def]
    for d, r in (helper_report(), evil_report(), other_report()):
        store(ledger, d, r)
    return ledger


def _csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def test_csv_neutralises_formulas_but_keeps_numbers(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export(filled.engine, "csv", tmp_path)
    for name in TABLES:
        for row in _csv(tmp_path / f"{name}.csv"):
            for col, cell in row.items():
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, col, cell)
                assert not cell.startswith("-") or _is_number(cell), (name, col, cell)
    agreement = next(r for r in _csv(tmp_path / "agreements.csv") if r["title"].startswith("'="))
    assert (agreement["title"], agreement["quote"]) == ("'=1+1协议", "'=1+1协议")
    doc = next(r for r in _csv(tmp_path / "sources.csv") if r["source"] == "reports/evil.txt")
    assert (doc["title"], doc["outlet"], doc["url"]) == ("'=HYPERLINK(\"http://x\",\"点我\")", "'@上城报", URL)
    values = {r["quote"]: r["value"] for r in _csv(tmp_path / "amounts.csv")}
    assert values["'+捐赠帮扶资金500万元"] == "5000000"
    assert values["'-200万元项目资金退回"] == "-2000000"  # a negative number is a number, not text
    assert {r["quote"]: r["value"] for r in _csv(tmp_path / "counts.csv")} == {"800户": "800", "'@黄平县帮助500户": "500"}
    person = next(r for r in _csv(tmp_path / "people.csv") if r["name"] == "王某某")
    assert person["quote"] == "'\t县长王某某"


def test_excel_csv_starts_with_a_byte_order_mark(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = CliRunner().invoke(main, ["export", "--db", filled.url, "--format", "csv", "--excel",
                                    "--out", str(tmp_path / "excel")])
    assert res.exit_code == 0, res.output
    export(filled.engine, "csv", tmp_path / "plain")
    for name in TABLES:
        raw = (tmp_path / "excel" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert not (tmp_path / "plain" / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert _csv(tmp_path / "excel" / f"{name}.csv", "utf-8-sig") == _csv(tmp_path / "plain" / f"{name}.csv")
    assert "上城区".encode() in (tmp_path / "excel" / "pairings.csv").read_bytes()


def test_xlsx_reads_back_typed_and_inert(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    [path] = export(filled.engine, "xlsx", tmp_path).files
    wb = load_workbook(path)
    assert wb.sheetnames == list(TABLES)
    sheets: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        header = [c.value for c in ws[1]]
        assert header == [c for c, _ in COLUMNS[name]], name
        assert all(c.font.bold for c in ws[1])
        for row in ws.iter_rows(min_row=2):
            for c in row:
                assert c.data_type != "f", (name, c.coordinate, c.value)  # no formula anywhere
        sheets[name] = [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]
    with zipfile.ZipFile(path) as z:
        for member in z.namelist():
            if member.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(member) and b"<f " not in z.read(member), member
    ws = wb["agreements"]
    cell = next(c for c in ws["B"][1:] if c.value == "=1+1协议")  # the title, unchanged
    assert cell.data_type == "s" and cell.quotePrefix
    amounts = {r["quote"]: r for r in sheets["amounts"]}
    assert amounts["+捐赠帮扶资金500万元"]["value"] == 5000000 and type(amounts["+捐赠帮扶资金500万元"]["value"]) is int
    assert amounts["-200万元项目资金退回"]["value"] == -2000000
    assert amounts["+捐赠帮扶资金500万元"]["date"] is None or isinstance(amounts["+捐赠帮扶资金500万元"]["date"], dt.datetime)
    assert amounts["+捐赠帮扶资金500万元"]["approx"] is False
    evil = next(r for r in sheets["sources"] if r["source"] == "reports/evil.txt")
    assert evil["title"] == '=HYPERLINK("http://x","点我")' and evil["url"] == URL
    assert evil["published"] == dt.datetime(2023, 5, 1)
    assert {r["quote"]: r["value"] for r in sheets["counts"]} == {"800户": 800, "@黄平县帮助500户": 500}
    assert len(sheets["evidence"]) == sum(len(sheets[t]) for t in TABLES[:6]) + 1  # one pairing told twice


def test_every_fact_row_carries_its_evidence(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export(filled.engine, "json", tmp_path)
    docs = {d["id"]: d for d in json.loads((tmp_path / "sources.json").read_text(encoding="utf-8"))}
    evidence = json.loads((tmp_path / "evidence.json").read_text(encoding="utf-8"))
    for name in TABLES[:6]:
        for row in json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")):
            first = docs[row["source_ids"][0]]
            assert row["quote"] and row["source"] == first["source"], (name, row)
            assert (row["url"], row["outlet"], row["published"]) == (first["url"], first["outlet"], first["published"])
            text = EVIL_TEXT if row["source"] == "reports/evil.txt" else None
            if text is not None:
                assert text[row["span_start"]:row["span_end"]] == row["quote"], (name, row)
            mine = [e for e in evidence if e["entity_id"] == row["id"]]
            assert len(mine) >= row["sources"] and {e["source_id"] for e in mine} == set(row["source_ids"])
    pairing = next(p for p in json.loads((tmp_path / "pairings.json").read_text(encoding="utf-8"))
                   if p["helper"] == SHANGCHENG)
    # told by two reports: the row quotes the earliest published, the evidence table has both
    assert (pairing["source"], pairing["quote"], pairing["published"]) == (
        "reports/shangcheng.txt", "自2019年结对以来", "2023-04-02")
    both = [e for e in evidence if e["entity_id"] == pairing["id"]]
    assert [(e["source"], e["quote"], e["url"], e["outlet"]) for e in both] == [
        ("reports/shangcheng.txt", "自2019年结对以来", None, "上城报"),
        ("reports/evil.txt", "上城区与黄平县结对帮扶", URL, "@上城报")]
    assert both[1]["span_start"] == 0 and both[1]["span_end"] == len("上城区与黄平县结对帮扶")


def test_money_and_counts_are_integers_when_whole(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export(filled.engine, "json", tmp_path)
    for name in ("amounts", "counts"):
        for row in json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")):
            assert type(row["value"]) is int, (name, row["value"])
    assert '"value": 800,' in (tmp_path / "counts.json").read_text(encoding="utf-8")


def test_geojson_reports_the_pairings_it_cannot_draw(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = CliRunner().invoke(main, ["export", "--db", filled.url, "--format", "geojson", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    fc = json.loads((tmp_path / "pairings.geojson").read_text(encoding="utf-8"))
    assert [(f["properties"]["helper"], f["properties"]["recipient"]) for f in fc["features"]] == [
        (SHANGCHENG, HUANGPING)]
    undrawn = {u["helper_name"]: u["reason"] for u in fc["undrawn"]}
    assert undrawn == {COMPANY: f"helper {COMPANY} is not a region",
                       "天河区": "recipient 纳雍县 is a region without coordinates"}
    assert "1 pairing(s) drawn, 2 not drawn" in res.stderr
    assert f"{COMPANY} -> 黄平县: helper {COMPANY} is not a region" in res.stderr
    assert "天河区 -> 纳雍县" in res.stderr and "Traceback" not in res.output
    assert res.stdout.strip() == str(tmp_path / "pairings.geojson")


@pytest.mark.parametrize("how", ["a file", "under a file", "too long", "empty", "unwritable"])
def test_bad_out_is_one_line(filled, tmp_path: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    if how == "unwritable" and not Path("/sys/kernel").is_dir():
        pytest.skip("no /sys here: a directory nobody, root included, can write to")
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory")
    out = {"a file": blocker, "under a file": blocker / "sub", "too long": tmp_path / ("长" * 200), "empty": "",
           "unwritable": Path("/sys/duikou-export-test")}[how]
    for fmt in ("csv", "xlsx", "geojson"):
        res = CliRunner().invoke(main, ["export", "--db", filled.url, "--format", fmt, "--out", str(out)])
        assert res.exit_code == 2, res.output
        assert "Traceback" not in res.output and res.exception is None or isinstance(res.exception, SystemExit)
        [line] = res.stderr.strip().splitlines()
        assert line.startswith(f"duikou: cannot export to '{str(out)[:20]}"), line
    assert blocker.read_text() == "not a directory"


def test_excel_flag_is_for_csv(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = CliRunner().invoke(main, ["export", "--db", filled.url, "--format", "json", "--excel",
                                    "--out", str(tmp_path / "out")])
    assert res.exit_code == 2 and res.stderr.strip() == "duikou: --excel applies to --format csv, not json"
    assert not (tmp_path / "out").exists()


def test_xlsx_reports_what_a_cell_cannot_hold(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from duikou.export import xlsx

    data: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    data["sources"] = [{"id": 1, "source": "a.txt", "title": "标题\x07有铃", "reason": "长" * 40000,
                        "published": "2023-13-01", "source_ids": [1]}]
    notes = xlsx.write(data, tmp_path / "x.xlsx", ("sources",))
    assert len(notes) == 2 and "cut to Excel's 32767 characters" in notes[0] and "U+FFFD" in notes[1]
    row = {c.value: v.value for c, v in zip(*load_workbook(tmp_path / "x.xlsx")["sources"].iter_rows(max_row=2))}
    assert row["title"] == "标题\ufffd有铃" and len(row["reason"]) == 32767
    assert row["published"] == "2023-13-01"  # not a day: kept as the text it was
