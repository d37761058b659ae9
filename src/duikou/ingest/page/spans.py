"""Parts of a line, cut with one copy: a crawled page may be one line of many megabytes, and
``s[i:].strip()`` copies it two or three times (the slice, then the stripped slice)."""
from __future__ import annotations

from duikou.ingest.page.patterns import Line


def after_space(s: str, i: int) -> int:
    """Where ``s[i:].lstrip()`` starts in ``s``."""
    while i < len(s) and s[i].isspace():
        i += 1
    return i


def skip(s: str, i: int, chars: str) -> int:
    """Where ``s[i:].lstrip(chars)`` starts in ``s``."""
    while i < len(s) and s[i] in chars:
        i += 1
    return i


def stripped(s: str, start: int, i: int = 0, j: int | None = None) -> Line | None:
    """``s[i:j].strip()`` as a line (``s`` starts at offset ``start``), None when nothing is left."""
    j = len(s) if j is None else j
    while i < j and s[i].isspace():
        i += 1
    while j > i and s[j - 1].isspace():
        j -= 1
    return (start + i, s[i:j]) if i < j else None
