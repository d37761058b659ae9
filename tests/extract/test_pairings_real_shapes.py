"""Pairings on the shapes of real reports (sentences written for the tests, not taken from any corpus).

The pairing extractor is run on its own (no relevance gate), so each case is one sentence
about one shape: registry-backed pairs, whole areas (援疆 → 新疆), aid teams, relative
clauses, anaphors, organisation name boundaries, relief and donations.
"""
from __future__ import annotations

import pytest

from tests.extract.helpers import run_extractors as _run
from tests.extract.helpers import ungated_pairs as pairs


TIANJIN, YUTIAN = "120000", "653226"
JILIN, ALTAY = "220000", "654300"
JIANGXI, AKTO = "360000", "653022"
XINJIANG = "650000"
ZHEJIANG, AKSU = "330000", "652900"
QINGYUAN = "331126"




def names(text: str) -> set[str]:
    return {p for pair in pairs(text) for p in pair if not p.isdigit()}


@pytest.mark.parametrize("text,expected", [
    # two regions of one cued sentence that an official arrangement pairs
    ("天津市援疆干部人才扎根于田县，帮助当地建起冷链物流中心。", {(TIANJIN, YUTIAN)}),
    # a province and a prefecture one of whose units it helps
    ("吉林省援疆医疗队来到阿勒泰地区开展义诊。", {(JILIN, ALTAY)}),
    # 援疆 by a province that names no recipient: the whole area
    ("在这一轮援疆任务中，江西省先后实施援疆项目86个。", {(JIANGXI, XINJIANG)}),
    # ... but the named county when there is one, and not the area besides
    ("江西省援疆干部在阿克陶县推广大棚蔬菜种植。", {(JIANGXI, AKTO)}),
    # an aid team named for its helper and the region it serves
    ("浙江援疆阿克苏分指挥部组织专家开展技术培训。", {(ZHEJIANG, AKSU)}),
    ("2024年度省级结对帮扶庆元县团组召开工作例会。", {("省级结对帮扶庆元县团组", QINGYUAN)}),
    # 在X对口支援的<team>: the team's region works in X
    ("在新疆对口支援的江西援疆前方指挥部为牧民送去过冬物资。", {(JIANGXI, XINJIANG)}),
    # A在和B…对口帮扶中
    ("两年来，东海医科大学附属第三医院在和云南省福贡县中医医院对口帮扶中培养了一批骨干。",
     {("东海医科大学附属第三医院", "云南省福贡县中医医院")}),
    # the Youth League committee of a region is an organisation, not the region
    ("共青团鄞州区委与共青团普定县委签订了对口帮扶协议。", {("共青团鄞州区委", "共青团普定县委")}),
    # persons speaking for two schools; the western school is the one helped
    ("和田县第三中学校长与北京市崇文实验中学校长签订了《结对帮扶合作协议》。",
     {("北京市崇文实验中学", "和田县第三中学")}),
    # the recipient as the subject
    ("近年来，紫云县在浙江省宁海县对口帮扶下，建成了一批蔬菜基地。", {("330226", "520425")}),
    ("2019年以来，昭觉县受到佛山市顺德区的对口帮扶，产业不断壮大。", {("440606", "513431")}),
    # two provinces' one-character names: the official arrangement gives the direction
    ("苏陕协作持续深化，两地合作日益紧密。", {("320000", "610000")}),
    ("近年来，粤桂两省区扶贫协作成效明显。", {("440000", "450000")}),
])
def test_real_shapes(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected


def test_anaphors_name_the_organisation_and_the_village() -> None:
    text = ("空军某部某旅官兵来到青山镇和平村，帮助村民抢收玉米。"
            "2018年，该旅与这个村子开展结对帮扶，修通了灌溉水渠。")
    ctx = _run(text, "2024-05-01")
    got = {(f.data["helper"], f.data["recipient"]): f.data["since"] for f in ctx.facts["pairings"]}
    assert got == {("空军某部某旅", "和平村"): 2018}


def test_an_organisations_aided_villages_named_after_it() -> None:
    text = ("8月9日上午，湘中师范学院工会主席孙立，该校校友会会长郑强一行，前往该校定点帮扶村开展助学活动，"
            "资助高桥村5名学生，走访慰问石门村困难群众。")
    assert pairs(text) == {("湘中师范学院", "高桥村"), ("湘中师范学院", "石门村")}


def test_a_printed_full_name_beats_its_abbreviation() -> None:
    text = ("东海医学院附属第二医院（以下简称东医二院）派出专家团队。"
            "东医二院对口帮扶孟连县人民医院，已有四年。")
    assert names(text) == {"东海医学院附属第二医院", "孟连县人民医院"}


def test_a_bare_name_is_the_one_with_its_region() -> None:
    text = "鹤城区人武部干部来到白马村。人武部结对帮扶白马村，修建了文化广场。"
    assert pairs(text) == {("鹤城区人武部", "白马村")}


@pytest.mark.parametrize("text", [
    # a page whose title is glued to the lead: the name does not swallow the title's last words
    "宁乡市第二医院与桑植县人民医院签署对口帮扶协议宁乡市第二医院与桑植县人民医院举行签约仪式。",
    # a phrase is not a party
    "近年来，省交通运输厅和全体帮扶成员单位紧密结合省委安排，用心开展结对帮扶。",
    # a count is not a name
    "党的十八大以来，上海市12家三甲医院支援日喀则市人民医院多个科室。",
    # a kind of organisation is not one
    "各地要组织县级医院结对帮扶贫困学校。",
])
def test_no_junk_party_names(text: str) -> None:
    for name in names(text):
        assert not any(w in name for w in ("协议", "结合", "紧密", "成员单位")), name
        assert not name[0].isdigit() and not name.startswith("家"), name
        assert name not in ("县级医院", "贫困学校"), name


@pytest.mark.parametrize("text", [
    # a region that is only the venue of a meeting
    "第五次全国对口支援西藏工作会议在北京召开。",
    # a verb after a conjunction opens a relative clause: no helper before it
    "出席会议的有宁夏、青海和对口支援西藏的各省市代表。",
    # regions listed together are not paired with each other
    "四川、甘肃、云南等省的律师参加了培训，对口支援律所名单随后公布。",
    # two characters that are no provinces' joint name
    "创新协作机制，加强帮扶力度。",
])
def test_no_pairing(text: str) -> None:
    assert pairs(text) == set()


def test_emergency_relief_is_no_standing_pairing() -> None:
    ctx = _run("新冠疫情暴发后，贵州省对口支援湖北省鄂州市，派出医疗队驰援。", "2020-03-01")
    assert not ctx.facts.get("pairings")
    assert [p["relation"] for p in ctx.layers["relations"]] == ["relief"]


def test_a_gift_with_no_programme_is_a_donation() -> None:
    ctx = _run("近日，华兴科技有限公司向长乐村捐赠了一批图书。")
    assert not ctx.facts.get("pairings")
    assert [p["relation"] for p in ctx.layers["relations"]] == ["donation"]


def test_an_official_pair_stays_standing_in_an_epidemic() -> None:
    # the arrangement is official: the help during an epidemic is part of it
    assert pairs("疫情期间，天津市援疆前方指挥部向于田县紧急调运防疫物资。") == {(TIANJIN, YUTIAN)}
