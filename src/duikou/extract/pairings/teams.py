"""Aid teams named for the region they serve: "<P>援疆<C>分指挥部", "…结对帮扶<C>团组", "<company>驻<C>帮扶工作队"."""
from __future__ import annotations

import re

from duikou.extract.context import Context
from duikou.extract.pairings.actors import acts_alone
from duikou.extract.pairings.sides import Found, nested
from duikou.extract.pairings.vocabulary import Patterns
from duikou.extract.parties import org_before, party_index


def teams(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """An aid team named for the region it serves: "<P>援疆<C>分指挥部" (P helps C),
    "…结对帮扶<C>团组" (the team helps C)."""
    out: list[Found] = []
    text = ctx.text
    seen: set[int] = set()
    for m in v["team"].finditer(text, s, e):
        if m.end() in seen:
            continue
        seen.add(m.end())
        owned = _owned_team(ctx, s, m, v)
        if owned is not None:
            out.append(owned)
            continue
        org = org_before(ctx, m.end())
        if org is None:
            continue
        inside = party_index(ctx).ending_within(org.start, m.start())
        target = next((p for p in inside if p.start > org.start and v["team_word"].search(text, org.start, p.start)), None)
        if target is None:
            continue
        opener = inside[0] if inside and inside[0].start == org.start else None
        helper = opener if opener is not None and opener is not target else org  # a region: "<P short>对口帮扶<C>工作组"
        if helper is None or helper.id == target.id or nested(helper.id, target.id):
            continue
        out.append(Found(helper, target, org.start, m.end(), True, set(v["cue_words"].findall(text, org.start, m.end())), 1,
                         fallback=True))
    return out


def _owned_team(ctx: Context, s: int, m: re.Match[str], v: Patterns) -> Found | None:
    """"<company>(驻)<C>帮扶工作队": a company's or university's team serving C; the owner helps C."""
    text = ctx.text
    for p in reversed(party_index(ctx).ending_within(max(s, m.start() - 12), m.start())):
        word = v["team_word_at"].match(text, p.end)
        if word is None or m.start() - word.end() > 2:
            continue
        k = p.start - 1 if text[p.start - 1:p.start] == "驻" else p.start
        owner = org_before(ctx, k) if k > s else None
        if owner is None or not acts_alone(ctx, owner) or nested(owner.id, p.id):
            return None
        return Found(owner, p, owner.start, m.end(), True, set(v["cue_words"].findall(text, owner.start, m.end())), 1,
                     fallback=True)
    return None
