"""The four documents of a report, opened as a reader's program would (python-docx, openpyxl, pypdf, an HTML
parser), checked against the evaluation the services give and against what went into the ledger: the
targets imported, the seeds' own sentences, the example 台账's rows. SQLite and PostgreSQL.

Every indicator row shows its figure with footnote numbers, or 无来源 (never 0); the targets and rates;
the two sides' figures with ▲ where they differ; every footnote number in a cell is in the source list,
and every source of a figure is listed (a report's sentence, or the 台账's file, sheet and row)."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from duikou.report import labels
from duikou.report.view import ReportView, number
from duikou.services.evaluation import EvaluationReport
from tests.report.conftest import CASES
from tests.report.ledger import FORMULA_TITLE, TARGETS

pytestmark = pytest.mark.seeds
MARKS = re.compile(r"\[(\d+)\]")


def _targets(case: str) -> dict[str, float]:
    """The targets imported for the case's pairing and year, by indicator id or name as written."""
    pairing, year = CASES[case]
    helper, recipient = pairing.split("→")
    return {ind: float(v) for h, r, y, ind, v in TARGETS if (h, r, y) == (helper, recipient, year)}


def _target_of(report: EvaluationReport, written: str) -> float | None:
    for r in report.indicators:
        if written in (r.indicator.id, r.indicator.name):
            return None if r.target is None else float(r.target)
    raise AssertionError(f"no indicator {written}")


@pytest.mark.parametrize("case", list(CASES))
def test_the_evaluation_holds_what_went_in(reports: dict[str, Any], case: str) -> None:
    """The report's data (what every format prints) has the imported targets, rates from them, figures
    with sources, and indicators with no source as None."""
    report: EvaluationReport = reports[case]["report"]
    for written, value in _targets(case).items():
        assert _target_of(report, written) == value
    for r in report.indicators:
        if r.actual is not None and r.target:
            assert r.completion == pytest.approx(r.actual / r.target)
        assert (r.actual is None) == (not r.citations)
    assert any(r.actual is None for r in report.indicators) and any(r.actual is not None for r in report.indicators)


# --- Word --------------------------------------------------------------------------------------------

def _docx(data: bytes) -> Any:
    import docx

    return docx.Document(io.BytesIO(data))


@pytest.mark.parametrize("case", list(CASES))
def test_the_word_document(reports: dict[str, Any], case: str) -> None:
    view: ReportView = reports[case]["view"]
    doc = _docx(reports[case]["docs"]["docx"])
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "{{" not in text and "{%" not in text  # every tag filled
    assert doc.paragraphs[0].text == view.title and doc.paragraphs[0].style.name == "Title"
    table = doc.tables[0]
    assert tuple(c.text for c in table.rows[0].cells) == labels.COLUMNS
    by_name = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}
    for section, rows in view.sections:
        assert section in by_name  # a shaded row naming the section
        for r in rows:
            cells = by_name[r.name]
            assert cells[1] == r.unit
            assert cells[2].startswith(r.actual.text + r.actual.marks)
            assert cells[3] == r.target.text + r.target.marks and cells[4] == r.completion.text
            assert cells[5] == r.helper.text + r.helper.marks and cells[6] == r.recipient.text + r.recipient.marks
            if r.no_source:
                assert cells[2] == labels.NO_SOURCE
            assert ("▲" in cells[5] and "▲" in cells[6]) == r.differs
    notes = [p.text for p in doc.paragraphs if p.style.name == "Source List" and MARKS.match(p.text)]
    assert [int(MARKS.match(n).group(1)) for n in notes] == [n.number for n in view.notes]  # type: ignore[union-attr]
    cited = {int(m) for row in table.rows for c in row.cells for m in MARKS.findall(c.text)}
    assert cited <= {n.number for n in view.notes}
    for note, para in zip(view.notes, notes):
        if note.quote:
            assert f"“{note.quote}”" in para
        c = note.citation
        if c is not None and c.provenance == "imported":
            assert c.file and c.file in para and f"第{c.row}行" in para and str(c.sheet) in para


