"""The engine-neutral side of ``duikou batch extract``: which shards, what is done, progress, the record.

An engine adapter (:mod:`duikou.services.batch.dask_run`) asks :class:`Tracker` for the shards still to
do, runs :func:`~duikou.services.batch.shard.extract_shard` on each wherever it likes, and hands each
result (or error) back as it comes; the tracker keeps the manifest, tells the watcher (shards done of
the total, documents a second, the time left, problems by kind) and writes the run's summary. Another
engine needs only that loop.
"""
from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any, Callable, Sequence

from duikou.errors import ConfigError, Problem
from duikou.runreport import Events, QuietEvents, RunReport
from duikou.services.batch.manifest import problem_kind, read_manifest, write_manifest, write_run_summary
from duikou.services.batch.parts import read_problems
from duikou.services.batch.shard import ShardResult, clean_temporary, done, stat_of

PHASE = "extracting shards"
LOCK = ".lock"
MANIFEST_EVERY = 10.0  # seconds between manifest writes while shards finish (and once at the end)


@dataclass
class BatchStatus:
    """A run's progress: shards done (this run and before) of the total, documents and bytes read this
    run, problems by kind, seconds so far."""

    shards_total: int
    shards_done: int = 0
    shards_skipped: int = 0
    shards_failed: int = 0
    documents: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    problems: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        """The time left at this run's rate of bytes read (None before the first shard is done)."""
        if self.bytes_done <= 0 or self.seconds <= 0:
            return None
        return max(self.bytes_total - self.bytes_done, 0) * self.seconds / self.bytes_done


@dataclass
class ExtractSummary:
    """What a run of ``batch extract`` did; ``ok`` when the whole output is clean (no rejected input, no
    failed document, no failed task), as ``build`` decides its exit status."""

    status: BatchStatus
    offtopic: int = 0
    failed: int = 0
    facts: int = 0
    rejected: int = 0
    workers: int | None = None
    summary_path: str = ""

    @property
    def ok(self) -> bool:
        return not (self.failed or self.rejected or self.status.shards_failed)

    def line(self) -> str:
        s = self.status
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(s.problems.items())) or "none"
        return (f"{s.shards_done} of {s.shards_total} shards extracted ({s.shards_skipped} done before, "
                f"{s.shards_failed} failed); {s.documents} documents read at {s.docs_per_s:.0f}/s: "
                f"{self.offtopic} off topic, {self.failed} failed, {self.facts} facts; problems: {kinds}; "
                f"summary {self.summary_path}")


