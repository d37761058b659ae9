"""Which unit a region name denotes when the gazetteer gives several (鼓楼区, 普陀区, 江北区).

A name is resolved by an ancestor written right before it, then by related units in the same
sentence, then in the article, then by province; what stays ambiguous is left out. Former
units are read at the report's year.
"""
from __future__ import annotations

from collections.abc import Callable

from duikou.reference.gazetteer import Gazetteer

SentenceOf = Callable[[int], int]  # the index of the sentence holding a position


class Cand:
    """An accepted match with the codes it may still denote."""

    # A plain class with slots: built for every accepted match of both scans, and a
    # dataclass __init__ was a visible share of the extractor's time.
    __slots__ = ("start", "end", "surface", "codes", "stem", "resolved")

    def __init__(self, start: int, end: int, surface: str, codes: list[str], stem: bool):
        self.start = start
        self.end = end
        self.surface = surface
        self.codes = codes
        self.stem = stem
        self.resolved: str | None = None


class Resolver:
    """The resolution of a text's candidates (the base of the regions extractor's article)."""

    text: str
    g: Gazetteer
    year: int | None
    link: str  # a word between two regions that keeps them adjacent (福建的武夷山)

    def _in_force(self, codes: list[str]) -> list[str]:
        """Drop the readings of a surface that were not in force at the report's date: a
        former unit and the unit that took it over are one place at two times (沙县 the
        county, 沙县 the stem of today's 沙县区); the report's year picks one, and without a
        year today's unit is meant. Units of other places stay (江北区 of Ningbo and of
        Chongqing) for the context to decide."""
        regions, year = self.g.regions, self.year
        out = list(codes)
        for code in codes:
            r = regions[code]
            if r.until is None or r.successor not in codes:
                continue
            drop = code if year is None or year > r.until else r.successor
            if drop in out:
                out.remove(drop)
        return out

    def _pick(self, codes: list[str], evidence: set[str]) -> str | None:
        """The one code related to the evidence (itself, an ancestor or a descendant), else None."""
        # Gazetteer.related(c, e) spelt out with the ancestor sets: this runs per candidate code
        # and evidence code.
        anc = self.g.ancestor_codes
        hit = []
        for c in codes:
            ac = anc(c)
            if any(e == c or e in ac or c in anc(e) for e in evidence):
                hit.append(c)
        return hit[0] if len(hit) == 1 else None

    def _pick_known(self, codes: list[str], known: set[str], known_anc: set[str]) -> str | None:
        """``_pick(codes, known)`` with the ancestors of ``known`` gathered once (``known_anc``)."""
        anc = self.g.ancestor_codes
        hit = [c for c in codes if c in known or c in known_anc or not anc(c).isdisjoint(known)]
        return hit[0] if len(hit) == 1 else None

    def _resolve(self, cands: list[Cand], sentence_of: SentenceOf) -> None:
        """Set ``resolved`` on the candidates the evidence decides (in up to three rounds)."""
        for c in cands:
            if len(c.codes) == 1:
                c.resolved = c.codes[0]
        if all(c.resolved for c in cands):
            return  # the common case: sentences are not needed
        sentences = [sentence_of(c.start) for c in cands]
        for _ in range(3):
            if all(c.resolved for c in cands) or not self._resolve_round(cands, sentences):
                break

    def _resolve_round(self, cands: list[Cand], sentences: list[int]) -> bool:
        """One round over the unresolved candidates with what the resolved ones tell; whether
        any was resolved."""
        known = {c.resolved for c in cands if c.resolved}
        by_sentence: dict[int, set[str]] = {}
        for c, sent in zip(cands, sentences):
            if c.resolved:
                by_sentence.setdefault(sent, set()).add(c.resolved)
        # the document's codes, their ancestors and provinces, once a round: per candidate they
        # make the cost quadratic on a huge page
        known_anc: set[str] = set().union(*(self.g.ancestor_codes(k) for k in known))
        provs = {self.g.province_of(k) for k in known}
        changed = False
        for i, c in enumerate(cands):
            if c.resolved:
                continue
            near = self._near(cands[i - 1] if i else None, c)
            c.resolved = self._resolve_one(c, near, by_sentence.get(sentences[i], set()), known, known_anc, provs)
            changed = changed or c.resolved is not None
        return changed

    def _near(self, prev: Cand | None, c: Cand) -> str | None:
        """The region written right before ``c`` (or before and 的: 重庆的江北区), when resolved."""
        if prev is not None and (prev.end == c.start or (
                prev.end == c.start - len(self.link) and self.text.startswith(self.link, prev.end))):
            return prev.resolved
        return None

    def _resolve_one(self, c: Cand, near: str | None, sentence: set[str], known: set[str], known_anc: set[str],
                     provs: set[str]) -> str | None:
        """The code of ``c`` told by the region right before it, its sentence, the article or
        the provinces the article names; None while it stays ambiguous."""
        regions = self.g.regions
        if near and regions[near].level == "province":
            # 新疆和田: a stem written right after its province is that province's prefecture.
            prefs = [k for k in c.codes if regions[k].level == "prefecture" and regions[k].parent == near]
            if len(prefs) == 1:
                return prefs[0]
        pick = (self._pick(c.codes, {near}) if near else None) or self._pick(c.codes, sentence) \
            or self._pick_known(c.codes, known, known_anc)
        if pick:
            return pick
        hit = [k for k in c.codes if self.g.province_of(k) in provs]
        return hit[0] if len(hit) == 1 else None
