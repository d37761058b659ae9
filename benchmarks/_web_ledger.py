"""The web benchmark's ledger: >= 20,000 documents grown from the real reports' extractions.

The 835 real reports (``real/dev`` and ``real/ontopic.jsonl``) are read and extracted once, then stored
again and again under new sources and shifted dates (``benchmarks/ledger.py``'s :func:`variants`), so
profiles, lists and the map hold realistic amounts of data; a few crawl documents (mostly off topic) are
stored too. Only storage is repeated, so a 20,000-document build takes minutes, not hours.

A ledger that already holds the documents is reused: every document is known by its source, so a second
run (or one that resumes a build that was stopped) skips what is stored.
"""
from __future__ import annotations

import re
from collections import Counter
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import SHARED, crawl_slice  # noqa: E402
from ledger import variants  # noqa: E402  (benchmarks/ledger.py)

from duikou import settings  # noqa: E402
from duikou.extract.pipeline import Extraction  # noqa: E402
from duikou.ingest import read_documents  # noqa: E402
from duikou.ingest.document import Document  # noqa: E402
from duikou.ledger import queries  # noqa: E402
from duikou.ledger.store import Ledger  # noqa: E402
from duikou.runreport import QuietEvents, RunReport  # noqa: E402
from duikou.services.build import extract_record, store_documents  # noqa: E402

REAL = SHARED / "corpus" / "real"
Log = Callable[[str], None]


def real_originals(log: Log) -> list[tuple[Document, Extraction]]:
    """The real reports (dev and ontopic) with their extractions, read once."""
    inputs = [REAL / "dev", REAL / "ontopic.jsonl"]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise SystemExit(f"missing {', '.join(missing)}: the benchmark needs ../shared beside the repository")
    t = time.perf_counter()
    docs = list(read_documents([str(p) for p in inputs], RunReport(quiet=True)))
    out = [(d, extract_record(d)) for d in docs]
    log(f"read and extracted {len(out)} real reports in {time.perf_counter() - t:.1f}s")
    return out


def crawl_documents(n: int) -> list[Document]:
    """``n`` crawl documents spread over the shards (plain news of every topic, stored as they are)."""
    if n <= 0:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        path, _, _ = crawl_slice(Path(tmp) / "crawl.jsonl", n)
        # Known by a source of their own, so they never clash with a real report's copies.
        docs = list(read_documents([str(path)], RunReport(quiet=True)))
    for i, d in enumerate(docs):
        d.source = f"bench-crawl/{i:05d}"
        d.key = d.path = None
    return docs


def _progress(docs: Iterator[Document], total: int, log: Log, every: int = 1000) -> Iterator[Document]:
    """``docs`` as they are, printing how far the build is (and its rate) every ``every`` documents."""
    t = time.perf_counter()
    for i, d in enumerate(docs, 1):
        yield d
        if i % every == 0 or i == total:
            secs = time.perf_counter() - t
            rate = i / secs if secs else 0.0
            eta = (total - i) / rate if rate else 0.0
            log(f"  {i:,}/{total:,} documents, {rate:.0f}/s, ~{eta:.0f}s left")


def grow(url: str, n: int, log: Log) -> dict[str, Any]:
    """Make the ledger at ``url`` hold ``n`` benchmark documents (reusing those stored); its stats."""
    ledger = Ledger(url)
    try:
        st: dict[str, Any] = queries.stats(ledger.engine)
        if st["documents"] >= n:  # every stored one but the retracted (off-topic ones too)
            log(f"reusing the ledger: {st['documents']:,} documents, {st['facts']:,} facts")
            return st
        n_crawl = min(100, n // 200)
        base = real_originals(log)
        stash: dict[str, Extraction] = {}

        def stream() -> Iterator[Document]:
            yield from crawl_documents(n_crawl)
            # Extractions are copied one at a time (the extract callback takes each back), so memory stays flat.
            for d, x in variants(base, n - n_crawl):
                stash[d.source] = x
                yield d

        def extract(d: Document) -> Extraction:
            return stash.pop(d.source) if d.source in stash else extract_record(d)

        log(f"building {n:,} documents ({n - n_crawl:,} copies of {len(base)} real reports, {n_crawl} crawl "
            f"documents); stored ones are skipped")
        t = time.perf_counter()
        # The facts the schema refuses are the build's business, not the benchmark's: counted, not printed.
        report = RunReport(quiet=True, events=QuietEvents())
        summary = store_documents(ledger, _progress(stream(), n, log), report, extract=extract)
        st = queries.stats(ledger.engine)
        reasons = Counter(p.reason for p in report.problems)
        log(f"built in {time.perf_counter() - t:.0f}s: {dict(summary.counts)}; {st['documents']:,} documents, "
            f"{st['facts']:,} facts, {st['pairings']:,} pairings, {st['events']:,} events; "
            f"{len(report.problems)} problems" + "".join(f"\n  {k} x{v}" for k, v in reasons.most_common(3)))
        return st
    finally:
        ledger.close()


def admin_url() -> str:
    """The PostgreSQL server's admin URL (DUIKOU_TEST_PG, default the local test database)."""
    return str(settings.get("test_pg"))


@contextmanager
def pg_database(keep: Path | None) -> Iterator[str]:
    """A PostgreSQL database for the benchmark, as a URL: named after ``keep`` and left in place (reused
    next time) when given, else a scratch one dropped at the end."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = admin_url()
    name = ("duikou_web_" + re.sub(r"[^a-z0-9_]", "_", keep.stem.lower())) if keep else \
        f"duikou_webbench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            exists = c.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
            if not exists:
                c.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        if keep is None:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def sqlite_file(keep: Path | None) -> Iterator[str]:
    """A SQLite ledger URL: the file ``keep`` (kept) or one in a directory removed at the end."""
    if keep is not None:
        keep.parent.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{keep.resolve()}"
        return
    with tempfile.TemporaryDirectory(prefix="duikou-web-") as tmp:
        yield f"sqlite:///{tmp}/web.db"
