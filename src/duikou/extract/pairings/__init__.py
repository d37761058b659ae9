"""Pairings (helper → recipient, program, start year) from the text's own patterns.

Patterns, from most to least explicit about direction:

- ``A 对口帮扶 B`` (and 结对帮扶, 对口支援, 定点帮扶...), with lists and 分别;
- ``A 向 B 捐赠/交付``;
- ``A(代表团...) 赴 B ... 协作/帮扶`` in one clause;
- ``A—B 对口协作``, ``A与B东西部协作``: joint names, direction from the
  registry of official arrangements, else from the other patterns, else as written.

The program comes from :func:`duikou.reference.pairing_registry.infer_program` with the
cue words of the pairing's own sentences; the start year from "自2016年…以来",
"第七个年头" and "结对三年多来", the most explicit winning.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from duikou.extract.context import Context
from duikou.extract.numerals import parse_number
from duikou.extract.parties import (
    Party,
    ends_in_word,
    inside_org,
    is_team,
    opens_org,
    org_after,
    org_before,
    party_ending_at,
    party_index,
    party_starting_at,
    strip_pre_verb,
    subject_org,
)
from duikou.extract.registry import extractor
from duikou.extract.pairings.actors import (
    acts_alone,
    central_body,
    clean_start,
    first_acting_org,
    fuller_name,
    is_team_party,
    org_opened_by,
    sub_team_region,
)
from duikou.extract.pairings.areas import aid_area, aid_entries
from duikou.extract.pairings.clauses import clause_end, clause_start, clause_subject, find_all, sentence_subject
from duikou.extract.pairings.comention import aid_document_comentions, comention
from duikou.extract.pairings.directed import directed, giving
from duikou.extract.pairings.joint import distributive, joint, joint_abbreviations
from duikou.extract.pairings.lists import helpers_before, pair_lists, party_list_after, party_list_before
from duikou.extract.pairings.names import anaphor, expand_abbreviations
from duikou.extract.pairings.passing import in_passing, list_of, located, on_route, same_list, stations
from duikou.extract.pairings.sides import Found, Registry, covers, nested, region_of
from duikou.extract.pairings.teams import teams
from duikou.extract.pairings.trips import aided_places, travel
from duikou.extract.pairings.vocabulary import aid_areas, anaphor_suffixes, chain_towns, data, lone_town, not_bare, number, patterns

NAME, VERSION = "pairings", "1"


@extractor(NAME, VERSION, reads=("text", "regions", "dates"), adds=("pairings",))
def pairings(ctx: Context) -> None:
    """Directed pairings between parties, with program and start year."""
    registry = Registry
    v = patterns()
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
    found += aid_document_comentions(ctx, cue_sentences, v)
    if not found:
        return
    found = [f for f in _drop_explained(found) if f.directed or not stations(ctx, f)]
    merged = _merge(ctx, found, registry)
    _drop_whole_areas(merged)
    _drop_trip_areas(merged)
    _set_relief(ctx, merged, v)
    others = {k: info for k, info in merged.items() if info["relation"] != "standing"}
    if others:  # kept apart from the standing pairings: not on the map of who helps whom
        ctx.notes["other_pairings"] = [{"helper": h, "recipient": r, "relation": info["relation"],
                                        "start": info["start"], "end": info["end"]} for (h, r), info in others.items()]
        merged = {k: info for k, info in merged.items() if k not in others}
    if not merged:
        return
    _since(ctx, merged, v)
    year = int(ctx.doc.published[:4]) if ctx.doc.published else None
    main = max(merged, key=lambda k: (merged[k]["weight"], -merged[k]["first"]))
    programs: dict[tuple[str, str], str] = {}
    for (h, r), info in merged.items():
        hc, rc = region_of(info["helper"]), region_of(info["recipient"])
        programs[(h, r)] = registry.infer_program(hc, rc, tuple(sorted(info["cues"])), year)
    _inherit_programs(merged, programs, main)
    doc_cues = tuple(sorted(set(v["cue_words"].findall(ctx.text))))
    for (h, r), info in merged.items():
        gov = all(p.is_region or p.kind in ("units", "zones") for p in (info["helper"], info["recipient"]))
        if programs[(h, r)] == "unspecified" and gov:  # a unit pairing in a document about one programme
            programs[(h, r)] = registry.infer_program(region_of(info["helper"]), region_of(info["recipient"]), doc_cues, year)
    designated = any("定点" in c for c in doc_cues)
    for (h, r), info in merged.items():
        if programs[(h, r)] == "unspecified" and designated and not info["helper"].is_region \
                and info["helper"].kind in ("bodies", "institutions"):
            programs[(h, r)] = "designated"  # an agency, a university, an army unit in a document about 定点帮扶
        if programs[(h, r)] == "unspecified":  # an institution's programme from where the two sides are
            hc, rc = (p.id if p.is_region else p.region for p in (info["helper"], info["recipient"]))
            if hc and rc:
                programs[(h, r)] = registry.infer_program(hc, rc, tuple(sorted(info["cues"])), year)
    provinces: set[str] | None = None
    for (h, r), info in merged.items():
        if programs[(h, r)] != "unspecified" or info["helper"].is_region or info["recipient"].is_region \
                or central_body(info["helper"]):
            continue
        if provinces is None:  # the provinces the report names
            provinces = {p.id[:2] for p in party_index(ctx).parties if p.is_region and p.id[:2] != "00"}
        if len(provinces) == 1:  # two local organisations in a report about one province
            programs[(h, r)] = "intra_province"
    for (h, r), info in sorted(merged.items(), key=lambda kv: kv[1]["first"]):
        hc = h if info["helper"].is_region else None
        rc = r if info["recipient"].is_region else None
        program = programs[(h, r)]
        known = registry.known(h, r) if hc and rc else None
        data = {"helper": h, "recipient": r, "program": program, "since": info.get("since"), "known": known}
        if (h, r) == main:
            ctx.notes["main_pairing"] = (h, r, program)
        conf = 0.9 if info["directed"] else 0.75
        ctx.add("pairings", data, info["start"], info["end"], NAME, VERSION, conf)


def _inherit_programs(merged: dict[tuple[str, str], dict], programs: dict[tuple[str, str], str],
                      main: tuple[str, str]) -> None:
    """A pairing of units (a street and a township, two hospitals) inside the document's main
    pairing belongs to the main pairing's programme when nothing else says which."""
    main_program = programs[main]
    if main_program == "unspecified":
        return
    from duikou.reference.gazetteer import gazetteer

    g = gazetteer()
    main_recipient = region_of(merged[main]["recipient"])
    for key, info in merged.items():
        if key == main or programs[key] != "unspecified":
            continue
        if not all(p.is_region or p.kind in ("units", "zones") for p in (info["helper"], info["recipient"])):
            continue
        rc = region_of(info["recipient"])
        if rc is None or main_recipient is None:
            programs[key] = main_program  # named units only: the document is about the main pairing
        elif g.province_of(rc) == g.province_of(main_recipient):
            programs[key] = main_program


