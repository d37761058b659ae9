"""The export as one XLSX workbook (openpyxl): one sheet per table, typed cells, a frozen header row.

Text is always a string cell (never a formula, whatever it starts with) and
carries Excel's quote prefix when it starts like a formula, so editing the
cell in Excel/WPS keeps it text; the text itself is written unchanged.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from duikou.export.cells import FORMULA_START, XLSX_MAX_CHARS, XML_ILLEGAL
from duikou.export.rows import COLUMNS, Kind

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")
_WIDTH = {"str": 18, "int": 10, "num": 14, "bool": 8, "date": 11, "strs": 24, "ints": 12}
_WIDE = {"quote": 60, "title": 40, "source": 36, "url": 36, "reason": 30}


def _date(v: str) -> dt.date | str:
    if _DAY.match(v):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            pass
    return v  # a partial or odd date stays the text it was


def write(data: dict[str, list[dict[str, Any]]], path: Path, tables: tuple[str, ...]) -> list[str]:
    """Write ``tables`` of ``data`` to ``path``; returns notes on what a cell could not hold."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    notes: list[str] = []
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for name in tables:
        cols = COLUMNS[name]
        ws = wb.create_sheet(title=name)
        ws.freeze_panes = "A2"
        for i, (col, kind) in enumerate(cols):
            # never narrower than its header (reports_counterpart_support is wider than a number)
            ws.column_dimensions[_letter(i)].width = max(_WIDE.get(col, _WIDTH[kind]), len(col) + 2)
        header = []
        for col, _ in cols:
            c = WriteOnlyCell(ws, value=col)
            c.font = bold
            header.append(c)
        ws.append(header)
        cut = cleaned = 0
        for row in data[name]:
            cells = []
            for col, kind in cols:
                cell, was_cut, was_cleaned = _cell(ws, row.get(col), kind)
                cut += was_cut
                cleaned += was_cleaned
                cells.append(cell)
            ws.append(cells)
        if cut:
            notes.append(f"{path.name}: {cut} cell(s) of sheet {name} cut to Excel's {XLSX_MAX_CHARS} characters "
                         f"(the CSV and JSON exports hold them whole)")
        if cleaned:
            notes.append(f"{path.name}: {cleaned} cell(s) of sheet {name} had control characters an XLSX cell "
                         f"cannot hold, replaced by U+FFFD")
    wb.save(path)
    return notes


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(i + 1))


def _cell(ws: Any, v: Any, kind: Kind) -> tuple[Any, bool, bool]:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(v, list):
        v = "|".join("" if x is None else str(x) for x in v)
    if kind == "date" and isinstance(v, str):
        v = _date(v)
    if isinstance(v, dt.date):
        c = WriteOnlyCell(ws, value=v)
        c.number_format = "yyyy-mm-dd"
        return c, False, False
    if v is None or isinstance(v, (bool, int, float)):
        return WriteOnlyCell(ws, value=v), False, False
    text = str(v)
    cleaned = bool(XML_ILLEGAL.search(text))
    if cleaned:
        text = XML_ILLEGAL.sub("\ufffd", text)
    cut = len(text) > XLSX_MAX_CHARS
    c = WriteOnlyCell(ws, value=text[:XLSX_MAX_CHARS])
    # openpyxl makes a formula of any string starting with "=" and an error of "#N/A"...:
    # report text is data, so the cell is a string whatever it starts with.
    c.data_type = "s"
    if text.startswith(FORMULA_START):
        c.quotePrefix = True
    return c, cut, cleaned
