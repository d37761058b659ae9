"""Character-level normalisation of decoded text, with an offset map back to it.

Order matters: pinyin annotations left by some converters are stripped first
(``發(fā)`` -> ``發``) so that OpenCC sees clean text; then the script is
detected and the text converted to simplified (t2s); then full-width digits
and ASCII letters are folded. Unrepairable mojibake is reported, not guessed.
"""
from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from duikou.ingest.document import OffsetMap, Script
from duikou.ingest.slices import slices

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A parenthesised run of Latin letters with at least one tone-marked vowel; (左二) or (职) never match.
PINYIN_RE = re.compile(rf"[(（][a-zü]*[{_TONE}][a-zü{_TONE}]*[)）]", re.IGNORECASE)
# '?' glued to Latin/pinyin garbage between CJK characters: what a lossy GBK/Big5 round trip leaves.
MOJIBAKE_RE = re.compile(r"(?<=[\u3400-\u9fff])\?[A-Za-z,.;:'\u00c0-\u024f]{1,8}[)）]?(?=[\u3400-\u9fff]|$)")
_FULLWIDTH = {0xFF10 + i: 0x30 + i for i in range(10)}
_FULLWIDTH.update({0xFF21 + i: 0x41 + i for i in range(26)})
_FULLWIDTH.update({0xFF41 + i: 0x61 + i for i in range(26)})
_FULLWIDTH.update({0xFF05: 0x25, 0xFF0E: 0x2E, 0x3000: 0x20, 0x00A0: 0x20})  # ％ ． ideographic/nb space
_FULLWIDTH_RE = re.compile("[０-９Ａ-Ｚａ-ｚ％．\u3000\u00a0]")
SCRIPT_SAMPLE = 400  # characters of the text sampled to decide the script
HANT_RATIO = 0.03  # simplified text changes ~0% under t2s, traditional news text 15-30%


@dataclass
class Normalised:
    text: str
    offsets: OffsetMap  # normalised text -> decoded raw text
    script: Script = "hans"
    problems: list[str] = field(default_factory=list)


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@lru_cache(maxsize=1)
def _t2s() -> _Converter:
    import opencc  # untyped: the converter is given its one method's type here

    converter: _Converter = opencc.OpenCC("t2s")
    return converter


def to_simplified(text: str) -> str:
    """OpenCC t2s (phrase-aware) conversion."""
    return _t2s().convert(text)


def fold_width(text: str) -> str:
    """Full-width digits, ASCII letters, ％ and ． to ASCII; Chinese punctuation untouched. Length-preserving."""
    # One regex scan finds which of the characters occur; str.replace then swaps each in C.
    # (str.translate walks every character through a dict, measured 10x slower; re.sub calls
    # back into Python once per match, and pages often hold dozens of no-break spaces.)
    for ch in set(_FULLWIDTH_RE.findall(text)):
        text = text.replace(ch, chr(_FULLWIDTH[ord(ch)]))
    return text


# Traditional characters: every CJK code point that OpenCC t2s changes on its own, computed from
# OpenCC itself on first use (~30 ms). Lets simplified documents skip the t2s pass.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF))


@lru_cache(maxsize=1)
def traditional_chars() -> frozenset[str]:
    """The characters t2s converts when they stand alone."""
    chars = [chr(c) for a, b in _CJK_RANGES for c in range(a, b + 1)]
    out = to_simplified("\n".join(chars)).split("\n")
    return frozenset(c for c, o in zip(chars, out) if c != o)


def _in_cjk_ranges(c: str) -> bool:
    o = ord(c)
    return any(a <= o <= b for a, b in _CJK_RANGES)


# Whether a character is in traditional_chars(), asked one character at a time: the documents of
# a run hold a few hundred characters outside GB2312, so converting them as they come spares the
# ~30 ms conversion of all ~88,000 CJK code points that traditional_chars() does at start-up.
_TRADITIONAL_MEMO: dict[str, bool] = {}


def _is_traditional(c: str) -> bool:
    """``c in traditional_chars()``, without building the whole set."""
    known = _TRADITIONAL_MEMO.get(c)
    if known is None:
        known = _TRADITIONAL_MEMO[c] = _in_cjk_ranges(c) and to_simplified(c) != c
    return known


