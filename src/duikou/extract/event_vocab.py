"""The compiled vocabulary of the events extractor (``data/event_triggers.yaml``), built once per process."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from duikou.extract.regexutil import MultiScanner
from duikou.reference import vocab


@dataclass(frozen=True)
class EventPatterns:
    leader: re.Pattern[str]  # a leader marker (率, 带领, 一行)
    delegation: str  # the marker closing a delegation's names (一行)
    leader_words: dict[str, str]  # by event type: a person right before this word leads it
    travel: re.Pattern[str]
    place: re.Pattern[str]  # 在<place>召开
    anaphora: re.Pattern[str]
    summary_before: re.Pattern[str]
    summary_after: re.Pattern[str]
    summary_clause: re.Pattern[str]
    summary_sentence: re.Pattern[str]
    generic_after: re.Pattern[str]
    internal: re.Pattern[str]
    joint: re.Pattern[str]
    visit_at: re.Pattern[str]  # an inspection tour written as where it happened: 在<region>考察/调研
    same_day: re.Pattern[str]
    vague: re.Pattern[str]
    host: re.Pattern[str]
    signed_thing: re.Pattern[str]
    held: re.Pattern[str]  # a sentence reporting a meeting or ceremony held (…推介会在…举行)
    cosigner_join: re.Pattern[str]
    cosigning: re.Pattern[str]  # (共同)签订 right after a cosigner's name


def _words(data: dict[str, Any], key: str) -> re.Pattern[str]:
    return re.compile(vocab.alternation(data[key]))


@lru_cache(maxsize=1)
def event_patterns() -> EventPatterns:
    """The patterns of ``data/event_triggers.yaml``, compiled on first use."""
    data = vocab.load("event_triggers")
    held_verbs = vocab.alternation(data["place_verbs"])
    signed = vocab.alternation(list(vocab.words("agreement_words", "suffixes")) + data["signing_events"])
    return EventPatterns(
        leader=_words(data, "leader_markers"),
        delegation=data["delegation_marker"],
        leader_words=dict(data["leader_before_words"]),
        travel=re.compile(vocab.alternation(vocab.words("pairing_patterns", "travel_verbs"))),
        place=re.compile(f"在(.{{1,20}}?)(?:{held_verbs})"),
        anaphora=_words(data, "meeting_anaphora"),
        summary_before=_words(data, "summary_before"),
        summary_after=re.compile(data["summary_after"]),
        summary_clause=re.compile(data["summary_clause"]),
        summary_sentence=_words(data, "summary_sentence"),
        generic_after=re.compile(data["generic_after"]),
        internal=re.compile(data["internal_meetings"]),
        joint=_words(data, "joint_cues"),
        # the region is checked in code
        visit_at=re.compile(f"在([^，。；！？\n]{{2,12}}?)(?:{vocab.alternation(data['tour_verbs'])})"),
        same_day=_words(data, "same_day"),
        vague=_words(data, "vague_days"),
        host=_words(data, "host_verbs"),
        signed_thing=re.compile(signed),
        # what a later "会上" sentence refers to (…推介会在…举行, 召开…部署会)
        held=re.compile(f"会[^，。；！？\n]{{0,20}}?(?:{held_verbs})|(?:{held_verbs})[^，。；！？\n]{{0,30}}?会"),
        cosigner_join=_words(data, "cosigner_joins"),
        cosigning=re.compile(f"(?:{vocab.alternation(data['cosigning_adverbs'])})?"
                             f"(?:{vocab.alternation(data['cosigning_verbs'])})"),
    )


def _trigger_pattern(alternatives: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in alternatives)


@lru_cache(maxsize=1)
def trigger_scanner(types: tuple[str, ...]) -> MultiScanner:
    """The triggers of every type, found in one scan of the text (see :class:`MultiScanner`)."""
    data = vocab.load("event_triggers")
    return MultiScanner({t: _trigger_pattern(data[t]) for t in types})
