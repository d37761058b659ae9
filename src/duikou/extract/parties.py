"""Party mentions: who can help or be helped. Regions (chains collapsed) and named organisations.

A chain of region mentions written together ("甘肃省天水市张家川县", "四川南充嘉陵区")
names one party, its most specific member. A named organisation (a
development zone, a street, a company, a hospital) is a party by its name as
printed.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from duikou import vocab
from duikou.extract.context import Context
from duikou.extract.mentions import RegionMention

# Characters that end a run of a name on its left.
_LEFT_STOP = set("，。；：:,;、！？!?“”\"《》（）()【】 \n\t")
# Function words that start the phrase before a name ("与X", "由X", "是X").
_LEFT_WORDS = ("与", "和", "同", "由", "是", "为", "在", "对", "向", "把", "将", "给", "了", "的", "及", "以及", "年", "来", "后", "中")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Party:
    start: int
    end: int
    id: str  # region code, or the organisation's name
    is_region: bool
    level: str | None = None  # region level
    surface: str = ""


@lru_cache(maxsize=1)
def _org_suffix() -> re.Pattern[str]:
    suf = "|".join(map(re.escape, vocab.words("pairing_patterns", "org_suffixes")))
    return re.compile(r"(?:" + suf + r")$")


class PartyIndex:
    """Region parties of a document with their starts and ends, for bisection."""

    def __init__(self, parties: list[Party]):
        self.parties = parties
        self.starts = [p.start for p in parties]
        self.ends = [p.end for p in parties]

    def in_span(self, start: int, end: int) -> list[Party]:
        """Parties starting inside ``[start, end)``."""
        return self.parties[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def ending_within(self, start: int, end: int) -> list[Party]:
        """Parties that start at or after ``start`` and end at or before ``end``."""
        return [p for p in self.parties[bisect_left(self.starts, start):bisect_left(self.ends, end + 1)] if p.end <= end]


def party_index(ctx: Context) -> PartyIndex:
    idx = ctx.notes.get("_party_index")
    if idx is None:
        idx = ctx.notes["_party_index"] = PartyIndex(region_parties(ctx))
    return idx


def region_parties(ctx: Context) -> list[Party]:
    """Region mentions with adjacent chains collapsed to their last member; cached on the context."""
    cached = ctx.notes.get("_region_parties")
    if cached is not None:
        return cached
    mentions: list[RegionMention] = sorted(ctx.layer("regions"), key=lambda m: m.start)
    out: list[Party] = []
    for m in mentions:
        if out and m.start - out[-1].end <= 0 and out[-1].is_region:
            last = out[-1]
            out[-1] = Party(last.start, m.end, m.code, True, m.level, ctx.text[last.start:m.end])
        else:
            out.append(Party(m.start, m.end, m.code, True, m.level, m.surface))
    ctx.notes["_region_parties"] = out
    return out


def party_ending_at(ctx: Context, pos: int, max_gap: int = 0) -> Party | None:
    """The party whose mention ends at ``pos`` (up to ``max_gap`` plain characters before it)."""
    idx = party_index(ctx)
    parties, ends = idx.parties, idx.ends
    i = bisect_left(ends, pos + 1) - 1
    if i >= 0 and pos - max_gap <= parties[i].end <= pos:
        gap = ctx.text[parties[i].end:pos]
        if not any(c in _LEFT_STOP for c in gap):
            org = org_before(ctx, pos)
            if org is not None and org.start <= parties[i].start and org.end == pos and org.id != parties[i].surface:
                return org
            return parties[i]
    return org_before(ctx, pos)


def party_starting_at(ctx: Context, pos: int, max_gap: int = 0) -> Party | None:
    """The party whose mention starts at ``pos`` (after up to ``max_gap`` characters)."""
    idx = party_index(ctx)
    parties, starts = idx.parties, idx.starts
    i = bisect_left(starts, pos)
    if i < len(parties) and parties[i].start - pos <= max_gap:
        gap = ctx.text[pos:parties[i].start]
        if not any(c in _LEFT_STOP for c in gap):
            p = parties[i]
            org = org_after(ctx, p.end, p)
            return org or p
    return None


def org_before(ctx: Context, pos: int, max_len: int = 16) -> Party | None:
    """A named organisation ending exactly at ``pos`` ("…中国某某集团" before 定点帮扶)."""
    text = ctx.text
    i = pos
    while i > 0 and pos - i < max_len and text[i - 1] not in _LEFT_STOP and _CJK.match(text[i - 1]):
        i -= 1
    run = text[i:pos]
    if not _org_suffix().search(run):
        return None
    # Cut at the last function word that starts a phrase.
    for w in _LEFT_WORDS:
        k = run.rfind(w)
        if 0 <= k and len(run) - (k + len(w)) >= 3 and _org_suffix().search(run[k + len(w):]):
            run, i = run[k + len(w):], i + k + len(w)
    # "<region chain>某某街道": the organisation's own name, when it has one.
    inner = party_index(ctx).ending_within(i, pos - 1)
    if inner:
        head = inner[-1]
        rest = text[head.end:pos]
        m = _org_suffix().search(rest)
        if m is not None and len(rest) - len(m.group()) >= 2:
            return _org_party(ctx, head.end, pos, rest)
    return _org_party(ctx, i, pos, run)


def org_after(ctx: Context, pos: int, head: Party | None = None, max_len: int = 14) -> Party | None:
    """An organisation name continuing a region mention ("<region>高新区", "<region>某某街道")."""
    text = ctx.text
    j = pos
    while j < len(text) and j - pos < max_len and _CJK.match(text[j]) and text[j] not in _LEFT_STOP:
        j += 1
        if _org_suffix().search(text[pos:j]) and (j >= len(text) or not _CJK.match(text[j]) or _stop_after(text, j)):
            start = head.start if head is not None else pos
            return _org_party(ctx, start, j, text[start:j], head)
    return None


def _stop_after(text: str, j: int) -> bool:
    return text[j:j + 1] in ("与", "和", "同", "向", "、") or text[j:j + 2] in ("对口", "结对", "帮扶", "定点", "签订", "分别", "共同")


def _org_party(ctx: Context, start: int, end: int, name: str, head: Party | None = None) -> Party | None:
    m = _org_suffix().search(name)
    if m is None:
        return None
    if head is not None:
        rest = ctx.text[head.end:end]
        stem = rest[: len(rest) - len(m.group())]
        # "<region>某某街道": the organisation's own name is enough; "<region>高新区": keep the region.
        if len(stem) >= 2:
            name, start = rest, head.end
    if len(name) - len(m.group()) < 1 or len(name) < 3:
        return None
    return Party(start, end, name, False, None, name)
