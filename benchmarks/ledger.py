"""Ledger benchmark: build speed and query latency on SQLite and PostgreSQL.

1. End to end: ingest + extract + store the seeds and examples/reports.
2. Storage: those extraction records repeated as >= 20,000 documents with
   varied sources, bodies and dates (pre-extracted, so only the ledger is
   timed), stored as ``duikou build`` stores them (a batch per transaction),
   on each database.
3. Once the ledger holds >= 1 million statements: p50/p95 latency of
   ``show`` (every region that has pairings) and ``pairings``.

Usage: python benchmarks/ledger.py [--docs N] [--no-pg] [--pg URL]
(--docs scales the storage run: ~105 statements per document, so 10,000 give ~1M.)
Goals: build >= 200 docs/s on SQLite; show p95 < 100 ms.
"""
from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import SEEDS  # noqa: E402

from duikou.ingest import read_documents  # noqa: E402
from duikou.extract.pipeline import Extraction  # noqa: E402
from duikou.ingest.document import Document  # noqa: E402
from duikou.ledger import queries  # noqa: E402
from duikou.services.build import extract_record, store_documents  # noqa: E402
from duikou.ledger.store import Ledger  # noqa: E402
from duikou.runreport import RunReport  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"


def originals() -> list[tuple[Document, Extraction]]:
    paths = [str(p) for p in (SEEDS, EXAMPLES) if p.exists()]
    docs = list(read_documents(paths, RunReport(quiet=True)))
    return [(d, extract_record(d)) for d in docs]


def _shift(date: str | None, years: int, day: int) -> str | None:
    if not date or len(date) != 10:
        return date
    return f"{int(date[:4]) + years:04d}-{date[5:7]}-{(int(date[8:10]) + day - 1) % 28 + 1:02d}"


def variants(base: list[tuple[Document, Extraction]], n: int) -> Iterator[tuple[Document, Extraction]]:
    """``n`` distinct documents: each original under a new source, body and date."""
    for i in range(n):
        d0, r0 = base[i % len(base)]
        years, day = (i // len(base)) % 8, (i // (len(base) * 8)) % 28
        d = copy.copy(d0)
        d.source = f"bench/{i:06d}/{Path(d0.source).name}"
        d.key = d.path = None  # known by its new source, not as the file it was read from
        d.text = d0.text + f"\n（{i}）"
        d.published = _shift(d0.published, years, day)
        x = copy.deepcopy(r0)
        x.doc = d  # the records take the source and its hash from the extraction's document
        for f in x.facts.get("events", []) + x.facts.get("agreements", []):
            if "date" in f.data:
                f.data["date"] = _shift(f.data["date"], years, day)
        yield d, x


def time_build(url: str, docs: list[tuple[Document, Extraction]]) -> float:
    ledger = Ledger(url)
    records = {d.source: r for d, r in docs}
    t = time.perf_counter()
    store_documents(ledger, (d for d, _ in docs), RunReport(quiet=True), extract=lambda d: records[d.source])
    dt = time.perf_counter() - t
    ledger.close()
    return dt


def latencies(fn: Callable[[Any], object], args: list[Any]) -> tuple[float, float]:
    times = []
    for a in args:
        t = time.perf_counter()
        fn(a)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


RESULTS: list[dict[str, Any]] = []


def bench(name: str, url: str, base: list[tuple[Document, Extraction]], n: int) -> None:
    docs = list(variants(base, n))
    secs = time_build(url, docs)
    ledger = Ledger(url)
    st = queries.stats(ledger.engine)
    print(f"[{name}] stored {n} docs in {secs:.1f}s = {n / secs:.0f} docs/s; "
          f"{st['statements']:,} statements, {st['facts']:,} facts, {st['pairings']} pairings, "
          f"{st['events']:,} events")
    parties = sorted({p["helper"]["id"] for p in queries.list_pairings(ledger.engine)} |
                     {p["recipient"]["id"] for p in queries.list_pairings(ledger.engine)})
    show = latencies(lambda q: queries.show(ledger.engine, q), parties * 5)
    pairs = latencies(lambda _: queries.list_pairings(ledger.engine), list(range(50)))
    print(f"[{name}] show p50 {show[0]:.1f} ms, p95 {show[1]:.1f} ms ({len(parties) * 5} calls); "
          f"pairings p50 {pairs[0]:.1f} ms, p95 {pairs[1]:.1f} ms")
    RESULTS.append({"db": name, "docs": n, "docs/s": n / secs, "statements": st["statements"],
                    "show p50": show[0], "show p95": show[1], "pairings p50": pairs[0], "pairings p95": pairs[1]})
    ledger.close()


def table() -> None:
    """The figures of every database benchmarked, as one table."""
    cols = ["db", "docs", "docs/s", "statements", "show p50", "show p95", "pairings p50", "pairings p95"]
    fmt = {"docs": "{:,}", "statements": "{:,}", "docs/s": "{:.0f}"}
    rows = [[fmt.get(c, "{:.1f}" if c != "db" else "{}").format(r[c]) for c in cols] for r in RESULTS]
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(cols)]
    print("\n" + "  ".join(c.rjust(w) for c, w in zip(cols, widths)) + "   (latencies in ms)")
    for r in rows:
        print("  ".join(v.rjust(w) for v, w in zip(r, widths)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--pg", default=None, help="admin URL of the PostgreSQL server (default: DUIKOU_TEST_PG)")
    ns = ap.parse_args()

    t = time.perf_counter()
    base = originals()
    secs = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        e2e = time_build(f"sqlite:///{tmp}/e2e.db", base)
    print(f"[end-to-end] {len(base)} reports: ingest+extract {len(base) / secs:.1f} docs/s, "
          f"store {len(base) / e2e:.0f} docs/s, together {len(base) / (secs + e2e):.1f} docs/s")

    with tempfile.TemporaryDirectory() as tmp:
        bench("sqlite", f"sqlite:///{tmp}/bench.db", base, ns.docs)
    if not ns.no_pg:
        bench_pg(ns, base)
    table()


def bench_pg(ns: argparse.Namespace, base: list[tuple[Document, Extraction]]) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from duikou import settings

    admin_url = ns.pg or settings.get("test_pg")
    name = f"duikou_bench_{uuid.uuid4().hex[:8]}"
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as err:  # noqa: BLE001
        print(f"[postgresql] skipped: {err}")
        return
    try:
        bench("postgresql", make_url(admin_url).set(database=name).render_as_string(hide_password=False), base,
              ns.docs)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