# -- patterns ---------------------------------------------------------------


def _cued_shapes(ctx: Context, s: int, e: int, v: dict[str, re.Pattern[str]]) -> list[Found]:
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


def _drop_explained(found: list[Found]) -> list[Found]:
    """A fallback pair goes when a pattern of the text pairs the same two sides or units of them
    (a district of the province, a zone of the city): the text names who is meant."""
    explicit = {(region_of(f.helper), region_of(f.recipient)) for f in found if not f.fallback}
    if not explicit or all(not f.fallback for f in found):
        return found
    from duikou.reference.gazetteer import gazetteer

    gaz = gazetteer()

    def covering(b: str) -> set[str]:  # every a with covers(a, b): b and, for a code, its ancestors
        return {b} | set(gaz.ancestor_codes(b)) if b.isdigit() else {b}

    # every (helper, recipient) that covers an explicit pair, so each fallback is one lookup (a test
    # against every explicit pair is quadratic in a document with thousands of pairs)
    kin = {(a, b) for h, r in explicit if h is not None and r is not None
           for a in covering(h) for b in covering(r)}
    return [f for f in found if not f.fallback or not (
        (f.helper.id, f.recipient.id) in kin or (f.recipient.id, f.helper.id) in kin)]


def _set_relief(ctx: Context, merged: dict[tuple[str, str], dict], v: dict[str, re.Pattern[str]]) -> None:
    """Mark relief pairings: every sentence of the pair about a disaster or epidemic (or the
    document about one), none about a standing programme, and no official arrangement."""
    text = ctx.text
    doc_relief: bool | None = None
    for (h, r), info in merged.items():
        if info["relation"] != "standing" or Registry.lookup_related(h, r) is not None:
            continue
        sentences = {ctx.sentence_at(a) for a, _ in info["spans"]}
        if all(_relief_object(ctx, b, v) for _, b in info["spans"]) and not _lasting(ctx, info, v):
            info["relation"] = "relief"  # the help given is itself the relief: "结对帮扶<R>进行灾后重建"
            continue
        if any(v["standing"].search(text, s, e) for s, e in sentences):
            continue
        if all(v["relief"].search(text, s, e) for s, e in sentences):
            info["relation"] = "relief"
            continue
        if doc_relief is None:
            doc_relief = sum(1 for _ in v["relief"].finditer(text)) >= number("relief_doc_min")
        if doc_relief:
            info["relation"] = "relief"


