"""A pairing found in the text (:class:`Found`), and what the reference data says of its two sides."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from duikou.extract.parties import Party
from duikou.reference import pairing_registry
from duikou.reference.gazetteer import gazetteer
from duikou.reference.pairing_registry import RegistryHit


@dataclass
class Found:
    helper: Party
    recipient: Party
    start: int
    end: int
    directed: bool  # a helping verb says who helps whom ("A对口帮扶B", "A向B捐赠")
    cues: set[str] = field(default_factory=set)
    weight: int = 1
    relation: str = "standing"  # standing | donation (a gift with no programme named)
    fallback: bool = False  # inferred from the registry or a whole area: only where no pattern pairs the two sides
    trip: bool = False  # only a visit says it ("A代表团赴B…"): where A went, not who A's partner is


class Registry:
    """The registry calls of the pairings extractor, memoised per process.

    They are pure functions of the reference data and of region codes, and a corpus
    names the same few pairs over and over: measured at about a fifth of this
    extractor's time before (``lookup_either`` ranks every ancestor pair both ways).
    """

    @staticmethod
    @lru_cache(maxsize=8192)
    def lookup_either(a: str, b: str) -> tuple[RegistryHit, bool] | None:
        return pairing_registry.lookup_either(a, b)

    @staticmethod
    @lru_cache(maxsize=8192)
    def lookup_related(a: str, b: str) -> tuple[RegistryHit, bool] | None:
        return pairing_registry.lookup_related(a, b)

    @staticmethod
    @lru_cache(maxsize=8192)
    def known(helper: str, recipient: str) -> bool:
        return pairing_registry.known(helper, recipient)

    @staticmethod
    @lru_cache(maxsize=8192)
    def infer_program(helper: str | None, recipient: str | None, cues: tuple[str, ...], year: int | None) -> str:
        return pairing_registry.infer_program(helper, recipient, list(cues), year)

    @staticmethod
    @lru_cache(maxsize=4096)
    def receiving(code: str | None) -> bool:
        """Whether ``code`` lies in an area that official arrangements help."""
        return code is not None and pairing_registry.receiving_area(code)


def region_of(p: Party) -> str | None:
    """The region a party acts for: itself, or the region of a street, township or zone.

    Companies, hospitals and agencies act for themselves: their programme comes
    from the words around them, not from where they are.
    """
    if p.is_region:
        return p.id
    return p.region if p.kind in ("units", "zones") else None


def covers(a: str, b: str) -> bool:
    """``a`` is ``b`` or contains it."""
    if a == b:
        return True
    return a.isdigit() and b.isdigit() and gazetteer().is_within(b, a)


def nested(a: str, b: str) -> bool:
    """True when one region contains the other (a county and its own prefecture)."""
    if not (a.isdigit() and b.isdigit()):
        return False
    g = gazetteer()
    return g.is_within(a, b) or g.is_within(b, a)
