"""The evaluation's indicators, read from ``reference/data/indicators.yaml`` (or a file given) and checked
as they are read: a mistake is a :class:`~duikou.errors.ConfigError` naming the file and the indicator.

Roles, event types and programmes are checked against ``schema/facts.yaml``'s enums, so an indicator
cannot name a role no fact can have.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from duikou.errors import ConfigError
from duikou.reference import vocab
from duikou.schema import enum
from duikou.services.evaluation.model import BASES, DIRECTIONS, KINDS, MONEY_UNITS, Indicator
from duikou.settings import DATA_DIR

DEFAULT_FILE = DATA_DIR / "indicators.yaml"
LEVELS = ("province", "prefecture", "county")
_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")
_COMMON = ("id", "name", "section", "unit", "kind", "basis", "side", "programs")
# The keys each kind may use besides the common ones, and the enum each list is checked against.
_BY_KIND: dict[str, dict[str, tuple[str, str] | None]] = {
    "amounts": {"roles": ("amounts", "role"), "words": None, "exclude": None},
    "counts": {"roles": ("counts", "role"), "units": None, "words": None, "exclude": None},
    "events": {"types": ("events", "type"), "leaders": None},
    "pairings": {"levels": None},
}
_REQUIRED = {"amounts": ("roles",), "counts": ("roles", "units"), "events": ("types",), "pairings": ("levels",)}


def load_indicators(path: str | Path | None = None) -> tuple[Indicator, ...]:
    """The indicators of ``path`` (default: the package's ``indicators.yaml``), in file order."""
    if path is None:
        return _default()
    p = Path(path)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{p}: cannot be read ({err})") from None
    except yaml.YAMLError as err:
        raise ConfigError(f"{p}: not valid YAML ({getattr(err, 'problem', None) or err})") from None
    return parse_indicators(raw, str(p))


@lru_cache(maxsize=1)
def _default() -> tuple[Indicator, ...]:
    return parse_indicators(vocab.load("indicators"), str(DEFAULT_FILE))


def indicator_by(key: str, indicators: Iterable[Indicator] | None = None) -> Indicator | None:
    """The indicator whose id or name is ``key`` (spaces and the brackets' width ignored), or None."""
    wanted = _plain(key)
    for ind in indicators if indicators is not None else load_indicators():
        if wanted in (ind.id, _plain(ind.name)):
            return ind
    return None


def _plain(text: str) -> str:
    return "".join(str(text).split()).replace("(", "（").replace(")", "）").replace(",", "，")


def parse_indicators(raw: Any, where: str) -> tuple[Indicator, ...]:
    """Indicators from parsed YAML (``{"programs": [...], "indicators": [...]}``), checked."""
    if not isinstance(raw, dict) or not isinstance(raw.get("indicators"), list) or not raw["indicators"]:
        raise ConfigError(f"{where}: expected a mapping with a non-empty list under 'indicators'")
    default_programs = _strings(where, "the file", "programs", raw.get("programs", list(enum("pairings", "program"))))
    _check_enum(where, "the file", "programs", default_programs, ("pairings", "program"))
    out: list[Indicator] = []
    ids: set[str] = set()
    names: set[str] = set()
    for i, spec in enumerate(raw["indicators"], 1):
        ind = _indicator(where, i, spec, default_programs)
        if ind.id in ids:
            raise ConfigError(f"{where}: indicator {ind.id}: the id is declared twice")
        if _plain(ind.name) in names:
            raise ConfigError(f"{where}: indicator {ind.id}: the name {ind.name!r} is another indicator's")
        ids.add(ind.id)
        names.add(_plain(ind.name))
        out.append(ind)
    return tuple(out)


def _indicator(where: str, i: int, spec: Any, default_programs: tuple[str, ...]) -> Indicator:
    if not isinstance(spec, dict):
        raise ConfigError(f"{where}: indicator #{i}: expected a mapping, not {spec!r}")
    ind_id = spec.get("id")
    if not isinstance(ind_id, str) or not _ID.fullmatch(ind_id):
        raise ConfigError(f"{where}: indicator #{i}: id {ind_id!r} must be lower-case letters, digits and _")
    who = f"indicator {ind_id}"
    for key in ("name", "section", "unit", "kind", "basis", "side"):
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            raise ConfigError(f"{where}: {who}: {key} is missing (a non-empty text)")
    kind = spec["kind"]
    if kind not in KINDS:
        raise ConfigError(f"{where}: {who}: kind {kind!r} is not one of {', '.join(KINDS)}")
    allowed = _BY_KIND[kind]
    unknown = sorted(set(spec) - set(_COMMON) - set(allowed))
    if unknown:
        raise ConfigError(f"{where}: {who}: {', '.join(unknown)} cannot be said of an indicator of {kind} "
                          f"(it may say {', '.join(sorted(allowed))})")
    if spec["basis"] not in BASES:
        raise ConfigError(f"{where}: {who}: basis {spec['basis']!r} is not annual or cumulative "
                          "(an indicator is one or the other)")
    if spec["side"] not in DIRECTIONS:
        raise ConfigError(f"{where}: {who}: side {spec['side']!r} is not one of {', '.join(DIRECTIONS)}")
    if kind == "amounts" and spec["unit"] not in MONEY_UNITS:
        raise ConfigError(f"{where}: {who}: an amount's unit is one of {', '.join(MONEY_UNITS)}, "
                          f"not {spec['unit']!r}")
    if kind in ("events", "pairings") and spec["basis"] != "annual":
        raise ConfigError(f"{where}: {who}: {kind} are counted for the year (basis annual)")
    for key in _REQUIRED[kind]:
        if not spec.get(key):
            raise ConfigError(f"{where}: {who}: a {kind} indicator needs {key}")
    lists: dict[str, tuple[str, ...]] = {}
    for key, checked in allowed.items():
        if key == "leaders":
            continue
        lists[key] = _strings(where, who, key, spec.get(key, []))
        if checked is not None:
            _check_enum(where, who, key, lists[key], checked)
    if kind == "pairings":
        bad = [v for v in lists["levels"] if v not in LEVELS]
        if bad:
            raise ConfigError(f"{where}: {who}: levels {', '.join(bad)} not among {', '.join(LEVELS)}")
    leaders = spec.get("leaders", False)
    if not isinstance(leaders, bool):
        raise ConfigError(f"{where}: {who}: leaders is true or false, not {leaders!r}")
    programs = _strings(where, who, "programs", spec.get("programs", list(default_programs)))
    _check_enum(where, who, "programs", programs, ("pairings", "program"))
    return Indicator(
        id=ind_id, name=spec["name"].strip(), section=spec["section"].strip(), unit=spec["unit"].strip(), kind=kind,
        basis=spec["basis"], side=spec["side"], programs=programs, roles=lists.get("roles", ()),
        units=lists.get("units", ()), types=lists.get("types", ()), levels=lists.get("levels", ()),
        words=lists.get("words", ()), exclude=lists.get("exclude", ()), leaders=leaders)


def _strings(where: str, who: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: {who}: {key} is a list of non-empty texts, not {value!r}")
    return tuple(v.strip() for v in value)


def _check_enum(where: str, who: str, key: str, values: tuple[str, ...], prop: tuple[str, str]) -> None:
    allowed = enum(*prop)
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ConfigError(f"{where}: {who}: {key} {', '.join(map(repr, bad))} not among the schema's "
                          f"{prop[0]} {prop[1]}s ({', '.join(allowed)})")


__all__ = ["load_indicators", "parse_indicators", "indicator_by", "DEFAULT_FILE", "LEVELS"]
