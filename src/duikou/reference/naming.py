"""How a region's official name shortens: 恩施土家族苗族自治州 -> 恩施州, 恩施; 四川省 -> 四川.

The rules are ``data/region_aliases.yaml`` (:class:`~duikou.reference.region_data.NamingRules`);
the gazetteer derives its surfaces with them, and the ledger its short names, so that both
read a name the same way.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Literal

from duikou.reference import region_data
from duikou.reference.region_data import NamingRules

# How a surface names a unit: its official name, a short form that keeps the unit word
# (恩施州, 长阳县) or a province's short name (四川, 广西), or a bare stem (巴东, 恩施).
NameKind = Literal["name", "alias", "stem"]


class Naming:
    """The short forms of official names, by the rules and the ethnic group names."""

    def __init__(self, rules: NamingRules, nations: Iterable[str]):
        self.rules = rules
        forms = set()
        for e in nations:
            forms.add(e)
            bare = e[:-1] if e.endswith("族") else e
            if len(bare) >= rules.ethnic_bare_min_len:
                forms.add(bare)
        forms.update(rules.extra_ethnic)  # 各族 (龙胜各族自治县): no nation of its own
        self._ethnic = sorted(forms, key=len, reverse=True)

    def _strip_ethnic(self, s: str) -> str:
        min_stem = self.rules.min_stem
        changed = True
        while changed:
            changed = False
            for e in self._ethnic:
                if s.endswith(e) and len(s) - len(e) >= min_stem:
                    s = s[: -len(e)]
                    changed = True
                    break
        if s.endswith("族") and s in self._ethnic:  # 鄂温克族(自治旗) -> 鄂温克
            s = s[:-1]
        return s

    def aliases(self, name: str, level: str) -> Iterator[tuple[str, NameKind]]:
        """The official ``name`` of a unit of ``level``, then its short forms, with their kinds."""
        rules = self.rules
        min_stem = rules.min_stem
        yield name, "name"
        if level == "province":
            for suf in rules.province_suffixes:
                if name.endswith(suf) and len(name) - len(suf) >= min_stem:
                    yield name[: -len(suf)], "alias"
                    break
            return
        for suf, word in rules.autonomous_suffixes:
            if name.endswith(suf):
                stem = self._strip_ethnic(name[: -len(suf)])
                if len(stem) >= min_stem:
                    yield stem + word, "alias"
                    yield stem + suf, "alias"  # 紫云自治县: the ethnic names left out, the suffix kept
                    yield stem, "stem"
                return
        for suf in rules.unit_suffixes:
            if name.endswith(suf):
                stem = name[: -len(suf)]
                if len(stem) >= min_stem:
                    yield stem, "stem"
                return


@lru_cache(maxsize=1)
def naming() -> Naming:
    """The process-wide naming rules, read once."""
    return Naming(region_data.rules(), region_data.nations())
