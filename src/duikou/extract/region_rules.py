"""What the regions extractor knows before it reads a text: the rules of
``data/region_context.yaml`` and the facts about each gazetteer surface, computed once per process."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from duikou.errors import ConfigError
from duikou.reference import vocab
from duikou.reference.gazetteer import Gazetteer, gazetteer


class Rules:
    """The context rules, read from ``data/region_context.yaml``."""

    def __init__(self, data: dict[str, Any]):
        self.stem_cues = tuple(data["stem_cues"])
        self.short_cues = tuple(data["short_name_cues"])
        self.short_cues_plain = tuple(data["short_name_cues_plain"])
        self.short_reject = tuple(data["short_name_reject_next"])
        self.reject_after = {k: tuple(v) for k, v in data["reject_after_last"].items()}
        self.place_suffixes = tuple(data["place_suffixes"])
        self.place_gap = int(data["place_max_gap"])
        self.place_exceptions = tuple(data["place_exceptions"])
        self.stem_cues_before = tuple(data["stem_cues_before"])
        self.stem_cues_after = tuple(data["stem_cues_after"])
        self.stem_after_punct = frozenset(data["stem_after_punctuation"])
        self.stem_list_joins = frozenset(data["stem_list_joins"])
        self.stem_org_next = tuple(data["stem_organisation_next"])
        self.undated_year = int(data["undated_report_year"])
        self.recent_change = int(vocab.load("region_aliases").get("former_short_forms_since", 0))
        self.stem_before_words = frozenset(data["stem_before_words"])
        self.stem_river_ends = tuple(data["stem_river_ends"])
        self.surnames = frozenset(str(vocab.load("surnames").get("single") or ""))
        self.open_q = set(data["open_quotes"])
        self.close_q = set(data["close_quotes"])
        self.adjacent_link = str(data["adjacent_link"])
        self.common = frozenset(data["common_words"])
        self.title_overlap = {k: frozenset(v) for k, v in data["stem_title_overlap"].items()}
        self.word_before = {k: frozenset(v) for k, v in data["word_before_two_char"].items()}
        self.river_after = tuple(data["river_words_after"])
        counts = "".join(re.escape(w) for w in data["list_count_words"])
        seps = "".join(re.escape(w) for w in data["list_separators"])
        # After a stem: more stems of the list (2-4 Han characters each), then the count and the
        # unit word (罗城|、龙胜两县); the unit word is group 1.
        self.list_first = frozenset(data["list_count_words"]) | frozenset(data["list_separators"])
        units = "".join(re.escape(w) for w in data["list_unit_words"])
        self.list_count_re = re.compile(f"(?:[{seps}][\u4e00-\u9fff]{{2,4}}?){{0,6}}[{counts}]{{1,2}}([{units}])")
        # The place-name test as one regex instead of a Python loop over the next characters:
        # up to ``place_gap`` Han characters that start neither an exception nor a suffix, then
        # a suffix that starts no exception. Equivalent because every suffix starts with a Han
        # character (checked here).
        if not all(s and is_han(s[0]) for s in self.place_suffixes):
            raise ConfigError("region_context.yaml: every place_suffixes entry must start with a Han character")
        exc = vocab.alternation(self.place_exceptions) or "(?!)"
        suf = vocab.alternation(self.place_suffixes) or "(?!)"
        self.place_re = re.compile(f"(?:(?!{exc}|{suf})[\u4e00-\u9fff]){{0,{self.place_gap}}}(?!{exc})(?={suf})")


@lru_cache(maxsize=1)
def rules() -> Rules:
    return Rules(vocab.load("region_context"))


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class Surface:
    """What the rules need to know about one gazetteer surface, computed once per process.

    The per-match work of the scans was dominated by the same lookups repeated for every
    occurrence of a surface (levels, ancestor sets, vocabulary tests), so they are read
    here once per surface instead.
    """

    __slots__ = ("surface", "common", "reject_next", "strong", "conditional", "entries", "title_before",
                 "unstemmed", "former", "has_name", "word_before", "river")

    def __init__(self, surface: str, g: Gazetteer, rules: Rules):
        self.surface = surface
        found = g.entries(surface)
        # Whether a former unit (江北区 of Chongqing, merged in 2025) is among the readings.
        self.former = any(g.regions[e.code].until is not None for e in found)
        current_name = any(e.kind == "name" and g.regions[e.code].until is None for e in found)
        # A former unit's two-character name is an ordinary word as often as not (发达县).
        self.common = surface in rules.common or (len(surface) == 2 and not current_name and any(
            e.kind == "name" and g.regions[e.code].until is not None for e in found))
        self.reject_next = rules.reject_after.get(surface[-1], ())
        # Codes that count whatever the article says (official names and aliases of 3+
        # characters), and whether some of them still depend on the match not being quoted
        # or inside a place name (province short names): (code, conditional) in entry order.
        # The three-character name of a unit given up long ago is out of use and often part
        # of a phrase (X + 山区, X + 城市): it counts like a two-character name, unless a unit
        # of today bears it too (江北区), where the context must choose between them.
        strong: list[tuple[str, bool]] = []
        entries: list[tuple[str, str, str, frozenset[str]]] = []
        for e in found:
            r = g.regions[e.code]
            level = r.level
            if e.kind in ("name", "alias") and (len(surface) >= 4 or (len(surface) == 3 and (
                    r.until is None or r.until >= rules.recent_change or current_name))):
                strong.append((e.code, False))
            elif e.kind == "alias" and level == "province" and not self.common:
                strong.append((e.code, True))
            entries.append((e.code, e.kind, level, g.ancestor_codes(e.code)))
        self.strong = tuple(strong)
        self.has_name = any(e[1] == "name" for e in entries)
        self.conditional = any(cond for _, cond in strong)
        self.entries = tuple(entries)
        # Characters before the match that make its first character the end of a title (县|长沙),
        # and the entries left then (no stems); None when the surface has no such reading.
        before = rules.title_overlap.get(surface[0]) if any(e[1] == "stem" for e in entries) else None
        self.title_before = before
        self.unstemmed = tuple(e for e in entries if e[1] != "stem") if before else self.entries
        # Characters before a two-character surface that make its first character the end of
        # an ordinary word (天山|南北, 肯定|西藏): None when there are none.
        self.word_before = rules.word_before.get(surface[0]) if len(surface) == 2 else None
        # A name ending like a river's (怒江, 牡丹江) may name the river (see river_words_after);
        # a province's (浙江, 黑龙江) is read as the province.
        self.river = surface.endswith(rules.stem_river_ends) and all(e[2] != "province" for e in entries)


class Match(NamedTuple):
    """A gazetteer hit with the facts about its surface."""

    start: int
    end: int
    info: Surface

    @property
    def surface(self) -> str:
        return self.info.surface


@lru_cache(maxsize=1)
def _infos() -> list[Surface | None]:
    """Surface facts by gazetteer surface index, filled on first use (see :func:`matches`)."""
    return [None] * len(gazetteer().surfaces)


def matches(text: str, g: Gazetteer, rules: Rules) -> list[Match]:
    """The gazetteer hits in ``text``, each with the facts about its surface."""
    infos, surfaces = _infos(), g.surfaces
    new = tuple.__new__  # a NamedTuple's own __new__ is Python code; this is not
    out = []
    for idx, start, end in g.find_indexes(text):
        info = infos[idx]
        if info is None:
            info = infos[idx] = Surface(surfaces[idx], g, rules)
        out.append(new(Match, (start, end, info)))
    return out
