"""Per-document working state shared by the extractors of one run."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from duikou.ingest.document import Document
from duikou.schema.records import Evidence

# Sentence ends: Chinese and ASCII terminators, and line breaks (headlines,
# captions and list items are lines without a full stop).
# One match per sentence: leading whitespace (line breaks included) is skipped, then the
# characters up to a terminator run (with a closing quote) or up to a line break. One regex
# pass instead of a Python loop per sentence edge (~3x faster); only trailing whitespace
# before a line break is left to strip.
_ENDS, _CLOSERS = "。！？!?；;", r"”’」』\"'"
_SENTENCE = re.compile(rf"\s*([^{_ENDS}\n]*(?:[{_ENDS}]+[{_CLOSERS}]?)?)")
# Where a sentence ends inside a line (a terminator run and its closing quote): a document too large
# to extract whole is cut there when no line break is near (see :mod:`duikou.extract.pieces`).
SENTENCE_END = re.compile(rf"[{_ENDS}]+[{_CLOSERS}]?")


# How far from a position "elsewhere in the report" reaches (a name printed again, a list's other
# items): far past any news report (crawl reports run to ~20 000 characters), so a report reads as a
# whole, but bounded, so a 50 MB document with no report boundaries costs linear time, not quadratic.
NEAR = 40_000


def near(pos: int, length: int) -> tuple[int, int]:
    """The window of the text (of ``length`` characters) that counts as the same report as ``pos``."""
    return max(0, pos - NEAR), min(length, pos + NEAR)


def evidence_json(e: Evidence) -> dict[str, Any]:
    """Evidence as the contract prints it (the JSONL writer's, not the ledger's)."""
    return {"start": e.start, "end": e.end, "quote": e.quote}


@dataclass
class Fact:
    """One extracted fact of a contract category, with its evidence."""

    kind: str
    data: dict[str, Any]
    evidence: Evidence
    extractor: str
    version: str
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        out = dict(self.data)
        out["evidence"] = evidence_json(self.evidence)
        out["extractor"] = f"{self.extractor}@{self.version}"
        out["confidence"] = round(self.confidence, 3)
        return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence; whitespace at the edges is excluded."""
    out: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        start, end = m.span(1)
        if start != end:
            if text[end - 1].isspace():  # \s and str.isspace are the same class
                end = start + len(m.group(1).rstrip())
            out.append((start, end))
    return out


def headline_end(text: str, title: str | None) -> int:
    """End of the headline when ``text`` starts with ``title`` (line breaks may stand for spaces), else 0."""
    if not title:
        return 0
    if text.startswith(title):
        return len(title)  # the usual case, one C call
    i = 0
    n = len(text)
    for ch in title:
        if ch.isspace():
            continue
        while i < n and text[i].isspace():
            i += 1
        if i >= n or text[i] != ch:
            return 0
        i += 1
    return i


class Context:
    """What the extractors of one document read and add.

    ``layers`` holds intermediate mentions by name (see
    :mod:`duikou.extract.mentions`); ``facts`` holds the contract's
    categories. Extractors run in dependency order (see the registry), so a
    layer is complete when a later extractor reads it. What one extractor
    leaves for another is always a layer or fact kind it declares (the
    registry checks); ``memo`` only keeps values derived from them, so they
    are computed once per document.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.sentences = split_sentences(doc.text)
        self._sent_starts = [s for s, _ in self.sentences]
        self.layers: dict[str, list[Any]] = {}
        self.facts: dict[str, list[Fact]] = {}
        # Values derived from the text and the layers, each under the name of what computes it: a cache,
        # never a channel between extractors (anything here can be computed again from the layers).
        self.memo: dict[str, Any] = {}

    @property
    def headline_end(self) -> int:
        """Where the headline ends in the text (0 when the text does not start with the title)."""
        if "_headline_end" not in self.memo:
            self.memo["_headline_end"] = headline_end(self.text, self.doc.title)
        return int(self.memo["_headline_end"])

    # -- layers -------------------------------------------------------------
    def layer(self, name: str) -> list[Any]:
        return self.layers.setdefault(name, [])

    def first(self, name: str) -> Any:
        """The first item of layer ``name``, None when it has none (``main_pairing`` holds at most one)."""
        items = self.layers.get(name)
        return items[0] if items else None

    # -- sentences ----------------------------------------------------------
    # These run for every mention and fact of every extractor: written without nested calls
    # or max() (same results as sentence_at(start) .. sentence_at(max(start, end - 1))).
    def sentence_index(self, pos: int) -> int:
        i = bisect_right(self._sent_starts, pos) - 1
        return i if i > 0 else 0

    def sentence_at(self, pos: int) -> tuple[int, int]:
        if not self.sentences:
            return (0, len(self.text))
        i = bisect_right(self._sent_starts, pos) - 1
        return self.sentences[i if i > 0 else 0]

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for ``text[start:end]``: the span and the sentence(s) around it."""
        sents = self.sentences
        if not sents:
            return Evidence(start, end, self.text)
        starts = self._sent_starts
        i = bisect_right(starts, start) - 1
        last = end - 1 if end - 1 > start else start
        j = bisect_right(starts, last, i if i > 0 else 0) - 1
        return Evidence(start, end, self.text[sents[i if i > 0 else 0][0]:sents[j if j > 0 else 0][1]])

    # -- facts --------------------------------------------------------------
    def add(self, kind: str, data: dict[str, Any], start: int, end: int, extractor: str,
            version: str, confidence: float = 1.0) -> Fact:
        fact = Fact(kind, data, self.evidence(start, end), extractor, version, confidence)
        self.facts.setdefault(kind, []).append(fact)
        return fact
