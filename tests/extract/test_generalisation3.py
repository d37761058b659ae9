"""Third, untuned generalisation gate: `duikou extract` on tests/fixtures/eval3, scored by ../shared/eval/score.py.

The fourteen reports in tests/fixtures/eval3/reports were written after eval and eval2 had been tuned to ~1.0, with
region pairs, people, phrasings and layouts used in neither: 鲁渝 (a county page with a company–township contract
and a related-links footer naming other counties), 沪滇 消费协作 in a 党报 print page with a recipient delegation
visiting the helper, a 闽宁 labour-export WeChat post, a 粤桂 fund handover with a street and a hospital pairing,
a 苏陕 人民网 repost with main title plus subtitle and county pairs listed as "A与B、C与D", a 浙川 TV transcript,
a 京蒙 reverse-direction visit by a 旗 named by its abbreviation, a 津甘 page without a headline, Guangdong
省内对口帮扶, 援青 hospitals, 援疆 at province level, 定点帮扶 by a bank, a story that names a university's
定点帮扶 only in passing, and a traditional-script 援藏 page. Their gold (tests/fixtures/eval3/gold) was written
from the spec and committed before the extractor was run on them; the only later gold change re-labelled four
consumption-sales amounts as revenue.

It measured 0.933 macro-F1 when it was made (pairings 0.651 the weakest). It exists to MEASURE generalisation:
do not tune rules against these reports. The floor sits 0.03 under the measured score.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.extract.helpers import extract_records, score

MACRO_F1_FLOOR = 0.903

EVAL3 = Path(__file__).resolve().parents[1] / "fixtures" / "eval3"
REPORTS = sorted((EVAL3 / "reports").glob("*.txt"))
GOLD_DIR = EVAL3 / "gold"


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return extract_records(REPORTS)


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


def test_generalisation3_macro_f1_gate(records: list[dict], tmp_path: Path) -> None:
    macro, out = score(records, GOLD_DIR, tmp_path)
    assert macro >= MACRO_F1_FLOOR, out
