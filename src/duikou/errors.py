"""The exception tree, and the one problem record.

Configuration and programming errors stop a run; anything wrong with one
input becomes a :class:`Problem` that names the file (and line) and the run
goes on. A problem is the same record wherever it is found (ingest's
``Document.problems``, an extraction's ``problems``, the run report, the
ledger's ``input_problems``) and is made into text only where it is shown.
"""
from __future__ import annotations

from dataclasses import dataclass


def where(source: str, line: int | None = None) -> str:
    """An input named for a reader: ``source``, or ``source:line``."""
    return f"{source}:{line}" if line is not None else source


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
        super().__init__(where(source, line) + ": " + reason)

    def where(self) -> str:
        return where(self.source, self.line)


class ExtractionError(DuikouError):
    """An extractor failed on one document; the document is recorded as failed."""


class LedgerError(DuikouError):
    """The ledger cannot do what was asked (unknown id, bad judgement...)."""


class NotFoundError(LedgerError):
    """What a request names by its id (a document, a fact, a review, a user...) is not in the ledger: the
    web app answers 404. ``what`` (document, fact, review, judgement, user; None when the message says
    it all) and ``key`` name it, so a page can say it in its own words."""

    def __init__(self, message: str, what: str | None = None, key: object = None):
        self.what = what
        self.key = key
        super().__init__(message)


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input, kept with the run's results."""

    source: str
    reason: str
    line: int | None = None
    fatal: bool = False  # True when nothing of the input could be used

    def where(self) -> str:
        return where(self.source, self.line)

    def __str__(self) -> str:
        return f"{self.where()}: {self.reason}"

    @classmethod
    def from_error(cls, err: InputError, fatal: bool = True) -> "Problem":
        return cls(err.source, err.reason, err.line, fatal)
