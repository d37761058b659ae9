"""Run the registered extractors over one document and shape the contract record."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from duikou.extract.context import Context, Fact
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
    problems: list[str] = field(default_factory=list)
    context: Context | None = None
    topic: Topic | None = None
    # Pairings judged relief or one-off donations (not the programme's standing pairings): kept out of
    # ``facts["pairings"]`` and printed apart, under "relations" (see ``relation`` in schema/facts.yaml).
    relations: list[Fact] = field(default_factory=list)

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
            names = types[kind].names
            rows = []
            for f in self.facts.get(kind, []):
                row = {n: f.data.get(n) for n in names}
                for k, v in f.data.items():  # extra keys are allowed by the contract
                    if k not in row:
                        row[k] = v
                # Fact.to_json's last three keys, without its copy of ``data`` (this runs for every fact).
                row["evidence"] = f.evidence.to_json()
                row["extractor"] = f"{f.extractor}@{f.version}"
                row["confidence"] = round(f.confidence, 3)
                rows.append(row)
            out[kind] = rows
        if "relation" in types["pairings"].names:
            for row in out["pairings"]:
                row["relation"] = row.get("relation") or STANDING
        out["relations"] = [{**{n: f.data.get(n) for n in types["pairings"].names}, **f.to_json()}
                            for f in self.relations]
        out["problems"] = list(d.problems) + self.problems
        return out


def extract_document(doc: Document, extractors: list[Extractor] | None = None) -> Extraction:
    """Run every extractor over ``doc``, then judge its relevance and gate the programme's facts.

    An extractor that fails is recorded, the rest go on. The gate runs here,
    once, after every extractor: the programme's facts found outside the
    on-topic parts of the document are removed (see :mod:`duikou.extract.relevance`).
    """
    ctx = Context(doc)
    problems: list[str] = []
    # The verdict reads the text only. A report without a single programme cue keeps none of the
    # programme-only facts (pairings, relations, agreements: all dropped by the gate), so their
    # extractors are not run for it.
    topic = judge_context(ctx)
    skip = _PROGRAMME_ONLY if topic.reason == NO_CUE else ()
    for ex in extractors if extractors is not None else load_extractors():
        if ex.name in skip:
            continue
        try:
            ex(ctx)
        except Exception as err:  # noqa: BLE001 - one bad extractor must not lose the document
            problems.append(f"{doc.source}: extractor {ex.name} failed: {type(err).__name__}: {err}")
    gate(ctx.facts, topic, ctx)
    return Extraction(doc, ctx.facts, problems, ctx, topic, _relations(ctx, topic))


STANDING = "standing"
_PROGRAMME_ONLY = ("pairings", "agreements")


def _relations(ctx: Context, topic: Topic) -> list[Fact]:
    """The relief and donation pairings the pairings extractor set apart, from on-topic parts only
    (like the standing pairings: a crawl's flood relief story is not the programme's)."""
    from duikou.extract.pairings import NAME, VERSION

    out: list[Fact] = []
    for o in ctx.notes.get("other_pairings") or []:
        start, end = int(o["start"]), int(o["end"])
        if not topic.covers(start, end):
            topic.withheld["relations"] = topic.withheld.get("relations", 0) + 1
            continue
        data = {"helper": o["helper"], "recipient": o["recipient"], "program": "unspecified", "since": None,
                "known": None, "relation": o["relation"]}
        out.append(Fact("pairings", data, ctx.evidence(start, end), NAME, VERSION, 0.75))
    return out
