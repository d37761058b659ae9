"""The one lookup service for vocabularies and reference data in ``duikou/reference/data``.

Each vocabulary is a YAML file ``data/<name>.yaml``; it is parsed once per
process. Modules ask for what they need by name instead of keeping word
lists in code.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import yaml

from duikou.errors import ConfigError
from duikou.settings import DATA_DIR


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed content of ``data/<name>.yaml``."""
    path = DATA_DIR / f"{name}.yaml"
    try:
        with open(path, encoding="utf-8") as fh:
            # libyaml's loader when present: the pure-Python one costs ~0.5 s on the registry
            return yaml.load(fh, Loader=_LOADER)
    except FileNotFoundError:
        raise ConfigError(f"vocabulary {name!r} not found at {path}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ConfigError(f"{where}: not valid YAML ({getattr(err, 'problem', None) or type(err).__name__})") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot be read ({err})") from None


def words(name: str, key: str | None = None) -> tuple[str, ...]:
    """A list vocabulary (or the list under ``key``) as a tuple, longest entries first."""
    data = load(name)
    if key is not None:
        data = data[key]
    return tuple(sorted((str(w) for w in data), key=lambda w: (-len(w), w)))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped, deduplicated, longest first (so the longest word wins)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
