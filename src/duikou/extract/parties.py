"""Party mentions: who can help or be helped. Regions (chains collapsed) and named organisations.

A chain of region mentions written together (province, prefecture and county in a row, or a province short form before them)
names one party, its most specific member. A named organisation (a
development zone, a street, a company, a hospital) is a party by its name as
printed.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from duikou.extract.context import Context
from duikou.extract.mentions import RegionMention
from duikou.extract.party_vocab import org_vocab
from duikou.reference.gazetteer import gazetteer

# A run of Chinese characters outside punctuation: where an organisation's name can lie.
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def is_cjk(c: str) -> bool:
    """Whether the character ``c`` is a Chinese character (of the unified block names are written in)."""
    return "\u4e00" <= c <= "\u9fff"


@dataclass
class Party:
    start: int
    end: int
    id: str  # region code, or the organisation's name
    is_region: bool
    level: str | None = None  # region level
    surface: str = ""
    region: str | None = None  # for an organisation: the region written in or right before its name
    kind: str = "region"  # region | units | zones | institutions | bodies


def opens_org(ctx: Context, region: Party) -> bool:
    """Whether ``region`` is written inside an organisation's name that a prefix opens
    ("共青团<region>委")."""
    return org_vocab().org_prefix.search(ctx.text, max(0, region.start - 6), region.start) is not None


def is_team(name: str) -> bool:
    """An aid team's name (工作队, 指挥部…): a helper, never a recipient."""
    return org_vocab().team.search(name) is not None


def ends_in_word(text: str, end: int) -> bool:
    """Whether the character before ``end`` opens a word with the next one ("…支部|部分", "…医院|院长"):
    a suffix there ends no name."""
    return text[end - 1:end + 1] in org_vocab().suffix_word_starts


def _suffix_kind(name: str) -> str | None:
    m = org_vocab().suffix.search(name)
    return org_vocab().kinds[m.group()] if m else None


def _breaker_end(ctx: Context, start: int, stem_end: int, team: bool) -> int:
    """Where a name must start at the earliest: after the last word no name holds ("协议", "的"),
    words inside a region's name not counted; ``start`` when there is none."""
    org = org_vocab()
    pat = org.breakers if team else org.breakers_non_team
    k = start
    regions = party_index(ctx).ending_within(start, stem_end)
    for m in pat.finditer(ctx.text, start, stem_end):
        if not any(p.start <= m.start() < p.end for p in regions):
            k = m.end()
    return k


def _org_name(ctx: Context, start: int, end: int, fixed_start: bool = False) -> Party | None:
    """The organisation ``text[start:end]`` as a party: units lose what contains them, others keep it.

    A name does not run over a word no name holds; with ``fixed_start`` (a name read
    rightwards from a given place) such a word means there is no name there at all.
    """
    org = org_vocab()
    suffix = org.suffix.search(ctx.text[start:end])
    if suffix is None:
        return None
    kind, n = org.kinds[suffix.group()], len(suffix.group())
    team = org.team.search(ctx.text[start:end]) is not None
    cut = _breaker_end(ctx, start, end - n, team)
    if cut > start:
        if fixed_start:
            return None
        start = cut
    if team:
        start, helper = _team_start(ctx, start, end)
        if helper is not None:
            return helper
    inside = party_index(ctx).ending_within(start, end - 1)
    if not _may_name(ctx, start, end, n, kind, team, inside):
        return None
    return _named(ctx, start, end, kind, team, inside)


def _team_start(ctx: Context, start: int, end: int) -> tuple[int, Party | None]:
    """Where a team's name starts, and the region whose own team it is when its name says so."""
    word = org_vocab().team_word.search(ctx.text, start, end)
    opening = party_index(ctx).ending_within(start, word.start()) if word else []
    if opening and opening[0].start > start:
        # "…继续配合<P>援疆<C>工作组": a team named for its helper region starts at that region
        start = opening[0].start
    return start, _team_helper_region(ctx, start, end, word, opening)


