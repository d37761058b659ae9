"""The lead's dateline or byline: metadata (outlet, authors), never content.

A lead often opens with a dateline (``某某网北京7月2日电 (记者 甲)``, ``某某日报讯``,
``某某网消息（新闻联播）：``) or a byline (``某某客户端 | 记者 乙``); a photo caption may
come before the dateline. :func:`strip_lead` tries each shape in turn.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from duikou.ingest import metadata as meta
from duikou.ingest.page.outlets import (
    DASH, DASHED_LEAD, clean_outlet, credit_outlet, dashed_outlet, late_outlet, only_regions, outlet_in,
    starts_with_region)
from duikou.ingest.page.patterns import NAME, Line, patterns
from duikou.ingest.page.spans import skip, stripped

_NAME_RE = re.compile(NAME)
_NAME_SPLIT = re.compile(r"[\s、,，/]+")
_CAPTION_CLOSE = "。！？!?）)】 "
_LATE_SCAN = 300  # a dateline after a caption starts within the lead's first characters
_REST_STRIP = " :：，,"


@dataclass
class Lead:
    """What a lead's opening says about the page, and the lead without it."""

    line: Line | None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    meta: str = ""
    more: list[Line] = field(default_factory=list)  # the lead's text after a dateline cut out of it


def _names(text: str) -> list[str]:
    return [t for t in _NAME_SPLIT.split(text) if _NAME_RE.fullmatch(t)]


def _rest(start: int, s: str, end: int) -> Line | None:
    """The lead's text after its opening ``s[:end]``, as a line (None when nothing is left)."""
    at = skip(s, end, _REST_STRIP)
    return (start + at, s[at:]) if at < len(s) else None


def _name_ends(s: str, pos: int, size: int) -> list[int]:
    """Possible lengths of the name at ``pos`` (``size`` characters of name characters), surest first."""
    p = patterns()
    # The last name may be glued to the lead: a lead opener right after a name is the surest
    # sign of its end (甲乙近日，…), then a region (甲乙 + 某某省…), a space, quote, bracket or digit.
    ends = [n for n in range(2, size + 1) if p.opener.match(s, pos + n)]
    ends += [n for n in range(2, size) if starts_with_region(s[pos + n:pos + n + 8])]
    ends += [n for n in range(size, 1, -1) if pos + n == len(s) or s[pos + n].isspace()
             or s[pos + n] in "“\"(（，,、" or s[pos + n].isdigit() or s.startswith(p.byline_name_ends, pos + n)]
    return ends


def _byline_end(s: str, pos: int) -> tuple[int, list[str]] | None:
    """The end of the names after ``记者`` at ``pos``: up to a space, quote, bracket or lead opener."""
    names: list[str] = []
    p = patterns()
    while True:
        m = _NAME_RE.match(s, pos)
        if not m:
            return (pos, names) if names else None
        ends = _name_ends(s, pos, len(m.group()))
        if not ends:
            return (pos, names) if names else None
        names.append(s[pos:pos + ends[0]])
        pos += ends[0]
        j = p.byline_joiner.match(s, pos)
        if not j or not _NAME_RE.match(s, j.end()) or p.opener.match(s, j.end()):
            return pos, names
        pos = j.end()


def _opening_dateline(start: int, s: str) -> Lead | None:
    """某某网北京7月2日电（记者 甲）… or 某某网-栏目名 + place + date 讯 at the lead's start."""
    p = patterns()
    m = p.dateline.match(s)
    dashed = None
    if m is None and (d := DASHED_LEAD.match(s)) and dashed_outlet(s, d.end()) == 0:
        m = p.dateline.match(s, d.end())  # the outlet before the dash
        dashed = d.group("name") if m else None
    if m is None:
        return None
    span = outlet_in(m.group("pre"), True) if dashed is None else (0, 0)
    b = p.bracket_credit.match(s, m.end())
    if span is None and b and m.group().endswith("讯") and len(m.group("pre")) <= 12 \
            and p.reporter.search(b.group("credit")):
        span = (0, len(m.group("pre")))  # 某某讯（记者 甲）: a credit in brackets confirms the dateline
    if not span:
        return None
    end = m.end()
    authors: list[str] = []
    if b:
        authors = meta.find_authors(b.group("credit")) or _names(b.group("credit"))
        end = b.end()
    outlet = dashed or clean_outlet(m.group("pre")[span[0]:span[1]])
    return Lead(_rest(start, s, end), outlet, authors, s[:end])


