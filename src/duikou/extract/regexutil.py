"""Faster scanning with big alternations: a lookahead of the characters a match can start with.

Python's ``re`` tries every alternative of a pattern like ``(?:代表团|考察团…)…|率…赴|赴…考察``
at every position of the text. Prefixing ``(?=[代考率赴…])`` lets it reject most positions
with one set test. The set is computed from the parsed pattern; where it cannot be
(a pattern that may start with any character or match empty), the pattern is used as is.
Measured on the event triggers over the seed reports: about 3x fewer seconds per scan.
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as sre_c, _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]


class _Open(Exception):
    """The pattern can start with any character, or match the empty string."""


def _first(items: list) -> tuple[set[str], bool]:  # type: ignore[type-arg]
    """First characters of a sequence of parsed items, and whether the sequence can be empty."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_item(op, av)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_item(op, av) -> tuple[set[str], bool]:  # type: ignore[no-untyped-def]
    if op is sre_c.LITERAL:
        return {chr(av)}, False
    if op is sre_c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is sre_c.LITERAL:
                chars.add(chr(iav))
            elif iop is sre_c.RANGE and iav[1] - iav[0] < 64:
                chars |= {chr(c) for c in range(iav[0], iav[1] + 1)}
            else:
                raise _Open
        return chars, False
    if op is sre_c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            c, n = _first(list(alt))
            out |= c
            nullable |= n
        return out, nullable
    if op is sre_c.SUBPATTERN:
        return _first(list(av[-1]))
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
        lo, _, sub = av
        c, n = _first(list(sub))
        return c, n or lo == 0
    if op in (sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.AT):
        return set(), True
    raise _Open


def first_chars(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` can start with, or None when any can (or none is needed)."""
    try:
        chars, nullable = _first(list(sre_parse.parse(pattern)))
    except _Open:
        return None
    return None if nullable or not chars else chars


def prefiltered(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled with a lookahead of its possible first characters, when they are known."""
    chars = first_chars(pattern)
    if chars is None:
        return re.compile(pattern, flags)
    cls = "".join(sorted(re.escape(c) if c in "\\]^-" else c for c in chars))
    return re.compile(f"(?=[{cls}])(?:{pattern})", flags)
