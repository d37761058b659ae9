"""Co-mentions: two regions of one sentence that an official arrangement pairs, though no
pattern of the text links them ("P的援疆干部在C县…")."""
from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from duikou.extract.context import Context
from duikou.extract.pairings.actors import sub_team_region
from duikou.extract.pairings.clauses import clause_start
from duikou.extract.pairings.passing import in_passing, located, on_route, same_list
from duikou.extract.pairings.sides import Found, Registry, covers, nested
from duikou.extract.pairings.vocabulary import Patterns, aid_areas, clause_words, number
from duikou.extract.parties import Party, opens_org, org_after, party_index


class _Candidate(NamedTuple):
    helper: Party
    recipient: Party
    own_helper: str  # the arrangement's own helper and recipient (the pair may be units of them)
    own_recipient: str


def comention(ctx: Context, s: int, e: int, v: Patterns, cue: bool = True) -> list[Found]:
    """Two regions of one cued sentence that an official arrangement pairs ("P的援疆干部在C…").

    Only the most specific pairs of the sentence are kept: a province paired with a
    prefecture and with one of its counties yields the county pair.
    """
    regions = [p for p in party_index(ctx).in_span(s, e) if p.is_region]
    if len({p.id for p in regions}) < 2 or (cue and not v["comention"].search(ctx.text, s, e)):
        return []
    sides = _sides(ctx, s, e, regions, cue, v)
    if not 2 <= len(sides) <= number("comention_max_regions"):
        return []
    cands = _candidates(ctx, sides)
    kept = [c for c in cands if not _beaten(c, cands)]
    helpers, recipients = {c.helper.id for c in kept}, {c.recipient.id for c in kept}
    if len(helpers) > 1 and len(recipients) > 1:
        return []  # several helpers and several recipients: who helps whom is not said
    return [Found(c.helper, c.recipient, min(c.helper.start, c.recipient.start), max(c.helper.end, c.recipient.end),
                  False, set(), 1, fallback=True) for c in kept]


def _sides(ctx: Context, s: int, e: int, regions: list[Party], cue: bool,
           v: Patterns) -> list[Party]:
    """The regions of the sentence that may take a side, the first mention of each."""
    text = ctx.text
    first: dict[str, Party] = {}
    for p in regions:
        if in_passing(ctx, p, s, e):
            continue
        aid = v["aid"].match(text, p.end)
        sub = sub_team_region(ctx, p, aid.end()) if aid else None
        if sub is not None:  # "P援疆<city of P>分指挥部": the city is the side
            first.setdefault(sub.id, sub)
            continue
        if not cue and on_route(text, p):
            continue  # "从A到B", "A至B": a route's ends, not two sides
        org = org_after(ctx, p.end, p)
        # a region in an institution's name is no side; in a report about an aid area, a place of
        # the area's unit ("在<C>某某新村，<P>的专家…") leaves the unit a side
        if (org is None or org.is_region or (not cue and org.kind == "units")) and not opens_org(ctx, p):
            first.setdefault(p.id, p)
    return list(first.values())


def _candidates(ctx: Context, items: list[Party]) -> list[_Candidate]:
    """Every two sides that an arrangement pairs (through their units or their parents), directed as it is."""
    cands: list[_Candidate] = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if nested(a.id, b.id) or same_list(ctx, a, b):
                continue
            hit = Registry.lookup_related(a.id, b.id)
            if hit is not None:
                h, r = (b, a) if hit[1] else (a, b)
                if located(ctx, r) and hit[0].recipient != r.id and covers(hit[0].recipient, r.id):
                    r = replace(r, id=hit[0].recipient)  # "位于<district>的…": the arrangement's own recipient
                cands.append(_Candidate(h, r, hit[0].helper, hit[0].recipient))
    return cands


def _beaten(c: _Candidate, cands: list[_Candidate]) -> bool:
    """Whether a more specific candidate of the sentence is the pair meant instead of ``c``."""
    for o in cands:
        if o is c:
            continue
        # a finer recipient of the same helper: "P…新疆喀什…泽普县" means the county, unless
        # the arrangement is the coarser pair's and the finer one only inherits it
        inherited = o.own_recipient != o.recipient.id and c.own_recipient == c.recipient.id
        if o.helper.id == c.helper.id and o.recipient.id != c.recipient.id and covers(c.recipient.id, o.recipient.id) \
                and not inherited:
            return True
        # the arrangement's own helper beats a unit of it named in passing ("P援疆…P的城市市场")
        if o.recipient.id == c.recipient.id and o.helper.id == o.own_helper and o.helper.id != c.helper.id \
                and covers(o.helper.id, c.helper.id):
            return True
    return False


def aid_document_comentions(ctx: Context, cued: set[int], v: Patterns) -> list[Found]:
    """In a report about 援疆/援藏/援青, a helper region and a region of the aided area named in one
    sentence with no cue word ("在<prefecture>，<province>开创的…", "<prefecture>，<province>推出的…")
    are paired when an official arrangement pairs them."""
    if sum(1 for _ in v["aid"].finditer(ctx.text)) < number("aid_doc_min"):
        return []
    whole = set(aid_areas().values())
    areas = {a[:2] for a in whole}
    out: list[Found] = []
    idx = party_index(ctx)
    for i, (s, e) in enumerate(ctx.sentences):
        if i in cued:
            continue
        regions = [p for p in idx.in_span(s, e) if p.is_region]
        if len(regions) < 2 or not any(p.id[:2] in areas for p in regions):
            continue
        # a unit of the area, not the whole area: "新疆、西藏和四川…", "新疆籍学生在济南" name no pairing
        out += [f for f in comention(ctx, s, e, v, cue=False)
                if f.recipient.id[:2] in areas and f.helper.id[:2] not in areas
                and (f.recipient.id not in whole or _acts_on_area(ctx, s, f))]
    return out


def _acts_on_area(ctx: Context, s: int, f: Found) -> bool:
    """The whole area and a helper in one sentence of an aid report: paired only when the helper
    opens a clause of its own after the area's ("针对<area>…，<P>开通…"), neither of them listed
    with other places ("<area>、<P>等代表", "<area>和<P>…", "<area>籍学生")."""
    text, h, r = ctx.text, f.helper, f.recipient
    cs = clause_start(text, h.start, s)
    if h.start < r.start or cs <= r.end or text[cs:h.start]:
        return False
    return not any(text.startswith(w, p.end) or text.endswith(w, s, p.start)
                   for p in (h, r) for w in clause_words("listed_marks"))
