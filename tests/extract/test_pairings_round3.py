"""Pairings on shapes of real reports met on a held-out set (sentences written for the tests,
not taken from any corpus): time adverbs before the verb, a township's 帮扶集团, a visit to the
visitor's own aided place, gifts arranged by a team, names run on from a caption."""
from __future__ import annotations

import pytest

from tests.extract.helpers import run_extractors as _run
from tests.extract.helpers import ungated_pairs as pairs





@pytest.mark.parametrize("text,expected", [
    # 就/开始 between the time phrase and the verb
    ("东岳理工大学自2016年起就定点帮扶镇原县。", ("东岳理工大学", "621027")),
    ("华信能源集团从2017年就开始定点帮扶甘孜州理塘县，累计投入资金。", ("华信能源集团", "513334")),
    # an agency's 帮扶集团 helps a township, written as the township's passive
    ("巫溪县红池坝镇是重庆市交通局帮扶集团对口帮扶的区级重点帮扶乡镇。", ("重庆市交通局帮扶集团", "巫溪县红池坝镇")),
    # a team written bare takes its full name from before; the place is named after 结对帮扶单位
    ("8月2日，皖北机电职业技术学院志愿服务队前往宿州市灵璧县，开展结对帮扶活动。当天上午，"
     "志愿服务队前往结对帮扶单位灵璧县尹集镇中心小学，双方座谈。",
     ("皖北机电职业技术学院志愿服务队", "灵璧县尹集镇中心小学")),
    # the organisation opening the sentence, its staff listed before the verb
    ("9月12日下午，浙江湖州市吴兴区职教中心党委书记赵某，副校长钱某到结对帮扶村——吴兴区八里店镇金竹村开展走访慰问。",
     ("浙江湖州市吴兴区职教中心", "吴兴区八里店镇金竹村")),
])
def test_round3_shapes(text: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(text)


def test_verb_inside_a_team_name_is_no_pairing() -> None:
    # "某局帮扶集团对口帮扶的乡镇": the 帮扶 of the group's name pairs nothing by itself
    got = pairs("城口县岚天乡是重庆市商务局帮扶集团对口帮扶的乡镇。")
    assert got == {("重庆市商务局帮扶集团", "城口县岚天乡")}


def test_gift_arranged_by_a_team_is_a_donation() -> None:
    ctx = _run("经天津市商务局帮扶集团驻乡工作队牵线协调，津北恒达电器有限公司向杨柳镇河口村捐赠36台电脑。")
    assert not ctx.facts.get("pairings")
    assert [o["relation"] for o in ctx.layers["relations"]] == ["donation"]


def test_region_officials_visiting_an_aided_village_pair_nothing() -> None:
    assert pairs("红花岗区委统战部有关负责同志到定点帮扶村——红花岗区深溪镇金竹村开展慰问。") == set()


def test_activity_name_after_a_visited_county_is_no_recipient() -> None:
    got = pairs("皖北机电职业技术学院志愿服务队赴灵璧县参加新时代文明实践中心对口帮扶暑期活动。")
    assert not any("中心" in r for _, r in got)


def test_caption_run_into_a_township_name() -> None:
    got = pairs("图源 天津市商务局杨柳镇是市商务局帮扶集团对口帮扶的重点乡镇。")
    assert all(r == "杨柳镇" for _, r in got) and got


@pytest.mark.parametrize("text,expected", [
    # a central agency and a region joined by 与 before the verb: both help
    ("作为国家某某局与湖北省对口支援西藏山南的重点项目，该园区去年建成。", {("国家某某局", "540500"), ("420000", "540500")}),
    # a district written as where a project lies: the pair is the arrangement's own (the prefecture)
    ("位于乃东区的山南市第三高级中学是湖南省援藏规划中的重点项目。", {("430000", "540500")}),
])
def test_round3_region_shapes(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= pairs(text)


_AID_LEAD = "援疆工作成效显著。援疆干部扎根基层。援疆项目陆续落地。"


def test_aid_report_pairs_units_named_without_cue() -> None:
    got = pairs(_AID_LEAD + "在阿克苏，浙江开创的“双语课堂”深受欢迎。伊犁河谷里，江苏推出的“暖心计划”惠及群众。")
    assert {("330000", "652900"), ("320000", "654000")} <= got


@pytest.mark.parametrize("sentence", [
    "从杭州到阿克苏，相隔数千公里。",  # a route's two ends
    "他看望了在南京求学的伊犁籍学生。",  # where people come from
    "新疆、西藏和四川三地代表作了发言。",  # the whole area in a list
])
def test_aid_report_no_pair_without_cue(sentence: str) -> None:
    assert pairs(_AID_LEAD + sentence) == set()


def test_no_cue_comention_only_in_aid_reports() -> None:
    assert pairs("在阿克苏，浙江开创的“双语课堂”深受欢迎。") == set()


def test_party_branches_pair_and_the_grassroots_side_is_helped() -> None:
    assert pairs("今年以来，区司法局机关第一党支部与桂园居民区党总支建立了党建结对帮扶机制。") == {
        ("区司法局机关第一党支部", "桂园居民区党总支")}
    assert pairs("2021年9月，东湖街道第五居民区党总支与区人社局机关党支部签订结对共建协议书。") == {
        ("区人社局机关党支部", "东湖街道第五居民区党总支")}


@pytest.mark.parametrize("text", [
    "该村党支部与县财政局党支部达成结对帮扶。",  # an anaphor is no name
    "九三学社甘肃省委会联合九三学社甘肃省直企业支部向通渭县捐赠物资。",  # 支部 alone ends no name
])
def test_no_junk_branch_names(text: str) -> None:
    ctx = _run(text)
    names = {p for f in ctx.facts.get("pairings", []) for p in (f.data["helper"], f.data["recipient"])}
    names |= {o[k] for o in ctx.layers.get("relations", []) for k in ("helper", "recipient")}
    assert not any(n.startswith("该") or n.endswith("企业支部") for n in names)


def test_local_organisations_of_one_province_are_intra_province() -> None:
    ctx = _run("9月12日，浙江湖州市吴兴区职教中心党委书记赵某到结对帮扶村——吴兴区八里店镇金竹村开展走访。")
    assert [f.data["program"] for f in ctx.facts["pairings"]] == ["intra_province"]
