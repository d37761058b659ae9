"""The vocabularies of the person-name rules, read once from ``data/`` (titles, surnames, words
around names, function characters, common words) into one immutable table."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick_rs

from duikou.reference import vocab

# Kinds of title: a level's party committee or government, one of its departments, a township
# or village post, and any other body's post (bureau, company, central organ).
GOV, DEPT, LOCAL, AGENCY = "gov", "dept", "local", "agency"


@dataclass(frozen=True)
class TitleInfo:
    kind: str  # gov | dept | local | agency
    level: str | None  # level character (区, 县, 市, ...) for gov titles
    overlap_ok: bool  # the level character may be the last character of the region before it (巴东县委书记)
    level_named: bool = False  # that region's name must end with the level word (克州|党委书记: an autonomous 州)


def level_ok(name: str, level: str) -> bool:
    """The region name carries the level word (某某区 for 区; 某某地区 for 地; 某某自治区)."""
    return name.endswith(level) or (level == "地" and name.endswith("地区"))


@dataclass(frozen=True)
class Lexicon:
    titles: ahocorasick_rs.AhoCorasick
    title_list: list[str]
    title_info: dict[str, TitleInfo]
    levels: dict[str, tuple[str, ...]]
    single: frozenset[str]
    compound: frozenset[str]
    follow_by_first: dict[str, tuple[str, ...]]
    heads: re.Pattern[str]
    resident_place: re.Pattern[str]
    resident_speech: tuple[str, ...]
    resident_action: tuple[str, ...]
    resident_visit: re.Pattern[str]
    household: re.Pattern[str]
    not_given: frozenset[str]
    may_end: frozenset[str]
    nonhan_stop: frozenset[str]
    title_surnames: frozenset[str]
    common_strong: frozenset[str]  # ordinary words never taken as a name (郑重, 满意度)
    common_weak: frozenset[str]  # ordinary words not taken as a name on a weak cue (齐心, 文明)
    common_given: frozenset[str]  # frequent words no given name on a weak cue (某某|建设, 某某|发展)
    verbs: frozenset[str]  # frequent two-character verbs: after a title a name ends where one starts (某某|号召)
    translit: frozenset[str]
    not_in_given: frozenset[str]
    not_last: frozenset[str]
    no_region_orgs: tuple[str, ...]
    credit_next: tuple[str, ...]  # credit words glued to the name before them in a footer (某某校对)
    long_words: frozenset[str]  # words opening with 长 (长江, 长期): no head post glued to a region before them
    g: Grammar  # function characters (data/people_grammar.yaml)


@dataclass(frozen=True)
class Grammar:
    """``data/people_grammar.yaml``. Sets tested with ``in`` are frozensets, except ``past_adverbs``:
    a string, so that the empty slice at the end of a text matches as it always did. Strings that
    only build patterns (``member_ends``, ``pronouns``, ``career_breaks``) stay strings."""
    leading: frozenset[str]
    org_ends: frozenset[str]
    body_ends: frozenset[str]
    member_ends: str
    bare_levels: frozenset[str]
    not_level_words: frozenset[str]
    several_units: frozenset[str]
    own_unit: frozenset[str]
    post_marks: frozenset[str]
    post_as: frozenset[str]
    held_post: frozenset[str]
    aspect: frozenset[str]
    verb_close: frozenset[str]
    not_name_end: frozenset[str]
    past_adverbs: str
    visit_ends: frozenset[str]
    not_resident_place: frozenset[str]
    collective: tuple[str, ...]
    address: frozenset[str]
    links: frozenset[str]
    adverbs: frozenset[str]
    prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    not_before_verb: frozenset[str]
    conjunctions: frozenset[str]
    numerals: frozenset[str]
    comrade_nouns: frozenset[str]
    not_comrade_surname: frozenset[str]
    comrade_set_phrase: str
    place_next: frozenset[str]
    pronouns: str
    career_breaks: str


def _grammar() -> Grammar:
    d = vocab.load("people_grammar")

    def chars(key: str) -> frozenset[str]:
        return frozenset(str(d[key]))

    return Grammar(
        leading=chars("leading"), org_ends=chars("org_ends"),
        body_ends=frozenset(str(d["org_ends"]) + str(d["unit_ends"])), member_ends=str(d["member_ends"]),
        bare_levels=chars("bare_levels"), not_level_words=frozenset(d["not_level_words"]),
        several_units=chars("several_units"), own_unit=chars("own_unit"), post_marks=chars("post_marks"),
        post_as=chars("post_as"), held_post=frozenset(d["held_post"]), aspect=chars("aspect"),
        verb_close=chars("aspect") | {"地"},  # 地 closes an adverb (感激地) as an aspect mark closes a verb
        not_name_end=chars("not_name_end"), past_adverbs=str(d["past_adverbs"]), visit_ends=chars("visit_ends"),
        not_resident_place=chars("not_resident_place"), collective=tuple(d["collective"]),
        address=frozenset(d["address"]), links=chars("links"), adverbs=chars("adverbs"),
        prepositions=chars("prepositions"), place_prepositions=chars("place_prepositions"),
        not_before_verb=chars("not_before_verb"), conjunctions=chars("conjunctions"), numerals=chars("numerals"),
        comrade_nouns=chars("comrade_nouns"), not_comrade_surname=chars("not_comrade_surname"),
        comrade_set_phrase=str(d["comrade_set_phrase"]), place_next=chars("place_next"),
        pronouns=str(d["pronouns"]), career_breaks=str(d["career_breaks"]),
    )


def _by_first(words: list[str]) -> dict[str, tuple[str, ...]]:
    """Words grouped by their first character, longest first in each group."""
    out: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        out.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _title_info(data: Any, levels: dict[str, tuple[str, ...]]) -> dict[str, TitleInfo]:
    """Every title of ``data/titles.yaml``, the level templates expanded over the level characters."""
    info: dict[str, TitleInfo] = {}

    def put(title: str, ti: TitleInfo) -> None:
        if title not in info or info[title].kind == AGENCY:  # a level-bound reading wins
            info[title] = ti

    for word in data["agency"]:
        put(word, TitleInfo(AGENCY, None, False))
    for word in data["local"]:
        info[word] = TitleInfo(LOCAL, None, False)
    for word in data["department"]:
        put(word, TitleInfo(DEPT, None, False))
    for lv in levels:
        for post in data["committee"]:
            put(f"{lv}委{post}", TitleInfo(GOV, lv, True))
        for word in data["department"]:
            put(f"{lv}委{word}", TitleInfo(GOV, lv, True))
        for tpl in data["institution"]:
            put(tpl.format(L=lv), TitleInfo(GOV, lv, True))
        for tpl in data["head"]:
            # 区长 starts with the level character, which must not be the end of a region
            # name (南京市长江大桥); 副区长 may follow a region directly.
            put(tpl.format(L=lv), TitleInfo(GOV, lv, False))
    for lv, committee in (data.get("committee_alt") or {}).items():
        for post in data["committee"]:  # 州党委书记: the committee of an autonomous prefecture
            put(f"{lv}{committee}{post}", TitleInfo(GOV, lv, True, True))
    for word, lv in data["extra_gov"].items():
        # 广西壮族自治区|党委书记 is matched as 自治区党委书记 overlapping the region's name.
        put(word, TitleInfo(GOV, lv, word.startswith(lv) and len(lv) > 1))
    return info


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The vocabularies, parsed and compiled once per process."""
    data = vocab.load("titles")
    levels = {k: tuple(v) for k, v in data["levels"].items()}
    info = _title_info(data, levels)
    title_list = sorted(info)
    words = vocab.load("people_words")
    sur = vocab.load("surnames")
    common = vocab.load("common_words")
    alt = vocab.alternation
    return Lexicon(
        # A DFA searches ~2.5x faster than the NFA the library picks for this vocabulary (measured).
        titles=ahocorasick_rs.AhoCorasick(title_list, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                          implementation=ahocorasick_rs.Implementation.DFA),
        title_list=title_list,
        title_info=info,
        levels=levels,
        single=frozenset(str(sur["single"]).replace(" ", "").replace("\n", "")),
        compound=frozenset(sur["compound"]),
        follow_by_first=_by_first(words["follow"]),
        heads=re.compile(f"(?:{alt(words['list_heads'])})[:：]?"),
        resident_place=re.compile(
            f"(?:{alt(words['resident_place'])})[\u3400-\u9fff]{{0,2}}?"
            f"(?:{alt(words['resident_occupation'])})[ \u3000]*"),
        resident_speech=tuple(words["resident_speech"]),
        resident_action=tuple(words["resident_action"]),
        resident_visit=re.compile(alt(words["resident_visit"])),
        household=re.compile(alt(words["household"])),
        not_given=frozenset(words["not_given"]),
        may_end=frozenset(words["may_end_name"]),
        nonhan_stop=frozenset(str(words["nonhan_stop"])),
        title_surnames=frozenset(sur.get("after_title") or ()),
        common_strong=frozenset(str(common["strong"]).split()),
        common_weak=frozenset(str(common["weak"]).split()),
        common_given=frozenset(str(common.get("given") or "").split()),
        verbs=frozenset(str(common.get("verbs") or "").split()),
        translit=frozenset(str(words["translit"])),
        not_in_given=frozenset(str(words["not_in_given"])),
        not_last=frozenset(str(words["not_last_in_given"])),
        no_region_orgs=tuple(words["no_region_orgs"]),
        long_words=frozenset(words["long_words"]),
        credit_next=tuple(words["credit_next"]),
        g=_grammar(),
    )
