"""The terminal's events sink: problems always on the stream, a bar only on a terminal and not --quiet."""
from __future__ import annotations

import io

from duikou.cli.progress import TerminalEvents
from duikou.errors import Problem
from duikou.runreport import RunReport


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_problems_are_printed_even_quiet_and_no_bar_off_a_terminal() -> None:
    for quiet in (False, True):
        out = io.StringIO()
        report = RunReport(events=TerminalEvents(quiet=quiet, stream=out))
        with report.progress("reading", total=2) as bar:
            report.problem("a.txt", "cannot read", line=3)
            bar.advance()
        assert out.getvalue() == "duikou: a.txt:3: cannot read\n"
        assert [p.source for p in report.problems] == ["a.txt"]


def test_nested_phases_share_one_bar_that_ends_with_the_last() -> None:
    events = TerminalEvents(stream=Tty())
    events.progress("building")
    events.progress("reading")
    assert events._bar is not None and len(events._tasks) == 2
    events.advance("reading", 2)
    events.problem(Problem("b.txt", "empty"))
    events.done("reading")
    assert events._bar is not None  # building goes on
    events.done("building")
    assert events._bar is None and not events._tasks


def test_quiet_on_a_terminal_draws_nothing() -> None:
    stream = Tty()
    events = TerminalEvents(quiet=True, stream=stream)
    events.progress("building", 3)
    events.advance("building")
    events.done("building")
    assert events._bar is None and stream.getvalue() == ""
