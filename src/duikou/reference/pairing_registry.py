"""The official pairing arrangements (结对关系) and program inference.

The arrangements are reference data in ``data/pairing_registry.yaml``. A county
inherits the arrangements of its prefecture and province, so a report about two
counties finds the provincial arrangement when no county pair is listed.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from duikou.reference import codes, vocab

__all__ = ["RegistryHit", "ancestors", "arrangements", "infer_program", "known", "lookup", "lookup_either",
           "lookup_related", "receiving_area"]


@dataclass(frozen=True)
class RegistryHit:
    """One official arrangement: ``helper`` assists ``recipient`` under ``program``."""

    program: str
    level: str
    helper: str
    recipient: str
    years: tuple[int, int | None]
    source: str
    certain: bool = True

    def in_force(self, year: int) -> bool:
        """Whether the arrangement covers ``year``."""
        start, end = self.years
        return start <= year and (end is None or year <= end)


# A county inherits the arrangements of the units above it: its code chain (510502, 510500, 510000).
ancestors = codes.chain


def _data() -> dict[str, Any]:
    return vocab.load("pairing_registry")  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def arrangements() -> tuple[RegistryHit, ...]:
    """Every arrangement in the registry, in file order."""
    data = _data()
    sources: dict[str, str] = data["sources"]
    out = []
    for entry in data["arrangements"]:
        start, end = entry["years"]
        out.append(
            RegistryHit(
                program=entry["program"],
                level=entry["level"],
                helper=str(entry["helper"]["code"]),
                recipient=str(entry["recipient"]["code"]),
                years=(int(start), None if end is None else int(end)),
                source=sources[entry["source"]],
                certain=bool(entry.get("certain", True)),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], tuple[RegistryHit, ...]]:
    index: dict[tuple[str, str], list[RegistryHit]] = defaultdict(list)
    for hit in arrangements():
        index[(hit.helper, hit.recipient)].append(hit)
    return {key: tuple(hits) for key, hits in index.items()}


def _ranked(helper: str, recipient: str, year: int | None) -> list[tuple[tuple[int, ...], RegistryHit]]:
    index = _index()
    found: list[tuple[tuple[int, ...], RegistryHit]] = []
    for hi, h in enumerate(ancestors(helper)):
        for ri, r in enumerate(ancestors(recipient)):
            for hit in index.get((h, r), ()):
                if year is not None and not hit.in_force(year):
                    continue
                # Most specific pair first; then arrangements still in force, the
                # latest one, and confirmed entries before unconfirmed ones.
                key = (hi + ri, hit.years[1] is not None, -hit.years[0], not hit.certain)
                found.append((key, hit))
    found.sort(key=lambda kv: kv[0])
    return found


def lookup(helper: str, recipient: str, year: int | None = None) -> RegistryHit | None:
    """The most specific arrangement in which ``helper`` (or an ancestor) assists
    ``recipient`` (or an ancestor), in force in ``year`` when given; else None."""
    if not (codes.is_code(helper) and codes.is_code(recipient)):
        return None
    ranked = _ranked(helper, recipient, year)
    return ranked[0][1] if ranked else None


def lookup_either(a: str, b: str, year: int | None = None) -> tuple[RegistryHit, bool] | None:
    """The arrangement between ``a`` and ``b`` in either direction, and whether it is
    reversed (``b`` is the helper). The more specific match wins; ties go to a -> b."""
    if not (codes.is_code(a) and codes.is_code(b)):
        return None
    forward = _ranked(a, b, year)
    backward = _ranked(b, a, year)
    if forward and (not backward or forward[0][0] <= backward[0][0]):
        return forward[0][1], False
    if backward:
        return backward[0][1], True
    return None


@lru_cache(maxsize=1)
def _covering_index() -> dict[tuple[str, str], tuple[RegistryHit, ...]]:
    """Arrangements under every pair of (self or ancestor) codes of their two parties:
    ``(310000, 653100)`` holds a province's arrangement with a county of that prefecture."""
    index: dict[tuple[str, str], list[RegistryHit]] = defaultdict(list)
    for hit in arrangements():
        for h in ancestors(hit.helper):
            for r in ancestors(hit.recipient):
                index[(h, r)].append(hit)
    return {key: tuple(hits) for key, hits in index.items()}


