"""Intermediate mentions that extractors leave for each other on the context.

A mention is a located piece of text with its parsed value. Facts (the
contract's categories) are built from mentions by later extractors.
Layer names on :class:`~duikou.extract.context.Context` (``ctx.layer(name)``):

=================  ========================  ============================
layer              element type              added by
=================  ========================  ============================
``regions``        :class:`RegionMention`    ``regions`` extractor
``dates``          :class:`DateMention`      ``dates`` extractor
``money``          :class:`MoneyMention`     ``quantities`` extractor
``quantities``     :class:`CountMention`     ``quantities`` extractor
``persons``        :class:`PersonMention`    ``people`` extractor
``main_pairing``   (helper, recipient,       ``pairings`` extractor (at most
                   program)                  one: the best supported pair)
``relations``      dict: helper, recipient,  ``pairings`` extractor (relief
                   relation, start, end      and donation pairings)
=================  ========================  ============================
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Span:
    start: int
    end: int


@dataclass
class RegionMention(Span):
    """A region named in the text, resolved to one GB/T 2260 code."""

    code: str
    name: str  # official name (恩施土家族苗族自治州)
    level: str  # province | prefecture | county
    surface: str  # as printed (恩施州, 恩施)
    parent: str | None = None  # code of the parent unit


@dataclass
class DateMention(Span):
    """A date or date range, resolved against the publication date."""

    date: str  # YYYY-MM-DD, or YYYY-MM / YYYY for partial precision
    end_date: str | None = None
    precision: str = "day"  # day | month | year
    surface: str = ""


@dataclass
class MoneyMention(Span):
    value: float  # yuan
    approx: bool = False
    surface: str = ""


@dataclass
class CountMention(Span):
    value: float
    unit: str | None
    approx: bool = False
    surface: str = ""


@dataclass
class PersonMention(Span):
    """A named person with the titles printed around the name."""

    name: str
    titles: list[str] = field(default_factory=list)
    region: str | None = None
    role: str = "official"
