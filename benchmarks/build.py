"""`duikou build` against `duikou extract` on a slice of the news crawl, on SQLite and PostgreSQL (issue 12).

    python benchmarks/build.py [--docs 5000] [--repeat 2] [--no-pg] [--pg URL] [--no-one-by-one]

Writes a spread sample of --docs crawl records (``_corpus.crawl_slice``: every k-th record of the four
shards) as one JSONL file and runs, in child processes pinned to one core (start-up included, the
package's bytecode cached first as benchmarks/extract.py does):

- ``duikou extract --format jsonl --quiet`` over it;
- ``duikou build --quiet`` into a fresh ledger (created and migrated before the clock starts; the
  migration is timed apart) on SQLite and on a scratch PostgreSQL database;
- with the one-by-one comparison (default), the same build storing each document in its own
  transaction (``store_one``: how ``duikou build`` stored before it stored in batches).

Each is run --repeat times, alternating, and the fastest run kept (others use the machine too). Prints
documents/s and the ratio build/extract on wall time (the database server's work is in the wall time,
not in the child's CPU time, which is printed too: steadier when others use the machine, but blind to
the server). Goal: build within 2.0x of extract.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import crawl_slice  # noqa: E402

# The build as it stored before batches: each document in its own transaction (services.build.store_one).
ONE_BY_ONE = """
import importlib, sys
from duikou.services.build import BuildSummary, settle_judgements, store_one, _default_extract
build = importlib.import_module("duikou.services.build")

def one_by_one(ledger, docs, report, extract=None, total=None, keep_offtopic=False):
    extract = extract or _default_extract(keep_offtopic)
    summary = BuildSummary()
    with report.progress("building", total=total) as bar:
        for doc in docs:
            if doc.path is not None:
                summary.seen.setdefault(doc.path, set()).add(doc.identity)
            status, n_facts, n_merges = store_one(ledger, doc, report, extract, keep_offtopic)
            summary.counts[status] += 1
            summary.counts["facts"] += n_facts
            summary.counts["merges"] += n_merges
            bar.advance()
    settle_judgements(ledger)
    return summary

build.store_documents = one_by_one
from duikou.cli import main
sys.argv = ["duikou", *sys.argv[1:]]
main()
"""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of ``argv`` pinned to core 0 (exit 1, some documents failed, still counts)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(["taskset", "-c", "0", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=env, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:3])} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class Databases:
    """Fresh, migrated ledgers: SQLite files in a scratch directory, scratch PostgreSQL databases."""

    def __init__(self, tmp: Path, pg: str | None) -> None:
        self.tmp, self.pg, self.made = tmp, pg, []  # type: ignore[var-annotated]

    def fresh(self, kind: str) -> tuple[str, float]:
        """A new empty ledger of ``kind`` and the seconds migrating it took."""
        from duikou.ledger.db import engine

        if kind == "sqlite":
            url = f"sqlite:///{self.tmp / f'ledger-{uuid.uuid4().hex[:8]}.db'}"
        else:
            url = self._pg_database()
        t0 = time.perf_counter()
        engine(url).dispose()
        return url, time.perf_counter() - t0

    def _pg_database(self) -> str:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        assert self.pg is not None
        name = f"duikou_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(self.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        self.made.append(name)
        return make_url(self.pg).set(database=name).render_as_string(hide_password=False)

    def drop(self) -> None:
        if not self.made:
            return
        from sqlalchemy import create_engine, text

        admin = create_engine(self.pg, isolation_level="AUTOCOMMIT")  # type: ignore[arg-type]
        with admin.connect() as c:
            for name in self.made:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def pg_admin(url: str | None) -> str | None:
    """The PostgreSQL server's admin URL when it answers, else None (said why)."""
    from sqlalchemy import create_engine, text

    from duikou import settings

    url = url or settings.get("test_pg")
    try:
        eng = create_engine(url, connect_args={"connect_timeout": 3})
        with eng.connect() as c:
            c.execute(text("SELECT 1"))
        eng.dispose()
        return url
    except Exception as err:  # noqa: BLE001 - any failure: PostgreSQL is skipped, said why
        print(f"[postgresql] skipped: {type(err).__name__}: {err}")
        return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--pg", default=None, help="admin URL of the PostgreSQL server (default: DUIKOU_TEST_PG)")
    ap.add_argument("--no-one-by-one", action="store_true", help="skip the one-transaction-per-document build")
    args = ap.parse_args()
    pg = None if args.no_pg else pg_admin(args.pg)
    kinds = ["sqlite"] + (["postgresql"] if pg else [])

    with tempfile.TemporaryDirectory(prefix="duikou-bench-") as tmp_name:
        tmp = Path(tmp_name)
        corpus, ndocs, nbytes = crawl_slice(tmp / "crawl.jsonl", args.docs)
        duikou = str(Path(sys.executable).with_name("duikou"))
        env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        first = tmp / "first.jsonl"
        with corpus.open(encoding="utf-8") as src:
            first.write_text(src.readline(), encoding="utf-8")
        subprocess.run([duikou, "extract", "--quiet", str(first)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env)  # bytecode cached, untimed
        dbs = Databases(tmp, pg)
        runs: dict[str, Callable[[], tuple[float, float]]] = {
            "extract": lambda: run([duikou, "extract", "--format", "jsonl", "--quiet", str(corpus)], env)}
        migrate: dict[str, list[float]] = {k: [] for k in kinds}

        def building(kind: str, one_by_one: bool) -> Callable[[], tuple[float, float]]:
            def go() -> tuple[float, float]:
                url, secs = dbs.fresh(kind)
                migrate[kind].append(secs)
                argv = ([sys.executable, "-c", ONE_BY_ONE] if one_by_one else [duikou])
                return run([*argv, "build", "--quiet", "--db", url, str(corpus)], env)
            return go

        for kind in kinds:
            runs[f"build {kind}"] = building(kind, False)
            if not args.no_one_by_one:
                runs[f"build {kind}, one by one"] = building(kind, True)
        best: dict[str, tuple[float, float]] = {}
        try:
            for _ in range(args.repeat):
                for name, go in runs.items():
                    wall, cpu = go()
                    if name not in best or wall < best[name][0]:
                        best[name] = (wall, cpu)
        finally:
            dbs.drop()

    load = os.getloadavg()
    print(f"corpus   {ndocs} crawl documents, {nbytes / 1e6:.1f} MB of text; best of {args.repeat}, one core; "
          f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    base, base_cpu = best["extract"]
    for name, (wall, cpu) in best.items():
        ratio = "" if name == "extract" else f"  build/extract {wall / base:.2f}x (CPU {cpu / base_cpu:.2f}x)"
        print(f"{name:<30} {ndocs / wall:7.0f} docs/s  {wall:6.2f} s wall, {cpu:6.2f} s CPU{ratio}")
    for kind in kinds:
        print(f"(a fresh {kind} ledger's migration, not timed above: {min(migrate[kind]):.2f} s)")
    print("goal: build/extract <= 2.0 on each database")


if __name__ == "__main__":
    main()
