"""Run the registered extractors over one document and shape the contract record."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from duikou.errors import Problem
from duikou.extract.context import Context, Fact, evidence_json
from duikou.extract.pieces import PIECE_CHARS, merge_topics, pieces, shifted
from duikou.extract.relevance import NO_CUE, Topic, gate, judge_context
from duikou.extract.registry import Extractor, ordered
from duikou.ingest.document import Document
from duikou.schema import FACT_KINDS, fact_types

# Modules that register extractors when imported. One module per fact kind.
EXTRACTOR_MODULES = (
    "duikou.extract.regions",
    "duikou.extract.dates",
    "duikou.extract.quantities",
    "duikou.extract.people",
    "duikou.extract.pairings",
    "duikou.extract.events",
    "duikou.extract.agreements",
    "duikou.extract.flows",
)

_loaded = False


def load_extractors() -> list[Extractor]:
    """Import every extractor module once and return the run order."""
    global _loaded
    if not _loaded:
        for mod in EXTRACTOR_MODULES:
            importlib.import_module(mod)
        _loaded = True
    return ordered()


@dataclass
class Extraction:
    """The facts of one document, plus the context they were built in."""

    doc: Document
    facts: dict[str, list[Fact]]
    problems: list[Problem] = field(default_factory=list)  # extractors that failed (the document's own: doc.problems)
    context: Context | None = None
    topic: Topic | None = None
    # Pairings judged relief or one-off donations (not the programme's standing pairings): kept out of
    # ``facts["pairings"]`` and printed apart, under "relations" (see ``relation`` in schema/facts.yaml).
    relations: list[Fact] = field(default_factory=list)
    # The main pairing (helper, recipient) as the pairings extractor decided it (the most supported); the
    # ledger stores it (see duikou.extract.records), never deciding again.
    main_pairing: tuple[str, str] | None = None

    def to_contract(self, source: str | None = None) -> dict[str, Any]:
        """The record of ``duikou extract --format jsonl`` (../shared/spec/extraction-output.md)."""
        d = self.doc
        out: dict[str, Any] = {
            "source": source if source is not None else d.source,
            "doc": {"title": d.title, "published": d.published, "outlet": d.outlet, "script": d.script,
                    "topic": (self.topic or Topic(False, 0.0, "not judged")).to_json()},
        }
        types = fact_types()
        for kind in FACT_KINDS:
            names = types[kind].always
            rows = []
            for f in self.facts.get(kind, []):
                row = {n: f.data.get(n) for n in names}
                for k, v in f.data.items():  # extra keys are allowed by the contract
                    if k not in row:
                        row[k] = v
                # Fact.to_json's last three keys, without its copy of ``data`` (this runs for every fact).
                row["evidence"] = evidence_json(f.evidence)
                row["extractor"] = f"{f.extractor}@{f.version}"
                row["confidence"] = round(f.confidence, 3)
                rows.append(row)
            out[kind] = rows
        if "relation" in types["pairings"].names:
            for row in out["pairings"]:
                row["relation"] = row.get("relation") or STANDING
        out["relations"] = [{**{n: f.data.get(n) for n in types["pairings"].names}, **f.to_json()}
                            for f in self.relations]
        # The strings the contract has always had: a document problem by its reason (the record names the
        # source), an extractor failure with its source.
        out["problems"] = [p.reason for p in d.problems] + [str(p) for p in self.problems]
        return out


def extract_document(doc: Document, extractors: list[Extractor] | None = None,
                     piece_chars: int | None = None, on_topic_only: bool = False) -> Extraction:
    """Run every extractor over ``doc``, then judge its relevance and gate the programme's facts.

    An extractor that fails is recorded, the rest go on. The gate runs here,
    once, after every extractor: the programme's facts found outside the
    on-topic parts of the document are removed (see :mod:`duikou.extract.relevance`).
    A document longer than ``piece_chars`` (default :data:`~duikou.extract.pieces.PIECE_CHARS`)
    is extracted in pieces, so memory does not grow with it (see :func:`extract_pieces`).
    ``on_topic_only``: keep only the facts of the on-topic parts (what the ledger stores; see
    :func:`on_topic_facts`), dropped piece by piece so a huge document never holds the rest.
    """
    exs = extractors if extractors is not None else load_extractors()
    size = PIECE_CHARS if piece_chars is None else piece_chars
    if len(doc.text) > size:
        return extract_pieces(doc, exs, size, on_topic_only)
    whole = _extract_whole(doc, exs)
    return on_topic_facts(whole) if on_topic_only else whole


def on_topic_facts(extraction: Extraction) -> Extraction:
    """``extraction`` with only the facts that lie (partly) in an on-topic part of its document: every
    fact when it is on topic as a whole, none when it is off topic."""
    topic = extraction.topic
    if topic is None or topic.whole:
        return extraction
    covers = topic.covers if topic.on_topic else (lambda _s, _e: False)
    extraction.facts = {kind: [f for f in found if covers(f.evidence.start, f.evidence.end)]
                        for kind, found in extraction.facts.items()}
    extraction.relations = [f for f in extraction.relations if covers(f.evidence.start, f.evidence.end)]
    return extraction


def _extract_whole(doc: Document, extractors: list[Extractor]) -> Extraction:
    ctx = Context(doc)
    problems: list[Problem] = []
    # The verdict reads the text only. A report without a single programme cue keeps none of the
    # programme-only facts (pairings, relations, agreements: all dropped by the gate), so their
    # extractors are not run for it.
    topic = judge_context(ctx)
    skip = _PROGRAMME_ONLY if topic.reason == NO_CUE else ()
    for ex in extractors:
        if ex.name in skip:
            continue
        try:
            ex(ctx)
        except Exception as err:  # noqa: BLE001 - one bad extractor must not lose the document
            problems.append(Problem(doc.source, f"extractor {ex.name} failed: {type(err).__name__}: {err}"))
    gate(ctx.facts, topic, ctx)
    main = ctx.first("main_pairing")
    return Extraction(doc, ctx.facts, problems, ctx, topic, _relations(ctx, topic),
                      (main[0], main[1]) if main else None)


def extract_pieces(doc: Document, extractors: list[Extractor], piece_chars: int,
                   on_topic_only: bool = False) -> Extraction:
    """``doc`` extracted piece by piece (:mod:`duikou.extract.pieces`): the facts of each piece as a
    document of its own, spans moved into ``doc.text``. Each piece's working state is dropped before
    the next is read; the result has no context."""
    facts: dict[str, list[Fact]] = {}
    problems: list[Problem] = []
    relations: list[Fact] = []
    topics: list[tuple[int, int, Topic]] = []
    main: tuple[str, str] | None = None
    for offset, piece in pieces(doc, piece_chars):
        part = _extract_whole(piece, extractors)
        if on_topic_only:
            part = on_topic_facts(part)
        for kind, found in part.facts.items():
            facts.setdefault(kind, []).extend(shifted(found, offset))
        relations += shifted(part.relations, offset)
        main = main or part.main_pairing  # the first piece's: no weights are kept across pieces
        problems += [p for p in part.problems if p not in problems]  # one failure, not one per piece
        assert part.topic is not None
        topics.append((offset, offset + len(piece.text), part.topic))
    return Extraction(doc, facts, problems, None, merge_topics(topics), relations, main)


STANDING = "standing"
_PROGRAMME_ONLY = ("pairings", "agreements")


def _relations(ctx: Context, topic: Topic) -> list[Fact]:
    """The relief and donation pairings the pairings extractor set apart, from on-topic parts only
    (like the standing pairings: a crawl's flood relief story is not the programme's)."""
    from duikou.extract.pairings import NAME, VERSION

    out: list[Fact] = []
    for o in ctx.layers.get("relations", []):
        start, end = int(o["start"]), int(o["end"])
        if not topic.covers(start, end):
            topic.withheld["relations"] = topic.withheld.get("relations", 0) + 1
            continue
        data = {"helper": o["helper"], "recipient": o["recipient"], "program": "unspecified", "since": None,
                "known": None, "relation": o["relation"]}
        out.append(Fact("pairings", data, ctx.evidence(start, end), NAME, VERSION, 0.75))
    return out
