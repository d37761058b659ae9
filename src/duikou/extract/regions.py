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
"""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import NamedTuple

from duikou.reference import vocab
from duikou.errors import ConfigError
from duikou.extract.context import Context
from duikou.extract.mentions import RegionMention
from duikou.extract.registry import extractor
from duikou.reference.gazetteer import Gazetteer, gazetteer

NAME = "regions"
VERSION = "2"  # 2: cross-checked table, former units, stems as place names


class _Cand:
    """An accepted match with the codes it may still denote."""

    # A plain class with slots: built for every accepted match of both scans, and a
    # dataclass __init__ was a visible share of the extractor's time.
    __slots__ = ("start", "end", "surface", "codes", "stem", "resolved")

    def __init__(self, start: int, end: int, surface: str, codes: list[str], stem: bool):
        self.start = start
        self.end = end
        self.surface = surface
        self.codes = codes
        self.stem = stem
        self.resolved: str | None = None


class _Rules:
    def __init__(self, data: dict):
        self.stem_cues = tuple(data["stem_cues"])
        self.short_cues = tuple(data["short_name_cues"])
        self.short_cues_plain = tuple(data["short_name_cues_plain"])
        self.short_reject = tuple(data["short_name_reject_next"])
        self.reject_after = {k: tuple(v) for k, v in data["reject_after_last"].items()}
        self.place_suffixes = tuple(data["place_suffixes"])
        self.place_gap = int(data["place_max_gap"])
        self.place_exceptions = tuple(data["place_exceptions"])
        self.stem_cues_before = tuple(data["stem_cues_before"])
        self.stem_cues_after = tuple(data["stem_cues_after"])
        self.stem_after_punct = frozenset(data["stem_after_punctuation"])
        self.stem_list_joins = frozenset(data["stem_list_joins"])
        self.stem_org_next = tuple(data["stem_organisation_next"])
        self.undated_year = int(data["undated_report_year"])
        self.recent_change = int(vocab.load("region_aliases").get("former_short_forms_since", 0))
        self.stem_before_words = frozenset(data["stem_before_words"])
        self.stem_river_ends = tuple(data["stem_river_ends"])
        self.surnames = frozenset(str(vocab.load("surnames").get("single") or ""))
        self.open_q = set(data["open_quotes"])
        self.close_q = set(data["close_quotes"])
        self.common = frozenset(data["common_words"])
        self.title_overlap = {k: frozenset(v) for k, v in data["stem_title_overlap"].items()}
        self.word_before = {k: frozenset(v) for k, v in data["word_before_two_char"].items()}
        self.river_after = tuple(data["river_words_after"])
        counts = "".join(re.escape(w) for w in data["list_count_words"])
        seps = "".join(re.escape(w) for w in data["list_separators"])
        # After a stem: more stems of the list (2-4 Han characters each), then the count and the
        # unit word (罗城|、龙胜两县); the unit word is group 1.
        self.list_first = frozenset(data["list_count_words"]) | frozenset(data["list_separators"])
        self.list_count_re = re.compile(f"(?:[{seps}][\u4e00-\u9fff]{{2,4}}?){{0,6}}[{counts}]{{1,2}}([县市区旗州])")
        # The place-name test as one regex instead of a Python loop over the next characters:
        # up to ``place_gap`` Han characters that start neither an exception nor a suffix, then
        # a suffix that starts no exception. Equivalent because every suffix starts with a Han
        # character (checked here).
        if not all(s and _is_han(s[0]) for s in self.place_suffixes):
            raise ConfigError("region_context.yaml: every place_suffixes entry must start with a Han character")
        exc = "|".join(re.escape(w) for w in self.place_exceptions) or "(?!)"
        suf = "|".join(re.escape(w) for w in self.place_suffixes) or "(?!)"
        self.place_re = re.compile(f"(?:(?!{exc}|{suf})[\u4e00-\u9fff]){{0,{self.place_gap}}}(?!{exc})(?={suf})")


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _Rules(vocab.load("region_context"))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class _Surface:
    """What the rules need to know about one gazetteer surface, computed once per process.

    The per-match work of the scans was dominated by the same lookups repeated for every
    occurrence of a surface (levels, ancestor sets, vocabulary tests), so they are read
    here once per surface instead.
    """

    __slots__ = ("surface", "common", "reject_next", "strong", "conditional", "entries", "title_before",
                 "unstemmed", "former", "has_name", "word_before", "river")

    def __init__(self, surface: str, g: Gazetteer, rules: _Rules):
        self.surface = surface
        found = g.entries(surface)
        # Whether a former unit (江北区 of Chongqing, merged in 2025) is among the readings.
        self.former = any(g.regions[e.code].until is not None for e in found)
        current_name = any(e.kind == "name" and g.regions[e.code].until is None for e in found)
        # A former unit's two-character name is an ordinary word as often as not (发达县).
        self.common = surface in rules.common or (len(surface) == 2 and not current_name and any(
            e.kind == "name" and g.regions[e.code].until is not None for e in found))
        self.reject_next = rules.reject_after.get(surface[-1], ())
        # Codes that count whatever the article says (official names and aliases of 3+
        # characters), and whether some of them still depend on the match not being quoted
        # or inside a place name (province short names): (code, conditional) in entry order.
        # The three-character name of a unit given up long ago is out of use and often part
        # of a phrase (X + 山区, X + 城市): it counts like a two-character name, unless a unit
        # of today bears it too (江北区), where the context must choose between them.
        strong: list[tuple[str, bool]] = []
        entries: list[tuple[str, str, str, frozenset[str]]] = []
        for e in found:
            r = g.regions[e.code]
            level = r.level
            if e.kind in ("name", "alias") and (len(surface) >= 4 or (len(surface) == 3 and (
                    r.until is None or r.until >= rules.recent_change or current_name))):
                strong.append((e.code, False))
            elif e.kind == "alias" and level == "province" and not self.common:
                strong.append((e.code, True))
            entries.append((e.code, e.kind, level, g.ancestor_codes(e.code)))
        self.strong = tuple(strong)
        self.has_name = any(e[1] == "name" for e in entries)
        self.conditional = any(cond for _, cond in strong)
        self.entries = tuple(entries)
        # Characters before the match that make its first character the end of a title (县|长沙),
        # and the entries left then (no stems); None when the surface has no such reading.
        before = rules.title_overlap.get(surface[0]) if any(e[1] == "stem" for e in entries) else None
        self.title_before = before
        self.unstemmed = tuple(e for e in entries if e[1] != "stem") if before else self.entries
        # Characters before a two-character surface that make its first character the end of
        # an ordinary word (天山|南北, 肯定|西藏): None when there are none.
        self.word_before = rules.word_before.get(surface[0]) if len(surface) == 2 else None
        # A name ending like a river's (怒江, 牡丹江) may name the river (see river_words_after);
        # a province's (浙江, 黑龙江) is read as the province.
        self.river = surface.endswith(rules.stem_river_ends) and all(e[2] != "province" for e in entries)


class _Match(NamedTuple):
    """A gazetteer hit with the facts about its surface."""

    start: int
    end: int
    info: _Surface

    @property
    def surface(self) -> str:
        return self.info.surface


@lru_cache(maxsize=1)
def _infos() -> list[_Surface | None]:
    """Surface facts by gazetteer surface index, filled on first use (see :func:`_matches`)."""
    return [None] * len(gazetteer().surfaces)


def _matches(text: str, g: Gazetteer, rules: _Rules) -> list[_Match]:
    infos, surfaces = _infos(), g.surfaces
    new = tuple.__new__  # a NamedTuple's own __new__ is Python code; this is not
    out = []
    for idx, start, end in g.find_indexes(text):
        info = infos[idx]
        if info is None:
            info = infos[idx] = _Surface(surfaces[idx], g, rules)
        out.append(new(_Match, (start, end, info)))
    return out


class _Article:
    """The decisions for one text."""

    def __init__(self, text: str, g: Gazetteer, rules: _Rules, year: int | None = None):
        self.text = text
        self.g = g
        self.r = rules
        self.year = year
        self.matches = _matches(text, g, rules)
        self._strong_memo: list[list[str] | None] = [None] * len(self.matches)

    # Where gazetteer names start and end: needed by few stems, so built on first use.
    @cached_property
    def starts(self) -> set[int]:
        return {m.start for m in self.matches}

    @cached_property
    def ends(self) -> set[int]:
        return {m.end for m in self.matches}

    # -- local tests -----------------------------------------------------------
    def _after(self, m: _Match) -> str:
        return self.text[m.end: m.end + 8]

    def _reject_after(self, m: _Match, info: _Surface) -> bool:
        nxt = self.text[m.end: m.end + 1]
        return bool(nxt) and nxt in info.reject_next

    def _quoted(self, m: _Match) -> bool:
        before = self.text[m.start - 1] if m.start else ""
        after = self.text[m.end: m.end + 1]
        return before in self.r.open_q and after in self.r.close_q

    def _place_inside(self, m: _Match) -> bool:
        # Within the same 8-character window the other local tests look at.
        return self.r.place_re.match(self.text, m.end, m.end + 8) is not None

    def _stem_cue(self, m: _Match) -> bool:
        return self._after(m).startswith(self.r.stem_cues)

    def _stem_frame(self, m: _Match) -> bool:
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
        loose = _is_han(before) and before not in r.stem_before_words
        # A list of names: a separator and another gazetteer name right after it.
        if after[:1] in r.stem_list_joins and (m.end + 1) in self.starts:
            return not (loose and before in r.surnames)
        # ...or its last item: a gazetteer name right before the separator ("A与<stem>建立…")
        if before in r.stem_list_joins and (m.start - 1) in self.ends:
            return True
        if loose:
            return False
        return after[:1] in r.stem_after_punct or after.startswith(r.stem_cues_after)

    def _among_rivers(self, m: _Match) -> bool:
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
                if not _is_han(ch) or ch in seps:
                    break
                if ch in r.stem_river_ends and (k + 1) not in ends and \
                        (k + 1 >= len(text) or not _is_han(text[k + 1]) or text[k + 1] in seps):
                    return True
        return False

    def _short_cue(self, m: _Match) -> bool:
        after = self._after(m)
        unit = m.surface[-1]
        return after.startswith(self.r.short_cues_plain) or (
            after.startswith(unit) and after[1:].startswith(self.r.short_cues))

    def _short_reject(self, m: _Match) -> bool:
        return self._after(m).startswith(self.r.short_reject)

    # -- acceptance -------------------------------------------------------------
    def _strong(self, i: int) -> list[str]:
        """Codes of match ``i`` that count whatever else the article says."""
        out = self._strong_memo[i]
        if out is None:
            m = self.matches[i]
            out = self._strong_memo[i] = self._strong_uncached(m, m.info)
        return out

    def _strong_uncached(self, m: _Match, info: _Surface) -> list[str]:
        if not info.strong or self._reject_after(m, info):
            return []
        if not info.conditional:
            return [code for code, _ in info.strong]
        free = not self._quoted(m) and not self._place_inside(m)
        return [code for code, cond in info.strong if free or not cond]

    def _accept(self, i: int, prev: _Cand | None, present: set[str], context: set[str]) -> tuple[list[str], bool]:
        """Codes of match ``i`` that count given the article; and whether it is a bare stem."""
        m = self.matches[i]
        info = m.info
        if info.strong:
            strong = self._strong(i)
            if strong:
                return strong, False
        # _reject_after, _quoted and _place_inside, inlined (this runs for most matches).
        text, r = self.text, self.r
        nxt = text[m.end: m.end + 1]
        if nxt and nxt in info.reject_next:
            return [], False
        if (text[m.start - 1] if m.start else "") in r.open_q and nxt in r.close_q:
            return [], False
        town = False
        place = r.place_re.match(text, m.end, m.end + 8)
        if place is not None:
            # A unit's own two-character name followed by a township's (沛县龙固镇): the
            # county is named as the township's parent. A stem followed by one is a place
            # named after the region (巴东村), not the region.
            if place.end() == m.end or not info.has_name:
                return [], False
            town = True
        common = info.common
        # Right after the previous region, or (not for ordinary words: 乌鲁木齐的天山天池) after
        # it and 的 (福建的武夷山).
        adjacent = prev is not None and (prev.end == m.start or (
            not info.common and prev.end == m.start - 1 and text[prev.end] == "的"))
        out: list[str] = []
        stem = False
        # The local tests depend on the match only: computed at most once, when an entry needs them.
        stem_cue = short_cue = short_reject = None
        entries = info.entries
        if info.title_before and m.start and text[m.start - 1] in info.title_before:
            entries = info.unstemmed  # 县长沙某某: the stem's first character ends a title
        listed = None  # the unit word of a closing count (罗城、龙胜两县), computed when a stem needs it
        framed = None  # whether the stem stands as a place name here (_stem_frame), when needed
        weak: list[str] = []
        for code, kind, level, anc in entries:
            right_after_ancestor = adjacent and any(c in anc for c in prev.codes)  # type: ignore[union-attr]
            in_article = not anc.isdisjoint(context)
            if kind == "stem":
                stem = True
                if stem_cue is None:
                    stem_cue = self._stem_cue(m)
                if town:
                    continue
                local = stem_cue or right_after_ancestor
                full_there = code in present
                if common:
                    ok = (full_there or in_article) and local
                else:
                    # A prefecture's short name (南京, 恩施) is distinctive enough on its own;
                    # a county's (巴东) needs its full name in the article, or an ancestor there
                    # and a cue here.
                    ok = level == "prefecture" or full_there or (in_article and local)
                    if not ok and in_article:
                        # ...or an ancestor there and the stem used as a place name here (到巴东,
                        # 巴东地处, 巴东等): kept only when no other reading counts on its own.
                        if framed is None:
                            framed = self._stem_frame(m)
                        if framed:
                            weak.append(code)
                            continue
                if not ok and (full_there or in_article or not common):
                    # A count of units closing a list of stems (罗城、龙胜两县) is the cue.
                    if listed is None:
                        lm = r.list_count_re.match(text, m.end, m.end + 40) \
                            if text[m.end: m.end + 1] in r.list_first else None
                        listed = lm.group(1) if lm else ""
                    ok = bool(listed) and self.g.regions[code].name.endswith(listed)
            elif kind == "name" or level != "province":  # two-character official name or short form (克州)
                if short_reject is None:
                    short_reject = len(info.surface) == 2 and self._short_reject(m)
                if short_reject:
                    continue
                if short_cue is None:
                    short_cue = town or self._short_cue(m)
                local = short_cue or right_after_ancestor
                ok = local if common else local or in_article
            else:
                ok = False
            if ok:
                out.append(code)
        if not out and len(weak) > 1:
            weak = self._city_over_county(weak)
        return out or weak, stem

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

    def _scan(self, present: set[str], context: set[str], strong_only: bool) -> list[_Cand]:
        """Leftmost-longest pass over the matches with the given article knowledge."""
        out: list[_Cand] = []
        pos = 0
        prev: _Cand | None = None
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
                c = _Cand(m.start, m.end, m.info.surface, codes, stem)
                out.append(c)
                prev = c
                pos = m.end
        return out

    # -- ambiguity ---------------------------------------------------------------
    def _in_force(self, codes: list[str]) -> list[str]:
        """Drop the readings of a surface that were not in force at the report's date: a
        former unit and the unit that took it over are one place at two times (沙县 the
        county, 沙县 the stem of today's 沙县区); the report's year picks one, and without a
        year today's unit is meant. Units of other places stay (江北区 of Ningbo and of
        Chongqing) for the context to decide."""
        regions, year = self.g.regions, self.year
        out = list(codes)
        for code in codes:
            r = regions[code]
            if r.until is None or r.successor not in codes:
                continue
            drop = code if year is None or year > r.until else r.successor
            if drop in out:
                out.remove(drop)
        return out

    def _pick(self, codes: list[str], evidence: set[str]) -> str | None:
        # Gazetteer.related(c, e) spelt out with the ancestor sets: this runs per candidate code
        # and evidence code.
        anc = self.g.ancestor_codes
        hit = []
        for c in codes:
            ac = anc(c)
            if any(e == c or e in ac or c in anc(e) for e in evidence):
                hit.append(c)
        return hit[0] if len(hit) == 1 else None

    def _pick_known(self, codes: list[str], known: set[str], known_anc: set[str]) -> str | None:
        """``_pick(codes, known)`` with the ancestors of ``known`` gathered once (``known_anc``)."""
        anc = self.g.ancestor_codes
        hit = [c for c in codes if c in known or c in known_anc or not anc(c).isdisjoint(known)]
        return hit[0] if len(hit) == 1 else None

    def _resolve(self, cands: list[_Cand], sentence_of) -> None:
        for c in cands:
            if len(c.codes) == 1:
                c.resolved = c.codes[0]
        if all(c.resolved for c in cands):
            return  # the common case: sentences are not needed
        sentences = [sentence_of(c.start) for c in cands]
        for _ in range(3):
            known = {c.resolved for c in cands if c.resolved}
            if all(c.resolved for c in cands):
                break
            by_sentence: dict[int, set[str]] = {}
            for c, sent in zip(cands, sentences):
                if c.resolved:
                    by_sentence.setdefault(sent, set()).add(c.resolved)
            changed = False
            # the document's codes, their ancestors and provinces, once a round: per candidate they
            # make the cost quadratic on a huge page
            known_anc: set[str] = set().union(*(self.g.ancestor_codes(k) for k in known))
            provs = {self.g.province_of(k) for k in known}
            for i, c in enumerate(cands):
                if c.resolved:
                    continue
                prev = cands[i - 1] if i else None
                # The region written right before (or before and 的: 重庆的江北区), when resolved.
                near = prev.resolved if prev is not None and (prev.end == c.start or (
                    prev.end == c.start - 1 and self.text[prev.end] == "的")) else None
                if near and self.g.regions[near].level == "province":
                    # 新疆和田: a stem written right after its province is that province's prefecture.
                    prefs = [k for k in c.codes if self.g.regions[k].level == "prefecture"
                             and self.g.regions[k].parent == near]
                    if len(prefs) == 1:
                        c.resolved = prefs[0]
                        changed = True
                        continue
                steps = []
                if near:
                    steps.append({near})
                steps.append(by_sentence.get(sentences[i], set()))
                steps.append(known)
                for ev in steps:
                    pick = self._pick_known(c.codes, known, known_anc) if ev is known else self._pick(c.codes, ev)
                    if pick:
                        c.resolved = pick
                        changed = True
                        break
                else:
                    hit = [k for k in c.codes if self.g.province_of(k) in provs]
                    if len(hit) == 1:
                        c.resolved = hit[0]
                        changed = True
            if not changed:
                break

    def run(self, sentence_of) -> list[_Cand]:
        strong = self._scan(set(), set(), strong_only=True)
        self._resolve(strong, sentence_of)
        present = {code for c in strong for code in c.codes}
        context = {c.resolved for c in strong if c.resolved}
        cands = self._scan(present, context, strong_only=False)
        self._resolve(cands, sentence_of)
        return [c for c in cands if c.resolved]


def find_regions(text: str, sentence_of=None, year: int | None = None) -> list[RegionMention]:
    """Every region mention in ``text``, in text order (see the module docstring).

    ``year`` is the report's year: a unit named by a former name or code is the former unit
    while it was in force, today's unit after. A report with no date is read at the year set
    in ``data/region_context.yaml`` (the era of the inputs): a unit given up long before it
    (那曲地区, 2017) is read as today's unit, one given up after it (江北区, 2025) as the unit
    the report was most likely written under.
    """
    g = gazetteer()
    rules = _rules()
    if year is None:
        year = rules.undated_year
    sentence_of = sentence_of or (lambda pos: 0)
    out = []
    regions = g.regions
    for c in _Article(text, g, rules, year).run(sentence_of):
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
