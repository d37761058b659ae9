"""Standing pairings as GeoJSON LineStrings from helper to recipient, with the ones that cannot be drawn listed."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from duikou.export.rows import tables
from duikou.ledger.entities import is_standing
from duikou.reference import regions as reg
from duikou.ledger.tables import regions


def _gaz_coords(code: str) -> tuple[float, float] | None:
    row = reg.region(code)
    if row and row.get("lon") is not None and row.get("lat") is not None:
        return (row["lon"], row["lat"])
    return None


def geojson(eng: Engine, relations: bool = False, reviewed_only: bool = False) -> dict[str, Any]:
    """A FeatureCollection of the standing pairings (with ``relations``, also relief and donation ones;
    with ``reviewed_only``, the reviewed ones alone).

    A pairing whose helper or recipient is not a region (a company, a
    hospital) or is a region without coordinates has no line; it is listed
    under the collection's ``undrawn`` member (a GeoJSON foreign member) with
    the reason, so nothing leaves the map unsaid.
    """
    data = tables(eng, ("pairings",), reviewed_only)  # the map needs no other table: the rest is never read
    with eng.connect() as conn:
        coords = {c: (lon, lat) for c, lon, lat in conn.execute(select(regions.c.code, regions.c.lon, regions.c.lat))
                  if lon is not None and lat is not None}

    def where(party: str) -> tuple[tuple[float, float] | None, str | None]:
        if not reg.is_code(party):
            return None, "is not a region"
        at = coords.get(party) or _gaz_coords(party)
        return at, None if at else "is a region without coordinates"

    features, undrawn = [], []
    left_out = 0
    for p in data["pairings"]:
        if not relations and not is_standing(p["relation"]):
            left_out += 1
            continue
        (a, why_a), (b, why_b) = where(p["helper"]), where(p["recipient"])
        props = {k: v for k, v in p.items() if k != "id"}
        if a is None or b is None:
            reasons = [f"helper {p['helper_name']} {why_a}" if why_a else "",
                       f"recipient {p['recipient_name']} {why_b}" if why_b else ""]
            undrawn.append({"id": p["id"], "helper": p["helper"], "helper_name": p["helper_name"],
                            "recipient": p["recipient"], "recipient_name": p["recipient_name"],
                            "relation": p["relation"], "reason": "; ".join(r for r in reasons if r)})
            continue
        features.append({"type": "Feature", "id": p["id"],
                         "geometry": {"type": "LineString", "coordinates": [list(a), list(b)]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features, "undrawn": undrawn,
            "relations_left_out": left_out}
