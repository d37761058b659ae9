"""Regex building blocks that keep the page scans fast; no vocabulary of their own.

A page's headline window and last characters are scanned with alternations of many
words and patterns. Python's re tries every branch at every position, so these
helpers factor the alternations (:func:`trie`, :func:`factor_lookbehinds`) or
scan from the few positions where a match can start (:class:`TailScan`).
"""
from __future__ import annotations

import re
from typing import Any

_LOOKBEHIND = re.compile(r"\(\?<=\[(?:\\.|[^\]\\])*\]\)")


def union(patterns: list[str]) -> re.Pattern[str]:
    """One pattern matching where any of ``patterns`` (regular expressions, tried in order) matches."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def trie(words: list[str]) -> str:
    """An alternation of ``words`` factored by common prefixes, longest match first.

    Python's re tries every branch of a flat alternation at each position; a
    factored one tries a branch only when its first character is there.
    """
    root: dict[str, Any] = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _lookbehind_groups(patterns: list[str]) -> list[tuple[str, str]]:
    """``patterns`` as groups of neighbours opening with the same one-class lookbehind:
    ``(lookbehind or "", alternation of the rest)``, in order."""
    groups: list[tuple[str, list[str]]] = []  # (shared lookbehind or "", bodies)
    for p in patterns:
        m = _LOOKBEHIND.match(p)
        head, body = (m.group(), p[m.end():]) if m else ("", p)
        if head and groups and groups[-1][0] == head:
            groups[-1][1].append(body)
        else:
            groups.append((head, [body]))
    return [(head, "|".join(f"(?:{b})" for b in bodies)) for head, bodies in groups]


def factor_lookbehinds(patterns: list[str]) -> str:
    """The alternation of ``patterns``, neighbours opening with the same one-class lookbehind sharing it.

    ``(?<=[。！？])A|(?<=[。！？])B`` becomes ``(?<=[。！？])(?:A|B)``: the same matches in the same
    order, but the regex engine tests the lookbehind once per position instead of once per
    alternative (the credit and footer patterns scan every page's last lines: ~5x faster).
    """
    return "|".join(f"{head}(?:{body})" for head, body in _lookbehind_groups(patterns))


class TailScan:
    """The spans of ``re.compile(factor_lookbehinds(patterns)).finditer(s, pos)``, found faster.

    A group opening with a lookbehind ``(?<=[X])`` makes the regex engine enter the pattern
    at every position. Scanned instead as ``[X](?=(?P<body>...))`` (it opens with a class, so
    the engine skips in C to the next X character) it yields every position where the group
    matches, each with its end; a group without a lookbehind is searched as it is. The spans of
    finditer follow: from ``pos``, the leftmost start of any group (the first group on a tie, as
    the alternation tries them in order), then on from its end. ~2x faster on page tails.
    """

    def __init__(self, patterns: list[str]):
        self.plain = re.compile(factor_lookbehinds(patterns))
        self.groups: list[tuple[bool, re.Pattern[str]]] = []  # (opens with a lookbehind, scanner)
        for head, body in _lookbehind_groups(patterns):
            if head:
                self.groups.append((True, re.compile(f"[{head[5:-2]}](?=(?P<body>{body}))")))
            else:
                self.groups.append((False, re.compile(body)))

    def _candidates(self, s: str, pos: int) -> list[list[tuple[int, int]]]:
        """Per group, its candidate spans in order: every start for a lookbehind group (the scan
        consumes only the lookbehind's character), the first match for the others."""
        pending: list[list[tuple[int, int]]] = []
        for behind, rx in self.groups:
            if behind:
                pending.append([m.span("body") for m in rx.finditer(s, max(0, pos - 1)) if m.start("body") >= pos])
            else:
                m = rx.search(s, pos)
                pending.append([m.span()] if m else [])
        return pending

    def spans(self, s: str, pos: int) -> list[tuple[int, int]]:
        pending = self._candidates(s, pos)
        out: list[tuple[int, int]] = []
        nxt = pos
        heads = [0] * len(pending)
        while True:
            best = None
            for g, (behind, rx) in enumerate(self.groups):
                cands = pending[g]
                k = heads[g]
                while k < len(cands) and cands[k][0] < nxt:
                    k += 1
                heads[g] = k
                if k == len(cands) and not behind and cands:  # its match was skipped past: search on
                    m = rx.search(s, nxt)
                    cands[:] = [m.span()] if m else []
                    heads[g] = k = 0
                if k < len(cands) and (best is None or cands[k][0] < best[0]):
                    best = cands[k]
            if best is None:
                return out
            if best[0] == best[1]:  # an empty match: finditer's own rules for those, from the start
                return [m.span() for m in self.plain.finditer(s, pos)]
            out.append(best)
            nxt = best[1]
