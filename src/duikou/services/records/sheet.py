"""A 台账 file read as grids of cells: .xlsx (openpyxl), .xls (xlrd) or .csv, merged cells filled.

A merged cell's value stands in every cell it covers, so a date merged over three rows dates each of
them and a header merged over two columns heads both. Rows keep the numbers the office sees in its
spreadsheet program (the first row is 1), which is what a citation names. A file that is not a
spreadsheet, is damaged or is password-protected is one :class:`~duikou.errors.InputError` naming it;
nothing of it is read.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from duikou.errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an .xls, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
# The streams Office writes when a workbook is saved with a password (MS-OFFCRYPTO), as the compound
# file's directory spells their names (UTF-16LE).
_ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_PROTECTED = "is password-protected (encrypted): save a copy without a password (File > Info > Protect) and import that"


@dataclass
class Grid:
    """One sheet: its name and its rows (row number, cells), merged cells filled, empty rows left out."""

    name: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    hidden: bool = False

    @property
    def width(self) -> int:
        return max((len(cells) for _, cells in self.rows), default=0)


@dataclass
class Workbook:
    """A file's sheets, with its name and the SHA-256 of its bytes (what an imported row cites)."""

    path: str
    name: str
    sha256: str
    sheets: list[Grid]


def read_workbook(path: str | Path) -> Workbook:
    """Every sheet of the spreadsheet at ``path`` (the content decides how it is read, the suffix only
    whether it is meant as a spreadsheet)."""
    p = Path(path)
    where = str(path)
    if p.suffix.lower() not in SUFFIXES:
        raise InputError(where, f"not a spreadsheet: give an .xlsx, .xls or .csv file (this is {p.suffix or 'no suffix'!s})")
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(where, "is a directory, not a spreadsheet") from None
    except OSError as err:
        raise InputError(where, f"cannot be read ({err.strerror or err})") from None
    if not data:
        raise InputError(where, "is empty")
    sha = hashlib.sha256(data).hexdigest()
    if data.startswith(OLE_MAGIC):
        if any(name in data for name in _ENCRYPTED_STREAMS):
            raise InputError(where, _PROTECTED)
        sheets = _xls(where, data)
    elif data.startswith(ZIP_MAGIC):
        sheets = _xlsx(where, data)
    elif p.suffix.lower() == ".csv":
        sheets = [_csv(where, p.stem, data)]
    else:
        kind = "an Excel workbook" if p.suffix.lower() != ".csv" else "a CSV file"
        raise InputError(where, f"is not {kind} (damaged, or another kind of file renamed)")
    return Workbook(where, p.name, sha, sheets)


def _xlsx(where: str, data: bytes) -> list[Grid]:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of styles and extensions it does not read
            # read-only: streamed, a third of the time on a long 台账 (merged ranges are read apart)
            wb = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except zipfile.BadZipFile:
        raise InputError(where, "is damaged (not a readable .xlsx: the zip archive is broken)") from None
    except KeyError as err:
        raise InputError(where, f"is not an Excel workbook (a zip archive without {err}: a .docx or .zip renamed?)") \
            from None
    except Exception as err:  # noqa: BLE001 - whatever openpyxl raises on a damaged file, it is this file's
        raise InputError(where, f"is damaged or not an Excel workbook ({type(err).__name__}: {err})") from None
    out = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for ws in wb.worksheets:
                rows: dict[int, list[Any]] = {}
                ws.reset_dimensions()  # some writers state a wrong size: read every row there is
                for n, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
                    if any(_present(v) for v in values):
                        rows[n] = list(values)
                for min_col, min_row, max_col, max_row in _merges(archive, ws):
                    top = (rows.get(min_row) or [])[min_col - 1:min_col]
                    value = top[0] if top else None
                    for row in range(min_row, max_row + 1):
                        cells = rows.setdefault(row, [])
                        if len(cells) < max_col:
                            cells.extend([None] * (max_col - len(cells)))
                        for col in range(min_col, max_col + 1):
                            cells[col - 1] = value
                out.append(Grid(ws.title, _kept(rows), hidden=ws.sheet_state != "visible"))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise InputError(where, f"is damaged ({type(err).__name__}: {err})") from None
    finally:
        wb.close()
    return out


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")


