"""The terminal's sink for a run's events: problems on stderr, a progress bar while stderr is a terminal."""
from __future__ import annotations

import sys
from typing import Any, TextIO

from duikou.errors import Problem


class TerminalEvents:
    """Problems as one line each on ``stream`` (even ``quiet``: errors are never hidden); with a terminal and
    not ``quiet``, one progress bar a phase (nested phases, reading inside building, share one display)."""

    def __init__(self, quiet: bool = False, stream: TextIO | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.show = not quiet and self.stream.isatty()
        self._bar: Any = None  # rich.progress.Progress while a phase runs
        self._tasks: dict[str, Any] = {}

    def progress(self, description: str, total: int | None = None) -> None:
        if not self.show:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(file=self.stream), transient=True)
            self._bar.start()
        self._tasks[description] = self._bar.add_task(description, total=total)

    def advance(self, description: str, n: int = 1) -> None:
        if self._bar is not None and description in self._tasks:
            self._bar.advance(self._tasks[description], n)

    def done(self, description: str) -> None:
        if self._bar is None or description not in self._tasks:
            return
        self._bar.remove_task(self._tasks.pop(description))
        if not self._tasks:
            self._bar.stop()
            self._bar = None

    def problem(self, problem: Problem) -> None:
        line = f"duikou: {problem}"
        if self._bar is not None:  # above the live bar, not through it
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)
