"""Arabic and Chinese numerals to numbers (三千四百零六, 两百, 1.26亿, 6800余万, 47.3万).

Chinese numerals are read as ``cn2an`` (MIT) reads them in its "normal" mode:
for numerals written with the common characters (零〇一二两三四五六七八九十百千万亿点)
by a port of its rules below, for any other character by cn2an itself, imported
on first need (importing it compiles patterns for ~80 ms, a tenth of a small
run; the port was checked against it on every string of up to five of those
characters and on a million longer ones). Plain Arabic digits with an optional
万/亿 multiplier are read with :class:`decimal.Decimal`: cn2an takes 11-30 µs a
call on this machine (measured), ``Decimal`` about 1 µs, and it gives exact
results for 23817.56万. Approximation markers (余, 多, 近, 约...) are not
handled by cn2an (measured: it rejects them), so they are stripped here and
reported as a flag.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

CN_DIGITS = "零〇一二两三四五六七八九"
CN_PLACES = "十百千万亿"

# Building blocks other extractors embed in their own patterns.
#: Arabic number: 3406, 3,406, 0.64, 23817.56
ARABIC = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?![0-9])"
#: Arabic digits with inner place characters: 1亿2000万, 2万3000, 3万5千
ARABIC_COMPOUND = r"[0-9]+(?:\.[0-9]+)?亿[0-9]+(?:\.[0-9]+)?万|[0-9]+万[0-9]+千?(?![0-9])"
#: Chinese number: 三千四百零六, 两百, 四十七点三, 三千万
CHINESE = rf"[{CN_DIGITS}{CN_PLACES}]+(?:点[{CN_DIGITS}]+)?"
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
        value = _cn2an_normal(text) if _PORTED.issuperset(text) else _cn2an(text, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return Decimal(str(value))


def _cn2an(text: str, mode: str) -> Any:
    import cn2an  # only for numerals the port below does not cover (see the module docstring)

    return cn2an.cn2an(text, mode)


# -- cn2an's "normal" mode, for numerals of the common characters ------------------------------------
# Same steps and results as cn2an 0.5.24 (Cn2An.cn2an with mode="normal"), restricted to _PORTED:
# those characters pass its preprocessing unchanged. Its validating pattern is written as a small
# parser instead of the regex whose compilation is the cost of importing it.

_PORTED = frozenset(CN_DIGITS + CN_PLACES + "点")
_DIGIT_VALUE = dict(zip(CN_DIGITS, (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9)))
_UNIT_VALUE = {c: int(_MULT[c]) for c in CN_PLACES}
_UNIT_BELOW = {100: "十", 1000: "百", 10_000: "千"}  # cn2an's UNIT_LOW_AN2CN[unit // 10] (10 and 亿: KeyError)
_ZERO = frozenset("零〇")
_NONZERO = frozenset(CN_DIGITS) - _ZERO
_ZERO_BEFORE_THOUSAND = re.compile(rf"(万)零(?=[{CN_DIGITS}][千])")
_BIG_UNIT_MISSING_ZERO = re.compile(rf"([万亿])([{CN_DIGITS}][十百])")
_THOUSAND_MISSING_ZERO = re.compile(rf"([千])([{CN_DIGITS}]?[十])")
_UNIT_MISSING_ONE = re.compile(r"([百])([十])")

_Ends = frozenset[int]


def _d(s: str, i: int) -> _Ends:  # 1-9
    return frozenset((i + 1,)) if i < len(s) and s[i] in _NONZERO else frozenset()


def _z(s: str, i: int) -> _Ends:  # 0
    return frozenset((i + 1,)) if i < len(s) and s[i] in _ZERO else frozenset()


def _lit(ch: str) -> Any:
    return lambda s, i: frozenset((i + 1,)) if i < len(s) and s[i] == ch else frozenset()


def _seq(*parts: Any) -> Any:
    def f(s: str, i: int) -> _Ends:
        ends = frozenset((i,))
        for part in parts:
            ends = frozenset(e for j in ends for e in part(s, j))
        return ends
    return f


def _opt(part: Any) -> Any:
    return lambda s, i: frozenset((i,)) | part(s, i)


def _alt(*parts: Any) -> Any:
    return lambda s, i: frozenset(e for part in parts for e in part(s, i))


# cn2an's integer grammar (__get_pattern, "normal"): 1-99, 100-999, ... up to 16 digits.
_TEN, _HUNDRED, _THOUSAND, _WAN, _YI = (_lit(c) for c in "十百千万亿")
_10_99 = _seq(_opt(_d), _TEN, _opt(_d))
_10_99_WITH_ONE = _seq(_d, _TEN, _opt(_d))
_1_99 = _alt(_10_99, _d)
_100_999 = _alt(_seq(_d, _HUNDRED, _opt(_seq(_z, _d))), _seq(_d, _HUNDRED, _10_99_WITH_ONE))
_1_999 = _alt(_100_999, _1_99)
_1000_9999 = _alt(_seq(_d, _THOUSAND, _opt(_seq(_z, _1_99))), _seq(_d, _THOUSAND, _100_999))
_1_9999 = _alt(_1000_9999, _1_999)
_10000_99999999 = _alt(_seq(_1_9999, _WAN, _opt(_seq(_z, _1_999))), _seq(_1_9999, _WAN, _1000_9999))
_1_99999999 = _alt(_10000_99999999, _1_9999)
_1E8_1E16 = _alt(_seq(_1_99999999, _YI, _opt(_seq(_z, _1_99999999))), _seq(_1_99999999, _YI, _10000_99999999))
_INTEGER = _alt(_z, _1E8_1E16, _1_99999999)


def _valid_integer(s: str) -> bool:
    return len(s) in _INTEGER(s, 0)


def _valid_decimal(s: str) -> bool:
    return len(s) <= 16 and all(c in _DIGIT_VALUE for c in s)


def _speaking_unit(s: str) -> str | None:
    """The unit after the last digit of 一万二, 两千三 (cn2an's speaking mode), or None when not that shape."""
    # ([digits]{0,2}[unit])+[digit]: groups of up to two digits, each closed by a unit, then one digit
    if len(s) < 3 or s[-1] not in _DIGIT_VALUE or s[-2] not in _UNIT_VALUE:
        return None
    run = 0
    for c in s[:-1]:
        if c in _DIGIT_VALUE:
            run += 1
            if run > 2:
                return None
        elif c in _UNIT_VALUE:
            run = 0
        else:
            return None
    return s[-2]


def _cn2an_normal(text: str) -> int | float:
    """``cn2an.cn2an(text, "normal")`` for ``text`` of _PORTED characters (raises as it does)."""
    if not text:
        raise ValueError("empty")
    data = text.replace("零十", "零一十").replace("零百", "零一百")
    decimal: str | None = None
    integer = data
    if "点" in data:
        parts = data.split("点")
        if len(parts) != 2:
            raise ValueError("more than one 点")
        integer, decimal = parts
    return _read_normal(text, integer, decimal)


_SMART_PORTED = frozenset("0123456789.") | (_PORTED - {"点"})
_SMART_PLAIN = re.compile(r"\d+(?:\.\d+)?[十百千万亿]?")
_DIGIT_RUN = re.compile(r"\d+")
_LOW_DIGITS = "零一二三四五六七八九"
_LOW_UNITS = ("", "十", "百", "千", "万", "十", "百", "千", "亿", "十", "百", "千", "万", "十", "百", "千")
_AN2CN_ZERO_BEFORE_THOUSAND = re.compile(r"([万亿])零([一二三四五六七八九][千])")


def _cn2an_smart(text: str) -> int | float:
    """``cn2an.cn2an(text, "smart")`` for ``text`` of _SMART_PORTED characters (71万2281, 3万5千)."""
    if not text:
        raise ValueError("empty")
    data = text.replace("零十", "零一十").replace("零百", "零一百")
    if _SMART_PLAIN.fullmatch(data):
        if data[-1] in _UNIT_VALUE:
            return int(Decimal(data[:-1]) * _UNIT_VALUE[data[-1]])
        return float(data)
    # Each run of digits written out in Chinese (a leading zero digit by digit), then read as "normal".
    return _read_normal(text, _DIGIT_RUN.sub(_smart_digits, data), None)


def _smart_digits(m: re.Match[str]) -> str:
    num = m.group()
    if len(num) > 1 and num[0] == "0":
        return "".join(_LOW_DIGITS[int(d)] for d in num)
    return _an2cn_low(num)


def _an2cn_low(digits: str) -> str:
    """cn2an's An2Cn.an2cn(digits, "low") for a run of ASCII digits (its __integer_convert)."""
    digits = str(int(digits))
    n = len(digits)
    if n > len(_LOW_UNITS):
        raise ValueError("too long")
    out = ""
    for i, d in enumerate(digits):
        if int(d):
            out += _LOW_DIGITS[int(d)] + _LOW_UNITS[n - i - 1]
        else:
            if not (n - i - 1) % 4:
                out += _LOW_DIGITS[int(d)] + _LOW_UNITS[n - i - 1]
            if i > 0 and not out[-1] == "零":
                out += _LOW_DIGITS[int(d)]
    out = out.replace("零零", "零").replace("零万", "万").replace("零亿", "亿").replace("亿万", "亿").strip("零")
    out = _AN2CN_ZERO_BEFORE_THOUSAND.sub(r"\1\2", out)
    if out[:2] == "一十":
        out = out[1:]
    return out or "零"


def _read_normal(text: str, integer: str, decimal: str | None) -> int | float:
    """The rest of cn2an's "normal" reading once the number is split at 点."""
    integer = _ZERO_BEFORE_THOUSAND.sub(r"\1", integer)
    integer = _BIG_UNIT_MISSING_ZERO.sub(r"\1零\2", integer)
    integer = _THOUSAND_MISSING_ZERO.sub(r"\1零\2", integer)
    integer = _UNIT_MISSING_ONE.sub(r"\1一\2", integer)
    integer = integer.replace("零十", "零一十")
    direct = False
    if _valid_integer(integer):
        if decimal is not None and not _valid_decimal(decimal):
            raise ValueError(text)
    elif integer and all(c in _DIGIT_VALUE for c in integer) and (decimal is None or _valid_decimal(decimal)):
        direct = True  # digits read one by one (一二三)
    else:
        unit = _speaking_unit(integer)
        if unit is None or (decimal is not None and not _valid_decimal(decimal)):
            raise ValueError(text)
        integer += _UNIT_BELOW[_UNIT_VALUE[unit]]  # 十 and 亿 raise KeyError, as in cn2an
    value: int | float = _direct(integer) if direct else _integer(integer)
    if decimal is not None:
        value = round(value + _decimal(decimal), len(decimal))
    return value


def _integer(s: str) -> int:
    """cn2an's __integer_convert."""
    out, unit, ten_thousand = 0, 1, 1
    for index, c in enumerate(reversed(s)):
        if c in _DIGIT_VALUE:
            out += _DIGIT_VALUE[c] * unit
        else:
            unit = _UNIT_VALUE[c]
            if unit % 10000 == 0:
                if unit > ten_thousand:
                    ten_thousand = unit
                else:
                    ten_thousand = unit * ten_thousand
                    unit = ten_thousand
            if unit < ten_thousand:
                unit = unit * ten_thousand
            if index == len(s) - 1:
                out += unit
    return int(out)


def _direct(s: str) -> int:
    """cn2an's __direct_convert."""
    out = 0
    for index in range(len(s) - 1, -1, -1):
        out += _DIGIT_VALUE[s[index]] * 10 ** (len(s) - index - 1)
    return out


def _decimal(s: str) -> float:
    """cn2an's __decimal_convert (at most 16 digits here)."""
    out: int | float = 0
    for index in range(len(s) - 1, -1, -1):
        out += _DIGIT_VALUE[s[index]] * 10 ** -(index + 1)
    return round(out, len(s))


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
            return Decimal(str(_cn2an_smart(text) if _SMART_PORTED.issuperset(text) else _cn2an(text, "smart")))
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
