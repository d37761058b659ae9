"""The region a person serves: the regions named around a title, a list head or a body.

The region is the one of the government title; for a bureau, company or village post it is
the region printed in the body's name before it (某某市商务局副局长, 某某县某某村党支部书记), and a
township or village post serves its county; a bare level word (市领导, 县医院) stands for the
document's own unit of that level.
"""
from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter

from duikou.extract.context import Context
from duikou.extract.mentions import RegionMention
from duikou.extract.people.chars import is_name_char
from duikou.extract.people.lexicon import Lexicon, level_ok
from duikou.reference.gazetteer import gazetteer

# Sort key as a C function rather than a lambda (same order).
_START_END = attrgetter("start", "end")


class Places:
    """The region layer of one document, indexed for the lookups of the person rules."""

    def __init__(self, ctx: Context, v: Lexicon):
        self.ctx = ctx
        self.text = ctx.text
        self.v = v
        regions = sorted(ctx.layers.get("regions", []), key=_START_END)
        self.regions: list[RegionMention] = regions
        self._r_starts = [r.start for r in regions]
        self._top_county: tuple[str | None] | None = None
        self.by_end: dict[int, RegionMention] = {}
        for r in regions:
            self.by_end[r.end] = r
        self._main: dict[str, RegionMention | None] = {}

    def covered(self, pos: int) -> RegionMention | None:
        """The region mention covering ``pos``, if any."""
        i = bisect_right(self._r_starts, pos) - 1
        while i >= 0 and self.regions[i].start > pos - 40:
            if self.regions[i].start <= pos < self.regions[i].end:
                return self.regions[i]
            i -= 1
        return None

    def main_region(self, level: str) -> RegionMention | None:
        """The document's first region whose name ends with the level word.

        With none, the unit of that level above the regions named (我市城口县: 重庆市).
        """
        if level not in self._main:
            allowed = self.v.levels.get(level, ())
            hit = None
            for r in self.regions:
                if level_ok(r.name, level) and r.level in allowed:
                    hit = r
                    break
            if hit is None:
                hit = self._implied(level, allowed)
            self._main[level] = hit
        return self._main[level]

    def _implied(self, level: str, allowed: tuple[str, ...]) -> RegionMention | None:
        """The one unit of that level that contains every region named (none when they differ)."""
        g = gazetteer()
        hit: RegionMention | None = None
        for r in self.regions:
            for a in g.ancestors(r.code):
                if a.level in allowed and level_ok(a.name, level):
                    if hit is not None and hit.code != a.code:
                        return None
                    hit = hit or RegionMention(r.start, r.end, a.code, a.name, a.level, r.surface, a.parent)
                    break
            else:
                if r.level in allowed and level_ok(r.name, level):
                    continue
                return None  # a region outside any unit of that level
        return hit

    def recent_region(self, level: str, pos: int) -> RegionMention | None:
        """The last region of that level named earlier in the sentence of ``pos``
        (某某区委书记甲，区委副书记、区长乙), else the document's main one."""
        allowed = self.v.levels.get(level, ())
        s0, _ = self.ctx.sentence_at(pos)
        i = bisect_right(self._r_starts, pos) - 1
        while i >= 0 and self.regions[i].start >= s0:
            r = self.regions[i]
            if r.end <= pos and level_ok(r.name, level) and r.level in allowed:
                return r
            i -= 1
        return self.main_region(level)

    def own_region(self, level: str) -> RegionMention | None:
        """The region that 我县/我市 stands for: the one of that level named most often."""
        allowed = self.v.levels.get(level, ())
        counts: dict[str, int] = {}
        first: dict[str, RegionMention] = {}
        for r in self.regions:
            if level_ok(r.name, level) and r.level in allowed:
                counts[r.code] = counts.get(r.code, 0) + 1
                first.setdefault(r.code, r)
        if not counts:
            return self.main_region(level)
        best = max(counts.values())
        return next(first[c] for c in first if counts[c] == best)

    def head_region(self, pos: int) -> RegionMention | None:
        """The region printed right before ``pos`` (巴东县|领导), or the main one of ``X领导``."""
        r = self.by_end.get(pos)
        if r is not None:
            return r
        if pos == 0 or self.text[pos - 1] not in self.v.levels:
            return None
        r = self.by_end.get(pos - 1)  # 宜昌|市领导 when only the stem was matched
        if r is not None:
            return r
        before = self.text[pos - 2] if pos >= 2 else ""
        g = self.v.g
        if before in g.several_units:
            return None  # 各县领导, 两市领导: several regions
        if before == "我":
            return self.own_region(self.text[pos - 1])  # 我县领导
        if not before or not is_name_char(before) or before in g.own_unit:
            return self.main_region(self.text[pos - 1])  # 市领导, 本市领导
        return None

    def county_of(self, pos: int) -> str | None:
        """The county-level region named last before ``pos`` in its sentence, else the one
        named most often in the document (a township or village post serves that county)."""
        s0, _ = self.ctx.sentence_at(pos)
        i = bisect_right(self._r_starts, pos) - 1
        while i >= 0 and self.regions[i].start >= s0:
            if self.regions[i].level == "county" and self.regions[i].end <= pos:
                return self.regions[i].code
            i -= 1
        if self._top_county is None:  # the document's, counted once (per call it is quadratic on a huge page)
            counts: dict[str, int] = {}
            for r in self.regions:
                if r.level == "county":
                    counts[r.code] = counts.get(r.code, 0) + 1
            self._top_county = (max(counts, key=lambda c: counts[c]) if counts else None,)
        return self._top_county[0]

    def org_region(self, lo: int, hi: int) -> str | None:
        """The region of the body printed in ``text[lo:hi]`` before a title: the last county or
        higher region named there (某某市某某区某某镇某某村), or the document's own one for a bare
        level word (省水利厅, 县医院). None for universities, companies and associations."""
        text, g = self.text, self.v.g
        while lo < hi and text[lo] in g.leading:
            lo += 1  # 据自治区人社厅…: a preposition before the body
        seg = text[lo:hi]
        if not seg or any(w in seg for w in self.v.no_region_orgs):
            return None
        i = bisect_right(self._r_starts, hi) - 1
        while i >= 0 and self.regions[i].start >= lo:
            r = self.regions[i]
            if r.end <= hi and r.level in ("province", "prefecture", "county"):
                return r.code
            i -= 1
        main: RegionMention | None
        if seg.startswith("自治区"):
            main = self.main_region("自治区")
        elif seg[0] in g.bare_levels and seg[:2] not in g.not_level_words and self.covered(lo) is None:
            main = self.main_region(seg[0])
        else:
            return None
        return main.code if main is not None else None
