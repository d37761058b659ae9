"""Assembly: the pairs found merged into one :class:`Pairing` per directed pair, and the fallbacks
that a more explicit pair of the document explains dropped."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from duikou.extract.context import Context
from duikou.extract.pairings.clauses import clause_end, clause_start
from duikou.extract.pairings.names import expand_abbreviations
from duikou.extract.pairings.sides import Found, Registry, covers, region_of
from duikou.extract.pairings.vocabulary import aid_areas, clause_words, patterns
from duikou.extract.parties import Party, is_team
from duikou.reference import vocab
from duikou.reference.gazetteer import gazetteer


@dataclass
class Pairing:
    """One directed pair of the document, merged from every place the text pairs its two sides."""
    helper: Party
    recipient: Party
    start: int  # the span of the most explicit place (directed first, then the earliest)
    end: int
    first: int  # where the text first pairs the two
    directed: bool = False
    cues: set[str] = field(default_factory=set)
    weight: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)
    relation: str = "donation"  # standing | donation | relief
    trip: bool = True  # every place is a trip
    explicit: bool = False  # some place is neither a trip nor a fallback
    since: int | None = None


Merged = dict[tuple[str, str], Pairing]


def main_pair(merged: Merged) -> tuple[str, str]:
    """The document's main pairing: the most supported, the first written among equals."""
    return max(merged, key=lambda k: (merged[k].weight, -merged[k].first))


def merge(ctx: Context, found: list[Found]) -> Merged:
    """One entry per directed pair.

    Direction, strongest first: a helping verb in the text; the registry of
    official arrangements; the direction of a trip; the order written.
    """
    found = [f for f in expand_abbreviations(ctx, found) if f.recipient.is_region or not is_team(f.recipient.id)]
    directed = {(f.helper.id, f.recipient.id) for f in found if f.directed}
    out: Merged = {}
    for f in sorted(found, key=lambda f: (not f.directed, f.start)):
        h, r = (f.helper, f.recipient) if f.directed else _direction(f.helper, f.recipient, directed)
        key = (h.id, r.id)
        if (r.id, h.id) in out and key not in out:
            key = (r.id, h.id)  # already known the other way round, from a more explicit pattern
            h, r = r, h
        info = out.setdefault(key, Pairing(h, r, f.start, f.end, f.start))
        if f.relation == "standing":
            info.relation = "standing"
        info.directed |= f.directed
        info.trip = info.trip and f.trip
        info.explicit = info.explicit or not (f.trip or f.fallback)
        info.cues |= f.cues
        info.weight += f.weight
        info.first = min(info.first, f.start)
        info.spans.append((f.start, f.end))
    # Cue words in the clauses of each pairing (a whole sentence may name other programmes).
    cue_re = patterns()["cue_words"]
    for info in out.values():
        for a, b in info.spans:
            s, e = ctx.sentence_at(a)
            info.cues |= set(cue_re.findall(ctx.text, clause_start(ctx.text, a, s), clause_end(ctx.text, b, e)))
    return out


def _direction(h: Party, r: Party, directed: set[tuple[str, str]]) -> tuple[Party, Party]:
    """Helper and recipient of a pair the text writes without a direction."""
    if (r.id, h.id) in directed:
        return r, h
    if (h.id, r.id) in directed:
        return h, r
    if h.is_region and r.is_region:
        hit = Registry.lookup_either(h.id, r.id)
        return (r, h) if hit is not None and hit[1] else (h, r)
    if h.is_region or r.is_region:
        return h, r
    if Registry.receiving(h.region) and not Registry.receiving(r.region):
        return r, h  # "<western school>与<school>签订结对协议": the western one is helped
    if _grassroots().search(h.id) and not _grassroots().search(r.id):
        return r, h  # "<village>党支部与<agency>党支部结对": the village's side is helped
    return h, r


@lru_cache(maxsize=1)
def _grassroots() -> re.Pattern[str]:
    return re.compile("(?:" + vocab.alternation(clause_words("grassroots_units")) + ")(?:"
                      + vocab.alternation(clause_words("grassroots_bodies")) + ")?$")


def drop_explained(found: list[Found]) -> list[Found]:
    """A fallback pair goes when a pattern of the text pairs the same two sides or units of them
    (a district of the province, a zone of the city): the text names who is meant."""
    explicit = {(region_of(f.helper), region_of(f.recipient)) for f in found if not f.fallback}
    if not explicit or all(not f.fallback for f in found):
        return found
    gaz = gazetteer()

    def covering(b: str) -> set[str]:  # every a with covers(a, b): b and, for a code, its ancestors
        return {b} | set(gaz.ancestor_codes(b)) if b.isdigit() else {b}

    # every (helper, recipient) that covers an explicit pair, so each fallback is one lookup (a test
    # against every explicit pair is quadratic in a document with thousands of pairs)
    kin = {(a, b) for h, r in explicit if h is not None and r is not None
           for a in covering(h) for b in covering(r)}
    return [f for f in found if not f.fallback or not (
        (f.helper.id, f.recipient.id) in kin or (f.recipient.id, f.helper.id) in kin)]


def drop_whole_areas(merged: Merged) -> None:
    """P → 新疆 goes when the document pairs P with a unit of 新疆: that pair is the one meant."""
    areas = set(aid_areas().values())
    for h, r in list(merged):
        if r in areas and any(h2 == h and r2 != r and r2[:2] == r[:2] and r2.isdigit() for h2, r2 in merged):
            del merged[(h, r)]


def drop_trip_areas(merged: Merged) -> None:
    """A → D said only by a trip goes when a helping verb or a joint cue of the document pairs A
    (or a unit of A) with one unit of D: the visit went to the city, the partner is that district."""
    for (h, r), info in list(merged.items()):
        if not info.trip or not (h.isdigit() and r.isdigit()):
            continue
        finer = [k for k, i2 in merged.items() if i2.explicit and k != (h, r) and k[1] != r
                 and covers(h, k[0]) and covers(r, k[1])]
        if len(finer) == 1:
            del merged[(h, r)]
