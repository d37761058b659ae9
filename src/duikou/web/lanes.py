"""How many requests a server process works on at once: the page lane and the slow lane.

FastAPI runs each page (a plain ``def`` route) in a thread of anyio's default pool, 40 at once. The pages
are CPU work in Python, so the threads of one process take turns holding the GIL, and a thread that lets it
go for a database call waits for it again behind the others: on SQLite, whose driver lets it go for every
row read, each request of a busy process paid that wait many times over. benchmarks/web.py on a
20,000-report ledger (8 clients, 2 processes, page cache off; this machine's speed varies by up to half
from run to run, so configurations were run in turn, several rounds):

- SQLite: 40 threads 75 requests/s, p95 of the busiest regions' profiles 501 ms, 14.6 ms of CPU a
  request; 1 and 2 threads 72-158 and 73-196 requests/s over seven rounds (no clear winner), p95 of
  those profiles 100-195 and 103-203 ms; 4 threads 83-146 requests/s, 146-267 ms. 1 is the default: the
  driver's hand-overs grow with every thread.
- PostgreSQL: 40 threads 93 requests/s, 230 ms; 1 thread 59-69 requests/s (the process idles while the
  database works); 2 threads 74-141; 4 threads 66-131 (three rounds).

So a process works on ``threads`` requests at once (WebSettings.threads, ``duikou serve --threads``; by
default 1 on SQLite and 2 on PostgreSQL) and the rest wait their turn; for more at once, run more processes
(``--workers``). Downloads (a filtered list as CSV or XLSX) and evaluation reports (a page, PDF or Word)
take seconds, not milliseconds: they run in a lane of their own (:func:`slow_lane`, :data:`SLOW` at once),
so one of them never holds up the pages.
"""
from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable, ParamSpec, TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request

from duikou.errors import ConfigError

# Requests a process works on at once by database when the settings name no number (see above).
DEFAULT_THREADS = {"sqlite": 1, "postgresql": 2}
FALLBACK_THREADS = 2  # another database: one thread works while the other waits on it
SLOW = 2  # downloads and reports a process makes at once

T = TypeVar("T")
P = ParamSpec("P")


def threads_for(dialect: str, threads: int | None) -> int:
    """The page lane's width: ``threads`` when set (at least 1), else the default for ``dialect``."""
    if threads is None:
        return DEFAULT_THREADS.get(dialect, FALLBACK_THREADS)
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ConfigError(f"a web server process works on at least 1 request at once, not {threads!r}")
    return threads


def open_lanes(state: Any, dialect: str, threads: int | None) -> int:
    """Set this event loop's page lane (anyio's default thread limiter, which FastAPI's ``def`` routes and
    dependencies run under) to its width, and make the slow lane; the width. Called once the loop
    runs (the app's lifespan): the default limiter is the loop's own."""
    width = threads_for(dialect, threads)
    anyio.to_thread.current_default_thread_limiter().total_tokens = width
    state.slow_lane = anyio.CapacityLimiter(SLOW)
    return width


async def slow_lane(request: Request, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``work(*args, **kwargs)`` in a worker thread of the slow lane (an ``async def`` route awaits it)."""
    return await anyio.to_thread.run_sync(functools.partial(work, *args, **kwargs),
                                          limiter=request.app.state.slow_lane)


def in_page_lane(route: Callable[P, T]) -> Callable[P, Awaitable[T]]:
    """A plain ``def`` JSON route as an ``async def`` that runs it in the page lane (FastAPI reads its
    parameters from the wrapped signature). For a ``def`` route FastAPI checks the answer against its
    response model in the thread pool again: a second turn in a lane one request wide, behind every request
    waiting. An ``async def`` route's answer is checked in the event loop, at once."""

    @functools.wraps(route)
    async def run(*args: P.args, **kwargs: P.kwargs) -> T:
        return await anyio.to_thread.run_sync(functools.partial(route, *args, **kwargs))

    return run
