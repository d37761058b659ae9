"""The report as an Excel workbook (openpyxl): sheet 指标 (the indicator table, numbers as numbers, rates as
percentages, the sources as footnote numbers), sheet 来源 (one row per footnote: what it cites and the
ledger's ids), sheet 活动 (the year's visits, meetings and agreements) and sheet 说明 (title block,
remarks, counting rules). Headers are frozen and columns sized.

A figure no source gives is the text "无来源", never 0 or an empty number; report text is always a text
cell (a quote starting with "=" is not run as a formula).
"""
from __future__ import annotations

import io
from typing import Any, Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from duikou.export.cells import FORMULA_START, XLSX_MAX_CHARS, XML_ILLEGAL
from duikou.report import labels
from duikou.report.view import Cell, ReportView

HEAD_FILL = PatternFill("solid", fgColor="E4E8EE")
FLAG_FONT = Font(color="B42318", bold=True)
NONE_FONT = Font(color="8A8F98", italic=True)
HEAD_FONT = Font(bold=True)
NUMBER_FORMAT = "#,##0.####"
PERCENT_FORMAT = "0.0%"

INDICATOR_COLUMNS = (("板块", 12), ("指标", 28), ("编号", 22), ("单位", 7), ("口径", 7), ("完成值", 14),
                     ("目标值", 12), ("完成率", 9), ("帮扶方口径", 13), ("受援方口径", 13), ("差异", 6),
                     ("完成值来源", 14), ("帮扶方来源", 14), ("受援方来源", 14), ("目标来源", 10))
SOURCE_COLUMNS = (("编号", 6), ("类型", 7), ("口径方", 8), ("媒体或文件", 22), ("日期", 11), ("标题", 36),
                  ("引文", 70), ("网址", 30), ("工作表", 12), ("行", 6), ("录入人", 10), ("来源", 30),
                  ("文档编号", 9), ("事实编号", 22))
ACTIVITY_COLUMNS = (("类别", 10), ("日期", 11), ("类型", 10), ("内容", 60), ("来源", 12))


def _text(ws: Worksheet, row: int, col: int, value: str | None) -> XlCell:
    """A text cell, never a formula (Excel's quote prefix when it starts like one)."""
    text = XML_ILLEGAL.sub("\ufffd", value or "")[:XLSX_MAX_CHARS]
    cell: XlCell = ws.cell(row=row, column=col)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def _number(ws: Worksheet, row: int, col: int, c: Cell, fmt: str = NUMBER_FORMAT) -> XlCell:
    """A figure as a number; "无来源" (or "–" for no target) as grey text when there is none."""
    if c.value is None:
        cell = _text(ws, row, col, c.text)
        cell.font = NONE_FONT
        return cell
    cell = ws.cell(row=row, column=col, value=c.value)
    cell.number_format = fmt
    return cell


def _ids(notes: Iterable[int]) -> str:
    return "".join(f"[{n}]" for n in notes)


def _sheet(wb: Workbook, title: str, columns: tuple[tuple[str, int], ...], freeze: str = "A2") -> Worksheet:
    ws = wb.create_sheet(title)
    for i, (name, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=name)
        cell.font, cell.fill = HEAD_FONT, HEAD_FILL
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    return ws


def _indicators(wb: Workbook, view: ReportView) -> None:
    ws = _sheet(wb, "指标", INDICATOR_COLUMNS, freeze="C2")
    n = 1
    for section, rows in view.sections:
        for r in rows:
            n += 1
            for col, text in ((1, section), (2, r.name), (3, r.id), (4, r.unit), (5, r.basis)):
                _text(ws, n, col, text)
            _number(ws, n, 6, r.actual)
            _number(ws, n, 7, r.target)
            _number(ws, n, 8, r.completion, PERCENT_FORMAT)
            for col, c in ((9, r.helper), (10, r.recipient)):
                cell = _number(ws, n, col, c)
                if r.differs and c.value is not None:
                    cell.font = FLAG_FONT
            _text(ws, n, 11, labels.DIFFERS if r.differs else "")
            for col, c in ((12, r.actual), (13, r.helper), (14, r.recipient), (15, r.target)):
                _text(ws, n, col, _ids(c.notes))
    for row in ws.iter_rows(min_row=2, max_row=n, min_col=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _sources(wb: Workbook, view: ReportView) -> None:
    ws = _sheet(wb, "来源", SOURCE_COLUMNS, freeze="B2")
    for i, note in enumerate(view.notes, start=2):
        c = note.citation
        ws.cell(row=i, column=1, value=note.number)
        values = [note.label, labels.SIDES.get(note.side, note.side),
                  (c.outlet or c.file) if c else None, c.published if c else None, c.title if c else None,
                  note.quote, note.url, c.sheet if c else None]
        for col, v in enumerate(values, start=2):
            _text(ws, i, col, v)
        if c is not None and c.row is not None:
            ws.cell(row=i, column=10, value=c.row)
        _text(ws, i, 11, c.author if c else None)
        _text(ws, i, 12, c.source if c else note.head)
        if c is not None:
            ws.cell(row=i, column=13, value=c.document)
        _text(ws, i, 14, " ".join(note.facts))
        ws.cell(row=i, column=7).alignment = Alignment(wrap_text=True, vertical="top")


def _activities(wb: Workbook, view: ReportView) -> None:
    ws = _sheet(wb, "活动", ACTIVITY_COLUMNS)
    n = 1
    for heading, lines in view.activities:
        for line in lines:
            n += 1
            for col, v in enumerate((heading, line.date, line.type, line.text, line.marks), start=1):
                _text(ws, n, col, v)


def _about(wb: Workbook, view: ReportView) -> None:
    ws = wb.create_sheet("说明")
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 14, 100
    p = view.pairing
    lines: list[tuple[str, str]] = [
        ("报告", view.title), ("结对关系", f"{p['helper']['name']} → {p['recipient']['name']}"),
        ("协作类型", view.program), ("考核年度", str(view.year)), ("生成日期", view.generated),
        ("数据范围", "仅已审核的记录" if view.reviewed_only else "全部记录（含未审核）")]
    lines += [("说明", text + _ids(notes)) for text, notes in view.remarks]
    lines += [("计算口径", rule) for rule in view.rules]
    for i, (key, value) in enumerate(lines, start=1):
        _text(ws, i, 1, key).font = HEAD_FONT
        _text(ws, i, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
    ws.cell(row=1, column=2).font = Font(bold=True, size=14)


def render_xlsx(view: ReportView) -> bytes:
    """The report as an .xlsx (bytes)."""
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    _indicators(wb, view)
    _sources(wb, view)
    _activities(wb, view)
    _about(wb, view)
    wb.properties.title = f"{view.title} {view.subtitle}"
    wb.properties.creator = "duikou"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def workbook_rows(data: bytes, sheet: str) -> list[dict[str, Any]]:
    """The rows of ``sheet`` of a workbook written here, as dicts by header (for tests and scripts)."""
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(data), read_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]] if rows else []


__all__ = ["render_xlsx", "workbook_rows"]
