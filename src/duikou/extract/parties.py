"""Party mentions: who can help or be helped. Regions (chains collapsed) and named organisations.

A chain of region mentions written together ("湖北省恩施州巴东县", "贵州铜仁沿河县")
names one party, its most specific member. A named organisation (a
development zone, a street, a company, a hospital) is a party by its name as
printed.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from duikou.reference import vocab
from duikou.extract.context import Context
from duikou.extract.mentions import RegionMention

# Characters that end a run of a name on its left.
_LEFT_STOP = set("，。；：:,;、！？!?“”\"《》（）()【】 \n\t")
# Function words that start the phrase before a name ("与X", "由X", "是X").
_LEFT_WORDS = ("代表", "由", "是", "为", "在", "对", "向", "把", "将", "给", "了", "的", "年度", "年", "起", "来自", "来", "后", "经")
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


@dataclass(frozen=True)
class OrgVocab:
    suffix: re.Pattern[str]  # any organisation suffix, at the end of a string
    kinds: dict[str, str]  # suffix -> units | zones | institutions | bodies
    container: re.Pattern[str]  # a zone or unit suffix followed by more name: where an inner unit starts
    unit_cut: re.Pattern[str]  # an agency's or company's word before a unit's name: the unit starts after it
    stops: re.Pattern[str]  # words that end a name on its right
    pre_verb: re.Pattern[str]  # time phrase / adverb between a helper and its verb
    long_suffix: re.Pattern[str]  # multi-character institution/zone/body suffixes
    suffix_at: re.Pattern[str]  # a suffix starting here (lookahead, so overlapping ones are all found)
    field_office: re.Pattern[str]  # a helper region's office in the recipient area (前方指挥部, 前指)
    government: re.Pattern[str]  # what makes "<region>…" the region's own committee or government
    team: re.Pattern[str]  # an aid team's suffix, at the end of a string
    breakers: re.Pattern[str]  # words no name holds
    breakers_non_team: re.Pattern[str]  # ... nor a name other than an aid team's
    not_names: re.Pattern[str]  # ordinary words that end like a name, at the end of a string
    org_prefix: re.Pattern[str]  # "共青团<region>委": an organisation of the region, not its committee
    central: re.Pattern[str]  # "<prefix>中央": such an organisation's central committee, at the end of a string
    team_word: re.Pattern[str]  # a programme word inside a team's name, before the region it serves
    team_words: re.Pattern[str]  # a run of such words
    suffix_word_starts: frozenset[str]  # a suffix's last character and the next: a word, so no name ends there
    role: re.Pattern[str]  # a person's role after an organisation's name ("…小学校长"): the name ends there
    generic_stems: frozenset[str]  # a name's own part that names a kind, not one organisation
    generic_team: re.Pattern[str]  # a run of words naming a kind of aid team


@lru_cache(maxsize=1)
def _org() -> OrgVocab:
    data = vocab.load("pairing_patterns")
    kinds = {w: kind for kind, words in data["org_suffixes"].items() for w in words}
    by_len = sorted(kinds, key=len, reverse=True)
    alt = "|".join(map(re.escape, by_len))
    cont = "|".join(map(re.escape, sorted(data["org_suffixes"]["units"] + data["org_suffixes"]["zones"], key=len, reverse=True)))
    longs = "|".join(map(re.escape, [w for w in by_len if len(w) > 1 and kinds[w] != "units"]))
    return OrgVocab(
        suffix=re.compile(r"(?:" + alt + r")$"),
        kinds=kinds,
        container=re.compile(r"(?:" + cont + r")(?=[\u4e00-\u9fff]{2})"),
        unit_cut=re.compile(r"(?:" + "|".join(map(re.escape, data["unit_name_cuts"])) + r")(?=[\u4e00-\u9fff]{2})"),
        stops=re.compile("|".join(map(re.escape, sorted(data["org_stops"], key=len, reverse=True)))),
        pre_verb=re.compile(data["pre_verb"]),
        long_suffix=re.compile(longs),
        suffix_at=re.compile(r"(?=(" + alt + r"))"),
        government=re.compile("(?:" + "|".join(map(re.escape, data["government"])) + ")"),
        field_office=re.compile("(?:" + "|".join(map(re.escape, data["field_offices"])) + ")$"),
        team=re.compile("(?:" + "|".join(map(re.escape, data["team_suffixes"])) + ")$"),
        breakers=re.compile("|".join(map(re.escape, data["name_breakers"]))),
        breakers_non_team=re.compile("|".join(map(re.escape, data["name_breakers"] + data["name_breakers_non_team"]))),
        not_names=re.compile("(?:" + "|".join(map(re.escape, data["not_names"])) + ")$"),
        generic_stems=frozenset(data["generic_stems"]),
        generic_team=re.compile("(?:" + "|".join(map(re.escape, sorted(data["generic_team_words"], key=len, reverse=True)))
                                + ")+"),
        suffix_word_starts=frozenset(data["suffix_word_starts"]),
        role=re.compile("(?:" + data["role_words"] + ")"),
        team_word=re.compile("|".join(map(re.escape, data["team_recipient_words"]))),
        team_words=re.compile("(?:" + "|".join(map(re.escape, sorted(data["team_recipient_words"], key=len, reverse=True)))
                              + ")+"),
        org_prefix=re.compile("(?:" + "|".join(map(re.escape, data["org_prefixes"])) + ")$"),
        central=re.compile("(?:" + "|".join(map(re.escape, data["org_prefixes"])) + ")中央$"),
    )


def opens_org(ctx: Context, region: Party) -> bool:
    """Whether ``region`` is written inside an organisation's name that a prefix opens
    ("共青团<region>委")."""
    return _org().org_prefix.search(ctx.text, max(0, region.start - 6), region.start) is not None


def is_team(name: str) -> bool:
    """An aid team's name (工作队, 指挥部…): a helper, never a recipient."""
    return _org().team.search(name) is not None


