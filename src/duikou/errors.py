"""The exception tree, and the per-document problem record.

Configuration and programming errors stop a run; anything wrong with one
input becomes a :class:`Problem` that names the file (and line) and the run
goes on.
"""
from __future__ import annotations

from dataclasses import dataclass


class DuikouError(Exception):
    """Base of every error duikou raises on purpose."""


class ConfigError(DuikouError):
    """A setting, flag or database URL is unusable; the run stops."""


class InputError(DuikouError):
    """One input (file, line, record) cannot be read; recorded, the run goes on."""

    def __init__(self, source: str, reason: str, line: int | None = None):
        self.source = source
        self.reason = reason
        self.line = line
        super().__init__(self.where() + ": " + reason)

    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source


class ExtractionError(DuikouError):
    """An extractor failed on one document; the document is recorded as failed."""


class LedgerError(DuikouError):
    """The ledger cannot do what was asked (unknown id, bad judgement...)."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input, kept with the run's results."""

    source: str
    reason: str
    line: int | None = None
    fatal: bool = False  # True when nothing of the input could be used

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"

    @classmethod
    def from_error(cls, err: InputError, fatal: bool = True) -> "Problem":
        return cls(err.source, err.reason, err.line, fatal)
