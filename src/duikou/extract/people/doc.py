"""One document under extraction: its text, the names cut so far and the mentions found."""
from __future__ import annotations

from duikou.extract.context import Context
from duikou.extract.mentions import PersonMention
from duikou.extract.people.lexicon import lexicon
from duikou.extract.people.markers import Cues, anchor_hits, cues
from duikou.extract.people.names import Names
from duikou.extract.people.places import Places

# A mention found, the start of the span its evidence covers (the first title), and the rank of
# its region: 3 from a government title, 2 from a list head or a body, 1 other, 0 none.
Found = tuple[PersonMention, int, int]


class Doc:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.text = ctx.text
        self.v = lexicon()
        self.c: Cues = cues()
        self.names = Names(self.text, self.v)
        self.places = Places(ctx, self.v)
        self.hits = anchor_hits(self.text)  # marker words of journalists, residents and the weak cues
        self.found: list[Found] = []
        # the same, by the mention's (start, end): looked up per career summary (a scan each is quadratic)
        self.found_at: dict[tuple[int, int], list[Found]] = {}
        # Spans of names whose posts come from a career summary (某某曾任…): never the best-titled
        # mention, so the posts printed before the name lead his titles.
        self.careers: set[tuple[int, int]] = set()

    def add(self, start: int, end: int, titles: list[str], region: str | None, role: str, rank: int,
            span_start: int | None = None) -> None:
        """Record the name ``text[start:end]`` with what is printed around it."""
        name = self.text[start:end]
        self.names.known.add(name)
        m = PersonMention(start, end, name, list(titles), region, role)
        entry = (m, start if span_start is None else span_start, rank)
        self.found.append(entry)
        self.found_at.setdefault((start, end), []).append(entry)

    def fresh(self, start: int, end: int) -> bool:
        """``text[start:end]`` is a new name on a weak cue: not known yet, no ordinary word, no region."""
        return self.text[start:end] not in self.names.known and self.names.plain_ok(start, end, True) \
            and self.places.covered(start) is None
