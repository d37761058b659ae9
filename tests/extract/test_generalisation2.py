"""Second, untuned generalisation gate: `duikou extract` on tests/fixtures/eval2, scored by ../shared/eval/score.py.

The fourteen reports in tests/fixtures/eval2/reports were written after the rules had been tuned on
tests/fixtures/eval, with new region pairs, people and phrasing: a prefecture with four county pairs listed with
分别, a recipient-side "我县" page naming the helper by its short name, 援藏/援疆/援青 at prefecture level with a
前方指挥部, 定点帮扶 by a university, a state company and a ministry, a province-level 东西部协作 meeting with
agreements with and without 《》, a 京冀 visit, a 公示 with numbered items, a traditional-script page, a TV
transcript, a WeChat-style article and a short story wrapped in heavy boilerplate. Their gold
(tests/fixtures/eval2/gold) was written from the spec and committed before the extractor was run on them.

The floor sits 0.03 under the score measured when the set was made (0.886). Do not tune rules on this set:
it exists to measure generalisation; raise the floor only when improvements made elsewhere lift it.
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

MACRO_F1_FLOOR = 0.856

EVAL2 = Path(__file__).resolve().parents[1] / "fixtures" / "eval2"
REPORTS = sorted((EVAL2 / "reports").glob("*.txt"))
GOLD_DIR = EVAL2 / "gold"
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
        pytest.skip(f"../shared is absent ({SCORER} not found): second generalisation gate skipped")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD_DIR), "--pred", str(pred), "-v"],
                          capture_output=True, text=True, check=True).stdout


def test_every_report_has_gold_and_back() -> None:
    gold_sources = {json.loads(p.read_text(encoding="utf-8"))["source"] for p in GOLD_DIR.glob("*.json")}
    assert gold_sources == {p.name for p in REPORTS}
    assert len(REPORTS) == 14


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_report_is_a_realistic_length(path: Path) -> None:
    cjk = sum(1 for ch in path.read_text(encoding="utf-8") if "\u4e00" <= ch <= "\u9fff")
    assert 300 <= cjk <= 1500


def test_one_record_per_report(records: list[dict]) -> None:
    assert sorted(Path(r["source"]).name for r in records) == [p.name for p in REPORTS]


@pytest.mark.parametrize("name,script", [(p.name, "hant" if "hant" in p.name else "hans") for p in REPORTS])
def test_script_detected(records: list[dict], name: str, script: str) -> None:
    rec = next(r for r in records if Path(r["source"]).name == name)
    assert rec["doc"]["script"] == script


def test_generalisation2_macro_f1_gate(records: list[dict], tmp_path: Path) -> None:
    out = _score(records, tmp_path)
    macro = float(re.search(r"macro-F1 ([0-9.]+)", out).group(1))  # type: ignore[union-attr]
    assert macro >= MACRO_F1_FLOOR, out
