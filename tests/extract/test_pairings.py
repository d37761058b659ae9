"""Pairings: direction, program and start year from the text's own patterns (texts written for the tests)."""
from __future__ import annotations

import pytest

from tests.extract.helpers import pairs, run

CHANGSHU, YANHE = "320581", "520627"
KUNSHAN = "320583"
WUHOU, LITANG = "510107", "513334"
SHUNDE, WEINING = "440606", "520526"
XUHUI, LHASA, MOZHU = "310104", "540100", "540127"
XIHU_HZ, BADONG, JIANSHI = "330106", "422823", "422822"
YIXING, ZIYANG = "320282", "610924"


@pytest.mark.parametrize("text,expected", [
    # A's delegation travels to B about their cooperation
    ("常熟市党政代表团赴贵州省沿河土家族自治县考察东西部协作工作。", {(CHANGSHU, YANHE)}),
    ("6月3日，宜兴市代表团一行前往陕西省紫阳县对接苏陕协作工作。", {(YIXING, ZIYANG)}),
    # A verb B, with a list and 分别
    ("2017年以来，杭州市西湖区分别结对帮扶恩施州巴东县、建始县。", {(XIHU_HZ, BADONG), (XIHU_HZ, JIANSHI)}),
    ("成都市武侯区对口帮扶甘孜州理塘县，派出干部二十余名。", {(WUHOU, LITANG)}),
    # joint names with a cue
    ("顺德—威宁东西部协作联席会议在威宁县召开。顺德区和威宁县签订协议。", {(SHUNDE, WEINING)}),
    # A 向 B 捐赠
    ("会上，常熟市向沿河土家族自治县捐赠帮扶资金300万元。", {(CHANGSHU, YANHE)}),
    # counterpart support to Tibet
    ("上海市徐汇区对口支援西藏拉萨市墨竹工卡县，援藏干部轮换交接。", {(XUHUI, MOZHU)}),
])
def test_pairing_patterns(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) >= expected


@pytest.mark.parametrize("text", [
    "常熟市与昆山市同属苏州市，两地经济总量均居全省前列。",  # two regions, no pairing cue
    "沿河土家族自治县干部赴常熟市参加培训。",  # a training trip, no cooperation cue
    "昆山市召开全市乡村振兴工作会议。",
])
def test_no_pairing_without_a_cue(text: str) -> None:
    assert pairs(run(text)) == set()


def test_joint_names_take_the_registry_direction() -> None:
    # written recipient first; the official east-west arrangement says Jiangsu helps Shaanxi
    rec = run("紫阳—宜兴对口协作座谈会在紫阳县召开，宜兴市有关部门负责人参加。")
    assert pairs(rec) == {(YIXING, ZIYANG)}
    assert rec["pairings"][0]["program"] == "east_west"


@pytest.mark.parametrize("text,program", [
    ("常熟市党政代表团赴贵州省沿河土家族自治县考察东西部协作工作。", "east_west"),
    ("成都市武侯区对口帮扶甘孜州理塘县，这是省内对口帮扶的重要内容。", "intra_province"),
    ("上海市徐汇区对口支援西藏拉萨市墨竹工卡县。", "counterpart_support"),
])
def test_program(text: str, program: str) -> None:
    rec = run(text)
    assert rec["pairings"] and rec["pairings"][0]["program"] == program


@pytest.mark.parametrize("text,published,since", [
    ("自2018年与常熟市建立东西部协作关系以来，沿河土家族自治县累计获得帮扶资金。常熟市党政代表团赴沿河土家族自治县考察协作工作。", "2022-03-01", 2018),
    ("今年是两地对口协作的第四个年头。常熟市党政代表团赴沿河土家族自治县考察东西部协作工作。", "2022-03-01", 2019),
    ("常熟市党政代表团赴沿河土家族自治县考察东西部协作工作。两地结对三年多来，合作不断深化。", "2022-03-01", 2019),
    ("常熟市党政代表团赴沿河土家族自治县考察东西部协作工作。", "2022-03-01", None),
])
def test_since(text: str, published: str, since: int | None) -> None:
    rec = run(text, published)
    got = {(p["helper"], p["recipient"]): p["since"] for p in rec["pairings"]}
    assert got[(CHANGSHU, YANHE)] == since