class Tracker:
    """The bookkeeping of one run over ``shards`` into ``out_dir``."""

    def __init__(self, shards: Sequence[str], out_dir: str, events: Events | None = None,
                 status: Callable[[BatchStatus], None] | None = None, workers: int | None = None):
        self.out_dir = out_dir
        self.shards = list(shards)
        self.events = events or QuietEvents()
        self._watch = status
        self.workers = workers
        self.started = time.perf_counter()
        os.makedirs(out_dir, exist_ok=True)
        self._lock = _lock(out_dir)
        self._written = 0.0
        self._cpu = 0.0  # the workers' CPU seconds on this run's shards (against the wall time: contention)
        clean_temporary(out_dir)
        self.manifest = read_manifest(out_dir)
        self.manifest.order(self.shards)
        self.state = BatchStatus(shards_total=len(self.shards))
        self.summary = ExtractSummary(self.state, workers=workers)
        self.todo: list[str] = []
        for shard in self.shards:
            result = done(out_dir, shard)
            if result is None:
                self.todo.append(shard)
                self.state.bytes_total += max(stat_of(shard)[0], 0)
            else:
                self.manifest.put(result.to_json())
                self.state.shards_done += 1
                self.state.shards_skipped += 1
                self._count(result)
        self._save(force=True)
        self.events.progress(PHASE, total=len(self.shards))
        self.events.advance(PHASE, self.state.shards_skipped)
        self._tell()

    def finished(self, result: ShardResult) -> None:
        """A shard's part is in place: record it, tell its problems (shard and line) and the progress."""
        self.manifest.put(result.to_json())
        self._save()
        self.state.shards_done += 1
        if not result.skipped:  # done meanwhile by another run: nothing was read this time
            self._cpu += result.cpu_seconds
            self.state.documents += result.documents
            self.state.bytes_done += max(result.size, 0)
            if result.problems:
                for p in read_problems(os.path.join(self.out_dir, result.part)):
                    self.events.problem(p)
        self._count(result)
        self.events.advance(PHASE)
        self._tell()

    def failed(self, shard: str, err: BaseException) -> None:
        """The shard's task failed (not its input: the worker or the output): recorded; the run goes on."""
        reason = f"worker failed: {type(err).__name__}: {err}"
        self.manifest.put({"shard": shard, "error": reason})
        self._save()
        self.state.shards_failed += 1
        self.state.bytes_total -= max(stat_of(shard)[0], 0)
        self.state.problems["worker failed"] += 1
        self.events.problem(Problem(shard, reason, fatal=True))
        self.events.advance(PHASE)
        self._tell()

    def close(self) -> ExtractSummary:
        """The run's end: its summary kept under ``runs/`` (and returned)."""
        self.events.done(PHASE)
        self._save(force=True)
        s = self.state
        s.seconds = time.perf_counter() - self.started
        record: dict[str, Any] = {
            "step": "extract", "shards": s.shards_total, "done": s.shards_done, "skipped": s.shards_skipped,
            "failed_shards": s.shards_failed, "documents": s.documents, "seconds": round(s.seconds, 3),
            "docs_per_s": round(s.docs_per_s, 1), "offtopic": self.summary.offtopic, "failed": self.summary.failed,
            "facts": self.summary.facts, "rejected": self.summary.rejected, "problems": dict(s.problems),
            "workers": self.workers, "cpu_seconds": round(self._cpu, 3), "peak_mb": max((float(x.get("peak_mb", 0)) for x in self.manifest.shards),
                                                    default=0.0)}
        self.summary.summary_path = write_run_summary(self.out_dir, record)
        self._lock.close()  # the lock goes with the file's closing (and with the process, however it ends)
        return self.summary

    def _save(self, force: bool = False) -> None:
        """Write the manifest, at most every MANIFEST_EVERY seconds until the end: rewriting a manifest of
        100,000 shards after each would cost more than the shards. The parts stay the record of what is
        done; a run killed between two writes leaves a manifest that the next run completes."""
        now = time.perf_counter()
        if force or now - self._written >= MANIFEST_EVERY:
            write_manifest(self.out_dir, self.manifest)
            self._written = now

    def _count(self, result: ShardResult) -> None:
        self.summary.offtopic += result.offtopic
        self.summary.failed += result.failed
        self.summary.facts += result.facts
        self.summary.rejected += result.rejected
        self.state.problems.update(result.problems)

    def _tell(self) -> None:
        self.state.seconds = time.perf_counter() - self.started
        if self._watch is not None:
            self._watch(self.state)


def _lock(out_dir: str) -> IO[str]:
    """Hold the output directory for this run: a second run on it at once would remove this one's
    temporary parts (an advisory lock, released when the process ends, however it ends)."""
    import fcntl

    fh = open(os.path.join(out_dir, LOCK), "w", encoding="utf-8")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        raise ConfigError(f"{out_dir}: another `duikou batch extract` is writing here; wait for it or use "
                          "another --out") from None
    return fh


def shard_inputs(paths: Sequence[str], events: Events | None = None) -> tuple[list[str], list[Problem]]:
    """The input files ``paths`` name (files, directories, globs), in the order ``duikou build`` reads them,
    and the problems of the names that match nothing."""
    from duikou.ingest.read import iter_paths

    report = RunReport(events=events or QuietEvents())
    files = [p for p in iter_paths(list(paths), report) if p != "-"]
    if "-" in paths:
        report.problem("-", "stdin cannot be split into shards: give files")
    return list(dict.fromkeys(files)), list(report.problems)  # a file named twice is one shard


__all__ = ["BatchStatus", "ExtractSummary", "Tracker", "shard_inputs", "problem_kind"]
