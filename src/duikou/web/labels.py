"""The words the web app shows for the ledger's values, read from ``web/labels.yaml`` (the one place they
are kept: a page, a route or a template never spells them), and the few lines that word a fact
(:func:`say_fact`, from the service's :class:`~duikou.services.document.Gist`) or a search hit
(:func:`say_hit`, from its :class:`~duikou.services.search.About`) in Chinese.

``label(group, value)`` is what a value is called (``label("program", "east_west") == "东西部协作"``), the
value itself when the group has no word for it, "" for None. ``labels(group)`` is the whole group (the
choices of a filter). :func:`install` gives a Jinja2 environment the filter ``label``
(``{{ row.program | label("program") }}``), ``say_fact`` and the global ``labels_of`` (:func:`labels`).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from duikou.errors import ConfigError
from duikou.services.document import Gist
from duikou.services.search import Hit
from duikou.web.templating import day, money, num

LABELS_FILE = Path(__file__).with_name("labels.yaml")

__all__ = ["LABELS_FILE", "label", "labels", "groups", "install", "say_fact", "say_hit", "ENUM_GROUPS",
           "enum_group", "TYPE_GROUPS"]

# Which group words each enum property of the schema ((kind, property) -> group); tests/web/test_labels.py
# checks that every enum of schema/facts.yaml is here and every value of it worded.
ENUM_GROUPS = {("regions", "level"): "level", ("pairings", "program"): "program",
               ("pairings", "relation"): "relation", ("people", "role"): "person_role",
               ("events", "type"): "event_type", ("amounts", "role"): "money_role", ("counts", "role"): "count_role"}
# Which group words a fact's ``type`` (Gist.type), by kind.
TYPE_GROUPS = {"regions": "level", "pairings": "program", "people": "person_role", "events": "event_type",
               "amounts": "money_role", "counts": "count_role"}


def enum_group(kind: str, prop: str) -> str | None:
    """The group that words property ``prop`` of a ``kind`` fact, None when it is no enum."""
    return ENUM_GROUPS.get((kind, prop))


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """labels.yaml as {group: {value: word}}, checked once (a broken file is a ConfigError, not a page)."""
    try:
        raw = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{LABELS_FILE}: cannot read the web app's labels: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{LABELS_FILE}: expected groups of value: word")
    table: dict[str, dict[str, str]] = {}
    for group, words in raw.items():
        if not isinstance(words, dict) or not all(isinstance(w, str) for w in words.values()):
            raise ConfigError(f"{LABELS_FILE}: group {group!r} must map values to words")
        # YAML reads yes/no/on/off and numbers as other types: the ledger's values are compared as text
        table[str(group)] = {str(k): v for k, v in words.items()}
    return table


def groups() -> tuple[str, ...]:
    """The groups labels.yaml has."""
    return tuple(_table())


def labels(group: str) -> dict[str, str]:
    """Every value of ``group`` and its word, in the file's order (a copy; an unknown group: ConfigError,
    so a misspelt group fails in the tests rather than showing raw values)."""
    table = _table()
    if group not in table:
        raise ConfigError(f"no label group {group!r} in {LABELS_FILE.name} (groups: {', '.join(table)})")
    return dict(table[group])


def label(group: str, value: Any) -> str:
    """What ``value`` of ``group`` is called; the value itself (as text) when the group has no word for
    it, "" for None."""
    if value is None:
        return ""
    table = _table()
    if group not in table:
        raise ConfigError(f"no label group {group!r} in {LABELS_FILE.name} (groups: {', '.join(table)})")
    text = str(value)
    return table[group].get(text, text)


def _label_filter(value: Any, group: str) -> str:
    return label(group, value)


def install(env: jinja2.Environment) -> None:
    """Give ``env`` the filters ``label`` (``value | label(group)``) and ``say_fact`` (``fact.gist | say_fact``)
    and the global ``labels_of(group)``."""
    env.filters["label"] = _label_filter
    env.filters["say_fact"] = say_fact
    env.globals["labels_of"] = labels


def _arrow(left: str | None, right: str | None) -> str:
    """``甲 → 乙`` for the two parties, leaving out an absent one."""
    return f"{left} → {right}" if left and right else left or (f"→ {right}" if right else "")


def _join(*parts: str | None, sep: str = "，") -> str:
    return sep.join(p for p in parts if p)


def say_fact(g: Gist) -> str:
    """A fact in a few Chinese words, for a fact list or a tooltip (its kind is shown beside it):
    ``甲县 → 乙县，东西部协作，2021年起``, ``捐赠 约150万元，甲县 → 乙县（累计）``."""
    kind_type = label(TYPE_GROUPS[g.kind], g.type) if g.kind in TYPE_GROUPS else g.type
    if g.kind == "regions":
        inside = _join(g.code, kind_type)
        return (g.name or g.code or "") + (f"（{inside}）" if inside and g.name else "")
    if g.kind == "pairings":
        return _join(_arrow(g.left, g.right), kind_type, g.since and f"{g.since}年起", label("relation", g.relation))
    if g.kind == "people":
        about = "、".join(g.titles) or kind_type
        return _join((g.name or "") + (f"（{about}）" if about else ""), g.where)
    if g.kind == "events":
        return _join(kind_type, g.date and day(g.date), _arrow(g.left, g.right))
    if g.kind == "agreements":
        return _join(g.name and f"《{g.name}》", g.date and day(g.date))
    if g.kind in ("amounts", "counts"):
        approx = "约" if "approx" in g.flags else ""
        figure = money(g.value) if g.kind == "amounts" else num(g.value) + (g.unit or "")
        flags = "、".join(label("money_flag", f) for f in g.flags if f != "approx")
        return _join(_join(kind_type, approx + figure, sep=" "), _arrow(g.left, g.right)) + (f"（{flags}）" if flags else "")
    return "，".join(f"{label('field', k)}：{v}" for k, v in g.other)


def _mentions(counts: dict[str, int]) -> str:
    """``结对关系 2 条、活动 5 条``: how many ledger rows of each kind name a region or party."""
    return "、".join(f"{label('kind', k)} {n} 条" for k, n in counts.items() if n)


def say_hit(hit: Hit) -> str:
    """What a search hit is, in Chinese (its kind is the heading of its group): a region's level, where it
    lies and what the ledger has of it; a pairing's programme, year and reports; a person's titles..."""
    a = hit.about
    if hit.kind == "region":
        inside = f"下辖 {a.units} 个地区有记录" if a.units else ""
        return _join(label("level", a.level), " ".join(a.place), _mentions(a.mentions), inside)
    if hit.kind == "party":
        return _mentions(a.mentions)
    if hit.kind == "pairing" and a.sources is not None:
        return _join(label("program", a.program), f"{a.since}年起" if a.since else None, label("relation", a.relation),
                     f"{a.sources} 篇报道")
    if hit.kind == "person" and (a.titles or a.role or a.where):
        return _join("、".join(a.titles) or label("person_role", a.role), a.where)
    if hit.kind == "agreement" and (a.date or a.parties):
        return _join(a.date and day(a.date), "、".join(a.parties))
    if hit.kind == "document":
        return _join(a.published and day(a.published), a.outlet, a.side and f"{label('side', a.side)}报道",
                     label("doc_status", a.status))
    return f"编号 {hit.key}"  # found by its id: nothing more is known here
