"""An indicator's value from the ledger's merged entities: which figures it takes and how they add up.

Each candidate is one merged entity, so a figure told by several outlets, reports or spreadsheet rows
counts once. Of the figures an indicator takes (:func:`matches`):

- cumulative: the running totals of one pair of parties (and role) in the year are one sum told again:
  only the latest counts (``superseded``);
- amounts the ledger found disagreeing about the same thing (a shared ``conflict`` key: the same role,
  parties and year, other values): an office's own records (an imported row, a manual entry) are items
  that add up, and the figures only reports tell are set aside beside them; with no such record, the
  reports' figures count once: a reviewed one first, then the one most sources tell, then the latest
  (``conflict``);
- levels: a figure between two parties is left out when another figure of the indicator lies between
  parties that hold them (泸州市→凉山州 holds 纳溪区→普格县, and 泸州市→普格县): the lower one is a
  part of the higher one or the same money told again, so the two are never added (``covered``).
  Figures between parts that no figure holds (two county pairs) add up;
- annual figures then add up; events and pairings are counted.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from duikou.reference.codes import chain, is_code, level
from duikou.services.evaluation.model import REASONS, Figure, Indicator, SetAside
from duikou.services.evaluation.wording import Worded


@dataclass(frozen=True)
class Candidate:
    """One entity an indicator may take: its row, the figure it makes (value in the indicator's unit is
    set by :func:`compute`), which way it goes (``direction``: helper, recipient, None), its year,
    whether it is a running total, its wording (how each of its facts is told), the sides that tell it,
    whether a reviewer accepted or corrected it, and its sources (in ``figure``)."""

    kind: str
    row: dict[str, Any]
    figure: Figure
    raw: float  # the ledger's own value (yuan, a count; 1 for an event or pairing)
    direction: str | None
    cumulative: bool
    wording: tuple[Worded, ...]
    reviewed: bool
    sources: int
    began: str | None = None  # pairings: the earliest report's date
    itemised: bool = False  # an office's own record (imported row, manual entry) is a source

    @property
    def entity(self) -> str:
        return self.figure.entity


def _worded(ind: Indicator, c: Candidate) -> bool:
    if not ind.words and not ind.exclude:
        return True
    return any((not ind.words or any(w in s.around for w in ind.words)) and not any(w in s.around for w in ind.exclude)
               for s in c.wording)


def matches(ind: Indicator, c: Candidate, year: int) -> bool:
    """Whether indicator ``ind`` takes candidate ``c`` for ``year``."""
    r = c.row
    if c.kind != ind.kind or (ind.side != "both" and c.direction != ind.side):
        return False
    if ind.kind == "pairings":
        return (r.get("relation") in (None, "standing") and _levels_fit(ind, r["helper"], r["recipient"])
                and _begun(r.get("since"), c.began, year))
    if c.figure.year != year:
        return False
    if ind.kind == "events":
        return r["type"] in ind.types and (not ind.leaders or bool(r.get("leaders")))
    if r.get("role") not in ind.roles or c.cumulative != (ind.basis == "cumulative"):
        return False
    if ind.kind == "amounts" and (r.get("status") or "done") != "done":
        return False  # a planned figure is a target or forecast, never an actual
    if ind.kind == "counts" and r.get("unit") not in ind.units:
        return False
    return _worded(ind, c)


def _levels_fit(ind: Indicator, helper: Any, recipient: Any) -> bool:
    return all(is_code(p) and level(p) in ind.levels for p in (helper, recipient))


def _begun(since: Any, began: str | None, year: int) -> bool:
    if isinstance(since, int):
        return since <= year
    return began is not None and began[:4].isdigit() and int(began[:4]) <= year


def _pair(c: Candidate) -> tuple[Any, Any]:
    g, t = c.figure.giver, c.figure.taker
    return ((g or {}).get("id"), (t or {}).get("id"))


def _latest_first(c: Candidate) -> tuple[Any, ...]:
    return (c.figure.date or "", c.raw, c.entity)


def _preferred(c: Candidate) -> tuple[Any, ...]:
    return (c.reviewed, c.sources, c.figure.date or "", c.entity)


def _holds(higher: tuple[Any, Any], lower: tuple[Any, Any]) -> bool:
    """Whether the pair ``higher`` holds the other pair ``lower``: each party is the other's or above it."""
    return higher != lower and all(isinstance(h, str) and isinstance(lo, str) and h in chain(lo)
                                   for h, lo in zip(higher, lower))


def _depth(pair: tuple[Any, Any]) -> int:
    return sum(len(chain(p)) if isinstance(p, str) else 0 for p in pair)


def counted(ind: Indicator, taken: list[Candidate]) -> tuple[list[Candidate], list[SetAside]]:
    """The candidates an indicator adds up, and those set aside with why (see the module doc)."""
    keep = sorted(taken, key=lambda c: c.entity)
    aside: list[SetAside] = []

    def drop(c: Candidate, reason: str, instead: Candidate) -> None:
        aside.append(SetAside(c.figure, reason, REASONS[reason], instead.entity))

    if ind.basis == "cumulative":
        groups: dict[tuple[Any, ...], list[Candidate]] = defaultdict(list)
        for c in keep:
            groups[(*_pair(c), c.row.get("role"), c.row.get("unit"))].append(c)
        keep = []
        for same in groups.values():
            best = max(same, key=_latest_first)
            keep.append(best)
            for c in same:
                if c is not best:
                    drop(c, "superseded", best)
    if ind.kind == "amounts":
        disputes: dict[str, list[Candidate]] = defaultdict(list)
        alone: list[Candidate] = []
        for c in keep:
            (disputes[c.row["conflict"]] if c.row.get("conflict") else alone).append(c)
        keep = alone
        for same in disputes.values():
            items = [c for c in same if c.itemised]  # a 台账's rows are each its own payment
            best = max(items or same, key=_preferred)
            keep.extend(items or [best])
            for c in same:
                if c is not best and not (items and c.itemised):
                    drop(c, "conflict", best)
    if ind.kind in ("amounts", "counts"):
        pairs = {_pair(c) for c in keep}
        # the highest pair holding each (fewest parents above its parties): the figure that counts instead
        held = {p: min((h for h in pairs if _holds(h, p)), key=lambda h: (_depth(h), str(h)), default=None)
                for p in pairs}
        stays: list[Candidate] = []
        for c in keep:
            higher = held[_pair(c)]
            if higher is None:
                stays.append(c)
            else:
                drop(c, "covered", next(k for k in sorted(keep, key=lambda k: k.entity) if _pair(k) == higher))
        keep = stays
    return sorted(keep, key=lambda c: (c.figure.date or "", c.entity)), aside


def total(ind: Indicator, keep: Iterable[Candidate]) -> float | None:
    """The indicator's value from the figures it counts (None when there are none: never 0)."""
    items = list(keep)
    if not items:
        return None
    if ind.kind in ("events", "pairings"):
        return float(len(items))
    return round(sum(c.raw for c in items) / ind.scale, 6)


__all__ = ["Candidate", "matches", "counted", "total"]
