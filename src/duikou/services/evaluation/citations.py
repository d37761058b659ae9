"""The sources behind an entity as citations, and the wording a figure is told in (what an indicator's
``words`` and a count's cumulative words are looked for in).

A report's figure is worded by its clause: the text from the comma, semicolon or full stop before the
number to the one after it ("今年选派教师20名赴结对县支教"), not the whole sentence, which
often lists several figures. A figure from no text (an imported row, a manual entry) is worded by its
source's title and sheet and what its fact names as its producer (an importer may name the column the
figure was read from: 挂职干部（名）).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from duikou.reference import vocab
from duikou.services.evaluation.model import Citation
from duikou.services.evaluation.rows import FactRef

# The marks a clause ends at (the enumeration comma 、 does not: it lists within a clause).
_CLAUSE_END = re.compile(r"[，,；;。！!？?\n]")


def clause(text: str, start: int, end: int) -> tuple[str, str]:
    """``(whole, before)``: the clause of ``text`` holding ``text[start:end]``, and its part before it."""
    head = 0
    for m in _CLAUSE_END.finditer(text, max(0, start - 200), start):
        head = m.end()
    after = _CLAUSE_END.search(text, end)
    tail = after.start() if after else len(text)
    return text[head:tail], text[head:start]


@lru_cache(maxsize=1)
def cumulative_words() -> tuple[str, ...]:
    """The words that make a figure a running total (quantity_roles.yaml ``cumulative``: 累计, 共计…)."""
    return vocab.words("quantity_roles", "cumulative")


def wording(facts: Iterable[FactRef], docs: dict[int, dict[str, Any]], texts: dict[int, str],
            ) -> list[tuple[str, str]]:
    """``(whole, before)`` of each fact's clause (a source without text: its title, sheet and the fact's
    producer, twice)."""
    out: list[tuple[str, str]] = []
    for f in facts:
        text = texts.get(f.document)
        if text is not None and f.start is not None and f.end is not None and 0 <= f.start <= f.end <= len(text):
            out.append(clause(text, f.start, f.end))
            continue
        doc = docs.get(f.document, {})
        label = " ".join(str(v) for v in (doc.get("title"), (doc.get("citation") or {}).get("sheet"), f.extractor)
                         if v)
        out.append((label, label))
    return out


def citation(f: FactRef, doc: dict[str, Any]) -> Citation:
    """The citation of fact ``f`` of source ``doc`` (a ``documents`` row as :mod:`rows` reads it)."""
    cited = doc.get("citation") or {}
    provenance = str(doc.get("provenance") or "extracted")
    published = doc.get("published")
    if provenance == "manual" and not published and doc.get("first_seen"):
        published = str(doc["first_seen"])[:10]  # the day it was entered
    return Citation(
        key=f"{f.document}:{f.id}", provenance=provenance, document=f.document, fact=f.id,
        side=str(doc.get("side") or "unknown"), source=str(doc.get("source")), published=published,
        outlet=doc.get("outlet"), title=doc.get("title"), url=doc.get("url"),
        quote=f.quote if provenance == "extracted" else None,
        file=cited.get("file"), sheet=cited.get("sheet"), row=cited.get("row"), author=cited.get("author"))


def citations(facts: Iterable[FactRef], docs: dict[int, dict[str, Any]]) -> tuple[Citation, ...]:
    """One citation per source behind an entity (its first fact there), earliest published first."""
    first: dict[int, FactRef] = {}
    for f in facts:
        if f.document in docs and f.document not in first:
            first[f.document] = f
    out = [citation(f, docs[d]) for d, f in first.items()]
    return tuple(sorted(out, key=lambda c: (c.published or "9999", c.document, c.fact)))


__all__ = ["clause", "cumulative_words", "wording", "citation", "citations"]
