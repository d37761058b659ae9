"""Concurrent and interrupted builds on SQLite leave the database a clean build gives."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from duikou.ledger.db import engine
from duikou.ledger.dump import canonical_dump
from duikou.ledger.tables import documents

ROOT = Path(__file__).resolve().parents[2]


def _build(url: str, count: int, delay: float = 0.0) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "tests.ledger._builder", url, str(count), str(delay)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored(url: str) -> int:
    eng = engine(url, upgrade_schema=False)
    try:
        with eng.connect() as c:
            return int(c.execute(select(func.count()).select_from(documents)).scalar_one())
    except Exception:  # noqa: BLE001 - the schema may not exist yet
        return 0
    finally:
        eng.dispose()


def _clean(tmp_path: Path, count: int) -> dict:
    url = f"sqlite:///{tmp_path / 'clean.db'}"
    p = _build(url, count)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    return canonical_dump(engine(url))


def test_killed_build_then_rebuilt_equals_a_clean_build(tmp_path: Path) -> None:
    count = 120
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    p = _build(url, count, delay=0.01)
    deadline = time.monotonic() + 120
    while _stored(url) < 30 and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.05)
    assert p.poll() is None, "the build finished before it could be killed"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    stored = _stored(url)
    assert 0 < stored < count
    again = _build(url, count)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"{stored} unchanged" in out
    assert canonical_dump(engine(url)) == _clean(tmp_path, count)


def test_two_builds_at_once_both_finish_consistently(tmp_path: Path) -> None:
    count = 60
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    procs = [_build(url, count), _build(url, count)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e for _, e in outs]
    got = canonical_dump(engine(url))
    want = _clean(tmp_path, count)
    # Both orders of interleaving store each report once; the automatic merges may be recorded
    # against other ids, so judgements are compared by count.
    assert len(got.pop("judgements")) == len(want.pop("judgements"))
    assert got == want


def _open_at_once(url: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    eng = engine(url, upgrade_schema=False)
    barrier.wait()
    try:
        with eng.connect() as c:
            results.put(str(c.exec_driver_sql("PRAGMA journal_mode").scalar()))
    except Exception as err:  # noqa: BLE001 - reported to the test
        results.put(f"{type(err).__name__}: {err}")
    finally:
        eng.dispose()


def test_processes_opening_a_new_ledger_at_once_all_get_wal(tmp_path: Path) -> None:
    # Switching a fresh file to WAL ignores the busy timeout; two builds started together on a new
    # ledger used to fail now and then with "database is locked" (the flaky test above).
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    got: list[str] = []
    for i in range(40):
        url = f"sqlite:///{tmp_path / f'fresh{i}.db'}"
        barrier, results = ctx.Barrier(3), ctx.Queue()
        procs = [ctx.Process(target=_open_at_once, args=(url, barrier, results)) for _ in range(3)]
        for p in procs:
            p.start()
        got += [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
    assert set(got) == {"wal"}, sorted(set(got))
