"""Regions named in a report, each resolved to one GB/T 2260 code.

Every gazetteer name in the text is a candidate. Rules (``data/region_context.yaml``)
decide which candidates name the region:

- official names of three or more characters and province short names count unless the
  next character makes an ordinary word with the unit word (合作市场);
- two-character official names (泾县, 和县) need a cue after them (泾县县委, 和县X镇) or an
  ancestor named in the article, and never count when the unit word starts the next word
  (市委和县委);
- bare stems of counties (巴东) count only when the unit's full name is in the article, or
  an ancestor is in the article and the stem is followed by a cue or preceded by that
  ancestor (湖北恩施, 福建的武夷山), or stands as a place name (到巴东, 巴东地处, 巴东等,
  A、巴东、B) outside an organisation's name (巴东医院) and a list of rivers; those of
  prefectures (南京, 恩施) count on their own; quoted stems and stems followed by a village
  or town name do not count;
- ordinary words among stems and short names (合作, 和平, 城区) need a cue or an ancestor
  right before them.

A name shared by several units (鼓楼区, 普陀区) is resolved by an ancestor right before it,
then by related units in the same sentence, in the article, then by province; what stays
ambiguous is left out (江北区 alone: Ningbo's, or Chongqing's former district).

Former units (``Region.until``) are read at the report's year: the unit then in force, or
today's unit that took it over when the report is later (the fact then says ``current``
where the code is a former unit's).

The rules and the facts about each surface are in :mod:`duikou.extract.region_rules`, the
resolution of shared names in :mod:`duikou.extract.region_resolve`.
"""
from __future__ import annotations

from functools import cached_property

from duikou.extract.context import Context
from duikou.extract.mentions import RegionMention
from duikou.extract.region_resolve import Cand, Resolver, SentenceOf
from duikou.extract.region_rules import Match, Rules, Surface, is_han, matches, rules
from duikou.extract.registry import extractor
from duikou.reference.gazetteer import Gazetteer, gazetteer

NAME = "regions"
VERSION = "2"  # 2: cross-checked table, former units, stems as place names


class _Local:
    """The local tests of one match, each computed at most once, when an entry needs it."""

    def __init__(self, art: _Article, m: Match, town: bool):
        self.art = art
        self.m = m
        self.town = town  # a township's name follows the match (沛县龙固镇)

    @cached_property
    def stem_cue(self) -> bool:
        return self.art._stem_cue(self.m)

    @cached_property
    def framed(self) -> bool:
        """Whether the stem stands as a place name here (see ``_Article._stem_frame``)."""
        return self.art._stem_frame(self.m)

    @cached_property
    def listed(self) -> str:
        """The unit word of a count closing a list of stems (罗城、龙胜两县), else ``""``."""
        text, r, end = self.art.text, self.art.r, self.m.end
        lm = r.list_count_re.match(text, end, end + 40) if text[end: end + 1] in r.list_first else None
        return lm.group(1) if lm else ""

    @cached_property
    def short_reject(self) -> bool:
        return len(self.m.info.surface) == 2 and self.art._short_reject(self.m)

    @cached_property
    def short_cue(self) -> bool:
        return self.town or self.art._short_cue(self.m)


