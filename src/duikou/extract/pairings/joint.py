"""Two sides named together: "A与B<cue>", "A—B对口协作", the 分别 lists, "X Y协作" (two provinces' abbreviations).

The text writes no direction here; it comes later from the registry or the other patterns.
"""
from __future__ import annotations

import re

from duikou.extract.context import Context
from duikou.extract.pairings.clauses import clause_end, sentence_subject
from duikou.extract.pairings.lists import party_list_after, party_list_before
from duikou.extract.pairings.names import anaphor
from duikou.extract.pairings.sides import Found, Registry, nested
from duikou.extract.pairings.vocabulary import Patterns, clause_pattern, data
from duikou.extract.parties import Party, party_ending_at, party_index, party_starting_at, strip_pre_verb


def joint(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """A与B…<cue>: "A—B对口协作", "A与B建立东西部协作结对关系", "A与B结对开展协作"."""
    out = []
    for j in v["joiner"].finditer(ctx.text, s, e):
        if not v["joint_cue"].search(ctx.text, j.end(), min(e, j.end() + 40)):
            continue  # cheap test first: no cue word ahead, no joint pairing
        b = party_starting_at(ctx, j.end(), max_gap=0) or anaphor(ctx, j.end(), before=False)
        if b is None:
            continue
        a = _side_before(ctx, s, j, v)
        if a is None and v["with_verbs"].search(ctx.text, max(s, j.start() - 4), j.start()):
            a = sentence_subject(ctx, s, j.start())  # "某区…，扎实推进与B、C的结对帮扶工作"
            more = party_list_after(ctx, j.end(), e)
            if a is not None and len(more) > 1 and ctx.text.startswith("的", more[-1].end):
                out += [Found(a, r, a.start, r.end, False, set(), 1) for r in more[:-1]]
                b = more[-1]
        if a is None or a.start < s or a.id == b.id or nested(a.id, b.id):
            continue
        cue = _cue_after(ctx, e, a, b, v)
        if cue is not None:
            out.append(Found(a, b, a.start, cue.end(), False, {cue.group(1)}, 1))
    return out


def _side_before(ctx: Context, s: int, j: re.Match[str], v: Patterns) -> Party | None:
    """The side written before the joiner ``j``: right before it (over a time phrase or 在), or
    the organisation a person speaks for ("A学校代表与B…"), or what an anaphor stands for."""
    a = party_ending_at(ctx, j.start()) or party_ending_at(ctx, strip_pre_verb(ctx, j.start(), s))
    if a is None and ctx.text[j.start() - 1:j.start()] == "在":  # "A在和B对口帮扶中"
        a = party_ending_at(ctx, j.start() - 1)
    if a is None:  # "A学校代表与B…": a person speaking for A
        role = v["role_before"].search(ctx.text, max(s, j.start() - 8), j.start())
        a = party_ending_at(ctx, role.start()) if role is not None else None
        a = a if a is not None and not a.is_region else None
    if a is None:
        a = anaphor(ctx, j.start(), before=True)
    return a


def _cue_after(ctx: Context, e: int, a: Party, b: Party, v: Patterns) -> re.Match[str] | None:
    """The cue right after the second side ``b`` (over B's unnamed others or representative and a
    short gap), with no other party in between nor a recipient right after it."""
    b_end = b.end
    others = clause_pattern("unnamed_others").match(ctx.text, b.end)
    if others is not None:  # "A与B等N个县建立…关系": B is the one of them the text names
        b_end = others.end()
    role = v["role_after"].match(ctx.text, b.end) if not b.is_region and not a.is_region else None
    if role is not None:  # "…与B校长签订…": B's representative signs
        b_end = role.end()
    window_end = min(clause_end(ctx.text, b_end, e), b_end + 16)
    cue = v["joint_cue"].search(ctx.text, b_end, window_end)
    if cue is None or not v["joint_gap"].fullmatch(ctx.text, b_end, cue.start()):
        return None
    if party_index(ctx).in_span(b_end, cue.start()) or party_starting_at(ctx, cue.end(), max_gap=0):
        return None  # another party in between, or "A和B对口帮扶C" (a directed pattern)
    return cue


def distributive(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """Lists paired by 分别: "A1、A2分别与B1、B2签订结对帮扶协议", "A与B、C与D分别签订帮扶协议"."""
    out: list[Found] = []
    for m in v["respectively"].finditer(ctx.text, s, e):
        pairs, cue_window = (_two_lists if m.group(1) else _listed_pairs)(ctx, s, e, m, v)
        if pairs and v["pair_cue"].search(cue_window):
            for a, b in pairs:
                out.append(Found(a, b, a.start, b.end, False, set(v["cue_words"].findall(cue_window)), 2))
    return out


def _window(text: str, pos: int, e: int) -> str:
    """Where the cue of a 分别 list may stand: the rest of the clause from ``pos``, 40 characters at most."""
    return text[pos:min(clause_end(text, pos, e), pos + 40)]


def _two_lists(ctx: Context, s: int, e: int, m: re.Match[str],
               v: Patterns) -> tuple[list[tuple[Party, Party]], str]:
    """"A1、A2分别与B1、B2…": the lists paired item by item; the cue after the second list."""
    helpers = party_list_before(ctx, m.start(), s)
    recipients = party_list_after(ctx, m.end(), e)
    cue_window = _window(ctx.text, recipients[-1].end if recipients else m.end(), e)
    pairs = list(zip(helpers, recipients)) if len(helpers) == len(recipients) >= 2 else []
    return pairs, cue_window


def _listed_pairs(ctx: Context, s: int, e: int, m: re.Match[str],
                  v: Patterns) -> tuple[list[tuple[Party, Party]], str]:
    """"A与B、C与D(等N对…)分别…": the pairs listed before 分别 (read right to left); the cue after
    分别 or in the summary."""
    text = ctx.text
    cue_window = _window(text, m.end(), e)
    pairs: list[tuple[Party, Party]] = []
    k = m.start()
    etc = v["pairs_etc"].search(text, max(s, k - 14), k)
    if etc is not None:  # "等6对结对区县分别…": the cue may stand in the summary
        k = etc.start()
        cue_window = text[k:m.start()] + cue_window
    while True:
        b = party_ending_at(ctx, k)
        if b is None:
            break
        j = v["joiner"].search(text, b.start - 2, b.start)
        a = party_ending_at(ctx, j.start()) if j is not None and j.end() == b.start else None
        if a is None or a.start < s:
            break
        pairs.insert(0, (a, b))
        if text[a.start - 1:a.start] != "、":
            break
        k = a.start - 1
    return (pairs if len(pairs) >= 2 else []), cue_window


def joint_abbreviations(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """"X Y协作" written as two provinces' one-character names: the arrangement between them."""
    out = []
    codes = data()["province_abbreviations"]
    for m in v["joint_abbreviation"].finditer(ctx.text, s, e):
        a, b = codes[m.group(1)[0]], codes[m.group(1)[1]]
        hit = Registry.lookup_related(a, b) if a != b else None
        if hit is None:
            continue
        h, r = (b, a) if hit[1] else (a, b)
        out.append(Found(Party(m.start(), m.start() + 2, h, True, "province", m.group(1)),
                         Party(m.start(), m.start() + 2, r, True, "province", m.group(1)),
                         m.start(), m.end(), False, set(), 1, fallback=True))
    return out
