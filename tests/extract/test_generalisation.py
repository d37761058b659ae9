"""Generalisation gates: `duikou extract` on reports written for the project, scored by ../shared/eval/score.py.

Three hand-written sets (tests/fixtures/<set>/reports, gold in tests/fixtures/<set>/gold) cover kinds the five
seed reports do not; each set's gold was written from the spec and committed before the extractor was run on it.

- ``eval`` (12): 援藏, 援疆, 消费帮扶, 劳务协作, a street, a hospital, a development zone, a 工商联 and companies,
  定点帮扶 by a central unit, a TV transcript, a recipient-side "我县" page, a traditional-script page.
  Measured 0.881 when made; rules were then tuned on it.
- ``eval2`` (14): a prefecture with four county pairs listed with 分别, 援藏/援疆/援青 at prefecture level with a
  前方指挥部, 定点帮扶 by a university, a state company and a ministry, a province-level meeting, a 京冀 visit,
  a 公示, a WeChat article, heavy boilerplate. Measured 0.886 when made; the patterns it exposed were then
  fixed with general rules.
- ``eval3`` (14): written after both were tuned, with layouts and pairs used in neither (鲁渝, 沪滇, 闽宁, 粤桂,
  苏陕 lists of pairs, 浙川 TV, a 京蒙 reverse visit by an abbreviated 旗, 津甘 without a headline, Guangdong
  省内, 援青 hospitals, a bank, a university named in passing). Measured 0.933 when made (pairings 0.651):
  the honest estimate of generalisation at that point.
- ``eval4`` (16): written after eval3 was tuned: 新华社 wires, 三峡库区 对口支援, 对口合作 (no programme), a
  provincial department's 定点帮扶, the same visit told by both sides, a pipe-table notice, a Hong Kong
  traditional-script page. Measured 0.952 when made (pairings 0.844).

Each floor sits just under the set's current score; raise it as the rules improve.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.extract.helpers import extract_records, score

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# set name -> (number of reports, macro-F1 floor)
SETS = {"eval": (12, 0.97), "eval2": (14, 0.96), "eval3": (14, 0.97), "eval4": (16, 0.97)}


def _reports(name: str) -> list[Path]:
    return sorted((FIXTURES / name / "reports").glob("*.txt"))


@pytest.fixture(scope="module", params=sorted(SETS))
def evalset(request: pytest.FixtureRequest) -> tuple[str, list[dict]]:
    return request.param, extract_records(_reports(request.param))


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_report_has_gold_and_back(name: str) -> None:
    reports = _reports(name)
    gold = {json.loads(p.read_text(encoding="utf-8"))["source"] for p in (FIXTURES / name / "gold").glob("*.json")}
    assert gold == {p.name for p in reports}
    assert len(reports) == SETS[name][0]


@pytest.mark.parametrize("path", [p for name in sorted(SETS) for p in _reports(name)], ids=lambda p: p.stem)
def test_report_is_a_realistic_length(path: Path) -> None:
    cjk = sum(1 for ch in path.read_text(encoding="utf-8") if "\u4e00" <= ch <= "\u9fff")
    assert 300 <= cjk <= 1600


def test_one_record_per_report_and_script(evalset: tuple[str, list[dict]]) -> None:
    name, records = evalset
    assert sorted(Path(r["source"]).name for r in records) == [p.name for p in _reports(name)]
    for rec in records:
        assert rec["doc"]["script"] == ("hant" if "hant" in Path(rec["source"]).name else "hans"), rec["source"]


def test_macro_f1_gate(evalset: tuple[str, list[dict]], tmp_path: Path) -> None:
    name, records = evalset
    macro, out = score(records, FIXTURES / name / "gold", tmp_path)
    assert macro >= SETS[name][1], out