@lru_cache(maxsize=1)
def _gb2312_traditional() -> tuple[str, ...]:
    """The GB2312 characters in traditional_chars(), sorted (a handful)."""
    # Every two-byte GB2312 code, decoded: ~7,500 characters to convert instead of all CJK code points.
    codes = bytes(b for hi in range(0xA1, 0xFF) for lo in range(0xA1, 0xFF) for b in (hi, lo))
    chars = sorted({c for c in codes.decode("gb2312", errors="ignore") if _in_cjk_ranges(c)})
    out = to_simplified("\n".join(chars)).split("\n")  # one call, as traditional_chars() converts
    return tuple(c for c, o in zip(chars, out) if c != o)


class _FoundTraditional(Exception):
    pass


def _gb2312_probe(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    if any(map(_is_traditional, exc.object[exc.start:exc.end])):
        raise _FoundTraditional
    return "", exc.end


codecs.register_error("duikou-traditional-probe", _gb2312_probe)


def has_traditional(text: str) -> bool:
    """Whether t2s would change a character of ``text``.

    GB2312 holds simplified characters only, so encoding to it (in C) finds
    candidates fast; the few characters outside it go through the error
    handler, plus the handful of GB2312 characters t2s still converts. Much
    faster than OpenCC itself or a regex class of 4,500 characters (both measured).
    Conversions that only apply to multi-character phrases are not seen:
    a text without any traditional character is taken as simplified.
    """
    if "\xa0" in text:  # no-break spaces (common in scraped pages) would each go through the error handler
        text = text.replace("\xa0", "")
    try:
        text.encode("gb2312", errors="duikou-traditional-probe")
    except _FoundTraditional:
        return True
    return _gb2312_traditional_re().search(text) is not None


@lru_cache(maxsize=1)
def _gb2312_traditional_re() -> re.Pattern[str]:
    """The characters of _gb2312_traditional() as one class: one scan instead of one per character."""
    return re.compile("[" + "".join(map(re.escape, _gb2312_traditional())) + "]" if _gb2312_traditional() else "(?!)")


def _has_pinyin(text: str) -> bool:
    """``PINYIN_RE.search(text) is not None``, trying the pattern only where a parenthesis opens.

    Finding the few parentheses with str.find is much cheaper than letting the regex
    engine test every character of the text (the case-insensitive pattern gets no prefix scan).
    """
    for paren in "(（":
        i = text.find(paren)
        while i >= 0:
            if PINYIN_RE.match(text, i):
                return True
            i = text.find(paren, i + 1)
    return False


def strip_pinyin(text: str) -> tuple[str, OffsetMap]:
    """Remove converter pinyin annotations; the map points stripped positions back into ``text``."""
    if not _has_pinyin(text):
        return text, OffsetMap()
    parts: list[str] = []
    clean, raw = [0], [0]  # breakpoint lists built inline: OffsetMap.add per match was a hot spot
    last = out = 0
    for m in PINYIN_RE.finditer(text):
        start, end = m.span()
        parts.append(text[last:start])
        out += start - last
        last = end
        if clean[-1] == out:
            raw[-1] = end
        else:
            clean.append(out)
            raw.append(end)
    parts.append(text[last:])
    return "".join(parts), OffsetMap(clean, raw)


def detect_script(text: str) -> Script:
    """``hant`` when traditional characters make a noticeable share of a sample's CJK characters."""
    sample = text[:SCRIPT_SAMPLE]
    changed = sum(map(_is_traditional, sample))
    if not changed:
        return "hans"
    cjk = sum(map("\u3400".__le__, sample))  # CJK and beyond; punctuation and Latin fall below
    return "hant" if cjk and changed / cjk >= HANT_RATIO else "hans"


def compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """The map ``outer`` then ``inner`` (dst -> mid -> raw) as one map dst -> raw."""
    if len(inner.clean) == 1 and inner.raw[0] == 0:
        return outer
    oc, orw, ic, ir = outer.clean, outer.raw, inner.clean, inner.raw
    clean: list[int] = []
    raw: list[int] = []
    n, k = len(oc), len(ic)
    for i in range(n):
        c0, m0 = oc[i], orw[i]
        j = bisect_right(ic, m0) - 1
        r0 = m0 if j < 0 else ir[j] + (m0 - ic[j])
        if clean and clean[-1] == c0:
            raw[-1] = r0
        else:
            clean.append(c0)
            raw.append(r0)
        m_end = m0 + (oc[i + 1] - c0) if i + 1 < n else None
        j += 1
        while j < k and (m_end is None or ic[j] < m_end):
            clean.append(c0 + ic[j] - m0)
            raw.append(ir[j])
            j += 1
    return OffsetMap(clean, raw)


def _simplified_keeping_offsets(text: str) -> tuple[str, OffsetMap]:
    """``text`` through t2s, with the map back when a phrase conversion changed the length."""
    conv = to_simplified(text)
    if len(conv) == len(text):  # t2s is one-to-one for practically every input
        return conv, OffsetMap()
    # Rare phrase conversions change length: convert line by line and re-anchor at each line start
    # (positions inside such a line are approximate).
    omap = OffsetMap()
    parts: list[str] = []
    src = dst = 0
    for line in text.split("\n"):
        omap.add(dst, src)
        c = to_simplified(line)
        parts.append(c)
        src += len(line) + 1
        dst += len(c) + 1
    return "\n".join(parts), omap


def _mojibake_hits(text: str) -> list[re.Match[str]]:
    """``list(MOJIBAKE_RE.finditer(text))``, trying the pattern only at each '?'.

    Every match starts with the '?' and holds no other, so this finds the same matches; the
    pattern opens with a lookbehind, which leaves the regex engine no fast scan of its own.
    """
    hits = []
    i = text.find("?")
    while i >= 0:
        m = MOJIBAKE_RE.match(text, i)
        if m is not None:
            hits.append(m)
        i = text.find("?", i + 1)
    return hits


def mojibake_problems(hits: list[tuple[str, int]], replaced: int) -> list[str]:
    """Problem strings for garbage a lossy conversion left behind (each hit: its text and its raw
    position) and for replacement characters; nothing is repaired."""
    problems = []
    if hits:
        shown = ", ".join(f"{run!r}@{pos}" for run, pos in hits[:5])
        more = f" (+{len(hits) - 5} more)" if len(hits) > 5 else ""
        problems.append(f"unrepairable mojibake: {shown}{more}")
    if replaced:
        problems.append(f"{replaced} replacement character(s) (U+FFFD) in the input")
    return problems


@dataclass
class NormalisedSlices:
    """A text normalised slice by slice: the slices joined are :func:`normalise`'s text."""

    slices: list[str]
    offsets: OffsetMap  # the joined text -> the decoded raw text
    script: Script = "hans"
    problems: list[str] = field(default_factory=list)


def _extend(offsets: OffsetMap, local: OffsetMap, at: int, raw_at: int) -> None:
    """Append a slice's map (its text starts at ``at``, its raw text at ``raw_at``) to the whole text's map."""
    for c, r in zip(local.clean, local.raw):
        c, r = c + at, r + raw_at
        if offsets.raw[-1] + (c - offsets.clean[-1]) != r:  # a breakpoint the map implies already is left out
            offsets.add(c, r)


def normalise_pieces(pieces: list[str]) -> NormalisedSlices:
    """Strip pinyin annotations, detect the script, convert to simplified, fold full width: the text of
    ``pieces`` (consumed), a slice at a time (see :mod:`duikou.ingest.slices`)."""
    # t2s also converts phrases of simplified characters (回覆): a text is converted whole or not at all
    traditional = any(map(has_traditional, pieces))  # pinyin annotations hold no CJK character to change this
    out: list[str] = []
    offsets = OffsetMap()
    hits: list[tuple[str, int]] = []
    sample, replaced, at, raw_at = "", 0, 0, 0
    dollar = False  # the last hit matched only at its slice's end ('$' before a final line break)
    for piece in slices(pieces):
        stripped, local = strip_pinyin(piece)
        if len(sample) < SCRIPT_SAMPLE:
            sample += stripped[:SCRIPT_SAMPLE - len(sample)]
        if traditional:
            stripped, conv_map = _simplified_keeping_offsets(stripped)
            local = compose(conv_map, local)
        text = fold_width(stripped)
        del stripped
        _extend(offsets, local, at, raw_at)
        if text:
            if dollar:  # text follows: the slice before did not end the text
                hits.pop()
            found = _mojibake_hits(text) if "?" in text else []
            dollar = bool(found) and text.endswith("\n") and found[-1].end() == len(text) - 1
        else:
            found = []
        hits += [(m.group(), offsets.to_raw(at + m.start())) for m in found]
        replaced += text.count("\ufffd")
        out.append(text)
        at += len(text)
        raw_at += len(piece)
    script = detect_script(sample) if traditional else "hans"
    return NormalisedSlices(out, offsets, script, mojibake_problems(hits, replaced))


def normalise(raw: str) -> Normalised:
    """Strip pinyin annotations, detect the script, convert to simplified, fold full width."""
    n = normalise_pieces([raw])
    return Normalised("".join(n.slices), n.offsets, n.script, n.problems)
