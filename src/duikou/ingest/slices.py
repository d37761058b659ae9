"""A long text in slices: normalised one slice at a time, never as one string beside its copies.

A slice ends after a line break or, in a long line, after a sentence or clause mark or a space.
None of these characters is in a pinyin annotation, in a key of OpenCC's t2s dictionaries
(checked against them: no key holds an ASCII character, CJK punctuation or a full-width form),
in a mojibake run or in the CJK range the mojibake pattern looks around for: a cut after one
splits no annotation, phrase or run, so normalising slice by slice gives the text's own result.
"""
from __future__ import annotations

from collections.abc import Iterator

SLICE_CHARS = 1 << 18  # ~0.5-1 MB a slice: its copies while it is normalised are small
_CUT_AFTER = ("\n", "。", "！", "？", "；", "，", " ")


def _cut(text: str, lo: int, hi: int) -> int:
    """Where a slice in ``text[lo:hi]`` may end: after its last line break, else after its last other cut
    character; -1 when it holds none."""
    at = text.rfind("\n", lo, hi)
    if at < 0:
        at = max(text.rfind(c, lo, hi) for c in _CUT_AFTER[1:])
    return at + 1 if at >= 0 else -1


def _next_cut(text: str, lo: int) -> int:
    """After the first cut character from ``lo`` on; -1 when none follows."""
    found = [i for i in (text.find(c, lo) for c in _CUT_AFTER) if i >= 0]
    return min(found) + 1 if found else -1


def slices(pieces: list[str], size: int = SLICE_CHARS) -> Iterator[str]:
    """The text of ``pieces`` again, in slices of about ``size`` characters (longer only where no cut
    character comes for that long). ``pieces`` is consumed: each is dropped once it is sliced."""
    pieces.reverse()
    carry = ""
    searched = 0  # the carry holds no cut character before this (not searched twice: a text without any stays linear)
    while pieces:
        text = carry + pieces.pop()
        start = 0
        while len(text) - start > size:
            end = _cut(text, start + 1, start + size) if start + size > searched else -1
            if end < 0:
                end = _next_cut(text, max(start + size, searched))
                if end < 0 or end == len(text):
                    break
            yield text[start:end]
            start = end
        carry = text[start:]
        searched = len(carry) if len(text) - start > size else 0
        del text
    if carry:
        yield carry
