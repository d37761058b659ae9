"""``duikou batch load``: the parts of ``duikou batch extract`` into a ledger, as ``duikou build`` stores.

The parts are read in the manifest's order (the order the build reads the shards), each in its shard's
order, and stored a batch at a time through the ledger's bulk store
(:func:`duikou.ledger.bulk.store_entries`: COPY on PostgreSQL, executemany on SQLite), off-topic
documents kept out as the build keeps them (counted, their verdict stored without text or facts). What
the build does after storing is done here too, with the build's own functions: judgements settled,
records gone from a shard retracted, the problems recorded (``duikou problems``) with the run in
``builds``, the planner's statistics refreshed. So the ledger is the one ``duikou build`` gives over the
same shards (tests/batch/test_equivalence.py compares their canonical dumps).
"""
from __future__ import annotations

import os
import time
from typing import Any

from duikou.errors import InputError
from duikou.runreport import Events, QuietEvents, RunReport
from duikou.services.batch.manifest import problem_kind, read_manifest, write_run_summary
from duikou.services.batch.parts import FORMAT, read_documents, read_problems
from duikou.services.batch.shard import RESULT
from duikou.services.build import (BuildSummary, record_problems, refresh_statistics, settle_judgements,
                                   sweep_left_records)
from duikou.services.connect import Db, ledger_of

PHASE = "loading"
_COUNTED = ("new", "unchanged", "replaced", "failed", "offtopic", "retracted", "facts", "merges")
BATCH = 2000  # documents a store_entries call: large transactions, bounded memory (on-topic texts only)


def load(parts_dir: str, db: Db, events: Events | None = None, *, batch: int = BATCH) -> BuildSummary:
    """Store the parts under ``parts_dir`` in the ledger ``db`` (an engine or a URL); returns the build's
    summary (new, unchanged, replaced, failed, off topic, facts, merges, rejected inputs).

    A shard whose extraction failed, or whose part is missing, is a problem (rejected); the others are
    loaded. The problems the extraction found are recorded with the run, as the build records them.
    """
    from duikou.ledger.bulk import Entry, store_entries
    from duikou.ledger.db import now

    manifest = read_manifest(parts_dir, required=True)
    report = RunReport(events=events or QuietEvents())
    summary = BuildSummary()
    started, run = time.perf_counter(), now()
    total = sum(int(s.get("documents", 0)) for s in manifest.shards)
    with ledger_of(db) as ledger:
        pending: list[Entry] = []

        def flush() -> None:
            if not pending:
                return
            # A source twice in a batch is stored twice, in order (store_entries splits the batch there).
            stored = store_entries(ledger, pending, again="read again")  # the build's words for a return
            summary.counts.update({k: stored.counts[k] for k in _COUNTED})
            for p in stored.problems:  # facts the schema kept out (the build reports them as it stores)
                report.problem(p.source, p.reason, p.line, fatal=False)
            bar.advance(len(pending))
            pending.clear()

        with report.progress(PHASE, total=total) as bar:
            for entry in manifest.shards:
                part = _part_dir(parts_dir, entry, report)
                if part is None:
                    continue
                for p in read_problems(part):  # told when extracted: recorded now, as the build records them
                    report.problems.append(p)
                    report.counts["problems"] += 1
                for d in read_documents(part):
                    if d.source.path is not None:
                        summary.seen.setdefault(d.source.path, set()).add(d.source.source)
                    pending.append(Entry(d.source, d.facts, d.failure, offtopic=d.offtopic))
                    if len(pending) >= batch:
                        flush()
            flush()
        settle_judgements(ledger)
        summary.counts["pruned"] += sweep_left_records(ledger, summary.seen, report)
        summary.counts["rejected"] = sum(1 for p in report.problems if p.fatal)
        summary.problems = list(report.problems)
        record_problems(ledger, report, run, summary)
        refresh_statistics(ledger.engine)
    _keep_summary(parts_dir, summary, time.perf_counter() - started)
    return summary


def _part_dir(parts_dir: str, entry: dict[str, Any], report: RunReport) -> str | None:
    """The part of a manifest entry when it is complete and of this layout; else a problem on its shard."""
    shard = str(entry["shard"])
    if "error" in entry or "part" not in entry:
        reason = entry.get("error") or "not extracted"
        report.problem(shard, f"no part to load ({reason}); run `duikou batch extract` again")
        return None
    part = os.path.join(parts_dir, str(entry["part"]))
    if not os.path.exists(os.path.join(part, RESULT)):
        report.problem(shard, f"its part {part} is missing; run `duikou batch extract` again")
        return None
    if int(entry.get("format", FORMAT)) != FORMAT:
        raise InputError(part, f"a part of layout {entry.get('format')}; this duikou reads layout {FORMAT}")
    return part


def _keep_summary(parts_dir: str, summary: BuildSummary, seconds: float) -> None:
    docs = summary.documents
    kinds: dict[str, int] = {}
    for p in summary.problems:
        kinds[problem_kind(p.reason)] = kinds.get(problem_kind(p.reason), 0) + 1
    record = {"step": "load", **summary.to_json(), "documents": docs, "seconds": round(seconds, 3),
              "docs_per_s": round(docs / seconds, 1) if seconds > 0 else 0.0, "problems": kinds}
    try:
        write_run_summary(parts_dir, record)
    except OSError:  # a read-only output directory: the ledger's `builds` row still records the run
        pass

