"""Cells read as values: dates in the forms offices type them, figures with their units, 是/否."""
from __future__ import annotations

import datetime as dt

import pytest

from duikou.services.records.values import CellError, is_empty, parse_bool, parse_day, parse_number

UNITS = {"元": 1.0, "万元": 1e4, "亿元": 1e8, "万": 1e4, "亿": 1e8}


@pytest.mark.parametrize("cell, iso, end", [
    (dt.datetime(2023, 5, 6), "2023-05-06", None),
    (dt.date(2023, 5, 6), "2023-05-06", None),
    ("2023年5月6日", "2023-05-06", None),
    ("2023 年 5 月 6 号", "2023-05-06", None),
    ("2023.5.6", "2023-05-06", None),
    ("2023-05-06", "2023-05-06", None),
    ("2023/5/6", "2023-05-06", None),
    ("20230506", "2023-05-06", None),
    ("２０２３年５月６日", "2023-05-06", None),
    ("二〇二三年五月十六日", "2023-05-16", None),
    ("二〇二三年十二月三十一日", "2023-12-31", None),
    ("2023-05-06 00:00:00", "2023-05-06", None),
    (45052, "2023-05-06", None),  # an Excel serial
    (45052.0, "2023-05-06", None),
    ("45052", "2023-05-06", None),
    ("2023年5月", "2023-05", None),
    ("2023.05", "2023-05", None),
    ("2023年", "2023", None),
    ("2023年度", "2023", None),
    (2023, "2023", None),
    ("2023年5月6日-8日", "2023-05-06", "2023-05-08"),
    ("2023.5.6—5.8", "2023-05-06", "2023-05-08"),
    ("2023年5月30日至6月2日", "2023-05-30", "2023-06-02"),
    ("2023年5月6日至2023年5月9日", "2023-05-06", "2023-05-09"),
])
def test_a_date_cell_in_any_form_gives_its_day_month_or_year(cell: object, iso: str, end: str | None) -> None:
    day = parse_day(cell)
    assert (day.iso, day.end) == (iso, end)
    assert day.full == (iso if len(iso) == 10 else None)


@pytest.mark.parametrize("cell, why", [
    ("下周", "is not a date"),
    ("2023年13月", "no month 13"),
    ("2023.2.30", "not a day of the calendar"),
    ("1023年5月6日", "not plausible"),
    (12, "not a date"),
    ("2023年5月6日左右", "what follows the date"),
    ("2023年5月8日-6日", "ends before it starts"),
    (True, "not a date"),
])
def test_a_cell_that_is_no_date_says_why(cell: object, why: str) -> None:
    with pytest.raises(CellError, match=why):
        parse_day(cell)


@pytest.mark.parametrize("cell, value, approx, unit", [
    (12, 12.0, False, None),
    (12.5, 12.5, False, None),
    ("1,234.5", 1234.5, False, None),
    ("１２３", 123.0, False, None),
    ("约50", 50.0, True, None),
    ("50余", 50.0, True, None),
    ("超过300", 300.0, True, None),
    ("50万元", 500000.0, False, "万元"),
    ("1.2亿", 120000000.0, False, "亿"),
    ("1.2亿元", 120000000.0, False, "亿元"),
    ("50万元左右", 500000.0, True, "万元"),
    ("12名", 12.0, False, None),
    ("300人次", 300.0, False, None),
])
def test_a_figure_is_read_with_its_unit_and_whether_it_is_approximate(cell: object, value: float, approx: bool,
                                                                      unit: str | None) -> None:
    n = parse_number(cell, UNITS)
    assert (n.value, n.approx, n.unit) == (value, approx, unit)


@pytest.mark.parametrize("cell", ["五十", "约", "abc12", "12abc", "待定", dt.date(2023, 1, 1), False])
def test_text_in_a_number_cell_is_an_error(cell: object) -> None:
    with pytest.raises(CellError, match="not a number|is a date"):
        parse_number(cell, UNITS)


def test_yes_no_and_empty_cells() -> None:
    assert [parse_bool(v) for v in ("是", "否", "Y", "no", "√", "×", 1, 0)] == [True, False, True, False, True,
                                                                              False, True, False]
    with pytest.raises(CellError, match="是 or 否"):
        parse_bool("也许")
    assert all(is_empty(v) for v in (None, "", " ", "-", "——", "/", "无"))
    assert not any(is_empty(v) for v in (0, "0", "有"))