def test_explicit_year_beats_duration() -> None:
    text = ("常熟市党政代表团赴沿河土家族自治县考察东西部协作工作。自2017年与常熟市建立结对关系以来，双方合作不断。"
            "两地结对三年多来，成果丰硕。")
    rec = run(text, "2022-03-01")
    assert rec["pairings"][0]["since"] == 2017


def test_non_region_party_by_name() -> None:
    rec = run("上海市长宁区新华路街道结对帮扶云南省昭通市盐津县，捐赠物资一批。")
    assert ("上海市长宁区新华路街道", "530623") in pairs(rec)


def test_unknown_pairing_is_flagged() -> None:
    rec = run("常熟市党政代表团赴贵州省沿河土家族自治县考察东西部协作工作。")
    p = rec["pairings"][0]
    assert p["known"] in (True, False)  # the registry answered


@pytest.mark.parametrize("text,expected", [
    # joint names with a relation phrase, the year in front
    ("自2020年昆山市与沿河土家族自治县建立东西部协作结对关系以来，两地合作不断深化。", {(KUNSHAN, YANHE)}),
    ("2018年以来，常熟市与沿河土家族自治县结对推进东西部协作，成效明显。", {(CHANGSHU, YANHE)}),
    # a central unit, a time phrase between it and the verb
    ("华中农垦发展银行2016年起定点帮扶贵州省沿河土家族自治县。", {("华中农垦发展银行", YANHE)}),
    # a street and a township; a company and a village (named without their county)
    ("同日，徐汇区枫林路街道与墨竹工卡县扎西岗乡签订结对帮扶协议。", {("徐汇区枫林路街道", "墨竹工卡县扎西岗乡")}),
    ("江苏恒远粮油有限公司与沿河土家族自治县官舟镇黄坪村签订村企结对帮扶协议。", {("江苏恒远粮油有限公司", "沿河土家族自治县官舟镇黄坪村")}),
    # an institution keeps its region prefix, as printed
    ("昆山市第一人民医院持续对口帮扶沿河土家族自治县人民医院。", {("昆山市第一人民医院", "沿河土家族自治县人民医院")}),
])
def test_joint_and_named_parties(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) >= expected


@pytest.mark.parametrize("text", [
    # a list of recipients with their duty, not a pairing between them
    "巴东县、建始县要全面扛起对口帮扶主体责任，主动加强与西湖区的沟通。",
    # two helpers each helping someone else
    "西湖区和上城区分别对口帮扶巴东县、建始县。",
])
def test_lists_are_not_joint_pairings(text: str) -> None:
    got = pairs(run(text))
    assert (BADONG, JIANSHI) not in got and ("330102", XIHU_HZ) not in got and (XIHU_HZ, "330102") not in got


def test_unit_pairing_inherits_the_documents_programme() -> None:
    text = ("常熟市党政代表团赴贵州省沿河土家族自治县考察东西部协作工作。"
            "会上，常熟市虞山街道与沿河土家族自治县官舟镇签订结对帮扶协议。")
    rec = run(text)
    got = {(p["helper"], p["recipient"]): p["program"] for p in rec["pairings"]}
    assert got[("常熟市虞山街道", "沿河土家族自治县官舟镇")] == "east_west"


@pytest.mark.parametrize("text,expected", [
    # two lists paired by 分别与
    ("会上，苏州市吴江区、相城区分别与铜仁市沿河土家族自治县、印江土家族苗族自治县签订《结对帮扶协议》。",
     {("320509", "520627"), ("320507", "520625")}),
    # pairs of pairs by 分别
    ("常熟市与沿河土家族自治县、昆山市与碧江区分别签订了结对帮扶协议。", {(CHANGSHU, YANHE), (KUNSHAN, "520602")}),
    # a ministry's team visits two counties of the writer's own city
    ("9月3日，某某部副部长刘志平率调研组赴我市巫溪县、城口县调研定点帮扶工作。",
     {("某某部", "500238"), ("某某部", "500229")}),
    # a relative clause: A对口支援的B
    ("在徐汇区对口支援的墨竹工卡县，一批援藏项目陆续投用。", {(XUHUI, MOZHU)}),
])
def test_lists_and_clauses(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) >= expected


