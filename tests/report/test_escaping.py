"""Report text is data in every format: markup in a quote, title, outlet, URL, name or agreement title is
shown as text in the HTML (page and document), never run; a javascript: URL is never a link; the Word and
Excel files hold it as text (hand-made report, no ledger)."""
from __future__ import annotations

import dataclasses
import io

import pytest

from duikou.report import render
from duikou.report.htmldoc import render_body, render_html
from duikou.report.view import report_view
from duikou.services.evaluation import EvaluationReport
from tests.report.fake import C1, fake_report

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'


def _hostile() -> EvaluationReport:
    report = fake_report()
    bad = dataclasses.replace(C1, quote=f"帮扶{SCRIPT}资金", title=f"标题{IMG}", outlet="<b>媒体</b>",
                              url="javascript:alert(3)")
    fiscal = report.indicators[0]
    figure = dataclasses.replace(fiscal.figures[0], citations=(bad,))
    rows = (dataclasses.replace(fiscal, figures=(figure,), citations=(bad,)), *report.indicators[1:])
    agreement = dataclasses.replace(report.agreements[0], title=f"协议{SCRIPT}")
    pairing = report.pairing | {"helper": {"id": "<i>", "name": f"甲{IMG}"}}
    return dataclasses.replace(report, indicators=rows, agreements=(agreement,), pairing=pairing)


@pytest.mark.parametrize("html", [lambda v: render_html(v), lambda v: str(render_body(v, source_links=True))])
def test_markup_in_report_text_is_shown_as_text(html: object) -> None:
    from tests.web.test_pages_smoke import inspect_html

    page = html(report_view(_hostile()))  # type: ignore[operator]
    found = inspect_html(page)
    assert not found.dangers, found.dangers
    assert SCRIPT not in page and "<img" not in page and "<b>媒体" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = "".join(found.text)
    assert f"帮扶{SCRIPT}资金" in text and f"协议{SCRIPT}" in text and "<b>媒体</b>" in text
    assert 'href="javascript' not in page.lower()


def test_word_and_excel_hold_the_text_as_text() -> None:
    import docx
    from openpyxl import load_workbook

    view = report_view(_hostile())
    doc = docx.Document(io.BytesIO(render(view, "docx")))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    assert f"帮扶{SCRIPT}资金" in paragraphs and f"甲{IMG} → 乙县" in paragraphs
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any(f"协议{SCRIPT}" in c for c in cells)
    wb = load_workbook(io.BytesIO(render(view, "xlsx")))
    quotes = [r[6] for r in wb["来源"].iter_rows(min_row=2, values_only=True)]
    assert f"帮扶{SCRIPT}资金" in quotes
