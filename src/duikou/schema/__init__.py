"""Fact types declared once in ``facts.yaml`` and loaded here.

Everything another module needs to know about a kind of fact is read from
that file through this module: its properties and their enums
(:func:`enum`), the ledger's merge key (:func:`merge_key`), id prefix
(:func:`id_prefix`) and row aggregation (:func:`aggregation`), and whether
a fact fits (:func:`validate`). The ledger interprets keys and aggregations
(:mod:`duikou.ledger.entities`); this module only reads and checks the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import yaml

from duikou.errors import ConfigError
from duikou.settings import SCHEMA_DIR

SCHEMA_FILE = SCHEMA_DIR / "facts.yaml"

# The words facts.yaml may use (its header says what each means).
KEY_HOWS = ("number", "flag", "title", "sorted")  # plus "or X" and "if X"
FOLD_OPS = ("first", "first float", "first bool", "min", "max", "any", "union", "blank", "most named")  # + "first or X"
TYPES = ("str", "int", "float", "bool", "date", "region", "party", "list[str]", "list[party]")


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    nullable: bool = False
    enum: tuple[str, ...] | None = None
    help: str = ""
    optional: bool = False  # absent unless the fact says it (the contract has no null for it)


@dataclass(frozen=True)
class KeyPart:
    """One part of a merge key: a property, and how its value is read (see facts.yaml)."""

    name: str
    how: str = ""  # "" | number | flag | title | sorted | or | if
    value: str | None = None  # the X of "or X" / "if X"


@dataclass(frozen=True)
class MergeKey:
    parts: tuple[KeyPart, ...]
    reason: str
    raw: bool = False
    alone_without: str | None = None
    alone_reason: str = ""
    near_reason: str = ""


@dataclass(frozen=True)
class Fold:
    """How an entity row's ``column`` folds its facts (see facts.yaml)."""

    column: str
    op: str  # one of FOLD_OPS, or "first or"
    value: str | None = None  # the X of "first or X"


@dataclass(frozen=True)
class FactType:
    kind: str
    label: str
    id_prefix: str
    key: MergeKey
    properties: tuple[Property, ...]
    aggregate: tuple[Fold, ...] = ()

    @cached_property  # read for every fact the pipeline shapes (tens of thousands per crawl shard)
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)

    @cached_property
    def always(self) -> tuple[str, ...]:
        """The properties every fact of the kind shows, null when unsaid (the optional ones only when said)."""
        return tuple(p.name for p in self.properties if not p.optional)

    def prop(self, name: str) -> Property:
        for p in self.properties:
            if p.name == name:
                return p
        raise KeyError(f"{self.kind} has no property {name!r}")


def _bad(kind: str, what: str) -> ConfigError:
    return ConfigError(f"{SCHEMA_FILE}: {kind}: {what}")


def _key_part(kind: str, spec: Any) -> KeyPart:
    if isinstance(spec, str):
        return KeyPart(spec)
    if not (isinstance(spec, dict) and len(spec) == 1):
        raise _bad(kind, f"key part {spec!r} is neither a name nor {{name: how}}")
    (name, how), = spec.items()
    word, _, value = str(how).partition(" ")
    if word in ("or", "if") and value:
        return KeyPart(str(name), word, value)
    if how not in KEY_HOWS:
        raise _bad(kind, f"key part {name}: unknown {how!r} (one of {', '.join(KEY_HOWS)}, or X, if X)")
    return KeyPart(str(name), str(how))


def _fold(kind: str, column: str, op: Any) -> Fold:
    op = str(op)
    if op.startswith("first or "):
        return Fold(column, "first or", op[len("first or "):])
    if op not in FOLD_OPS:
        raise _bad(kind, f"aggregate {column}: unknown {op!r} (one of {', '.join(FOLD_OPS)}, first or X)")
    return Fold(column, op)


def _property(kind: str, name: str, p: dict[str, Any]) -> Property:
    if p.get("type") not in TYPES:
        raise _bad(kind, f"property {name}: unknown type {p.get('type')!r}")
    return Property(name=name, type=str(p["type"]), nullable=bool(p.get("nullable", False)),
                    enum=tuple(p["enum"]) if p.get("enum") else None, help=p.get("help", ""),
                    optional=bool(p.get("optional", False)))


def _fact_type(kind: str, spec: dict[str, Any]) -> FactType:
    props = tuple(_property(kind, name, p) for name, p in spec["properties"].items())
    k = spec.get("key")
    if not isinstance(k, dict) or not k.get("parts") or not k.get("reason"):
        raise _bad(kind, "key needs parts and a reason")
    key = MergeKey(tuple(_key_part(kind, p) for p in k["parts"]), str(k["reason"]), bool(k.get("raw", False)),
                   k.get("alone_without"), str(k.get("alone_reason", "")), str(k.get("near_reason", "")))
    prefix = spec.get("id_prefix")
    if not isinstance(prefix, str) or len(prefix) != 1:
        raise _bad(kind, "id_prefix must be one letter")
    folds = tuple(_fold(kind, col, op) for col, op in (spec.get("aggregate") or {}).items())
    return FactType(kind, spec.get("label", kind), prefix, key, props, folds)


@lru_cache(maxsize=1)
def fact_types() -> dict[str, FactType]:
    """All fact types, in declaration order (the order of the output keys)."""
    try:
        with open(SCHEMA_FILE, encoding="utf-8") as fh:
            raw: dict[str, Any] = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(f"{SCHEMA_FILE}: {err}") from None
    out = {kind: _fact_type(kind, spec) for kind, spec in raw.items()}
    prefixes = [t.id_prefix for t in out.values()]
    if len(set(prefixes)) != len(prefixes):
        raise ConfigError(f"{SCHEMA_FILE}: two kinds share an id_prefix ({', '.join(prefixes)})")
    return out


FACT_KINDS: tuple[str, ...] = tuple(fact_types())


def merge_key(kind: str) -> MergeKey:
    """The ledger's merge key of ``kind``."""
    return fact_types()[kind].key


def id_prefix(kind: str) -> str:
    """The letter the ledger ids of ``kind``'s entities start with."""
    return fact_types()[kind].id_prefix


def aggregation(kind: str) -> tuple[Fold, ...]:
    """How an entity row of ``kind`` folds its facts, column by column (empty: no entity rows)."""
    return fact_types()[kind].aggregate


def enum(kind: str, prop: str) -> tuple[str, ...]:
    """The allowed values of ``kind``'s property ``prop`` (KeyError when it has no enum)."""
    values = fact_types()[kind].prop(prop).enum
    if values is None:
        raise KeyError(f"{kind}.{prop} has no enum")
    return values


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODE = re.compile(r"\d{6}")


def _fits(type_: str, v: Any) -> bool:
    if type_ in ("str", "party"):
        return isinstance(v, str) and (type_ == "str" or v != "")
    if type_ == "int":
        return isinstance(v, int) and not isinstance(v, bool)
    if type_ == "float":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if type_ == "bool":
        return isinstance(v, bool)
    if type_ == "date":
        return isinstance(v, str) and _DAY.fullmatch(v) is not None
    if type_ == "region":
        return isinstance(v, str) and _CODE.fullmatch(v) is not None
    return isinstance(v, list) and all(_fits(type_[5:-1], x) for x in v)  # list[...]


def validate(kind: str, data: dict[str, Any]) -> list[str]:
    """Reasons ``data`` does not fit fact type ``kind`` (empty when it fits)."""
    ft = fact_types().get(kind)
    if ft is None:
        return [f"no fact kind {kind!r}"]
    errs = []
    for p in ft.properties:
        v = data.get(p.name)
        if v is None:
            if not p.nullable and not p.type.startswith("list[") and p.name in data:
                errs.append(f"{kind}.{p.name} is null")
            continue
        if not _fits(p.type, v):
            errs.append(f"{kind}.{p.name}={v!r} is not a {p.type}")
        elif p.enum and v not in p.enum:
            errs.append(f"{kind}.{p.name}={v!r} not in {p.enum}")
    for k in data:
        if k not in ft.names:
            errs.append(f"{kind} has no property {k!r}")
    return errs
