"""Event mentions grouped into events: one per type and day, one trip per document."""
from __future__ import annotations

from dataclasses import dataclass, field

# A report tells of one trip, and of the condolence calls made during it, however often it
# mentions them (a lead sentence, then the details).
ONE_PER_DOCUMENT = ("visit", "condolence")


@dataclass
class Mention:
    """An event trigger in a sentence, with the date it is about."""

    type: str
    start: int
    end: int
    date: str | None
    end_date: str | None
    explicit: bool  # the sentence names the date itself
    leaders: list[str] = field(default_factory=list)
    place: str | None = None
    span_end: str | None = None  # last day of the date range the mention's date came from


@dataclass
class Event:
    """The mentions of one event."""

    type: str
    date: str | None
    end_date: str | None
    mentions: list[Mention]

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def group(mentions: list[Mention]) -> list[Event]:
    """Dated mentions make events per (type, day); undated ones join an event of their type."""
    out: list[Event] = []
    by_key: dict[tuple[str, str | None], Event] = {}
    for m in sorted(mentions, key=lambda m: (m.date is None, m.start)):
        if m.type in ONE_PER_DOCUMENT:  # one trip per document; its days come from the mentions that name them
            ev = next((x for x in out if x.type == m.type), None)
            if ev is None:
                out.append(Event(m.type, None, None, [m]))
            else:
                ev.mentions.append(m)
            continue
        if m.date is None:
            ev = next((x for x in out if x.type == m.type), None)
            if ev is not None:
                ev.mentions.append(m)
                continue
        key = (m.type, m.date)
        if key in by_key:
            by_key[key].mentions.append(m)
        else:
            by_key[key] = Event(m.type, m.date, None, [m])
            out.append(by_key[key])
    out = _fold_range_dated(out)
    for ev in out:
        ev.mentions.sort(key=lambda m: m.start)
        if ev.type in ONE_PER_DOCUMENT:
            _visit_days(ev)
    return sorted(out, key=lambda ev: (ev.first.start, ev.type))


def _fold_range_dated(events: list[Event]) -> list[Event]:
    """A mention whose own sentence dates it only by a trip's range ("6月1日至3日…出席联席会议")
    joins the event of its type that a sentence dates to one day inside that range
    ("2日下午，联席会议召开")."""
    out = list(events)
    for ev in events:
        if ev.type == "visit" or ev.date is None or not all(m.span_end and m.explicit for m in ev.mentions):
            continue
        end = max(m.span_end for m in ev.mentions if m.span_end)
        inside = [x for x in out if x is not ev and x.type == ev.type and x.date and ev.date < x.date <= end
                  and any(m.explicit and not m.span_end for m in x.mentions)]
        if inside:
            inside[0].mentions.extend(ev.mentions)
            out.remove(ev)
    return out


def _visit_days(ev: Event) -> None:
    explicit = [m for m in ev.mentions if m.explicit and m.date]
    dated = explicit or [m for m in ev.mentions if m.date]
    if not dated:
        return
    first = min(m.date for m in dated if m.date)
    ends = [m.end_date or m.date for m in explicit]
    last = max((d for d in ends if d), default=None)
    ev.date = first
    ev.end_date = last if last and last > first else None