def lookup_related(a: str, b: str, year: int | None = None) -> tuple[RegistryHit, bool] | None:
    """An arrangement between ``a`` and ``b`` in either direction (in force in ``year`` when
    given), and whether it is reversed.

    Like :func:`lookup_either`, a county inherits its prefecture's and province's
    arrangements; besides, a region covers the arrangements of the units inside it
    (a province paired with counties of a prefecture is paired with that prefecture).
    The two are never mixed on one pair: a district of the helper province is not
    thereby paired with a prefecture one of whose counties that province helps.
    """
    found = lookup_either(a, b, year)
    if found is not None:
        return found
    if not (codes.is_code(a) and codes.is_code(b)):
        return None
    index = _covering_index()
    forward, backward = (
        [h for h in index.get(key, ()) if year is None or h.in_force(year)] for key in ((a, b), (b, a))
    )
    if forward:
        return forward[0], False
    if backward:
        return backward[0], True
    return None


def receiving_area(code: str | None) -> bool:
    """Whether ``code`` lies where the programmes send help (the west, Hebei's listed areas,
    Tibet, Xinjiang and the Tibetan areas), so that a party there is a recipient."""
    return _in(code, "east_west_recipients") or _in(code, "counterpart_areas")


def known(helper: str, recipient: str) -> bool:
    """Whether the registry holds an arrangement with ``helper`` assisting ``recipient``
    (directly or through their ancestors), in any year."""
    return lookup(helper, recipient) is not None


@lru_cache(maxsize=1)
def _cue_words() -> dict[str, tuple[str, ...]]:
    return {cat: tuple(words) for cat, words in _data()["program_cues"].items()}


def _has_cue(cues: tuple[str, ...], category: str) -> bool:
    words = _cue_words()[category]
    return any(w in cue for cue in cues for w in words)


def _in(code: str | None, key: str) -> bool:
    if not codes.is_code(code):
        return False
    return any(code.startswith(p) for p in _data()["regions"][key])


def infer_program(
    helper: str | None,
    recipient: str | None,
    cues: Iterable[str] = (),
    year: int | None = None,
) -> str:
    """The program of a pairing: east_west, intra_province, counterpart_support,
    designated or unspecified.

    ``cues`` are program words found near the pairing in the text. Rules, first
    match wins: a 省内 / 定点 cue; a 东西部 cue; both parties in one province; the
    registry; a recipient in Tibet, Xinjiang or a Tibetan area with an 对口支援 /
    援藏 / 援疆 cue; an eastern helper and a western (or Hebei) recipient with a
    扶贫协作 / 对口协作 / 对口帮扶 cue; any other pairing called 对口支援 next to it.
    """
    cue_list = tuple(c for c in cues if c)
    both_regions = codes.is_code(helper) and codes.is_code(recipient)
    # A 省内 cue cannot hold for parties in two provinces, and 定点帮扶 is done by a
    # unit (a ministry, a company), not by a region's government: the codes win.
    two_provinces = both_regions and not codes.same_province(str(helper), str(recipient))
    if _has_cue(cue_list, "intra_province") and not two_provinces:
        return "intra_province"
    if _has_cue(cue_list, "designated") and not codes.is_code(helper):
        return "designated"
    if _has_cue(cue_list, "east_west"):
        return "east_west"
    if codes.is_code(helper) and codes.is_code(recipient):
        if codes.same_province(helper, recipient):
            return "intra_province"
        found = lookup_related(helper, recipient, year)  # in force that year, directly or through their units
        if found is not None:
            return found[0].program
    if _in(recipient, "counterpart_areas") and _has_cue(cue_list, "counterpart_support"):
        return "counterpart_support"
    if (
        _in(helper, "east_west_helpers")
        and _in(recipient, "east_west_recipients")
        and _has_cue(cue_list, "cooperation")
    ):
        return "east_west"
    if _has_cue(cue_list, "counterpart_support"):
        return "counterpart_support"  # said in so many words: 三峡库区, 革命老区 and other 对口支援
    return "unspecified"
