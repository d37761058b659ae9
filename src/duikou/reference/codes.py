"""What a six-digit GB/T 2260 code says by itself: whether it is one, its province, its parents.

The one place for the code arithmetic; the gazetteer, the pairing registry and the ledger
use it. The province-level municipalities come from ``data/region_aliases.yaml``.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TypeGuard

from duikou.reference.region_data import rules

_CODE = re.compile(r"\d{6}")
# Digits 3-4 of a county-level unit the province administers directly (省直辖县级: 419001
# 济源市, 429004 仙桃市, 659001 石河子市); it has no prefecture.
_PROVINCE_DIRECT = "90"


def is_code(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a six-digit region code (anything else is a party as printed)."""
    return isinstance(value, str) and _CODE.fullmatch(value) is not None


def province_code(code: str) -> str:
    """Code of the province-level unit that contains ``code``."""
    return code[:2] + "0000"


def same_province(a: str, b: str) -> bool:
    """Whether the units ``a`` and ``b`` lie in one province-level unit."""
    return province_code(a) == province_code(b)


def is_municipality_row(code: str) -> bool:
    """Whether ``code`` is a grouping row of a province-level city (110100 北京市, 500200 重庆市):
    no unit of its own, its districts and counties belong to the city directly."""
    province = province_code(code)
    return code != province and code.endswith("00") and province in rules().municipalities


def parent_code(code: str, has_prefecture: Callable[[str], bool] = lambda _: True) -> str | None:
    """The code of the unit directly above ``code`` (None for a province).

    A county hangs on its prefecture (``code[:4] + "00"``) when ``has_prefecture`` says that
    prefecture exists, else on the province; so do the districts of the province-level
    cities and the units the province administers directly.
    """
    province = province_code(code)
    if code == province:
        return None
    if code.endswith("00"):
        return province
    prefecture = code[:4] + "00"
    if province in rules().municipalities or code[2:4] == _PROVINCE_DIRECT or not has_prefecture(prefecture):
        return province
    return prefecture


def level(code: str) -> str:
    """``province``, ``prefecture`` or ``county``, by the code's trailing zeros."""
    return "province" if code == province_code(code) else "prefecture" if code.endswith("00") else "county"


@lru_cache(maxsize=4096)  # the registry asks for the same few thousand codes again and again
def chain(code: str) -> tuple[str, ...]:
    """The code itself followed by its prefecture and province codes, by code arithmetic.

    ``510502`` -> (510502, 510500, 510000); ``110105`` -> (110105, 110000);
    省直辖 units (``xx90xx``) go straight to the province. A non-code is returned alone.
    """
    if not is_code(code):
        return (code,)
    out = [code]
    parent = parent_code(code)
    while parent is not None:
        out.append(parent)
        parent = parent_code(parent)
    return tuple(out)
