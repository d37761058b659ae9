"""One 台账 row as facts of the kinds the extractor makes (schema/facts.yaml).

- Both sides (帮扶方, 受援方; or the import's ``--pairing``) give a standing **pairing**, the row's main
  pairing: a count borrows its helper and recipient from it, a figure its payer and payee.
- Each money column with a value gives an **amount** (role from the header or the row's 资金类型; 累计 in
  the header: cumulative; 计划 or 是否完成=否: planned; scaled to 元 by the unit the cell, the header, the
  sheet's 单位 line or the mapping names).
- Each count column with a value gives a **count** (role and measure word from the header or the category).
- An activity (a row with a 事项 whose type its 类型, its 事项 or, in a row with no figure, its sheet's
  name tells: 考察 -> visit, 联席会议 -> meeting...) gives an **event**; a 协议名称 an **agreement** (and a
  dated signing).

The row's date (or 年度) is its source's date, so a figure's period is its year; a figure column
under a year (2021年 | 2022年) is a source of its own for that year. A cell that cannot be read is a
:class:`RowError` naming its column; the row gives nothing then.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from duikou.reference import pairing_registry
from duikou.schema import enum
from duikou.schema.records import FactRecord
from duikou.services.records import places
from duikou.services.records.header import Layout
from duikou.services.records.mapping import Column, RecordMapping
from duikou.services.records.values import CellError, Day, is_empty, parse_bool, parse_day, parse_number, text

_LEADERS = re.compile(r"[、，,；;/\s]+")
_PAREN = re.compile(r"[(（][^)）]*[)）]")


class RowError(ValueError):
    """A row that cannot be read: the column (its header) and why."""

    def __init__(self, column: str, reason: str):
        self.column = column
        self.reason = reason
        super().__init__(f"column {column}: {reason}")


@dataclass(frozen=True)
class SheetContext:
    """What every row of a sheet shares: its name and title lines, the money unit its 单位 line gives, the
    import's default sides (codes) and programme."""

    name: str
    titles: tuple[str, ...] = ()
    money_unit: str | None = None
    helper: str | None = None
    recipient: str | None = None
    program: str | None = None


@dataclass
class RowFacts:
    """What one row (or, for a figure column under a year, one year of it) says: its date, its title, its
    facts and its main pairing."""

    published: str | None
    title: str | None
    facts: list[FactRecord] = field(default_factory=list)
    main_pairing: tuple[str, str] | None = None
    year_part: int | None = None  # set when a row is split by the years of its figure columns


def pairing_fact(helper: str, recipient: str, program: str | None = None, cues: tuple[str, ...] = (),
                 year: int | None = None) -> FactRecord:
    """The standing pairing of ``helper`` and ``recipient`` (codes); its programme ``program``, else the one
    the registry and the ``cues`` (a sheet's name and title) tell, as the extractor infers it."""
    return FactRecord("pairings", dict(_pairing_data(helper, recipient, program, cues, year)))


@lru_cache(maxsize=1024)  # the same few pairings on every row of a long 台账
def _pairing_data(helper: str, recipient: str, program: str | None, cues: tuple[str, ...],
                  year: int | None) -> tuple[tuple[str, Any], ...]:
    program = program or pairing_registry.infer_program(helper, recipient, cues=cues, year=year)
    return (("helper", helper), ("recipient", recipient), ("program", program), ("since", None),
            ("known", pairing_registry.known(helper, recipient)), ("relation", "standing"))


def row_facts(cells: list[Any], layout: Layout, mapping: RecordMapping, sheet: SheetContext) -> list[RowFacts]:
    """The facts of one data row (empty when it gives nothing but its sides); raises :class:`RowError`."""
    r = _Row(cells, layout, mapping, sheet)
    return r.read()


