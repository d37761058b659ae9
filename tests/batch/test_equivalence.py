"""``batch extract`` + ``batch load`` give the ledger ``duikou build`` gives over the same shards, on
SQLite and PostgreSQL, and again when both are run a second time over an unchanged input."""
from __future__ import annotations

from pathlib import Path

from duikou.services.batch.load import load
from duikou.services.build import build
from tests.batch.conftest import GLOB, chdir, differences, dump_of


def test_batch_equals_build(two_dbs: tuple[str, str], shard_dir: Path, extracted: Path) -> None:
    build_db, batch_db = two_dbs
    with chdir(shard_dir):
        built = build([GLOB], build_db)
        loaded = load(str(extracted), batch_db, batch=50)  # small batches: several stores a shard
    assert built.counts["new"] > 10 and built.counts["offtopic"] > 200 and built.counts["facts"] > 100
    assert loaded.to_json() == built.to_json()
    want = dump_of(build_db)
    assert differences(dump_of(batch_db), want) == {}

    with chdir(shard_dir):  # a second run over the same input: every report unchanged, one more build row
        again_built = build([GLOB], build_db)
        again_loaded = load(str(extracted), batch_db)
    assert again_loaded.to_json() == again_built.to_json()
    assert again_loaded.counts["unchanged"] == built.documents
    assert differences(dump_of(batch_db), dump_of(build_db)) == {}
