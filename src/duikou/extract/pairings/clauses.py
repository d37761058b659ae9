"""Clauses of a sentence: where one starts and ends, and the region that is its subject."""
from __future__ import annotations

from duikou.extract.context import Context
from duikou.extract.pairings.sides import covers
from duikou.extract.pairings.vocabulary import clause_pattern
from duikou.extract.parties import Party, party_index


def clause_start(text: str, pos: int, s: int) -> int:
    """Where the clause holding ``pos`` starts (after the last comma at or after ``s``)."""
    k = max(text.rfind("，", s, pos), text.rfind(",", s, pos))
    return k + 1 if k >= 0 else s


def clause_end(text: str, pos: int, e: int) -> int:
    """Where the clause holding ``pos`` ends (at the next comma before ``e``)."""
    ends = [k for k in (text.find("，", pos, e), text.find(",", pos, e)) if k >= 0]
    return min(ends) if ends else e


def find_all(text: str, word: str, lo: int, hi: int) -> list[int]:
    """Every place ``word`` starts in ``text[lo:hi]`` (overlaps included)."""
    out, k = [], text.find(word, lo, hi)
    while k >= 0:
        out.append(k)
        k = text.find(word, k + 1, hi)
    return out


def sentence_subject(ctx: Context, s: int, pos: int) -> Party | None:
    """The region a sentence is about: the first one that opens a clause before ``pos``
    ("2023年，某区坚决贯彻…，扎实推进与B的结对帮扶")."""
    for p in party_index(ctx).in_span(s, pos):
        lead = ctx.text[clause_start(ctx.text, p.start, s):p.start]
        if not lead or clause_pattern("time_lead").fullmatch(lead):
            return p
    return None


def clause_subject(ctx: Context, s: int, pos: int) -> Party | None:
    """The region opening the clause that ends at ``pos``, when every other region
    between it and ``pos`` lies inside it ("P开通的<P的城市>至…")."""
    cs = clause_start(ctx.text, pos, s)
    inside = [p for p in party_index(ctx).in_span(cs, pos) if p.end <= pos]
    if not inside or not inside[0].is_region:
        return None
    head = inside[0]
    lead = ctx.text[cs:head.start]
    if lead and not clause_pattern("time_lead").fullmatch(lead):
        return None
    if any(not covers(head.id, p.id) for p in inside[1:]):
        return None
    return head
