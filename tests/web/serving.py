"""``duikou serve`` started as a user starts it, in a child process on a free port, for the CLI tests."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx


@contextmanager
def served(db: str, *options: str, timeout: float = 90) -> Iterator[tuple[subprocess.Popen[str], int, int]]:
    """Run ``duikou serve --db DB OPTIONS`` until it answers ``/api/stats``; yield the process, its port and
    that first answer's status; stop it afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "duikou", "serve", "--db", db, "--port", str(port), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stderr.read() if proc.stderr else "serve did not start")
                time.sleep(0.2)
        yield proc, port, status
    finally:
        proc.terminate()
        proc.wait(timeout=30)
