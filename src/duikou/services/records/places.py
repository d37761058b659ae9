"""A region cell (帮扶方: 溧阳市, 江苏省常州市溧阳市, 320481) as its code, through the one gazetteer
(:func:`duikou.reference.regions.gaz`), the way the extractor reads a name: an ancestor written before
it (常州市溧阳市), else the other side of the pairing, else the province, decides between units of one
name (鼓楼区); a name that stays ambiguous or is nobody's is an error naming it."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Sequence

from duikou.errors import ConfigError
from duikou.reference import regions
from duikou.reference.codes import is_code, province_code
from duikou.services.records.values import CellError

_SEPARATORS = re.compile(r"[\s·•,，、/]+")


def resolve(said: str, context: Sequence[str] = (), year: int | None = None) -> str:
    """The code of the region ``said`` names; ``context`` codes (the other side, the pairing given) and
    the row's ``year`` decide between units of one name. Raises :class:`CellError`."""
    return _said(said, tuple(context), year)


@lru_cache(maxsize=4096)  # every row of a long 台账 names the same few regions
def _said(said: str, context: tuple[str, ...], year: int | None) -> str:
    return _resolve(_SEPARATORS.sub("", said), tuple(sorted({c for c in context if c})), year)


@lru_cache(maxsize=4096)
def _resolve(name: str, context: tuple[str, ...], year: int | None) -> str:
    g = regions.gaz()
    if g is None:
        if is_code(name):
            return name
        raise CellError(f"{name!r}: region names cannot be read without the region data (give codes)")
    if is_code(name):
        if g.get(name) is None:
            raise CellError(f"{name!r} is no region code")
        return name
    cands = _candidates(name)
    if not cands:
        raise CellError(f"unknown region {name!r}")
    cands = _in_force(cands, year)
    if len(cands) > 1 and context:
        provinces = {province_code(x) for x in context}
        for hit in ([c for c in cands if any(_related(c, x) for x in context)],
                    [c for c in cands if province_code(c) in provinces]):
            if len(hit) == 1:
                return hit[0]
    if len(cands) > 1:
        names = "、".join(f"{_full(c)} {c}" for c in cands[:6])
        raise CellError(f"{name!r} names several regions ({names}): write the prefecture or province before it, "
                        "or the code")
    return cands[0]


def _candidates(name: str) -> list[str]:
    """The units ``name`` may be: by the whole name, else by its last part under the part before it
    (江苏省常州市溧阳市: 溧阳市 within 常州市 within 江苏省)."""
    g = regions.gaz()
    assert g is not None
    whole = sorted({r.code for r in g.by_name(name)})
    if whole:
        return whole
    for cut in range(1, len(name)):
        head, tail = name[:cut], name[cut:]
        tails = sorted({r.code for r in g.by_name(tail)})
        if not tails:
            continue
        heads = _candidates(head)
        inside = [c for c in tails if any(h in _chain(c) for h in heads)]
        if inside:
            return inside
    return []


def _in_force(codes: list[str], year: int | None) -> list[str]:
    """Of a former unit and the unit that took it over (both named alike), the one of the row's year
    (today's without a year)."""
    g = regions.gaz()
    out = list(codes)
    for c in codes:
        r: Any = g.get(c) if g is not None else None
        successor, until = getattr(r, "successor", None), getattr(r, "until", None)
        if successor and successor in codes and c in out and successor in out:
            out.remove(c if year is None or until is None or year > until else successor)
    return out


def _chain(code: str) -> tuple[str, ...]:
    """``code`` and its ancestors, nearest first."""
    g = regions.gaz()
    out = [code]
    r = g.get(code) if g is not None else None
    while r is not None and r.parent and r.parent not in out:
        out.append(r.parent)
        r = g.get(r.parent) if g is not None else None
    return tuple(out)


def _related(a: str, b: str) -> bool:
    return a in _chain(b) or b in _chain(a)


def _full(code: str) -> str:
    """The unit's name with its ancestors' (江苏省南京市鼓楼区)."""
    return "".join(regions.name(c) or c for c in reversed(_chain(code)))


def pairing_codes(value: Any) -> tuple[str | None, str | None]:
    """``HELPER:RECIPIENT`` (names or codes; a mapping's {helper:, recipient:} too) as codes."""
    if value is None:
        return None, None
    if isinstance(value, dict):
        value = (value.get("helper"), value.get("recipient"))
    if isinstance(value, str):
        parts = value.replace("：", ":").replace("→", ":").split(":")
        if len(parts) != 2:
            raise ConfigError(f"--pairing {value!r}: write HELPER:RECIPIENT (names or codes, e.g. 溧阳市:略阳县)")
        value = tuple(parts)
    out: list[str] = []
    for i, said in enumerate(value):
        if not said or not str(said).strip():
            raise ConfigError(f"--pairing: the {'helper' if i == 0 else 'recipient'} is missing (HELPER:RECIPIENT)")
        try:
            out.append(resolve(str(said).strip(), out))
        except CellError as err:
            raise ConfigError(f"--pairing: {err}") from None
    return out[0], out[1]


def clear_cache() -> None:
    """Forget resolved names (a test swaps the gazetteer)."""
    _resolve.cache_clear()
    _said.cache_clear()
