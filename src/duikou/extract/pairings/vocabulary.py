"""The pairing patterns' vocabulary: ``pairing_patterns.yaml`` and ``pairing_clauses.yaml`` compiled once."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from duikou.extract.party_vocab import org_vocab
from duikou.extract.regexutil import prefiltered
from duikou.reference import vocab

Patterns = dict[str, re.Pattern[str]]  # the compiled patterns, by name (see patterns())

_PATTERNS = "pairing_patterns"
_CLAUSES = "pairing_clauses"

# Word lists of pairing_patterns.yaml compiled as one alternation each: pattern -> (list, anchored at
# the end: the word must end where the search range ends).
_WORD_PATTERNS: dict[str, tuple[str, bool]] = {
    "giving_verb": ("giving_verbs", False),
    "joiner": ("joiners", False),
    "travel": ("travel_verbs", False),
    "travel_end": ("travel_verbs", True),
    "own_side": ("own_side", False),
    "causative": ("causative_verbs", False),
    "with_verbs": ("with_verbs", True),
    "travel_cue": ("travel_cues", False),
    "cue_words": ("cue_words", False),
    "comention": ("comention_cues", False),
    "relief": ("relief_cues", False),
    "standing": ("standing_cues", False),
    "mechanism": ("standing_mechanism", False),
    "programme": ("programme_cues", False),
    "noncue": ("programme_noncues", False),
    "team": ("team_suffixes", False),
    "team_word": ("team_recipient_words", True),
    "venue": ("venue_before", True),
    "venue_verb": ("venue_verbs", False),
    "show_verb": ("show_verbs", False),
    "origin": ("origin_before", False),
    "departure": ("departure_after", False),
    "central_travellers": ("central_travellers", False),
    "stations": ("stations_cues", False),
    "station_verb": ("stations_verbs", False),
}


def data() -> Any:
    """The parsed ``pairing_patterns.yaml``."""
    return vocab.load(_PATTERNS)


def _listed(key: str) -> str:
    """The word list ``key`` of ``pairing_patterns.yaml`` as a regex alternation, longest first."""
    return vocab.alternation(data()[key])


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """Every compiled pattern of the pairing shapes, by name."""
    d = data()
    y, n = r"((?:19|20)\d{2})", r"([0-9一二两三四五六七八九十]{1,3})"

    def fmt(key: str, rep: str) -> re.Pattern[str]:
        pats = [p.replace("{Y}", rep).replace("{N}", rep) for p in d[key]]
        return prefiltered("|".join("(?:" + p + ")" for p in pats))

    out = {name: re.compile("(?:" + _listed(key) + ")" + ("$" if end else "")) for name, (key, end) in _WORD_PATTERNS.items()}
    return out | {
        "directed": prefiltered(r"(?<!" + _listed("directed_not_after") + r")(?:" + _listed("directed_adverbs") + r")?("
                                + _listed("directed_verbs") + r")"),
        "giving": re.compile(r"向"),
        "joint_cue": re.compile(r"(" + _listed("joint_cues") + r")"),
        "joint_gap": re.compile(d["joint_gap"]),
        "respectively": re.compile(d["respectively"]),
        "pairs_etc": re.compile(d["pairs_etc"]),
        "pair_cue": re.compile(_listed("joint_cues") + "|" + _listed("directed_verbs")),
        "aided_dest": re.compile(d["aided_destination"]),
        "anaphor_before": re.compile(d["anaphors"]),
        "anaphor_after": re.compile(d["anaphors"].rstrip("$")),
        "role_before": re.compile("(?:" + d["role_words"] + ")$"),
        "role_after": re.compile(d["role_words"] + "(?:" + _listed("role_signing") + ")?"),
        "aided_place": prefiltered("(?:" + _listed("aided_place_words") + ")(" + _listed("aided_place_kinds") + ")"),
        "joint_abbreviation": re.compile(
            "([" + "".join(d["province_abbreviations"]) + "]{2})(?:" + _listed("joint_abbreviation_gap") + ")?(?:"
            + _listed("joint_abbreviation_cues") + ")"),
        "aid": re.compile(vocab.alternation(d["aid_areas"])),
        "aid_entry": re.compile("(?:" + _listed("dispatch_verbs") + ")[^，,。；]{0,16}?("
                                + vocab.alternation(d["aid_entries"]) + ")"),
        "since_year": fmt("since_year", y),
        "since_ordinal": fmt("since_ordinal", n),
        "since_duration": fmt("since_duration", n),
        # compiled once for the parties' names and the pairing patterns
        "team_end": org_vocab().team,
        "team_word_at": org_vocab().team_word,
    }


@lru_cache(maxsize=None)
def number(key: str) -> int:
    """A number of ``pairing_patterns.yaml`` (a gap, a window, a minimum count)."""
    return int(data()[key])


@lru_cache(maxsize=1)
def aid_areas() -> dict[str, str]:
    """援疆/援藏/援青 -> the aided area's province code."""
    return dict(data()["aid_areas"])


@lru_cache(maxsize=1)
def anaphor_suffixes() -> dict[str, tuple[str, ...]]:
    """An anaphor's noun -> the suffixes of the organisations it may stand for."""
    return {k: tuple(v) for k, v in data()["anaphor_suffixes"].items()}


@lru_cache(maxsize=1)
def not_bare() -> re.Pattern[str]:
    """What a helper written by its short name alone cannot be (a pronoun, a level, a generic noun)."""
    d = data()["bare_helper_not"]
    return re.compile("^(?:" + vocab.alternation(d["starts"]) + ")|(?:" + vocab.alternation(d["ends"]) + ")$|^(?:"
                      + vocab.alternation(d["words"]) + ")$")


@lru_cache(maxsize=1)
def chain_towns() -> tuple[re.Pattern[str], int, int]:
    """A township's suffix at the end of a string, and the township's shortest and longest length."""
    d = data()
    lo, hi = d["town_in_chain_len"]
    return re.compile("(?:" + _listed("unit_chain_towns") + ")$"), lo, hi


@lru_cache(maxsize=1)
def lone_town() -> tuple[frozenset[str], frozenset[str]]:
    """The marks a township printed alone may follow, and the words that name no township."""
    d = data()
    return frozenset(d["town_alone_after"]), frozenset(d["town_not_names"])


@lru_cache(maxsize=None)
def clause_words(key: str) -> tuple[str, ...]:
    """A word list of ``pairing_clauses.yaml`` in its written order (some are tried in that order)."""
    return tuple(str(w) for w in vocab.load(_CLAUSES)[key])


@lru_cache(maxsize=None)
def clause_pattern(key: str) -> re.Pattern[str]:
    """A pattern of ``pairing_clauses.yaml``, compiled."""
    return re.compile(str(vocab.load(_CLAUSES)[key]))


@lru_cache(maxsize=None)
def clause_pairs(key: str) -> tuple[tuple[str, str], ...]:
    """A list of pairs of ``pairing_clauses.yaml`` (an opening and a closing mark)."""
    return tuple((str(a), str(b)) for a, b in vocab.load(_CLAUSES)[key])


def designated_word() -> str:
    """The word of the designated programme (定点)."""
    return str(data()["designated_word"])