def _relief_object(ctx: Context, end: int, v: dict[str, re.Pattern[str]]) -> bool:
    """A relief word right after a pairing's span, in its clause: what the help is for."""
    s, e = ctx.sentence_at(end - 1)
    hi = min(clause_end(ctx.text, end, e), end + number("relief_after_recipient"))
    return v["relief"].search(ctx.text, end, hi) is not None


def _lasting(ctx: Context, info: dict, v: dict[str, re.Pattern[str]]) -> bool:
    """A sentence naming both sides of a pairing with a standing cue and a lasting mechanism."""
    a, b = info["helper"].surface, info["recipient"].surface
    if not a or not b:
        return False
    for s, e in ctx.sentences:
        t = ctx.text[s:e]
        if a in t and b in t and v["standing"].search(t) and v["mechanism"].search(t):
            return True
    return False


def _drop_whole_areas(merged: dict[tuple[str, str], dict]) -> None:
    """P → 新疆 goes when the document pairs P with a unit of 新疆: that pair is the one meant."""
    areas = set(aid_areas().values())
    for h, r in list(merged):
        if r in areas and any(h2 == h and r2 != r and r2[:2] == r[:2] and r2.isdigit() for h2, r2 in merged):
            del merged[(h, r)]


def _drop_trip_areas(merged: dict[tuple[str, str], dict]) -> None:
    """A → D said only by a trip goes when a helping verb or a joint cue of the document pairs A
    (or a unit of A) with one unit of D: the visit went to the city, the partner is that district."""
    for (h, r), info in list(merged.items()):
        if not info["trip"] or not (h.isdigit() and r.isdigit()):
            continue
        finer = [k for k, i2 in merged.items() if i2["explicit"] and k != (h, r) and k[1] != r
                 and covers(h, k[0]) and covers(r, k[1])]
        if len(finer) == 1:
            del merged[(h, r)]


# -- merging and direction ---------------------------------------------------

