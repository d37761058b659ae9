"""The evaluation's data: indicators as declared (``reference/data/indicators.yaml``), and the report of one
pairing's year (:class:`EvaluationReport`) as plain frozen dataclasses that a renderer reads and
``to_dict()`` turns into JSON-able data.

A value the ledger has no source for is ``None``, never 0: ``IndicatorResult.no_source`` says so.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Basis = Literal["annual", "cumulative"]
Direction = Literal["helper", "recipient", "both"]
KINDS = ("amounts", "counts", "events", "pairings")
BASES: tuple[Basis, ...] = ("annual", "cumulative")
DIRECTIONS: tuple[Direction, ...] = ("helper", "recipient", "both")
MONEY_UNITS = {"元": 1.0, "万元": 1e4, "亿元": 1e8}  # yuan per unit (the ledger keeps amounts in yuan)

# Why a figure found for an indicator was not added to its value (``SetAside.reason``), in the report's
# language (the renderer shows the text; the code is for programs).
REASONS = {
    "covered": "下级数字已含在上级数字中，不重复计入",
    "superseded": "同一双方当年另有更新的累计数，只计最新一个",
    "conflict": "同一事项的数字说法不一，只计一个（有台账或录入记录时以其为准）",
}

# The counting rules the report states once (the renderer prints them under the table).
RULES = (
    "每个数字为台账中合并后的一个实体：多家媒体、多份报道或台账多行说的同一数字只计一次。",
    "年度数与累计数分列为不同指标，从不相加；计划、目标、预计数不计入完成值。",
    "上下级数字并存时（如市对州与县对县），下级数字已含在上级数字中，只计上级数字。",
    "无来源的指标留空并标注“无来源”，不以 0 计。",
)


@dataclass(frozen=True)
class Indicator:
    """One indicator as declared: how its value is computed from the ledger's facts (see the YAML's
    header for what each field means)."""

    id: str
    name: str
    section: str
    unit: str
    kind: str
    basis: Basis
    side: Direction
    programs: tuple[str, ...]
    roles: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    leaders: bool = False

    @property
    def scale(self) -> float:
        """What one unit of the indicator is in the ledger's own figures (yuan per 万元; 1 otherwise)."""
        return MONEY_UNITS.get(self.unit, 1.0) if self.kind == "amounts" else 1.0


@dataclass(frozen=True)
class Citation:
    """One source behind a figure: a report's sentence (``extracted``: outlet, published, title, url,
    quote), an office's spreadsheet row (``imported``: file, sheet, row) or a manual entry (``manual``:
    author, and ``published`` its date). ``document``/``fact`` are the ledger's ids (the web app links
    ``/documents/{document}#fact-{fact}``); ``side`` is whose account the source is (helper, recipient,
    unknown); ``key`` is unique within a report (a renderer numbers footnotes by it)."""

    key: str
    provenance: str
    document: int
    fact: str
    side: str
    source: str
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    quote: str | None = None
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    author: str | None = None

    def text(self) -> str:
        """The citation as one line (a footnote): outlet, date, title and quote; or file, sheet and row;
        or who entered it and when."""
        if self.provenance == "imported":
            parts = [self.file or self.source, f"工作表 {self.sheet}" if self.sheet else None,
                     f"第 {self.row} 行" if self.row is not None else None]
        elif self.provenance == "manual":
            parts = [f"{self.author} 录入" if self.author else self.source, self.published]
        else:
            parts = [self.outlet, self.published, f"《{self.title}》" if self.title else None,
                     f"“{self.quote}”" if self.quote else None, self.url]
        return "，".join(p for p in parts if p) or self.source


@dataclass(frozen=True)
class Figure:
    """One merged ledger entity behind an indicator: its ``value`` in the indicator's unit, who gave it
    (``giver``) and to whom (``taker``) as ``{"id", "name"}``, its year, date and period, the sides whose
    sources tell it, and every source behind it (``citations``)."""

    entity: str
    value: float
    approx: bool
    giver: dict[str, Any] | None
    taker: dict[str, Any] | None
    year: int | None
    date: str | None
    sides: tuple[str, ...]
    citations: tuple[Citation, ...]
    label: str | None = None  # what it is, for events (type) and pairings (the pair)


