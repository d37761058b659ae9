"""The evaluation's yearly targets (table ``targets``, migration 0015): written in one transaction, read
by pairing and year.

A target is known by its pairing (helper, recipient), year and indicator. Writing a target that is
already there with the same value and unit changes nothing (not even its time or source), so importing
the same sheet twice leaves the ledger as it was; a new value replaces the old one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import Connection, Engine, and_, select, tuple_, update

from duikou.ledger import sql
from duikou.ledger.tables import targets


@dataclass(frozen=True)
class TargetRow:
    """One target: the pairing's parties (as the pairings table names them), the year, the indicator's id,
    its value in ``unit`` (the indicator's unit) and where it came from."""

    helper: str
    recipient: str
    year: int
    indicator: str
    value: float
    unit: str | None = None
    source: str | None = None

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.helper, self.recipient, self.year, self.indicator)


def put_targets(eng: Engine, rows: Iterable[TargetRow]) -> dict[str, int]:
    """Store ``rows`` (the last of two with one key wins); returns how many were ``new``, ``changed``
    and ``unchanged``."""
    wanted = {r.key: r for r in rows}
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    if not wanted:
        return counts
    stamp = sql.now()
    with sql.transaction(eng) as conn:
        have = _existing(conn, list(wanted))
        new: list[dict[str, Any]] = []
        for key, r in wanted.items():
            old = have.get(key)
            if old is None:
                new.append({"helper": r.helper, "recipient": r.recipient, "year": r.year, "indicator": r.indicator,
                            "value": r.value, "unit": r.unit, "source": r.source, "created": stamp})
                counts["new"] += 1
            elif (old["value"], old["unit"]) == (r.value, r.unit):
                counts["unchanged"] += 1
            else:
                conn.execute(update(targets).where(_is(key))
                             .values(value=r.value, unit=r.unit, source=r.source, created=stamp))
                counts["changed"] += 1
        if new:
            conn.execute(targets.insert(), new)
    return counts


def _is(key: tuple[str, str, int, str]) -> Any:
    t = targets.c
    return and_(t.helper == key[0], t.recipient == key[1], t.year == key[2], t.indicator == key[3])


def _existing(conn: Connection, keys: list[tuple[str, str, int, str]]) -> dict[tuple[str, str, int, str], dict[str, Any]]:
    t = targets.c
    out: dict[tuple[str, str, int, str], dict[str, Any]] = {}
    step = sql.COMPOUND_CHUNK // 4  # four parameters a key
    for i in range(0, len(keys), step):
        part = keys[i:i + step]
        q = select(targets).where(tuple_(t.helper, t.recipient, t.year, t.indicator).in_(part))
        for r in conn.execute(q).mappings():
            out[(r["helper"], r["recipient"], int(r["year"]), r["indicator"])] = dict(r)
    return out


def targets_for(conn: Connection, helper: str, recipient: str, year: int) -> dict[str, dict[str, Any]]:
    """The targets of one pairing's year, by indicator id."""
    t = targets.c
    q = select(targets).where(t.helper == helper, t.recipient == recipient, t.year == year)
    return {r["indicator"]: dict(r) for r in conn.execute(q).mappings()}


def list_targets(conn: Connection, helper: str | None = None, recipient: str | None = None,
                 year: int | None = None) -> list[dict[str, Any]]:
    """Every target (of one helper, recipient or year when given), by pairing, year and indicator."""
    t = targets.c
    q = select(targets).order_by(t.helper, t.recipient, t.year, t.indicator)
    if helper is not None:
        q = q.where(t.helper == helper)
    if recipient is not None:
        q = q.where(t.recipient == recipient)
    if year is not None:
        q = q.where(t.year == year)
    return [dict(r) for r in conn.execute(q).mappings()]


__all__ = ["TargetRow", "put_targets", "targets_for", "list_targets"]
