"""Exports of the merged ledger: CSV, JSON, Parquet (pyarrow) and GeoJSON.

Tables: pairings, events, agreements, amounts, counts, people and sources
(the documents). Every row carries ``source_ids`` (document ids, which the
``sources`` table lists) so each figure can be traced to its reports.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from duikou.ledger import regions as reg
from duikou.ledger.tables import (
    agreements,
    amounts,
    counts,
    documents,
    events,
    facts,
    pairings,
    people,
    positions,
    regions,
)

TABLES = ("pairings", "events", "agreements", "amounts", "counts", "people", "sources")
FORMATS = ("csv", "json", "parquet", "geojson")


def _source_ids(conn, kind: str) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[int]] = defaultdict(list)
    q = (select(facts.c.entity, facts.c.document_id).where(facts.c.kind == kind)
         .group_by(facts.c.entity, facts.c.document_id).order_by(facts.c.entity, facts.c.document_id))
    for entity, doc_id in conn.execute(q):
        out[entity].append(int(doc_id))
    return out


def _names(conn) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c: n for c, n in conn.execute(select(regions.c.code, regions.c.name)) if n}


def tables(eng: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every export table as rows of plain values (lists stay lists)."""
    out: dict[str, list[dict[str, Any]]] = {}
    with eng.connect() as conn:
        names = _names(conn)

        def name(v: Any) -> Any:
            return names.get(v, v) if isinstance(v, str) else v

        def rows(table, kind: str, order, shape) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
            ids = _source_ids(conn, kind)
            res = []
            for r in conn.execute(select(table).order_by(*order)).mappings():
                row = shape(dict(r))
                row["source_ids"] = ids.get(r["id"], [])
                res.append(row)
            return res

        out["pairings"] = rows(pairings, "pairings", [pairings.c.helper, pairings.c.recipient, pairings.c.id],
                               lambda r: {"id": r["id"], "helper": r["helper"], "helper_name": name(r["helper"]),
                                          "recipient": r["recipient"], "recipient_name": name(r["recipient"]),
                                          "program": r["program"], "since": r["since"],
                                          "relation": r.get("relation") or "standing", "sources": r["sources"]})
        out["events"] = rows(events, "events", [events.c.date, events.c.id],
                             lambda r: {"id": r["id"], "type": r["type"], "date": r["date"],
                                        "end_date": r["end_date"], "place": r["place"], "helper": r["helper"],
                                        "helper_name": name(r["helper"]), "recipient": r["recipient"],
                                        "recipient_name": name(r["recipient"]),
                                        "leaders": json.loads(r["leaders"] or "[]"), "sources": r["sources"]})
        out["agreements"] = rows(agreements, "agreements", [agreements.c.date, agreements.c.id],
                                 lambda r: {"id": r["id"], "title": r["title"], "date": r["date"],
                                            "parties": json.loads(r["parties"] or "[]"), "sources": r["sources"]})
        out["amounts"] = rows(amounts, "amounts", [amounts.c.date, amounts.c.id],
                              lambda r: {"id": r["id"], "value": r["value"], "approx": bool(r["approx"]),
                                         "role": r["role"], "cumulative": bool(r["cumulative"]),
                                         "payer": r["payer"], "payer_name": name(r["payer"]), "payee": r["payee"],
                                         "payee_name": name(r["payee"]), "period": r["period"], "date": r["date"],
                                         "conflict": r["conflict"], "sources": r["sources"]})
        out["counts"] = rows(counts, "counts", [counts.c.period, counts.c.id],
                             lambda r: {"id": r["id"], "value": r["value"], "unit": r["unit"],
                                        "approx": bool(r["approx"]), "role": r["role"], "helper": r["helper"],
                                        "recipient": r["recipient"], "period": r["period"], "sources": r["sources"]})
        titles: dict[str, list[str]] = defaultdict(list)
        for person, t, date in conn.execute(select(positions.c.person, positions.c.titles, positions.c.date)
                                            .order_by(positions.c.person, positions.c.date, positions.c.fact_id)):
            for title in json.loads(t):
                entry = f"{title}@{date}" if date else title
                if entry not in titles[person]:
                    titles[person].append(entry)
        out["people"] = rows(people, "people", [people.c.name, people.c.id],
                             lambda r: {"id": r["id"], "name": r["name"], "region": r["region"],
                                        "region_name": name(r["region"]), "role": r["role"],
                                        "titles": titles.get(r["id"], []), "sources": r["sources"]})
        out["sources"] = [
            {"id": int(r["id"]), "source": r["source"], "title": r["title"], "published": r["published"],
             "outlet": r["outlet"], "side": r["side"], "status": r["status"], "reason": r["reason"],
             "body_hash": r["body_hash"], "source_ids": [int(r["id"])]}
            for r in conn.execute(select(documents.c.id, documents.c.source, documents.c.title,
                                         documents.c.published, documents.c.outlet, documents.c.side,
                                         documents.c.status, documents.c.reason, documents.c.body_hash)
                                  .order_by(documents.c.id)).mappings()]
    return out


def geojson(eng: Engine, relations: bool = False) -> dict[str, Any]:
    """Standing pairings as LineStrings from helper to recipient; parties without coordinates are left out.

    ``relations`` adds the relief and one-off donation relations (``relation`` in their properties):
    the map of who helps whom shows the programme's standing pairings unless asked.
    """
    data = tables(eng)
    with eng.connect() as conn:
        coords = {c: (lon, lat) for c, lon, lat in conn.execute(select(regions.c.code, regions.c.lon, regions.c.lat))
                  if lon is not None and lat is not None}
    features = []
    for p in data["pairings"]:
        if not relations and p["relation"] != "standing":
            continue
        a, b = (coords.get(p["helper"]) or _gaz_coords(p["helper"]),
                coords.get(p["recipient"]) or _gaz_coords(p["recipient"]))
        if a is None or b is None:
            continue
        features.append({"type": "Feature", "id": p["id"],
                         "geometry": {"type": "LineString", "coordinates": [list(a), list(b)]},
                         "properties": {k: v for k, v in p.items() if k != "id"}})
    return {"type": "FeatureCollection", "features": features}


def _gaz_coords(code: str) -> tuple[float, float] | None:
    row = reg.region(code)
    if row and row.get("lon") is not None and row.get("lat") is not None:
        return (row["lon"], row["lat"])
    return None


def _csv_value(v: Any) -> Any:
    if isinstance(v, list):
        return "|".join(str(x) for x in v)
    if v is None:
        return ""
    return v


def export(eng: Engine, fmt: str, out_dir: str | Path, relations: bool = False) -> list[Path]:
    """Write the export in ``fmt`` under ``out_dir``; returns the files written.

    The tables hold every pairing with its ``relation``; the GeoJSON map only the
    standing ones unless ``relations``.
    """
    from duikou.errors import ConfigError

    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "geojson":
        path = out / "pairings.geojson"
        path.write_text(json.dumps(geojson(eng, relations), ensure_ascii=False, indent=1), encoding="utf-8")
        return [path]
    data = tables(eng)
    written = []
    for name in TABLES:
        rows = data[name]
        path = out / f"{name}.{fmt}"
        if fmt == "json":
            path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        elif fmt == "csv":
            cols = list(rows[0]) if rows else ["id", "source_ids"]
            with open(path, "w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
                w.writeheader()
                for r in rows:
                    w.writerow({k: _csv_value(v) for k, v in r.items()})
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pylist(rows) if rows else pa.table({"id": pa.array([], pa.string()),
                                                                       "source_ids": pa.array([], pa.list_(pa.int64()))})
            pq.write_table(table, path)
        written.append(path)
    return written
