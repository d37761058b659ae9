"""An :class:`~duikou.services.evaluation.EvaluationReport` as the report prints it, the same for every format:
figures formatted in their indicator's unit, footnotes numbered once for the whole report, the remarks
(the two sides disagree ▲, a figure set aside and why) and the year's activities.

Footnotes are numbered in reading order: the indicator table row by row (the figures counted, then the
sides' own figures, then where the target came from), the remarks, then the activities; a source cited
twice keeps its first number. A figure no source gives is "无来源" with no footnote, never 0.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from duikou.report import labels
from duikou.services.evaluation import Activity, Citation, EvaluationReport, Figure, IndicatorResult


@dataclass(frozen=True)
class Note:
    """One footnote: a report's sentence (``extracted``), an office's 台账 row (``imported``), a manual entry
    (``manual``) or a target's source (``target``). ``head`` is the line without the quote (outlet, date,
    title; or file, sheet, row; or author and date); ``text`` the whole line."""

    number: int
    kind: str
    label: str
    side: str
    head: str
    quote: str | None = None
    url: str | None = None
    citation: Citation | None = None
    facts: tuple[str, ...] = ()  # the ledger's facts it is the source of (their ids)

    @property
    def href(self) -> str | None:
        """The URL when it is a web address a reader may follow (never a ``javascript:`` one)."""
        return self.url if self.url and self.url.lower().startswith(("http://", "https://")) else None

    @property
    def text(self) -> str:
        said = f"：“{self.quote}”" if self.quote else ""
        return f"{self.head}{said}" + (f"，{self.url}" if self.url else "")


@dataclass(frozen=True)
class Cell:
    """A figure as printed (``text``: "1,200", "约35", "无来源", "–"), its number (None when there is none)
    and its footnotes."""

    text: str
    value: float | None = None
    notes: tuple[int, ...] = ()

    @property
    def marks(self) -> str:
        """The footnote numbers as text: ``[1][3]``."""
        return "".join(f"[{n}]" for n in self.notes)


@dataclass(frozen=True)
class Row:
    """An indicator's line of the table (the columns of :data:`labels.COLUMNS`), with its parts when its
    value adds several figures."""

    id: str
    section: str
    name: str
    unit: str
    basis: str
    actual: Cell
    target: Cell
    completion: Cell
    helper: Cell
    recipient: Cell
    differs: bool
    no_source: bool
    parts: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class Line:
    """One of the year's activities: date, what (type or the agreement's title), between whom, where,
    the leaders named, and its footnotes."""

    date: str
    type: str
    text: str
    notes: tuple[int, ...]

    @property
    def marks(self) -> str:
        return "".join(f"[{n}]" for n in self.notes)


@dataclass
class ReportView:
    """What every format prints: title block, table (by section), remarks, activities, footnotes, rules."""

    title: str
    subtitle: str
    pairing: dict[str, Any]
    year: int
    generated: str
    reviewed_only: bool
    program: str
    sections: list[tuple[str, list[Row]]]
    remarks: list[tuple[str, tuple[int, ...]]]
    activities: list[tuple[str, list[Line]]]
    notes: list[Note]
    rules: tuple[str, ...]
    columns: tuple[str, ...] = labels.COLUMNS
    report: EvaluationReport | None = field(default=None, repr=False)

    @property
    def rows(self) -> list[Row]:
        return [r for _, rows in self.sections for r in rows]

    @property
    def filename_stem(self) -> str:
        """``考核报告-甲市-乙县-2021`` (names with a path separator or a quote made harmless)."""
        bits = ["考核报告", self.pairing["helper"]["name"], self.pairing["recipient"]["name"], str(self.year)]
        return "-".join("".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in b) for b in bits)


def number(value: float | None, approx: bool = False) -> str:
    """``1234.5`` as ``1,234.5`` (at most four decimals, none for a whole number); approx adds 约."""
    if value is None or not math.isfinite(value):
        return labels.NO_SOURCE
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return ("约" if approx else "") + text


def percent(fraction: float | None) -> str:
    """A completion rate as a percentage with one decimal (``1.05`` is ``105.0%``); "–" when none."""
    return "–" if fraction is None or not math.isfinite(fraction) else f"{fraction * 100:.1f}%"


class _Numbering:
    """Footnote numbers, one per source, in the order the report first cites them."""

    def __init__(self) -> None:
        self.notes: dict[str, Note] = {}
        self.facts: dict[int, list[str]] = {}  # the ledger's facts each footnote stands for

    def cite(self, cs: Iterable[Citation]) -> tuple[int, ...]:
        out: list[int] = []
        for c in cs:
            key = _passage(c)
            note = self.notes.get(key)
            if note is None:
                note = _note(len(self.notes) + 1, c)
                self.notes[key] = note
            self.facts.setdefault(note.number, [])
            if c.fact not in self.facts[note.number]:
                self.facts[note.number].append(c.fact)
            if note.number not in out:
                out.append(note.number)
        return tuple(sorted(out))

    def target(self, source: str | None) -> tuple[int, ...]:
        if not source:
            return ()
        key = f"target:{source}"
        if key not in self.notes:
            self.notes[key] = Note(len(self.notes) + 1, "target", labels.PROVENANCES["target"], "unknown",
                                   f"目标值：{source}")
        return (self.notes[key].number,)


def _passage(c: Citation) -> str:
    """What one footnote stands for: a report's sentence (several facts told in one sentence are one
    footnote), or one 台账 row or manual entry (a source of its own)."""
    return f"{c.document}:{c.quote}" if c.provenance == "extracted" and c.quote else f"{c.document}:"


def _note(n: int, c: Citation) -> Note:
    side = labels.SIDES.get(c.side, c.side)
    label = labels.PROVENANCES.get(c.provenance, c.provenance)
    if c.provenance == "imported":  # the row's own words (its title) say what it records
        head = "，".join(p for p in (f"《{c.file}》" if c.file else "（文件名不详）",
                                     f"工作表“{c.sheet}”" if c.sheet else None,
                                     f"第{c.row}行" if c.row is not None else None,
                                     f"{side}报送" if c.side != "unknown" else None, c.published,
                                     f"“{c.title}”" if c.title else None) if p)
        return Note(n, "imported", label, c.side, head, citation=c)
    if c.provenance == "manual":
        head = "，".join(p for p in (f"{c.author}录入" if c.author else "手工录入", c.published,
                                     f"《{c.title}》" if c.title else None) if p)
        return Note(n, "manual", label, c.side, head, citation=c)
    bits = [c.outlet or c.source, c.published, f"《{c.title}》" if c.title else None,
            f"{side}报道" if c.side != "unknown" else None]
    return Note(n, "extracted", label, c.side, "，".join(b for b in bits if b), quote=c.quote, url=c.url,
                citation=c)


def _sides_citations(r: IndicatorResult, side: str) -> list[Citation]:
    """The sources of ``side`` behind an indicator's figures, counted or set aside (the side's own value
    is computed over both)."""
    figures = [*r.figures, *(a.figure for a in r.set_aside)]
    return [c for f in figures for c in f.citations if c.side == side]


def _party(p: dict[str, Any] | None) -> str:
    return str(p.get("name") or p.get("id")) if p else "?"


def _part(f: Figure, unit: str, cite: _Numbering, pair: tuple[Any, Any]) -> Cell:
    """One of the figures an indicator's value adds: its date, its parties when they are not the
    pairing's own two (a county of a prefecture that helps), its value and sources."""
    ids = (f.giver or {}).get("id"), (f.taker or {}).get("id")
    who = "" if ids == pair else f"{_party(f.giver)}→{_party(f.taker)}"
    label = "，".join(b for b in (f.date, who) if b) or "日期不详"
    return Cell(f"{label}：{number(f.value, f.approx)}{unit}", f.value, cite.cite(f.citations))


