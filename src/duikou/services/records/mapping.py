"""Which column of a 台账 says what: the mapping (``reference/data/records_mapping.yaml``, and an office's
own file read before it) and the reading of a sheet's header rows.

A column's field is decided by the words of its header (see the YAML's comments): the deepest part of
a multi-row header that names anything, its longest word. What a category cell says (资金类型: 财政援助资金)
is looked up the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml

from duikou.errors import ConfigError
from duikou.reference import vocab
from duikou.schema import enum

FIELDS = ("skip", "date", "end_date", "year", "title", "agreement", "helper", "recipient", "place", "payer",
          "leaders", "category", "planned", "done")


@dataclass(frozen=True)
class Column:
    """What one column gives: a plain ``field`` (date, helper...), or a figure (``amount``/``count``) with
    its role (None: the row's category says), unit and flags read from the header."""

    index: int
    header: str
    field: str
    role: str | None = None
    unit: str | None = None  # counts: the measure word; amounts: the money unit the header names
    cumulative: bool = False
    planned: bool = False
    year: int | None = None  # a figure column under a year (2021年 | 2022年 under 财政援助资金)
    weight: int = 0  # the length of the word that named it (how specific the header is)


@dataclass
class RecordMapping:
    """The mapping in force: header words to fields and figures, category words, units."""

    words: dict[str, tuple[str, str | None, str | None]]  # word -> (field, role, count unit)
    categories: dict[str, dict[str, tuple[str, ...]]]
    category_units: dict[str, str]
    cumulative: tuple[str, ...]
    planned: tuple[str, ...]
    money_units: dict[str, float]
    money_unit: str
    header_rows: int = 4
    defaults: dict[str, Any] = field(default_factory=dict)  # pairing, side, program of the office's file
    source: str = "records_mapping.yaml"

    def column(self, index: int, parts: list[str]) -> Column | None:
        """The column whose header has ``parts`` (top to bottom), None when no word names it."""
        header = "/".join(parts)
        years = [int(m.group(1)) for m in (_YEAR_PART.fullmatch(normalise(p)) for p in parts) if m]
        for part in reversed(parts):
            key = normalise(part)
            best = max((w for w in self.words if w in key), key=len, default=None)
            if best is None:
                continue
            fld, role, unit = self.words[best]
            if fld in ("amount", "count"):
                whole = normalise(header)
                money = next((u for u in sorted(self.money_units, key=len, reverse=True) if _names_unit(whole, u)),
                             None)
                return Column(index, header, fld, role, money if fld == "amount" else (unit or _paren_unit(part)),
                              cumulative=any(w in whole for w in self.cumulative),
                              planned=any(w in whole for w in self.planned),
                              year=years[-1] if years else None, weight=len(best))
            return Column(index, header, fld, weight=len(best))
        return None

    def category(self, kind: str, said: str) -> str | None:
        """What a category cell (or a title, a sheet name) ``said`` means for ``kind`` (amounts: a role;
        counts: a role; events: a type), None when none of its words is there."""
        key = normalise(said)
        best: tuple[int, int, str] | None = None
        for rank, (value, words) in enumerate(self.categories.get(kind, {}).items()):
            for w in words:
                if w in key and (best is None or (len(w), -rank) > (best[0], best[1])):
                    best = (len(w), -rank, value)
        return best[2] if best else None

    def expected(self) -> list[str]:
        """Some headers this mapping reads, for the message of a sheet it cannot read."""
        shown: dict[str, str] = {}
        for w, (fld, _, _) in self.words.items():
            if fld != "skip" and fld not in shown:
                shown[fld] = w
        return [f"{w} ({fld})" for fld, w in shown.items()]


_YEAR_PART = re.compile(r"(\d{4})年?度?")


def normalise(s: str) -> str:
    """A header as matched: no spaces or line breaks, full-width brackets as ASCII ones."""
    return re.sub(r"\s+", "", s).replace("（", "(").replace("）", ")").replace("：", ":")


def _names_unit(header: str, unit: str) -> bool:
    # 万元 inside brackets or after a slash/colon, or at the end: (万元), /万元, 单位:万元, 金额万元
    return bool(re.search(rf"(?:[(/:]|单位){re.escape(unit)}|{re.escape(unit)}\)?$", header))


def _paren_unit(part: str) -> str | None:
    m = re.search(r"[(（]([^()（）]{1,3})[)）]", part)
    return m.group(1) if m and not re.search(r"\d", m.group(1)) else None


def load_mapping(path: str | Path | None = None) -> RecordMapping:
    """The default mapping, with an office's own file (``path``) read before it."""
    base = vocab.load("records_mapping")
    if path is None:
        return _build([base], "records_mapping.yaml")
    p = Path(path)
    try:
        own = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: the mapping cannot be read ({err.strerror or err})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: the mapping is not valid YAML ({type(err).__name__})") from None
    if own is None:
        own = {}
    if not isinstance(own, dict):
        raise ConfigError(f"{path}: a mapping is a YAML mapping (columns:, money:, counts:, pairing: ...)")
    return _build([own, base], str(path))


def _build(layers: list[Mapping[str, Any]], source: str) -> RecordMapping:
    """The mapping of ``layers`` (the first wins)."""
    words: dict[str, tuple[str, str | None, str | None]] = {}
    amount_roles, count_roles = set(enum("amounts", "role")), set(enum("counts", "role"))
    for layer in layers:
        mine: dict[str, tuple[str, str | None, str | None]] = {}

        def add(word: Any, value: tuple[str, str | None, str | None], where: str) -> None:
            w = normalise(str(word))
            if w in mine and mine[w] != value:
                raise ConfigError(f"{source}: the header word {w!r} is given twice ({where})")
            mine[w] = value

        for fld, ws in _section(layer, "columns", source).items():
            if fld not in FIELDS:
                raise ConfigError(f"{source}: columns: no field {fld!r} (fields: {', '.join(FIELDS)})")
            for w in _list(ws, f"columns.{fld}", source):
                add(w, (fld, None, None), f"columns.{fld}")
        for kind, roles, key in (("amount", amount_roles, "money"), ("count", count_roles, "counts")):
            for i, entry in enumerate(_entries(layer, key, source)):
                role = entry.get("role")
                if role is not None and role not in roles:
                    raise ConfigError(f"{source}: {key}[{i}]: role {role!r} is not one of {sorted(roles)}")
                unit = entry.get("unit")
                for w in _list(entry.get("words"), f"{key}[{i}].words", source):
                    add(w, (kind, role, None if unit is None else str(unit)), f"{key}[{i}]")
        for w, v in mine.items():
            words.setdefault(w, v)
    merged = _merged(layers)
    categories = merged.get("categories") or {}
    if not isinstance(categories, dict):
        raise ConfigError(f"{source}: categories is a mapping of kinds")
    cats: dict[str, dict[str, tuple[str, ...]]] = {}
    for kind in ("amounts", "counts", "events"):
        allowed = set(enum(kind, "type" if kind == "events" else "role"))
        table: dict[str, tuple[str, ...]] = {}
        for layer in layers:  # an office's own words first; its values must be the schema's
            for value, ws in ((layer.get("categories") or {}).get(kind) or {}).items():
                if value not in allowed:
                    raise ConfigError(f"{source}: categories.{kind}: {value!r} is not one of {sorted(allowed)}")
                table.setdefault(value, tuple(normalise(str(w)) for w in _list(ws, f"categories.{kind}", source)))
        cats[kind] = table
    money_units = {str(k): float(v) for k, v in (merged.get("money_units") or {}).items()}
    money_unit = str(merged.get("money_unit") or "元")
    if money_unit not in money_units:
        raise ConfigError(f"{source}: money_unit {money_unit!r} is none of money_units ({', '.join(money_units)})")
    defaults = {k: layers[0][k] for k in ("pairing", "side", "program") if k in layers[0]} if len(layers) > 1 else {}
    return RecordMapping(words, cats, dict(categories.get("units") or {}),
                    tuple(normalise(str(w)) for w in merged.get("cumulative") or ()),
                    tuple(normalise(str(w)) for w in merged.get("planned_words") or ()),
                    money_units, money_unit, int(merged.get("header_rows") or 4), defaults, source)


def _merged(layers: list[Mapping[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for layer in reversed(layers):
        out.update({k: v for k, v in layer.items() if v is not None})
    return out


def _section(layer: Mapping[str, Any], key: str, source: str) -> dict[str, Any]:
    v = layer.get(key) or {}
    if not isinstance(v, dict):
        raise ConfigError(f"{source}: {key} is a mapping of fields to header words")
    return v


def _entries(layer: Mapping[str, Any], key: str, source: str) -> list[dict[str, Any]]:
    v = layer.get(key) or []
    if not isinstance(v, list) or not all(isinstance(e, dict) for e in v):
        raise ConfigError(f"{source}: {key} is a list of {{words: [...], role: ...}}")
    return v


def _list(v: Any, where: str, source: str) -> list[Any]:
    if isinstance(v, str):
        return [v]
    if not isinstance(v, list) or not v:
        raise ConfigError(f"{source}: {where} is a list of words")
    return v
