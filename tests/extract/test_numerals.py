"""Numerals: Arabic, Chinese and mixed forms, with approximation markers."""
from __future__ import annotations

import pytest

from duikou.extract.numerals import has_place, is_chinese, parse_approx, parse_number, value_of


@pytest.mark.parametrize(
    "text, value",
    [
        ("一千二百一十三", 1213),
        ("两百", 200),
        ("六十点五", 60.5),
        ("2.36亿", 236_000_000),
        ("28317.46万", 283_174_600),
        ("60.5万", 605_000),
        ("三千", 3000),
        ("十二", 12),
        ("两", 2),
        ("十", 10),
        ("二十", 20),
        ("三千万", 30_000_000),
        ("两万三千", 23_000),
        ("一万二千", 12_000),
        ("零点八七", 0.87),
        ("八十", 80),
        ("1213", 1213),
        ("1,213", 1213),
        ("47,390", 47390),
        ("0.87", 0.87),
        ("2.5亿", 250_000_000),
        ("3千", 3000),
        ("0.5万", 5000),
        ("100万", 1_000_000),
        ("3.2千万", 32_000_000),
        ("1万2千", 12_000),
        ("1亿2000万", 120_000_000),
        ("2万3000", 23_000),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "十四五", "十三五", "百", "千", "万", "一一", "三五", "abc", "余", "点五"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text, value",
    [("2.36亿", 236000000), ("28317.46万", 283174600), ("60.5万", 605000), ("1,200", 1200)],
)
def test_whole_values_are_ints(text: str, value: int) -> None:
    out = parse_number(text)
    assert out == value and isinstance(out, int)


@pytest.mark.parametrize(
    "text, value, approx",
    [
        ("7300余万", 73_000_000, True),
        ("6000余", 6000, True),
        ("近两百余", 200, True),
        ("两百", 200, False),
        ("80左右", 80, True),
        ("约3000", 3000, True),
        ("超过3000", 3000, True),
        ("超5万", 50_000, True),
        ("逾百万", None, None),
        ("300多", 300, True),
        ("二十多万", 200_000, True),
        ("将近1.5万", 15_000, True),
        ("1000上下", 1000, True),
        ("三千余万", 30_000_000, True),
        ("2.36亿", 236_000_000, False),
        ("十余", 10, True),
        ("十四五", None, None),
    ],
)
def test_parse_approx(text: str, value: float | None, approx: bool | None) -> None:
    out = parse_approx(text)
    if value is None:
        assert out is None
    else:
        assert out == (value, approx)


@pytest.mark.parametrize(
    "num, mult, value",
    [("7300", "万", 73_000_000), ("2.36", "亿", 236_000_000), ("两百", None, 200), ("3", "千万", 30_000_000),
     ("六十点五", "万", 605_000), ("十四五", None, None)],
)
def test_value_of(num: str, mult: str | None, value: float | None) -> None:
    assert value_of(num, mult) == value


@pytest.mark.parametrize(
    "num, chinese, place",
    [("两百", True, True), ("两", True, False), ("三", True, False), ("1200", False, False), ("十二", True, True)],
)
def test_numeral_kind(num: str, chinese: bool, place: bool) -> None:
    assert is_chinese(num) is chinese
    assert has_place(num) is place
