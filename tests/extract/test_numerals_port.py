"""The port of cn2an's readings in duikou.extract.numerals gives cn2an's results (or its failures)."""
from __future__ import annotations

import itertools
import random
import warnings
from decimal import Decimal

import cn2an
import pytest

from duikou.extract import numerals as N


def _cn2an(text: str, mode: str) -> Decimal | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return Decimal(str(cn2an.cn2an(text, mode)))
        except (ValueError, KeyError, IndexError):
            return None


def _port(text: str, mode: str) -> Decimal | None:
    try:
        return Decimal(str(N._cn2an_normal(text) if mode == "normal" else N._cn2an_smart(text)))
    except (ValueError, KeyError, IndexError):
        return None


@pytest.mark.parametrize("text", [
    "三千四百零六", "两百", "四十七点三", "三千万", "一万二", "十一万三", "二〇二三", "一二三", "十四五", "零",
    "一千零十一", "十万零一千", "九千九百九十九亿九千九百九十九万九千九百九十九", "三点", "点五", "一点二点三",
    "百", "千万", "两万", "十二", "一百一", "三十亿",
])
def test_normal_invented(text: str) -> None:
    assert _port(text, "normal") == _cn2an(text, "normal")


@pytest.mark.parametrize("text", ["71万2500", "3万5千", "2万3000", "1亿2000万", "1.5亿300万", "12万05", "4万", "0.5万"])
def test_smart_invented(text: str) -> None:
    assert _port(text, "smart") == _cn2an(text, "smart")


def test_normal_every_short_string() -> None:
    alphabet = "零〇一二两三四五六七八九十百千万亿点"
    for n in range(4):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            assert _port(text, "normal") == _cn2an(text, "normal"), text


def test_random_long_strings() -> None:
    rng = random.Random(2)
    for _ in range(3000):
        text = "".join(rng.choice("零〇一二两三四五六七八九十百千万亿点") for _ in range(rng.randint(4, 12)))
        assert _port(text, "normal") == _cn2an(text, "normal"), text
        mixed = f"{rng.randint(1, 10 ** rng.randint(1, 7))}万{rng.randint(0, 10 ** rng.randint(1, 5))}"
        assert _port(mixed, "smart") == _cn2an(mixed, "smart"), mixed
