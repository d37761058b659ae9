"""What the ledger stores of a report: its extraction as typed records (:mod:`duikou.schema.records`).

The report's main pairing and whose account it is are decided here, once; the ledger keeps them as
given.
"""
from __future__ import annotations

from duikou.errors import Problem
from duikou.extract.context import Fact
from duikou.extract.pipeline import STANDING, Extraction
from duikou.extract.relevance import Topic
from duikou.ingest.document import Document
from duikou.reference import regions as reg
from duikou.schema import FACT_KINDS
from duikou.schema.records import FactRecord, Scope, Side, SourceRecord, TopicVerdict


def records(extraction: Extraction) -> tuple[SourceRecord, list[FactRecord]]:
    """The source record of the extraction's report and its facts: kinds in schema order, each pairing
    followed by the relief and donation relations (pairings too, ``relation`` says which)."""
    facts: list[FactRecord] = []
    for kind in FACT_KINDS:
        facts += [_fact(f) for f in extraction.facts.get(kind, [])]
        if kind == "pairings":
            facts += [_fact(f) for f in extraction.relations]
    main = main_pairing(extraction)
    doc = extraction.doc
    source = source_record(doc, verdict(extraction.topic), main, report_side(doc.outlet, main),
                           (*doc.problems, *extraction.problems))
    return source, facts


def source_record(doc: Document, topic: TopicVerdict | None = None, main: tuple[str, str] | None = None,
                  side: Side | None = None, problems: tuple[Problem, ...] = ()) -> SourceRecord:
    """The record of report ``doc`` (without an extraction when it failed: no verdict, no main pairing)."""
    return SourceRecord(source=doc.identity, body_hash=doc.id, path=doc.path, url=doc.url, title=doc.title,
                        published=doc.published, outlet=doc.outlet, script=doc.script, authors=tuple(doc.authors),
                        text=doc.text, topic=topic, main_pairing=main, side=side, problems=problems)


def _fact(f: Fact) -> FactRecord:
    data = f.data
    if f.kind == "pairings" and not data.get("relation"):
        data = {**data, "relation": STANDING}  # as the contract prints a standing pairing
    return FactRecord(f.kind, data, f.evidence, f.extractor, f.version, round(f.confidence, 3))


def main_pairing(extraction: Extraction) -> tuple[str, str] | None:
    """The report's main pairing: the one the pairings extractor found most supported when its fact is
    kept, else (the gate took it out: it lay outside the on-topic passages) the first standing pairing."""
    kept = [(f.data["helper"], f.data["recipient"]) for f in extraction.facts.get("pairings", [])
            if f.data.get("helper") and f.data.get("recipient")]
    if extraction.main_pairing in kept:
        return extraction.main_pairing
    return kept[0] if kept else None


def verdict(topic: Topic | None) -> TopicVerdict | None:
    """The relevance verdict as the ledger keeps it (score to three places, as the contract prints it)."""
    if topic is None:
        return None
    scope: Scope = "document" if topic.whole else ("passages" if topic.on_topic else "none")
    return TopicVerdict(topic.on_topic, round(topic.score, 3), topic.reason, scope,
                        topic.passages if scope == "passages" else ())


def report_side(outlet: str | None, main: tuple[str, str] | None) -> Side | None:
    """Whose account a report is: the side of its main pairing its outlet is named after (宜兴日报 speaks
    for 宜兴).

    Only the outlet is used: a headline names both sides in any order, so it says nothing about who
    wrote it. Reports without a matching outlet have no side (shown as "unknown").
    """
    if not outlet or main is None:
        return None
    sides: tuple[tuple[Side, str], ...] = (("helper", main[0]), ("recipient", main[1]))
    hits = {side for side, code in sides
                       if any(n and n in outlet for n in (reg.short_names(code) if reg.is_code(code) else {code}))}
    return hits.pop() if len(hits) == 1 else None