def test_the_word_template_names_the_official_fonts(reports: dict[str, Any]) -> None:
    from docx.oxml.ns import qn

    doc = _docx(reports["seeds"]["docs"]["docx"])

    def east_asian(style: str) -> str:
        return doc.styles[style].element.rPr.rFonts.get(qn("w:eastAsia"))  # type: ignore[no-any-return]

    assert east_asian("Title") == "方正小标宋简体"
    assert east_asian("Heading 1") == east_asian("Heading 2") == "黑体"
    assert east_asian("Normal") == east_asian("Table Text") == east_asian("Source List") == "仿宋_GB2312"
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28


# --- Excel -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", list(CASES))
def test_the_workbook(reports: dict[str, Any], case: str) -> None:
    from openpyxl import load_workbook

    report: EvaluationReport = reports[case]["report"]
    view: ReportView = reports[case]["view"]
    wb = load_workbook(io.BytesIO(reports[case]["docs"]["xlsx"]))
    assert wb.sheetnames[:2] == ["指标", "来源"]
    ws = wb["指标"]
    assert ws.freeze_panes == "C2" and wb["来源"].freeze_panes == "B2"
    head = [c.value for c in ws[1]]
    col = {name: head.index(name) for name in head}
    rows = {r[col["编号"]].value: r for r in ws.iter_rows(min_row=2)}
    assert list(rows) == [r.indicator.id for r in report.indicators]
    for r in report.indicators:
        cells = rows[r.indicator.id]
        actual, target, rate = cells[col["完成值"]], cells[col["目标值"]], cells[col["完成率"]]
        if r.actual is None:
            assert actual.value == labels.NO_SOURCE and actual.data_type == "s"
        else:
            assert isinstance(actual.value, (int, float)) and actual.value == pytest.approx(r.actual)
        if r.target is None:
            assert target.value == labels.NO_TARGET
        else:
            assert target.value == pytest.approx(r.target)
        if r.completion is not None:
            assert rate.value == pytest.approx(r.completion) and rate.number_format == "0.0%"
        else:
            assert rate.value == "–"
        for side, value in (("帮扶方口径", r.helper_side), ("受援方口径", r.recipient_side)):
            shown = cells[col[side]].value
            assert shown == (labels.NO_SOURCE if value is None else pytest.approx(value))
        assert (cells[col["差异"]].value == "▲") == r.differs
        ids = [int(n) for n in MARKS.findall(cells[col["完成值来源"]].value or "")]
        assert len(ids) == len({n for n in ids}) and bool(ids) == (r.actual is not None)
    sources = list(wb["来源"].iter_rows(min_row=2, values_only=True))
    assert [s[0] for s in sources] == [n.number for n in view.notes]
    head = [c.value for c in wb["来源"][1]]
    for note, s in zip(view.notes, sources):
        row = dict(zip(head, s))
        assert row["引文"] == note.quote
        if note.citation is not None:
            assert row["文档编号"] == note.citation.document and note.citation.fact in row["事实编号"].split()
            if note.kind == "imported":
                assert (row["媒体或文件"], row["工作表"], row["行"]) == (note.citation.file, note.citation.sheet,
                                                                   note.citation.row)


def test_report_text_in_the_workbook_is_never_a_formula(reports: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(reports["seeds"]["docs"]["xlsx"]))
    titles = [c for row in wb["来源"].iter_rows(min_row=2) for c in row if c.value == FORMULA_TITLE]
    assert titles, "the test's report with a formula-like title is cited"
    assert all(c.data_type == "s" for c in titles)


# --- PDF ---------------------------------------------------------------------------------------------

