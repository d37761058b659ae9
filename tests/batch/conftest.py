"""Batch fixtures: small shards made at test time from the crawl and the real reports in ../shared (read
in place, written under the test's temporary directory, never into the repository), and the scratch
PostgreSQL databases of the ledger tests."""
from __future__ import annotations

import gzip
import itertools
import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.conftest import SHARED
from tests.ledger.conftest import pg_server, pg_template, pg_url  # noqa: F401 - fixtures used here
from tests.pg import scratch_database

CRAWL = SHARED / "corpus" / "news"
REAL = SHARED / "corpus" / "real"
CRAWL_PER_SHARD = 70
ON_TOPIC_PER_SHARD = 5
GLOB = "shards/*.jsonl.gz"  # relative, as a user types it: the build and the batch are run in one folder


def make_shards(folder: Path, crawl_per_shard: int = CRAWL_PER_SHARD) -> list[Path]:
    """Four gzip JSONL shards, one from each crawl shard (its first ``crawl_per_shard`` documents) with a
    few real on-topic reports and real dev reports spread among them, so the shards hold facts."""
    crawl = sorted(CRAWL.glob("*.jsonl.gz"))
    if len(crawl) < 4 or not (REAL / "ontopic.jsonl").exists():
        pytest.skip(f"../shared is absent ({CRAWL}): batch tests skipped")
    with (REAL / "ontopic.jsonl").open(encoding="utf-8") as fh:
        on_topic = [line.strip() for line in itertools.islice(fh, 4 * ON_TOPIC_PER_SHARD)]
    dev = sorted((REAL / "dev").glob("*.txt"))[:8]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k, src in enumerate(crawl[:4]):
        with gzip.open(src, "rt", encoding="utf-8") as fh:
            lines = [line.strip() for line in itertools.islice(fh, crawl_per_shard)]
        mine = on_topic[k * ON_TOPIC_PER_SHARD:(k + 1) * ON_TOPIC_PER_SHARD]
        mine += [json.dumps({"id": f"dev-{p.stem}", "text": p.read_text(encoding="utf-8")}, ensure_ascii=False)
                 for p in dev[2 * k:2 * k + 2]]
        step = max(len(lines) // (len(mine) + 1), 1)
        for i, line in enumerate(mine):  # spread through the shard, not bunched at its end
            lines.insert((i + 1) * step + i, line)
        path = folder / f"part-{k:02d}.jsonl.gz"
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        out.append(path)
    return out


@pytest.fixture(scope="session")
def shard_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder ``shards/`` of four small shards (about 300 documents, a few dozen on topic)."""
    root = tmp_path_factory.mktemp("batch")
    make_shards(root / "shards")
    return root


@pytest.fixture(scope="session")
def extracted(tmp_path_factory: pytest.TempPathFactory, shard_dir: Path) -> Path:
    """``batch extract`` of ``shard_dir``'s shards (synchronous scheduler), read by the load tests."""
    from duikou.services.batch import shard_inputs
    from duikou.services.batch.dask_run import run_extract

    out = tmp_path_factory.mktemp("facts")
    with chdir(shard_dir):
        shards, problems = shard_inputs([GLOB])
        assert len(shards) == 4 and not problems
        summary = run_extract(shards, str(out), synchronous=True)
    assert summary.ok and summary.status.shards_done == 4
    return out


@contextmanager
def chdir(path: Path) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@pytest.fixture(params=["sqlite", "postgresql"])
def two_dbs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty ledgers of one kind: one for ``duikou build``, one for the batch load."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'build.db'}", f"sqlite:///{tmp_path / 'batch.db'}"
        return
    first = str(request.getfixturevalue("pg_url"))
    with scratch_database(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_template")) as second:
        yield first, second


def dump_of(url: str) -> dict[str, list[tuple[Any, ...]]]:
    from duikou.ledger.db import engine
    from duikou.ledger.dump import canonical_dump

    eng = engine(url)
    try:
        return canonical_dump(eng)
    finally:
        eng.dispose()


def differences(a: dict[str, list[tuple[Any, ...]]], b: dict[str, list[tuple[Any, ...]]]) -> dict[str, Any]:
    """The tables whose rows differ, with a few rows only one side has (for a readable failure)."""
    return {t: ([r for r in a[t] if r not in b.get(t, [])][:3], [r for r in b.get(t, []) if r not in a[t]][:3])
            for t in a if a[t] != b.get(t)}