def ends_in_word(text: str, end: int) -> bool:
    """Whether the character before ``end`` opens a word with the next one ("…支部|部分", "…医院|院长"):
    a suffix there ends no name."""
    return text[end - 1:end + 1] in _org().suffix_word_starts


def _suffix_kind(name: str) -> str | None:
    m = _org().suffix.search(name)
    return _org().kinds[m.group()] if m else None


def _breaker_end(ctx: Context, start: int, stem_end: int, team: bool) -> int:
    """Where a name must start at the earliest: after the last word no name holds ("协议", "的"),
    words inside a region's name not counted; ``start`` when there is none."""
    org = _org()
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
    text = ctx.text
    name = text[start:end]
    suffix = _org().suffix.search(name)
    if suffix is None:
        return None
    kind = _org().kinds[suffix.group()]
    team = _org().team.search(name) is not None
    cut = _breaker_end(ctx, start, end - len(suffix.group()), team)
    if cut > start:
        if fixed_start:
            return None
        start, name = cut, text[cut:end]
    if team:
        # "…继续配合<P>援疆<C>工作组": a team named for its helper region starts at that region
        word = _org().team_word.search(text, start, end)
        opening = party_index(ctx).ending_within(start, word.start()) if word else []
        if opening and opening[0].start > start:
            start, name = opening[0].start, text[opening[0].start:end]
        helper = _team_helper_region(ctx, start, end, word, opening)
        if helper is not None:
            return helper
    if start > 0 and text[start - 1].isdigit():
        return None  # "39家医院": a count, not a name
    plain = _org().not_names.search(name)  # "干部", "乡镇"; but "党支部" is a suffix longer than "支部"
    if (plain and len(plain.group()) >= len(suffix.group())) or ends_in_word(text, end):
        return None
    if kind == "zones" and any(p.end == end for p in party_index(ctx).ending_within(start, end)):
        return None  # "<city>浦东新区"-like: a district whose own name ends like a zone is the region
    inside = party_index(ctx).ending_within(start, end - 1)
    region = inside[-1].id if inside else None
    own = text[inside[-1].end if inside else start:end - len(suffix.group())]
    if own in _org().generic_stems or own.endswith(("级", "级以上")):
        return None
    if team and not inside and _org().generic_team.fullmatch(own):
        return None  # "企业扶贫工作队": a kind of team, not one
    prefix = _org().org_prefix.search(text, start, inside[0].start) if inside else None
    own_org = prefix is not None
    if prefix is not None:  # "(自)共青团<region>委": the name starts at the organisation's own word
        start, name = prefix.start(), text[prefix.start():end]
    if inside and kind in ("bodies", "institutions") and inside[0].start > start and not team and not own_org:
        # "认真落实某省委": the name starts at its region; what comes before is the sentence's verb
        start, name = inside[0].start, text[inside[0].start:end]
    if inside and not own_org and _org().government.fullmatch(text, inside[-1].end, end):
        # "某省委", "某县人民政府": the region's own party committee or government is the region
        last = inside[-1]
        return Party(last.start, end, last.id, True, last.level, text[last.start:end])
    if inside and inside[0].start == start and _org().field_office.search(name):
        # "<region>援疆前方指挥部" is that region's field office: the party is the region
        first = inside[0]
        return Party(first.start, end, first.id, True, first.level, name)
    if kind == "units":
        # "杨浦区殷行街道" -> 殷行街道; "高新区梅墟街道" -> 梅墟街道; "吕洞山镇夯吉村" -> 夯吉村
        inner = start
        for p in inside:
            inner = max(inner, p.end)
        for m in _org().container.finditer(text, inner, end):
            if m.end() < end:
                inner = m.end()
        for m in _org().unit_cut.finditer(text, inner, end):  # "<region>经信委某某乡" (a caption run on)
            inner = m.end()
        inner += _leading_region_name(text[inner:end])
        start, name = inner, text[inner:end]
    # some suffix must leave a stem of two characters ("某某部": 部 does, though 某部 would not)
    stem = max((len(name) - len(w) for w in _org().kinds if name.endswith(w) and len(name) - len(w) >= 2), default=0)
    if stem < 2 or len(name) < 3:
        return None
    return Party(start, end, name, False, None, name, region, kind)


