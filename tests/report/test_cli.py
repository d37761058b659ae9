"""`duikou report` through the CLI's one error boundary (the command in a group of the CLI's own class, as
cli/__init__.py registers it): each format written where asked or under its default name, the format from
--out's extension, stdout, a restyled Word template, and one-line errors. SQLite and PostgreSQL."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from duikou.cli import _Group
from duikou.cli.report import report
from tests.report.conftest import CASES

pytestmark = pytest.mark.seeds


def _run(*args: str) -> Any:
    group = _Group()
    group.add_command(report)
    return CliRunner().invoke(group, ["report", *args], catch_exceptions=False)


def test_every_format_under_its_default_name(report_db: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    pairing, year = CASES["seeds"]
    monkeypatch.chdir(tmp_path)
    for fmt in ("docx", "pdf", "xlsx", "html"):
        result = _run(pairing, "--year", str(year), "--format", fmt, "--db", report_db)
        assert result.exit_code == 0, result.output
        name = f"考核报告-靖江市-永寿县-{year}.{fmt}"
        assert (tmp_path / name).stat().st_size > 1000 and name in result.output
    assert (tmp_path / f"考核报告-靖江市-永寿县-{year}.html").read_bytes().startswith(b"<!doctype html>")
    assert (tmp_path / f"考核报告-靖江市-永寿县-{year}.pdf").read_bytes().startswith(b"%PDF")


def test_out_names_the_file_and_its_format(report_db: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    pairing, year = CASES["taizhang"]
    out = tmp_path / "sub" / "report.xlsx"
    out.parent.mkdir()
    result = _run(pairing, "--year", str(year), "--out", str(out), "--db", report_db)
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames[:2] == ["指标", "来源"]  # the format from the extension
    stdout = _run(pairing, "--year", str(year), "--format", "html", "--out", "-", "--db", report_db)
    assert stdout.exit_code == 0 and stdout.stdout_bytes.startswith(b"<!doctype html>")
    wrong = _run(pairing, "--year", str(year), "--format", "pdf", "--out", str(tmp_path / "x.docx"), "--db", report_db)
    assert wrong.exit_code == 2 and "does not end in .pdf" in wrong.output and not (tmp_path / "x.docx").exists()


def test_reviewed_only_reads_only_reviewed_figures(report_db: str, tmp_path: Path) -> None:
    """Nothing in the tests' ledger is reviewed: every indicator is 无来源."""
    from openpyxl import load_workbook

    pairing, year = CASES["seeds"]
    out = tmp_path / "r.xlsx"
    assert _run(pairing, "--year", str(year), "--reviewed-only", "-o", str(out), "--db", report_db).exit_code == 0
    ws = load_workbook(out)["指标"]
    head = [c.value for c in ws[1]]
    assert {r[head.index("完成值")] for r in ws.iter_rows(min_row=2, values_only=True)} == {"无来源"}
    about = {r[0]: r[1] for r in load_workbook(out)["说明"].iter_rows(values_only=True)}
    assert about["数据范围"] == "仅已审核的记录"


def test_a_restyled_word_template(report_db: str, tmp_path: Path) -> None:
    """An office's copy of the template with its own body font and wording is the one filled."""
    import docx
    from docx.oxml.ns import qn

    from duikou.report.make_template import build

    theirs = build(tmp_path / "ours.docx")
    doc = docx.Document(str(theirs))
    doc.styles["Normal"].element.rPr.rFonts.set(qn("w:eastAsia"), "楷体_GB2312")
    doc.paragraphs[0].insert_paragraph_before("某某县乡村振兴局")
    doc.save(str(theirs))
    pairing, year = CASES["seeds"]
    out = tmp_path / "r.docx"
    result = _run(pairing, "--year", str(year), "--template", str(theirs), "-o", str(out), "--db", report_db)
    assert result.exit_code == 0, result.output
    made = docx.Document(str(out))
    assert made.paragraphs[0].text == "某某县乡村振兴局" and made.paragraphs[1].text.endswith("考核报告")
    assert made.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    bad = _run(pairing, "--year", str(year), "--template", str(broken), "-o", str(out), "--db", report_db)
    assert bad.exit_code == 1 and "cannot fill the Word template" in bad.output and "Traceback" not in bad.output
    other = _run(pairing, "--year", str(year), "--format", "pdf", "--template", str(theirs), "--db", report_db)
    assert other.exit_code == 1 and "Word reports only" in other.output


@pytest.mark.parametrize("args, message, code", [
    (["靖江市→北京市", "--year", "2021"], "no pairing", 1),
    (["no such pairing", "--year", "2021"], "no pairing of the ledger", 1),
    (["靖江市→永寿县", "--year", "1800"], "1800", 2),
    (["靖江市→永寿县"], "--year", 2),
    (["靖江市→永寿县", "--year", "2021", "--format", "odt"], "odt", 2),
])
def test_errors_are_one_line(report_db: str, args: list[str], message: str, code: int) -> None:
    result = _run(*args, "--db", report_db)
    assert result.exit_code == code and message in result.output, result.output
    assert "Traceback" not in result.output


def test_a_missing_ledger_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    result = _run("靖江市→永寿县", "--year", "2021", "--db", f"sqlite:///{missing}")
    assert result.exit_code != 0 and "nope.db" in result.output and not missing.exists()


def test_help_names_the_formats() -> None:
    result = _run("--help")
    assert result.exit_code == 0
    for word in ("docx", "pdf", "xlsx", "html", "--reviewed-only", "--template"):
        assert word in result.output
