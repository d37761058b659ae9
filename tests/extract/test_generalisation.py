"""Generalisation gate: `duikou extract` on reports written for the project, scored by ../shared/eval/score.py.

The twelve reports in tests/fixtures/eval/reports cover kinds the seed reports do not (援藏/援疆, 消费帮扶,
劳务协作, streets, hospitals, development zones, federations and companies as helpers, 定点帮扶 by a central
unit, a TV transcript without a headline, a recipient-side "我县" report, a traditional-script page, pages with
heavy boilerplate). Their gold (tests/fixtures/eval/gold) was written from the spec before the extractor was run.

The floor sits 0.03 under the score measured when the set was made (0.881); raise it as the rules improve.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from duikou.cli import main
from tests.conftest import SHARED

MACRO_F1_FLOOR = 0.85

EVAL = Path(__file__).resolve().parents[1] / "fixtures" / "eval"
REPORTS = sorted((EVAL / "reports").glob("*.txt"))
GOLD_DIR = EVAL / "gold"
SCORER = SHARED / "eval" / "score.py"


def _extract(paths: list[Path]) -> list[dict]:
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", "--quiet", *map(str, paths)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return _extract(REPORTS)


def _score(records: list[dict], tmp_path: Path) -> str:
    if not SCORER.is_file():
        pytest.skip(f"../shared is absent ({SCORER} not found): generalisation gate skipped")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD_DIR), "--pred", str(pred), "-v"],
                          capture_output=True, text=True, check=True).stdout


def test_every_report_has_gold_and_back() -> None:
    gold_sources = {json.loads(p.read_text(encoding="utf-8"))["source"] for p in GOLD_DIR.glob("*.json")}
    assert gold_sources == {p.name for p in REPORTS}
    assert len(REPORTS) == 12


def test_one_record_per_report(records: list[dict]) -> None:
    assert sorted(Path(r["source"]).name for r in records) == [p.name for p in REPORTS]


@pytest.mark.parametrize("name,script", [(p.name, "hant" if "hant" in p.name else "hans") for p in REPORTS])
def test_script_detected(records: list[dict], name: str, script: str) -> None:
    rec = next(r for r in records if Path(r["source"]).name == name)
    assert rec["doc"]["script"] == script


def test_generalisation_macro_f1_gate(records: list[dict], tmp_path: Path) -> None:
    out = _score(records, tmp_path)
    macro = float(re.search(r"macro-F1 ([0-9.]+)", out).group(1))  # type: ignore[union-attr]
    assert macro >= MACRO_F1_FLOOR, out
