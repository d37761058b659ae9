"""The Parquet layout of a part: what ``duikou batch extract`` writes of one input shard.

A part is a directory (``parts/<name>/``) of three Parquet files and the shard's result:

- ``documents.parquet``: one row a document, in the order the shard holds them (``seq``): the
  :class:`~duikou.schema.records.SourceRecord` as typed columns (its relevance verdict, main pairing,
  side, problems), why its extraction failed (``failure``) and whether the build keeps it out as off topic
  (``offtopic``);
- ``facts.parquet``: one row a fact (``doc_seq`` names its document, ``seq`` its place among the
  document's facts): kind, evidence, extractor, version and confidence as columns, the properties
  (``data``) as JSON text, since they differ by kind (``schema/facts.yaml``: all JSON types);
- ``problems.parquet``: what reading and extracting the shard found wrong, in the order the build
  reports it.

Rows are written a group at a time (:class:`PartWriter`) and read back a batch at a time
(:func:`read_documents`), so neither side holds a shard whole. Decoding gives back the records that were
encoded, field for field (tests/batch/test_parts.py).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from duikou.errors import Problem
from duikou.schema.records import Citation, Evidence, FactRecord, SourceRecord, TopicVerdict

FORMAT = 1  # the layout's version, kept in each part's result and in the manifest
DOCUMENTS, FACTS, PROBLEMS = "documents.parquet", "facts.parquet", "problems.parquet"

_PROBLEM = pa.struct([("source", pa.string()), ("reason", pa.string()), ("line", pa.int64()),
                      ("fatal", pa.bool_())])
_SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64())])

DOCUMENT_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("source", pa.string()), ("body_hash", pa.string()), ("provenance", pa.string()),
    ("path", pa.string()), ("url", pa.string()), ("title", pa.string()), ("published", pa.string()),
    ("outlet", pa.string()), ("script", pa.string()), ("authors", pa.list_(pa.string())),
    ("text", pa.large_string()),
    ("topic_on_topic", pa.bool_()), ("topic_score", pa.float64()), ("topic_reason", pa.string()),
    ("topic_scope", pa.string()), ("topic_passages", pa.list_(_SPAN)),
    ("main_helper", pa.string()), ("main_recipient", pa.string()), ("side", pa.string()),
    ("citation_file", pa.string()), ("citation_sheet", pa.string()), ("citation_row", pa.int64()),
    ("citation_author", pa.string()),
    ("problems", pa.list_(_PROBLEM)), ("failure", pa.string()), ("offtopic", pa.bool_()),
])
FACT_SCHEMA = pa.schema([
    ("doc_seq", pa.int64()), ("seq", pa.int64()), ("kind", pa.string()), ("data", pa.large_string()),
    ("evidence_start", pa.int64()), ("evidence_end", pa.int64()), ("evidence_quote", pa.large_string()),
    ("extractor", pa.string()), ("version", pa.string()), ("confidence", pa.float64()),
])
PROBLEM_SCHEMA = pa.schema([("source", pa.string()), ("reason", pa.string()), ("line", pa.int64()),
                            ("fatal", pa.bool_())])


@dataclass
class PartDocument:
    """One document of a part: its record and facts as the build would store them, ``failure`` when its
    extraction failed, ``offtopic`` when the build keeps it out."""

    seq: int
    source: SourceRecord
    facts: Sequence[FactRecord] = ()
    failure: str | None = None
    offtopic: bool = False


def encode_document(doc: PartDocument) -> dict[str, Any]:
    """The ``documents`` row of ``doc``."""
    s, t, c = doc.source, doc.source.topic, doc.source.citation
    return {
        "seq": doc.seq, "source": s.source, "body_hash": s.body_hash, "provenance": s.provenance,
        "path": s.path, "url": s.url, "title": s.title, "published": s.published, "outlet": s.outlet,
        "script": s.script, "authors": list(s.authors), "text": s.text,
        "topic_on_topic": t.on_topic if t else None, "topic_score": t.score if t else None,
        "topic_reason": t.reason if t else None, "topic_scope": t.scope if t else None,
        "topic_passages": [{"start": a, "end": b} for a, b in t.passages] if t else None,
        "main_helper": s.main_pairing[0] if s.main_pairing else None,
        "main_recipient": s.main_pairing[1] if s.main_pairing else None, "side": s.side,
        "citation_file": c.file if c else None, "citation_sheet": c.sheet if c else None,
        "citation_row": c.row if c else None, "citation_author": c.author if c else None,
        "problems": [encode_problem(p) for p in s.problems], "failure": doc.failure, "offtopic": doc.offtopic,
    }


def encode_fact(doc_seq: int, seq: int, f: FactRecord) -> dict[str, Any]:
    """The ``facts`` row of ``f``, the ``seq``-th fact of document ``doc_seq``."""
    e = f.evidence
    return {"doc_seq": doc_seq, "seq": seq, "kind": f.kind, "data": json.dumps(dict(f.data), ensure_ascii=False),
            "evidence_start": e.start if e else None, "evidence_end": e.end if e else None,
            "evidence_quote": e.quote if e else None, "extractor": f.extractor, "version": f.version,
            "confidence": f.confidence}


def encode_problem(p: Problem) -> dict[str, Any]:
    return {"source": p.source, "reason": p.reason, "line": p.line, "fatal": p.fatal}


def decode_problem(r: dict[str, Any]) -> Problem:
    return Problem(r["source"], r["reason"], r["line"], bool(r["fatal"]))


def decode_document(r: dict[str, Any], facts: Sequence[FactRecord] = ()) -> PartDocument:
    """The document of a ``documents`` row (with its ``facts``, decoded apart)."""
    topic = None
    if r["topic_on_topic"] is not None:
        topic = TopicVerdict(r["topic_on_topic"], r["topic_score"], r["topic_reason"], r["topic_scope"],
                             tuple((p["start"], p["end"]) for p in r["topic_passages"] or ()))
    citation = None
    if r["citation_file"] is not None or r["citation_author"] is not None:
        citation = Citation(r["citation_file"], r["citation_sheet"], r["citation_row"], r["citation_author"])
    main = (r["main_helper"], r["main_recipient"]) if r["main_helper"] is not None else None
    source = SourceRecord(
        source=r["source"], body_hash=r["body_hash"], provenance=r["provenance"], citation=citation,
        path=r["path"], url=r["url"], title=r["title"], published=r["published"], outlet=r["outlet"],
        script=r["script"], authors=tuple(r["authors"] or ()), text=r["text"], topic=topic, main_pairing=main,
        side=r["side"], problems=tuple(decode_problem(p) for p in r["problems"] or ()))
    return PartDocument(r["seq"], source, list(facts), r["failure"], bool(r["offtopic"]))


def decode_fact(r: dict[str, Any]) -> FactRecord:
    evidence = None
    if r["evidence_start"] is not None:
        evidence = Evidence(r["evidence_start"], r["evidence_end"], r["evidence_quote"])
    return FactRecord(r["kind"], json.loads(r["data"]), evidence, r["extractor"], r["version"], r["confidence"])


@dataclass
class PartWriter:
    """Writes a part's three files under ``directory``, a row group each ``group`` documents (memory stays
    flat over any shard size). ``close`` must be called; the files are complete only then."""

    directory: str
    group: int = 500
    _docs: list[dict[str, Any]] = field(default_factory=list)
    _facts: list[dict[str, Any]] = field(default_factory=list)
    _problems: list[dict[str, Any]] = field(default_factory=list)
    _writers: dict[str, pq.ParquetWriter] = field(default_factory=dict)

    def __post_init__(self) -> None:
        os.makedirs(self.directory, exist_ok=True)
        for name, schema in ((DOCUMENTS, DOCUMENT_SCHEMA), (FACTS, FACT_SCHEMA), (PROBLEMS, PROBLEM_SCHEMA)):
            self._writers[name] = pq.ParquetWriter(os.path.join(self.directory, name), schema, compression="zstd")

    def add(self, doc: PartDocument) -> None:
        self._docs.append(encode_document(doc))
        self._facts.extend(encode_fact(doc.seq, i, f) for i, f in enumerate(doc.facts))
        if len(self._docs) >= self.group:
            self.flush()

    def problems(self, found: Sequence[Problem]) -> None:
        self._problems.extend(encode_problem(p) for p in found)

    def flush(self) -> None:
        for name, schema, rows in ((DOCUMENTS, DOCUMENT_SCHEMA, self._docs), (FACTS, FACT_SCHEMA, self._facts),
                                   (PROBLEMS, PROBLEM_SCHEMA, self._problems)):
            if rows:
                self._writers[name].write_table(pa.Table.from_pylist(rows, schema=schema))
                rows.clear()

    def close(self) -> None:
        self.flush()
        for w in self._writers.values():
            w.close()


def read_documents(directory: str, batch: int = 500) -> Iterator[PartDocument]:
    """The documents of the part in ``directory`` with their facts, in the shard's order, a batch at a time
    (the facts file is read alongside: both are in document order)."""
    facts = _rows(os.path.join(directory, FACTS), batch)
    pending = next(facts, None)
    for r in _rows(os.path.join(directory, DOCUMENTS), batch):
        mine: list[FactRecord] = []
        while pending is not None and pending["doc_seq"] == r["seq"]:
            mine.append(decode_fact(pending))
            pending = next(facts, None)
        yield decode_document(r, mine)
    if pending is not None:
        raise ValueError(f"{directory}: a fact of document {pending['doc_seq']}, which the part does not hold")


def read_problems(directory: str) -> list[Problem]:
    """What reading and extracting the part's shard found wrong, in the order it was found."""
    return [decode_problem(r) for r in _rows(os.path.join(directory, PROBLEMS), 10_000)]


def _rows(path: str, batch: int) -> Iterator[dict[str, Any]]:
    for b in pq.ParquetFile(path).iter_batches(batch_size=batch):
        yield from b.to_pylist()