class _Article(Resolver):
    """The decisions for one text."""

    def __init__(self, text: str, g: Gazetteer, rules: Rules, year: int | None = None):
        self.text = text
        self.g = g
        self.r = rules
        self.year = year
        self.link = rules.adjacent_link
        self.matches = matches(text, g, rules)
        self._strong_memo: list[list[str] | None] = [None] * len(self.matches)

    # Where gazetteer names start and end: needed by few stems, so built on first use.
    @cached_property
    def starts(self) -> set[int]:
        return {m.start for m in self.matches}

    @cached_property
    def ends(self) -> set[int]:
        return {m.end for m in self.matches}

    # -- local tests -----------------------------------------------------------
    def _after(self, m: Match) -> str:
        return self.text[m.end: m.end + 8]

    def _reject_after(self, m: Match, info: Surface) -> bool:
        nxt = self.text[m.end: m.end + 1]
        return bool(nxt) and nxt in info.reject_next

    def _quoted(self, m: Match) -> bool:
        before = self.text[m.start - 1] if m.start else ""
        after = self.text[m.end: m.end + 1]
        return before in self.r.open_q and after in self.r.close_q

    def _place_inside(self, m: Match) -> bool:
        # Within the same 8-character window the other local tests look at.
        return self.r.place_re.match(self.text, m.end, m.end + 8) is not None

    def _stem_cue(self, m: Match) -> bool:
        return self._after(m).startswith(self.r.stem_cues)

    def _stem_frame(self, m: Match) -> bool:
        """Whether a bare stem stands as a place name: after a word of motion or place (到, 赴,
        来自, 立足), in a list of region names (A、B、C; the last item too), or before punctuation, 的, 等 or a verb
        of location (地处); not before an organisation's word (医院, 中学: a name inside an
        organisation's name) and not in a list of rivers (滹沱河、沙河)."""
        text, r = self.text, self.r
        after = text[m.end: m.end + 4]
        if after.startswith(r.stem_org_next):
            return False
        if m.info.surface.endswith(r.stem_river_ends) and self._among_rivers(m):
            return False
        if text[max(0, m.start - 4): m.start].endswith(r.stem_cues_before):
            return True
        before = text[m.start - 1: m.start] if m.start else ""
        # A Han character before the stem that is no word of its own may make the stem part
        # of a longer word (大彻大悟) or a given name (书记赵东明).
        loose = is_han(before) and before not in r.stem_before_words
        # A list of names: a separator and another gazetteer name right after it.
        if after[:1] in r.stem_list_joins and (m.end + 1) in self.starts:
            return not (loose and before in r.surnames)
        # ...or its last item: a gazetteer name right before the separator ("A与<stem>建立…")
        if before in r.stem_list_joins and (m.start - 1) in self.ends:
            return True
        if loose:
            return False
        return after[:1] in r.stem_after_punct or after.startswith(r.stem_cues_after)

    def _among_rivers(self, m: Match) -> bool:
        """Whether the list item before or after the stem is a river's name that names no
        region (滹沱河、沙河、滏阳河), so the stem is the river too."""
        text, r, ends = self.text, self.r, self.ends
        seps = r.stem_list_joins
        if m.start >= 2 and text[m.start - 1] in seps and text[m.start - 2] in r.stem_river_ends \
                and (m.start - 1) not in ends:
            return True
        if text[m.end: m.end + 1] in seps:
            for k in range(m.end + 2, min(len(text), m.end + 7)):
                ch = text[k]
                if not is_han(ch) or ch in seps:
                    break
                if ch in r.stem_river_ends and (k + 1) not in ends and \
                        (k + 1 >= len(text) or not is_han(text[k + 1]) or text[k + 1] in seps):
                    return True
        return False

    def _short_cue(self, m: Match) -> bool:
        after = self._after(m)
        unit = m.surface[-1]
        return after.startswith(self.r.short_cues_plain) or (
            after.startswith(unit) and after[1:].startswith(self.r.short_cues))

    def _short_reject(self, m: Match) -> bool:
        return self._after(m).startswith(self.r.short_reject)

    # -- acceptance -------------------------------------------------------------
    def _strong(self, i: int) -> list[str]:
        """Codes of match ``i`` that count whatever else the article says."""
        out = self._strong_memo[i]
        if out is None:
            m = self.matches[i]
            out = self._strong_memo[i] = self._strong_uncached(m, m.info)
        return out

    def _strong_uncached(self, m: Match, info: Surface) -> list[str]:
        if not info.strong or self._reject_after(m, info):
            return []
        if not info.conditional:
            return [code for code, _ in info.strong]
        free = not self._quoted(m) and not self._place_inside(m)
        return [code for code, cond in info.strong if free or not cond]


    def _town(self, m: Match, info: Surface) -> bool | None:
        """None when the text around the match rejects it (the unit word starts a word, quotes,
        a place named after the region); else whether a township's name follows it."""
        # _reject_after, _quoted and _place_inside, inlined (this runs for most matches).
        text, r = self.text, self.r
        nxt = text[m.end: m.end + 1]
        if nxt and nxt in info.reject_next:
            return None
        if (text[m.start - 1] if m.start else "") in r.open_q and nxt in r.close_q:
            return None
        place = r.place_re.match(text, m.end, m.end + 8)
        if place is None:
            return False
        # A unit's own two-character name followed by a township's (沛县龙固镇): the county is
        # named as the township's parent. A stem followed by one is a place named after the
        # region (巴东村), not the region.
        if place.end() == m.end or not info.has_name:
            return None
        return True

    def _accept(self, i: int, prev: Cand | None, present: set[str], context: set[str]) -> tuple[list[str], bool]:
        """Codes of match ``i`` that count given the article; and whether it is a bare stem."""
        m = self.matches[i]
        info = m.info
        if info.strong:
            strong = self._strong(i)
            if strong:
                return strong, False
        town = self._town(m, info)
        if town is None:
            return [], False
        text, link = self.text, self.link
        # Right after the previous region, or (not for ordinary words: 乌鲁木齐的天山天池) after
        # it and 的 (福建的武夷山): its codes, whose descendants are read here.
        adjacent = prev is not None and (prev.end == m.start or (
            not info.common and prev.end == m.start - len(link) and text.startswith(link, prev.end)))
        before = prev.codes if adjacent and prev is not None else []
        entries = info.entries
        if info.title_before and m.start and text[m.start - 1] in info.title_before:
            entries = info.unstemmed  # 县长沙某某: the stem's first character ends a title
        local = _Local(self, m, town)
        out: list[str] = []
        weak: list[str] = []  # stems used as place names: kept only when no other reading counts
        stem = False
        for code, kind, level, anc in entries:
            right_after_ancestor = any(c in anc for c in before)
            in_article = not anc.isdisjoint(context)
            if kind == "stem":
                stem = True
                verdict = self._stem_verdict(local, code, level, right_after_ancestor, in_article, code in present)
                if verdict == "weak":
                    weak.append(code)
                elif verdict == "yes":
                    out.append(code)
            elif kind == "name" or level != "province":  # two-character official name or short form (克州)
                if self._short_ok(local, right_after_ancestor, in_article):
                    out.append(code)
        if not out and len(weak) > 1:
            weak = self._city_over_county(weak)
        return out or weak, stem

    def _stem_verdict(self, local: _Local, code: str, level: str, right_after_ancestor: bool, in_article: bool,
                      full_there: bool) -> str:
        """``"yes"``, ``"weak"`` (a place-name use) or ``"no"`` for a bare stem's reading ``code``."""
        if local.town:
            return "no"
        common = local.m.info.common
        cued = local.stem_cue or right_after_ancestor
        if common:
            ok = (full_there or in_article) and cued
        else:
            # A prefecture's short name (南京, 恩施) is distinctive enough on its own; a county's
            # (巴东) needs its full name in the article, or an ancestor there and a cue here...
            ok = level == "prefecture" or full_there or (in_article and cued)
            if not ok and in_article and local.framed:
                return "weak"  # ...or an ancestor there and the stem used as a place name here (到巴东)
        if not ok and (full_there or in_article or not common):
            # A count of units closing a list of stems (罗城、龙胜两县) is the cue.
            ok = bool(local.listed) and self.g.regions[code].name.endswith(local.listed)
        return "yes" if ok else "no"

    def _short_ok(self, local: _Local, right_after_ancestor: bool, in_article: bool) -> bool:
        """Whether a two-character official name or short form counts here."""
        if local.short_reject:
            return False
        cued = local.short_cue or right_after_ancestor
        return cued if local.m.info.common else cued or in_article

    def _city_over_county(self, codes: list[str]) -> list[str]:
        """Of a county-level city and a county sharing its stem and its parent (伊宁市, 伊宁县),
        a bare stem names the city, as it is used."""
        regions = self.g.regions
        cities = [c for c in codes if regions[c].name.endswith("市")]
        if len(cities) == 1:
            city = regions[cities[0]]
            if all(regions[c].name.endswith("县") and regions[c].parent == city.parent for c in codes if c != city.code):
                return cities
        return codes

    def _scan(self, present: set[str], context: set[str], strong_only: bool) -> list[Cand]:
        """Leftmost-longest pass over the matches with the given article knowledge."""
        out: list[Cand] = []
        pos = 0
        prev: Cand | None = None
        for i, m in enumerate(self.matches):
            if m.start < pos:
                continue
            wb = m.info.word_before
            if wb is not None and m.start and self.text[m.start - 1] in wb and (prev is None or prev.end != m.start):
                # The first character ends a word begun before it; a later overlapping name
                # (西藏 in 肯定西藏) may still be read. Not right after another region (江西南昌).
                continue
            if m.info.river and self.text.startswith(self.r.river_after, m.end):
                continue  # 某江峡谷, 某江下游: the river, not the region
            if strong_only:
                if not m.info.strong:
                    continue  # most matches: nothing to compute
                codes, stem = self._strong(i), False
            else:
                codes, stem = self._accept(i, prev, present, context)
            if codes:
                if m.info.former and len(codes) > 1:
                    codes = self._in_force(codes)
                c = Cand(m.start, m.end, m.info.surface, codes, stem)
                out.append(c)
                prev = c
                pos = m.end
        return out

    def run(self, sentence_of: SentenceOf) -> list[Cand]:
        """The resolved candidates: strong names first, then the rest read with what they tell."""
        strong = self._scan(set(), set(), strong_only=True)
        self._resolve(strong, sentence_of)
        present = {code for c in strong for code in c.codes}
        context = {c.resolved for c in strong if c.resolved}
        cands = self._scan(present, context, strong_only=False)
        self._resolve(cands, sentence_of)
        return [c for c in cands if c.resolved]


