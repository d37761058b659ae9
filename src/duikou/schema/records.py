"""Typed records at the boundary between where facts come from and the ledger.

A report's extraction (:func:`duikou.extract.records.records`), a manual entry or a row of an
imported sheet becomes one :class:`SourceRecord` and a list of :class:`FactRecord`; the ledger stores
these and reads nothing else (no ingest ``Document``, no contract JSON). A source that has no text
(manual, imported) carries a :class:`Citation` instead: the file, sheet and row it came from, or
who entered it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Literal, Mapping, Sequence

from duikou.errors import Problem

Provenance = Literal["extracted", "manual", "imported"]
Side = Literal["helper", "recipient"]
Scope = Literal["document", "passages", "none"]


@dataclass(frozen=True)
class Evidence:
    """Where a fact is said: its span ``[start, end)`` in the report's text and the sentence(s) that hold
    it (``quote``)."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Citation:
    """Where a fact that no report's text holds was taken from: a file's sheet and row (imported), or
    the person who entered it (manual)."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    author: str | None = None

    def __post_init__(self) -> None:
        if not (self.file or self.author):
            raise ValueError("a citation names a file (with its sheet and row) or an author")

    @property
    def provenance(self) -> Provenance:
        return "imported" if self.file else "manual"

    def text(self) -> str:
        """The citation as one line: ``pairs.xlsx, sheet 2023, row 12`` or ``entered by 李明``."""
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.author:
            parts.append(f"entered by {self.author}")
        return ", ".join(p for p in parts if p)

    def fields(self) -> dict[str, Any]:
        """The citation's fields that are set (what the ledger keeps)."""
        return {k: v for k, v in (("file", self.file), ("sheet", self.sheet), ("row", self.row),
                                  ("author", self.author)) if v is not None}


@dataclass(frozen=True)
class TopicVerdict:
    """Whether a report is about paired assistance: the whole of it, only ``passages`` (character spans),
    or none; how sure (``score``) and why (``reason``)."""

    on_topic: bool
    score: float
    reason: str
    scope: Scope
    passages: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class FactRecord:
    """One fact of a source: its kind (``schema/facts.yaml``), its properties, where the text says it
    (None for a source without text) and what produced it."""

    kind: str
    data: Mapping[str, Any]
    evidence: Evidence | None = None
    extractor: str | None = None  # name (the version apart: ``version``)
    version: str | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class SourceRecord:
    """One source of facts: a report read from a file or the web (``extracted``), a manual entry, or an
    imported row, with what the ledger keeps of it.

    ``source`` is what the ledger knows it by (a report's canonical location; a citation's text).
    ``main_pairing`` (helper, recipient) is the report's main standing pairing, decided once by whoever
    made the record (extraction: the most supported); ``side`` says whose account the report is.
    """

    source: str
    body_hash: str
    provenance: Provenance = "extracted"
    citation: Citation | None = None
    path: str | None = None  # the file it was read from (None: stdin, or no file)
    url: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    script: str | None = None
    authors: tuple[str, ...] = ()
    text: str | None = None
    topic: TopicVerdict | None = None  # None: not judged (counts as on topic)
    main_pairing: tuple[str, str] | None = None
    side: Side | None = None
    problems: tuple[Problem, ...] = ()  # what reading or extracting it found wrong

    def __post_init__(self) -> None:
        if self.provenance == "extracted":
            if self.citation is not None:
                raise ValueError(f"{self.source}: an extracted report cites its text, not a citation")
        elif self.citation is None or self.citation.provenance != self.provenance:
            raise ValueError(f"{self.source}: a {self.provenance} record needs a citation naming "
                             + ("its file" if self.provenance == "imported" else "its author"))


def cited_source(citation: Citation, facts: Sequence[FactRecord], published: str | None = None,
                 main_pairing: tuple[str, str] | None = None, title: str | None = None) -> SourceRecord:
    """The source of facts that come from no report: an imported row or a manual entry.

    Its body hash is that of its facts, so the same entry given again is known (unchanged) and a row
    whose values changed replaces what it gave before. An imported row is known by its citation (file,
    sheet, row); a manual entry by its author and its facts' hash (an author's two entries are two).
    Without ``main_pairing``, a source with one standing pairing has that one as its main pairing.
    """
    if main_pairing is None:
        standing = {(f.data.get("helper"), f.data.get("recipient")) for f in facts
                    if f.kind == "pairings" and f.data.get("relation") in (None, "standing")}
        if len(standing) == 1:
            helper, recipient = standing.pop()
            if isinstance(helper, str) and isinstance(recipient, str):
                main_pairing = (helper, recipient)
    h = facts_hash(facts)
    key = citation.text() if citation.provenance == "imported" else f"{citation.text()} ({h[:8]})"
    return SourceRecord(source=key, body_hash=h, provenance=citation.provenance, citation=citation,
                        title=title, published=published, main_pairing=main_pairing)


def facts_hash(facts: Sequence[FactRecord]) -> str:
    """A stable hash of what ``facts`` say (kind and properties, in order), the length of a body hash."""
    said = [(f.kind, sorted((k, repr(v)) for k, v in f.data.items())) for f in facts]
    return hashlib.sha1(repr(said).encode("utf-8")).hexdigest()[:16]
