"""``duikou batch extract`` on Dask: the only module that imports dask or distributed.

One task a shard not yet done, each :func:`~duikou.services.batch.shard.extract_shard` (plain Python);
results are taken as they complete and handed to the :class:`~duikou.services.batch.run.Tracker`
(manifest, progress, the run's summary). Without an address a local cluster is started: ``workers``
processes of one thread each (extraction is pure Python: threads would share one interpreter lock), each
with a memory limit. With an address the tasks go to that scheduler; its workers must read the shards
and write the output directory at the same paths (a shared file system), so paths are made absolute.
``synchronous`` runs the tasks one after another in this process (Dask's synchronous scheduler: tests,
debugging).
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

from duikou.errors import ConfigError
from duikou.runreport import Events
from duikou.services.batch.run import BatchStatus, ExtractSummary, Tracker
from duikou.services.batch.shard import ShardResult, extract_shard

DEFAULT_MEMORY = "1GiB"  # per worker: a shard streams, so a worker stays far below it (docs/scale.md)


def require_dask() -> None:
    """Stop with a clear message when the ``batch`` extra is not installed."""
    try:
        import distributed  # noqa: F401 - only to know that it is there
    except ImportError:
        raise ConfigError("batch mode needs Dask: pip install 'duikou[batch]'") from None


def run_extract(shards: Sequence[str], out_dir: str, events: Events | None = None, *,
                status: Callable[[BatchStatus], None] | None = None, address: str | None = None,
                workers: int | None = None, memory_limit: str = DEFAULT_MEMORY,
                synchronous: bool = False) -> ExtractSummary:
    """Extract each of ``shards`` (files, in the build's order) into its part under ``out_dir``; shards
    whose parts are complete are skipped. A task that fails is a problem on its shard; the others go on."""
    require_dask()
    if address is not None:
        shards = [os.path.abspath(s) for s in shards]
        out_dir = os.path.abspath(out_dir)
    n = workers or (None if address or synchronous else min(os.cpu_count() or 1, max(len(shards), 1)))
    tracker = Tracker(shards, out_dir, events, status, workers=1 if synchronous else n)
    try:
        if tracker.todo:
            if synchronous:
                _synchronous(tracker, out_dir)
            else:
                with _client(address, n, memory_limit) as client:
                    if address is not None:
                        tracker.workers = len(client.scheduler_info().get("workers", {})) or None
                    _distributed(client, tracker, out_dir)
    finally:
        summary = tracker.close()
    return summary


def _synchronous(tracker: Tracker, out_dir: str) -> None:
    from dask.delayed import delayed

    for shard in tracker.todo:
        try:
            result = delayed(extract_shard, pure=False)(shard, out_dir).compute(scheduler="synchronous")
        except Exception as err:  # noqa: BLE001 - a failed task is a problem on its shard; the rest go on
            tracker.failed(shard, err)
            continue
        tracker.finished(result)


def _distributed(client: Any, tracker: Tracker, out_dir: str) -> None:
    import distributed

    dist: Any = distributed  # untyped: its calls are checked by the tests, not mypy
    futures = client.map(extract_shard, tracker.todo, out_dir=out_dir, pure=False)
    shard_of = {f.key: s for f, s in zip(futures, tracker.todo)}
    try:
        for future in dist.as_completed(futures):
            shard = shard_of[future.key]
            if future.status == "finished":
                result = future.result()
                assert isinstance(result, ShardResult)
                tracker.finished(result)
            else:  # erred (the task raised) or cancelled (its worker was lost past the retries)
                tracker.failed(shard, future.exception() if future.status == "error" else
                               RuntimeError(f"task {future.status}"))
            future.release()
    except BaseException:
        client.cancel(futures)
        raise


_LOGGERS = ("distributed", "distributed.worker", "distributed.scheduler", "distributed.nanny", "distributed.core",
            "distributed.client", "distributed.worker.state_machine", "tornado.application")


@contextmanager
def _client(address: str | None, workers: int | None, memory_limit: str) -> Iterator[Any]:
    """A client of the scheduler at ``address``, or of a local cluster made (and closed) here.

    Dask's log lines stay off the terminal (its INFO lines would run through the progress display); a
    task's failure reaches the run as a problem on its shard instead. Once the run is interrupted, the
    tracebacks Dask logs while its workers are stopped are not shown either: duikou says it in one line.
    """
    import distributed

    dist: Any = distributed
    _quiet(logging.ERROR)
    cluster = None
    if address is not None:
        try:
            client = dist.Client(address, timeout="10s")
        except (OSError, TimeoutError) as err:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    else:
        cluster = dist.LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                    memory_limit=memory_limit, dashboard_address=None, silence_logs=logging.ERROR)
        client = dist.Client(cluster)
    try:
        yield client
    except BaseException:
        _quiet(logging.CRITICAL + 1)  # before the workers are stopped
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _quiet(level: int) -> None:
    for name in _LOGGERS:
        logging.getLogger(name).setLevel(level)