def _bracket_byline(start: int, s: str) -> Lead | None:
    """【某某报特约记者 甲 乙】 opening the lead."""
    m = patterns().bracket_byline.match(s)
    if not m:
        return None
    credit = m.group("credit")
    return Lead(_rest(start, s, m.end()), credit_outlet(credit), _names(credit.split("记者")[-1]), s[:m.end()])


def _opening_byline(start: int, s: str) -> Lead | None:
    """(某某客户端 |) 记者 甲 乙 opening the lead."""
    m = patterns().byline_at.match(s)
    found = _byline_end(s, m.end()) if m else None
    if m is None or found is None:
        return None
    end, names = found
    outlet = None
    if m.group("pre"):
        span = outlet_in(m.group("pre"), True)
        outlet = clean_outlet(m.group("pre")[span[0]:span[1]]) if span else None
    return Lead(_rest(start, s, end), outlet, names, s[:end])


def _late_known_dateline(start: int, s: str) -> Lead | None:
    """A known outlet's dated dateline later in the opening (after a photo caption): the outlet only."""
    p = patterns()
    head = s[:_LATE_SCAN]
    for m in p.dateline.finditer(head) if "日电" in head else ():
        if not m.group("date"):
            continue
        known = list(p.known.finditer(m.group("pre")))
        if not known or not only_regions(m.group("pre")[known[-1].end():]):
            continue
        # Cut it out: its date is the report's, never an event's.
        cut = m.start("pre") + known[-1].start()
        end = m.end()
        b = p.bracket_credit.match(s, end)
        authors = _names(b.group("credit").replace("记者", " ")) if b else []
        end = b.end() if b else end
        before = (start, s[:cut].rstrip()) if s[:cut].strip() else None
        after = stripped(s, start, end)
        more = [after] if after else []
        return Lead(before, known[-1].group(), authors, s[cut:end], more)
    return None


def _late_dateline_outlet(s: str, m: re.Match[str]) -> tuple[int, str] | None:
    """(start, name) of the outlet of a dateline ``m`` printed after a caption, or None."""
    if s[m.start() - 1] in DASH:  # 某某网-栏目名 + place + date 讯
        dash = dashed_outlet(s, m.start())
        return (dash, s[dash:m.start() - 1]) if dash is not None else None
    if s[m.start() - 1] in _CAPTION_CLOSE:  # the caption's last sentence or credit ends right before
        span = late_outlet(m.group("pre"))
        return (m.start("pre") + span[0], m.group("pre")[span[0]:span[1]]) if span else None
    return None


def _late_credited_dateline(start: int, s: str) -> Lead | None:
    """A dated 讯 with a reporter's credit after a photo caption (图为…。某某网某地8月1日讯（通讯员 甲））."""
    p = patterns()
    head = s[:_LATE_SCAN]
    for m in p.dateline.finditer(head) if "日讯" in head else ():
        b = p.bracket_credit.match(s, m.end())
        if m.start() == 0 or not m.group("date") or not m.group().endswith("讯") or not b \
                or not p.reporter.search(b.group("credit")):
            continue
        found = _late_dateline_outlet(s, m)
        if found is None:
            continue
        cut, name = found
        at = skip(s, b.end(), _REST_STRIP)
        before = (start, s[:cut].rstrip()) if s[:cut].strip() else None
        more = [(start + at, s[at:])] if at < len(s) else []
        authors = meta.find_authors(b.group("credit")) or _names(b.group("credit"))
        return Lead(before, clean_outlet(name), authors, s[cut:b.end()], more)
    return None


# The shapes of a lead's opening, tried in this order: the first that fits wins.
_SHAPES: tuple[Callable[[int, str], Lead | None], ...] = (
    _opening_dateline, _bracket_byline, _opening_byline, _late_known_dateline, _late_credited_dateline)


def strip_lead(line: Line) -> Lead:
    """Take a dateline or a byline off the start of the lead paragraph."""
    start, s = line
    for shape in _SHAPES:
        found = shape(start, s)
        if found is not None:
            return found
    return Lead(line)
