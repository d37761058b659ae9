"""The evaluation's yearly targets: imported from a sheet (``.xlsx`` or ``.csv``; columns 帮扶方, 受援方,
年度, 指标 (id or name), 目标值 in the indicator's unit) and listed.

Each bad row is one problem naming the file, the sheet, the row and the column; the good rows go in.
Importing the same file again changes nothing; a row whose value changed replaces the target it gave.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from duikou.errors import InputError, Problem
from duikou.ledger.target_rows import TargetRow, list_targets as _list_rows, put_targets
from duikou.reference import regions
from duikou.services.connect import Db, engine_of
from duikou.services.evaluation.indicators import indicator_by, load_indicators
from duikou.services.evaluation.model import MONEY_UNITS, Indicator
from duikou.services.evaluation.pairing import find_pairing, resolve_parties
from duikou.services.evaluation.report import FIRST_YEAR, LAST_YEAR
from duikou.services.evaluation.sheet import Block, read_blocks

_YEAR = re.compile(r"(\d{4})\s*年?(?:度)?")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:,\d{3})*|\d*)(?:\.\d+)?")


@dataclass(frozen=True)
class TargetsImport:
    """What an import did: rows read, targets ``new``, ``changed`` and ``unchanged``, and the bad rows
    (``problems``: each names the file, sheet, row and column)."""

    file: str
    rows: int
    new: int
    changed: int
    unchanged: int
    problems: tuple[Problem, ...] = field(default=())


class _BadCell(Exception):
    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column = column
        self.reason = reason


def import_targets(db: Db, path: str | Path) -> TargetsImport:
    """Read the targets of ``path`` into the ledger ``db``."""
    p = Path(path)
    if not p.is_file():
        raise InputError(str(p), "no such file")
    blocks = read_blocks(p)
    indicators = load_indicators()
    problems: list[Problem] = []
    wanted: dict[tuple[str, str, int, str], tuple[TargetRow, str]] = {}
    read = 0
    with engine_of(db) as eng:
        with eng.connect() as conn:
            for block in blocks:
                for n, cells in block.rows:
                    if all(c is None or str(c).strip() == "" for c in cells):
                        continue
                    read += 1
                    where = ", ".join(x for x in (f"sheet {block.sheet}" if block.sheet else None, f"row {n}") if x)
                    try:
                        row = _row(conn, block, cells, indicators, p.name, where)
                    except _BadCell as bad:
                        problems.append(Problem(p.name, f"{where}, column {bad.column}: {bad.reason}"))
                        continue
                    earlier = wanted.get(row.key)
                    if earlier is not None and earlier[0].value != row.value:
                        problems.append(Problem(p.name, f"{where}, column {block.columns['value'][1]}: "
                                                        f"{earlier[1]} gives this pairing's {row.indicator} "
                                                        f"target for {row.year} as {earlier[0].value:g}"))
                        continue
                    wanted.setdefault(row.key, (row, where))
        done = put_targets(eng, [r for r, _ in wanted.values()])
    return TargetsImport(file=str(p), rows=read, new=done["new"], changed=done["changed"],
                         unchanged=done["unchanged"], problems=tuple(problems))


def _cell(block: Block, cells: tuple[Any, ...], column: str) -> tuple[Any, str]:
    i, header = block.columns[column]
    value = cells[i] if i < len(cells) else None
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        raise _BadCell(header, "empty")
    return value, header


def _row(conn: Connection, block: Block, cells: tuple[Any, ...], indicators: tuple[Indicator, ...],
         file: str, where: str) -> TargetRow:
    helper, h_col = _cell(block, cells, "helper")
    recipient, _ = _cell(block, cells, "recipient")
    year_cell, y_col = _cell(block, cells, "year")
    key, i_col = _cell(block, cells, "indicator")
    value_cell, v_col = _cell(block, cells, "value")
    year = _year(year_cell, y_col)
    ind = indicator_by(str(key), indicators)
    if ind is None:
        raise _BadCell(i_col, f"no indicator {str(key)!r} (`duikou targets indicators` lists their ids and names)")
    value = _number(value_cell, v_col, ind)
    try:
        h, r = resolve_parties(conn, str(helper), str(recipient))
    except ValueError as err:
        raise _BadCell(h_col, str(err)) from None
    return TargetRow(h, r, year, ind.id, value, ind.unit, f"{file}, {where}")


def _year(cell: Any, column: str) -> int:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        year = cell
    else:
        m = _YEAR.fullmatch(str(cell))
        if m is None:
            raise _BadCell(column, f"{cell!r} is not a year")
        year = int(m.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _BadCell(column, f"{year} is not a year from {FIRST_YEAR} to {LAST_YEAR}")
    return year


def _money_unit(text: str) -> str | None:
    """The money unit ``text`` ends with (亿元, 万元, 元), if any."""
    return next((u for u in sorted(MONEY_UNITS, key=len, reverse=True) if text.endswith(u)), None)


def _number(cell: Any, column: str, ind: Indicator) -> float:
    """The target in the indicator's unit. Money given in another unit, by the cell (1.2亿元) or the
    column's header (目标值（亿元）), is converted; any other unit is the indicator's."""
    if isinstance(cell, bool):
        raise _BadCell(column, f"{cell!r} is not a number")
    header = column.strip().rstrip(")）")
    unit = _money_unit(header) if ind.kind == "amounts" else None
    if isinstance(cell, (int, float)):
        value = float(cell)
    else:
        text = str(cell).replace("，", ",").replace(" ", "")
        said = _money_unit(text) if ind.kind == "amounts" else (ind.unit if text.endswith(ind.unit) else None)
        if said:  # 500万元 in the cell: its own unit
            text, unit = text[:-len(said)], said if ind.kind == "amounts" else None
        if not text or not _NUMBER.fullmatch(text) or text in (".", "+", "-"):
            raise _BadCell(column, f"{cell!r} is not a number (in {ind.unit}, the unit of {ind.name})")
        value = float(text.replace(",", ""))
    if unit is not None and unit != ind.unit:
        value = round(value * MONEY_UNITS[unit] / MONEY_UNITS[ind.unit], 6)
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        raise _BadCell(column, f"{cell!r} is not a target (a number of at least 0)")
    return value


def list_targets(db: Db, pairing: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
    """The targets in the ledger (of one pairing, ``HELPER→RECIPIENT`` or an id, and one year when
    given): helper and recipient as ``{"id", "name"}``, year, indicator id and name, value, unit, source."""
    names = {i.id: i.name for i in load_indicators()}
    with engine_of(db) as eng, eng.connect() as conn:
        helper = recipient = None
        if pairing is not None:
            p = find_pairing(conn, pairing)
            helper, recipient = p["helper"], p["recipient"]
        rows = _list_rows(conn, helper, recipient, year)
    return [{"helper": {"id": r["helper"], "name": regions.name(r["helper"])},
             "recipient": {"id": r["recipient"], "name": regions.name(r["recipient"])},
             "year": r["year"], "indicator": r["indicator"], "name": names.get(r["indicator"]),
             "value": r["value"], "unit": r["unit"], "source": r["source"]} for r in rows]


__all__ = ["TargetsImport", "import_targets", "list_targets"]
