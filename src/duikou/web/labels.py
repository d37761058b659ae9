"""The words the web app shows for the ledger's values, read from ``web/labels.yaml`` (the one place they
are kept: a page, a route or a template never spells them).

``label(group, value)`` is what a value is called (``label("program", "east_west") == "东西部协作"``), the
value itself when the group has no word for it, "" for None. ``labels(group)`` is the whole group (the
choices of a filter). :func:`install` gives a Jinja2 environment the filter ``label``
(``{{ row.program | label("program") }}``) and the global ``labels_of`` (:func:`labels`).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from duikou.errors import ConfigError

LABELS_FILE = Path(__file__).with_name("labels.yaml")

__all__ = ["LABELS_FILE", "label", "labels", "groups", "install"]


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
    """Give ``env`` the filter ``label`` (``value | label(group)``) and the global ``labels_of(group)``."""
    env.filters["label"] = _label_filter
    env.globals["labels_of"] = labels
