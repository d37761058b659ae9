"""Regions by code and by name: the one door the ledger and the exports use.

Codes follow :mod:`duikou.reference.codes` and names :mod:`duikou.reference.naming`, the
rules the gazetteer (and so extraction) reads a text with. Lookups go through :func:`gaz`,
so tests can swap in a small table, and the ledger keeps working with codes for names
when the region data cannot be loaded (said once on stderr).
"""
from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

from duikou.errors import ConfigError
from duikou.reference.codes import is_code, province_code
from duikou.reference.gazetteer import gazetteer
from duikou.reference.naming import Naming, naming

__all__ = ["RegionRow", "RegionTable", "codes_for", "current", "gaz", "is_code", "name", "region", "short_names"]


class RegionRow(Protocol):
    """What a region row offers (a gazetteer ``Region``, or a test's stand-in)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def lon(self) -> float | None: ...
    @property
    def lat(self) -> float | None: ...


class RegionTable(Protocol):
    """The lookups this module needs from the gazetteer."""

    def get(self, code: str) -> RegionRow | None: ...
    def by_name(self, name: str) -> Sequence[RegionRow]: ...


# What a missing or broken region table raises (the loaders turn their own failures into ConfigError).
_UNAVAILABLE = (ConfigError, OSError, ValueError)


def _unavailable(err: Exception) -> None:
    print(f"duikou: region data unavailable, regions are shown by code: {err}", file=sys.stderr)


@lru_cache(maxsize=1)
def _load() -> RegionTable | None:
    try:
        return gazetteer()
    except _UNAVAILABLE as err:
        _unavailable(err)
        return None


def gaz() -> RegionTable | None:
    """The gazetteer, or None when it is unavailable."""
    return _load()


@lru_cache(maxsize=1)
def _naming() -> Naming | None:
    try:
        return naming()
    except _UNAVAILABLE as err:
        if gaz() is not None:  # else the gazetteer, which reads the same rules, has said it already
            _unavailable(err)
        return None


def region(code: str) -> dict[str, Any] | None:
    """The ``regions`` row for ``code`` (None for unknown codes or without a gazetteer)."""
    g = gaz()
    r = g.get(code) if g is not None and is_code(code) else None
    if r is None:
        return None
    return {"code": r.code, "name": r.name, "level": r.level, "parent": r.parent,
            "province": province_code(r.code), "lon": r.lon, "lat": r.lat}


def current(code: str) -> str:
    """Today's code of ``code``: a former unit (重庆 江北区 500105, merged in 2025) maps to the
    unit that took it over (500157), so a map or a tally over years puts it in today's place.
    Any other code (and every code without a gazetteer) is returned as it is."""
    g = gaz()
    r = g.get(code) if g is not None and is_code(code) else None
    # Only a former unit has a successor (a stand-in table may have no such field at all).
    successor = getattr(r, "successor", None)
    return str(successor) if successor else code


def name(party: str | None) -> str | None:
    """A party's display name: the region's name for a code, else the party as printed."""
    if party is None:
        return None
    row = region(party)
    return row["name"] if row else party


def short_names(code: str) -> set[str]:
    """The names a text may call the region ``code`` by: its official name and the short forms
    the gazetteer derives from it (宜兴市 -> 宜兴; 恩施土家族苗族自治州 -> 恩施州, 恩施自治州, 恩施).
    Empty for a code without a region."""
    row = region(code)
    if row is None:
        return set()
    rules = _naming()
    if rules is None:
        return {row["name"]}
    return {surface for surface, _ in rules.aliases(row["name"], row["level"])}


def codes_for(query: str) -> list[str]:
    """Region codes a user's NAME_OR_CODE means (a code itself, or every region of that name)."""
    if is_code(query):
        return [query]
    g = gaz()
    if g is None:
        return []
    return sorted({r.code for r in g.by_name(query)})