def _row(r: IndicatorResult, cite: _Numbering, remarks: list[tuple[str, tuple[int, ...]]],
         pair: tuple[Any, Any]) -> Row:
    ind = r.indicator
    actual = Cell(number(r.actual, r.approx), r.actual, cite.cite(r.citations))
    # the sums of money and counts show what they add; events and pairings are listed in part two
    added = len(r.figures) > 1 and ind.kind in ("amounts", "counts")
    parts = tuple(_part(f, ind.unit, cite, pair) for f in r.figures) if added else ()
    sides = {}
    for side, value in (("helper", r.helper_side), ("recipient", r.recipient_side)):
        shown = number(value) + (f" {labels.DIFFERS}" if r.differs else "")
        sides[side] = Cell(shown if value is not None else labels.NO_SOURCE, value,
                           cite.cite(_sides_citations(r, side)) if value is not None else ())
    target = Cell(number(r.target) if r.target is not None else labels.NO_TARGET, r.target,
                  cite.target(r.target_source))
    completion = Cell(percent(r.completion), r.completion)
    if r.differs and r.helper_side is not None and r.recipient_side is not None:
        gap = abs(r.helper_side - r.recipient_side)
        remarks.append((f"{labels.DIFFERS} {ind.name}：帮扶方口径 {number(r.helper_side)}{ind.unit}，受援方口径 "
                        f"{number(r.recipient_side)}{ind.unit}，相差 {number(gap)}{ind.unit}，请核对两方台账。",
                        tuple(sorted({*sides["helper"].notes, *sides["recipient"].notes}))))
    for a in r.set_aside:
        f = a.figure
        remarks.append((f"{ind.name}：另有 {_party(f.giver)}→{_party(f.taker)} {number(f.value, f.approx)}{ind.unit}"
                        f"{'（' + f.date + '）' if f.date else ''}未计入，{a.reason_text}。", cite.cite(f.citations)))
    return Row(id=ind.id, section=ind.section, name=ind.name, unit=ind.unit,
               basis=labels.BASES.get(ind.basis, ind.basis), actual=actual, target=target,
               completion=completion, helper=sides["helper"], recipient=sides["recipient"],
               differs=r.differs, no_source=r.no_source, parts=parts)


