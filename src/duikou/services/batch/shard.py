"""One input shard to one part: the per-shard function of ``duikou batch extract``, plain Python.

The shard's documents are read as ``duikou build`` reads them (:func:`duikou.ingest.read_documents`:
the same identities, body hashes and problems) and each is extracted as the build extracts a report it
stores (:func:`duikou.services.build.extract_record`, the on-topic facts, the typed records), one at a
time; the part is written a row group at a time, so a worker's memory does not grow with the shard.

The part is written into a temporary directory beside its place, with its result (``result.json``),
and renamed into place in one step: a part under its own name is complete, and it is the only record of
a shard being done. A run killed at any point leaves at most a temporary directory, which the next run
removes and does again. A shard changed since its part was made (size or modification time) is done
again. No engine is imported here: any scheduler (Dask: :mod:`duikou.services.batch.dask_run`) can
call :func:`extract_shard`.
"""
from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import sys
import time
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from duikou.errors import Problem
from duikou.schema.records import FactRecord
from duikou.runreport import QuietEvents, RunReport
from duikou.services.batch.manifest import problem_kind
from duikou.services.batch.parts import FORMAT, PartDocument, PartWriter

PARTS = "parts"
RESULT = "result.json"
_TMP = ".tmp-"


@dataclass
class ShardResult:
    """What extracting one shard gave: its part (relative to the output directory), the shard's size and
    modification time when it was read, counts, problems by kind, time and the worker's peak memory."""

    shard: str
    part: str
    size: int
    mtime_ns: int
    documents: int = 0
    offtopic: int = 0
    failed: int = 0
    facts: int = 0
    rejected: int = 0  # problems on which nothing of an input could be used (as ``build`` counts them)
    problems: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the worker's CPU time on it: below ``seconds`` when the machine is busy
    peak_mb: float = 0.0
    format: int = FORMAT
    skipped: bool = False  # done by an earlier run: nothing was read this time

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("skipped")
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ShardResult:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def part_name(shard: str) -> str:
    """The part's directory name: the shard's file name without its extensions, and a digest of its
    resolved location (two shards of one name in different folders are two parts)."""
    base = os.path.basename(shard).split(".")[0] or "shard"
    digest = hashlib.sha1(os.path.realpath(shard).encode("utf-8")).hexdigest()[:8]
    return f"{base}-{digest}"


def stat_of(shard: str) -> tuple[int, int]:
    """(size, modification time in ns) of ``shard``; (-1, -1) when it cannot be read."""
    try:
        st = os.stat(shard)
    except OSError:
        return -1, -1
    return st.st_size, st.st_mtime_ns


def done(out_dir: str, shard: str) -> ShardResult | None:
    """The result of ``shard``'s part in ``out_dir`` when it is complete and the shard has not changed."""
    path = os.path.join(out_dir, PARTS, part_name(shard), RESULT)
    try:
        with open(path, encoding="utf-8") as fh:
            result = ShardResult.from_json(json.load(fh))
    except (OSError, ValueError, TypeError):
        return None
    size, mtime = stat_of(shard)
    if result.format != FORMAT or (result.size, result.mtime_ns) != (size, mtime):
        return None
    result.shard = shard
    result.skipped = True
    return result


def extract_shard(shard: str, out_dir: str, group: int = 500) -> ShardResult:
    """Extract every document of ``shard`` into its part under ``out_dir`` (skipped when done already).

    What cannot be read (a bad JSON line, a truncated gzip stream) is a problem kept in the part, named by
    the shard and line; the documents that could be read are kept. Off-topic documents are kept without
    their text (the ledger does not keep it either).
    """
    finished = done(out_dir, shard)
    if finished is not None:
        return finished
    from duikou.ingest import read_documents

    started, cpu = time.perf_counter(), time.process_time()
    size, mtime = stat_of(shard)
    name = part_name(shard)
    parts = os.path.join(out_dir, PARTS)
    tmp = os.path.join(parts, f"{_TMP}{name}-{uuid.uuid4().hex[:8]}")
    result = ShardResult(shard=shard, part=f"{PARTS}/{name}", size=size, mtime_ns=mtime)
    report = RunReport(events=QuietEvents())
    kinds: Counter[str] = Counter()
    writer = PartWriter(tmp, group)
    try:
        for seq, doc in enumerate(read_documents([shard], report)):
            part_doc = _extracted(seq, doc, report)
            writer.add(part_doc)
            result.documents += 1
            result.offtopic += part_doc.offtopic
            result.failed += part_doc.failure is not None
            result.facts += len(part_doc.facts)
            if len(report.problems) >= group:
                _move_problems(report, writer, kinds, result)
        _move_problems(report, writer, kinds, result)
        writer.close()
        result.problems = dict(kinds)
        result.seconds = round(time.perf_counter() - started, 3)
        result.cpu_seconds = round(time.process_time() - cpu, 3)
        result.peak_mb = round(peak_mb(), 1)
        _write_json(os.path.join(tmp, RESULT), result.to_json())
        _commit(tmp, os.path.join(parts, name))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result


def _extracted(seq: int, doc: Any, report: RunReport) -> PartDocument:
    """``doc`` as ``duikou build`` stores it (services/build.py ``store_one``: the same steps, without the
    ledger)."""
    from duikou.extract.pipeline import on_topic_facts
    from duikou.extract.records import records, source_record
    from duikou.services.build import extract_record

    source, failure = source_record(doc), None
    found: list[FactRecord] = []
    try:
        source, found = records(on_topic_facts(extract_record(doc)))
    except Exception as err:  # noqa: BLE001 - one bad report must not stop the shard
        failure = f"{type(err).__name__}: {err}"
        report.problem(doc.source, f"extraction failed: {failure}", fatal=False)
    offtopic = failure is None and source.topic is not None and not source.topic.on_topic
    if offtopic:  # the ledger keeps no text of an off-topic report: the part need not carry it
        from dataclasses import replace

        source = replace(source, text=None)
    return PartDocument(seq, source, found, failure, offtopic)


def _move_problems(report: RunReport, writer: PartWriter, kinds: Counter[str], result: ShardResult) -> None:
    """The problems found so far into the part (the run's record does not grow with a damaged shard),
    named as the build names them (the load resolves them as the build does when it records them)."""
    moved = list(report.problems)
    report.problems.clear()
    writer.problems(moved)
    kinds.update(problem_kind(p.reason) for p in moved)
    result.rejected += sum(1 for p in moved if p.fatal)


def _commit(tmp: str, final: str) -> None:
    """Put the complete part in place in one rename (a stale part of a changed shard goes first)."""
    for name in os.listdir(tmp):  # on disk before the rename makes them the part
        with open(os.path.join(tmp, name), "rb") as fh:
            os.fsync(fh.fileno())
    if os.path.exists(final):
        shutil.rmtree(final)
    os.rename(tmp, final)
    _fsync_dir(os.path.dirname(final))


def _write_json(path: str, data: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean_temporary(out_dir: str) -> int:
    """Remove the temporary parts a killed run left (call only while no run writes to ``out_dir``)."""
    parts = os.path.join(out_dir, PARTS)
    gone = 0
    if os.path.isdir(parts):
        for name in os.listdir(parts):
            if name.startswith(_TMP):
                shutil.rmtree(os.path.join(parts, name), ignore_errors=True)
                gone += 1
    return gone


def peak_mb() -> float:
    """This process's peak resident memory in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
