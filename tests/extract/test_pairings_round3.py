"""Pairings on shapes of real reports met on a held-out set (sentences written for the tests,
not taken from any corpus): time adverbs before the verb, a township's 帮扶集团, a visit to the
visitor's own aided place, gifts arranged by a team, names run on from a caption."""
from __future__ import annotations

import pytest

from duikou.extract.context import Context
from duikou.extract.pipeline import load_extractors
from duikou.ingest.document import Document


def _run(text: str) -> Context:
    ctx = Context(Document(source="t.txt", text=text, title=None, published="2023-06-20"))
    for ex in load_extractors():
        ex(ctx)
    return ctx


def pairs(text: str) -> set[tuple[str, str]]:
    return {(f.data["helper"], f.data["recipient"]) for f in _run(text).facts.get("pairings", [])}


@pytest.mark.parametrize("text,expected", [
    # 就/开始 between the time phrase and the verb
    ("南开大学自2015年起就定点帮扶庄浪县。", ("南开大学", "620825")),
    ("中国华能集团从2014年就开始定点帮扶阿坝州壤塘县，累计投入资金。", ("中国华能集团", "513230")),
    # an agency's 帮扶集团 helps a township, written as the township's passive
    ("丰都县暨龙镇是重庆市农业农村委帮扶集团对口帮扶的市级乡村振兴重点乡镇。", ("重庆市农业农村委帮扶集团", "丰都县暨龙镇")),
    # a team written bare takes its full name from before; the place is named after 结对帮扶单位
    ("7月5日，江苏海事职业技术学院志愿服务队前往盐城市响水县，开展结对帮扶活动。活动中，"
     "志愿服务队来到结对帮扶单位响水县陈家港镇中心小学，双方交流。",
     ("江苏海事职业技术学院志愿服务队", "响水县陈家港镇中心小学")),
    # the organisation opening the sentence, its staff listed before the verb
    ("6月3日上午，江苏南通市海门区职教中心党总支书记王明，校长李华到结对帮扶村——海门区三星镇石桥村开展走访慰问。",
     ("江苏南通市海门区职教中心", "海门区三星镇石桥村")),
])
def test_round3_shapes(text: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(text)


def test_verb_inside_a_team_name_is_no_pairing() -> None:
    # "某委帮扶集团对口帮扶的乡镇": the 帮扶 of the group's name pairs nothing by itself
    got = pairs("丰都县暨龙镇是重庆市农业农村委帮扶集团对口帮扶的乡镇。")
    assert got == {("重庆市农业农村委帮扶集团", "丰都县暨龙镇")}


def test_gift_arranged_by_a_team_is_a_donation() -> None:
    ctx = _run("在北京市发展改革委帮扶集团驻乡工作队的协调下，北京华联电器有限公司向龙潭镇石桥村捐赠20台空调。")
    assert not ctx.facts.get("pairings")
    assert [o["relation"] for o in ctx.notes["other_pairings"]] == ["donation"]


def test_region_officials_visiting_an_aided_village_pair_nothing() -> None:
    assert pairs("汇川区委宣传部相关负责人到定点帮扶村——汇川区板桥镇娄山村开展慰问。") == set()


def test_activity_name_after_a_visited_county_is_no_recipient() -> None:
    got = pairs("江苏海事职业技术学院志愿服务队赴响水县开展新时代文明实践中心结对帮扶志愿活动。")
    assert not any("中心" in r for _, r in got)


def test_caption_run_into_a_township_name() -> None:
    got = pairs("图源 北京市发展改革委龙潭镇是市发展改革委帮扶集团对口帮扶的重点乡镇。")
    assert all(r == "龙潭镇" for _, r in got) and got


@pytest.mark.parametrize("text,expected", [
    # a central agency and a region joined by 与 before the verb: both help
    ("作为国家林业和草原局与广东省对口支援西藏林芝的重点项目，该基地今年投产。", {("国家林业和草原局", "540400"), ("440000", "540400")}),
    # a district written as where a project lies: the pair is the arrangement's own (the prefecture)
    ("位于卡若区的昌都市第一高级中学是天津市援藏规划中的重点项目。", {("120000", "540300")}),
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
    assert pairs("近年来，区税务局机关第二党支部与枫林居民区党总支建立党组织结对帮扶机制。") == {
        ("区税务局机关第二党支部", "枫林居民区党总支")}
    assert pairs("2022年6月，长兴街道第三居民区党总支与区卫健委机关党支部签署了结对共建协议。") == {
        ("区卫健委机关党支部", "长兴街道第三居民区党总支")}


@pytest.mark.parametrize("text", [
    "该村党支部与县财政局党支部达成结对帮扶。",  # an anaphor is no name
    "民建湖南省委会联合民建湖南省直企业支部向丰宁县捐赠物资。",  # 支部 alone ends no name
])
def test_no_junk_branch_names(text: str) -> None:
    ctx = _run(text)
    names = {p for f in ctx.facts.get("pairings", []) for p in (f.data["helper"], f.data["recipient"])}
    names |= {o[k] for o in ctx.notes.get("other_pairings", []) for k in ("helper", "recipient")}
    assert not any(n.startswith("该") or n.endswith("企业支部") for n in names)


def test_local_organisations_of_one_province_are_intra_province() -> None:
    ctx = _run("6月3日，江苏南通市海门区职教中心党总支书记王明到结对帮扶村——海门区三星镇石桥村开展走访。")
    assert [f.data["program"] for f in ctx.facts["pairings"]] == ["intra_province"]
