"""Who acts: organisations that help by their own name, aid teams, and fuller names of a team."""
from __future__ import annotations

from dataclasses import replace

from duikou.extract.context import Context
from duikou.extract.pairings.clauses import find_all
from duikou.extract.pairings.sides import covers
from duikou.extract.pairings.vocabulary import clause_words, patterns
from duikou.extract.parties import CJK_RUN, Party, is_cjk, is_team, org_after, org_before, party_index

_ORG_NAME_MAX = 14  # a longer "name" is a phrase run into one


def central_body(p: Party) -> bool:
    """A government body named with no region in it (a national ministry or bureau)."""
    return not p.is_region and p.kind == "bodies" and p.region is None and not is_team(p.id)


def clean_start(ctx: Context, p: Party) -> bool:
    """Whether a name starts after punctuation or a function word, not inside a longer word."""
    before = ctx.text[p.start - 1:p.start]
    return not before or not is_cjk(before) or before in clause_words("clean_before")


def acts_alone(ctx: Context, p: Party) -> bool:
    """An organisation that helps by its own name: a company, university, hospital or federation,
    or a central body (no region in its name); not an aid team, nor a region's own department
    ("某市教委援藏干部" are the region's). Its name must have a clean start and a plain length."""
    if is_team(p.id) or not (p.kind == "institutions" or (p.kind == "bodies" and p.region is None)):
        return False
    return len(p.id) <= _ORG_NAME_MAX and clean_start(ctx, p)


def first_acting_org(ctx: Context, s: int, pos: int) -> Party | None:
    """The first organisation of ``text[s:pos]`` opened by a region that helps by its own name."""
    for p in party_index(ctx).in_span(s, pos):
        org = org_after(ctx, p.end, p)
        if org is not None and org.end <= pos and not org.is_region:
            full = org_before(ctx, org.end)  # "<company><region>分公司": the name from its clean start
            org = full if full is not None and len(full.id) > len(org.id) and full.id.endswith(org.id) else org
            if acts_alone(ctx, org):
                return org
    return None


def org_opened_by(ctx: Context, region: Party, limit: int) -> Party | None:
    """An organisation whose name starts with ``region`` and ends before ``limit`` ("某省妇联")."""
    for j in range(region.end + 1, min(limit, region.end + 12) + 1):
        org = org_before(ctx, j)
        if org is not None and not org.is_region and org.start == region.start:
            return org
    return None


def fuller_name(ctx: Context, p: Party) -> Party:
    """A team written bare ("志愿服务队") by the nearest longer name printed before it that ends
    with it ("<college>志愿服务队")."""
    if p.is_region or p.region is not None or len(p.id) > 6:
        return p
    for k in reversed(find_all(ctx.text, p.id, 0, p.start)):
        org = org_before(ctx, k + len(p.id))
        if org is not None and not org.is_region and org.id != p.id and org.id.endswith(p.id):
            return replace(p, id=org.id)
    return p


def is_team_party(ctx: Context, p: Party) -> bool:
    """An aid team, or a region that opens its field office's name ("<P>援藏指挥部")."""
    if not p.is_region:
        return is_team(p.id)
    run = CJK_RUN.match(ctx.text, p.end, p.end + 12)
    end = run.end() if run else p.end
    for m in patterns()["team"].finditer(ctx.text, p.end, end):
        org = org_before(ctx, m.end())
        if org is not None and org.start <= p.start:
            return True
    return False


def sub_team_region(ctx: Context, helper: Party, pos: int) -> Party | None:
    """A unit of the region ``helper`` named at ``pos`` right before an aid team's word
    ("P援疆<city of P>分指挥部": the city's own team)."""
    if not helper.is_region:
        return None
    unit = next((p for p in party_index(ctx).in_span(pos, pos + 1) if p.is_region), None)
    if unit is None or unit.id == helper.id or not covers(helper.id, unit.id) \
            or not patterns()["team"].match(ctx.text, unit.end):
        return None
    return unit
