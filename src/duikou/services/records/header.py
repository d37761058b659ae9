"""A sheet's layout: its title rows, its header (one row or several, flattened) and where its data begins.

Above the header an office writes a title (merged across the sheet: "2023年溧阳市—略阳县东西部协作资金台账")
and often a unit line ("单位：万元"); a row holding one value is such a line. The header is the rows after
them that hold no figure or day, at most ``header_rows``: of those, the fewest rows that name the
columns most specifically (a second row "财政援助资金（万元）" under a merged "资金" names more than "资金"
alone; a first data row of plain text names nothing more and is left to the data).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from duikou.services.records.mapping import Column, RecordMapping, normalise
from duikou.services.records.sheet import Grid
from duikou.services.records.values import CellError, parse_day, text

_NUMBERISH = re.compile(r"[+-]?[\d,，]+(?:\.\d+)?%?")
_UNIT_LINE = re.compile(r"单位[:：]?\s*(\S+?)[)）]?$")
# The first cell of a row that sums the rows above it: its figures are left out (they would count twice).
TOTALS = ("合计", "总计", "小计", "共计", "累计合计")


@dataclass
class Layout:
    """What the reader needs of a sheet: its columns, the rows of data, its title lines, the money unit a
    unit line gives, and the header texts (for messages)."""

    columns: list[Column]
    data: list[tuple[int, list[Any]]]
    titles: list[str] = field(default_factory=list)
    money_unit: str | None = None
    headers: list[str] = field(default_factory=list)
    header_end: int = 0  # the row number of the header's last row

    def by_field(self) -> dict[str, list[Column]]:
        """The columns of each field, in sheet order (made once: every row asks)."""
        if self._by_field is None:
            self._by_field = {}
            for c in self.columns:
                self._by_field.setdefault(c.field, []).append(c)
        return self._by_field

    _by_field: dict[str, list[Column]] | None = None


def layout(grid: Grid, mapping: RecordMapping) -> Layout:
    """The layout of ``grid``: an empty column list when no header names a column the mapping knows."""
    rows = grid.rows
    titles: list[str] = []
    unit: str | None = None
    i = 0
    while i < len(rows) and _single(rows[i][1]):
        line = text(next(v for v in rows[i][1] if v is not None))
        m = _UNIT_LINE.search(normalise(line))
        if m and m.group(1) in mapping.money_units:
            unit = m.group(1)
        else:
            titles.append(line)
        i += 1
    block: list[tuple[int, list[Any]]] = []
    for n, cells in rows[i:i + mapping.header_rows]:
        if block and _datalike(cells):
            break
        block.append((n, cells))
    best: tuple[int, int, list[Column], list[str]] | None = None
    width = max((len(c) for _, c in block), default=0)
    for k in range(1, len(block) + 1):
        parts = [_parts([cells for _, cells in block[:k]], c) for c in range(width)]
        cols = [col for c, p in enumerate(parts) if p for col in [mapping.column(c, p)] if col is not None]
        # a row of years under a figure header (2021年 | 2022年) says more, though it names no new field
        score = sum(col.weight + (col.year is not None) for col in cols if col.field != "skip")
        if best is None or score > best[0]:
            best = (score, k, cols, ["/".join(p) for p in parts if p])
    if best is None or best[0] == 0:
        headers = ["/".join(p) for p in (_parts([block[0][1]], c) for c in range(width)) if p] if block else []
        return Layout([], [], titles, unit, headers)
    _, k, cols, headers = best
    return Layout(cols, rows[i + k:], titles, unit, headers, block[k - 1][0])


def is_totals(cells: list[Any]) -> bool:
    """A row that sums others (合计, 小计...) in its first filled cells."""
    seen = 0
    for v in cells:
        if v is None:
            continue
        if isinstance(v, str) and normalise(v).startswith(TOTALS):
            return True
        seen += 1
        if seen == 2:
            return False
    return False


def _single(cells: list[Any]) -> bool:
    """A row holding one value (a title merged across the sheet, or a unit line)."""
    values = {text(v) for v in cells if v is not None}
    return len(values) == 1 and not _datalike(cells)


def _datalike(cells: list[Any]) -> bool:
    """A row with a figure or a day in it: data, never a header."""
    for v in cells:
        if v is None:
            continue
        if not isinstance(v, str):
            return True
        s = normalise(v)
        if _NUMBERISH.fullmatch(s):
            return True
        try:
            if parse_day(s).full:
                return True
        except CellError:
            pass
    return False


def _parts(rows: list[list[Any]], c: int) -> list[str]:
    """Column ``c``'s header texts top to bottom, a text merged down over rows given once."""
    out: list[str] = []
    for cells in rows:
        v = cells[c] if c < len(cells) else None
        if v is None:
            continue
        t = text(v)
        if not out or out[-1] != t:
            out.append(t)
    return out
