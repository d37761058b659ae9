"""Every command answers bad input with one line naming the input and the reason, never a traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _duikou(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "duikou", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("bad")
    notdb = root / "notadb.db"
    notdb.write_bytes(b"this is not a database, just some bytes\n" * 50)
    (root / "ro").mkdir()
    report = root / "r.txt"
    report.write_text("7月1日，甲县代表团赴乙县考察东西部协作工作。\n", encoding="utf-8")
    return {"root": root, "notdb": notdb, "report": report}


CASES = [
    ["ingest", "{root}/missing.txt"],
    ["extract", "--format", "jsonl", "{root}/missing.txt"],
    ["build", "--db", "sqlite:///{notdb}", "{report}"],
    ["pairings", "--db", "sqlite:///{notdb}"],
    ["pairings", "--db", "nosuchdialect://x"],
    ["show", "--db", "sqlite:///{root}/l.db", "--limit", "99999999999999999999", "甲县"],
    ["events", "--db", "sqlite:///{root}/l.db", "--from", "2021-13-01"],
    ["sources", "--db", "sqlite:///{root}/l.db", "Pnosuchid"],
    ["stats", "--db", "sqlite:///{notdb}"],
    ["judge", "--db", "sqlite:///{root}/l.db", "same", "Pa", "Pb"],
    ["judge", "--db", "sqlite:///{root}/l.db", "--undo", "12345"],
    ["export", "--db", "sqlite:///{root}/l.db", "--format", "csv", "--out", "/proc/duikou-cannot-write-here"],
    ["documents", "--db", "sqlite:///{notdb}"],
    ["db", "upgrade", "--db", "sqlite:///{root}/no/such/dir/x.db"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a[:2]))
def test_no_traceback(bad: dict[str, Path], args: list[str]) -> None:
    argv = [a.format(**{k: str(v) for k, v in bad.items()}) for a in args]
    res = _duikou(*argv, cwd=bad["root"])
    assert "Traceback" not in res.stderr, res.stderr
    assert "Traceback" not in res.stdout, res.stdout
    assert "internal error" not in res.stderr, res.stderr  # every case here is an anticipated mistake
    if res.returncode != 0:
        lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
        assert lines and len(lines) <= 3 and lines[0].startswith("duikou: "), res.stderr
