"""The ledger's view of the gazetteer: region rows, names, provinces, coordinates.

Everything goes through :func:`gaz`, so the ledger keeps working (with codes
for names) when the gazetteer cannot be loaded, and tests can swap it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_CODE = re.compile(r"^\d{6}$")
# Suffixes an outlet or headline drops from a region's name (宜兴市 -> 宜兴).
_SUFFIXES = ("自治县", "自治州", "自治区", "地区", "新区", "市", "县", "区", "州", "盟", "旗", "省")


def is_code(value: Any) -> bool:
    return isinstance(value, str) and bool(_CODE.match(value))


@lru_cache(maxsize=1)
def _load() -> Any:
    try:
        from duikou.reference.gazetteer import gazetteer
    except ImportError:
        return None
    try:
        return gazetteer()
    except Exception:  # noqa: BLE001 - a broken gazetteer degrades names to codes, nothing more
        return None


def gaz() -> Any:
    """The gazetteer, or None when it is unavailable."""
    return _load()


def region(code: str) -> dict[str, Any] | None:
    """The ``regions`` row for ``code`` (None for unknown codes or without a gazetteer)."""
    g = gaz()
    if g is None or not is_code(code):
        return None
    r = g.get(code)
    if r is None:
        return None
    province = None
    try:
        p = g.province_of(code)
        province = getattr(p, "code", p)
    except Exception:  # noqa: BLE001 - a code without a province (the country, bad data)
        province = None
    return {"code": r.code, "name": r.name, "level": r.level, "parent": r.parent,
            "province": province, "lon": r.lon, "lat": r.lat}


def current(code: str) -> str:
    """Today's code of ``code``: a former unit (重庆 江北区 500105, merged in 2025) maps to the
    unit that took it over (500157), so a map or a tally over years puts it in today's place.
    Any other code (and every code without a gazetteer) is returned as it is."""
    g = gaz()
    if g is None or not is_code(code):
        return code
    try:
        return str(g.current(code))
    except Exception:  # noqa: BLE001 - a swapped-in gazetteer without former units
        return code


def name(party: str | None) -> str | None:
    """A party's display name: the region's name for a code, else the party as printed."""
    if party is None:
        return None
    row = region(party)
    return row["name"] if row else party


def short_names(code: str) -> set[str]:
    """The full name and the name without its level suffix (两字 at least)."""
    n = name(code)
    if not n or n == code:
        return set()
    out = {n}
    for suffix in _SUFFIXES:
        if n.endswith(suffix) and len(n) - len(suffix) >= 2:
            out.add(n[: -len(suffix)])
            break
    return out


def codes_for(query: str) -> list[str]:
    """Region codes a user's NAME_OR_CODE means (a code itself, or every region of that name)."""
    if is_code(query):
        return [query]
    g = gaz()
    if g is None:
        return []
    try:
        found = g.by_name(query)
    except Exception:  # noqa: BLE001
        found = []
    return sorted({r.code for r in found})
