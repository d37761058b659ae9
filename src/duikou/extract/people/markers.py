"""The marker words that anchor journalists, residents and the weak cues, found in one pass.

Each cue is found from its rarest literal part (the verb, 岁的, the title) and read backwards
or forwards from there: patterns that start with a character class are tried at every position
of the text and cost several times the rest of the extractor. One automaton finds every
literal anchor; ``kinds[i]`` says which cues word ``i`` anchors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick_rs

from duikou.extract.people.chars import NAMEC
from duikou.extract.people.lexicon import lexicon
from duikou.reference import vocab

# The kinds of marker word: speech verb, introduction, list verb, person noun, age, attendance
# head, post after the name, journalist, resident, 叫, 担任, photo credit, 同志, career summary, 辞去.
KINDS = ("speech", "intro", "list", "noun", "age", "attend", "post", "journalist", "resident", "called",
         "takes", "credit", "comrade", "career", "resigns")
# The kinds whose words are lists of data/people_words.yaml.
_LISTED = (("speech", "speech"), ("noun", "other_before"), ("list", "list_verbs"), ("attend", "attend_heads"),
           ("post", "post_titles"), ("journalist", "journalist"), ("resident", "resident_before"))
# The kinds anchored by one word each, and the key of that word.
_SINGLE = (("age", "age_marker"), ("intro", "copula"), ("intro", "intro_age"), ("takes", "take_verb"),
           ("credit", "credit_verb"), ("comrade", "comrade"), ("resigns", "resign_verb"))

Hits = dict[str, list[tuple[int, int]]]


@dataclass(frozen=True)
class Cues:
    anchors: ahocorasick_rs.AhoCorasick
    words: list[str]
    kinds: list[tuple[str, ...]]
    age_noun: re.Pattern[str]
    intro_age: re.Pattern[str]
    counted: re.Pattern[str]
    intro_tail: re.Pattern[str]
    attend: re.Pattern[str]
    subject: re.Pattern[str]
    member: re.Pattern[str]
    pronoun: re.Pattern[str]
    not_body: re.Pattern[str]
    group_nouns: frozenset[str]  # person nouns after which no name is cut before a verb
    bare_nouns: frozenset[str]  # person nouns whose name must be closed by a follow word or a comma
    intro_residents: frozenset[str]  # introduction nouns of a resident (某某是…的村民)
    intro_cadres: frozenset[str]  # introduction nouns of a cadre with no post named (某某是…的干部)
    attend_verbs: frozenset[str]
    accepts: frozenset[str]
    career_new: frozenset[str]
    career_dated: frozenset[str]
    post_tails: tuple[str, ...]
    age_marker: str
    copula: str
    take_verb: str
    credit_verb: str


def _kinds(w: Any) -> dict[str, tuple[str, ...]]:
    """The cue kinds of every marker word (a word may anchor several)."""
    kinds: dict[str, tuple[str, ...]] = {}
    for kind, key in _LISTED:
        for word in w[key]:
            kinds[word] = kinds.get(word, ()) + (kind,)
    for kind, key in _SINGLE:
        word = str(w[key])
        kinds[word] = kinds.get(word, ()) + (kind,)
    for word in w["called"]:
        kinds[word] = kinds.get(word, ()) + ("called",)
    take = str(w["take_verb"])
    for key in ("career_former", "career_new", "career_dated"):
        for word in w[key]:
            # 担任过 is also the 担任 cue (the automaton takes the longest word)
            kinds[word] = kinds.get(word, ()) + (("takes", "career") if take in word else ("career",))
    for word in w["cue_blockers"]:
        kinds.setdefault(word, ())
    return kinds


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The anchor automaton and the patterns read from its hits, compiled once per process."""
    w = vocab.load("people_words")
    g = lexicon().g
    alt = vocab.alternation
    nouns = list(w["other_before"]) + list(w["resident_before"]) + list(w["age_nouns"])
    kinds = _kinds(w)
    words = sorted(kinds)
    single = "".join(str(vocab.load("surnames")["single"]).split())
    return Cues(
        anchors=ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                           implementation=ahocorasick_rs.Implementation.DFA),
        words=words,
        kinds=[kinds[x] for x in words],
        age_noun=re.compile(f"(?:{alt(nouns)}|[\u4e00-\u9fff]{{1,2}}族(?:{alt(nouns)})?)?"),
        intro_age=re.compile("\\d{1,3}岁"),
        counted=re.compile(f"[0-9一二三四五六七八九十两几多]+(?:{alt(w['person_measures'])})"),
        intro_tail=re.compile(f"[^。，；！？\n]{{0,30}}?({alt(w['intro_nouns'])})(?=[，。；！？])"),
        attend=re.compile(f"(?:{alt(w['attend_heads'])})[^。；，、\n]{{0,12}}?(?:的|人员)还?有[:：]?"),
        # a surname and two name characters opening a clause: how a feature story prints its subject
        subject=re.compile(f"[，。！？；：]([{re.escape(single)}][\u4e00-\u9fff]{{2}})"),
        # a name after a body's or a place's name and 的 (来自某某大学的某某表示)
        member=re.compile(f"(?<=[{''.join(sorted(g.member_ends))}]的){NAMEC}{{2,8}}$"),
        pronoun=re.compile(f"[{g.pronouns}]"),
        not_body=re.compile(f"[0-9０-９{g.career_breaks}]"),
        group_nouns=frozenset(w["group_nouns"]), bare_nouns=frozenset(w["bare_nouns"]),
        intro_residents=frozenset(w["intro_residents"]), intro_cadres=frozenset(w["intro_cadres"]),
        attend_verbs=frozenset(w["attend_heads"]), accepts=frozenset(w["accepts"]),
        career_new=frozenset(w["career_new"]), career_dated=frozenset(w["career_dated"]),
        post_tails=tuple(w["post_tails"]),
        age_marker=str(w["age_marker"]), copula=str(w["copula"]),
        take_verb=str(w["take_verb"]), credit_verb=str(w["credit_verb"]),
    )


def anchor_hits(text: str) -> Hits:
    """Spans of every marker word in ``text`` by kind, from one automaton pass."""
    c = cues()
    hits: Hits = {k: [] for k in KINDS}
    kinds = c.kinds
    for idx, a, b in c.anchors.find_matches_as_indexes(text):
        for kind in kinds[idx]:
            hits[kind].append((a, b))
    return hits