def _may_name(ctx: Context, start: int, end: int, suffix_len: int, kind: str, team: bool,
              inside: list[Party]) -> bool:
    """Whether ``text[start:end]`` may name one organisation: no count ("39家医院"), no ordinary word
    that ends like a name ("干部"), no district that ends like a zone, no kind ("县级医院")."""
    text, org = ctx.text, org_vocab()
    if start > 0 and text[start - 1].isdigit():
        return False  # "39家医院": a count, not a name
    plain = org.not_names.search(text[start:end])  # "干部", "乡镇"; but "党支部" is a suffix longer than "支部"
    if (plain and len(plain.group()) >= suffix_len) or ends_in_word(text, end):
        return False
    if kind == "zones" and any(p.end == end for p in party_index(ctx).ending_within(start, end)):
        return False  # "<city>浦东新区"-like: a district whose own name ends like a zone is the region
    own = text[inside[-1].end if inside else start:end - suffix_len]
    if own in org.generic_stems or own.endswith(org.level_ends):
        return False
    return not (team and not inside and org.generic_team.fullmatch(own))  # "企业扶贫工作队": a kind of team


def _named(ctx: Context, start: int, end: int, kind: str, team: bool, inside: list[Party]) -> Party | None:
    """The party a name stands for: the region itself for its own committee, government or field
    office; else the organisation from where its name starts (a unit's without what contains it)."""
    text, org = ctx.text, org_vocab()
    prefix = org.org_prefix.search(text, start, inside[0].start) if inside else None
    if prefix is not None:  # "(自)共青团<region>委": the name starts at the organisation's own word
        start = prefix.start()
    elif inside and kind in ("bodies", "institutions") and inside[0].start > start and not team:
        # "认真落实某省委": the name starts at its region; what comes before is the sentence's verb
        start = inside[0].start
    if inside and prefix is None and org.government.fullmatch(text, inside[-1].end, end):
        # "某省委", "某县人民政府": the region's own party committee or government is the region
        last = inside[-1]
        return Party(last.start, end, last.id, True, last.level, text[last.start:end])
    if inside and inside[0].start == start and org.field_office.search(text[start:end]):
        # "<region>援疆前方指挥部" is that region's field office: the party is the region
        first = inside[0]
        return Party(first.start, end, first.id, True, first.level, text[start:end])
    if kind == "units":
        start = _unit_start(ctx, start, end, inside)
    name = text[start:end]
    # some suffix must leave a stem of two characters ("某某部": 部 does, though 某部 would not)
    stem = max((len(name) - len(w) for w in org.kinds if name.endswith(w) and len(name) - len(w) >= 2), default=0)
    if stem < 2 or len(name) < 3:
        return None
    return Party(start, end, name, False, None, name, inside[-1].id if inside else None, kind)


def _unit_start(ctx: Context, start: int, end: int, inside: list[Party]) -> int:
    """Where a unit's own name starts, after the regions, zones and units that contain it:
    "杨浦区殷行街道" -> 殷行街道; "高新区梅墟街道" -> 梅墟街道; "吕洞山镇夯吉村" -> 夯吉村."""
    text, org = ctx.text, org_vocab()
    inner = start
    for p in inside:
        inner = max(inner, p.end)
    for m in org.container.finditer(text, inner, end):
        if m.end() < end:
            inner = m.end()
    for m in org.unit_cut.finditer(text, inner, end):  # "<region>经信委某某乡" (a caption run on)
        inner = m.end()
    return inner + _leading_region_name(text[inner:end])


def _team_helper_region(ctx: Context, start: int, end: int, word: re.Match[str] | None,
                        opening: list[Party]) -> Party | None:
    """"<P>对口帮扶<C>工作组": a team named for both sides, programme words between them and its
    suffix right after C, is P's own team; P is the party. P may be written short ("某山" for
    "某山区") when the report prints it in full elsewhere."""
    text, org = ctx.text, org_vocab()
    if word is None:
        return None
    recips = [p for p in party_index(ctx).ending_within(word.end(), end) if p.is_region]
    if len(recips) != 1 or not org.team_words.fullmatch(text, word.start(), recips[0].start) \
            or not org.team.fullmatch(text, recips[0].end, end):
        return None
    head: Party | None = opening[0] if opening else _short_region(ctx, text[start:word.start()])
    if head is None or (opening and (head.start != start or head.end != word.start())):
        return None
    if _within(recips[0].id, head.id) or _within(head.id, recips[0].id):
        return None  # "<P>援疆<city of P>分指挥部": the city's own team
    return Party(start, end, head.id, True, head.level, text[start:end])


