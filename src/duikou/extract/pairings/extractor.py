"""The pairings extractor: every shape run on the sentences that hold its trigger, the pairs merged,
relief set apart, then the start year and the programme of each standing pairing."""
from __future__ import annotations

from duikou.extract.context import Context
from duikou.extract.pairings.areas import aid_area, aid_entries
from duikou.extract.pairings.comention import aid_document_comentions, comention
from duikou.extract.pairings.directed import directed, giving
from duikou.extract.pairings.joint import distributive, joint, joint_abbreviations
from duikou.extract.pairings.merge import Merged, drop_explained, drop_trip_areas, drop_whole_areas, main_pair, merge
from duikou.extract.pairings.passing import stations
from duikou.extract.pairings.programmes import programmes
from duikou.extract.pairings.relief import set_relief
from duikou.extract.pairings.sides import Found, Registry
from duikou.extract.pairings.since import set_since
from duikou.extract.pairings.teams import teams
from duikou.extract.pairings.trips import aided_places, travel
from duikou.extract.pairings.vocabulary import Patterns, patterns
from duikou.extract.registry import extractor

NAME, VERSION = "pairings", "1"


@extractor(NAME, VERSION, reads=("text", "regions", "dates"), adds=("pairings", "main_pairing", "relations"))
def pairings(ctx: Context) -> None:
    """Directed pairings between parties, with program and start year."""
    v = patterns()
    found = _find(ctx, v)
    if not found:
        return
    found = [f for f in drop_explained(found) if f.directed or not stations(ctx, f)]
    merged = merge(ctx, found)
    drop_whole_areas(merged)
    drop_trip_areas(merged)
    set_relief(ctx, merged, v)
    others = {k: info for k, info in merged.items() if info.relation != "standing"}
    if others:  # kept apart from the standing pairings: not on the map of who helps whom
        ctx.layer("relations").extend({"helper": h, "recipient": r, "relation": info.relation,
                                       "start": info.start, "end": info.end} for (h, r), info in others.items())
        merged = {k: info for k, info in merged.items() if k not in others}
    if not merged:
        return
    set_since(ctx, merged, v)
    _emit(ctx, merged, v)


def _find(ctx: Context, v: Patterns) -> list[Found]:
    """Every pair the shapes find in the text."""
    found: list[Found] = []
    # Each pattern runs only on the sentences that hold its trigger word, found in one pass over
    # the text (triggers hold no sentence-ending punctuation, so a hit lies inside one sentence).
    shapes = ((directed, v["directed"]), (giving, v["giving"]), (travel, v["travel"]),
              (joint, v["joiner"]), (distributive, v["respectively"]))
    hits = [{ctx.sentence_index(m.start()) for m in trigger.finditer(ctx.text)} for _, trigger in shapes]
    cue_sentences = {ctx.sentence_index(m.start()) for m in v["travel_cue"].finditer(ctx.text)}
    for i in sorted(cue_sentences | hits[1]):
        s, e = ctx.sentences[i]
        for (find, _), where in zip(shapes, hits):
            if i in where:
                found += find(ctx, s, e, v)
        if i in cue_sentences:
            found += _cued_shapes(ctx, s, e, v)
    return found + aid_document_comentions(ctx, cue_sentences, v)


def _cued_shapes(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """The shapes looked for in every cued sentence (one pass each over the sentence, none over
    the whole text): co-mentions, whole areas, aided villages, aid teams."""
    out = comention(ctx, s, e, v)
    if v["aid"].search(ctx.text, s, e):
        out += aid_area(ctx, s, e, v)
    if v["aided_place"].search(ctx.text, s, e):
        out += aided_places(ctx, s, e, v)
    if v["aid_entry"].search(ctx.text, s, e):
        out += aid_entries(ctx, s, e, v)
    return out + teams(ctx, s, e, v) + joint_abbreviations(ctx, s, e, v)


def _emit(ctx: Context, merged: Merged, v: Patterns) -> None:
    """One fact per standing pairing, in the order the text first pairs them; the main one noted."""
    main = main_pair(merged)
    programs = programmes(ctx, merged, main, v)
    for (h, r), info in sorted(merged.items(), key=lambda kv: kv[1].first):
        program = programs[(h, r)]
        known = Registry.known(h, r) if info.helper.is_region and info.recipient.is_region else None
        data = {"helper": h, "recipient": r, "program": program, "since": info.since, "known": known}
        if (h, r) == main:
            ctx.layer("main_pairing").append((h, r, program))
        ctx.add("pairings", data, info.start, info.end, NAME, VERSION, 0.9 if info.directed else 0.75)
