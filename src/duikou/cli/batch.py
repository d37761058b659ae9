"""``duikou batch extract|load``: news-scale corpora in shards, extracted on Dask, loaded in bulk.

Thin over :mod:`duikou.services.batch`; the progress is the other commands' bar with the run's rate,
time left and problems by kind beside it (a line a shard when stderr is no terminal, as in a cluster
job's log).
"""
from __future__ import annotations

import sys
import time
from typing import Any

import click

from duikou.cli.options import DB
from duikou.cli.progress import TerminalEvents


@click.group()
def batch() -> None:
    """News-scale runs: extract input shards on a Dask cluster into Parquet, then load them into a ledger.

    \b
      duikou batch extract 'shards/*.jsonl.gz' --out facts/ [--workers N | --address tcp://HOST:8786]
      duikou batch load facts/ [--db URL]

    The ledger is the one `duikou build 'shards/*.jsonl.gz'` makes. A killed extract resumes: a rerun
    skips the shards whose parts are complete.
    """


@batch.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, metavar="DIR", type=click.Path(file_okay=False),
              help="Output directory: parts/ (Parquet, one part a shard), manifest.json, runs/.")
@click.option("--address", default=None, metavar="tcp://HOST:PORT",
              help="A running Dask scheduler (its workers must see the shards and DIR at the same paths); "
                   "else a local cluster.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster (default: one a core).")
@click.option("--memory-limit", default="1GiB", show_default=True, help="Memory limit of each local worker.")
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary (problems are still shown).")
def extract(paths: tuple[str, ...], out: str, address: str | None, workers: int | None, memory_limit: str,
            quiet: bool) -> None:
    """Extract the reports of PATHS (files, directories, globs; one shard a file) into Parquet parts.

    Each shard is read and extracted as `duikou build` does; its part holds its documents (with their
    relevance verdicts and failures), facts and problems. Exit status 1 when an input was rejected, a
    report failed or a shard's task failed.
    """
    from duikou.errors import InputError
    from duikou.services.batch import shard_inputs
    from duikou.services.batch.dask_run import require_dask, run_extract

    require_dask()
    events = _BatchEvents(quiet=quiet)
    shards, problems = shard_inputs(paths, events)
    if not shards:
        raise InputError(" ".join(paths), "no input files")
    summary = run_extract(shards, out, events, status=events.status, address=address, workers=workers,
                          memory_limit=memory_limit)
    if not quiet:
        click.echo(summary.line(), err=True)
    if problems or not summary.ok:
        sys.exit(1)


@batch.command("load")
@click.argument("parts_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False))
@DB
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def load(parts_dir: str, db: str | None, quiet: bool) -> None:
    """Load the parts of `duikou batch extract` in DIR into the ledger, as `duikou build` stores them.

    Off-topic reports are counted and kept out, as the build keeps them; the problems found while
    extracting are recorded (duikou problems). Exit status 1 when an input was rejected or a report failed.
    """
    from duikou.services.batch.load import load as run_load
    from duikou.settings import db_url

    started = time.perf_counter()
    summary = run_load(parts_dir, db_url(db), TerminalEvents(quiet=quiet))
    seconds = time.perf_counter() - started
    if not quiet:
        rate = summary.documents / seconds if seconds > 0 else 0.0
        click.echo(f"{summary.line()} (loaded in {seconds:.1f} s, {rate:.0f} documents/s)", err=True)
    if not summary.ok:
        sys.exit(1)


class _BatchEvents(TerminalEvents):
    """The terminal's sink with the run's status beside the shards' bar: documents read, documents a
    second, time left, problems by kind. Without a terminal (a cluster job's log), one line a shard."""

    def __init__(self, quiet: bool = False):
        super().__init__(quiet=quiet)
        self.quiet = quiet
        self._done = -1

    def progress(self, description: str, total: int | None = None) -> None:
        if not self.show:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("{task.fields[info]}"),
                                 console=Console(file=self.stream), transient=True)
            self._bar.start()
        self._tasks[description] = self._bar.add_task(description, total=total, info="")

    def status(self, state: Any) -> None:
        """A :class:`~duikou.services.batch.BatchStatus`: shown beside the bar, or as a line a shard."""
        eta = state.eta_seconds
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(state.problems.items()))
        info = (f"{state.documents:,} docs, {state.docs_per_s:,.0f}/s"
                + (f", ETA {_clock(eta)}" if eta is not None and state.shards_done < state.shards_total else "")
                + (f", problems: {kinds}" if kinds else ""))
        if self._bar is not None:
            for task in self._tasks.values():
                self._bar.update(task, info=info)
        elif not self.quiet and state.shards_done != self._done:
            self._done = state.shards_done
            print(f"duikou: shards {state.shards_done}/{state.shards_total}: {info}", file=self.stream, flush=True)


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
