"""Trips and aided places: "A(代表团)赴B…协作", "A…来到结对帮扶村——B", "A的定点帮扶村…资助甲村"."""
from __future__ import annotations

import re

from duikou.extract.context import Context
from duikou.extract.pairings.actors import clean_start, first_acting_org, fuller_name
from duikou.extract.pairings.clauses import clause_end, clause_start, find_all
from duikou.extract.pairings.lists import party_list_after
from duikou.extract.pairings.names import anaphor
from duikou.extract.pairings.sides import Found, nested
from duikou.extract.pairings.vocabulary import Patterns, designated_word
from duikou.extract.parties import Party, ends_in_word, inside_org, org_before, party_ending_at, party_index, subject_org


def travel(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """A(代表团…)赴B…协作: both sides regions, or both named units (a street visiting a township)."""
    out = []
    for m in v["travel"].finditer(ctx.text, s, e):
        cl_end = clause_end(ctx.text, m.end(), e)
        ahead = min(e, m.end() + 40)  # where the trip's purpose is written
        if not v["travel_cue"].search(ctx.text, m.end(), ahead):
            continue
        aided = v["aided_dest"].match(ctx.text, m.end())
        if aided is not None:  # "…来到结对帮扶村——<village>": the visitor's own aided place
            out += _visit_aided(ctx, s, m, aided.end(), cl_end, v)
            continue
        k = m.end() + 2 if v["own_side"].match(ctx.text, m.end()) else m.end()  # "赴我市城口县"
        dest = party_list_after(ctx, k, cl_end)
        if not dest:
            continue
        cl_start = clause_start(ctx.text, m.start(), s)
        origin = party_ending_at(ctx, m.start())
        if origin is None:
            before = party_index(ctx).ending_within(cl_start, m.start())
            origin = before[-1] if before and not inside_org(ctx, before[-1]) else None
        designated = ctx.text.find(designated_word(), m.end(), ahead) >= 0
        if origin is None and designated:  # "某某部副部长X率调研组赴…调研定点帮扶工作"
            origin = subject_org(ctx, cl_start, m.start())
        if origin is None or origin.id == dest[0].id:
            continue
        if v["central_travellers"].search(ctx.text, cl_start, origin.start) and v["departure"].match(ctx.text, origin.end):
            continue  # "中央单位援疆干部从<P>出发前往<C>": the capital is where central units' cadres set off
        if origin.is_region != dest[0].is_region and not designated:
            continue  # a hospital's team visiting a county is not the county's pairing
        if not dest[0].is_region and dest[0].start > k:
            continue  # "赴<county>开展<centre>…": the name after a verb is the activity's, not the place visited
        cues = set(v["cue_words"].findall(ctx.text, m.end(), ahead))
        if len(dest) > 1 and designated:
            out += [Found(origin, d, origin.start, d.end, False, set(cues), 2) for d in dest]
            continue
        if nested(origin.id, dest[0].id):
            continue
        # A trip shows the direction only weakly: recipients visit helpers too.
        out.append(Found(origin, dest[0], origin.start, dest[0].end, False, cues, 2, trip=True))
    return out


def _visit_aided(ctx: Context, s: int, m: re.Match[str], k: int, cl_end: int,
                 v: Patterns) -> list[Found]:
    """"A…到(学校)结对帮扶村(——)B": A visits the place it helps, named right after the word.

    A is the party right before the verb, else the organisation opening the clause, else the
    first organisation of the sentence that helps by its own name (a school's or company's
    staff written as "<org>书记X，校长Y…到…")."""
    dest = party_list_after(ctx, k, cl_end)
    if not dest:
        return []
    cl_start = clause_start(ctx.text, m.start(), s)
    helper = party_ending_at(ctx, m.start())
    if helper is not None and helper.start < cl_start:
        helper = None
    if helper is None:
        team = v["team_end"].search(ctx.text, max(cl_start, m.start() - 8), m.start())
        if team is not None and team.start() == cl_start:  # "志愿服务队来到…": a team named in full before
            bare = Party(team.start(), team.end(), team.group(), False, None, team.group(), None, "bodies")
            helper = fuller_name(ctx, bare)
            helper = helper if helper.id != bare.id else None
    if helper is None:
        helper = subject_org(ctx, cl_start, m.start())
        if helper is not None and not clean_start(ctx, helper):
            helper = None  # "<brand><region>分公司" cut at its region: no sure name
    helper = helper or first_acting_org(ctx, s, m.start())
    if helper is None or helper.is_region:
        return []  # a region's officials visiting a village of their own: no pairing said
    helper = fuller_name(ctx, helper)
    cues = set(v["cue_words"].findall(ctx.text, m.end(), k))
    return [Found(helper, d, helper.start, d.end, True, cues, 2) for d in dest
            if d.id != helper.id and not nested(helper.id, d.id)]


def aided_places(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """"A(的)定点帮扶村…资助甲村…慰问乙村": A helps each village the sentence names after it."""
    out: list[Found] = []
    text = ctx.text
    for m in v["aided_place"].finditer(text, s, e):
        k = m.start() - 1 if text[m.start() - 1:m.start()] == "的" else m.start()
        helper = anaphor(ctx, k, before=True) or org_before(ctx, k)
        if helper is None or helper.is_region or helper.kind == "units":
            continue
        kind = m.group(1)
        seen: set[str] = set()
        for k in find_all(text, kind, m.end(), e):
            end = k + len(kind)
            if ends_in_word(text, end) or (end < e and text[end] == kind):
                continue
            place = org_before(ctx, end)
            if place is not None and place.kind == "units" and place.start >= m.end() and place.id not in seen:
                seen.add(place.id)
                out.append(Found(helper, place, helper.start, place.end, True, set(), 1))
    return out
