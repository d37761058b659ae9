"""Which stored event a dated event of a new report repeats: the same type and pairing, dates within one day.

Used by the store for each report's events (:meth:`duikou.ledger.store.Ledger.add`); undated events are never
matched (a new event each).
"""
from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sqlalchemy import Connection, TextClause, text

from duikou.ledger.entities import EVENT_REASON, base_key


def events_near(conn: Connection, effs: list[dict[str, Any]]) -> list[tuple[str, str, str | None, str | None, str]]:
    """Stored events (id, type, helper, recipient, date) that a dated event of this document may repeat."""
    shape: list[tuple[bool, bool]] = []
    params: dict[str, Any] = {}
    for eff in effs:
        window = _day_window(eff.get("date"))
        if window is None:
            continue
        j = len(shape)
        params.update({f"t{j}": eff.get("type"), f"lo{j}": window[0], f"hi{j}": window[1],
                       f"h{j}": eff.get("helper"), f"r{j}": eff.get("recipient")})
        shape.append((eff.get("helper") is None, eff.get("recipient") is None))
    if not shape:
        return []
    return [tuple(r) for r in conn.execute(_events_near_sql(tuple(shape)), params)]


@functools.lru_cache(maxsize=4096)
def _events_near_sql(shape: tuple[tuple[bool, bool], ...]) -> TextClause:
    # Plain SQL cached by which sides are missing: composing the OR of
    # SQLAlchemy expressions per document cost more than running it (profiled).
    conds = []
    for j, (no_helper, no_recipient) in enumerate(shape):
        conds.append(f"(type = :t{j} AND date >= :lo{j} AND date <= :hi{j} AND "
                     + ("helper IS NULL" if no_helper else f"helper = :h{j}") + " AND "
                     + ("recipient IS NULL" if no_recipient else f"recipient = :r{j}") + ")")
    return text(f"SELECT id, type, helper, recipient, date FROM events WHERE {' OR '.join(conds)} "
                "ORDER BY date, id")


def _day_window(date: Any) -> tuple[str, str] | None:
    if not date:
        return None
    try:
        d = dt.date.fromisoformat(date)
    except (TypeError, ValueError):
        return None
    return (d - dt.timedelta(days=1)).isoformat(), (d + dt.timedelta(days=1)).isoformat()


def event_base(eff: dict[str, Any], fid: str, local: list[tuple[str, dict[str, Any]]],
                stored: list[tuple[str, str, str | None, str | None, str]]) -> tuple[str, str]:
    """An existing event this one repeats (same type and pairing, dates within a day), else a new base.

    ``stored`` are the candidates from :func:`events_near`, in (date, id) order.
    """
    base, reason = base_key("events", eff, fid)
    window = _day_window(eff.get("date"))
    if window is None:
        return base, reason
    lo, hi = window
    for entity, r in local:  # events earlier in this same report
        if (r.get("type") == eff.get("type") and r.get("helper") == eff.get("helper")
                and r.get("recipient") == eff.get("recipient") and r.get("date") and lo <= r["date"] <= hi):
            return entity, EVENT_REASON
    for eid, typ, helper, recipient, date in stored:
        if (typ == eff.get("type") and helper == eff.get("helper") and recipient == eff.get("recipient")
                and date is not None and lo <= date <= hi):
            return eid, EVENT_REASON
    return base, reason