def _merges(archive: zipfile.ZipFile, ws: Any) -> Iterator[tuple[int, int, int, int]]:
    """The merged ranges of a read-only sheet (openpyxl streams its cells but keeps no merges: they are
    read from the sheet's XML), as (min_col, min_row, max_col, max_row)."""
    from openpyxl.utils.cell import range_boundaries

    path = getattr(ws, "_worksheet_path", None)
    if path is None:
        return
    for m in _MERGE.finditer(archive.read(path)):
        a, b, c, d = range_boundaries(m.group(1).decode())
        if None not in (a, b, c, d):
            yield int(a), int(b), int(c), int(d)


def _xls(where: str, data: bytes) -> list[Grid]:
    try:
        import xlrd  # an optional dependency: only .xls needs it
    except ImportError:
        raise InputError(where, "is an old-style .xls workbook: reading it needs xlrd (pip install 'xlrd>=2'), "
                                "or save it as .xlsx") from None
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False)
    except xlrd.biffh.XLRDError as err:
        if "encrypt" in str(err).lower():
            raise InputError(where, _PROTECTED) from None
        raise InputError(where, f"is damaged or not an Excel workbook ({err})") from None
    except Exception as err:  # noqa: BLE001 - a damaged compound file raises anything
        raise InputError(where, f"is damaged or not an Excel workbook ({type(err).__name__}: {err})") from None
    out = []
    for sh in book.sheets():
        rows: dict[int, list[Any]] = {}
        for r in range(sh.nrows):
            cells = [_xls_value(sh.cell(r, c), book.datemode) for c in range(sh.ncols)]
            if any(_present(v) for v in cells):
                rows[r + 1] = cells
        for rlo, rhi, clo, chi in sh.merged_cells:
            top = _xls_value(sh.cell(rlo, clo), book.datemode)
            for r in range(rlo, rhi):
                cells = rows.setdefault(r + 1, [None] * sh.ncols)
                for c in range(clo, chi):
                    cells[c] = top
        out.append(Grid(sh.name, _kept(rows), hidden=bool(getattr(sh, "visibility", 0))))
    return out


def _xls_value(cell: Any, datemode: int) -> Any:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return cell.value


def _csv(where: str, name: str, data: bytes) -> Grid:
    if b"\x00" in data[:4096]:
        raise InputError(where, "is not a text CSV file (it holds binary data)")
    for encoding in ("utf-8-sig", "gb18030"):  # Excel's Chinese CSV exports are GB18030 (GBK)
        try:
            content = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(where, "cannot be decoded (neither UTF-8 nor GB18030)")
    try:
        dialect: Any = csv.Sniffer().sniff(content[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = {i: [c if c.strip() else None for c in r]
                for i, r in enumerate(csv.reader(io.StringIO(content), dialect), start=1)}
    except csv.Error as err:
        raise InputError(where, f"is not a readable CSV file ({err})") from None
    return Grid(name, _kept(rows))


def _present(v: Any) -> bool:
    return v is not None and not (isinstance(v, str) and not v.strip())


def _kept(rows: dict[int, list[Any]]) -> list[tuple[int, list[Any]]]:
    """The rows in order, trailing empty cells dropped, rows with nothing in them left out."""
    out = []
    for n in sorted(rows):
        cells = [None if not _present(v) else (v.strip() if isinstance(v, str) else v) for v in rows[n]]
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            out.append((n, cells))
    return out


def sheets_named(book: Workbook, names: Iterable[str] | None) -> Iterator[Grid]:
    """The sheets to import: those named (every one must exist), else every visible sheet."""
    if not names:
        yield from (g for g in book.sheets if not g.hidden)
        return
    by_name = {g.name: g for g in book.sheets}
    for n in names:
        if n not in by_name:
            raise InputError(book.path, f"has no sheet {n!r} (its sheets: {', '.join(by_name) or 'none'})")
        yield by_name[n]


def is_datelike(v: Any) -> bool:
    return isinstance(v, (dt.date, dt.datetime))
