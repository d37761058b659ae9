"""Batch benchmark: the four crawl shards through ``duikou build`` and through ``duikou batch``.

1. ``duikou build SHARDS`` (sequential, one process) into SQLite: documents/s.
2. ``duikou batch extract SHARDS --workers 1`` and ``--workers 2`` (a local Dask cluster, the cluster's
   start included): documents/s and the speed-up from one worker to two (goal >= 1.7x on 2 cores).
3. ``duikou batch load`` of the two-worker output into a scratch PostgreSQL database (and SQLite):
   documents/s.
4. End to end, shards -> PostgreSQL ledger: the two-worker extract plus the load (goal < 3 minutes on
   this 2-core machine); the workers' peak memory (goal < 300 MB each, from the parts' results).

Every step is the command a user runs, in a process of its own. ``--check`` compares the canonical dumps
of the build's ledger and the batch's (slow on the whole crawl). ``--limit N`` takes the first N/4
documents of each shard (a quick run). Other work on the machine skews the figures: the load average is
printed with them.

Usage: python benchmarks/batch.py [--limit N] [--no-pg] [--pg URL] [--check]
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import crawl_shards  # noqa: E402

DUIKOU = [sys.executable, "-m", "duikou"]


def shards_for(limit: int | None, tmp: Path) -> list[str]:
    """The crawl shards, or (``limit``) shards of their first ``limit // 4`` lines each."""
    shards = crawl_shards()
    if limit is None:
        return [str(s) for s in shards]
    out = []
    for s in shards:
        path = tmp / "shards" / s.name
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(s, "rt", encoding="utf-8") as src, gzip.open(path, "wt", encoding="utf-8") as dst:
            dst.writelines(itertools.islice(src, max(limit // len(shards), 1)))
        out.append(str(path))
    return out


def timed(args: list[str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(DUIKOU + args, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"duikou {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    last = (proc.stderr.strip().splitlines() or [""])[-1]
    print(f"  $ duikou {' '.join(args[:2])} ...\n    {last[:300]}", flush=True)
    return dt


def manifest_totals(out: Path) -> tuple[int, float, float]:
    """Documents, the workers' peak memory (MB) and their CPU seconds of the run in ``out``."""
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    run = json.loads(sorted((out / "runs").glob("extract-*.json"))[-1].read_text(encoding="utf-8"))
    return (int(data["totals"]["documents"]), max(float(s.get("peak_mb", 0)) for s in data["shards"]),
            float(run["cpu_seconds"]))


def scratch_pg(admin: str) -> tuple[str, object]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"duikou_bench_{uuid.uuid4().hex[:10]}"
    eng = create_engine(admin, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with eng.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        eng.dispose()

    return make_url(admin).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="documents in all (a quarter from each shard)")
    ap.add_argument("--no-pg", action="store_true", help="load into SQLite only")
    ap.add_argument("--pg", default=None, help="admin URL of the PostgreSQL server (default: DUIKOU_TEST_PG)")
    ap.add_argument("--check", action="store_true", help="compare the build's and the batch's ledgers")
    ns = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
    with tempfile.TemporaryDirectory(prefix="duikou-batch-bench-") as d:
        tmp = Path(d)
        shards = shards_for(ns.limit, tmp)
        build_db = f"sqlite:///{tmp / 'build.db'}"
        print("1. sequential build (SQLite)")
        t_build = timed(["build", "-q", *shards, "--db", build_db])
        print("2. batch extract")
        t1 = timed(["batch", "extract", *shards, "--out", str(tmp / "w1"), "--workers", "1"])
        t2 = timed(["batch", "extract", *shards, "--out", str(tmp / "w2"), "--workers", "2"])
        _, _, cpu1 = manifest_totals(tmp / "w1")
        docs, peak, cpu2 = manifest_totals(tmp / "w2")
        print("3. batch load")
        t_sqlite = timed(["batch", "load", str(tmp / "w2"), "--db", f"sqlite:///{tmp / 'batch.db'}"])
        t_pg, pg_url, drop = None, None, None
        if not ns.no_pg:
            from duikou import settings

            pg_url, drop = scratch_pg(ns.pg or settings.get("test_pg"))
            t_pg = timed(["batch", "load", str(tmp / "w2"), "--db", pg_url])
        try:
            print(f"\n{docs} documents in {len(shards)} shards; load average now {os.getloadavg()[0]:.2f}")
            print(f"  sequential build (SQLite)   {t_build:7.1f} s  {docs / t_build:7.0f} docs/s")
            print(f"  batch extract, 1 worker     {t1:7.1f} s  {docs / t1:7.0f} docs/s")
            print(f"  batch extract, 2 workers    {t2:7.1f} s  {docs / t2:7.0f} docs/s   speed-up {t1 / t2:.2f}x "
                  f"(goal >= 1.7x)")
            # CPU seconds against wall seconds x workers: below 1 when other work held the cores
            print(f"  workers' CPU / (wall x workers): 1 worker {cpu1 / t1:.2f}, 2 workers {cpu2 / (2 * t2):.2f}; "
                  f"per-core rate {docs / cpu2:.0f} docs per CPU second")
            print(f"  batch load -> SQLite        {t_sqlite:7.1f} s  {docs / t_sqlite:7.0f} docs/s")
            if t_pg is not None:
                print(f"  batch load -> PostgreSQL    {t_pg:7.1f} s  {docs / t_pg:7.0f} docs/s")
                print(f"  end to end, shards -> PostgreSQL (2 workers + load) {t2 + t_pg:.1f} s (goal < 180 s)")
            print(f"  end to end, shards -> SQLite (2 workers + load)     {t2 + t_sqlite:.1f} s; "
                  f"sequential build {t_build:.1f} s")
            print(f"  worker peak memory          {peak:7.0f} MB (goal < 300 MB)")
            if ns.check:
                from duikou.ledger.db import engine
                from duikou.ledger.dump import canonical_dump

                other = pg_url or f"sqlite:///{tmp / 'batch.db'}"
                same = canonical_dump(engine(build_db)) == canonical_dump(engine(other))
                print(f"  build's ledger == batch's ledger: {same}")
        finally:
            if drop is not None:
                drop()  # type: ignore[operator]


if __name__ == "__main__":
    main()
