"""Money and counts in tables.

A notice may print a table as lines of cells split by | or tabs, the unit in the column
header (资金（万元） | 受益人数（人）). Cells are bare numbers there, which the quantities
pattern (a number followed by its unit) never sees.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from duikou.extract.numerals import ARABIC, value_of
from duikou.extract.quantity_roles import role
from duikou.extract.quantity_vocab import QuantityVocab, quantity_vocab
from duikou.reference import vocab

_CELL_SEP = re.compile(r"\s*[|｜\t]\s*")
_HEAD_UNIT = re.compile(r"[（(]\s*([^（）()]{1,4}?)\s*[)）]\s*$")
_CELL_NUM = re.compile(rf"(?:{ARABIC})\Z")
_TABLE_CONTEXT = 200  # characters before a table read for the role of its money

Column = tuple[str, bool, str | None]  # header, money, unit (the multiplier for money)


@dataclass(frozen=True)
class TableCell:
    """A number in a table column whose header gives its unit."""
    start: int
    end: int
    value: float
    money: bool
    unit: str | None  # a measure word for counts
    header: str
    total: bool  # the row is a total (合计, 总计)


def _separated(line: str) -> bool:
    return "|" in line or "｜" in line or "\t" in line


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the cells of a separated line, offsets in the document."""
    out, pos = [], 0
    for m in _CELL_SEP.finditer(line):
        out.append((offset + pos, offset + m.start(), line[pos:m.start()]))
        pos = m.end()
    out.append((offset + pos, offset + len(line), line[pos:]))
    return out


def _columns(v: QuantityVocab, cells: list[tuple[int, int, str]], units: set[str]) -> dict[int, Column]:
    """The columns of a header row whose header names a money unit or a measure word."""
    columns: dict[int, Column] = {}
    for i, (_, _, head) in enumerate(cells):
        m = _HEAD_UNIT.search(head)
        if m is None:
            continue
        unit = m.group(1)
        if unit in v.table_money_units:
            columns[i] = (head, True, v.table_money_units[unit])
        elif unit in units:
            columns[i] = (head, False, unit)
    return columns


def _row(v: QuantityVocab, cells: list[tuple[int, int, str]], columns: dict[int, Column]) -> list[TableCell]:
    """The numbers of a body row in the unit columns."""
    out = []
    total = cells[0][2].replace(" ", "").startswith(v.table_totals)
    for i, (head, money, unit) in columns.items():
        c0, c1, cell = cells[i]
        if not _CELL_NUM.match(cell):
            continue
        value = value_of(cell, unit if money else None)
        if value is not None:
            out.append(TableCell(c0, c1, value, money, None if money else unit, head, total))
    return out


def find_table_cells(text: str) -> list[TableCell]:
    """Numbers in the money and count columns of pipe- or tab-separated tables in ``text``."""
    if not _separated(text):
        return []
    v = quantity_vocab()
    units = set(vocab.words("measure_words", "units"))
    out: list[TableCell] = []
    columns: dict[int, Column] | None = None
    width = 0
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        cells = _cells(line, start) if _separated(line) else []
        if len(cells) < 3:
            columns = None  # the table ends at a line without separators
        elif columns is None:  # a header row
            columns, width = _columns(v, cells, units), len(cells)
        elif len(cells) == width:
            out += _row(v, cells, columns)
    return out


def _table_start(text: str, pos: int) -> int:
    """Start of the first separated line of the table holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        if not _separated(text[prev:start - 1]):
            break
        start = prev
    return start


def table_amount_role(text: str, cell: TableCell) -> str:
    """The role of a money cell: its header, else the text before the table."""
    v = quantity_vocab()
    found = role(v.amount_roles, cell.header)
    if found is None:
        top = _table_start(text, cell.start)
        found = role(v.amount_roles, text[max(0, top - _TABLE_CONTEXT):top])
    return found or "other"


def table_count_role(cell: TableCell) -> str:
    """The role of a count cell: its header, else its unit."""
    v = quantity_vocab()
    return role(v.count_roles, cell.header) or v.count_units.get(cell.unit or "", "other")
