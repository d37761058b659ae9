"""Arabic and Chinese numerals to numbers (三千四百零六, 两百, 1.26亿, 6800余万, 47.3万).

Chinese numerals go through ``cn2an`` (MIT). Plain Arabic digits with an
optional 万/亿 multiplier are read with :class:`decimal.Decimal` instead: cn2an
takes 11-30 µs a call on this machine (measured), ``Decimal`` about 1 µs, and
it gives exact results for 23817.56万. Approximation markers (余, 多, 近, 约...)
are not handled by cn2an (measured: it rejects them), so they are stripped
here and reported as a flag.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_PLACES = "十百千万亿"

# Building blocks other extractors embed in their own patterns.
#: Arabic number: 3406, 3,406, 0.64, 23817.56
ARABIC = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?![0-9])"
#: Arabic digits with inner place characters: 1亿2000万, 2万3000, 3万5千
ARABIC_COMPOUND = r"[0-9]+(?:\.[0-9]+)?亿[0-9]+(?:\.[0-9]+)?万|[0-9]+万[0-9]+千?(?![0-9])"
#: Chinese number: 三千四百零六, 两百, 四十七点三, 三千万
CHINESE = rf"[{CN_DIGITS}十百千万亿]+(?:点[{CN_DIGITS}]+)?"
#: multiplier written after a number: 万, 亿, 千万...
MULTIPLIER = r"(?:千万|百万|十万|万亿|万|亿|千|百)"
#: approximation words written before a number (longest first)
APPROX_BEFORE_WORDS = ("将近", "接近", "大约", "约合", "超过", "近", "约", "超", "逾")
# The one-character words end longer words that are no approximation:
# 签约3个项目, 最近3年, 赶超.
_NOT_BEFORE = {"约": "签合邀履节预制契公条特相", "近": "最附靠亲贴就远", "超": "赶高"}
APPROX_BEFORE = "(?:" + "|".join(
    f"(?<![{_NOT_BEFORE[w]}]){w}" if w in _NOT_BEFORE else w for w in APPROX_BEFORE_WORDS
) + ")"
#: approximation written between a number and its multiplier or unit (十几个, 二十几万)
APPROX_MID = r"[余多几]"
#: approximation written after the unit
APPROX_AFTER = r"(?:左右|上下)"

_MULT = {
    "十": Decimal(10), "百": Decimal(100), "千": Decimal(1000), "万": Decimal(10_000),
    "十万": Decimal(100_000), "百万": Decimal(1_000_000), "千万": Decimal(10_000_000),
    "亿": Decimal(100_000_000), "万亿": Decimal(10**12),
}

_ARABIC_MULT = re.compile(rf"({ARABIC})({MULTIPLIER})?")
_SPLIT = re.compile(
    rf"^(?P<pre>{APPROX_BEFORE})?(?P<num>{ARABIC}|{CHINESE})(?P<mid>{APPROX_MID})?"
    rf"(?P<mult>{MULTIPLIER})?(?P<post>{APPROX_MID})?(?P<after>{APPROX_AFTER})?$"
)
_HAS_PLACE = re.compile(f"[{CN_PLACES}]")


def _num(d: Decimal) -> float:
    """An ``int`` when the value is whole (JSON prints 126000000, not 126000000.0)."""
    return int(d) if d == d.to_integral_value() else float(d)


@lru_cache(maxsize=8192)
def _chinese(text: str) -> Decimal | None:
    # A run of bare digits (一一, 十四五 fails anyway) is not a cardinal number;
    # a lone place character (百, 千, 万) is part of a word (百姓, 万众).
    whole = text.split("点", 1)[0]
    if len(whole) != 1 and not _HAS_PLACE.search(whole):
        return None
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return Decimal(str(value))


def parse_decimal(text: str) -> Decimal | None:
    """The exact value of a numeral without approximation markers, or ``None``."""
    text = text.strip()
    if not text:
        return None
    m = _ARABIC_MULT.fullmatch(text)
    if m:
        try:
            value = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            return None
        return value * _MULT[m.group(2)] if m.group(2) else value
    if text[0] in "0123456789":
        # Mixed forms cn2an knows (1万2千); rare, so the slow path is fine.
        try:
            return Decimal(str(cn2an.cn2an(text, "smart")))
        except (ValueError, KeyError, IndexError):
            return None
    return _chinese(text)


def parse_number(text: str) -> float | None:
    """``三千四百零六`` -> 3406, ``1.26亿`` -> 126000000, ``四十七点三`` -> 47.3; ``None`` if not a number."""
    d = parse_decimal(text)
    return None if d is None else _num(d)


def parse_approx(text: str) -> tuple[float, bool] | None:
    """A numeral with approximation markers: ``6800余万`` -> (68000000, True), ``两百`` -> (200, False)."""
    m = _SPLIT.match(text.strip())
    if not m:
        return None
    value = value_of(m.group("num"), m.group("mult"))
    if value is None:
        return None
    return value, any(m.group(g) for g in ("pre", "mid", "post", "after"))


def value_of(num: str, mult: str | None = None) -> float | None:
    """The value of a numeral ``num`` times a written multiplier (``6800``, ``万``)."""
    d = parse_decimal(num)
    if d is None:
        return None
    if mult:
        d *= _MULT[mult]
    return _num(d)


def is_chinese(num: str) -> bool:
    """True when the numeral is written in Chinese characters."""
    return bool(num) and num[0] not in "0123456789"


def has_place(num: str) -> bool:
    """True when a Chinese numeral has a place character (十, 百, 千, 万, 亿)."""
    return bool(_HAS_PLACE.search(num))
