"""Names of organisations: what an anaphor stands for ("该校"), and the most complete printed form of a name."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from duikou.extract.context import Context
from duikou.extract.pairings.clauses import find_all
from duikou.extract.pairings.sides import Found
from duikou.extract.pairings.vocabulary import anaphor_suffixes, chain_towns, lone_town, patterns
from duikou.extract.parties import Party, ends_in_word, is_cjk, org_before, party_index


def anaphor(ctx: Context, pos: int, before: bool) -> Party | None:
    """"该旅", "这个村子" ending (``before``) or starting at ``pos``: the nearest organisation
    named before it with a matching suffix, as a party at the anaphor's place."""
    text, v = ctx.text, patterns()
    m = v["anaphor_before"].search(text, max(0, pos - 5), pos) if before else v["anaphor_after"].match(text, pos)
    if m is None:
        return None
    # The suffixes in order of preference (该校: a university before its faculty's 学院); for
    # each, the nearest name with a clean left edge, else the nearest name.
    lo = max(0, m.start() - 800)
    for suffix in anaphor_suffixes().get(m.group(1), (m.group(1),)):
        found: list[Party] = []
        for k in reversed(find_all(text, suffix, lo, m.start())):
            end = k + len(suffix)
            if ends_in_word(text, end):
                continue
            org = org_before(ctx, end)
            if org is not None and not org.is_region and org.id.endswith(suffix):
                found.append(org)
        if found:
            clean = [o for o in found if o.start == 0 or not is_cjk(text[o.start - 1])]
            org = (clean or found)[0]
            return replace(org, start=m.start(), end=m.end(), surface=m.group())
    return None


def _is_abbreviation(short: str, full: str) -> bool:
    """"国家林草局" abbreviates "国家林业和草原局": same first and last character, in order."""
    if len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(c in it for c in short)


def expand_abbreviations(ctx: Context, found: list[Found]) -> list[Found]:
    """Name an organisation by its most complete printed form: the full name wherever the
    document also abbreviates it ("某大二院" for "某大学附属第二医院"), with its region
    wherever it also writes it bare ("人武部" for "某区人武部")."""
    names = {p.id for f in found for p in (f.helper, f.recipient) if not p.is_region}
    if not names:
        return found
    units = {p.id for f in found for p in (f.helper, f.recipient) if not p.is_region and p.kind == "units"}
    full: dict[str, str] = {}
    for n in names:
        if n in units:  # a village or town: the region chain (and township) printed before it
            full[n] = max(_printed_unit_chains(ctx, n), key=len, default=n)
            continue
        longer = [m for m in names if _is_abbreviation(n, m)] or _printed_full_forms(ctx, n)
        if not longer and len(n) >= 3:
            tails = {m for m in names if m != n and m.endswith(n)} | _printed_with_region(ctx, n)
            longer = list(tails) if len(tails) == 1 else []
        full[n] = max(longer, key=len, default=n)
    if all(k == v for k, v in full.items()):
        return found

    def fix(p: Party) -> Party:
        return p if p.is_region or full[p.id] == p.id else replace(p, id=full[p.id])

    return [replace(f, helper=fix(f.helper), recipient=fix(f.recipient)) for f in found]


def _subsequence_end(text: str, k: int, short: str, gap: int = 8) -> int | None:
    """Where the characters of ``short`` end when found in order from ``k`` (``text[k]`` is
    its first), at most ``gap`` name characters apart; None when they are not."""
    i = k + 1
    for c in short[1:]:
        j = i
        while j < len(text) and j - i <= gap and text[j] != c and (is_cjk(text[j]) or text[j].isdigit()):
            j += 1
        if j >= len(text) or j - i > gap or text[j] != c:
            return None
        i = j + 1
    return i


def _printed_with_region(ctx: Context, short: str) -> set[str]:
    """Longer names printed in the text that end with ``short`` ("某区人武部" for "人武部")."""
    out = set()
    for k in find_all(ctx.text, short, 0, len(ctx.text)):
        org = org_before(ctx, k + len(short))
        if (org is not None and not org.is_region and org.kind != "units" and org.id != short
                and org.id.endswith(short)):  # a village or street is named without its region
            if _regions_cover(ctx, org.start, k):  # only its region before it, no phrase ("…又和<name>")
                out.add(org.id)
    return out


def _lone_town_start(text: str, k: int) -> int:
    """Where a township printed alone before ``text[k]`` starts ("、<town><village>"), else ``k``."""
    town, lo, hi = chain_towns()
    marks, generic = lone_town()
    for b in range(k - lo, max(k - hi, 0) - 1, -1):
        gap = text[b:k]
        if not is_cjk(text[b]):
            return k
        if (b == 0 or text[b - 1] in marks) and town.search(gap) and gap not in generic:
            return b
    return k


def _printed_unit_chains(ctx: Context, short: str) -> list[str]:
    """The village or town ``short`` as printed with what contains it: region mentions, and at most a
    township between the last region and it ("<city><county><town><village>"), nothing else."""
    text, idx = ctx.text, party_index(ctx)
    town, lo, hi = chain_towns()
    out = []
    for k in find_all(text, short, ctx.headline_end, len(text)):  # from the body, not the headline
        start, towns = k, 0
        while True:
            i = bisect_left(idx.ends, start + 1) - 1  # the last mention ending at or before start
            if i < 0 or not idx.parties[i].is_region:
                break
            p = idx.parties[i]
            gap = text[p.end:start]
            if gap and (towns or not lo <= len(gap) <= hi or not town.search(gap)
                        or not all(is_cjk(c) for c in gap)):
                break
            towns += bool(gap)
            start = p.start
        if start == k:
            start = _lone_town_start(text, k)
        if start < k:
            out.append(text[start:k + len(short)])
    return out


def _regions_cover(ctx: Context, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is written with region mentions only (a chain may run past ``end``)."""
    k = start
    for p in party_index(ctx).in_span(start, end):
        if p.start != k:
            return False
        k = p.end
    return k >= end > start


def _printed_full_forms(ctx: Context, short: str) -> list[str]:
    """Longer names printed in the text that ``short`` abbreviates, with clean name boundaries."""
    if len(short) < 3:
        return []
    out = []
    for k in find_all(ctx.text, short[0], 0, len(ctx.text)):
        end = _subsequence_end(ctx.text, k, short)
        if end is not None and end - k > len(short):
            org = org_before(ctx, end)
            if org is not None and org.id == ctx.text[k:end]:
                out.append(org.id)
    return out
