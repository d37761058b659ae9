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
    ["pairings", "--db", "sqlite:///{root}/mistyped.db"],
    ["sources", "--db", "sqlite:///{root}/l.db", "Pnosuchid"],
    ["stats", "--db", "sqlite:///{notdb}"],
    ["judge", "--db", "sqlite:///{root}/l.db", "same", "Pa", "Pb"],
    ["judge", "--db", "sqlite:///{root}/l.db", "--undo", "12345"],
    ["judge", "--db", "sqlite:///{root}/l.db", "same", "Pa"],
    ["judge", "--db", "sqlite:///{root}/l.db", "--undo", "1", "same", "Pa", "Pb"],
    ["judgements", "--db", "sqlite:///{notdb}"],
    ["judgements", "--db", "sqlite:///{root}/l.db", "--format", "xml"],
    ["export", "--db", "sqlite:///{root}/l.db", "--format", "csv", "--out", "/proc/duikou-cannot-write-here"],
    ["documents", "--db", "sqlite:///{notdb}"],
    ["db", "upgrade", "--db", "sqlite:///{root}/no/such/dir/x.db"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a[:3]))
def test_no_traceback(bad: dict[str, Path], args: list[str]) -> None:
    argv = [a.format(**{k: str(v) for k, v in bad.items()}) for a in args]
    res = _duikou(*argv, cwd=bad["root"])
    assert "Traceback" not in res.stderr, res.stderr
    assert "Traceback" not in res.stdout, res.stdout
    assert "internal error" not in res.stderr, res.stderr  # every case here is an anticipated mistake
    if res.returncode != 0:
        lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
        # duikou's own one-line message, or click's usage error (usage, hint, "Error: ..." line)
        assert lines and len(lines) <= 3, res.stderr
        assert lines[0].startswith("duikou: ") or lines[-1].startswith("Error: "), res.stderr


def test_a_mistyped_ledger_is_not_created(bad: dict[str, Path]) -> None:
    res = _duikou("stats", "--db", f"sqlite:///{bad['root']}/typo.db", cwd=bad["root"])
    assert res.returncode != 0 and "no ledger at" in res.stderr
    assert not (bad["root"] / "typo.db").exists()


def test_an_impossible_day_is_refused(bad: dict[str, Path]) -> None:
    res = _duikou("events", "--db", f"sqlite:///{bad['root']}/l.db", "--from", "2021-02-30", cwd=bad["root"])
    assert res.returncode == 2 and "is not a day" in res.stderr
