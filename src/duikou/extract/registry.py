"""Extractors are small registered components: a name, a version, what they
read and what they add. The pipeline runs them in dependency order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from duikou.errors import ConfigError
from duikou.extract.context import Context

ExtractFn = Callable[[Context], None]


@dataclass(frozen=True)
class Extractor:
    name: str
    version: str
    reads: tuple[str, ...]  # layer or fact names it needs ("text" is always there)
    adds: tuple[str, ...]  # layer or fact names it fills
    func: ExtractFn
    doc: str = ""

    def __call__(self, ctx: Context) -> None:
        self.func(ctx)


_REGISTRY: dict[str, Extractor] = {}


def extractor(name: str, version: str, reads: tuple[str, ...] = (), adds: tuple[str, ...] = ()) -> Callable[[ExtractFn], ExtractFn]:
    """Register ``func`` as extractor ``name``."""

    def wrap(func: ExtractFn) -> ExtractFn:
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            raise ConfigError(f"extractor {name!r} registered twice")
        _REGISTRY[name] = Extractor(name, version, tuple(reads), tuple(adds), func, (func.__doc__ or "").strip())
        return func

    return wrap


def registered() -> dict[str, Extractor]:
    return dict(_REGISTRY)


def ordered(names: list[str] | None = None) -> list[Extractor]:
    """The extractors (all, or ``names``) sorted so that producers run before readers."""
    pool = {n: e for n, e in _REGISTRY.items() if names is None or n in names}
    producers: dict[str, set[str]] = {}
    for e in pool.values():
        for a in e.adds:
            producers.setdefault(a, set()).add(e.name)
    out: list[Extractor] = []
    state: dict[str, int] = {}

    def visit(n: str, chain: tuple[str, ...]) -> None:
        if state.get(n) == 2:
            return
        if state.get(n) == 1:
            raise ConfigError("extractor dependency cycle: " + " -> ".join(chain + (n,)))
        state[n] = 1
        for r in pool[n].reads:
            for p in sorted(producers.get(r, ())):
                if p != n:
                    visit(p, chain + (n,))
        state[n] = 2
        out.append(pool[n])

    for n in sorted(pool):
        visit(n, ())
    return out
