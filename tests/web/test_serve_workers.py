"""``duikou serve --workers N``: the settings reach every worker process (through the environment), and each
connection has Nagle's algorithm off (web/server.py)."""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from duikou.web import server
from duikou.web.config import WebSettings

from .serving import served


def test_workers_serve_with_the_given_settings(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'l.db'}"
    assert subprocess.run([sys.executable, "-m", "duikou", "db", "upgrade", "--db", db], capture_output=True).returncode == 0
    with served(db, "--workers", "2", "--login-required") as (proc, port, status):
        # --login-required and --db reached the workers: a signed-out read is refused, the login page is there.
        assert status == 401
        assert httpx.get(f"http://127.0.0.1:{port}/login", timeout=5).status_code == 200
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        if children.exists():
            assert len(children.read_text().split()) >= 2, "two worker processes"
    assert (tmp_path / "l.db").exists()


def test_the_protocol_turns_nagle_off(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    monkeypatch.setattr(server.AutoHTTPProtocol, "connection_made", lambda self, transport: seen.append(transport))

    class Transport:
        def __init__(self, sock: socket.socket) -> None:
            self.sock = sock

        def get_extra_info(self, name: str) -> Any:
            return self.sock if name == "socket" else None

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        # Made like uvicorn's worker socket: no protocol named, so the OS default (Nagle on) stays.
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0) as conn:
            conn.connect(listener.getsockname())
            assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
            proto = server.NoDelayHTTPProtocol.__new__(server.NoDelayHTTPProtocol)
            proto.connection_made(Transport(conn))
            assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
            assert len(seen) == 1, "uvicorn's own connection_made still runs"


def test_from_env_reads_what_serve_exports(monkeypatch: pytest.MonkeyPatch) -> None:
    from duikou.cli.serve import _export

    for env in ("DUIKOU_DB", "DUIKOU_WEB_PUBLIC", "DUIKOU_WEB_SECURE_COOKIES", "DUIKOU_WEB_CACHE_MB", "DUIKOU_BOUNDARIES",
                "DUIKOU_WEB_THREADS"):
        monkeypatch.setenv(env, "")  # recorded, so that what _export sets is undone after the test
        monkeypatch.delenv(env)
    given = WebSettings(db="sqlite:////tmp/x.db", public_read=False, secure_cookies=True, cache_mb=7, threads=3)
    _export(given)
    assert WebSettings.from_env() == given
    _export(WebSettings(db="sqlite:////tmp/x.db"))
    assert WebSettings.from_env().threads is None, "no number: the database's default again"
    monkeypatch.setenv("DUIKOU_WEB_CACHE_MB", "lots")
    from duikou.errors import ConfigError

    with pytest.raises(ConfigError, match="DUIKOU_WEB_CACHE_MB"):
        WebSettings.from_env()
    monkeypatch.setenv("DUIKOU_WEB_CACHE_MB", "1")
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv("DUIKOU_WEB_THREADS", bad)
        with pytest.raises(ConfigError, match="DUIKOU_WEB_THREADS"):
            WebSettings.from_env()
