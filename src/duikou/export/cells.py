"""Cell values for spreadsheets: report text that a spreadsheet would run as a formula is kept text."""
from __future__ import annotations

import re
from typing import Any

# OWASP's list for CSV injection: a cell starting with one of these is read as a formula by Excel/WPS/LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters an XLSX cell cannot hold (XML 1.0 control characters); openpyxl refuses them.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_MAX_CHARS = 32767


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_cell(v: Any) -> Any:
    """A CSV cell: lists joined by ``|``, None empty, numbers as numbers, text neutralised."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return v  # a negative number is a number, not a formula: never prefixed
    if isinstance(v, list):
        return neutralise("|".join("" if x is None else str(x) for x in v))
    return neutralise(str(v))
