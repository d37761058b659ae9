"""The region reference data, read in one place.

- ``data/region_codes.csv``, ``data/region_changes.csv``, ``data/region_nations.csv``: the
  GB/T 2260 tables made by ``scripts/build_region_table.py``;
- ``data/region_aliases.yaml``: the naming rules (unit suffixes, the province-level
  municipalities, abbreviations...) as a typed :class:`NamingRules`.

A missing or malformed file raises :class:`~duikou.errors.ConfigError` naming the file and
the reason, so a caller has one exception to catch.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from duikou.errors import ConfigError
from duikou.reference import vocab
from duikou.settings import DATA_DIR


class Unit(NamedTuple):
    """A row of ``data/region_codes.csv``: a unit in force today."""

    code: str
    name: str
    lon: float | None
    lat: float | None


class Change(NamedTuple):
    """A unit that ceased under this name or code (a row of ``data/region_changes.csv``)."""

    old_code: str
    old_name: str
    year: int
    new_code: str


@dataclass(frozen=True)
class NamingRules:
    """``data/region_aliases.yaml``: how official names shorten, and which rows are no units."""

    province_suffixes: tuple[str, ...]
    autonomous_suffixes: tuple[tuple[str, str], ...]  # (suffix, the unit word a short form keeps), file order
    unit_suffixes: tuple[str, ...]
    ethnic_bare_min_len: int
    extra_ethnic: tuple[str, ...]
    min_stem: int
    skip_code_prefixes: tuple[str, ...]
    skip_name_suffixes: tuple[str, ...]
    municipalities: frozenset[str]  # province codes whose x1xx00 rows are no prefectures
    abbreviation_rules: tuple[tuple[str, str], ...]  # (regex over the official name, template)
    abbreviations: tuple[tuple[str, str], ...]  # (abbreviation, official name)
    former_short_forms_since: int


def _strings(data: Mapping[str, Any], key: str, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
    value = data.get(key)
    if value is None and default is not None:
        return default
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"region_aliases.yaml: {key} must be a list of strings")
    return tuple(value)


def _pairs(data: Mapping[str, Any], key: str) -> tuple[tuple[str, str], ...]:
    value = data.get(key) or {}
    items = value.items() if isinstance(value, dict) else value
    try:
        pairs = tuple((str(a), str(b)) for a, b in items)
    except (TypeError, ValueError):
        raise ConfigError(f"region_aliases.yaml: {key} must map strings to strings") from None
    return pairs


def _int(data: Mapping[str, Any], key: str, default: int | None = None) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ConfigError(f"region_aliases.yaml: {key} must be a whole number")
    return value


@lru_cache(maxsize=1)
def rules() -> NamingRules:
    """The naming rules of ``data/region_aliases.yaml``, checked and parsed once."""
    data = vocab.load("region_aliases")
    if not isinstance(data, dict):
        raise ConfigError("region_aliases.yaml: expected a mapping of rules")
    return NamingRules(
        province_suffixes=_strings(data, "province_suffixes"),
        autonomous_suffixes=_pairs(data, "autonomous_suffixes"),
        unit_suffixes=_strings(data, "unit_suffixes"),
        ethnic_bare_min_len=_int(data, "ethnic_bare_min_len"),
        extra_ethnic=_strings(data, "extra_ethnic", ()),
        min_stem=_int(data, "min_stem"),
        skip_code_prefixes=_strings(data, "skip_code_prefixes"),
        skip_name_suffixes=_strings(data, "skip_name_suffixes"),
        municipalities=frozenset(_strings(data, "municipalities")),
        abbreviation_rules=_pairs(data, "abbreviation_rules"),
        abbreviations=_pairs(data, "abbreviations"),
        former_short_forms_since=_int(data, "former_short_forms_since", 0),
    )


def _table(name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of ``data/<name>.csv`` with their line numbers (``#`` lines are its header notes)."""
    path = DATA_DIR / f"{name}.csv"
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            lines = [(i, line) for i, line in enumerate(fh, 1) if not line.startswith("#")]
    except FileNotFoundError:
        raise ConfigError(f"region table {name!r} not found at {path}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot be read ({err})") from None
    reader = csv.DictReader(line for _, line in lines)
    missing = [c for c in columns if c not in (reader.fieldnames or ())]
    if missing:
        raise ConfigError(f"{path}: no column {', '.join(missing)}")
    for row in reader:
        number = lines[reader.line_num - 1][0]
        if any(row.get(c) is None for c in columns):
            raise ConfigError(f"{path}:{number}: too few fields")
        yield number, row


def _float(s: str) -> float | None:
    try:
        return float(s)
    except ValueError:
        return None  # blank: the source has no coordinates for the unit


def units() -> Iterator[Unit]:
    """The units in force today, in file order."""
    for _, row in _table("region_codes", ("code", "name", "lon", "lat")):
        yield Unit(row["code"].strip(), row["name"].strip(), _float(row["lon"]), _float(row["lat"]))


def changes() -> Iterator[Change]:
    """The units that ceased under a name or code, in file order."""
    path = DATA_DIR / "region_changes.csv"
    for number, row in _table("region_changes", ("old_code", "old_name", "year", "new_code")):
        try:
            year = int(row["year"])
        except ValueError:
            raise ConfigError(f"{path}:{number}: year {row['year']!r} is no number") from None
        yield Change(row["old_code"].strip(), row["old_name"].strip(), year, row["new_code"].strip())


def nations() -> list[str]:
    """The ethnic group names."""
    return [n for _, row in _table("region_nations", ("name",)) if (n := row["name"].strip())]