class _Row:
    def __init__(self, cells: list[Any], layout: Layout, mapping: RecordMapping, sheet: SheetContext):
        self.cells, self.layout, self.m, self.sheet = cells, layout, mapping, sheet
        self.by_field = layout.by_field()

    def value(self, col: Column) -> Any:
        v = self.cells[col.index] if col.index < len(self.cells) else None
        return None if is_empty(v) else v

    def first(self, fld: str) -> tuple[Column, Any] | None:
        for col in self.by_field.get(fld, ()):
            v = self.value(col)
            if v is not None:
                return col, v
        return None

    def cell_text(self, fld: str) -> str | None:
        hit = self.first(fld)
        return text(hit[1]) if hit else None

    def read(self) -> list[RowFacts]:
        day, end = self._date()
        helper, recipient = self._sides(day.year if day else None)
        category = self.cell_text("category") or ""
        title = self.cell_text("title")
        planned = self._flag("planned", True) or self._flag("done", False)
        figures: dict[int | None, list[FactRecord]] = {}
        for col in self.layout.columns:
            if col.field in ("amount", "count") and self.value(col) is not None:
                fact = self._figure(col, category, helper, recipient, planned)
                figures.setdefault(col.year, []).append(fact)
        others: list[FactRecord] = []
        agreement = self.cell_text("agreement")
        date = day.full if day else None
        if agreement:
            others.append(FactRecord("agreements", {"title": agreement, "date": date,
                                                    "parties": [p for p in (helper, recipient) if p]}))
            if date:
                others.append(self._event("signing", date, end, helper, recipient))
        kind = self._event_type(category, title, bool(figures) or bool(agreement))
        if kind is not None:
            others.append(self._event(kind, date, end, helper, recipient))
        if not figures and not others:
            return []
        pairing = self._pairing(helper, recipient, day.year if day else None)
        label = title or agreement or category or None
        published = day.iso if day else None
        groups: dict[int | None, list[FactRecord]] = {}
        if None in figures or others:
            groups[None] = figures.get(None, []) + others
        for y in sorted(y for y in figures if y is not None):
            groups[y] = figures[y]
        split = len(groups) > 1
        out = [RowFacts(published if y is None or (published or "").startswith(str(y)) else str(y), label, facts,
                        year_part=y if split else None) for y, facts in groups.items()]
        for rf in out:
            if pairing is not None:
                rf.facts.insert(0, pairing)
                rf.main_pairing = (pairing.data["helper"], pairing.data["recipient"])
        return [rf for rf in out if rf.facts]

    # -- cells ------------------------------------------------------------------------------------
    def _date(self) -> tuple[Day | None, str | None]:
        day: Day | None = None
        hit = self.first("date")
        if hit:
            day = self._cell(hit[0], parse_day, hit[1])
        year = self.first("year")
        if year:
            y = self._cell(year[0], parse_day, year[1])
            if day is None:
                day = Day(y.iso[:4])
            elif day.iso[:4] != y.iso[:4]:
                raise RowError(year[0].header, f"the year {y.iso[:4]} is not the year of the date {day.iso}")
        end = day.end if day else None
        hit = self.first("end_date")
        if hit:
            e = self._cell(hit[0], parse_day, hit[1])
            end = e.full or end
        return day, end

    def _cell(self, col: Column, read: Any, value: Any) -> Any:
        try:
            return read(value)
        except CellError as err:
            raise RowError(col.header, str(err)) from None

    def _flag(self, fld: str, when: bool) -> bool:
        hit = self.first(fld)
        return hit is not None and self._cell(hit[0], parse_bool, hit[1]) is when

    def _sides(self, year: int | None) -> tuple[str | None, str | None]:
        defaults = [c for c in (self.sheet.helper, self.sheet.recipient) if c]
        h, r = self.first("helper"), self.first("recipient")
        recipient = self.sheet.recipient
        if r:
            try:
                recipient = places.resolve(text(r[1]), defaults, year)
            except CellError:
                recipient = None  # tried again below, with the helper as context
        helper = self.sheet.helper
        if h:
            helper = self._cell(h[0], lambda v: places.resolve(text(v), defaults + [recipient or ""], year), h[1])
        if r and recipient is None:
            recipient = self._cell(r[0], lambda v: places.resolve(text(v), defaults + [helper or ""], year), r[1])
        return helper, recipient

    def _pairing(self, helper: str | None, recipient: str | None, year: int | None) -> FactRecord | None:
        if not (helper and recipient):
            missing = ("帮扶方", "helper") if not helper else ("受援方", "recipient")
            raise RowError(missing[0], f"no {missing[1]}: the cell is empty and no --pairing gives it")
        return pairing_fact(helper, recipient, self.sheet.program, (self.sheet.name, *self.sheet.titles), year)

    # -- facts ------------------------------------------------------------------------------------
    def _figure(self, col: Column, category: str, helper: str | None, recipient: str | None,
                planned: bool) -> FactRecord:
        kind = "amounts" if col.field == "amount" else "counts"
        n = self._cell(col, lambda v: parse_number(v, self.m.money_units if kind == "amounts" else None),
                       self.value(col))
        if n.value < 0:
            raise RowError(col.header, f"{text(self.value(col))!r} is below zero")
        role = col.role or self.m.category(kind, category) or self.m.category(kind, col.header) \
            or self.m.category(kind, self.sheet.name)
        if role is None:
            what = "money" if kind == "amounts" else "count"
            raise RowError(col.header, f"cannot tell what {what} this is: give a category column (资金类型, 类别) "
                                       f"or a header naming it ({', '.join(self.m.categories[kind])})")
        planned = planned or col.planned or any(w in category for w in self.m.planned)
        # What the figure is, in the office's words (its column, and the category that gave its role): the
        # fact's producer, which the evaluation reads to tell one row's cadres from its specialists.
        producer = f"{col.header} {category}".strip() if category and not col.role else col.header
        if kind == "amounts":
            unit = n.unit or col.unit or self.sheet.money_unit or self.m.money_unit
            value = n.value if n.unit else n.value * self.m.money_units[unit]
            payer = self.cell_text("payer")
            return FactRecord("amounts", {"value": round(value, 2), "approx": n.approx, "role": role,
                                          "cumulative": col.cumulative or any(w in category for w in self.m.cumulative),
                                          "payer": payer or helper, "payee": recipient, "planned": planned},
                              extractor=producer)
        unit = col.unit or self.m.category_units.get(role)
        value = n.value
        return FactRecord("counts", {"value": int(value) if value.is_integer() else value, "unit": unit,
                                     "approx": n.approx, "role": role}, extractor=producer)

    def _event_type(self, category: str, title: str | None, has_figures: bool) -> str | None:
        said = [category] if has_figures else [category, title or "", self.sheet.name]
        kind = next((k for k in (self.m.category("events", s) for s in said if s) if k), None)
        activities = not any(c.field in ("amount", "count") for c in self.layout.columns)
        if kind is None and title and activities and self.first("date"):
            col = next(c for c in self.layout.columns if c.field == "title")
            types = "、".join(f"{w} ({t})" for t, ws in self.m.categories["events"].items() for w in ws[:1])
            raise RowError(col.header, f"cannot tell the activity's type from {title!r} (a word such as {types}, "
                                       "or a 类型 column)")
        return kind

    def _event(self, kind: str, date: str | None, end: str | None, helper: str | None,
               recipient: str | None) -> FactRecord:
        place = self.cell_text("place")
        if place:
            try:
                place = places.resolve(place, [c for c in (helper, recipient) if c])
            except CellError:
                pass  # a place may be a town, a hall, a company: kept as written
        leaders = self.cell_text("leaders") or ""
        names = [n for n in (_PAREN.sub("", x).strip() for x in _LEADERS.split(leaders)) if n]
        assert kind in enum("events", "type")
        return FactRecord("events", {"type": kind, "date": date, "end_date": end if date else None, "place": place,
                                     "helper": helper, "recipient": recipient, "leaders": names})