def _team_helper_region(ctx: Context, start: int, end: int, word: re.Match[str] | None,
                        opening: list[Party]) -> Party | None:
    """"<P>对口帮扶<C>工作组": a team named for both sides, programme words between them and its
    suffix right after C, is P's own team; P is the party. P may be written short ("某山" for
    "某山区") when the report prints it in full elsewhere."""
    text, org = ctx.text, _org()
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
    from duikou.reference.gazetteer import gazetteer

    return code == ancestor or gazetteer().is_within(code, ancestor)


def _short_region(ctx: Context, stem: str) -> Party | None:
    """The one region of the report that ``stem`` may name short ("某山" for "某山区")."""
    from duikou.reference.gazetteer import gazetteer

    if not 2 <= len(stem) <= 4:
        return None
    codes = {e.code for e in gazetteer().entries(stem)}
    last = _last_region_party(ctx)
    named = [last[c] for c in codes if c in last]
    return named[0] if len(named) == 1 else None


def _last_region_party(ctx: Context) -> dict[str, Party]:
    """The last region party of each code, cached (a scan of every party per stem is quadratic on a huge page)."""
    idx = party_index(ctx)
    cached = ctx.notes.get("_last_region_party")
    if cached is None or cached[0] is not idx or cached[1] != len(idx.parties):
        cached = ctx.notes["_last_region_party"] = (idx, len(idx.parties),
                                                     {p.id: p for p in idx.parties if p.is_region})
    return cached[2]  # type: ignore[no-any-return]


