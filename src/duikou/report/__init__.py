"""The yearly evaluation (考核) report as documents: .html, .pdf, .docx and .xlsx.

A layer between the web app and the services: it renders the data of
:func:`duikou.services.evaluation.evaluation_report` and nothing else, and is the only place that imports
the document libraries (docxtpl, python-docx, WeasyPrint); jinja2 is allowed here for the HTML.

::

    from duikou.report import build_report, render

    report = evaluation_report(db, "甲市→乙县", 2021)
    data = render(report, "pdf")                       # bytes
    data, name = build_report(db, "甲市→乙县", 2021, "docx")   # read and render, with a file name

Every format prints the same :class:`~duikou.report.view.ReportView` (:mod:`.view`): the indicator table
(指标, 单位, 完成值, 目标值, 完成率, 帮扶方口径, 受援方口径; ▲ where the sides differ), each figure with its
footnote numbers, the remarks, the year's visits, meetings and agreements, and the numbered sources.
Modules: :mod:`.htmldoc` (Jinja2: ``templates/report.html``, ``_body.html``, ``report.css``), :mod:`.pdf`
(WeasyPrint over the same HTML), :mod:`.word` (docxtpl over ``templates/report.docx``, made by
:mod:`.make_template`), :mod:`.workbook` (openpyxl).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from duikou.report.errors import ReportError
from duikou.report.view import ReportView, report_view
from duikou.services.connect import Db
from duikou.services.evaluation import EvaluationReport, evaluation_report

FORMATS = ("docx", "pdf", "xlsx", "html")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def check_format(fmt: Any) -> str:
    """``fmt`` as one of :data:`FORMATS` (a :class:`ReportError` naming them otherwise)."""
    if not isinstance(fmt, str) or fmt.lower().lstrip(".") not in FORMATS:
        raise ReportError(f"a report is written as {', '.join(FORMATS)}, not {str(fmt)[:40]!r}")
    return fmt.lower().lstrip(".")


def render(report: EvaluationReport | ReportView, fmt: str, template: Path | str | None = None) -> bytes:
    """``report`` as a document in ``fmt`` (docx, pdf, xlsx, html); ``template`` is a Word template to use
    instead of the package's (docx only)."""
    fmt = check_format(fmt)
    view = report if isinstance(report, ReportView) else report_view(report)
    if template is not None and fmt != "docx":
        raise ReportError("a template is for Word reports only (--format docx)")
    if fmt == "html":
        from duikou.report.htmldoc import render_html

        return render_html(view).encode("utf-8")
    if fmt == "pdf":
        from duikou.report.pdf import render_pdf

        return render_pdf(view)
    if fmt == "docx":
        from duikou.report.word import render_docx

        return render_docx(view, template)
    from duikou.report.workbook import render_xlsx

    return render_xlsx(view)


def filename(view: ReportView, fmt: str) -> str:
    """The report's file name: ``考核报告-甲市-乙县-2021.pdf``."""
    return f"{view.filename_stem}.{check_format(fmt)}"


def build_report(db: Db, pairing: str, year: int, fmt: str, reviewed_only: bool = False,
                 template: Path | str | None = None) -> tuple[bytes, str]:
    """Read the evaluation of ``pairing`` for ``year`` from the ledger ``db`` and render it in ``fmt``:
    ``(data, file name)``. The format is checked before the ledger is read."""
    fmt = check_format(fmt)
    view = report_view(evaluation_report(db, pairing, year, reviewed_only))
    return render(view, fmt, template), filename(view, fmt)


__all__ = ["FORMATS", "MEDIA_TYPES", "ReportError", "ReportView", "report_view", "render", "filename",
           "build_report", "check_format"]
