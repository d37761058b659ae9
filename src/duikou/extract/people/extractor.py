"""The ``people`` extractor: the passes over one document, then every later occurrence of a
name found (王某表示) as the same person, and one fact per person."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import ahocorasick_rs

from duikou.extract.context import Context
from duikou.extract.mentions import PersonMention, RegionMention
from duikou.extract.people.bylines import run_journalists
from duikou.extract.people.cues import run_cues
from duikou.extract.people.doc import Doc, Found
from duikou.extract.people.lexicon import Lexicon
from duikou.extract.people.residents import run_residents
from duikou.extract.people.rosters import run_lists
from duikou.extract.people.titles import run_titles
from duikou.extract.registry import extractor

NAME = "people"
VERSION = "4"

# Sort keys as C functions rather than lambdas (same order).
_START, _FIRST = attrgetter("start"), attrgetter("first")
_ROLES = ("official", "journalist", "resident")  # a person's role: the first of these any mention has


@dataclass
class _Person:
    name: str
    first: int
    mentions: list[PersonMention] = field(default_factory=list)
    best: PersonMention | None = None
    best_span: tuple[int, int] = (0, 0)
    region: str | None = None
    region_rank: int = 0  # 3 from a government title, 2 from a list head, 1 other
    roles: set[str] = field(default_factory=set)


def _find_all(names: list[str], text: str) -> list[tuple[int, int, int]]:
    """(index in ``names``, start, end) of every occurrence, leftmost-longest.

    An Aho-Corasick automaton even for a few names: building it costs less than compiling
    and running a regex alternation (measured on the crawl, where names rarely repeat
    across documents, so a pattern cache does not help).
    """
    if len(names) > 8:
        ac = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        return ac.find_matches_as_indexes(text)
    # A few names: str.find per name and a leftmost-longest pick (cheaper than building an automaton).
    hits: list[tuple[int, int, int]] = []
    for idx, name in enumerate(names):
        k = text.find(name)
        while k >= 0:
            hits.append((k, -len(name), idx))
            k = text.find(name, k + 1)
    hits.sort()
    out: list[tuple[int, int, int]] = []
    end = -1
    for k, neg, idx in hits:
        if k >= end:
            out.append((idx, k, k - neg))
            end = k - neg
    return out


def _dedupe(names: set[str], v: Lexicon) -> set[str]:
    """Drop mis-cut names: 李雷说 when 李雷 is known and 说 follows names."""
    out = set()
    for n in names:
        if len(n) >= 3 and n[:-1] in names and n[-1] in v.follow_by_first.get(n[-1], ()):
            continue
        out.add(n)
    return out


def _occurrences(d: Doc, valid: set[str]) -> dict[tuple[int, int], Found]:
    """Every occurrence of every valid name, by span, with what is printed there: the mention found
    with the most titles (then the best region), else a bare one."""
    at: dict[tuple[int, int], Found] = {}
    for m, span_start, rank in d.found:
        key = (m.start, m.end)
        old = at.get(key)
        if old is None or (len(m.titles), rank) > (len(old[0].titles), old[2]):
            at[key] = (m, span_start, rank)
    names = sorted(valid)
    if names:
        spans = sorted(at)
        starts = [s for s, _ in spans]
        for idx, s, e in _find_all(names, d.text):
            if (s, e) in at:
                continue
            i = bisect_right(starts, s) - 1
            if i >= 0 and spans[i][1] > s or i + 1 < len(spans) and starts[i + 1] < e:
                continue  # inside a longer name found with its title or list
            at[(s, e)] = (PersonMention(s, e, names[idx], [], None, "other"), s, 0)
    return at


def _people(d: Doc) -> list[_Person]:
    """The persons of the document in order of first mention, each with all his mentions."""
    valid = _dedupe(d.names.known, d.v)
    at = _occurrences(d, valid)
    people: dict[str, _Person] = {}
    careers = d.careers
    for _, (m, span_start, rank) in sorted(at.items()):
        if m.name not in valid:
            continue
        p = people.get(m.name)
        if p is None:
            p = people[m.name] = _Person(m.name, m.start)
        p.mentions.append(m)
        if m.titles or m.role != "other":
            p.roles.add(m.role)
        if p.best is None or (bool(m.titles) and (m.start, m.end) not in careers, len(m.titles)) > (
                bool(p.best.titles) and (p.best.start, p.best.end) not in careers, len(p.best.titles)):
            p.best = m
            p.best_span = (span_start, m.end)
        if m.region is not None and rank > p.region_rank:  # a government title beats a list head
            p.region, p.region_rank = m.region, rank
    return sorted(people.values(), key=_FIRST)


@extractor(NAME, version=VERSION, reads=("text", "regions"), adds=("persons", "people"))
def extract_people(ctx: Context) -> None:
    """Named persons: ``persons`` mentions for every occurrence, one ``people`` fact per person."""
    d = Doc(ctx)
    run_titles(d)
    run_lists(d)
    run_journalists(d)
    run_residents(d)
    run_cues(d)
    layer = ctx.layer("persons")
    for p in _people(d):
        role = next((r for r in _ROLES if r in p.roles), "other")
        for m in p.mentions:
            m.region = p.region
            m.role = role
            layer.append(m)
        best = p.best or p.mentions[0]
        ctx.add(NAME, {"name": p.name, "titles": _all_titles(best, p.mentions), "region": p.region, "role": role},
                p.best_span[0], p.best_span[1], NAME, VERSION)
    layer.sort(key=_START)


def _all_titles(best: PersonMention, mentions: list[PersonMention]) -> list[str]:
    """The titles of the best-titled mention, then those printed at other mentions (时任某某的
    某某 … 某某总书记), each once; a title already printed in a longer form is not repeated."""
    out = list(best.titles)
    for m in mentions:
        for t in m.titles:  # 厅长 after 副厅长 is another post, after 科技厅厅长 the same one
            if not any(o.endswith(t) and not o[:len(o) - len(t)].endswith("副") for o in out):
                out.append(t)
    return out


def find_people(text: str, regions: list[RegionMention] | None = None) -> list[dict[str, Any]]:
    """The ``people`` facts of ``text`` (with ``regions`` as the region layer): a helper for tests and tools."""
    from duikou.ingest.document import Document

    ctx = Context(Document(source="<text>", text=text))
    if regions is not None:
        ctx.layers["regions"] = list(regions)
    extract_people(ctx)
    return [f.data for f in ctx.facts.get(NAME, [])]
