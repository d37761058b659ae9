"""A killed ``batch extract`` resumes: no partial part is ever taken as done, a rerun does only what is
left, and the ledger is the one an uninterrupted build gives. A corrupt shard is reported by its name and
line while the other shards finish."""
from __future__ import annotations

import gzip
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from duikou.services.batch import shard_inputs
from duikou.services.batch.dask_run import run_extract
from duikou.services.batch.load import load
from duikou.services.batch.manifest import read_manifest
from duikou.services.batch.shard import PARTS, done
from duikou.services.build import build
from tests.batch.conftest import GLOB, chdir, differences, dump_of

# Run in a child process: extract the shards one after another, and kill -9 the process itself at the
# worst moment, when the second shard's part is complete on disk but not yet renamed into place.
_KILLED_AT_RENAME = textwrap.dedent("""
    import os, signal, sys
    from duikou.services.batch import shard
    from duikou.services.batch.dask_run import run_extract
    from duikou.services.batch import shard_inputs

    calls = []
    commit = shard._commit

    def commit_or_die(tmp, final):
        calls.append(final)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        commit(tmp, final)

    shard._commit = commit_or_die
    shards, _ = shard_inputs([sys.argv[1]])
    run_extract(shards, sys.argv[2], synchronous=True)
""")


def _copy_shards(shard_dir: Path, tmp_path: Path) -> Path:
    work = tmp_path / "work"
    shutil.copytree(shard_dir / "shards", work / "shards")
    return work


def test_killed_at_the_rename_resumes_to_the_same_ledger(tmp_path: Path, shard_dir: Path) -> None:
    work = _copy_shards(shard_dir, tmp_path)
    out = work / "facts"
    proc = subprocess.run([sys.executable, "-c", _KILLED_AT_RENAME, GLOB, str(out)], cwd=work,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    with chdir(work):
        shards, _ = shard_inputs([GLOB])
        states = [done(str(out), s) for s in shards]
        assert states[0] is not None and states[1] is None and states[2] is None  # the half-made part is not done
        leftovers = [n for n in os.listdir(out / PARTS) if n.startswith(".tmp-")]
        assert len(leftovers) == 1  # the complete files of shard 2, never renamed

        resumed = run_extract(shards, str(out), synchronous=True)
        assert resumed.status.shards_skipped == 1 and resumed.status.shards_done == 4
        assert not [n for n in os.listdir(out / PARTS) if n.startswith(".tmp-")]
        loaded = load(str(out), f"sqlite:///{tmp_path / 'batch.db'}")
        built = build([GLOB], f"sqlite:///{tmp_path / 'build.db'}")
    assert loaded.to_json() == built.to_json()
    assert differences(dump_of(f"sqlite:///{tmp_path / 'batch.db'}"), dump_of(f"sqlite:///{tmp_path / 'build.db'}")) == {}


def test_a_changed_shard_is_extracted_again(tmp_path: Path, shard_dir: Path) -> None:
    work = _copy_shards(shard_dir, tmp_path)
    with chdir(work):
        shards, _ = shard_inputs([GLOB])
        run_extract(shards, "facts", synchronous=True)
        with gzip.open(shards[3], "at", encoding="utf-8") as fh:  # one more member: the shard changed
            fh.write('{"id": "late", "text": "甲县今天下了一场小雨，气温有所回落。"}\n')
        again = run_extract(shards, "facts", synchronous=True)
    assert again.status.shards_skipped == 3 and again.status.documents == 78
    assert read_manifest(str(work / "facts")).shards[3]["documents"] == 78


def _damage(shards: list[str]) -> None:
    """Shard 2: bad JSON on its lines 3 and 5; shard 3: its gzip stream cut short."""
    with gzip.open(shards[1], "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    lines[2] = '{"id": "x", "text": '
    lines[4] = "not JSON at all"
    with gzip.open(shards[1], "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    data = Path(shards[2]).read_bytes()
    Path(shards[2]).write_bytes(data[: len(data) * 2 // 3])


def test_a_corrupt_shard_is_named_with_its_line_and_the_others_finish(tmp_path: Path, shard_dir: Path) -> None:
    work = _copy_shards(shard_dir, tmp_path)
    told = []

    class Sink:
        def progress(self, description: str, total: int | None = None) -> None: ...
        def advance(self, description: str, n: int = 1) -> None: ...
        def done(self, description: str) -> None: ...
        def problem(self, problem: object) -> None:
            told.append(problem)

    with chdir(work):
        shards, _ = shard_inputs([GLOB])
        _damage(shards)
        summary = run_extract(shards, "facts", Sink(), synchronous=True)  # type: ignore[arg-type]
        assert not summary.ok and summary.status.shards_done == 4 and summary.status.shards_failed == 0
        assert [(p.source, p.line) for p in told if "invalid JSON" in p.reason] == [(shards[1], 3), (shards[1], 5)]
        corrupt = [p for p in told if p.source == shards[2]]
        assert len(corrupt) == 1 and corrupt[0].reason.startswith("corrupt or truncated gz file after")
        assert summary.status.problems == {"invalid JSON line": 2, "corrupt file": 1}
        entries = read_manifest("facts").shards
        assert [e["documents"] for e in entries][0] == 77 and entries[1]["documents"] == 75
        assert 0 < entries[2]["documents"] < 77 and entries[3]["documents"] == 77

        loaded = load("facts", f"sqlite:///{tmp_path / 'batch.db'}")
        built = build([GLOB], f"sqlite:///{tmp_path / 'build.db'}")
    assert loaded.counts["rejected"] == 3 and loaded.to_json() == built.to_json()
    assert differences(dump_of(f"sqlite:///{tmp_path / 'batch.db'}"), dump_of(f"sqlite:///{tmp_path / 'build.db'}")) == {}


def test_one_run_at_a_time_in_an_output_directory(tmp_path: Path) -> None:
    import pytest

    from duikou.errors import ConfigError
    from duikou.services.batch.run import Tracker

    first = Tracker([], str(tmp_path / "facts"))
    with pytest.raises(ConfigError, match="another `duikou batch extract` is writing here"):
        Tracker([], str(tmp_path / "facts"))
    first.close()
    Tracker([], str(tmp_path / "facts")).close()  # free again once the first run ended
