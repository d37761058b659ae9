"""Character-level normalisation of decoded text, with an offset map back to it.

Order matters: pinyin annotations left by some converters are stripped first
(``發(fā)`` -> ``發``) so that OpenCC sees clean text; then the script is
detected and the text converted to simplified (t2s); then full-width digits
and ASCII letters are folded. Unrepairable mojibake is reported, not guessed.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from duikou.ingest.document import OffsetMap, Script

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
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
SCRIPT_SAMPLE = 4000  # characters compared before/after t2s to decide the script
HANT_RATIO = 0.03  # simplified text changes ~0% under t2s, traditional news text 15-30%


@dataclass
class Normalised:
    text: str
    offsets: OffsetMap  # normalised text -> decoded raw text
    script: Script = "hans"
    problems: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC t2s (phrase-aware) conversion."""
    return _t2s().convert(text)


def fold_width(text: str) -> str:
    """Full-width digits, ASCII letters, ％ and ． to ASCII; Chinese punctuation untouched. Length-preserving."""
    if _FULLWIDTH_RE.search(text) is None:
        return text
    return text.translate(_FULLWIDTH)


def strip_pinyin(text: str) -> tuple[str, OffsetMap]:
    """Remove converter pinyin annotations; the map points stripped positions back into ``text``."""
    omap = OffsetMap()
    if PINYIN_RE.search(text) is None:
        return text, omap
    parts: list[str] = []
    last = out = 0
    for m in PINYIN_RE.finditer(text):
        parts.append(text[last:m.start()])
        out += m.start() - last
        last = m.end()
        omap.add(out, last)
    parts.append(text[last:])
    return "".join(parts), omap


def detect_script(before: str, after: str) -> Script:
    """``hant`` when t2s changes a noticeable share of the CJK characters of a sample."""
    a, b = before[:SCRIPT_SAMPLE], after[:SCRIPT_SAMPLE]
    cjk = len(_CJK_RE.findall(a))
    if not cjk:
        return "hans"
    changed = sum(1 for x, y in zip(a, b) if x != y)
    return "hant" if changed / cjk >= HANT_RATIO else "hans"


def compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """The map ``outer`` then ``inner`` (dst -> mid -> raw) as one map dst -> raw."""
    if len(inner.clean) == 1 and inner.raw[0] == 0:
        return outer
    out = OffsetMap()
    n = len(outer.clean)
    for i in range(n):
        c0, m0 = outer.clean[i], outer.raw[i]
        out.add(c0, inner.to_raw(m0))
        m_end = m0 + (outer.clean[i + 1] - c0) if i + 1 < n else None
        j = bisect_left(inner.clean, m0 + 1)
        while j < len(inner.clean) and (m_end is None or inner.clean[j] < m_end):
            out.add(c0 + inner.clean[j] - m0, inner.raw[j])
            j += 1
    return out


def _convert_keeping_offsets(text: str) -> tuple[str, OffsetMap]:
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


def find_mojibake(text: str, offsets: OffsetMap) -> list[str]:
    """Problem strings for garbage a lossy conversion left behind; nothing is repaired."""
    problems = []
    if "?" in text:
        hits = list(MOJIBAKE_RE.finditer(text))
        if hits:
            shown = ", ".join(f"{m.group()!r}@{offsets.to_raw(m.start())}" for m in hits[:5])
            more = f" (+{len(hits) - 5} more)" if len(hits) > 5 else ""
            problems.append(f"unrepairable mojibake: {shown}{more}")
    bad = text.count("\ufffd")
    if bad:
        problems.append(f"{bad} replacement character(s) (U+FFFD) in the input")
    return problems


def normalise(raw: str) -> Normalised:
    """Strip pinyin annotations, detect the script, convert to simplified, fold full width."""
    stripped, m1 = strip_pinyin(raw)
    conv, m2 = _convert_keeping_offsets(stripped)
    script = detect_script(stripped, conv)
    text = fold_width(conv)
    offsets = compose(m2, m1)
    return Normalised(text, offsets, script, find_mojibake(text, offsets))
