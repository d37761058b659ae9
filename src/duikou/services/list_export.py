"""A filtered list (the rows a :class:`~duikou.services.lists.ListQuery` keeps, every page of them) as
CSV or XLSX, each row with its evidence.

One line per row and source document: a row told by three reports is three lines, each with the row's
columns, then the document's id (``source_id``), its URL or else the file or record it was read from
(``source_url``), its publication date (``source_date``), its title, and ``quote``: the sentences of
the row's facts in that document, one per line of the cell (rejected facts are no evidence). A row no
document supports is one line with the source columns empty. A document list is one line per document
(it is its own source; no quotes, its facts are many).

CSV is UTF-8 with a byte-order mark and CRLF lines, so Excel and WPS read the Chinese right; XLSX has a
bold, frozen header row with an autofilter, and column widths. Text a spreadsheet would run as a formula
(a cell starting with = + - @) is kept text (:mod:`duikou.export.cells`).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from duikou.errors import LedgerError
from duikou.export.cells import FORMULA_START, XLSX_MAX_CHARS, XML_ILLEGAL, csv_cell
from duikou.ledger import list_display
from duikou.ledger import list_rows as rows_sql
from duikou.ledger.queries import province_codes
from duikou.services.connect import Db, engine_of
from duikou.services.lists import ListQuery, QueryError

FORMATS = ("csv", "xlsx")
SOURCE_COLUMNS = ("source_id", "source_url", "source_date", "source_title", "quote")
# Columns beyond those a page shows that an analyst's file should have.
_EXTRA = {"pairings": ("program_conflict",), "events": ("end_date",), "money": ("approx",), "counts": ("approx",),
          "documents": ("url", "source")}
_WIDE = {"quote": 80, "title": 40, "source_title": 40, "source_url": 40, "source": 40, "url": 40, "parties": 30,
         "leaders": 24}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")
_DATES = {"date", "end_date", "published", "source_date"}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def columns(kind: str) -> tuple[str, ...]:
    """The export's columns for ``kind``: the id, the page's columns (a party as its name, then its id),
    a few more, ``reviewed``, then :data:`SOURCE_COLUMNS`."""
    out = ["id"]
    for c in (*rows_sql.SPECS[kind].columns, *_EXTRA.get(kind, ())):
        if c in rows_sql.SPECS[kind].parties:
            out += [c, f"{c}_id"]
        elif c == "parties":
            out += ["parties", "party_ids"]
        else:
            out.append(c)
    return (*out, "reviewed", *SOURCE_COLUMNS)


def _flat(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """A page's row as cells: parties as name and id, lists joined, the programme count dict left out."""
    out = dict(row)
    for c in rows_sql.SPECS[kind].parties:
        p = row.get(c)
        out[c], out[f"{c}_id"] = (p["name"], p["id"]) if p else (None, None)
    if kind == "agreements":
        out["parties"] = "、".join(p["name"] or p["id"] for p in row["parties"])
        out["party_ids"] = "|".join(p["id"] for p in row["parties"])
    if kind == "events":
        out["leaders"] = "、".join(row["leaders"])
    return out


def lines(kind: str, rows: list[dict[str, Any]], sources: dict[Any, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One line per row and source document (a row without sources: one line, its source cells empty)."""
    out = []
    for row in rows:
        flat = _flat(kind, row)
        found: list[dict[str, Any] | None] = list(sources.get(row["id"], []))
        for s in found or [None]:
            line = dict(flat)
            if s is not None:
                line.update(source_id=s["id"], source_url=s["url"] or s["source"], source_date=s["published"],
                            source_title=s["title"], quote="\n".join(s["quotes"]) or None)
            out.append(line)
    return out


def export_list(db: Db, query: ListQuery, fmt: str) -> bytes:
    """Every row ``query`` keeps (no paging), in its sort, with its sources, as ``fmt`` (csv or xlsx)."""
    if fmt not in FORMATS:
        raise QueryError("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    with engine_of(db) as eng, eng.connect() as conn:
        if query.province is not None:
            try:
                province_codes(conn, query.province.strip())
            except LedgerError as err:
                raise QueryError("province", str(err)) from None
        rows, _ = rows_sql.page(conn, query.kind, query.filters(), query.effective_sort)
        sources = list_display.evidence(conn, query.kind, [r["id"] for r in rows])
    cols = columns(query.kind)
    data = lines(query.kind, rows, sources)
    return _csv(cols, data) if fmt == "csv" else _xlsx(query.kind, cols, data)


def _csv(cols: tuple[str, ...], data: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(cols)
    for line in data:
        w.writerow([csv_cell(line.get(c)) for c in cols])
    # utf-8-sig: the byte-order mark makes Excel and WPS read UTF-8, not the locale's code page
    return buf.getvalue().encode("utf-8-sig")


def _xlsx(kind: str, cols: tuple[str, ...], data: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=kind)
    ws.freeze_panes = "A2"
    for i, c in enumerate(cols):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(_WIDE.get(c, 12 if c not in _DATES else 11),
                                                                   len(c) + 2)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(data) + 1}"
    bold = Font(bold=True)
    header = []
    for c in cols:
        cell = WriteOnlyCell(ws, value=c)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in data:
        ws.append([_cell(ws, line.get(c), c in _DATES, wrap if c == "quote" else None) for c in cols])
    about = wb.create_sheet(title="about")
    about.append([f"One line per {kind[:-1] if kind != 'money' else 'amount'} and source document: the "
                  f"columns {', '.join(SOURCE_COLUMNS)} name the document and quote the sentences of the "
                  f"row's facts in it."])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(ws: Any, v: Any, date: bool, align: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if date and isinstance(v, str) and _DAY.match(v):
        try:
            c = WriteOnlyCell(ws, value=dt.date.fromisoformat(v))
            c.number_format = "yyyy-mm-dd"
            return c
        except ValueError:
            pass  # an impossible date stays the text it was
    if v is None or isinstance(v, (bool, int, float)):
        return v  # a plain value: openpyxl writes it as it is, far faster than a cell object
    text = XML_ILLEGAL.sub("\ufffd", str(v))[:XLSX_MAX_CHARS]
    if align is None and not text.startswith((*FORMULA_START, "#")):
        return text
    c = WriteOnlyCell(ws, value=text)
    # openpyxl makes a formula of a string starting with "=" (an error of "#N/A"): report text is data, a
    # string cell whatever it starts with, with Excel's quote prefix so that editing it keeps it text
    c.data_type = "s"
    if text.startswith(FORMULA_START):
        c.quotePrefix = True
    if align is not None:
        c.alignment = align
    return c
