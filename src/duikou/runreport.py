"""What a multi-document run reports: a progress bar, problems as they happen, a summary.

Every command that processes many documents (ingest, extract, build) uses
one :class:`RunReport`, so problems look the same everywhere: one line on
stderr naming the file (and line) and the reason.
"""
from __future__ import annotations

import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, TextIO

from duikou.errors import Problem


@dataclass
class RunReport:
    quiet: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    problems: list[Problem] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def problem(self, source: str, reason: str, line: int | None = None, fatal: bool = True) -> Problem:
        """Record a problem and print it at once (even with --quiet: errors are never hidden)."""
        p = Problem(source, reason, line, fatal)
        self.problems.append(p)
        self.counts["problems"] += 1
        print(f"duikou: {p}", file=self.stream, flush=True)
        return p

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def summary(self, keys: tuple[str, ...] = ("read", "skipped", "problems")) -> str:
        return ", ".join(f"{self.counts.get(k, 0)} {k}" for k in keys)

    @contextmanager
    def progress(self, description: str, total: int | None = None) -> Iterator["Progress"]:
        """A progress bar on stderr; silent when stderr is not a terminal or with --quiet."""
        show = not self.quiet and self.stream.isatty()
        if not show:
            yield Progress(None, None)
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn

        console = Console(file=self.stream)
        with RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=console, transient=True) as bar:
            task = bar.add_task(description, total=total)
            yield Progress(bar, task)


class Progress:
    def __init__(self, bar: object | None, task: object | None):
        self._bar = bar
        self._task = task

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)  # type: ignore[attr-defined]

    def total(self, total: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, total=total)  # type: ignore[attr-defined]
