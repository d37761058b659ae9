"""The evaluation gate: `duikou extract` on the seed reports, scored by ../shared/eval/score.py.

The floor is pinned just under the current score and raised as extraction
improves (the trafilatura way). It fails when a change makes quality drop.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from duikou.cli import main
from tests.conftest import GOLD, SHARED

MACRO_F1_FLOOR = 0.95


def _run_extract(paths: list[Path]) -> list[dict]:
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", "--quiet", *map(str, paths)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_seed_macro_f1_gate(seed_paths: list[Path], tmp_path: Path) -> None:
    records = _run_extract(seed_paths)
    assert len(records) == len(seed_paths)
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(GOLD), "--pred", str(pred), "-v"],
                         capture_output=True, text=True, check=True).stdout
    macro = float(re.search(r"macro-F1 ([0-9.]+)", out).group(1))  # type: ignore[union-attr]
    assert macro >= MACRO_F1_FLOOR, out


def test_output_is_deterministic(seed_paths: list[Path]) -> None:
    assert _run_extract(seed_paths) == _run_extract(seed_paths)


def test_every_record_has_the_contract_keys(seed_paths: list[Path]) -> None:
    for rec in _run_extract(seed_paths):
        assert set(rec) >= {"source", "doc", "regions", "pairings", "people", "events", "agreements", "amounts", "counts"}
        assert set(rec["doc"]) >= {"title", "published", "outlet", "script"}
        for kind in ("pairings", "people", "events", "agreements", "amounts", "counts"):
            for fact in rec[kind]:
                ev = fact["evidence"]
                assert 0 <= ev["start"] <= ev["end"] and ev["quote"], (kind, fact)