def _leading_region_name(name: str) -> int:
    """Length of an official region name at the start of ``name`` that the regions extractor left
    unclaimed ("礼县盐官镇": a short county name it did not take alone), else 0."""
    from duikou.reference.gazetteer import gazetteer

    g = gazetteer()
    for k in range(min(len(name) - 3, 12), 1, -1):
        if name[k - 1] in "县区市旗州盟" and g.by_name(name[:k]):
            return k
    return 0


def org_before(ctx: Context, pos: int, max_len: int = 26) -> Party | None:
    """A named organisation ending exactly at ``pos`` ("…国家某某局" before 定点帮扶)."""
    text = ctx.text
    i = pos
    while i > 0 and pos - i < max_len and text[i - 1] not in _LEFT_STOP:
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
        central = _org().central.search(text, max(i, pos - 6), pos)
        if central is None:
            return None
        return Party(central.start(), pos, central.group(), False, None, central.group(), None, "bodies")
    # The name starts after the last word that opens a phrase ("2021年", "由", "是").
    run = text[i:pos]
    for w in _LEFT_WORDS:
        k = run.rfind(w)
        if w == "经" and run[k + 1:k + 2] in ("济", "开", "信", "贸"):
            continue  # 经济…, 经开区, 经信局: part of the name
        if w == "对" and (run[k - 1:k] == "结" or run[k + 1:k + 2] == "口"):
            continue  # 结对, 对口: a programme's word inside an aid team's name
        if k >= 0 and len(run) - (k + len(w)) >= 3 and _suffix_kind(run[k + len(w):]):
            run, i = run[k + len(w):], i + k + len(w)
    # "甲医院与乙医院": a conjunction between two names, not part of one ("发展和改革委员会" keeps it);
    # "…又和<region>大学": a conjunction before a region that opens the name
    for k, c in enumerate(run):
        if c in "与和同及" and len(run) - k - 1 >= 3 and _suffix_kind(run[k + 1:]) and (
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
    org = _org()
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
    """True when a region mention is the start of an organisation's name ("苏州大学附属…")."""
    text = ctx.text
    j = party.end
    while j < len(text) and j - party.end < 10 and is_cjk(text[j]):
        j += 1
    return bool(_org().long_suffix.search(text, party.end, j))


def strip_pre_verb(ctx: Context, pos: int, floor: int) -> int:
    """Move ``pos`` left over a time phrase or adverb written before a verb ("2015年起", "长期")."""
    m = _org().pre_verb.search(ctx.text, max(floor, pos - 12), pos)
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
    org = org_before(ctx, pos)
    if org is not None:
        return org
    idx = party_index(ctx)
    i = bisect_left(idx.ends, pos + 1) - 1
    if i >= 0 and pos - max_gap <= idx.parties[i].end <= pos:
        gap = ctx.text[idx.parties[i].end:pos]
        if not any(c in _LEFT_STOP for c in gap):
            return idx.parties[i]
    return None


def party_starting_at(ctx: Context, pos: int, max_gap: int = 0) -> Party | None:
    """The party whose mention starts at ``pos`` (after up to ``max_gap`` characters)."""
    idx = party_index(ctx)
    i = bisect_left(idx.starts, pos)
    if i < len(idx.parties) and idx.parties[i].start - pos <= max_gap:
        gap = ctx.text[pos:idx.parties[i].start]
        if not any(c in _LEFT_STOP for c in gap):
            p = idx.parties[i]
            return org_after(ctx, p.end, p) or p
    return org_after(ctx, pos)


def subject_org(ctx: Context, start: int, end: int) -> Party | None:
    """An agency, university or company named first in a clause ("某某部副部长…率…")."""
    text = ctx.text
    j = start
    while j < end and is_cjk(text[j]) and text[j] not in _LEFT_STOP:
        j += 1
        kind = _suffix_kind(text[start:j])
        if kind in ("bodies", "institutions") and j - start >= 3:
            return _org_name(ctx, start, j)
    return None
