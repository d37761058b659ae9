"""A target sheet read as rows of cells: ``.xlsx`` (every sheet with the header) or ``.csv`` (UTF-8, with
or without BOM, else GB18030), with the header row found among the first rows and each column named by
the headers ``indicators.yaml`` accepts (``target_columns``).

A file that cannot be read (corrupt, password-protected, of another type) or whose columns are not the
expected ones is one :class:`~duikou.errors.InputError` naming the file.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from duikou.errors import ConfigError, InputError
from duikou.reference import vocab

HEADER_SEARCH = 10  # rows a header may be preceded by (a title, a blank row)
COLUMNS = ("helper", "recipient", "year", "indicator", "value")
_UNIT = re.compile(r"[（(][^）)]*[）)]$")


@dataclass(frozen=True)
class Block:
    """The rows of one sheet under its header: ``columns`` maps each column (helper, recipient, year,
    indicator, value) to its index and header; ``rows`` are (row number in the sheet, cells)."""

    sheet: str | None
    columns: dict[str, tuple[int, str]]
    rows: list[tuple[int, tuple[Any, ...]]]


def headers() -> dict[str, tuple[str, ...]]:
    """The headers each column may have (``indicators.yaml`` ``target_columns``)."""
    spec = vocab.load("indicators").get("target_columns")
    if not isinstance(spec, dict) or set(spec) != set(COLUMNS):
        raise ConfigError(f"indicators.yaml: target_columns must name the headers of {', '.join(COLUMNS)}")
    return {c: tuple(str(h) for h in spec[c]) for c in COLUMNS}


def _plain(cell: Any) -> str:
    text = "".join(str(cell).split()) if cell is not None else ""
    return _UNIT.sub("", text)


def _header(cells: tuple[Any, ...], names: dict[str, tuple[str, ...]]) -> dict[str, tuple[int, str]] | None:
    found: dict[str, tuple[int, str]] = {}
    for i, cell in enumerate(cells):
        text = _plain(cell)
        for col, options in names.items():
            if col not in found and text in options:
                found[col] = (i, str(cell).strip())
    return found if len(found) == len(COLUMNS) else None


def _block(sheet: str | None, rows: Iterator[tuple[Any, ...]], names: dict[str, tuple[str, ...]],
           seen: list[str]) -> Block | None:
    for n, cells in enumerate(rows, 1):
        columns = _header(cells, names)
        if columns is not None:
            return Block(sheet, columns, [(m, cells) for m, cells in enumerate(rows, n + 1)])
        if n == 1 or not seen:
            seen.extend(str(c).strip() for c in cells if c is not None and str(c).strip())
        if n >= HEADER_SEARCH:
            return None
    return None


def read_blocks(path: Path) -> list[Block]:
    """The target rows of ``path`` (an InputError when it cannot be read or has no target columns)."""
    names = headers()
    seen: list[str] = []
    suffix = path.suffix.lower()
    if suffix == ".csv":
        blocks = [b for b in [_block(None, iter(_csv_rows(path)), names, seen)] if b is not None]
    elif suffix in (".xlsx", ".xlsm"):
        blocks = list(_xlsx_blocks(path, names, seen))
    else:
        raise InputError(str(path), "targets are read from an .xlsx or .csv file")
    if not blocks:
        expected = "; ".join(f"{'/'.join(names[c])}" for c in COLUMNS)
        raise InputError(str(path), f"no header row with the target columns ({expected}) in its first "
                                    f"{HEADER_SEARCH} rows; found: {', '.join(seen) or 'no headers'}")
    return blocks


def _csv_rows(path: Path) -> list[tuple[Any, ...]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(str(path), "not a text file in UTF-8 or GB18030")
    if "\x00" in text:
        raise InputError(str(path), "not a CSV file (it holds binary data)")
    try:
        return [tuple(r) for r in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as err:
        raise InputError(str(path), f"not a readable CSV file ({err})") from None


def _xlsx_blocks(path: Path, names: dict[str, tuple[str, ...]], seen: list[str]) -> Iterator[Block]:
    import openpyxl

    if not zipfile.is_zipfile(path):
        head = path.read_bytes()[:8]
        why = "password-protected (an encrypted Office file)" if head.startswith(b"\xd0\xcf\x11\xe0") else "corrupt"
        raise InputError(str(path), f"not a readable .xlsx workbook: the file is {why}")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise InputError(str(path), f"not a readable .xlsx workbook ({type(err).__name__}: {err})") from None
    try:
        for ws in wb.worksheets:
            block = _block(ws.title, ws.iter_rows(values_only=True), names, seen)
            if block is not None:
                yield block
    finally:
        wb.close()


__all__ = ["Block", "COLUMNS", "headers", "read_blocks"]
