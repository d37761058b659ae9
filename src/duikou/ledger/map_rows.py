"""What the map reads: standing pairings with their reports, the regions' names and coordinates, and per
region the money, events or pairings a choropleth shows, filtered by programme and year in SQL.

A figure's year is its period, else the year of its date (as the profiles read it); an event's is its
date's; a pairing shows in a year when it started then or before (or its start is unknown).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, exists, false, func, or_, select
from sqlalchemy.engine import Connection

from duikou.ledger import sql, view_rows
from duikou.ledger.tables import amounts, events, pairings, regions
from duikou.ledger.view_rows import standing_only

# Which column of each table is the region a choropleth colours, for money or counts given or received.
GIVEN, RECEIVED = "given", "received"
_SIDE = {
    "amounts": {GIVEN: amounts.c.payer, RECEIVED: amounts.c.payee},
    "events": {GIVEN: events.c.helper, RECEIVED: events.c.recipient},
    "pairings": {GIVEN: pairings.c.helper, RECEIVED: pairings.c.recipient},
}


def _year(period: Any, date: Any) -> Any:
    """The SQL year of a row: the first four characters of its period, else of its date."""
    return func.coalesce(func.substr(period, 1, 4), func.substr(date, 1, 4))


def _standing(program: str | None, year: int | None) -> list[Any]:
    conds = [standing_only()]
    if program is not None:
        conds.append(pairings.c.program == program)
    if year is not None:
        conds.append(or_(pairings.c.since.is_(None), pairings.c.since <= year))
    return conds


def _paired(left: Any, right: Any, program: str | None) -> Any:
    """Rows between two parties that a standing pairing of ``program`` joins (either way); true without one."""
    if program is None:
        return None
    p = pairings.c
    either_way = or_(and_(p.helper == left, p.recipient == right), and_(p.helper == right, p.recipient == left))
    return exists().where(p.program == program, standing_only(), either_way)


def standing_pairings(conn: Connection, program: str | None, year: int | None) -> list[dict[str, Any]]:
    """The standing pairings of ``program`` (any) in force in ``year`` (any), by helper and recipient."""
    q = (select(pairings.c.id, pairings.c.helper, pairings.c.recipient, pairings.c.program, pairings.c.since,
                pairings.c.sources).where(*_standing(program, year))
         .order_by(pairings.c.helper, pairings.c.recipient, pairings.c.id))
    return view_rows.dicts(conn.execute(q))


# A pairing's first reports by date: one LIMITed read of the (entity, published, source) index, so a pairing
# every report names costs ``limit`` rows, not thousands.
_DOCUMENTS = "SELECT document_id FROM entity_documents WHERE entity_id = :key ORDER BY published, source LIMIT :n"


def documents_of(conn: Connection, entity_ids: list[str], limit: int) -> dict[str, list[int]]:
    """The first ``limit`` reports (by date) behind each entity, as document ids."""
    out: dict[str, list[int]] = defaultdict(list)
    for entity, doc in view_rows.first_rows(conn, _DOCUMENTS, entity_ids, {"n": limit}):
        out[entity].append(int(doc))
    return out


def places(conn: Connection, codes: list[str]) -> dict[str, dict[str, Any]]:
    """The ``regions`` rows of ``codes`` the ledger holds (name, level, province, lon, lat), by code."""
    out: dict[str, dict[str, Any]] = {}
    r = regions.c
    for chunk in sql.chunks(sorted(set(codes))):
        for row in view_rows.dicts(conn.execute(select(r.code, r.name, r.level, r.province, r.lon, r.lat)
                                                .where(r.code.in_(chunk)))):
            out[row["code"]] = row
    return out


def money(conn: Connection, direction: str, program: str | None, year: int | None) -> dict[str, float]:
    """Money each party paid (``given``) or received: the sum of done, annual, undisputed amounts, in yuan."""
    a = amounts.c
    col = _SIDE["amounts"][direction]
    q = (select(col, func.sum(a.value)).where(
        col.is_not(None), or_(a.status.is_(None), a.status == "done"),
        or_(a.cumulative.is_(None), a.cumulative == false()), a.conflict.is_(None)).group_by(col))
    if year is not None:
        q = q.where(_year(a.period, a.date) == str(year))
    if (joined := _paired(a.payer, a.payee, program)) is not None:
        q = q.where(joined)
    return {k: float(v) for k, v in conn.execute(q)}


def event_counts(conn: Connection, direction: str, program: str | None, year: int | None) -> dict[str, float]:
    """How many events each party was the helper (``given``) or recipient of."""
    col = _SIDE["events"][direction]
    q = select(col, func.count()).where(col.is_not(None)).group_by(col)
    if year is not None:
        q = q.where(func.substr(events.c.date, 1, 4) == str(year))
    if (joined := _paired(events.c.helper, events.c.recipient, program)) is not None:
        q = q.where(joined)
    return {k: float(v) for k, v in conn.execute(q)}


def pairing_counts(conn: Connection, direction: str, program: str | None, year: int | None) -> dict[str, float]:
    """How many standing pairings each party is the helper (``given``) or recipient of."""
    col = _SIDE["pairings"][direction]
    q = select(col, func.count()).where(*_standing(program, year)).group_by(col)
    return {k: float(v) for k, v in conn.execute(q)}


def programs_present(conn: Connection) -> list[str]:
    """The programmes of the standing pairings."""
    return sorted(conn.execute(select(pairings.c.program).distinct().where(standing_only())).scalars())


def years_present(conn: Connection) -> list[int]:
    """Every year a pairing started in, a figure is for, or an event happened in."""
    got: set[int] = set()
    for q in (select(pairings.c.since).distinct().where(standing_only(), pairings.c.since.is_not(None)),
              select(_year(amounts.c.period, amounts.c.date)).distinct(),
              select(func.substr(events.c.date, 1, 4)).distinct()):
        # Read as text and parsed here: a malformed date must not make PostgreSQL's cast fail the page.
        got.update(int(y) for y in conn.execute(q).scalars() if y is not None and str(y).isdigit())
    return sorted(got)
