"""``duikou batch extract|load`` as a user runs them: a local Dask cluster of two workers, the progress
lines, the summaries, a rerun that skips what is done, and errors as one line with an exit status."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from duikou.services.build import build
from tests.batch.conftest import GLOB, chdir, differences, dump_of

DUIKOU = [sys.executable, "-m", "duikou"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(DUIKOU + args, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_extract_on_a_local_cluster_then_load(tmp_path: Path, shard_dir: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(shard_dir / "shards", work / "shards")
    first = _run(["batch", "extract", GLOB, "--out", "facts", "--workers", "2"], work)
    assert first.returncode == 0, first.stderr
    assert "duikou: shards 4/4: 308 docs" in first.stderr
    assert "4 of 4 shards extracted (0 done before, 0 failed); 308 documents read" in first.stderr
    assert "Traceback" not in first.stderr
    runs = list((work / "facts" / "runs").glob("extract-*.json"))
    assert len(runs) == 1
    record = json.loads(runs[0].read_text(encoding="utf-8"))
    assert record["documents"] == 308 and record["workers"] == 2 and 0 < record["peak_mb"] < 300

    again = _run(["batch", "extract", GLOB, "--out", "facts"], work)
    assert again.returncode == 0 and "4 of 4 shards extracted (4 done before, 0 failed); 0 documents read" \
        in again.stderr

    loaded = _run(["batch", "load", "facts", "--db", "sqlite:///batch.db"], work)
    assert loaded.returncode == 0, loaded.stderr
    with chdir(work):
        built = build([GLOB], "sqlite:///build.db")
    assert loaded.stderr.startswith(built.line() + " (loaded in ")
    assert differences(dump_of(f"sqlite:///{work / 'batch.db'}"), dump_of(f"sqlite:///{work / 'build.db'}")) == {}


def test_errors_are_one_line_with_an_exit_status(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    none = _run(["batch", "extract", "nowhere/*.jsonl.gz", "--out", "facts"], tmp_path)
    assert none.returncode == 1
    assert none.stderr.splitlines() == ["duikou: nowhere/*.jsonl.gz: no file matches this pattern",
                                        "duikou: nowhere/*.jsonl.gz: no input files"]
    not_batch = _run(["batch", "load", "empty", "--db", "sqlite:///x.db"], tmp_path)
    assert not_batch.returncode == 1
    assert not_batch.stderr.strip() == "duikou: empty: no manifest.json here: not the output of `duikou batch extract`"
    assert _run(["batch", "load", "missing"], tmp_path).returncode == 2  # click: no such directory


def test_a_corrupt_shard_exits_1_and_names_shard_and_line(tmp_path: Path, shard_dir: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(shard_dir / "shards", work / "shards")
    bad = work / "shards" / "part-09.jsonl"
    bad.write_text('{"id": "a", "text": "乙县的村道修好了。"}\n{"id": "b", "text": \n', encoding="utf-8")
    run = _run(["batch", "extract", "shards/", "--out", "facts", "--workers", "1"], work)
    assert run.returncode == 1
    assert "duikou: shards/part-09.jsonl:2: invalid JSON: Expecting value" in run.stderr
    assert "problems: 1 invalid JSON line" in run.stderr
