"""The region gazetteer: every province-, prefecture- and county-level unit of GB/T 2260.

The tables are data files of the package, made by ``scripts/build_region_table.py`` from
two maintained sources (their names, versions and licences are in the files' headers):

- ``data/region_codes.csv``: the units in force today, with centre coordinates;
- ``data/region_changes.csv``: units that ceased under a name or code (撤县设市, 更名,
  merged units) with the year of the change and today's unit that took them over. A
  unit whose code is gone is kept as a former unit (``Region.until``, ``Region.successor``)
  so that a report can be read against the units in force at its date; a unit renamed
  under the same code keeps its old name as a surface of today's unit;
- ``data/region_nations.csv``: ethnic group names, for the short forms of autonomous units.

The tables are read by :mod:`duikou.reference.region_data`; aliases are derived from the official
names by :mod:`duikou.reference.naming` (the rules in ``data/region_aliases.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import Iterable, Literal, NamedTuple

import ahocorasick_rs

from duikou.reference import codes, region_data
from duikou.reference.naming import NameKind, Naming, naming
from duikou.reference.region_data import Change, Unit

__all__ = ["Change", "Gazetteer", "Level", "NameEntry", "NameKind", "NameMatch", "Region", "gazetteer"]

Level = Literal["province", "prefecture", "county"]


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # province | prefecture | county
    parent: str | None
    lon: float | None
    lat: float | None
    until: int | None = None  # a former unit: the last year it was in force
    successor: str | None = None  # a former unit: today's unit that took it over


@dataclass(frozen=True)
class NameEntry:
    code: str
    kind: str  # NameKind


class NameMatch(NamedTuple):
    """A gazetteer surface found in a text (all units it may name)."""

    start: int
    end: int
    surface: str
    entries: tuple[NameEntry, ...]


class Gazetteer:
    """Lookup by code and by name, the parent chain, and a fast name matcher."""

    def __init__(self, units: Iterable[Unit], naming: Naming, changes: Iterable[Change] = ()):
        self._naming = naming
        rules = naming.rules
        raw = {}
        for code12, name, lon, lat in units:
            code = code12[:6]
            if code.startswith(rules.skip_code_prefixes) or name.endswith(rules.skip_name_suffixes):
                continue
            raw[code] = (name, lon, lat)
        self.regions: dict[str, Region] = {}
        for code, (name, lon, lat) in raw.items():
            if codes.is_municipality_row(code):
                continue  # pseudo-prefecture (110100 北京市): not a unit of its own
            self.regions[code] = Region(code, name, codes.level(code), codes.parent_code(code, raw.__contains__),
                                        lon, lat)
        renamed = self._add_former(changes)
        names: dict[str, dict[str, str]] = {}
        rank = {"name": 0, "alias": 1, "stem": 2}

        def add(surface: str, code: str, kind: str) -> None:
            per = names.setdefault(surface, {})
            if code not in per or rank[kind] < rank[per[code]]:
                per[code] = kind

        former = [r for r in self.regions.values() if r.until is not None]
        for r in self.regions.values():
            if r.until is None:
                for surface, kind in naming.aliases(r.name, r.level):
                    add(surface, r.code, kind)
        for surface, code in self._abbreviations(names).items():
            names[surface] = {code: "alias"}
        # Former units and former names: the official name always; a short form only
        # where no unit of today has it (会理 is today's 会理市, not the former 会理县).
        taken = set(names)
        for old in sorted(renamed):
            unit = self.regions[renamed[old]]
            for surface, kind in naming.aliases(old, unit.level):
                if kind == "name" or surface not in taken:
                    add(surface, renamed[old], kind)
        recent = rules.former_short_forms_since
        for r in former:
            for surface, kind in naming.aliases(r.name, r.level):
                if kind == "name" or (surface not in taken and (r.until or 0) >= recent):
                    add(surface, r.code, kind)
        self._names: dict[str, tuple[NameEntry, ...]] = {
            s: tuple(NameEntry(c, k) for c, k in sorted(per.items())) for s, per in names.items()
        }

    def _add_former(self, changes: Iterable[Change]) -> dict[str, str]:
        """Add the former units of ``changes``; the former names of units renamed under the
        same code, name -> code."""
        renamed: dict[str, str] = {}
        former: dict[str, Change] = {}
        for ch in changes:
            if ch.new_code not in self.regions:
                continue  # a change whose successor is not in the table: nothing to map it to
            if ch.old_code == ch.new_code:
                renamed.setdefault(ch.old_name, ch.old_code)
            elif ch.old_code not in self.regions:
                # A former code that bore several names (中甸县, then 香格里拉县): the unit
                # takes the last one, the earlier ones are its former names.
                prev = former.get(ch.old_code)
                if prev is None or prev.year < ch.year:
                    former[ch.old_code] = ch
                    if prev is not None:
                        renamed.setdefault(prev.old_name, ch.old_code)
                else:
                    renamed.setdefault(ch.old_name, ch.old_code)

        def has_prefecture(code: str) -> bool:
            return code in self.regions or code in former

        for code, ch in sorted(former.items()):
            succ = self.regions[ch.new_code]
            # The successor's centre stands in for the former unit's on a map.
            self.regions[code] = Region(code, ch.old_name, codes.level(code), codes.parent_code(code, has_prefecture),
                                        succ.lon, succ.lat, ch.year, succ.code)
        return renamed

    def _abbreviations(self, names: dict[str, dict[str, str]]) -> dict[str, str]:
        """Customary short forms (察右后旗) that name exactly one unit and clash with no name."""
        rules = [(re.compile(p), t) for p, t in self._naming.rules.abbreviation_rules]
        derived: dict[str, set[str]] = {}
        for r in self.regions.values():
            for pat, template in rules:
                if pat.match(r.name):
                    derived.setdefault(pat.sub(template, r.name), set()).add(r.code)
                    break
        by_name = {r.name: r.code for r in self.regions.values()}
        for short, official in self._naming.rules.abbreviations:
            if official in by_name:
                derived.setdefault(short, set()).add(by_name[official])
        return {s: next(iter(c)) for s, c in derived.items() if len(c) == 1 and s not in names}

    # -- lookups -------------------------------------------------------------
    def get(self, code: str) -> Region | None:
        return self.regions.get(code)

    def __len__(self) -> int:
        return len(self.regions)

    def entries(self, surface: str) -> tuple[NameEntry, ...]:
        """Every unit ``surface`` may name, with how it names it."""
        return self._names.get(surface, ())

    def by_name(self, name: str) -> list[Region]:
        """Units whose official name or alias is ``name``."""
        return [self.regions[e.code] for e in self.entries(name)]

    def ancestors(self, code: str) -> list[Region]:
        """Parent chain of ``code``, nearest first, up to the province."""
        out: list[Region] = []
        r = self.regions.get(code)
        while r is not None and r.parent is not None:
            r = self.regions.get(r.parent)
            if r is not None:
                out.append(r)
        return out

    def current(self, code: str) -> str:
        """Today's code of the unit ``code`` (itself unless it is a former unit)."""
        r = self.regions.get(code)
        return r.successor if r is not None and r.successor else code

    def in_force(self, code: str, year: int | None) -> str:
        """The unit ``code`` stands for in a report of ``year``: a former unit while it was in
        force (and when the year is unknown: a report naming it was most likely written then),
        today's unit after."""
        r = self.regions.get(code)
        if r is None or r.until is None or year is None or year <= r.until:
            return code
        return r.successor or code

    def province_of(self, code: str) -> str:
        """Code of the province-level unit that contains ``code``."""
        return codes.province_code(code)

    @cached_property
    def _ancestor_sets(self) -> dict[str, frozenset[str]]:
        return {c: frozenset(a.code for a in self.ancestors(c)) for c in self.regions}

    def ancestor_codes(self, code: str) -> frozenset[str]:
        """Codes of the ancestors of ``code`` (empty for unknown codes)."""
        return self._ancestor_sets.get(code, frozenset())

    def is_within(self, code: str, ancestor: str) -> bool:
        """True when ``ancestor`` is ``code`` itself or one of its ancestors."""
        return code == ancestor or ancestor in self.ancestor_codes(code)

    def related(self, a: str, b: str) -> bool:
        """True when one of the two units contains the other."""
        return self.is_within(a, b) or self.is_within(b, a)

    def resolve_name(self, name: str, context_codes: Iterable[str] = ()) -> Region | None:
        """The one unit ``name`` denotes given the units in ``context_codes``, else None.

        A candidate is kept when it contains or lies within a context unit; failing
        that, when it is in the same province as one.
        """
        cands = self.by_name(name)
        if len(cands) <= 1:
            return cands[0] if cands else None
        ctx = [c for c in context_codes if c in self.regions]
        provinces = {self.province_of(c) for c in ctx}
        for hit in ([r for r in cands if any(self.related(r.code, c) for c in ctx)],
                    [r for r in cands if self.province_of(r.code) in provinces]):
            if len(hit) == 1:
                return hit[0]
            if hit:
                return None
        return None

    # -- matching ------------------------------------------------------------
    @cached_property
    def _surfaces(self) -> list[str]:
        return sorted(self._names)

    @cached_property
    def _entries_by_index(self) -> list[tuple[NameEntry, ...]]:
        return [self._names[s] for s in self._surfaces]

    @cached_property
    def _automaton(self) -> ahocorasick_rs.AhoCorasick:
        # A contiguous NFA, not a DFA: the DFA is faster on a text searched again and again, but in
        # a run the other extractors evict its ~12 MB from the caches between two documents, and the
        # compact NFA then searches ~25% faster (measured over 5,000 crawl pages; built in ~7 ms
        # instead of ~23 ms).
        return ahocorasick_rs.AhoCorasick(self._surfaces, matchkind=ahocorasick_rs.MatchKind.Standard,
                                          implementation=ahocorasick_rs.Implementation.ContiguousNFA)

    @property
    def surfaces(self) -> list[str]:
        """Every name and alias, in the order :meth:`find_indexes` numbers them."""
        return self._surfaces

    def find_indexes(self, text: str) -> list[tuple[int, int, int]]:
        """:meth:`find` as ``(index in surfaces, start, end)`` tuples, in the same order."""
        hits = self._automaton.find_matches_as_indexes(text, overlapping=True)
        # Two stable sorts with C key functions instead of one with a Python lambda: by end
        # descending, then by start (two hits never share both start and end).
        hits.sort(key=_END, reverse=True)
        hits.sort(key=_START)
        return hits

    def find(self, text: str) -> list[NameMatch]:
        """Every occurrence of every name and alias in ``text`` (overlapping), by start then length."""
        surfaces, entries = self._surfaces, self._entries_by_index
        new = tuple.__new__  # NameMatch(...) goes through a Python-level __new__; this does not
        return [new(NameMatch, (start, end, surfaces[idx], entries[idx])) for idx, start, end in self.find_indexes(text)]


_START, _END = itemgetter(1), itemgetter(2)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded once (:class:`~duikou.errors.ConfigError` when its
    data is missing or malformed)."""
    return Gazetteer(region_data.units(), naming(), region_data.changes())
