"""The sources behind an entity as citations: a report's sentence, a spreadsheet's row, a manual entry."""
from __future__ import annotations

from typing import Any, Iterable

from duikou.services.evaluation.model import Citation
from duikou.services.evaluation.rows import FactRef


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


__all__ = ["citation", "citations"]
