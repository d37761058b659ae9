"""Pairings with an organisation as a side, the recipient as the subject, and the unit of an
aid area named near 援疆/援藏 (sentences written for the tests, not taken from any corpus)."""
from __future__ import annotations

import pytest

from tests.extract.test_pairings_real_shapes import pairs

TIANJIN, YUTIAN, XINJIANG, TIBET = "120000", "653226", "650000", "540000"


@pytest.mark.parametrize("text,expected", [
    # the recipient as the subject of 是, the helper an organisation, a noun of what is helped after
    ("临潭县是致公党中央对口帮扶重点帮扶县。", {("致公党中央", "623021")}),
    ("石桥镇卫生院，是滇南医科大学第一附属医院帮扶的对象。", {("滇南医科大学第一附属医院", "石桥镇卫生院")}),
    ("古浪县、景泰县都是华信能源公司乡村振兴定点帮扶县。", {("华信能源公司", "620622"), ("华信能源公司", "620423")}),
    # an organisation doing 援疆/援藏 by its own name, or opening the clause
    ("新华书店集团援藏图书发往各地。", {("新华书店集团", TIBET)}),
    ("天津市妇联把对口援疆工作纳入年度计划，助力于田县妇女发展。", {("天津市妇联", YUTIAN), (TIANJIN, YUTIAN)}),
    # a region's 援疆 with the county its arrangement names in the sentence before
    ("于田县举行座谈会。天津援疆干部介绍了工作。", {(TIANJIN, YUTIAN)}),
])
def test_organisation_and_subject_shapes(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize("text", [
    "全国首部援疆题材的话剧今天首演。",  # 首部 is no body
    "她鼓励医院里的援藏医生安心工作。",  # no clean organisation before the word
    "某县是天津市的对口帮扶单位。",  # 的…单位: the direction is not sure
])
def test_no_junk(text: str) -> None:
    assert not {p for pair in pairs(text) for p in pair if not p.isdigit()}


def test_start_month_year() -> None:
    from tests.extract.test_pairings_real_shapes import _run

    ctx = _run("从2015年3月起，天津选派干部援疆。2019年起，天津对口支援于田县。")
    assert {f.data["since"] for f in ctx.facts["pairings"]} <= {2015}


@pytest.mark.parametrize("text,expected", [
    # a company's or university's team named for the county it serves: the owner helps the county
    ("西盟县召开座谈会。会上，华信能源集团西盟帮扶工作队介绍了情况。", {("华信能源集团", "530829")}),
    ("西盟县召开座谈会。他与县领导、华信能源集团驻西盟帮扶工作队座谈。", {("华信能源集团", "530829")}),
    # a village whose name ends in 山村 is a name; a small mountain village is not
    ("南坪县教育局定点帮扶的石家山村、偏远山村都受益。", {("南坪县教育局", "石家山村")}),
])
def test_owned_teams_and_village_names(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected
