"""Fact types declared once in ``facts.yaml`` and loaded here."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import yaml

from duikou.settings import SCHEMA_DIR


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    nullable: bool = False
    enum: tuple[str, ...] | None = None
    help: str = ""


@dataclass(frozen=True)
class FactType:
    kind: str
    label: str
    key: tuple[str, ...]
    properties: tuple[Property, ...]

    @cached_property  # read for every fact the pipeline shapes (tens of thousands per crawl shard)
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)

    def prop(self, name: str) -> Property:
        for p in self.properties:
            if p.name == name:
                return p
        raise KeyError(f"{self.kind} has no property {name!r}")


@lru_cache(maxsize=1)
def fact_types() -> dict[str, FactType]:
    """All fact types, in declaration order (the order of the output keys)."""
    with open(SCHEMA_DIR / "facts.yaml", encoding="utf-8") as fh:
        raw: dict[str, Any] = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out: dict[str, FactType] = {}
    for kind, spec in raw.items():
        props = tuple(
            Property(
                name=name,
                type=str(p["type"]),
                nullable=bool(p.get("nullable", False)),
                enum=tuple(p["enum"]) if p.get("enum") else None,
                help=p.get("help", ""),
            )
            for name, p in spec["properties"].items()
        )
        out[kind] = FactType(kind, spec.get("label", kind), tuple(spec.get("key", [])), props)
    return out


FACT_KINDS: tuple[str, ...] = tuple(fact_types())


def validate(kind: str, data: dict[str, Any]) -> list[str]:
    """Reasons ``data`` does not fit fact type ``kind`` (empty when it fits)."""
    ft = fact_types()[kind]
    errs = []
    for p in ft.properties:
        v = data.get(p.name)
        if v is None:
            if not p.nullable and p.type not in ("list[str]", "list[party]") and p.name in data:
                errs.append(f"{kind}.{p.name} is null")
            continue
        if p.enum and v not in p.enum:
            errs.append(f"{kind}.{p.name}={v!r} not in {p.enum}")
    for k in data:
        if k not in ft.names:
            errs.append(f"{kind} has no property {k!r}")
    return errs
