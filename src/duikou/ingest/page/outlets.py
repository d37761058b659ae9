"""Outlet names in datelines, bylines and credits (某某日报, 某某网 + 客户端, 某某区融媒)."""
from __future__ import annotations

import re

from duikou.ingest import metadata as meta
from duikou.ingest.page.patterns import MIN_TITLE, PRE_EXCLUDED, PRE_MAX, patterns


def only_regions(text: str) -> bool:
    """``text`` is empty or nothing but region names (the place of a dateline, a site banner)."""
    if not text:
        return True
    from duikou.reference.gazetteer import gazetteer  # loaded only for the few candidates that need it

    covered = 0
    for m in gazetteer().find(text):  # by start, longest first at each start
        if m.start == covered:
            covered = m.end
    return covered == len(text)


def starts_with_region(text: str) -> bool:
    from duikou.reference.gazetteer import gazetteer

    return any(m.start == 0 for m in gazetteer().find(text[:8]))


def suffix_split(pre: str) -> int | None:
    """The end of an outlet name at the start of ``pre`` (某某融媒 + place), by its last word."""
    suffixes = patterns().suffixes
    for i in range(2, len(pre) + 1):
        if pre[:i].endswith(suffixes) and only_regions(pre[i:]):
            return i
    return None


def _known_in(pre: str) -> tuple[int, int] | None:
    """A known name near the end of ``pre``, then the place (a region, or a foreign city the table
    lacks, but not the rest of a longer outlet name such as 某网某某新闻)."""
    p = patterns()
    hits = [m for m in p.known.finditer(pre) if len(pre) - m.end() <= 8]
    if not hits:
        return None
    start, end = hits[-1].span()
    before = [k for k in p.known.finditer(pre, 0, start) if k.end() == start]
    if before:  # two names printed together (某报某网): the paper and its site or app
        start = before[-1].start()
    rest = pre[end:]
    ext = next((x for x in p.suffixes if rest.startswith(x) and only_regions(rest[len(x):])), None)
    if ext:  # 某某 + 网 / 客户端 (a known paper's site or app)
        return start, end + len(ext)
    # The place may be a region (北京), a region's edition (北京新闻) or a city the table
    # lacks; but not the rest of a longer name (某网 + 某某新闻), which has no region in it.
    if not rest.endswith(p.suffixes) or starts_with_region(rest):
        return start, end
    return None


def _after_headline(pre: str) -> tuple[int, int] | None:
    """A region name followed by a name ending with an outlet word (某某区融媒), after a headline."""
    from duikou.reference.gazetteer import gazetteer

    starts: list[int] = []
    covered = -1
    for hit in gazetteer().find(pre):
        if hit.start >= covered:
            starts.append(hit.start)
            covered = hit.end
    for at in reversed(starts):
        if at < MIN_TITLE:
            break
        split = suffix_split(pre[at:])
        if split:
            return at, at + split
    return None


def outlet_in(pre: str, at_start: bool) -> tuple[int, int] | None:
    """Where the outlet's name lies in ``pre``, the text before a dateline's date or a byline.

    ``at_start``: ``pre`` begins where the name must begin (a lead's first
    characters); otherwise a headline may be glued in front of the name, which
    is then found as a known outlet or as a region name followed by a name ending
    with an outlet word (某某区融媒, 某某市日报).
    """
    known = _known_in(pre)
    if known:
        return known
    if at_start:
        split = suffix_split(pre)
        return (0, split) if split else None
    return _after_headline(pre)


def clean_outlet(name: str) -> str | None:
    name = name.strip(" -－—|｜丨")
    return name if len(name) >= 2 and name not in meta.outlet_ignore() else None


DASH = "-－–"
_RUN_BEFORE = re.compile(rf"[^{PRE_EXCLUDED}]{{2,{PRE_MAX}}}$")
_DASHED_MAX = 8  # a bare run taken whole as the outlet's name (某某网-栏目名…)
DASHED_LEAD = re.compile(rf"(?P<name>[^{PRE_EXCLUDED}]{{2,{_DASHED_MAX}}})[{DASH}]")


def dashed_outlet(s: str, at: int) -> int | None:
    """Where an outlet's name starts when it ends right before a dash at ``at - 1`` (某某网-栏目 8月1日讯)."""
    if at < 3 or s[at - 1] not in DASH:
        return None
    run = _RUN_BEFORE.search(s, 0, at - 1)
    if run is None:
        return None
    name = run.group()
    if len(name) <= _DASHED_MAX and (patterns().known.fullmatch(name) or suffix_split(name) == len(name)):
        return run.start()
    span = outlet_in(name, False)  # a caption glued before the name
    return run.start() + span[0] if span and span[1] == len(name) else None


_LATE_NAME_MAX = 12


def late_outlet(pre: str) -> tuple[int, int] | None:
    """The outlet's name in the ``pre`` of a dateline printed after a caption: the place cut off its
    end and a caption's credit off its start; a name that starts with a known outlet or ends with an
    outlet's word (某某网时刻 + 某地, 供图 + 某某晚报)."""
    p = patterns()
    m = p.caption_end.match(pre)
    start = m.end() if m and m.end() < len(pre) else 0
    end = len(pre)
    from duikou.reference.gazetteer import gazetteer

    for hit in gazetteer().find(pre[start:]):
        if hit.start >= 2 and only_regions(pre[start + hit.start:]):
            end = start + hit.start
            break
    name = pre[start:end]
    if not 2 <= len(name) <= _LATE_NAME_MAX:
        return None
    if p.known.match(name) or name.endswith(p.suffixes):
        return start, end
    return None


_STATIONED = re.compile(r"驻[\u4e00-\u9fff]{1,6}$")


def credit_outlet(text: str) -> str | None:
    """The outlet named in a credit: ``作者：某某报记者 甲`` or a known outlet before ``记者``."""
    p = patterns()
    for m in p.credit_outlet.finditer(text):
        name = _STATIONED.sub("", m.group("name"))  # 某某报驻京记者
        k = list(p.known.finditer(name))
        if k and k[0].start() >= 2 and suffix_split(name[k[0].start():]) == len(name) - k[0].start():
            name = name[k[0].start():]  # 通讯员 甲乙某某晚报/某某新闻记者: a name glued before the outlet
            k = list(p.known.finditer(name))
        if k and k[-1].end() == len(name):
            start = k[-1].start()
            if len(k) > 1 and k[-2].end() == start:  # a paper's app or site named after it (某某日报某某新闻)
                start = k[-2].start()
            return name[start:]
        end = suffix_split(name)
        if end == len(name):
            return clean_outlet(name)
    return None


_SLASH = re.compile(r"\s*[/／]\s*")


def primary_outlet(name: str) -> str:
    """One outlet out of ``甲报/乙新闻`` (a paper and its app credited together): the first one.

    The part before a slash may also be a credit's role (摄影/某某报, 文、图/某某网): then the
    outlet is what follows it.
    """
    parts = [x for x in _SLASH.split(name) if x]
    if len(parts) < 2:
        return name
    p = patterns()
    for part in parts:
        if p.known.fullmatch(part) or suffix_split(part) == len(part):
            return part
    return parts[-1]


def is_byline_credit(line: str) -> bool:
    """A short line that only credits reporters of a named outlet (甲 乙 某某日报记者 丙, after the text)."""
    return len(line) <= 80 and not any(c in line for c in "。，,；;！？!?“”") and "记者" in line \
        and credit_outlet(line) is not None
