"""Credits and footers glued to the end of a one-line page, cut into lines of their own."""
from __future__ import annotations

from duikou.ingest.page.patterns import INLINE_TAIL, SENTENCE_ENDS, Line, patterns
from duikou.ingest.page.spans import stripped

_BYLINE_REACH = 60  # a glued byline's 记者 lies within this many characters of its sentence's end


def _cuts(s: str, lo: int) -> set[int]:
    """Where a credit or footer starts (and a bracketed credit ends) in ``s[lo:]``."""
    p = patterns()
    cuts = {start for start, _ in p.inline_break.spans(s, lo)}
    cuts.update(m.start() for m in p.inline_links.finditer(s, lo))
    for start, end in p.inline_bracket.spans(s, lo):
        cuts.add(start)
        cuts.add(end)
    j = s.find("记者", lo)
    while j >= 0:  # a byline after the last sentence: tried at that sentence's end only
        at = max(s.rfind(c, max(lo, j - _BYLINE_REACH), j) for c in SENTENCE_ENDS) + 1
        if at > 0 and p.inline_byline.match(s, at):
            cuts.add(at)
        j = s.find("记者", j + 2)
    cuts.discard(0)
    cuts.discard(len(s))
    return cuts


def inline_pieces(line: Line) -> list[Line]:
    """``line`` cut where a credit or footer glued to its end begins (and after a bracketed credit)."""
    start, s = line
    lo = max(0, len(s) - INLINE_TAIL)
    if not patterns().inline_trigger.search(s, lo):  # one literal scan spares the patterns' scan on most lines
        return [line]
    cuts = _cuts(s, lo)
    if not cuts:
        return [line]
    out: list[Line] = []
    prev = 0
    for c in sorted(cuts) + [len(s)]:
        piece = stripped(s, start, prev, c)
        if piece:
            out.append(piece)
        prev = c
    return out
