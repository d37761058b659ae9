"""`duikou users` and `duikou serve` on the command line: accounts in the ledger, one-line errors."""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from duikou.cli import main
from duikou.services import users


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "duikou", *args], capture_output=True, text=True, input=stdin,
                          timeout=120)


def test_users_add_list_set_role_remove(web_db: str) -> None:
    runner = CliRunner()
    added = runner.invoke(main, ["users", "add", "ann", "--role", "admin", "--db", web_db, "--password-stdin"],
                          input="a long password\n")
    assert added.exit_code == 0, added.output
    assert users.authenticate(web_db, "ann", "a long password") is not None
    prompted = runner.invoke(main, ["users", "add", "bo", "--role", "viewer", "--db", web_db],
                             input="another password\nanother password\n")
    assert prompted.exit_code == 0, prompted.output
    assert "another password" not in prompted.output  # the prompt hides what is typed
    assert users.authenticate(web_db, "bo", "another password") is not None
    listed = runner.invoke(main, ["users", "list", "--db", web_db, "--format", "csv"])
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert lines[0] == "name,role,created,sessions" and [ln.split(",")[:2] for ln in lines[1:]] == \
        [["ann", "admin"], ["bo", "viewer"]]
    assert runner.invoke(main, ["users", "set-role", "bo", "curator", "--db", web_db]).exit_code == 0
    assert users.get_user(web_db, "bo").role == "curator"
    token, _ = users.start_session(web_db, users.get_user(web_db, "bo").id)
    assert runner.invoke(main, ["users", "remove", "bo", "--db", web_db]).exit_code == 0
    assert users.session_user(web_db, token) is None
    assert [a.name for a in users.list_users(web_db)] == ["ann"]


@pytest.mark.parametrize("args, stdin, said", [
    (["users", "add", "cy", "--role", "viewer", "--password-stdin"], "short\n", "at least 8"),
    (["users", "add", "cy", "--role", "viewer", "--password-stdin"], "", "no password"),
    (["users", "add", "cy", "--role", "chief", "--password-stdin"], "long enough\n", "chief"),
    (["users", "set-role", "nobody", "viewer"], None, "no user called 'nobody'"),
    (["users", "remove", "nobody"], None, "no user called 'nobody'"),
])
def test_users_errors_are_one_line(tmp_path: Path, args: list[str], stdin: str | None, said: str) -> None:
    db = f"sqlite:///{tmp_path / 'l.db'}"
    assert _run("db", "upgrade", "--db", db).returncode == 0
    result = _run(*args, "--db", db, stdin=stdin)
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    assert said in result.stderr
    assert len([ln for ln in result.stderr.splitlines() if ln.strip()]) <= 3


def test_a_mistyped_ledger_is_refused(tmp_path: Path) -> None:
    for args in (["users", "list"], ["serve"]):
        result = _run(*args, "--db", f"sqlite:///{tmp_path / 'missing.db'}")
        assert result.returncode != 0 and "no ledger at" in result.stderr and "Traceback" not in result.stderr


def test_serve_says_when_the_port_is_taken(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'l.db'}"
    assert _run("db", "upgrade", "--db", db).returncode == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _run("serve", "--db", db, "--port", str(port))
    assert result.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_serve_serves(tmp_path: Path) -> None:
    import httpx

    from .serving import served

    db = f"sqlite:///{tmp_path / 'l.db'}"
    assert _run("db", "upgrade", "--db", db).returncode == 0
    with served(db, "--login-required", timeout=60) as (_, port, status):
        assert status == 401  # --login-required
        assert httpx.get(f"http://127.0.0.1:{port}/login", timeout=5).status_code == 200


def test_serve_without_the_web_extra_says_so(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'l.db'}"
    assert _run("db", "upgrade", "--db", db).returncode == 0
    # uvicorn made unimportable, as in an install without the `web` extra
    code = ("import sys; sys.modules['uvicorn'] = None; from duikou.cli import main; "
            f"main(['serve', '--db', {db!r}])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "needs the web extra (missing: uvicorn)" in result.stderr and "duikou[web]" in result.stderr
