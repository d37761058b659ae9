"""Shapes of real news pages around the article text.

A crawler stores a page as one line: ``<date time, 来源…>，正文：原标题：<headline><lead…>``
with the site's credits and footer glued to the end. A lead often opens with a
dateline (``某某网北京7月2日电 (记者 甲)``, ``某某日报讯``, ``某某网消息（新闻联播）：``)
or a byline (``某某客户端 | 记者 乙``). This module finds those parts so that the
layout (:mod:`duikou.ingest.clean`) can keep them out of the article body: they
are metadata (publication date, outlet, authors), never content.

Everything works on (start offset, text) pairs so that pieces keep pointing at
the normalised input. Vocabulary (known outlets, name suffixes, lead openers)
lives in ``data/page_metadata.yaml``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from duikou.reference import vocab
from duikou.ingest import metadata as meta

Line = tuple[int, str]

# A run of characters that can be part of one name (no space, punctuation or bracket).
_RUN = r"[^\s，,。；;：:、（()）“”\"'|｜丨!！?？…《》<>【】\[\]·•-]"
_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,3}"
_DATE = r"(?=\d)(?:(?:19|20)\d{2}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日"
# An outlet's name before a dateline: a run, a middle dot allowed (某某网·某某客户端).
_PRE_EXCLUDED = r"\s，,。；;：:、（()）“”\"'|｜丨!！?？…《》<>【】\[\]•\-－–"
_PRE_MAX = 40
_PRE = rf"[^{_PRE_EXCLUDED}]{{2,{_PRE_MAX}}}?"
# A dateline after its ``pre``: 7月2日电, 讯, 消息（新闻联播）：
_DATELINE_TAIL = (rf"\s*(?:(?P<date>{_DATE})\s*(?:电|讯|消息|报道)"
                  rf"|讯(?=[\s（(:：，,]|\d|$)|消息\s*(?:[(（][^()（）]{{1,10}}[)）])?\s*[:：])")
_NOT_PRE = re.compile(rf"[{_PRE_EXCLUDED}]")
_TAIL_ANCHOR = re.compile(r"[\d讯消]")  # a tail's first character after its spaces
MIN_TITLE = 4
MAX_TITLE = 100
TITLE_WINDOW = 160  # a headline glued to its lead ends within this many characters
INLINE_TAIL = 600  # credits and footers glued to a one-line page sit in its last characters
INLINE_LINES = 3  # ... of its last lines
_SENTENCE_ENDS = "。！？!?…”」"


@dataclass(frozen=True)
class _Patterns:
    crawl_header: re.Pattern[str]
    original_title: re.Pattern[str]
    known: re.Pattern[str]
    suffixes: tuple[str, ...]
    opener: re.Pattern[str]
    dateline: re.Pattern[str]
    dateline_tail: re.Pattern[str]  # what follows a dateline's outlet and place (``pre``)
    byline: re.Pattern[str]
    byline_at: re.Pattern[str]
    quote_lead: re.Pattern[str]
    gap: re.Pattern[str]
    bracket_credit: re.Pattern[str]
    bracket_byline: re.Pattern[str]
    credit_outlet: re.Pattern[str]
    inline_trigger: re.Pattern[str]
    inline_break: _TailScan
    inline_bracket: _TailScan
    inline_byline: re.Pattern[str]
    inline_links: re.Pattern[str]


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` factored by common prefixes, longest match first.

    Python's re tries every branch of a flat alternation at each position; a
    factored one tries a branch only when its first character is there.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


_LOOKBEHIND = re.compile(r"\(\?<=\[(?:\\.|[^\]\\])*\]\)")


def _lookbehind_groups(patterns: list[str]) -> list[tuple[str, str]]:
    """``patterns`` as groups of neighbours opening with the same one-class lookbehind:
    ``(lookbehind or "", alternation of the rest)``, in order."""
    groups: list[tuple[str, list[str]]] = []  # (shared lookbehind or "", bodies)
    for p in patterns:
        m = _LOOKBEHIND.match(p)
        head, body = (m.group(), p[m.end():]) if m else ("", p)
        if head and groups and groups[-1][0] == head:
            groups[-1][1].append(body)
        else:
            groups.append((head, [body]))
    return [(head, "|".join(f"(?:{b})" for b in bodies)) for head, bodies in groups]


def _factor_lookbehinds(patterns: list[str]) -> str:
    """The alternation of ``patterns``, neighbours opening with the same one-class lookbehind sharing it.

    ``(?<=[。！？])A|(?<=[。！？])B`` becomes ``(?<=[。！？])(?:A|B)``: the same matches in the same
    order, but the regex engine tests the lookbehind once per position instead of once per
    alternative (the credit and footer patterns scan every page's last lines: ~5x faster).
    """
    return "|".join(f"{head}(?:{body})" for head, body in _lookbehind_groups(patterns))


class _TailScan:
    """The spans of ``re.compile(_factor_lookbehinds(patterns)).finditer(s, pos)``, found faster.

    A group opening with a lookbehind ``(?<=[X])`` makes the regex engine enter the pattern
    at every position. Scanned instead as ``[X](?=(?P<body>...))`` (it opens with a class, so
    the engine skips in C to the next X character) it yields every position where the group
    matches, each with its end; a group without a lookbehind is searched as it is. The spans of
    finditer follow: from ``pos``, the leftmost start of any group (the first group on a tie, as
    the alternation tries them in order), then on from its end. ~2x faster on page tails.
    """

    def __init__(self, patterns: list[str]):
        self.plain = re.compile(_factor_lookbehinds(patterns))
        self.groups: list[tuple[bool, re.Pattern[str]]] = []  # (opens with a lookbehind, scanner)
        for head, body in _lookbehind_groups(patterns):
            if head:
                self.groups.append((True, re.compile(f"[{head[5:-2]}](?=(?P<body>{body}))")))
            else:
                self.groups.append((False, re.compile(body)))

    def spans(self, s: str, pos: int) -> list[tuple[int, int]]:
        # Per group, its candidate spans in order: every start for a lookbehind group (the scan
        # consumes only the lookbehind's character), finditer's matches for the others (re-searched
        # from a later position when a chosen span skips past one of them).
        pending: list[list[tuple[int, int]]] = []
        for behind, rx in self.groups:
            if behind:
                pending.append([m.span("body") for m in rx.finditer(s, max(0, pos - 1)) if m.start("body") >= pos])
            else:
                m = rx.search(s, pos)
                pending.append([m.span()] if m else [])
        out: list[tuple[int, int]] = []
        nxt = pos
        heads = [0] * len(pending)
        while True:
            best = None
            for g, (behind, rx) in enumerate(self.groups):
                cands = pending[g]
                k = heads[g]
                while k < len(cands) and cands[k][0] < nxt:
                    k += 1
                heads[g] = k
                if k == len(cands) and not behind and cands:  # its match was skipped past: search on
                    m = rx.search(s, nxt)
                    cands[:] = [m.span()] if m else []
                    heads[g] = k = 0
                if k < len(cands) and (best is None or cands[k][0] < best[0]):
                    best = cands[k]
            if best is None:
                return out
            if best[0] == best[1]:  # an empty match: finditer's own rules for those, from the start
                return [m.span() for m in self.plain.finditer(s, pos)]
            out.append(best)
            nxt = best[1]


@lru_cache(maxsize=1)
def _p() -> _Patterns:
    data = vocab.load("page_metadata")
    boiler = vocab.load("boilerplate")
    ranks = f"(?:{meta.alternation(data['byline_ranks'])})"
    known = _trie(data["outlets"])
    return _Patterns(
        crawl_header=re.compile(data["crawl_header"]),
        original_title=re.compile(data["original_title"]),
        known=re.compile(known),
        suffixes=meta.outlet_suffixes(),
        opener=re.compile("|".join(f"(?:{p})" for p in data["lead_openers"])),
        # 某某网北京7月2日电 / 某某日报讯（ / 某某网消息（新闻联播）：
        dateline=re.compile(rf"(?P<pre>{_PRE}){_DATELINE_TAIL}"),
        dateline_tail=re.compile(_DATELINE_TAIL),
        # (某某客户端 |) (首席)记者 甲 (乙)
        byline=re.compile(rf"{ranks}?记者\s*[|｜丨:：]?\s*(?={_NAME})"),
        byline_at=re.compile(rf"^(?:(?P<pre>{_RUN}{{2,16}}?)\s*[|｜丨]?\s*)?{ranks}?记者\s*[|｜丨:：]?\s*"),
        quote_lead=re.compile(r"“[^“”]{2,80}?[，,。！？!?…][^“”]{2,120}?”"),
        gap=re.compile(r"\s{2,}"),
        bracket_credit=re.compile(r"\s*[(（](?P<credit>[^()（）。，,；;]{2,40})[)）]"),
        bracket_byline=re.compile(r"[【\[](?P<credit>[^】\]。，,；;]{0,30}记者[^】\]。，,；;]{1,30})[】\]]"),
        credit_outlet=re.compile(rf"(?:^|[\s:：(（|｜丨■])(?P<name>{_RUN}{{2,16}}?){ranks}?记者"),
        inline_trigger=re.compile(_trie(boiler["inline_triggers"])),
        inline_break=_TailScan(boiler["inline_breaks"]),
        inline_bracket=_TailScan(boiler["inline_bracket_credits"]),
        inline_byline=re.compile(boiler["inline_byline"]),
        inline_links=re.compile(_trie(boiler["inline_links"])),
    )


# --- dates -------------------------------------------------------------------------------

_SHORT_YEAR = re.compile(r"(?<!\d)(\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")  # 23-07-26 22:00
_GLUED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})/(\d{2})")  # 202307/21 07:57


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


# --- outlet names ------------------------------------------------------------------------

def _only_regions(text: str) -> bool:
    """``text`` is empty or nothing but region names (the place of a dateline)."""
    if not text:
        return True
    from duikou.reference.gazetteer import gazetteer  # only for the few dateline candidates

    covered = 0
    for m in gazetteer().find(text):
        if m.start == covered:
            covered = m.end
    return covered == len(text)


def _starts_with_region(text: str) -> bool:
    from duikou.reference.gazetteer import gazetteer

    return any(m.start == 0 for m in gazetteer().find(text[:8]))


def _suffix_split(pre: str) -> int | None:
    """The end of an outlet name at the start of ``pre`` (某某融媒 + place), by its last word."""
    suffixes = _p().suffixes
    for i in range(2, len(pre) + 1):
        if pre[:i].endswith(suffixes) and _only_regions(pre[i:]):
            return i
    return None


def outlet_in(pre: str, at_start: bool) -> tuple[int, int] | None:
    """Where the outlet's name lies in ``pre``, the text before a dateline's date or a byline.

    ``at_start``: ``pre`` begins where the name must begin (a lead's first
    characters); otherwise a headline may be glued in front of the name, which
    is then found as a known outlet or as a region name followed by a name ending
    with an outlet word (某某区融媒, 某某市日报).
    """
    p = _p()
    # A known name, then the place (a region, or a foreign city the table lacks, but not
    # the rest of a longer outlet name such as 某网某某新闻).
    hits = [m for m in p.known.finditer(pre) if len(pre) - m.end() <= 8]
    if hits:
        m = hits[-1]
        start, end = m.span()
        before = [k for k in p.known.finditer(pre, 0, start) if k.end() == start]
        if before:  # two names printed together (某报某网): the paper and its site or app
            start = before[-1].start()
        rest = pre[end:]
        ext = next((x for x in p.suffixes if rest.startswith(x) and _only_regions(rest[len(x):])), None)
        if ext:  # 某某 + 网 / 客户端 (a known paper's site or app)
            return start, end + len(ext)
        # The place may be a region (北京), a region's edition (北京新闻) or a city the table
        # lacks; but not the rest of a longer name (某网 + 某某新闻), which has no region in it.
        if not rest.endswith(p.suffixes) or _starts_with_region(rest):
            return start, end
    if at_start:
        split = _suffix_split(pre)
        return (0, split) if split else None
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
        split = _suffix_split(pre[at:])
        if split:
            return at, at + split
    return None


def _clean_outlet(name: str) -> str | None:
    name = name.strip(" -－—|｜丨")
    return name if len(name) >= 2 and name not in meta.outlet_ignore() else None


# --- the crawler's header and the headline glued to the lead ------------------------------

def split_crawl_header(line: Line) -> tuple[str, Line | None] | None:
    """``(header, rest of the line)`` when ``line`` opens with a crawler header (``…，正文：``)."""
    start, s = line
    m = _p().crawl_header.match(s)
    if not m:
        return None
    rest = s[m.end():]
    return m.group("header"), ((start + m.end(), rest) if rest.strip() else None)


def _repeated_title(rest: str) -> tuple[int, int] | None:
    """The headline printed twice or more (``T T lead``, ``T。T。T。lead``): (end of T, start of the lead)."""
    head = rest[:MIN_TITLE]
    stop = TITLE_WINDOW + MIN_TITLE  # a headline's repeat starts within the window: no scan beyond
    k = rest.find(head, MIN_TITLE, stop)
    while 0 <= k <= TITLE_WINDOW:
        title = rest[:k].rstrip()
        if rest.startswith(title, k):
            lead = k + len(title)
            while rest.startswith(title, lead + len(rest[lead:]) - len(rest[lead:].lstrip())):
                lead = lead + len(rest[lead:]) - len(rest[lead:].lstrip()) + len(title)
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
    ws = len(s[lead:]) - len(s[lead:].lstrip())
    rest = s[lead + ws:].rstrip()
    return (start, title), ((start + lead + ws, rest) if rest else None)


def title_end(rest: str) -> tuple[int, int] | None:
    """Where the headline after ``原标题：`` ends and its lead begins, or None when no cue says."""
    rep = _repeated_title(rest)
    if rep:
        return rep
    p = _p()
    window = rest[:TITLE_WINDOW]
    best: tuple[int, int] | None = None

    def offer(end: int, lead: int) -> None:
        nonlocal best
        if MIN_TITLE <= end <= MAX_TITLE and (best is None or end < best[0]):
            best = (end, lead)

    m = p.gap.search(window, MIN_TITLE)
    if m:
        offer(m.start(), m.end())
    for m in _datelines(window):
        pre = m.group("pre")
        # Any known name marks where the headline ends (some.网 + its edition's name included).
        known = [k for k in p.known.finditer(pre) if len(pre) - k.end() <= 8]
        span = (known[-1].start(), known[-1].end()) if known else outlet_in(pre, m.start() == 0)
        if known and len(known) > 1 and known[-2].end() == known[-1].start():
            span = (known[-2].start(), known[-1].end())  # two names printed together (某报某网讯)
        if span:
            offer(m.start() + span[0], m.start() + span[0])
            break
    m = p.byline.search(window, MIN_TITLE)
    if m:
        at = m.start()
        before = window[:at].rstrip(" |｜丨")  # 某某客户端 | 记者
        run = re.search(rf"{_RUN}*$", before)
        pre = run.group() if run else ""
        cut = len(before) - len(pre) if pre else at
        span = outlet_in(pre, False) if pre else None
        offer(cut + span[0] if span else at, cut + span[0] if span else at)
    m = p.opener.search(window, MIN_TITLE)
    if m:
        offer(m.start(), m.start())
    m = p.quote_lead.search(window, MIN_TITLE)
    if m:
        offer(m.start(), m.start())
    if best is None:
        return None
    end, lead = best
    return len(rest[:end].rstrip()), lead


_DASH = "-－–"
_RUN_BEFORE = re.compile(rf"[^{_PRE_EXCLUDED}]{{2,{_PRE_MAX}}}$")
_DASHED_MAX = 8  # a bare run taken whole as the outlet's name (某某网-栏目名…)


def _dashed_outlet(s: str, at: int) -> int | None:
    """Where an outlet's name starts when it ends right before a dash at ``at - 1`` (某某网-栏目 8月1日讯)."""
    if at < 3 or s[at - 1] not in _DASH:
        return None
    run = _RUN_BEFORE.search(s, 0, at - 1)
    if run is None:
        return None
    name = run.group()
    if len(name) <= _DASHED_MAX and (_p().known.fullmatch(name) or _suffix_split(name) == len(name)):
        return run.start()
    span = outlet_in(name, False)  # a caption glued before the name
    return run.start() + span[0] if span and span[1] == len(name) else None


def _datelines(window: str) -> Iterator[re.Match[str]]:
    """``_p().dateline.finditer(window)``, found from the tails instead of tried at every position.

    The dateline pattern tries a lazy ``pre`` of 2 to 40 characters at each position of a
    headline window, and a tail after each length: ~60 µs a window, a hot spot. The same matches
    are found from where a tail can start (``q``: the spaces before a digit, 讯 or 消, tested with
    the tail pattern): the lazy ``pre`` starting at ``p`` ends at the first tail start ``q >= p + 2``,
    and a match starts at ``p`` exactly when that ``q`` lies within 40 characters of ``p`` and
    ``window[p:q]`` holds no character ``pre`` excludes. So the leftmost match at or after ``pos``
    is the smallest such ``p``, per tail start in order.
    """
    p = _p()
    tail = p.dateline_tail.match
    tails: list[int] = []
    for a in _TAIL_ANCHOR.finditer(window):
        q = a.start()
        while q > 0 and window[q - 1].isspace():  # \s and str.isspace are the same class
            q -= 1
        if (not tails or tails[-1] != q) and tail(window, q):
            tails.append(q)
    if not tails:
        return
    breaks = [b.start() for b in _NOT_PRE.finditer(window)]
    pos = 0
    prev = -1
    for q in tails:
        k = bisect_right(breaks, q - 1)
        run = breaks[k - 1] + 1 if k else 0  # where the run of pre characters ending at q starts
        start = max(pos, q - _PRE_MAX, run, prev - 1)
        prev = q
        if start > q - 2:
            continue
        m = p.dateline.match(window, start)
        if m is None:  # cannot happen (see above); the plain scan from here is the same result
            yield from p.dateline.finditer(window, start)
            return
        yield m
        pos = m.end()


def split_original_title(line: Line) -> tuple[Line | None, Line | None] | None:
    """``(headline, lead)`` of a line opening with ``原标题：``; None when the line does not.

    The headline is None when no cue shows where it ends (the text then stays in the body).
    """
    start, s = line
    m = _p().original_title.match(s)
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
    trimmed = rest[:end].rstrip("【（([《“\"' |｜丨")
    opening = [i for i in range(len(trimmed), end) if rest[i] in "【（([《“\"'"]
    if opening:  # an opening bracket or quote belongs to the lead (【某某报记者 甲】…)
        lead = opening[0]
    end = len(trimmed)
    if "。" in trimmed or len(trimmed) < MIN_TITLE:  # the cue was too late: a headline has no full stop
        return None, (base, rest)
    lead_text = rest[lead:]
    ws = len(lead_text) - len(lead_text.lstrip())
    lead_line = (base + lead + ws, lead_text.strip()) if lead_text.strip() else None
    return (base, rest[:end]), lead_line


# --- the lead's dateline or byline --------------------------------------------------------

@dataclass
class Lead:
    """What a lead's opening says about the page, and the lead without it."""

    line: Line | None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    meta: str = ""
    more: list[Line] = field(default_factory=list)  # the lead's text after a dateline cut out of it


def _names(text: str) -> list[str]:
    return [t for t in re.split(r"[\s、,，/]+", text) if re.fullmatch(_NAME, t)]


def _byline_end(s: str, pos: int) -> tuple[int, list[str]] | None:
    """The end of the names after ``记者`` at ``pos``: up to a space, quote, bracket or lead opener."""
    names: list[str] = []
    p = _p()
    while True:
        m = re.match(rf"({_NAME})", s[pos:])
        if not m:
            return (pos, names) if names else None
        # The last name may be glued to the lead: a lead opener right after a name is the surest
        # sign of its end (甲乙近日，…), then a space, quote, bracket or digit.
        size = len(m.group(1))
        ends = [n for n in range(2, size + 1) if p.opener.match(s, pos + n)]
        ends += [n for n in range(2, size) if _starts_with_region(s[pos + n:pos + n + 8])]  # 甲乙 + 某某省…
        ends += [n for n in range(size, 1, -1) if pos + n == len(s) or s[pos + n].isspace()
                 or s[pos + n] in "“\"(（，,、" or s[pos + n].isdigit() or s.startswith(("通讯员", "实习生"), pos + n)]
        if not ends:
            return (pos, names) if names else None
        names.append(s[pos:pos + ends[0]])
        pos += ends[0]
        m2 = re.match(r"[\s、,，]+(?:(?:通讯员|实习生|摄影|摄像)\s*[:：]?\s*)?|(?:通讯员|实习生|摄影|摄像)\s*[:：]?\s*", s[pos:])
        if not m2 or not re.match(_NAME, s[pos + m2.end():]) or p.opener.match(s, pos + m2.end()):
            return pos, names
        pos += m2.end()


def strip_lead(line: Line) -> Lead:
    """Take a dateline or a byline off the start of the lead paragraph."""
    start, s = line
    p = _p()
    m = p.dateline.match(s)
    dashed = None
    if m is None and (d := _DASHED_LEAD.match(s)) and _dashed_outlet(s, d.end()) == 0:
        m = p.dateline.match(s, d.end())  # 某某网-栏目名 + place + date 讯: the outlet before the dash
        dashed = d.group("name") if m else None
    if m:
        span = outlet_in(m.group("pre"), True) if dashed is None else (0, 0)
        b = p.bracket_credit.match(s, m.end())
        if span is None and b and m.group().endswith("讯") and len(m.group("pre")) <= 12 \
                and _CREDIT_WORD.search(b.group("credit")):
            span = (0, len(m.group("pre")))  # 某某讯（记者 甲）: a credit in brackets confirms the dateline
        if span:
            end = m.end()
            authors: list[str] = []
            if b:
                authors = meta.find_authors(b.group("credit")) or _names(b.group("credit"))
                end = b.end()
            rest = s[end:].lstrip(" :：，,")
            lead_line = (start + len(s) - len(rest), rest) if rest else None
            outlet = dashed or _clean_outlet(m.group("pre")[span[0]:span[1]])
            return Lead(lead_line, outlet, authors, s[:end])
    m = p.bracket_byline.match(s)
    if m:  # 【某某报特约记者 甲 乙】 opening the lead
        rest = s[m.end():].lstrip(" :：，,")
        lead_line = (start + len(s) - len(rest), rest) if rest else None
        return Lead(lead_line, credit_outlet(m.group("credit")), _names(m.group("credit").split("记者")[-1]), s[:m.end()])
    m = p.byline_at.match(s)
    if m:
        found = _byline_end(s, m.end())
        if found:
            end, names = found
            outlet = None
            if m.group("pre"):
                span = outlet_in(m.group("pre"), True)
                outlet = _clean_outlet(m.group("pre")[span[0]:span[1]]) if span else None
            rest = s[end:].lstrip(" :：，,")
            lead_line = (start + len(s) - len(rest), rest) if rest else None
            return Lead(lead_line, outlet, names, s[:end])
    # A known outlet's dateline later in the opening (after a photo caption): the outlet only.
    head = s[:300]
    for m in p.dateline.finditer(head) if "日电" in head else ():
        if m.group("date"):
            known = list(p.known.finditer(m.group("pre")))
            if known and _only_regions(m.group("pre")[known[-1].end():]):
                # Cut it out: its date is the report's, never an event's.
                cut = m.start("pre") + known[-1].start()
                end = m.end()
                b = p.bracket_credit.match(s, end)
                authors = _names(b.group("credit").replace("记者", " ")) if b else []
                end = b.end() if b else end
                after = s[end:]
                ws = len(after) - len(after.lstrip())
                before = (start, s[:cut].rstrip()) if s[:cut].strip() else None
                more = [(start + end + ws, after.strip())] if after.strip() else []
                return Lead(before, known[-1].group(), authors, s[cut:end], more)
    # A dated 讯 with a reporter's credit after a photo caption (图为…。某某网某地8月1日讯（通讯员 甲）).
    for m in p.dateline.finditer(head) if "日讯" in head else ():
        b = p.bracket_credit.match(s, m.end())
        if m.start() == 0 or not m.group("date") or not m.group().endswith("讯") or not b \
                or not _CREDIT_WORD.search(b.group("credit")):
            continue
        if s[m.start() - 1] in _DASH:  # 某某网-栏目名 + place + date 讯
            dash = _dashed_outlet(s, m.start())
            if dash is None:
                continue
            cut, name = dash, s[dash:m.start() - 1]
        elif s[m.start() - 1] in _CAPTION_CLOSE:  # the caption's last sentence or credit ends right before
            span = _late_outlet(m.group("pre"))
            if span is None:
                continue
            cut, name = m.start("pre") + span[0], m.group("pre")[span[0]:span[1]]
        else:
            continue
        after = s[b.end():].lstrip(" :：，,")
        before = (start, s[:cut].rstrip()) if s[:cut].strip() else None
        more = [(start + len(s) - len(after), after)] if after else []
        authors = meta.find_authors(b.group("credit")) or _names(b.group("credit"))
        return Lead(before, _clean_outlet(name), authors, s[cut:b.end()], more)
    return Lead(line)


_CREDIT_WORD = re.compile("记者|通讯员")
_CAPTION_CLOSE = "。！？!?）)】 "
_DASHED_LEAD = re.compile(rf"(?P<name>[^{_PRE_EXCLUDED}]{{2,{_DASHED_MAX}}})[{_DASH}]")
_CAPTION_END = re.compile(r".*(?:供图|摄影|摄|图)")  # a photo caption's credit glued before the name
_LATE_NAME_MAX = 12


def _late_outlet(pre: str) -> tuple[int, int] | None:
    """The outlet's name in the ``pre`` of a dateline printed after a caption: the place cut off its
    end and a caption's credit off its start; a name that starts with a known outlet or ends with an
    outlet's word (某某网时刻 + 某地, 供图 + 某某晚报)."""
    p = _p()
    m = _CAPTION_END.match(pre)
    start = m.end() if m and m.end() < len(pre) else 0
    end = len(pre)
    from duikou.reference.gazetteer import gazetteer

    for hit in gazetteer().find(pre[start:]):
        if hit.start >= 2 and _only_regions(pre[start + hit.start:]):
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
    p = _p()
    for m in p.credit_outlet.finditer(text):
        name = _STATIONED.sub("", m.group("name"))  # 某某报驻京记者
        k = list(p.known.finditer(name))
        if k and k[0].start() >= 2 and _suffix_split(name[k[0].start():]) == len(name) - k[0].start():
            name = name[k[0].start():]  # 通讯员 甲乙某某晚报/某某新闻记者: a name glued before the outlet
            k = list(p.known.finditer(name))
        if k and k[-1].end() == len(name):
            start = k[-1].start()
            if len(k) > 1 and k[-2].end() == start:  # a paper's app or site named after it (某某日报某某新闻)
                start = k[-2].start()
            return name[start:]
        end = _suffix_split(name)
        if end == len(name):
            return _clean_outlet(name)
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
    p = _p()
    for part in parts:
        if p.known.fullmatch(part) or _suffix_split(part) == len(part):
            return part
    return parts[-1]


def is_byline_credit(line: str) -> bool:
    """A short line that only credits reporters of a named outlet (甲 乙 某某日报记者 丙, after the text)."""
    return len(line) <= 80 and not any(c in line for c in "。，,；;！？!?“”") and "记者" in line \
        and credit_outlet(line) is not None


# --- credits and footers glued to the end of a one-line page -------------------------------

def inline_pieces(line: Line) -> list[Line]:
    """``line`` cut where a credit or footer glued to its end begins (and after a bracketed credit)."""
    start, s = line
    p = _p()
    lo = max(0, len(s) - INLINE_TAIL)
    if not p.inline_trigger.search(s, lo):  # one literal scan spares the patterns' scan on most lines
        return [line]
    cuts = {start for start, _ in p.inline_break.spans(s, lo)}
    cuts.update(m.start() for m in p.inline_links.finditer(s, lo))
    for start, end in p.inline_bracket.spans(s, lo):
        cuts.add(start)
        cuts.add(end)
    j = s.find("记者", lo)
    while j >= 0:  # a byline after the last sentence: tried at that sentence's end only
        at = max(s.rfind(c, max(lo, j - 60), j) for c in _SENTENCE_ENDS) + 1
        if at > 0 and p.inline_byline.match(s, at):
            cuts.add(at)
        j = s.find("记者", j + 2)
    cuts.discard(0)
    cuts.discard(len(s))
    if not cuts:
        return [line]
    out: list[Line] = []
    prev = 0
    for c in sorted(cuts) + [len(s)]:
        piece = s[prev:c]
        stripped = piece.strip()
        if stripped:
            out.append((start + prev + len(piece) - len(piece.lstrip()), stripped))
        prev = c
    return out
