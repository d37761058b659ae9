"""A 台账 cell read as a value: a day (or a month, or a year), a number with its money unit, yes or no.

Offices type dates every way (2023年5月6日, 2023.5.6, 2023/05/06, 二〇二三年五月六日, an Excel serial,
a date cell) and figures with their units in the cell (50万元, 1.2亿) or only in the header (金额（万元）).
Each reader returns the value or raises :class:`CellError` with the reason, which the row reader turns
into one problem naming the file, sheet, row and column.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

# Excel's day 0 (the 1900 system, with its leap-year bug folded in: serials from 61 on are right).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serials read as days only in this range (1954 .. 2119): a count like 12 in a date column is no day.
_SERIALS = (20000, 80000)

_CN_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
              "七": "7", "八": "8", "九": "9", "两": "2"}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－／：", "0123456789.,-/:")
# A day, a month or a year, with any of the separators offices use; groups: year, month, day.
_DAY = re.compile(r"(\d{4})\s*(?:年|[.\-/])\s*(\d{1,2})\s*(?:月|[.\-/])\s*(\d{1,2})\s*[日号]?")
_MONTH = re.compile(r"(\d{4})\s*(?:年|[.\-/])\s*(\d{1,2})\s*月?")
_YEAR = re.compile(r"(\d{4})\s*年?(?:度)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
# The end of a range after the start: 2023年5月6日-8日, 2023.5.6—5.8, 2023年5月6日至2023年5月9日.
_RANGE = re.compile(r"\s*(?:-|—|–|~|～|至|到)+\s*")
_END_DAY = re.compile(r"(?:(\d{4})\s*(?:年|[.\-/]))?\s*(?:(\d{1,2})\s*(?:月|[.\-/]))?\s*(\d{1,2})\s*[日号]?")

_TIME = re.compile(r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")  # a midnight time after a date
_EMPTY = {"", "-", "--", "—", "——", "/", "\\", "无", "暂无", "空", "n/a", "na", "none", "null"}
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_APPROX_BEFORE = ("约", "近", "超", "逾", "超过", "大约", "约合", "共约")
_APPROX_AFTER = ("余", "多", "以上", "左右")
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "对", "有"}
_FALSE = {"否", "n", "no", "false", "0", "×", "✗", "不是", "无"}


class CellError(ValueError):
    """A cell that does not hold the value its column needs (the message says why)."""


@dataclass(frozen=True)
class Day:
    """A date as precise as the cell gives it: ``iso`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""

    iso: str
    end: str | None = None  # the last day of a range (2023年5月6日-8日), a full day

    @property
    def full(self) -> str | None:
        """The day, when the cell names one (a month or a year names none)."""
        return self.iso if len(self.iso) == 10 else None

    @property
    def year(self) -> int:
        return int(self.iso[:4])


def is_empty(value: Any) -> bool:
    """Nothing in the cell (blank, or one of the dashes and words offices put for nothing)."""
    return value is None or (isinstance(value, str) and value.strip().lower() in _EMPTY)


def text(value: Any) -> str:
    """A cell as text (a whole float without its .0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_day(value: Any) -> Day:
    """The day, month or year of a date cell (a date cell, an Excel serial or a written date)."""
    if isinstance(value, dt.datetime):
        return Day(value.date().isoformat())
    if isinstance(value, dt.date):
        return Day(value.isoformat())
    if isinstance(value, bool):
        raise CellError(f"{value!r} is not a date")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1949 <= value <= 2100:
            return Day(str(int(value)))  # a year typed as a number
        return _serial(value)
    s = _TIME.sub("", _digits(str(value).strip()))
    if re.fullmatch(r"\d+(?:\.0+)?", s) and not _COMPACT.fullmatch(s) and not _YEAR.fullmatch(s):
        return _serial(float(s))
    start, rest = _first(s)
    if start is None:
        raise CellError(f"{text(value)!r} is not a date")
    end = None
    if rest:
        sep = _RANGE.match(rest)
        m = _END_DAY.fullmatch(rest[sep.end():].strip()) if sep else None
        if m is None or start.full is None:
            raise CellError(f"{text(value)!r} is not a date (what follows the date is not its end)")
        year = int(m.group(1) or start.iso[:4])
        month = int(m.group(2) or start.iso[5:7])
        end = _make(year, month, int(m.group(3)), text(value)).iso
        if end < start.iso:
            raise CellError(f"{text(value)!r}: the range ends before it starts")
    return Day(start.iso, end)


def _first(s: str) -> tuple[Day | None, str]:
    """The date at the start of ``s`` and what follows it."""
    for pattern in (_DAY, _COMPACT):
        m = pattern.match(s)
        if m:
            return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), s), s[m.end():].strip()
    m = _MONTH.match(s)
    if m and (("年" in m.group(0) and "月" in m.group(0)) or not s[m.end():].strip()):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise CellError(f"{s!r}: there is no month {month}")
        _check_year(int(m.group(1)), s)
        return Day(f"{int(m.group(1)):04d}-{month:02d}"), s[m.end():].strip()
    m = _YEAR.fullmatch(s)
    if m:
        _check_year(int(m.group(1)), s)
        return Day(m.group(1)), ""
    return None, s


def _make(year: int, month: int, day: int, said: str) -> Day:
    _check_year(year, said)
    try:
        return Day(dt.date(year, month, day).isoformat())
    except ValueError:
        raise CellError(f"{said!r} is not a day of the calendar") from None


def _check_year(year: int, said: str) -> None:
    # The programmes began in 1979 (对口支援) and 1996 (东西部协作): a year far outside is a typing slip.
    if not 1949 <= year <= 2100:
        raise CellError(f"{said!r}: the year {year} is not plausible")


def _serial(n: float) -> Day:
    if not _SERIALS[0] <= n < _SERIALS[1]:
        raise CellError(f"{text(n)!r} is not a date (nor an Excel date serial)")
    return Day((_EXCEL_EPOCH + dt.timedelta(days=int(n))).isoformat())


def _digits(s: str) -> str:
    """Chinese numerals of a written date as digits (二〇二三年五月十六日 -> 2023年5月16日)."""
    s = s.translate(_FULL_WIDTH)
    if not any(c in _CN_DIGITS or c == "十" for c in s):
        return s

    def small(m: re.Match[str]) -> str:  # 十六 -> 16, 二十 -> 20, 十 -> 10, 三十一 -> 31
        tens, _, ones = m.group(0).partition("十")
        if "十" not in m.group(0):
            return "".join(_CN_DIGITS[c] for c in m.group(0))
        return str(int(_CN_DIGITS.get(tens, "1")) * 10 + int(_CN_DIGITS.get(ones, "0") or 0))

    s = re.sub(r"[〇零一二三四五六七八九]{4}(?=年)", lambda m: "".join(_CN_DIGITS[c] for c in m.group(0)), s)
    return re.sub(r"[一二三四五六七八九两]?十[一二三四五六七八九]?|[一二三四五六七八九〇零]", small, s)


@dataclass(frozen=True)
class Number:
    """A figure read from a cell: its value (scaled to 元 for money), whether it is approximate, and the
    money unit the cell itself wrote (None when it wrote none)."""

    value: float
    approx: bool = False
    unit: str | None = None


def parse_number(value: Any, units: dict[str, float] | None = None) -> Number:
    """A figure from a number cell or a written one (1,234.5; ５０; 约50; 50余; 50万元 with ``units``).

    ``units`` are the money units a cell may write after its figure (元, 万元, 亿元...) and what each
    multiplies by; the value returned is NOT scaled by a unit the header gives (the caller knows it).
    """
    if isinstance(value, bool):
        raise CellError(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        return Number(float(value))
    if isinstance(value, (dt.date, dt.datetime)):
        raise CellError(f"{text(value)!r} is a date, not a number")
    s = str(value).strip().translate(_FULL_WIDTH).replace(" ", "")
    approx = False
    for w in sorted(_APPROX_BEFORE, key=len, reverse=True):
        if s.startswith(w):
            s, approx = s[len(w):], True
            break
    m = _NUMBER.match(s)
    if m is None:
        raise CellError(f"{text(value)!r} is not a number")
    number, rest = float(m.group(0).replace(",", "")), s[m.end():]
    for w in sorted(_APPROX_AFTER, key=len, reverse=True):
        if rest.startswith(w):
            rest, approx = rest[len(w):], True
            break
    unit = None
    if rest and units:
        for u in sorted(units, key=len, reverse=True):
            if rest.startswith(u):
                unit, rest = u, rest[len(u):]
                break
        if unit is not None:
            number *= units[unit]
    for w in sorted(_APPROX_AFTER, key=len, reverse=True):
        if rest.startswith(w):
            rest, approx = rest[len(w):], True
            break
    if rest.strip("。.") and not re.fullmatch(r"[人名个次家项对户元]{1,2}", rest):
        raise CellError(f"{text(value)!r} is not a number")
    return Number(number, approx, unit)


def parse_bool(value: Any) -> bool:
    """是/否 (and yes/no, √/×, 1/0)."""
    if isinstance(value, bool):
        return value
    s = text(value).lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise CellError(f"{text(value)!r} is not 是 or 否")
