"""援疆/援藏/援青 done by a region or an organisation: the whole aided area, or the unit of it an
official arrangement pairs with the helper ("P援疆", "P…选派N名干部进疆工作")."""
from __future__ import annotations

from dataclasses import replace

from duikou.extract.context import Context
from duikou.extract.pairings.actors import acts_alone, org_opened_by, sub_team_region
from duikou.extract.pairings.clauses import clause_subject, sentence_subject
from duikou.extract.pairings.passing import in_passing, list_of, located
from duikou.extract.pairings.sides import Found, Registry, covers
from duikou.extract.pairings.vocabulary import Patterns, aid_areas, data
from duikou.extract.parties import Party, inside_org, party_ending_at, party_index

# The sentence before a helper's may name its unit ("…C县…。P的援疆干部…"); a unit named
# further back is often one in passing (a route, a villager's home county) while the report
# means the whole area: measured on the gold sets, a wider window loses more than it finds.
_UNIT_LOOKBACK = 1
_AID_SUBJECT_GAP = 8  # "…高度重视援疆", "…把对口援疆": a short verb phrase between an organisation and the word


def aid_area(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """"P援疆", "P…安排援藏项目", "<agency>援疆设备": P helps the whole area (新疆, 西藏, 青海),
    or the unit of it that an official arrangement pairs with P and the text names there."""
    out = []
    for m in v["aid"].finditer(ctx.text, s, e):
        area = aid_areas()[m.group()]
        helper = _aid_helper(ctx, s, m.start())
        if helper is None:
            continue
        own = helper.id if helper.is_region else helper.region
        if own is not None and own[:2] == area[:2]:
            continue
        sub = sub_team_region(ctx, helper, m.end())
        if sub is not None:  # "P援疆<city of P>分指挥部": the city's own team, the city helps
            helper, own = sub, sub.id
        unit = _paired_unit(ctx, s, e, own, area) if own is not None else None
        recipient = unit or Party(m.start(), m.end(), area, True, "province", m.group())
        out.append(Found(helper, recipient, helper.start, m.end(), True, {m.group()}, 1, fallback=True))
    return out


def aid_entries(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """"P…选派N名干部进疆工作": the sentence's subject P helps the area it sends them into."""
    out = []
    entries = data()["aid_entries"]
    for m in v["aid_entry"].finditer(ctx.text, s, e):
        area = entries[m.group(1)]
        helper = sentence_subject(ctx, s, m.start())
        if helper is None or not helper.is_region or helper.id[:2] == area[:2] or helper.id[:2] == "00":
            continue
        unit = _paired_unit(ctx, s, e, helper.id, area)
        recipient = unit or Party(m.start(1), m.end(1), area, True, "province", m.group(1))
        out.append(Found(helper, recipient, helper.start, m.end(), True, {m.group(1)}, 1, fallback=True))
    return out


def _aid_helper(ctx: Context, s: int, pos: int) -> Party | None:
    """Who does the 援疆/援藏 at ``pos``: the region or organisation right before it, else the
    region opening the clause, or the organisation its name opens ("某市妇联将对口援疆工作…")."""
    helper = party_ending_at(ctx, pos)
    if helper is not None and (helper.is_region or acts_alone(ctx, helper)):
        return helper
    head = clause_subject(ctx, s, pos)
    if head is not None:
        org = org_opened_by(ctx, head, pos)
        if org is not None and acts_alone(ctx, org) and pos - org.end <= _AID_SUBJECT_GAP:
            return org
    return head


def _paired_unit(ctx: Context, s: int, e: int, own: str, area: str) -> Party | None:
    """The most specific region of the area, named in this sentence or the one before, that an
    official arrangement pairs with ``own`` ("P的援疆干部…" after a sentence about county C)."""
    i = ctx.sentence_index(s)
    lo = ctx.sentences[max(0, i - _UNIT_LOOKBACK)][0]
    best: Party | None = None
    for p in party_index(ctx).in_span(lo, e):
        if not p.is_region or p.id[:2] != area[:2] or p.id == area or inside_org(ctx, p):
            continue
        if p.start >= s and in_passing(ctx, p, s, e, venue=False):
            continue
        if any(q.id != p.id and q.id[:2] == area[:2] and Registry.lookup_related(own, q.id) is None
               for q in list_of(ctx, p)):
            continue  # "深入<C1>、<C2>等地": places toured, not all of them the helper's recipients
        hit = Registry.lookup_related(own, p.id)
        if hit is None or hit[1]:
            continue
        if located(ctx, p) and hit[0].recipient != p.id and covers(hit[0].recipient, p.id):
            p = replace(p, id=hit[0].recipient)  # "位于<district>的…援藏项目": the arrangement's own recipient
        if best is None or covers(best.id, p.id):
            best = p
        elif not covers(p.id, best.id):
            return None  # two units of the area with no one containing the other: not sure which
    return best
