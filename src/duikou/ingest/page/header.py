"""A crawled page's header and the headline glued to its lead.

A crawler stores a page as one line: ``<date time, 来源…>，正文：原标题：<headline><lead…>``.
These functions take the header (its date is the page's) and the headline off the
line; the headline's end is found from the cues that start a lead.
"""
from __future__ import annotations

import re
from datetime import date

from duikou.ingest import metadata as meta
from duikou.ingest.page.outlets import outlet_in
from duikou.ingest.page.patterns import MAX_TITLE, MIN_TITLE, RUN, TITLE_WINDOW, Line, datelines, patterns
from duikou.ingest.page.spans import after_space, stripped

_SHORT_YEAR = re.compile(r"(?<!\d)(\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")  # 23-07-26 22:00
_GLUED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})/(\d{2})")  # 202307/21 07:57
_RUN_END = re.compile(rf"{RUN}*$")
_OPENING = "【（([《“\"'"  # brackets and quotes that open a lead (【某某报记者 甲】…)


def header_date(header: str) -> str | None:
    """The publication date in a crawler header; a date without its year gives none."""
    found = meta.parse_date(header)
    if found:
        return found
    for rx, century in ((_GLUED_YEAR, 0), (_SHORT_YEAR, 2000)):
        m = rx.search(header)
        if m:
            try:
                return date(int(m.group(1)) + century, int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None


def split_crawl_header(line: Line) -> tuple[str, Line | None] | None:
    """``(header, rest of the line)`` when ``line`` opens with a crawler header (``…，正文：``)."""
    start, s = line
    m = patterns().crawl_header.match(s)
    if not m:
        return None
    rest = s[m.end():]
    return m.group("header"), ((start + m.end(), rest) if rest and not rest.isspace() else None)


def _repeated_title(rest: str) -> tuple[int, int] | None:
    """The headline printed twice or more (``T T lead``, ``T。T。T。lead``): (end of T, start of the lead)."""
    head = rest[:MIN_TITLE]
    stop = TITLE_WINDOW + MIN_TITLE  # a headline's repeat starts within the window: no scan beyond
    k = rest.find(head, MIN_TITLE, stop)
    while 0 <= k <= TITLE_WINDOW:
        title = rest[:k].rstrip()
        if rest.startswith(title, k):
            lead = k + len(title)
            while rest.startswith(title, after_space(rest, lead)):
                lead = after_space(rest, lead) + len(title)
            return len(title.rstrip("。 ")), lead
        k = rest.find(head, k + 1, stop)
    return None


def split_repeated_title(line: Line) -> tuple[Line, Line | None] | None:
    """``(headline, lead)`` of a line opening with its headline printed twice or more; None otherwise."""
    start, s = line
    rep = _repeated_title(s)
    if rep is None:
        return None
    end, lead = rep
    title = s[:end]
    if end < MIN_TITLE + 2 or any(c in title for c in "。！？!?；;"):
        return None
    return (start, title), stripped(s, start, lead)


def _dateline_cut(window: str) -> int | None:
    """Where the first dateline with an outlet's name in ``window`` begins its name."""
    p = patterns()
    for m in datelines(window):
        pre = m.group("pre")
        # Any known name marks where the headline ends (some.网 + its edition's name included).
        known = [k for k in p.known.finditer(pre) if len(pre) - k.end() <= 8]
        span = (known[-1].start(), known[-1].end()) if known else outlet_in(pre, m.start() == 0)
        if known and len(known) > 1 and known[-2].end() == known[-1].start():
            span = (known[-2].start(), known[-1].end())  # two names printed together (某报某网讯)
        if span:
            return m.start() + span[0]
    return None


def _byline_cut(window: str) -> int | None:
    """Where a byline (某某客户端 | 记者 甲) after the headline begins."""
    m = patterns().byline.search(window, MIN_TITLE)
    if not m:
        return None
    at = m.start()
    before = window[:at].rstrip(" |｜丨")  # 某某客户端 | 记者
    run = _RUN_END.search(before)
    pre = run.group() if run else ""
    cut = len(before) - len(pre) if pre else at
    span = outlet_in(pre, False) if pre else None
    return cut + span[0] if span else at


def title_end(rest: str) -> tuple[int, int] | None:
    """Where the headline after ``原标题：`` ends and its lead begins, or None when no cue says."""
    rep = _repeated_title(rest)
    if rep:
        return rep
    p = patterns()
    window = rest[:TITLE_WINDOW]
    cues: list[tuple[int, int]] = []  # (headline end, lead start)
    m = p.gap.search(window, MIN_TITLE)
    if m:
        cues.append((m.start(), m.end()))
    for cut in (_dateline_cut(window), _byline_cut(window)):
        if cut is not None:
            cues.append((cut, cut))
    for rx in (p.opener, p.quote_lead):
        m = rx.search(window, MIN_TITLE)
        if m:
            cues.append((m.start(), m.start()))
    # The earliest cue wins (the first offered on a tie).
    best: tuple[int, int] | None = None
    for end, lead in cues:
        if MIN_TITLE <= end <= MAX_TITLE and (best is None or end < best[0]):
            best = (end, lead)
    if best is None:
        return None
    end, lead = best
    return len(rest[:end].rstrip()), lead


def split_original_title(line: Line) -> tuple[Line | None, Line | None] | None:
    """``(headline, lead)`` of a line opening with ``原标题：``; None when the line does not.

    The headline is None when no cue shows where it ends (the text then stays in the body).
    """
    start, s = line
    m = patterns().original_title.match(s)
    if not m:
        return None
    rest = s[m.end():]
    base = start + m.end()
    cut = title_end(rest)
    if cut is None and len(rest) <= MAX_TITLE and "。" not in rest:
        return (base, rest), None  # the headline alone on its line
    if cut is None:
        return None, (base, rest)
    end, lead = cut
    trimmed = rest[:end].rstrip(_OPENING + " |｜丨")
    opening = [i for i in range(len(trimmed), end) if rest[i] in _OPENING]
    if opening:  # an opening bracket or quote belongs to the lead (【某某报记者 甲】…)
        lead = opening[0]
    end = len(trimmed)
    if "。" in trimmed or len(trimmed) < MIN_TITLE:  # the cue was too late: a headline has no full stop
        return None, (base, rest)
    return (base, rest[:end]), stripped(rest, base, lead)
