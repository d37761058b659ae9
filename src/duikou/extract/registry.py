"""Extractors are small registered components: a name, a version, what they
read and what they add. The pipeline runs them in dependency order.

The declarations are checked, so that what one extractor leaves for another
is always said: :func:`ordered` refuses an extractor that reads a layer no
extractor adds, and an extractor that adds to a layer or fact kind it did not
declare fails when it runs (the first test that runs it says so).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from duikou.errors import ConfigError
from duikou.extract.context import Context

ExtractFn = Callable[[Context], None]

# What every context holds before any extractor runs.
GIVEN = ("text",)


def _sizes(ctx: Context) -> dict[str, int]:
    """How many items each layer and fact kind of ``ctx`` holds (a layer and a kind may share a name)."""
    out = {name: len(items) for name, items in ctx.layers.items()}
    for kind, found in ctx.facts.items():
        out[kind] = out.get(kind, 0) + len(found)
    return out


@dataclass(frozen=True)
class Extractor:
    name: str
    version: str
    reads: tuple[str, ...]  # layer or fact names it needs ("text" is always there)
    adds: tuple[str, ...]  # layer or fact names it fills
    func: ExtractFn
    doc: str = ""

    def __call__(self, ctx: Context) -> None:
        before = _sizes(ctx)  # a dozen names: checking costs nothing next to the extractor
        self.func(ctx)
        grown = sorted(n for n, size in _sizes(ctx).items() if size > before.get(n, 0) and n not in self.adds)
        if grown:
            raise ConfigError(f"extractor {self.name!r} added to {', '.join(grown)} without declaring it "
                              f"(adds={self.adds})")


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


def check_reads(extractors: dict[str, Extractor]) -> None:
    """Refuse an extractor that reads what no registered extractor adds (nor the context gives)."""
    added = {a for e in _REGISTRY.values() for a in e.adds} | set(GIVEN)
    for e in extractors.values():
        missing = [r for r in e.reads if r not in added]
        if missing:
            raise ConfigError(f"extractor {e.name!r} reads {', '.join(missing)}, which no extractor adds")


def ordered(names: list[str] | None = None) -> list[Extractor]:
    """The extractors (all, or ``names``) sorted so that producers run before readers."""
    pool = {n: e for n, e in _REGISTRY.items() if names is None or n in names}
    check_reads(pool)
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
