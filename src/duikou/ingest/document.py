"""The document model every later stage reads: clean text, metadata, offsets."""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal

from duikou.errors import Problem

Script = Literal["hans", "hant"]


@dataclass
class OffsetMap:
    """Maps positions in the clean text back to positions in the raw (decoded) text.

    Stored as breakpoints: from ``clean[i]`` on, clean position ``p`` maps to
    ``raw[i] + (p - clean[i])`` until the next breakpoint. Cleaning deletes
    and rewrites runs of text, so a handful of breakpoints per document is
    enough and memory stays flat on 50 MB inputs.
    """

    clean: list[int] = field(default_factory=lambda: [0])
    raw: list[int] = field(default_factory=lambda: [0])

    def add(self, clean_pos: int, raw_pos: int) -> None:
        """Declare that clean position ``clean_pos`` comes from raw ``raw_pos``."""
        if self.clean and self.clean[-1] == clean_pos:
            self.raw[-1] = raw_pos
            return
        self.clean.append(clean_pos)
        self.raw.append(raw_pos)

    def to_raw(self, pos: int) -> int:
        i = bisect_right(self.clean, pos) - 1
        if i < 0:
            return pos
        return self.raw[i] + (pos - self.clean[i])

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span covering clean ``[start, end)``."""
        if end <= start:
            r = self.to_raw(start)
            return r, r
        return self.to_raw(start), self.to_raw(end - 1) + 1

    @classmethod
    def identity(cls) -> "OffsetMap":
        return cls()


@dataclass
class Document:
    """One report after ingestion.

    ``text`` is the clean, normalised body (simplified script, boilerplate
    removed, full-width digits and letters folded to ASCII) that every
    extractor reads and every evidence span points into. ``raw`` is the
    decoded input before cleaning; ``offsets`` maps ``text`` back to it.
    """

    source: str
    text: str
    raw: str = ""
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    script: Script = "hans"
    url: str | None = None
    encoding: str | None = None
    problems: list[Problem] = field(default_factory=list)  # what reading it found wrong (none fatal)
    offsets: OffsetMap = field(default_factory=OffsetMap.identity)
    copies: list[str] = field(default_factory=list)  # sources of duplicates folded into this one
    # Identity in the ledger (None: ``source``): the resolved absolute path of a file, a JSONL record's
    # own id or URL (else its content hash) within its file, a WARC record's URI; ``path`` is the
    # resolved absolute file it was read from (None for stdin), so a report whose file is gone is found.
    key: str | None = None
    path: str | None = None

    @property
    def identity(self) -> str:
        """What the ledger knows this report by: ``key`` when the reader set one, else ``source``."""
        return self.key or self.source

    @property
    def id(self) -> str:
        """A stable id: hash of the normalised body (computed once per text: the ledger asks for it
        for every fact it stores, and hashing a 50 MB text each time made a build quadratic)."""
        cached = self.__dict__.get("_id_cache")
        if cached is not None and cached[0] is self.text:
            return str(cached[1])
        h = body_hash(self.text)
        self.__dict__["_id_cache"] = (self.text, h)
        return h

    def to_json(self) -> dict[str, Any]:
        """The ``duikou ingest --format jsonl`` record."""
        out: dict[str, Any] = {
            "source": self.source,
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "authors": self.authors,
            "script": self.script,
            "url": self.url,
            "text": self.text,
            "problems": [p.reason for p in self.problems],  # the record names its source
        }
        if self.copies:
            out["copies"] = self.copies
        return out


def body_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