def _within(code: str, ancestor: str) -> bool:
    return code == ancestor or gazetteer().is_within(code, ancestor)


def _short_region(ctx: Context, stem: str) -> Party | None:
    """The one region of the report that ``stem`` may name short ("某山" for "某山区")."""
    if not 2 <= len(stem) <= 4:
        return None
    codes = {e.code for e in gazetteer().entries(stem)}
    last = _last_region_party(ctx)
    named = [last[c] for c in codes if c in last]
    return named[0] if len(named) == 1 else None


def _last_region_party(ctx: Context) -> dict[str, Party]:
    """The last region party of each code, cached (a scan of every party per stem is quadratic on a huge page)."""
    idx = party_index(ctx)
    cached: tuple[PartyIndex, int, dict[str, Party]] | None = ctx.memo.get("_last_region_party")
    if cached is None or cached[0] is not idx or cached[1] != len(idx.parties):
        cached = ctx.memo["_last_region_party"] = (idx, len(idx.parties),
                                                     {p.id: p for p in idx.parties if p.is_region})
    return cached[2]


def _leading_region_name(name: str) -> int:
    """Length of an official region name at the start of ``name`` that the regions extractor left
    unclaimed ("礼县盐官镇": a short county name it did not take alone), else 0."""
    g = gazetteer()
    for k in range(min(len(name) - 3, 12), 1, -1):
        if name[k - 1] in org_vocab().region_name_ends and g.by_name(name[:k]):
            return k
    return 0


def org_before(ctx: Context, pos: int, max_len: int = 26) -> Party | None:
    """A named organisation ending exactly at ``pos`` ("…国家某某局" before 定点帮扶)."""
    text, org = ctx.text, org_vocab()
    i = pos
    while i > 0 and pos - i < max_len and text[i - 1] not in org.left_stops:
        if is_cjk(text[i - 1]):
            i -= 1
            continue
        d = i  # an ordinal written in digits is part of a name ("第7批工作队", "第3医院")
        while d > 0 and text[d - 1].isdigit():
            d -= 1
        if d == i or d == 0 or text[d - 1] != "第":
            break
        i = d - 1
    if _suffix_kind(text[i:pos]) is None:
        central = org.central.search(text, max(i, pos - 6), pos)
        if central is None:
            return None
        return Party(central.start(), pos, central.group(), False, None, central.group(), None, "bodies")
    # The name starts after the last word that opens a phrase ("2021年", "由", "是").
    run = text[i:pos]
    for w in org.left_words:
        k = run.rfind(w)
        before, after = org.left_word_parts.get(w, (frozenset(), frozenset()))
        if run[k - 1:k] in before or run[k + len(w):k + len(w) + 1] in after:
            continue  # 经济…, 经开区, 经信局; 结对, 对口: part of the name
        if k >= 0 and len(run) - (k + len(w)) >= 3 and _suffix_kind(run[k + len(w):]):
            run, i = run[k + len(w):], i + k + len(w)
    # "甲医院与乙医院": a conjunction between two names, not part of one ("发展和改革委员会" keeps it);
    # "…又和<region>大学": a conjunction before a region that opens the name
    for k, c in enumerate(run):
        if c in org.conjunctions and len(run) - k - 1 >= 3 and _suffix_kind(run[k + 1:]) and (
                _suffix_kind(run[:k]) or _region_starts(ctx, i + k + 1)):
            run, i = run[k + 1:], i + k + 1
            break
    return _org_name(ctx, i, pos)


