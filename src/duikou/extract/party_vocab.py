"""The vocabulary of organisations' names for :mod:`duikou.extract.parties`, compiled once.

Read from ``pairing_patterns.yaml`` (suffixes, breakers, stops: shared with the pairing patterns)
and ``pairing_parties.yaml`` (the words around a name).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from duikou.reference import vocab

_CJK2 = r"(?=[\u4e00-\u9fff]{2})"  # two more name characters follow


@dataclass(frozen=True)
class OrgVocab:
    suffix: re.Pattern[str]  # any organisation suffix, at the end of a string
    kinds: dict[str, str]  # suffix -> units | zones | institutions | bodies
    container: re.Pattern[str]  # a zone or unit suffix followed by more name: where an inner unit starts
    unit_cut: re.Pattern[str]  # an agency's or company's word before a unit's name: the unit starts after it
    stops: re.Pattern[str]  # words that end a name on its right
    pre_verb: re.Pattern[str]  # time phrase / adverb between a helper and its verb
    long_suffix: re.Pattern[str]  # multi-character institution/zone/body suffixes
    suffix_at: re.Pattern[str]  # a suffix starting here (lookahead, so overlapping ones are all found)
    field_office: re.Pattern[str]  # a helper region's office in the recipient area (前方指挥部, 前指)
    government: re.Pattern[str]  # what makes "<region>…" the region's own committee or government
    team: re.Pattern[str]  # an aid team's suffix, at the end of a string
    breakers: re.Pattern[str]  # words no name holds
    breakers_non_team: re.Pattern[str]  # ... nor a name other than an aid team's
    not_names: re.Pattern[str]  # ordinary words that end like a name, at the end of a string
    org_prefix: re.Pattern[str]  # "共青团<region>委": an organisation of the region, not its committee
    central: re.Pattern[str]  # "<prefix>中央": such an organisation's central committee, at the end of a string
    team_word: re.Pattern[str]  # a programme word inside a team's name, before the region it serves
    team_words: re.Pattern[str]  # a run of such words
    suffix_word_starts: frozenset[str]  # a suffix's last character and the next: a word, so no name ends there
    role: re.Pattern[str]  # a person's role after an organisation's name ("…小学校长"): the name ends there
    generic_stems: frozenset[str]  # a name's own part that names a kind, not one organisation
    generic_team: re.Pattern[str]  # a run of words naming a kind of aid team
    left_stops: frozenset[str]  # characters that end a name's run on its left
    left_words: tuple[str, ...]  # words opening the phrase before a name, in the order tried
    left_word_parts: dict[str, tuple[frozenset[str], frozenset[str]]]  # word -> characters before/after: part of a name
    conjunctions: frozenset[str]  # a conjunction between two names
    region_name_ends: frozenset[str]  # the last character of an official county/city name
    level_ends: tuple[str, ...]  # a name's own part ending so names a level


def _group(words: list[str]) -> str:
    return "(?:" + vocab.alternation(words) + ")"


@lru_cache(maxsize=1)
def org_vocab() -> OrgVocab:
    """The compiled vocabulary of organisations' names."""
    data, around = vocab.load("pairing_patterns"), vocab.load("pairing_parties")
    suffixes = data["org_suffixes"]
    kinds = {w: kind for kind, words in suffixes.items() for w in words}
    return OrgVocab(
        suffix=re.compile(_group(list(kinds)) + "$"),
        kinds=kinds,
        container=re.compile(_group(suffixes["units"] + suffixes["zones"]) + _CJK2),
        unit_cut=re.compile(_group(data["unit_name_cuts"]) + _CJK2),
        stops=re.compile(_group(data["org_stops"])),
        pre_verb=re.compile(data["pre_verb"]),
        long_suffix=re.compile(_group([w for w in kinds if len(w) > 1 and kinds[w] != "units"])),
        suffix_at=re.compile("(?=(" + vocab.alternation(kinds) + "))"),
        government=re.compile(_group(data["government"])),
        field_office=re.compile(_group(data["field_offices"]) + "$"),
        team=re.compile(_group(data["team_suffixes"]) + "$"),
        breakers=re.compile(_group(data["name_breakers"])),
        breakers_non_team=re.compile(_group(data["name_breakers"] + data["name_breakers_non_team"])),
        not_names=re.compile(_group(data["not_names"]) + "$"),
        generic_stems=frozenset(data["generic_stems"]),
        generic_team=re.compile(_group(data["generic_team_words"]) + "+"),
        suffix_word_starts=frozenset(data["suffix_word_starts"]),
        role=re.compile("(?:" + data["role_words"] + ")"),
        team_word=re.compile(_group(data["team_recipient_words"])),
        team_words=re.compile(_group(data["team_recipient_words"]) + "+"),
        org_prefix=re.compile(_group(data["org_prefixes"]) + "$"),
        central=re.compile(_group(data["org_prefixes"]) + "中央$"),
        left_stops=frozenset(around["left_stops"]),
        left_words=tuple(around["left_words"]),
        left_word_parts={w: (frozenset(p.get("before", ())), frozenset(p.get("after", ())))
                         for w, p in around["left_word_parts"].items()},
        conjunctions=frozenset(around["name_conjunctions"]),
        region_name_ends=frozenset(around["region_name_ends"]),
        level_ends=tuple(around["level_ends"]),
    )
