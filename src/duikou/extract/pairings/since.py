"""The start year of a pairing: "自2016年…以来" beats "第七个年头" beats "结对三年多来"."""
from __future__ import annotations

from duikou.extract.context import Context
from duikou.extract.numerals import parse_number
from duikou.extract.pairings.merge import Merged, main_pair
from duikou.extract.pairings.vocabulary import Patterns
from duikou.extract.parties import party_index

# pattern -> (priority, offset): a count of calendar years is inclusive ("第八个年头": start = year - 8 + 1)
_COUNTS = (("since_ordinal", 2, 1), ("since_duration", 1, 0))
_YEAR_PRIORITY = 3
_MAX_YEARS = 40  # a longer count is no pairing's age


def set_since(ctx: Context, merged: Merged, v: Patterns) -> None:
    """Set ``since`` from the start-year cues; explicit years beat ordinals beat durations."""
    pub = int(ctx.doc.published[:4]) if ctx.doc.published else None
    best: dict[tuple[str, str], tuple[int, int]] = {}
    main = main_pair(merged)
    by_sentence = _year_cues(ctx, pub, v)
    for i in sorted(by_sentence):
        s, e = ctx.sentences[i]
        sent = ctx.text[s:e]
        cands = by_sentence[i]
        named = {p.id for p in party_index(ctx).in_span(s, e)}
        named |= {k for pair in merged for k in pair if not k.isdigit() and k in sent}
        targets = [k for k in merged if k[0] in named or k[1] in named]
        if not targets:
            if not v["travel_cue"].search(sent):  # the sentence must be about the cooperation
                continue
            targets = [main]
        for k in targets:
            for c in cands:
                if pub and c[1] > pub:
                    continue
                if k not in best or c[0] > best[k][0] or (c[0] == best[k][0] and c[1] < best[k][1]):
                    best[k] = c
    for k, (_, year) in best.items():
        merged[k].since = year


def _year_cues(ctx: Context, pub: int | None, v: Patterns) -> dict[int, list[tuple[int, int]]]:
    """Sentence index -> (priority, year) of every start-year cue: one pass of each pattern over the
    whole text. Counts of years need the publication year."""
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for m in v["since_year"].finditer(ctx.text):
        by_sentence.setdefault(ctx.sentence_index(m.start()), []).append(
            (_YEAR_PRIORITY, int(next(g for g in m.groups() if g))))
    if pub:
        for key, prio, offset in _COUNTS:
            for m in v[key].finditer(ctx.text):
                n = parse_number(next(g for g in m.groups() if g))
                if n and 0 < n < _MAX_YEARS:
                    by_sentence.setdefault(ctx.sentence_index(m.start()), []).append((prio, pub - int(n) + offset))
    return by_sentence
