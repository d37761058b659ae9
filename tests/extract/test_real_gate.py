"""The real-report gate: `duikou extract` on the 42 real reports in ../shared/corpus/real/dev, scored by
../shared/eval/score.py against the hand-made gold in ../shared/eval/real.

This is the main quality gate: the gold was annotated from the spec before any tool ran on the reports.
Floors sit just under the current scores and are raised as extraction improves; the test fails when a
change makes quality on real text drop.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.extract.helpers import extract_records, score

REAL_DEV = SHARED / "corpus" / "real" / "dev"
REAL_GOLD = SHARED / "eval" / "real"

MACRO_F1_FLOOR = 0.97
# category -> F1 floor
CATEGORY_FLOORS = {"pairings": 0.92, "events": 0.93, "people": 0.95, "regions": 0.98, "counts": 0.95}
# doc attribute -> least number right
DOC_FLOORS = {"published": 42, "outlet": 41, "title": 28}
AMOUNT_ROLE_FLOOR = 23


@pytest.fixture(scope="module")
def real_report(tmp_path_factory: pytest.TempPathFactory) -> str:
    paths = sorted(REAL_DEV.glob("*.txt"))
    if not paths or not REAL_GOLD.is_dir():
        pytest.skip(f"../shared is absent ({REAL_DEV} has no reports): real gate skipped")
    records = extract_records(paths)
    assert len(records) == len(paths)
    macro, out = score(records, REAL_GOLD, tmp_path_factory.mktemp("real"))
    assert macro >= MACRO_F1_FLOOR, out
    return out


def _f1(out: str, category: str) -> float:
    m = re.search(rf"^{category}\s+[0-9.]+\s+[0-9.]+\s+([0-9.]+)", out, re.M)
    assert m, out
    return float(m.group(1))


def _right(out: str, attribute: str) -> int:
    m = re.search(rf"\b{attribute} (\d+)/(\d+)", out)
    assert m, out
    return int(m.group(1))


@pytest.mark.parametrize("category", sorted(CATEGORY_FLOORS))
def test_category_floor(real_report: str, category: str) -> None:
    assert _f1(real_report, category) >= CATEGORY_FLOORS[category], real_report


@pytest.mark.parametrize("attribute", sorted(DOC_FLOORS))
def test_document_metadata_floor(real_report: str, attribute: str) -> None:
    assert _right(real_report, attribute) >= DOC_FLOORS[attribute], real_report


def test_amount_role_floor(real_report: str) -> None:
    assert _right(real_report, "role") >= AMOUNT_ROLE_FLOOR, real_report
