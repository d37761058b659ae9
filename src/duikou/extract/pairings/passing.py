"""Regions named in passing: a venue, a home, a route's end, a label, a list of places, a person's stations.

Such a region takes no side in a co-mention (two regions of one sentence that an official
arrangement pairs).
"""
from __future__ import annotations

from bisect import bisect_left

from duikou.extract.context import Context
from duikou.extract.pairings.clauses import clause_start
from duikou.extract.pairings.sides import Found
from duikou.extract.pairings.vocabulary import clause_pairs, clause_pattern, clause_words, number, patterns
from duikou.extract.parties import Party, party_index


def in_passing(ctx: Context, p: Party, s: int, e: int, venue: bool = True) -> bool:
    """A region named only as a venue ("在<C>上演"), a home or origin ("家住<C>"), a departure
    point ("从<P>出发"), inside a quoted title or slogan, or as an item of a list of
    places closed by 等 ("A、B、C等地"): it takes no side in a co-mention."""
    text, v = ctx.text, patterns()
    if v["venue"].search(text, max(s, p.start - 1), p.start):
        after = (p.end, min(e, p.end + 12))
        if v["show_verb"].search(text, *after) or (venue and v["venue_verb"].search(text, *after)):
            return True
    if v["departure"].match(text, p.end):
        return True
    lead = text[max(clause_start(text, p.start, s), p.start - number("origin_gap")):p.start]
    origin = [m for m in v["origin"].finditer(lead)]
    if origin and not any(c in lead[origin[-1].end():] for c in clause_words("origin_breaks")):
        return True  # "家住<province><prefecture><C>": only region names between
    if _quoted(text, p, s, e):
        return True
    return _loose_list(ctx, p)


def _quoted(text: str, p: Party, s: int, e: int) -> bool:
    """``p`` lies inside quotation marks or a title's 《》, with more than the region quoted and
    no cue word ("“<P>援建”" is a label of the aid itself)."""
    for op, cl in clause_pairs("quote_marks"):
        k = text.rfind(op, s, p.start)
        if k < 0 or text.find(cl, k, p.start) >= 0:
            continue
        j = text.find(cl, p.end, e)
        if j >= 0 and (k + 1, j) != (p.start, p.end) and not patterns()["comention"].search(text, k, j):
            return True
    return False


def _loose_list(ctx: Context, p: Party) -> bool:
    """``p`` is an item of a list of places that qualifies something else or is taken as one
    ("A、B、C等地的企业", "A、B、C三地"): places named together, none of them a side (a list
    closed by "等N省市与…" or "N县" is a list of sides and stays)."""
    items = list_of(ctx, p)
    return len(items) >= 2 and clause_pattern("list_close").match(ctx.text, items[-1].end) is not None


def list_of(ctx: Context, p: Party) -> list[Party]:
    """The places of the 、-list holding ``p`` (``[p]`` when it is in none)."""
    text, idx = ctx.text, party_index(ctx)
    parties = idx.parties
    joiners = clause_words("place_joiners")
    i = bisect_left(idx.starts, p.start)
    if i >= len(parties) or parties[i].start != p.start:
        return [p]
    lo = hi = i
    while lo > 0 and text[parties[lo - 1].end:parties[lo].start] in joiners:
        lo -= 1
    while hi + 1 < len(parties) and text[parties[hi].end:parties[hi + 1].start] in joiners:
        hi += 1
    return parties[lo:hi + 1]


def same_list(ctx: Context, a: Party, b: Party) -> bool:
    """Two regions of one enumeration ("甲、乙、丙等省份"): listed together, not paired."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    k = lo.end
    for p in party_index(ctx).in_span(lo.end, hi.start):
        if ctx.text[k:p.start] != "、":
            return False
        k = p.end
    return ctx.text[k:hi.start] == "、"


def stations(ctx: Context, f: Found) -> bool:
    """Both sides reached by a travel word after 先后 in one sentence: a person's stations."""
    text, v = ctx.text, patterns()
    s, _ = ctx.sentence_at(f.start)
    first, second = sorted((f.helper, f.recipient), key=lambda p: p.start)
    cue = None
    for cue in v["stations"].finditer(text, s, first.start):
        pass
    if cue is None:
        return False

    def reached(p: Party, lo: int) -> bool:
        return v["station_verb"].search(text, max(lo, p.start - 2), p.start) is not None

    return reached(first, cue.end()) and (reached(second, first.end)
                                          or text[first.end:second.start] in clause_words("place_joiners"))


def on_route(text: str, p: Party) -> bool:
    """A region written as an end of a route or a distance ("从A到B", "A至B", "离A"), or as where
    people come from ("A籍学生")."""
    before, after = text[p.start - 1:p.start], text[p.end:p.end + 1]
    return before in clause_words("route_before") or after in clause_words("route_after")


def located(ctx: Context, p: Party) -> bool:
    """A region written as where something lies ("位于某区的某中学"), not as a party."""
    return ctx.text.endswith(clause_words("located"), max(0, p.start - 2), p.start)
