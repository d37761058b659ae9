"""A part's Parquet layout gives back the records it was given, field for field."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from duikou.errors import Problem
from duikou.schema.records import Citation, Evidence, FactRecord, SourceRecord, TopicVerdict
from duikou.services.batch.parts import (DOCUMENTS, FACTS, PartDocument, PartWriter, read_documents,
                                         read_problems)
from duikou.services.batch.shard import _extracted


def _made_up() -> list[PartDocument]:
    """Records that use every field (written for this test: made-up places and words)."""
    full = SourceRecord(
        source="/data/a.jsonl#id=7", body_hash="0123456789abcdef", path="/data/a.jsonl", url="http://x.example/1",
        title="甲市与乙县召开协作会", published="2023-04-05", outlet="甲市日报", script="hant", authors=("记者甲", "记者乙"),
        text="甲市代表团赴乙县考察。", topic=TopicVerdict(True, 0.875, "programme cue", "passages", ((0, 5), (9, 12))),
        main_pairing=("110000", "乙县"), side="helper",
        problems=(Problem("/data/a.jsonl:7", "2 replacement character(s)", 7, False), Problem("x", "y")))
    facts = [FactRecord("pairings", {"helper": "110000", "recipient": "乙县", "since": None, "known": True,
                                     "relation": "standing"}, Evidence(0, 11, "甲市代表团赴乙县考察。"), "pairings", "3",
                        0.9),
             FactRecord("events", {"type": "visit", "leaders": ["甲", "乙"], "amount": 1.5e4}, None, None, None, None)]
    imported = SourceRecord(source="sheet.xlsx, sheet 1, row 3", body_hash="f" * 16, provenance="imported",
                            citation=Citation(file="sheet.xlsx", sheet="1", row=3))
    manual = SourceRecord(source="entered by 丙", body_hash="e" * 16, provenance="manual",
                          citation=Citation(author="丙"), topic=TopicVerdict(False, 0.0, "no cue", "none"))
    bare = SourceRecord(source="stdin#sha1=1", body_hash="1" * 16)
    return [PartDocument(0, full, facts), PartDocument(1, imported, [facts[1]]),
            PartDocument(2, manual, [], offtopic=True), PartDocument(3, bare, [], failure="ValueError: boom")]


def _round_trip(docs: list[PartDocument], tmp_path: Path, group: int) -> list[PartDocument]:
    w = PartWriter(str(tmp_path / "part"), group)
    for d in docs:
        w.add(d)
    w.problems([Problem("s.jsonl.gz", "invalid JSON: Expecting value at column 1", 3, True)])
    w.close()
    return list(read_documents(str(tmp_path / "part"), batch=2))


def test_every_field_comes_back(tmp_path: Path) -> None:
    docs = _made_up()
    back = _round_trip(docs, tmp_path, group=3)  # row groups that split a document's facts from it
    assert back == docs
    assert read_problems(str(tmp_path / "part")) == [
        Problem("s.jsonl.gz", "invalid JSON: Expecting value at column 1", 3, True)]


def test_columns_are_typed_and_grouped(tmp_path: Path) -> None:
    _round_trip(_made_up(), tmp_path, group=2)
    documents = pq.ParquetFile(tmp_path / "part" / DOCUMENTS)
    assert documents.metadata.num_row_groups == 2
    schema = documents.schema_arrow
    assert str(schema.field("topic_score").type) == "double"
    assert str(schema.field("authors").type) == "list<element: string>"
    assert str(pq.ParquetFile(tmp_path / "part" / FACTS).schema_arrow.field("evidence_start").type) == "int64"


def test_real_extractions_round_trip(tmp_path: Path, shard_dir: Path) -> None:
    from duikou.ingest import read_documents as ingest
    from duikou.runreport import QuietEvents, RunReport

    report = RunReport(events=QuietEvents())
    docs = [_extracted(i, d, report) for i, d in enumerate(ingest([str(shard_dir / "shards" / "part-00.jsonl.gz")],
                                                                  report))]
    assert sum(len(d.facts) for d in docs) > 20 and any(d.offtopic for d in docs)
    assert _round_trip(docs, tmp_path, group=16) == docs


def test_a_shard_is_written_a_row_group_at_a_time(tmp_path: Path, shard_dir: Path) -> None:
    """Memory stays flat: a part is written a group of documents at a time, never held whole."""
    from duikou.services.batch.shard import extract_shard

    result = extract_shard(str(shard_dir / "shards" / "part-01.jsonl.gz"), str(tmp_path), group=10)
    part = tmp_path / result.part
    assert result.documents == 77
    assert pq.ParquetFile(part / DOCUMENTS).metadata.num_row_groups == 8
    assert [d.seq for d in read_documents(str(part))] == list(range(77))
