"""Lists of parties ("A、B和C") before or after a verb, and how two lists pair."""
from __future__ import annotations

from duikou.extract.context import Context
from duikou.extract.pairings.actors import central_body
from duikou.extract.pairings.vocabulary import clause_words
from duikou.extract.parties import (
    Party,
    inside_org,
    is_cjk,
    org_before,
    party_ending_at,
    party_starting_at,
    strip_pre_verb,
)


def party_list_before(ctx: Context, pos: int, s: int) -> list[Party]:
    """Parties written as a list ending at ``pos``: "A、B和C" (right to left)."""
    out: list[Party] = []
    p = party_ending_at(ctx, pos, max_gap=0)
    sep = ""
    # the items of one list are of one kind: "<school>、<region>对口支援的…" ends an earlier phrase;
    # but a central agency joins a region by 与/和 ("<national agency>与<province>对口支援C")
    while p is not None and p.start >= s and (not out or p.is_region == out[0].is_region or (
            sep[-1:] in clause_words("central_joiners") and len(out) == 1 and out[0].is_region and central_body(p))):
        out.insert(0, p)
        sep = ctx.text[max(s, p.start - 2):p.start]
        joiner = next((w for w in clause_words("list_joiners") if sep.endswith(w)), None)
        if joiner is None:
            break
        p = party_ending_at(ctx, p.start - len(joiner), max_gap=0)
    return out


def party_list_after(ctx: Context, pos: int, e: int) -> list[Party]:
    """Parties written as a list starting at ``pos`` and ending before ``e``."""
    out: list[Party] = []
    p = party_starting_at(ctx, pos, max_gap=0)
    while p is not None and p.end <= e:
        out.append(p)
        nxt = ctx.text[p.end:p.end + 2]
        joiner = next((w for w in clause_words("list_joiners") if nxt.startswith(w)), None)
        if joiner is None:
            break
        p = party_starting_at(ctx, p.end + len(joiner), max_gap=0)
    return out


def pair_lists(helpers: list[Party], recipients: list[Party], distributive: bool) -> list[tuple[Party, Party]]:
    """Helpers and recipients paired: item by item under 分别, else one side with each of the other."""
    if distributive and len(helpers) == len(recipients) > 1:
        return list(zip(helpers, recipients))
    if len(helpers) == 1 or len(recipients) == 1:
        return [(h, r) for h in helpers for r in recipients]
    return []


def helpers_before(ctx: Context, pos: int, s: int) -> list[Party]:
    """Helpers written before a verb at ``pos``, over a time phrase or adverb ("X局2015年起定点帮扶")."""
    helpers = party_list_before(ctx, pos, s)
    if not helpers:
        k = strip_pre_verb(ctx, pos, s)
        if k < pos:
            helpers = party_list_before(ctx, k, s)
    if not helpers:  # "A倾力帮扶B", "X大学承担定点帮扶": a short phrase between A and the verb
        for k in range(pos - 1, max(s, pos - 7), -1):
            if not is_cjk(ctx.text[k]):
                break  # the phrase between a helper and its verb has no punctuation
            org = org_before(ctx, k)
            if org is not None and org.start >= s:
                return [org]
        p = party_ending_at(ctx, pos, max_gap=6)
        helpers = [p] if p is not None and p.start >= s and not inside_org(ctx, p) else []
    return helpers