def find_regions(text: str, sentence_of: SentenceOf | None = None, year: int | None = None) -> list[RegionMention]:
    """Every region mention in ``text``, in text order (see the module docstring).

    ``year`` is the report's year: a unit named by a former name or code is the former unit
    while it was in force, today's unit after. A report with no date is read at the year set
    in ``data/region_context.yaml`` (the era of the inputs): a unit given up long before it
    (那曲地区, 2017) is read as today's unit, one given up after it (江北区, 2025) as the unit
    the report was most likely written under.
    """
    g = gazetteer()
    context_rules = rules()
    if year is None:
        year = context_rules.undated_year
    sentence_of = sentence_of or (lambda pos: 0)
    out = []
    regions = g.regions
    for c in _Article(text, g, context_rules, year).run(sentence_of):
        r = regions[c.resolved]  # type: ignore[index]
        if r.until is not None and r.successor and year > r.until:
            r = regions[r.successor]  # Gazetteer.in_force, inlined: this runs for every mention
        out.append(RegionMention(c.start, c.end, r.code, r.name, r.level, c.surface, r.parent))
    return out


def _year(published: str | None) -> int | None:
    if published and len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None


@extractor(NAME, version=VERSION, reads=("text",), adds=("regions",))
def extract_regions(ctx: Context) -> None:
    """Region mentions (layer ``regions``) and one ``regions`` fact per distinct code."""
    g = gazetteer()
    mentions = find_regions(ctx.text, ctx.sentence_index, _year(ctx.doc.published))
    ctx.layer("regions").extend(mentions)
    seen: set[str] = set()
    for m in mentions:
        if m.code in seen:
            continue
        seen.add(m.code)
        data = {"code": m.code, "name": m.name, "level": m.level}
        current = g.current(m.code)
        if current != m.code:
            data["current"] = current  # a former unit: the code of today's unit that took it over
        ctx.add("regions", data, m.start, m.end, NAME, VERSION)
