"""The report's errors: a format it does not write, a library or font it needs and does not find."""
from __future__ import annotations

from duikou.errors import DuikouError


class ReportError(DuikouError):
    """A report cannot be written as asked (unknown format, a missing library or font, an unwritable file)."""


def missing_extra(what: str, package: str) -> ReportError:
    """The error for a format whose library is not installed: it names the package and the extra."""
    return ReportError(f"writing {what} reports needs {package}: pip install 'duikou[report]'")


__all__ = ["ReportError", "missing_extra"]
