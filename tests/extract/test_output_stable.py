"""Refactoring guard: extraction output byte-identical on the seeds, the real gold sets and the crawl.

Every record of `duikou extract --format jsonl` is hashed (its `source` reduced to the file name and line,
so the checkout's location does not matter) and compared with `tests/fixtures/extraction_digest.json`.
Only digests are stored, never text. A deliberate change of extraction output regenerates the file:

    DUIKOU_UPDATE_DIGEST=1 .venv/bin/pytest tests/extract/test_output_stable.py

and the commit says why the output changed. A failure names the documents whose output changed.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO, SHARED

DIGEST = Path(__file__).resolve().parents[1] / "fixtures" / "extraction_digest.json"
FIXTURES = REPO / "tests" / "fixtures"
GOLD_SETS = ("real_gold", "real_gold2", "real_gold3", "real_gold4", "real_gold5", "real_gold6")
CRAWL_DOCS = 5000


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _inputs(tmp: Path) -> Iterator[tuple[str, list[str]]]:
    """(group, paths) for every group whose inputs exist in ../shared."""
    seeds = sorted(str(p) for p in (SHARED / "corpus" / "seeds").glob("*.txt"))
    dev = sorted(str(p) for p in (SHARED / "corpus" / "real" / "dev").glob("*.txt"))
    if not seeds or not dev:
        pytest.skip("../shared is absent: the output guard needs the seeds and the real reports")
    yield "seeds", seeds
    yield "dev", dev
    materialise = _load("real_gold_materialise", FIXTURES / "real_gold" / "materialise.py").materialise
    corpus = SHARED / "corpus" / "real" / "ontopic.jsonl"
    for name in GOLD_SETS:
        yield name, sorted(str(p) for p in materialise(tmp / name, corpus, FIXTURES / name))
    crawl = _load("bench_corpus", REPO / "benchmarks" / "_corpus.py")
    path, _, _ = crawl.crawl_slice(tmp / "crawl.jsonl", CRAWL_DOCS)
    yield "crawl", [str(path)]


def _records(paths: Iterable[str]) -> Iterator[dict]:
    from duikou.extract.pipeline import extract_document, load_extractors
    from duikou.ingest import read_documents
    from duikou.runreport import RunReport

    extractors = load_extractors()
    for doc in read_documents(list(paths), RunReport(quiet=True)):
        yield extract_document(doc, extractors).to_contract()


def _digests(tmp: Path) -> dict[str, dict[str, str]]:
    encode = json.JSONEncoder(ensure_ascii=False).encode
    out: dict[str, dict[str, str]] = {}
    for group, paths in _inputs(tmp):
        docs: dict[str, str] = {}
        for rec in _records(paths):
            rec["source"] = Path(rec["source"]).name
            docs[rec["source"]] = hashlib.sha256(encode(rec).encode("utf-8")).hexdigest()[:16]
        out[group] = docs
    return out


def test_extraction_output_is_unchanged(tmp_path: Path) -> None:
    now = _digests(tmp_path)
    if os.environ.get("DUIKOU_UPDATE_DIGEST"):
        DIGEST.write_text(json.dumps(now, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        pytest.skip(f"digests rewritten to {DIGEST}")
    before = json.loads(DIGEST.read_text(encoding="utf-8"))
    assert sorted(now) == sorted(before), "the groups of inputs changed"
    for group in sorted(now):
        assert len(now[group]) == len(before[group]), f"{group}: {len(now[group])} records, digest has {len(before[group])}"
        changed = [src for src, h in now[group].items() if before[group].get(src) != h]
        assert not changed, f"{group}: output changed for {len(changed)} documents, e.g. {changed[:10]}"
