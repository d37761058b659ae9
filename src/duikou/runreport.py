"""What a multi-document run reports: progress, problems as they happen, counts.

Every command that processes many documents (ingest, extract, build) keeps one
:class:`RunReport`, the run's record (problems, counts). What a watcher sees
goes to an :class:`Events` sink: the CLI gives one that prints problems on
stderr and draws a progress bar (``duikou.cli.progress``), a Python caller
:class:`QuietEvents`, a web page its own. No terminal library is imported here:
the layers below the CLI use this module.
"""
from __future__ import annotations

import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Protocol, TextIO

from duikou.errors import Problem


class Events(Protocol):
    """Whoever watches a run. Phases are named by their description and may nest (reading inside building)."""

    def progress(self, description: str, total: int | None = None) -> None:
        """A phase begins (``total`` steps, None when unknown)."""

    def advance(self, description: str, n: int = 1) -> None:
        """The phase ``description`` went ``n`` steps on."""

    def done(self, description: str) -> None:
        """The phase ``description`` ended."""

    def problem(self, problem: Problem) -> None:
        """Something went wrong with one input; the run goes on."""


class QuietEvents:
    """The null sink, for Python callers: nothing is shown (the problems stay in the run's record)."""

    def progress(self, description: str, total: int | None = None) -> None:
        pass

    def advance(self, description: str, n: int = 1) -> None:
        pass

    def done(self, description: str) -> None:
        pass

    def problem(self, problem: Problem) -> None:
        pass


@dataclass
class LineEvents(QuietEvents):
    """Problems as one line each on ``stream`` (``duikou: source:line: reason``); no progress shown."""

    stream: TextIO = field(default_factory=lambda: sys.stderr)

    def problem(self, problem: Problem) -> None:
        print(f"duikou: {problem}", file=self.stream, flush=True)


@dataclass
class RunReport:
    """The record of one run. ``events`` defaults to :class:`LineEvents` on ``stream``; ``quiet`` is kept for
    the callers that say it (a run's record shows no progress of its own, its sink does)."""

    quiet: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    problems: list[Problem] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    events: Events | None = None

    def __post_init__(self) -> None:
        if self.events is None:
            self.events = LineEvents(self.stream)

    @property
    def sink(self) -> Events:
        assert self.events is not None  # set in __post_init__
        return self.events

    def problem(self, source: str, reason: str, line: int | None = None, fatal: bool = True) -> Problem:
        """Record a problem and tell the sink at once (errors are never held back to the end)."""
        p = Problem(source, reason, line, fatal)
        self.problems.append(p)
        self.counts["problems"] += 1
        self.sink.problem(p)
        return p

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def summary(self, keys: tuple[str, ...] = ("read", "skipped", "problems")) -> str:
        return ", ".join(f"{self.counts.get(k, 0)} {k}" for k in keys)

    @contextmanager
    def progress(self, description: str, total: int | None = None) -> Iterator[Progress]:
        """A phase of the run, told to the sink as it begins, advances and ends."""
        self.sink.progress(description, total)
        try:
            yield Progress(self.sink, description)
        finally:
            self.sink.done(description)


class Progress:
    """One phase's handle: ``advance`` tells the sink."""

    def __init__(self, events: Events, description: str):
        self._events = events
        self._description = description

    def advance(self, n: int = 1) -> None:
        self._events.advance(self._description, n)