def _pdf(data: bytes) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("case", list(CASES))
def test_the_pdf_text(reports: dict[str, Any], case: str) -> None:
    view: ReportView = reports[case]["view"]
    pdf = _pdf(reports[case]["docs"]["pdf"])
    pages = [p.extract_text() or "" for p in pdf.pages]
    text = _squeeze("".join(pages))
    assert len(pages) >= 2
    for i, page in enumerate(pages, start=1):
        assert f"第{i}页/共{len(pages)}页" in _squeeze(page)  # page numbers
        box = pdf.pages[i - 1].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert _squeeze(view.title) in text and _squeeze(view.generated) in text
    for r in view.rows:
        assert _squeeze(r.name) in text
        assert _squeeze(r.actual.text + r.actual.marks) in text
    assert text.count(labels.NO_SOURCE) >= sum(r.no_source for r in view.rows)
    for note in view.notes:
        if note.quote:
            assert _squeeze(note.quote)[:40] in text


def test_the_pdf_embeds_its_cjk_fonts(reports: dict[str, Any]) -> None:
    pdf = _pdf(reports["seeds"]["docs"]["pdf"])
    fonts: dict[str, bool] = {}
    for page in pdf.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            desc = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert any("Noto-Serif-CJK" in f or "NotoSerifCJK" in f for f in fonts), fonts
    assert any("Noto-Sans-CJK" in f or "NotoSansCJK" in f for f in fonts), fonts


# --- HTML --------------------------------------------------------------------------------------------

class _Table(HTMLParser):
    """The indicator table's rows (cells' text) and the footnote list items' ids."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.notes: list[str] = []
        self.cell: list[str] | None = None
        self.table = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.table = "indicators" in (a.get("class") or "")
        elif tag == "tr" and self.table:
            self.rows.append([])
        elif tag in ("td", "th") and self.table:
            self.cell = []
        elif tag == "li" and (a.get("id") or "").startswith("note-"):
            self.notes.append(str(a["id"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.table = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


@pytest.mark.parametrize("case", list(CASES))
def test_the_html_document(reports: dict[str, Any], case: str) -> None:
    view: ReportView = reports[case]["view"]
    html = reports[case]["docs"]["html"].decode("utf-8")
    assert html.startswith("<!doctype html>") and "@page" in html and "counter(page)" in html
    parsed = _Table()
    parsed.feed(html)
    assert tuple(parsed.rows[0]) == labels.COLUMNS
    cells = {row[0]: row for row in parsed.rows[1:] if len(row) == len(labels.COLUMNS)}
    for r in view.rows:
        row = cells[r.name]
        assert row[2].startswith(r.actual.text + r.actual.marks) or (r.no_source and row[2] == labels.NO_SOURCE)
        assert row[3] == r.target.text + r.target.marks and row[4] == r.completion.text
        assert row[5] == r.helper.text + r.helper.marks and row[6] == r.recipient.text + r.recipient.marks
    assert parsed.notes == [f"note-{n.number}" for n in view.notes]
    assert "/documents/" not in html  # the standalone document links to no page of the web app


def test_a_flagged_difference_in_every_format(reports: dict[str, Any]) -> None:
    """The seeds' pairing: the recipient's report gives the donation as another sum than the helper's."""
    view: ReportView = reports["seeds"]["view"]
    flagged = [r for r in view.rows if r.differs]
    assert flagged, "the recipient-side report of the tests' ledger differs from the helper's"
    r = flagged[0]
    docs = reports["seeds"]["docs"]
    remark = next(text for text, _ in view.remarks if text.startswith(labels.DIFFERS) and r.name in text)
    assert number(r.helper.value) in remark and number(r.recipient.value) in remark
    assert remark in docs["html"].decode("utf-8")
    assert remark in "\n".join(p.text for p in _docx(docs["docx"]).paragraphs)
    assert _squeeze(remark)[:30] in _squeeze("".join(p.extract_text() for p in _pdf(docs["pdf"]).pages))
