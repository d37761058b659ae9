"""Pairings on shapes of real reports met on a fourth held-out set (sentences written for the
tests, not taken from any corpus): the parties an arrangement sends, a helper named bare before
的…帮扶村, cadres sent into an aided area."""
from __future__ import annotations

import pytest

from tests.extract.helpers import pairs, run


@pytest.mark.parametrize("text,expected", [
    # "X安排A、B…组成…，对口支援C": A and B help C, not X
    ("此外，2012年起，国家民委安排南京大学、厦门大学等5所高校组成支援团队，对口支援青海大学。",
     {("南京大学", "青海大学"), ("厦门大学", "青海大学")}),
    ("金华市组织义乌市、东阳市两地抽调骨干，对口帮扶四川省旺苍县。", {("330782", "510821"), ("330783", "510821")}),
])
def test_arrangement_sends_the_helpers(text: str, expected: set[tuple[str, str]]) -> None:
    got = pairs(run(text))
    assert got >= expected
    assert not any(h in ("国家民委", "330700") for h, _ in got)


@pytest.mark.parametrize("text", [
    "金华市召开会议，对口帮扶工作取得新进展。",  # no recipient named
    "省里组织专家组成调研组，深入各县调研。",  # no helping verb
])
def test_arrangement_without_a_pairing(text: str) -> None:
    assert not pairs(run(text))


@pytest.mark.parametrize("text,expected", [
    # a region sends cadres into the aided area: it helps the area
    ("黑龙江设立了对口支援人才服务中心，选派三百名干部人才进疆工作。", ("230000", "650000")),
    ("近年来，天津市和平区先后派出三批医疗队入藏，开展对口支援。", ("120101", "540000")),
])
def test_cadres_sent_into_an_aided_area(text: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(run(text))


@pytest.mark.parametrize("text", [
    "东方航空开通了从成都进藏的新航线，助力对口支援。",  # a flight: no dispatch verb
    "当年，一支勘探队选派队员徒步进疆，开展对口支援调查。",  # no region sends anyone
    "新疆选派干部进疆学习对口支援经验。",  # the area itself
])
def test_entries_without_a_helper(text: str) -> None:
    assert not pairs(run(text))


def test_aid_report_unit_named_with_a_place_of_it() -> None:
    # in a report about 援疆, "在<C>某某新村…<P>的专家" pairs P with C when the arrangement does
    text = ("浙江援疆工作成效显著。浙江援疆干部扎根一线。浙江援疆项目陆续落地。"
            "在柯坪县新建的移民新村，三百座大棚里，来自浙江的农业专家手把手传授种植技术。")
    assert ("330000", "652929") in pairs(run(text))


_AID_LEAD = "各省市援疆工作扎实推进。援疆干部扎根基层。援疆项目陆续落地。"


def test_aid_report_helper_acts_on_the_whole_area() -> None:
    # "针对<area>…，<P>开通…": the province opens its own clause after the area
    text = _AID_LEAD + "针对新疆部分县市医疗资源不足，天津市搭建远程会诊平台，实现专家资源共享。"
    assert ("120000", "650000") in pairs(run(text))


@pytest.mark.parametrize("tail", [
    "会上，新疆维吾尔自治区、天津市等地代表作了交流发言。",  # a list of speakers
    "新疆和天津市的干部群众纷纷表示要做好工作。",  # listed with 和
    "座谈会上，新疆籍学生代表与天津市高校师生交流。",  # a student's home area
])
def test_aid_report_whole_area_listed_is_no_pair(tail: str) -> None:
    assert ("120000", "650000") not in pairs(run(_AID_LEAD + tail))


@pytest.mark.parametrize("text,expected", [
    # a helper by its short brand name alone, between the copula and 的
    ("沙湾村是华泰的乡村振兴定点帮扶村，多年来累计投入资金。", ("华泰", "沙湾村")),
    ("沙湾村是华泰的定点帮扶村，多年来累计投入资金。", ("华泰", "沙湾村")),
])
def test_bare_helper_name_before_de(text: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(run(text))


@pytest.mark.parametrize("text", [
    "沙湾村是他们的定点帮扶村，多年来累计投入资金。",  # a pronoun
    "沙湾村是省级的重点帮扶村，多年来累计投入资金。",  # a level
    "沙湾村是今年的对口帮扶村，多年来累计投入资金。",  # a time
    "沙湾村是公司的定点帮扶村，多年来累计投入资金。",  # a generic noun
    "困难家庭是联合会的重点帮扶对象。",  # no named recipient
])
def test_bare_words_that_name_no_helper(text: str) -> None:
    assert not pairs(run(text))


@pytest.mark.parametrize("text,expected", [
    # "A与B等N个县建立“…”帮扶关系": the county the text names; a campaign's quoted name in the gap
    ("据了解，华信证券先后与江西省安远县等9个原贫困县建立“一企一县”结对帮扶关系，累计完成项目。",
     ("华信证券", "360726")),
    ("东江医院与贵州省榕江县人民医院建立“院包院”对口帮扶关系。", ("东江医院", "贵州省榕江县人民医院")),
])
def test_joint_with_unnamed_others_and_a_quoted_name(text: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(run(text))
