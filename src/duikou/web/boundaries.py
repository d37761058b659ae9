"""The map's boundary files, checked before the app serves them.

A boundary directory holds TopoJSON keyed by GB/T 2260 code (``scripts/build_boundaries.py`` makes the
bundled one, ``static/maps``; ``docs/maps.md`` describes the layout):

- ``province.json``: the provincial units;
- ``prefecture.json``: the units one level below the province (prefectures, 省直辖 county-level units,
  the provincial units without prefectures as themselves);
- ``county/<two digits>.json``: one province's county-level units (each optional);
- ``MANIFEST.json`` (optional): where the files come from, and ``files`` with each one's ``sha256``.

Each file is one TopoJSON object whose geometries carry a six-digit ``code`` and a ``name``. A deployer
may point the ``DUIKOU_BOUNDARIES`` setting at another directory in this layout (an approved standard
map with its 审图号); :func:`check_boundaries` reads it once at startup and refuses it with an error
that names the file, so a bad map stops the app instead of drawing nothing.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from duikou.errors import ConfigError
from duikou.reference import codes

BUNDLED = Path(__file__).resolve().parent / "static" / "maps"
MANIFEST = "MANIFEST.json"
REQUIRED = ("province.json", "prefecture.json")
_COUNTY_FILE = re.compile(r"\d{2}\.json")
_AREAS = frozenset({"Polygon", "MultiPolygon"})


class BoundaryError(ConfigError):
    """A boundary directory or file is unusable; names the file and what is wrong."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"boundary file {self.path}: {reason}")


@dataclass(frozen=True)
class Layer:
    """One boundary file: its path in the directory, its level and its regions (code -> name)."""

    file: str
    level: str  # province | prefecture | county
    names: Mapping[str, str]


@dataclass(frozen=True)
class BoundarySet:
    """A checked boundary directory: what it can draw."""

    directory: Path
    province: Layer
    prefecture: Layer
    counties: Mapping[str, Layer]  # two-digit province code -> that province's counties
    manifest: Mapping[str, Any] | None

    @property
    def layers(self) -> tuple[Layer, ...]:
        """Every file, province and prefecture first, then the county files by province."""
        return (self.province, self.prefecture, *(self.counties[p] for p in sorted(self.counties)))

    def layer(self, level: str, province: str | None = None) -> Layer | None:
        """The file drawn at ``level`` (for ``county``, that of ``province``: ``"32"`` or ``"320000"``)."""
        if level == "province":
            return self.province
        if level == "prefecture":
            return self.prefecture
        if level == "county" and province:
            return self.counties.get(province[:2])
        return None

    def has(self, code: str) -> bool:
        """Whether some file draws ``code`` (a province, prefecture or county)."""
        return self.name(code) is not None

    def name(self, code: str) -> str | None:
        """The name the boundary files give ``code``, or None when no file draws it."""
        for layer in (self.counties.get(code[:2]), self.prefecture, self.province):
            if layer is not None and code in layer.names:
                return layer.names[code]
        return None


def boundaries_dir(setting: str | None = None) -> Path:
    """The directory the ``DUIKOU_BOUNDARIES`` setting names, else the bundled one."""
    return Path(setting).expanduser() if setting else BUNDLED


def _read_json(path: Path, shown: str) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BoundaryError(shown, "missing") from None
    except OSError as err:
        raise BoundaryError(shown, f"cannot be read ({err.strerror or err})") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BoundaryError(shown, "not UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise BoundaryError(shown, f"not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})") from None


def _arc_indices(arcs: Any) -> Iterator[Any]:
    """Every leaf of a geometry's nested ``arcs`` lists."""
    if isinstance(arcs, list):
        for item in arcs:
            yield from _arc_indices(item)
    else:
        yield arcs


