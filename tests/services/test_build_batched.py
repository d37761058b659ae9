"""A batched build (services.build: a batch's state looked up at once, stored in one transaction through
ledger.bulk) gives the ledger that storing each report in its own transaction (store_one: Ledger.add)
gives: the same canonical dump, summary and problems, on SQLite and PostgreSQL, over the seeds, the real
dev reports, on-topic crawl records and a spread crawl sample; then again after a rebuild that finds
records changed, gone, added, failed and one retracted by hand, and one that brings the gone ones back
with off-topic reports kept.
"""
from __future__ import annotations

import gzip
import importlib
import itertools
import json
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest

from duikou.extract.pipeline import Extraction
from duikou.ingest.document import Document
from duikou.ledger.db import engine
from duikou.ledger.dump import canonical_dump
from duikou.ledger.store import Ledger
from duikou.runreport import RunReport
from duikou.services.build import (BuildSummary, build, extract_record, extract_whole_record, settle_judgements,
                                   store_one)
from tests.ledger.conftest import pg_server, pg_template, pg_url  # noqa: F401 - the PostgreSQL fixtures

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
BUILD = importlib.import_module("duikou.services.build")  # the module (services.build is the function)


@pytest.fixture(params=["sqlite", "postgresql"])
def urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty ledgers on one database server: one built in batches, one report by report."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'batched.db'}", f"sqlite:///{tmp_path / 'one_by_one.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server, template = request.getfixturevalue("pg_server"), request.getfixturevalue("pg_template")
    names = [f"duikou_batched_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        for name in names:
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        fast, slow = (make_url(server).set(database=n).render_as_string(hide_password=False) for n in names)
        yield fast, slow
    finally:
        with admin.connect() as c:
            for name in names:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _records() -> list[dict[str, str]]:
    """On-topic crawl records and a crawl sample spread over the four shards (mostly off topic)."""
    with (CORPUS / "real" / "ontopic.jsonl").open(encoding="utf-8") as fh:
        on = [json.loads(line) for line in itertools.islice(fh, 0, 600, 5)]
    off: list[dict[str, str]] = []
    for shard in sorted((CORPUS / "news").glob("*.jsonl.gz")):
        with gzip.open(shard, "rt", encoding="utf-8") as fh:
            off += [json.loads(line) for line in itertools.islice(fh, 0, 2400, 24)]
    mixed = [r for pair in itertools.zip_longest(on, off) for r in pair if r is not None]
    return [{"id": r["id"], "text": r["text"]} for r in mixed]


def _write(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _one_by_one(ledger: Ledger, docs: Iterator[Document], report: RunReport,
                extract: Callable[[Document], Extraction] | None = None, total: int | None = None,
                keep_offtopic: bool = False) -> BuildSummary:
    """The build's storing as it was: each report in its own transaction (store_one, Ledger.add)."""
    assert extract is not None
    summary = BuildSummary()
    for doc in docs:
        if doc.path is not None:
            summary.seen.setdefault(doc.path, set()).add(doc.identity)
        status, n_facts, n_merges = store_one(ledger, doc, report, extract, keep_offtopic)
        summary.counts[status] += 1
        summary.counts["facts"] += n_facts
        summary.counts["merges"] += n_merges
    settle_judgements(ledger)
    return summary


class Extractions:
    """Each document extracted once for both builds; a few fail, as a broken extractor would."""

    def __init__(self) -> None:
        self.done: dict[tuple[str, str, bool], Extraction] = {}

    def __call__(self, whole: bool) -> Callable[[Document], Extraction]:
        def extract(doc: Document) -> Extraction:
            if doc.id[:2] in ("00", "01", "02"):
                raise RuntimeError("a stand-in extractor failure")
            key = (doc.identity, doc.id, whole)
            if key not in self.done:
                self.done[key] = (extract_whole_record if whole else extract_record)(doc)
            return self.done[key]
        return extract


def _retract_by_hand(url: str) -> None:
    """Retract the first stored on-topic report (by source) by hand."""
    from sqlalchemy import select

    from duikou.ledger.tables import documents

    ledger = Ledger(url)
    with ledger.engine.connect() as conn:
        doc_id = conn.execute(select(documents.c.id).where(documents.c.status == "ok")
                              .order_by(documents.c.source).limit(1)).scalar_one()
    ledger.retract(doc_id, "checked by hand", auto=False)
    ledger.close()


@pytest.mark.parametrize("batch", [500, 23])
def test_a_batched_build_stores_what_one_by_one_stores(urls: tuple[str, str], tmp_path: Path, batch: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if not (CORPUS / "news").is_dir():
        pytest.skip("needs ../shared/corpus beside the repository")
    fast_url, slow_url = urls
    if batch != 500 and fast_url.startswith("postgresql"):
        pytest.skip("small batches are checked on SQLite")
    records = _records()
    gone, changed = records[3::11], records[5::13]
    later = [{**r, "text": r["text"] + "\n（本文已更新）"} if r in changed else r for r in records if r not in gone]
    seeds, dev = str(CORPUS / "seeds"), str(CORPUS / "real" / "dev")
    rounds = [  # (report directories, the JSONL file's records, keep off-topic reports)
        ([seeds, dev], records[:-40], False),
        ([seeds], later, False),
        ([dev], records, True),
    ]
    extractions = Extractions()
    monkeypatch.setattr(BUILD, "BATCH_DOCS", batch)
    statuses: set[str] = set()
    for i, (dirs, content, keep) in enumerate(rounds):
        paths = [*dirs, _write(tmp_path / "a.jsonl", content)]
        fast = build(paths, fast_url, extract=extractions(keep), keep_offtopic=keep)
        with monkeypatch.context() as m:
            m.setattr(BUILD, "store_documents", _one_by_one)
            slow = build(paths, slow_url, extract=extractions(keep), keep_offtopic=keep)
        assert fast.to_json() == slow.to_json(), i
        assert [(p.source, p.line, p.reason, p.fatal) for p in fast.problems] == \
            [(p.source, p.line, p.reason, p.fatal) for p in slow.problems], i
        got, want = canonical_dump(engine(fast_url)), canonical_dump(engine(slow_url))
        for table in want:
            assert got[table] == want[table], (i, table)
        statuses |= {k for k, v in fast.to_json().items() if v}
        if i == 0:
            _retract_by_hand(fast_url)
            _retract_by_hand(slow_url)
    # What the rounds are for: every way a report is stored was taken.
    assert {"new", "unchanged", "replaced", "failed", "offtopic", "retracted", "pruned", "facts",
            "merges"} <= statuses, statuses