def _line(a: Activity, cite: _Numbering) -> Line:
    parties = "、".join(_party(p) for p in a.parties)
    if a.kind == "agreement":
        what = f"《{a.title}》" if a.title else "协议"
        text = what + (f"（{parties}）" if parties else "")
    else:
        between = "→".join(_party(p) for p in a.parties) if len(a.parties) == 2 else parties
        bits = [between, f"地点：{_party(a.place)}" if a.place else None,
                f"出席：{'、'.join(a.leaders)}" if a.leaders else None]
        text = "；".join(b for b in bits if b)
    return Line(date=a.date or "日期不详", type=labels.EVENT_TYPES.get(a.type, a.type), text=text,
                notes=cite.cite(a.citations))


def report_view(report: EvaluationReport) -> ReportView:
    """The printable view of ``report`` (every format renders this)."""
    cite = _Numbering()
    remarks: list[tuple[str, tuple[int, ...]]] = []
    sections: dict[str, list[Row]] = {}
    pair = ((report.pairing.get("helper") or {}).get("id"), (report.pairing.get("recipient") or {}).get("id"))
    for r in report.indicators:
        sections.setdefault(r.indicator.section, []).append(_row(r, cite, remarks, pair))
    activities = [(heading, [_line(a, cite) for a in getattr(report, name)]) for name, heading in labels.ACTIVITIES]
    p = report.pairing
    program = labels.PROGRAMS.get(str(p.get("program")), str(p.get("program") or ""))
    helper, recipient = _party(p.get("helper")), _party(p.get("recipient"))
    return ReportView(
        title=f"{report.year}年度{program}工作考核报告", subtitle=f"{helper} → {recipient}",
        pairing={**p, "helper": p.get("helper") or {"name": helper}, "recipient": p.get("recipient") or {"name": recipient}},
        year=report.year, generated=report.generated, reviewed_only=report.reviewed_only, program=program,
        sections=list(sections.items()), remarks=remarks, activities=activities,
        notes=[replace(n, facts=tuple(cite.facts.get(n.number, ()))) for n in sorted(cite.notes.values(), key=lambda n: n.number)],
        rules=tuple(report.rules), report=report)


__all__ = ["report_view", "ReportView", "Row", "Cell", "Line", "Note", "number", "percent"]
