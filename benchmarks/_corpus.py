"""Shared by the benchmarks: inputs read from ``../shared`` beside the repository.

Speed is measured on the real news crawl (every topic, every length); the seed
reports repeated would hit caches and flatter the extractors.
"""
from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
CRAWL = SHARED / "corpus" / "news"


def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        raise SystemExit(f"no seed reports under {SEEDS}: the benchmarks need ../shared beside the repository")
    return files


def crawl_shards() -> list[Path]:
    shards = sorted(CRAWL.glob("*.jsonl.gz"))
    if not shards:
        raise SystemExit(f"no crawl shards under {CRAWL}: the benchmarks need ../shared beside the repository")
    return shards


def crawl_records(limit: int | None = None, skip: int = 0) -> Iterator[dict]:
    """Stream crawl records (``id``, ``text``) shard by shard, memory flat."""
    def every() -> Iterator[dict]:
        for shard in crawl_shards():
            with gzip.open(shard, "rt", encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        yield json.loads(line)
    return itertools.islice(every(), skip, None if limit is None else skip + limit)


CRAWL_DOCS = 68_777  # documents in the four shards (corpus README)


def crawl_sample(docs: int) -> Iterator[dict]:
    """About ``docs`` records spread evenly over the whole crawl.

    The shards are grouped by site (hundreds of one outlet's pages in a row), so
    a prefix would measure one site; every k-th document measures the mix.
    """
    step = max(1, CRAWL_DOCS // max(docs, 1))
    return itertools.islice(itertools.islice(crawl_records(), 0, None, step), docs)


def crawl_slice(dest: Path, docs: int) -> tuple[Path, int, int]:
    """Write a spread sample of ``docs`` crawl records as one plain JSONL file; return it, the count and the text bytes."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    n = nbytes = 0
    with dest.open("w", encoding="utf-8") as out:
        for rec in crawl_sample(docs):
            out.write(json.dumps({"id": rec["id"], "text": rec["text"]}, ensure_ascii=False) + "\n")
            n += 1
            nbytes += len(rec["text"].encode("utf-8"))
    return dest, n, nbytes


def build_corpus(dest: Path, megabytes: float) -> tuple[list[Path], int]:
    """Write copies of the seeds into ``dest`` until they hold ``megabytes`` MB; return files and bytes."""
    dest.mkdir(parents=True, exist_ok=True)
    seeds = [(p.stem, p.read_bytes()) for p in seed_files()]
    out: list[Path] = []
    total, i = 0, 0
    while total < megabytes * 1e6:
        stem, data = seeds[i % len(seeds)]
        path = dest / f"{i:06d}_{stem}.txt"
        if not path.exists() or path.stat().st_size != len(data):
            path.write_bytes(data)
        out.append(path)
        total += len(data)
        i += 1
    return out, total