def _merge(ctx: Context, found: list[Found], registry) -> dict[tuple[str, str], dict]:  # type: ignore[no-untyped-def]
    """One entry per directed pair.

    Direction, strongest first: a helping verb in the text; the registry of
    official arrangements; the direction of a trip; the order written.
    """
    found = [f for f in expand_abbreviations(ctx, found) if f.recipient.is_region or not is_team(f.recipient.id)]
    directed = {(f.helper.id, f.recipient.id) for f in found if f.directed}
    out: dict[tuple[str, str], dict] = {}
    for f in sorted(found, key=lambda f: (not f.directed, f.start)):
        h, r = f.helper, f.recipient
        if not f.directed:
            if (r.id, h.id) in directed:
                h, r = r, h
            elif (h.id, r.id) not in directed and h.is_region and r.is_region:
                hit = registry.lookup_either(h.id, r.id)
                if hit is not None and hit[1]:
                    h, r = r, h
            elif (h.id, r.id) not in directed and not (h.is_region or r.is_region) \
                    and Registry.receiving(h.region) and not Registry.receiving(r.region):
                h, r = r, h  # "<western school>与<school>签订结对协议": the western one is helped
            elif (h.id, r.id) not in directed and not (h.is_region or r.is_region) \
                    and _GRASSROOTS.search(h.id) and not _GRASSROOTS.search(r.id):
                h, r = r, h  # "<village>党支部与<agency>党支部结对": the village's side is helped
        key = (h.id, r.id)
        if (r.id, h.id) in out and key not in out:
            key = (r.id, h.id)  # already known the other way round, from a more explicit pattern
            h, r = r, h
        info = out.setdefault(key, {"helper": h, "recipient": r, "start": f.start, "end": f.end, "first": f.start,
                                    "directed": False, "cues": set(), "weight": 0, "spans": [],
                                    "relation": "donation"})
        if f.relation == "standing":
            info["relation"] = "standing"
        info["directed"] |= f.directed
        info["trip"] = info.get("trip", True) and f.trip
        info["explicit"] = info.get("explicit", False) or not (f.trip or f.fallback)
        info["cues"] |= f.cues
        info["weight"] += f.weight
        info["first"] = min(info["first"], f.start)
        info["spans"].append((f.start, f.end))
    # Cue words in the clauses of each pairing (a whole sentence may name other programmes).
    cue_re = patterns()["cue_words"]
    for info in out.values():
        for a, b in info["spans"]:
            s, e = ctx.sentence_at(a)
            info["cues"] |= set(cue_re.findall(ctx.text, clause_start(ctx.text, a, s), clause_end(ctx.text, b, e)))
    return out


# A village's or neighbourhood's own body (its party branch, its residents' committee)
_GRASSROOTS = re.compile(r"(?:村|社区|居民区|居委会|嘎查)(?:党总支部|党总支|党支部|党委|委员会|村委会)?$")


# -- start year ---------------------------------------------------------------

def _since(ctx: Context, merged: dict[tuple[str, str], dict], v: dict[str, re.Pattern[str]]) -> None:
    """Set ``since`` from the start-year cues; explicit years beat ordinals beat durations."""
    pub = int(ctx.doc.published[:4]) if ctx.doc.published else None
    best: dict[tuple[str, str], tuple[int, int]] = {}
    main = max(merged, key=lambda k: (merged[k]["weight"], -merged[k]["first"]))
    # One pass of each pattern over the whole text, the hits bucketed by sentence.
    by_sentence: dict[int, list[tuple[int, int]]] = {}  # sentence index -> (priority, year)
    for m in v["since_year"].finditer(ctx.text):
        by_sentence.setdefault(ctx.sentence_index(m.start()), []).append((3, int(next(g for g in m.groups() if g))))
    if pub:
        for key, prio, offset in (("since_ordinal", 2, 1), ("since_duration", 1, 0)):
            for m in v[key].finditer(ctx.text):
                n = parse_number(next(g for g in m.groups() if g))
                if n and 0 < n < 40:
                    by_sentence.setdefault(ctx.sentence_index(m.start()), []).append((prio, pub - int(n) + offset))
    for i in sorted(by_sentence):
        s, e = ctx.sentences[i]
        sent = ctx.text[s:e]
        cands = by_sentence[i]
        if not cands:
            continue
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
        merged[k]["since"] = year