@dataclass(frozen=True)
class SetAside:
    """A figure found for the indicator but not added to its value, and why (a :data:`REASONS` code, its
    text, and the entity whose figure counts instead)."""

    figure: Figure
    reason: str
    reason_text: str
    instead: str | None


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator's row of the report.

    ``actual`` is the sum of the ``figures`` counted (None, with ``no_source`` true, when there are
    none: never 0); ``target`` the year's target (None when none was imported, ``target_source`` says
    where it came from); ``completion`` actual / target when both are there (a fraction: 1.05 is 105%).
    ``helper_side`` and ``recipient_side`` are the same computation over the helper's and the
    recipient's own sources (reports and imported rows by their side); ``differs`` is true when both
    sides give a value and the values are not equal. ``citations`` are every source behind the figures
    counted, each once; ``set_aside`` the figures found but not added (see :data:`REASONS`).
    """

    indicator: Indicator
    actual: float | None
    approx: bool
    target: float | None
    target_source: str | None
    completion: float | None
    helper_side: float | None
    recipient_side: float | None
    differs: bool
    figures: tuple[Figure, ...]
    set_aside: tuple[SetAside, ...]
    citations: tuple[Citation, ...]

    @property
    def no_source(self) -> bool:
        return self.actual is None


@dataclass(frozen=True)
class Activity:
    """An event or agreement between the two sides in the year: ``kind`` event (``type`` visit, meeting,
    signing, funds, condolence) or agreement (``type`` agreement, ``title``); date, place, the parties
    (``{"id", "name"}``), the leaders an event names, and its sources."""

    id: str
    kind: str
    type: str
    date: str | None
    title: str | None
    place: dict[str, Any] | None
    parties: tuple[dict[str, Any], ...]
    leaders: tuple[str, ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class EvaluationReport:
    """One pairing's evaluation for ``year``.

    ``pairing``: id, helper and recipient (``{"id", "name"}``), program, since. ``indicators`` in the
    declaration's order (group them by ``indicator.section``); ``visits``, ``meetings``, ``agreements``
    and ``other_events`` (signings, handovers of funds, condolences) between the two sides in the year,
    by date. ``reviewed_only``: only entities a reviewer accepted or corrected were read. ``rules``: the
    counting rules, to print with the table.
    """

    pairing: dict[str, Any]
    year: int
    reviewed_only: bool
    generated: str
    indicators: tuple[IndicatorResult, ...]
    visits: tuple[Activity, ...]
    meetings: tuple[Activity, ...]
    agreements: tuple[Activity, ...]
    other_events: tuple[Activity, ...]
    rules: tuple[str, ...] = field(default=RULES)

    def indicator(self, indicator_id: str) -> IndicatorResult:
        """The row of indicator ``indicator_id`` (KeyError when the report has none)."""
        for r in self.indicators:
            if r.indicator.id == indicator_id:
                return r
        raise KeyError(indicator_id)

    def sections(self) -> list[tuple[str, list[IndicatorResult]]]:
        """The indicator rows grouped by their section, sections in the order they first appear."""
        out: dict[str, list[IndicatorResult]] = {}
        for r in self.indicators:
            out.setdefault(r.indicator.section, []).append(r)
        return list(out.items())

    def footnotes(self) -> dict[str, int]:
        """Each cited source's footnote number (1, 2, ...) by its ``key``, in :meth:`citations` order."""
        return {c.key: n for n, c in enumerate(self.citations(), 1)}

    def citations(self) -> list[Citation]:
        """Every source the report cites, once each, in the order the report first cites them (its
        indicators, then the year's events and agreements): a renderer's footnote list."""
        seen: dict[str, Citation] = {}
        for r in self.indicators:
            for c in r.citations:
                seen.setdefault(c.key, c)
        for a in (*self.visits, *self.meetings, *self.agreements, *self.other_events):
            for c in a.citations:
                seen.setdefault(c.key, c)
        return list(seen.values())

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-able data (each indicator row with ``no_source``)."""
        out = asdict(self)
        for row, r in zip(out["indicators"], self.indicators):
            row["no_source"] = r.no_source
        return out