def _region_starts(ctx: Context, pos: int) -> bool:
    """Whether a region mention starts at ``pos``."""
    idx = party_index(ctx)
    k = bisect_left(idx.starts, pos)
    return k < len(idx.starts) and idx.starts[k] == pos


def org_after(ctx: Context, pos: int, head: Party | None = None, max_len: int = 16) -> Party | None:
    """An organisation starting at ``pos``, or continuing the region ``head`` that ends there.

    Government bodies are not continuations: in "<region>前方指挥部" the region
    is the party, the body only its office.
    """
    text = ctx.text
    run = CJK_RUN.match(text, pos, pos + max_len)
    if run is None:
        return None
    org = org_vocab()
    start = head.start if head is not None else pos
    # every place where a suffix ends inside the run, nearest first
    ends = sorted({m.start() + len(m.group(1)) for m in org.suffix_at.finditer(text, pos, run.end())})
    for j in ends:
        if j > run.end():
            break
        kind = _suffix_kind(text[pos:j])
        if kind is None or (head is not None and kind == "bodies"):
            continue
        if j >= len(text) or not is_cjk(text[j]) or org.stops.match(text, j) or org.role.match(text, j):
            return _org_name(ctx, start, j, fixed_start=head is None)
    return None


def inside_org(ctx: Context, party: Party) -> bool:
    """True when a region mention is the start of an organisation's name (a city name opening a university hospital's name)."""
    text = ctx.text
    j = party.end
    while j < len(text) and j - party.end < 10 and is_cjk(text[j]):
        j += 1
    return bool(org_vocab().long_suffix.search(text, party.end, j))


def strip_pre_verb(ctx: Context, pos: int, floor: int) -> int:
    """Move ``pos`` left over a time phrase or adverb written before a verb ("2015年起", "长期")."""
    m = org_vocab().pre_verb.search(ctx.text, max(floor, pos - 12), pos)
    return m.start() if m and m.start() < pos else pos


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
    idx = ctx.memo.get("_party_index")
    if idx is None:
        idx = ctx.memo["_party_index"] = PartyIndex(region_parties(ctx))
    return idx


def region_parties(ctx: Context) -> list[Party]:
    """Region mentions with adjacent chains collapsed to their last member; cached on the context."""
    cached: list[Party] | None = ctx.memo.get("_region_parties")
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
    ctx.memo["_region_parties"] = out
    return out


def party_ending_at(ctx: Context, pos: int, max_gap: int = 0) -> Party | None:
    """The party whose mention ends at ``pos`` (up to ``max_gap`` plain characters before it)."""
    org = org_before(ctx, pos)
    if org is not None:
        return org
    idx = party_index(ctx)
    i = bisect_left(idx.ends, pos + 1) - 1
    if i >= 0 and pos - max_gap <= idx.parties[i].end <= pos:
        gap, stops = ctx.text[idx.parties[i].end:pos], org_vocab().left_stops
        if not any(c in stops for c in gap):
            return idx.parties[i]
    return None


def party_starting_at(ctx: Context, pos: int, max_gap: int = 0) -> Party | None:
    """The party whose mention starts at ``pos`` (after up to ``max_gap`` characters)."""
    idx = party_index(ctx)
    i = bisect_left(idx.starts, pos)
    if i < len(idx.parties) and idx.parties[i].start - pos <= max_gap:
        gap, stops = ctx.text[pos:idx.parties[i].start], org_vocab().left_stops
        if not any(c in stops for c in gap):
            p = idx.parties[i]
            return org_after(ctx, p.end, p) or p
    return org_after(ctx, pos)


def subject_org(ctx: Context, start: int, end: int) -> Party | None:
    """An agency, university or company named first in a clause ("某某部副部长…率…")."""
    text, stops = ctx.text, org_vocab().left_stops
    j = start
    while j < end and is_cjk(text[j]) and text[j] not in stops:
        j += 1
        kind = _suffix_kind(text[start:j])
        if kind in ("bodies", "institutions") and j - start >= 3:
            return _org_name(ctx, start, j)
    return None