def test_an_abbreviation_is_the_full_name() -> None:
    text = ("国家乡村振兴发展局定点帮扶沿河土家族自治县。"
            "国家乡振局向沿河土家族自治县捐赠帮扶资金50万元。")
    assert pairs(run(text)) == {("国家乡村振兴发展局", YANHE)}


def test_years_elapsed_count_inclusively() -> None:
    rec = run("徐汇区对口支援墨竹工卡县，两地合作已走过10个年头。", "2024-05-01")
    assert rec["pairings"][0]["since"] == 2015


def test_university_is_not_its_province() -> None:
    rec = run("钱卫平介绍，自2014年江西科贸大学承担定点帮扶沿河土家族自治县任务以来，学校给予了全方位支持。", "2023-05-01")
    assert pairs(rec) == {("江西科贸大学", YANHE)}


@pytest.mark.parametrize("text,expected", [
    ("宝应县与镇坪县自2021年结成东西部协作对子以来，两地交流频繁。", {("321023", "610927")}),
    ("宝应县与镇坪县结对以来，累计实施项目20个。", {("321023", "610927")}),
    ("会上，宝应县与镇坪县签订了《2024年东西部协作框架协议》。", {("321023", "610927")}),
    ("南京市秦淮区与商洛市丹凤县、玄武区与洛南县等2对结对区县分别签订了年度协议。",
     {("320104", "611022"), ("320102", "611021")}),
    ("会上，昆山市第一人民医院与沿河土家族自治县人民医院签订了《“组团式”帮扶合作协议》。",
     {("昆山市第一人民医院", "沿河土家族自治县人民医院")}),
])
def test_joint_relations_and_signings(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) >= expected


def test_a_signing_without_a_cue_is_no_pairing() -> None:
    assert pairs(run("会上，宝应县经济开发区与镇坪县工业园区签订了产业合作备忘录。")) == set()


def test_a_regions_party_committee_is_the_region() -> None:
    rec = run("东莞将认真落实广东省委对口支援林芝工作部署，持续做好援藏工作。")
    assert ("440000", "540400") in pairs(rec)
    assert all(not str(p["helper"]).startswith("认真") for p in rec["pairings"])


def test_pairs_of_named_institutions_listed_with_respectively() -> None:
    text = "会上，宝应县人民医院与镇坪县人民医院、宝应县职业教育中心与镇坪县职业中学分别签订结对帮扶协议。"
    assert pairs(run(text)) >= {("宝应县人民医院", "镇坪县人民医院"), ("宝应县职业教育中心", "镇坪县职业中学")}


def test_a_conjunction_inside_an_agencys_name_stays() -> None:
    assert pairs(run("国家能源和矿产管理委员会定点帮扶沿河土家族自治县。")) == {("国家能源和矿产管理委员会", YANHE)}


def test_a_person_acting_for_a_company_is_not_part_of_its_name() -> None:
    rec = run("会上，陈志远代表华源电力集团有限公司向沿河土家族自治县捐赠帮扶资金150万元。")
    assert ("华源电力集团有限公司", YANHE) in pairs(rec)


def test_north_east_cooperation_is_no_programme() -> None:
    rec = run("宁波市对口合作延边朝鲜族自治州以来，两地合作不断深化。")
    assert {p["program"] for p in rec["pairings"]} <= {"unspecified"}


@pytest.mark.parametrize("text,expected", [
    # the sentence's subject helps, named clauses before the verb
    ("多年来，徐汇区积极承担援藏任务，重点对口支援墨竹工卡县。", {(XUHUI, MOZHU)}),
    ("2023年，常熟市认真落实东西部协作部署，扎实推进与沿河土家族自治县、碧江区的结对帮扶工作。",
     {(CHANGSHU, YANHE), (CHANGSHU, "520602")}),
])
def test_the_subject_of_the_sentence_helps(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) >= expected


def test_no_subject_no_pairing() -> None:
    # nobody opens a clause: the verb's helper is unknown
    assert pairs(run("为深入推进东西部协作，重点对口支援墨竹工卡县的工作持续开展。")) == set()
