"""The map's data as one JSON-able dict: pairings as lines from helper to recipient, a choropleth of money,
events or pairings per region (given or received), and the filters the data offers.

The map is keyed by GB/T 2260 code: a party without a region code (a company, a hospital) or a region
without coordinates cannot be drawn; lines with such an end are left out and counted in ``unplaced``, and
such parties are left out of ``values``. A former region (one merged into another) is coloured as the
region that took it over (:func:`duikou.reference.regions.current`), so a tally over years lands on
today's boundaries.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from duikou.errors import LedgerError
from duikou.ledger import map_rows, view_rows
from duikou.reference import regions as reg
from duikou.schema import enum
from duikou.services.connect import Db, engine_of

MEASURES = ("money", "counts", "pairings")
DIRECTIONS = ("received", "given")
UNITS = {"money": "yuan", "counts": "events", "pairings": "pairings"}


def _check(program: str | None, year: int | None, measure: str, direction: str, sources: int) -> None:
    """A clear error for a filter value the map cannot use (a web page turns it into a 400)."""
    if isinstance(sources, bool) or not isinstance(sources, int) or sources < 0:
        raise LedgerError(f"a map line's sources must be a whole number of at least 0, not {sources!r}")
    if measure not in MEASURES:
        raise LedgerError(f"unknown map measure {measure!r}: one of {', '.join(MEASURES)}")
    if direction not in DIRECTIONS:
        raise LedgerError(f"unknown map direction {direction!r}: one of {', '.join(DIRECTIONS)}")
    if program is not None and program not in enum("pairings", "program"):
        raise LedgerError(f"unknown programme {program!r}: one of {', '.join(enum('pairings', 'program'))}")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise LedgerError(f"a map year is a whole number, not {year!r}")


def _places(conn: Any, codes: set[str]) -> dict[str, dict[str, Any]]:
    """Each region's name, level and coordinates, by code: the gazetteer's (looked up once a code: a map
    answer names each region many times), else the ledger's regions row. The ledger writes the gazetteer's
    rows, so it is read only for codes the gazetteer does not know."""
    places = {c: row for c in codes if (row := reg.region(c)) is not None}
    places.update(map_rows.places(conn, sorted(codes - places.keys())))
    return places


def map_data(db: Db, program: str | None = None, year: int | None = None, measure: str = "money",
             direction: str = "received", sources: int | None = None) -> dict[str, Any]:
    """What the map draws, filtered by ``program`` and ``year`` (None: all).

    Returns ``{"program", "year", "measure", "direction", "unit", "lines", "unplaced", "values",
    "filters"}``:

    - ``lines``: one per standing pairing in force (``since`` <= ``year``, or unknown), helper -> recipient:
      ``{"id", "helper": {"code", "name", "level", "lon", "lat"}, "recipient": {...}, "program", "since",
      "source_count", "sources"}`` (``sources``: the ids of its first reports, by date, at most
      ``sources``, default ``view_rows.MAX_SOURCES``: the map's page and API ask for the few they link,
      as every line's list was most of their cost). ``unplaced``: how many pairings were left out (an end without a region
      code or coordinates).
    - ``values``: the choropleth, ``[{"code", "name", "level", "province", "value"}]`` largest first, for
      ``measure``: ``money`` (yuan: the sum of done, annual (not cumulative), undisputed amounts paid,
      ``given``, or received, in ``year`` or all years), ``counts`` (the number of events the region was the
      helper or the recipient of) or ``pairings`` (the number of standing pairings in force it helps in or
      is helped by). With ``program``, money and events count only between the parties of a pairing of it.
    - ``filters``: what the ledger offers: ``programs`` and ``years`` present, ``measures``, ``directions``.
    """
    sources = view_rows.MAX_SOURCES if sources is None else sources
    _check(program, year, measure, direction, sources)
    with engine_of(db) as eng, eng.connect() as conn:
        pairs = map_rows.standing_pairings(conn, program, year)
        tally = {"money": map_rows.money, "counts": map_rows.event_counts,
                 "pairings": map_rows.pairing_counts}[measure](conn, direction, program, year)
        by_code: dict[str, float] = defaultdict(float)
        for party, value in tally.items():
            if reg.is_code(party):
                by_code[reg.current(party)] += value
        known = _places(conn, {c for p in pairs for c in (p["helper"], p["recipient"]) if reg.is_code(c)}
                        | set(by_code))
        docs = map_rows.documents_of(conn, [p["id"] for p in pairs], sources) if sources else {}
        lines, unplaced = [], 0
        for p in pairs:
            ends = [_end(p[side], known) for side in ("helper", "recipient")]
            if ends[0] is None or ends[1] is None:
                unplaced += 1
                continue
            lines.append({"id": p["id"], "helper": ends[0], "recipient": ends[1], "program": p["program"],
                          "since": p["since"], "source_count": p["sources"], "sources": docs.get(p["id"], [])})
        values: list[dict[str, Any]] = []
        for code, value in sorted(by_code.items(), key=lambda cv: (-cv[1], cv[0])):
            row = known.get(code) or {}
            values.append({"code": code, "name": row.get("name") or code, "level": row.get("level"),
                           "province": row.get("province"), "value": value})
        filters = {"programs": map_rows.programs_present(conn), "years": map_rows.years_present(conn),
                   "measures": list(MEASURES), "directions": list(DIRECTIONS)}
    return {"program": program, "year": year, "measure": measure, "direction": direction, "unit": UNITS[measure],
            "lines": lines, "unplaced": unplaced, "values": values, "filters": filters}


def _end(party: str, known: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """A line's end: the region ``party`` with its coordinates, None when it cannot be placed."""
    row = known.get(party)
    if row is None or row.get("lon") is None or row.get("lat") is None:
        return None
    return {"code": party, "name": row.get("name") or party, "level": row.get("level"),
            "lon": float(row["lon"]), "lat": float(row["lat"])}
