"""The page patterns, compiled once from ``data/page_metadata.yaml`` and ``data/boilerplate.yaml``.

Also the shared character classes of a news page's names and datelines, and the
fast dateline scan of a headline window (:func:`datelines`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from duikou.ingest import metadata as meta
from duikou.ingest.page.regex import TailScan, trie, union
from duikou.reference import vocab

Line = tuple[int, str]  # (start offset in the normalised input, text)

# A run of characters that can be part of one name (no space, punctuation or bracket).
RUN = r"[^\s，,。；;：:、（()）“”\"'|｜丨!！?？…《》<>【】\[\]·•-]"
NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,3}"
_DATE = r"(?=\d)(?:(?:19|20)\d{2}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日"
# An outlet's name before a dateline: a run, a middle dot allowed (某某网·某某客户端).
PRE_EXCLUDED = r"\s，,。；;：:、（()）“”\"'|｜丨!！?？…《》<>【】\[\]•\-－–"
PRE_MAX = 40
_PRE = rf"[^{PRE_EXCLUDED}]{{2,{PRE_MAX}}}?"
_NOT_PRE = re.compile(rf"[{PRE_EXCLUDED}]")
# A dateline after its ``pre``: 7月2日电, 讯, 消息（新闻联播）：. Its undated forms open with 讯 or 消(息),
# its dated ones with a digit: where a tail can start (_TAIL_ANCHOR) follows from that.
_UNDATED_TAIL = r"讯(?=[\s（(:：，,]|\d|$)|消息\s*(?:[(（][^()（）]{1,10}[)）])?\s*[:：]"
_TAIL_ANCHOR = re.compile(r"[\d讯消]")  # a tail's first character after its spaces
MIN_TITLE = 4
MAX_TITLE = 100
TITLE_WINDOW = 160  # a headline glued to its lead ends within this many characters
INLINE_TAIL = 600  # credits and footers glued to a one-line page sit in its last characters
INLINE_LINES = 3  # ... of its last lines
SENTENCE_ENDS = "。！？!?…”」"


@dataclass(frozen=True)
class Patterns:
    crawl_header: re.Pattern[str]
    original_title: re.Pattern[str]
    known: re.Pattern[str]
    suffixes: tuple[str, ...]
    opener: re.Pattern[str]
    dateline: re.Pattern[str]
    dateline_tail: re.Pattern[str]  # what follows a dateline's outlet and place (``pre``)
    byline: re.Pattern[str]
    byline_at: re.Pattern[str]
    byline_joiner: re.Pattern[str]  # between a byline's names: 、 or a space, or a further credit's key
    byline_name_ends: tuple[str, ...]
    reporter: re.Pattern[str]
    caption_end: re.Pattern[str]
    quote_lead: re.Pattern[str]
    gap: re.Pattern[str]
    bracket_credit: re.Pattern[str]
    bracket_byline: re.Pattern[str]
    credit_outlet: re.Pattern[str]
    inline_trigger: re.Pattern[str]
    inline_break: TailScan
    inline_bracket: TailScan
    inline_byline: re.Pattern[str]
    inline_links: re.Pattern[str]


def _dateline_tail(closers: list[str]) -> str:
    return rf"\s*(?:(?P<date>{_DATE})\s*(?:{vocab.alternation(closers)})|{_UNDATED_TAIL})"


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """Every page pattern, compiled on first use."""
    data = vocab.load("page_metadata")
    boiler = vocab.load("boilerplate")
    ranks = f"(?:{vocab.alternation(data['byline_ranks'])})"
    tail = _dateline_tail(data["dateline_closers"])
    joiners = vocab.alternation(data["byline_joiners"])
    return Patterns(
        crawl_header=re.compile(data["crawl_header"]),
        original_title=re.compile(data["original_title"]),
        known=re.compile(trie(data["outlets"])),
        suffixes=meta.outlet_suffixes(),
        opener=union(data["lead_openers"]),
        # 某某网北京7月2日电 / 某某日报讯（ / 某某网消息（新闻联播）：
        dateline=re.compile(rf"(?P<pre>{_PRE}){tail}"),
        dateline_tail=re.compile(tail),
        # (某某客户端 |) (首席)记者 甲 (乙)
        byline=re.compile(rf"{ranks}?记者\s*[|｜丨:：]?\s*(?={NAME})"),
        byline_at=re.compile(rf"^(?:(?P<pre>{RUN}{{2,16}}?)\s*[|｜丨]?\s*)?{ranks}?记者\s*[|｜丨:：]?\s*"),
        byline_joiner=re.compile(rf"[\s、,，]+(?:(?:{joiners})\s*[:：]?\s*)?|(?:{joiners})\s*[:：]?\s*"),
        byline_name_ends=tuple(data["byline_name_ends"]),
        reporter=re.compile(vocab.alternation(data["reporter_keys"])),
        caption_end=re.compile(rf".*(?:{vocab.alternation(data['caption_credit_ends'])})"),
        quote_lead=re.compile(r"“[^“”]{2,80}?[，,。！？!?…][^“”]{2,120}?”"),
        gap=re.compile(r"\s{2,}"),
        bracket_credit=re.compile(r"\s*[(（](?P<credit>[^()（）。，,；;]{2,40})[)）]"),
        bracket_byline=re.compile(r"[【\[](?P<credit>[^】\]。，,；;]{0,30}记者[^】\]。，,；;]{1,30})[】\]]"),
        credit_outlet=re.compile(rf"(?:^|[\s:：(（|｜丨■])(?P<name>{RUN}{{2,16}}?){ranks}?记者"),
        inline_trigger=re.compile(trie(boiler["inline_triggers"])),
        inline_break=TailScan(boiler["inline_breaks"]),
        inline_bracket=TailScan(boiler["inline_bracket_credits"]),
        inline_byline=re.compile(boiler["inline_byline"]),
        inline_links=re.compile(trie(boiler["inline_links"])),
    )


def datelines(window: str) -> Iterator[re.Match[str]]:
    """``patterns().dateline.finditer(window)``, found from the tails instead of tried at every position.

    The dateline pattern tries a lazy ``pre`` of 2 to 40 characters at each position of a
    headline window, and a tail after each length: ~60 µs a window, a hot spot. The same matches
    are found from where a tail can start (``q``: the spaces before a digit, 讯 or 消, tested with
    the tail pattern): the lazy ``pre`` starting at ``p`` ends at the first tail start ``q >= p + 2``,
    and a match starts at ``p`` exactly when that ``q`` lies within 40 characters of ``p`` and
    ``window[p:q]`` holds no character ``pre`` excludes. So the leftmost match at or after ``pos``
    is the smallest such ``p``, per tail start in order.
    """
    p = patterns()
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
        start = max(pos, q - PRE_MAX, run, prev - 1)
        prev = q
        if start > q - 2:
            continue
        m = p.dateline.match(window, start)
        if m is None:  # cannot happen (see above); the plain scan from here is the same result
            yield from p.dateline.finditer(window, start)
            return
        yield m
        pos = m.end()