def _feature(geometry: Any, index: int, arc_count: int, shown: str) -> tuple[str, str]:
    """The code and name of the ``index``-th geometry, checked."""
    where = f"feature {index}"
    if not isinstance(geometry, dict):
        raise BoundaryError(shown, f"{where} is not an object")
    props = geometry.get("properties")
    code = props.get("code") if isinstance(props, dict) else None
    name = props.get("name") if isinstance(props, dict) else None
    if not codes.is_code(code):
        raise BoundaryError(shown, f"{where} has no six-digit code property (got {code!r})")
    where = f"feature {index} ({code})"
    if not isinstance(name, str) or not name.strip():
        raise BoundaryError(shown, f"{where} has no name property")
    if geometry.get("type") not in _AREAS:
        raise BoundaryError(shown, f"{where} is a {geometry.get('type')!r}, not a Polygon or MultiPolygon")
    for arc in _arc_indices(geometry.get("arcs")):
        # TopoJSON numbers an arc drawn backwards as ~i (that is -i - 1)
        if not isinstance(arc, int) or isinstance(arc, bool) or not -arc_count <= arc < arc_count:
            raise BoundaryError(shown, f"{where} refers to arc {arc!r}; the file has {arc_count}")
    return code, name


def _layer(directory: Path, file: str, level: str) -> Layer:
    """One TopoJSON file, checked: one object of areas, each with a code and a name, codes unique."""
    shown = str(directory / file)
    data = _read_json(directory / file, shown)
    if not isinstance(data, dict) or data.get("type") != "Topology":
        raise BoundaryError(shown, "not a TopoJSON Topology")
    objects, arcs = data.get("objects"), data.get("arcs")
    if not isinstance(objects, dict) or len(objects) != 1:
        raise BoundaryError(shown, "should hold exactly one object (the regions)")
    if not isinstance(arcs, list):
        raise BoundaryError(shown, "has no arcs list")
    (collection,) = objects.values()
    is_collection = isinstance(collection, dict) and collection.get("type") == "GeometryCollection"
    geometries = collection.get("geometries") if is_collection else None
    if not isinstance(geometries, list) or not geometries:
        raise BoundaryError(shown, "its object is not a GeometryCollection of regions")
    names: dict[str, str] = {}
    for index, geometry in enumerate(geometries):
        code, name = _feature(geometry, index, len(arcs), shown)
        if code in names:
            raise BoundaryError(shown, f"code {code} appears twice")
        if level == "province" and code != codes.province_code(code):
            raise BoundaryError(shown, f"feature {index} ({code}) is not a province-level code")
        if level == "county" and code[:2] != Path(file).stem:
            raise BoundaryError(shown, f"feature {index} ({code}) lies outside province {Path(file).stem}")
        names[code] = name
    return Layer(file, level, names)


def _check_manifest(directory: Path) -> Mapping[str, Any] | None:
    """``MANIFEST.json`` when there is one: every file it lists is there with its checksum."""
    path = directory / MANIFEST
    if not path.exists():
        return None
    manifest = _read_json(path, str(path))
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise BoundaryError(path, "has no files mapping")
    files: dict[str, Any] = manifest["files"]
    for name, entry in files.items():
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise BoundaryError(path, f"lists {name!r}, outside the directory")
        target = directory / name
        if not target.is_file():
            raise BoundaryError(target, f"listed in {MANIFEST} but missing")
        expected = entry.get("sha256") if isinstance(entry, dict) else None
        if expected is not None and hashlib.sha256(target.read_bytes()).hexdigest() != expected:
            raise BoundaryError(target, f"its sha256 differs from {MANIFEST} (changed after the build?)")
    checked: dict[str, Any] = manifest
    return checked


def check_boundaries(directory: Path) -> BoundarySet:
    """Read and check a boundary directory; :class:`BoundaryError` names the first bad file."""
    if not directory.is_dir():
        raise BoundaryError(directory, "no such directory (the DUIKOU_BOUNDARIES setting)")
    manifest = _check_manifest(directory)
    for file in REQUIRED:
        if not (directory / file).is_file():
            raise BoundaryError(directory / file, "missing (a boundary directory needs province.json and prefecture.json)")
    counties: dict[str, Layer] = {}
    county_dir = directory / "county"
    for path in sorted(county_dir.glob("*.json")) if county_dir.is_dir() else ():
        if not _COUNTY_FILE.fullmatch(path.name):
            raise BoundaryError(path, "a county file is named by its province's two digits (county/32.json)")
        counties[path.stem] = _layer(directory, f"county/{path.name}", "county")
    return BoundarySet(directory, _layer(directory, "province.json", "province"),
                       _layer(directory, "prefecture.json", "prefecture"), counties, manifest)
