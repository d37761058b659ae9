"""Which date a position in the text is about, for events and agreements.

News narrative runs forward: an undated sentence is about the day most
recently named before it. Only day-precision dates anchor events; years and
months ("2016年以来", "去年") describe background, not the event, and the
page's own header or dateline date is when it was published, not when
anything happened.
"""
from __future__ import annotations

from bisect import bisect_right

from duikou.extract.context import Context
from duikou.extract.mentions import DateMention


class DateIndex:
    """Day-precision date mentions of a document, searchable by position."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.days: list[DateMention] = [d for d in ctx.layer("dates") if getattr(d, "precision", "day") == "day"]
        self.days.sort(key=lambda d: d.start)
        self._starts = [d.start for d in self.days]
        # a page's header or dateline date (precision "published") is neither
        self._coarse = sorted(d.start for d in ctx.layer("dates") if getattr(d, "precision", "day") in ("month", "year"))

    def coarse_before(self, pos: int) -> bool:
        """True when the sentence names only a month or a year before ``pos`` ("10月下旬，…"):
        its events are not on the day named earlier in the document."""
        s, _ = self.ctx.sentence_at(pos)
        i = bisect_right(self._coarse, s - 1)
        return i < len(self._coarse) and self._coarse[i] < pos

    def in_span(self, start: int, end: int) -> list[DateMention]:
        """Day dates inside ``[start, end)``, in text order."""
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.days) and self.days[i].start < end:
            out.append(self.days[i])
            i += 1
        return out

    def own(self, pos: int) -> DateMention | None:
        """The date the sentence around ``pos`` names itself (the last one before ``pos``, else the first)."""
        s, e = self.ctx.sentence_at(pos)
        ds = self.in_span(s, e)
        if not ds:
            return None
        before = [d for d in ds if d.end <= pos]
        return before[-1] if before else ds[0]

    def context(self, pos: int) -> DateMention | None:
        """The most recent day date named before ``pos`` in the document."""
        i = bisect_right(self._starts, pos) - 1
        while i >= 0:
            d = self.days[i]
            if d.end <= pos:
                return d
            i -= 1
        return None
