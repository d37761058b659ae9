"""A document too large to extract whole, extracted in pieces.

The working state of one extraction (sentences, mention layers, notes) costs
about twenty times the text it reads, so a 50 MB one-line page would need a
gigabyte. A document longer than :data:`PIECE_CHARS` characters is cut into
pieces at line breaks, else at sentence ends (never inside a sentence, so
every piece splits into the same sentences as the whole text there); each
piece is extracted as a document of its own and dropped, and its facts are
merged back with their spans moved into the whole text. Memory then holds the
text and the facts, plus one piece's working state.

A piece reads as a report of its own: "elsewhere in the report" stops at its
edges and it gets its own topic verdict (the headline belongs to the first).
Reports run to a few thousand characters; a piece holds a hundred of them.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from duikou.extract.context import SENTENCE_END, Fact
from duikou.schema.records import Evidence
from duikou.extract.relevance import Topic
from duikou.ingest.document import Document

# Far above any single report (the longest real ones run to ~8 000 characters), so a report is always
# extracted whole; small enough that one piece's working state (~60 bytes a character) stays near 12 MB.
PIECE_CHARS = 200_000


def cut(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces covering ``text``, each at most ``size`` characters long
    unless one sentence is longer.

    A piece ends after the last line break in the second half of its reach, else after the last
    sentence end there, else after the first sentence end or line break beyond it (the text's end
    when there is none).
    """
    out: list[tuple[int, int]] = []
    n, start = len(text), 0
    while n - start > size:
        lo, hi = start + max(1, size // 2), start + size
        end = text.rfind("\n", lo, hi) + 1
        if not end:
            # A run that reaches ``hi`` may go on past it: only runs that end before it are whole.
            ends = [m.end() for m in SENTENCE_END.finditer(text, lo, hi) if m.end() < hi]
            end = ends[-1] if ends else _next_boundary(text, hi)
        out.append((start, end))
        start = end
    if start < n or not out:
        out.append((start, n))
    return out


def _next_boundary(text: str, pos: int) -> int:
    """Just past the first line break or sentence end at or after ``pos`` (the text's end if none)."""
    m = SENTENCE_END.search(text, pos)
    k = text.find("\n", pos, m.start() if m else len(text))
    if k >= 0:
        return k + 1
    return m.end() if m else len(text)


def pieces(doc: Document, size: int = PIECE_CHARS) -> Iterator[tuple[int, Document]]:
    """Each piece of ``doc`` as ``(offset in doc.text, document)``, made only when it is read.

    Every piece keeps the report's metadata (its date dates the piece's facts); only the first
    keeps the title, which heads the text there. The report's own problems stay with the report.
    """
    for i, (start, end) in enumerate(cut(doc.text, size)):
        yield start, Document(source=doc.source, text=doc.text[start:end], title=doc.title if i == 0 else None,
                              published=doc.published, outlet=doc.outlet, authors=list(doc.authors),
                              script=doc.script, url=doc.url, encoding=doc.encoding, key=doc.key, path=doc.path)


def shifted(facts: list[Fact], offset: int) -> list[Fact]:
    """``facts`` with their evidence spans moved by ``offset`` (a piece's place in the whole text)."""
    if not offset:
        return facts
    return [dataclasses.replace(f, evidence=Evidence(f.evidence.start + offset, f.evidence.end + offset,
                                                     f.evidence.quote)) for f in facts]


def merge_topics(parts: list[tuple[int, int, Topic]]) -> Topic:
    """The verdict on the whole text from its pieces' ``(start, end, verdict)``.

    On topic when a piece is; whole when every piece is; else the on-topic passages of every piece
    (a piece on topic as a whole is one passage). The score and reason are the strongest piece's
    (among the pieces on topic, when there are); what the gate withheld adds up.
    """
    on = [p for p in parts if p[2].on_topic]
    best = max(on or parts, key=lambda p: p[2].score)[2]
    withheld: dict[str, int] = {}
    for _, _, t in parts:
        for kind, n in t.withheld.items():
            withheld[kind] = withheld.get(kind, 0) + n
    if not on:
        return Topic(False, best.score, best.reason, withheld=withheld)
    if len(on) == len(parts) and all(t.whole for _, _, t in parts):
        return Topic(True, best.score, best.reason, whole=True, withheld=withheld)
    spans: list[tuple[int, int]] = []
    for start, end, t in on:
        for s, e in ((start, end),) if t.whole else ((start + s, start + e) for s, e in t.passages):
            if spans and spans[-1][1] == s:  # a whole piece runs on into the next piece's passage
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
    return Topic(True, best.score, best.reason, passages=tuple(spans), withheld=withheld)
