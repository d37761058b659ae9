"""Pairings named at the level the text prints: a village or town with the regions and the township
printed before it (sentences written for the tests, not taken from any corpus)."""
from __future__ import annotations

import pytest

from tests.extract.helpers import pairs, run

WUHOU = "510107"


@pytest.mark.parametrize("text,expected", [
    # the chain printed in the pairing's own sentence
    ("安康市农业农村局定点帮扶岚皋县南宫山镇花里村。", {("安康市农业农村局", "岚皋县南宫山镇花里村")}),
    ("成都市武侯区对口帮扶甘孜州理塘县禾尼乡。", {(WUHOU, "甘孜州理塘县禾尼乡")}),
    # the pairing's sentence names the village bare; another sentence prints it in full
    ("岚皋县南宫山镇花里村位于大巴山深处。近年来，安康市农业农村局定点帮扶花里村，建起茶厂。",
     {("安康市农业农村局", "岚皋县南宫山镇花里村")}),
    # a township alone after a list comma is the next village's prefix
    ("近日，安康市农业农村局赴定点帮扶村岚皋县南宫山镇花里村、四季镇天坪村开展调研。",
     {("安康市农业农村局", "岚皋县南宫山镇花里村"), ("安康市农业农村局", "四季镇天坪村")}),
    # ... but a word for townships in general is not
    ("近年来，安康市农业农村局定点帮扶花里村，建起茶厂。如今，全镇花里村的茶叶最有名。",
     {("安康市农业农村局", "花里村")}),
    # a region written apart from the village is no prefix of it
    ("近年来，安康市农业农村局定点帮扶花里村，建起茶厂。花里村在岚皋县以茶叶闻名。",
     {("安康市农业农村局", "花里村")}),
    ("近年来，安康市农业农村局定点帮扶花里村，建起茶厂。岚皋县的花里村以茶叶闻名。",
     {("安康市农业农村局", "花里村")}),
])
def test_village_in_its_printed_chain(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) == expected


def test_a_chain_in_the_headline_is_not_the_body() -> None:
    title = "岚皋县花里村：茶香满山"
    got = pairs(run(title + "\n近年来，安康市农业农村局定点帮扶花里村，建起茶厂。", title=title))
    assert got == {("安康市农业农村局", "花里村")}


@pytest.mark.parametrize("text,expected", [
    # a relative clause opened by the helping verb: its head helps, not the city named later in passing
    ("近几天，对口帮扶四川青川县的湖州吴兴区陆续组织专车，送回了200多名青川县籍务工人员，他们一到湖州即可上岗。",
     {("330502", "510822")}),
    ("近日，结对帮扶青川县的安吉县又派出一批教师。", {("330523", "510822")}),
])
def test_head_of_a_relative_clause_helps(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) == expected


@pytest.mark.parametrize("text", [
    "近日，对口帮扶青川县的沙州镇迎来一批客人。",  # a place of the recipient, not a helper
    "上海对口帮扶云南的项目有很多。",  # the helper is before the verb; the head is a noun
])
def test_relative_clause_head_that_is_no_helper(text: str) -> None:
    got = pairs(run(text))
    assert not any(h == "510822" or r == "沙州镇" for h, r in got)


@pytest.mark.parametrize("text,expected", [
    # "Y成为X的帮扶地区": like "Y是X…帮扶县", the recipient is the subject; the finer helper is meant
    ("2018年起浙江对口帮扶四川后，青川县成为湖州市的帮扶地区。", {("330500", "510822")}),
    ("青川县成为湖州市对口帮扶的重点县。", {("330500", "510822")}),
    ("青川县成为湖州市的合作伙伴。", set()),  # no helping verb, no noun of what is helped
])
def test_recipient_becomes_the_helpers_area(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) >= expected and (expected or not pairs(run(text)))


@pytest.mark.parametrize("text,expected", [
    # "P援疆<city of P>分指挥部": the city's own team, so the city is the helper
    ("会上，浙江援疆湖州市分指挥部向学生代表授旗，湖州对口支援阿克苏地区阿瓦提县。", {("330500", "652928")}),
    ("此次活动由浙江援疆湖州市分指挥部、湖州市团委、阿瓦提县教育局共同举办。", {("330500", "652928")}),
    # the province's own field office stays the province's
    ("会上，浙江援疆阿克苏指挥部介绍了情况。", {("330000", "652900")}),
])
def test_city_team_inside_a_provinces_aid_name(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a city's new area is a zone, not the city
    ("近年来，宁波市前湾新区结对帮扶晴隆县，援建了一批学校。", {("宁波市前湾新区", "522324")}),
    # a district whose own name ends like a zone stays the district
    ("近年来，上海市浦东新区对口帮扶西双版纳州，援建了一批学校。", {("310115", "532800")}),
])
def test_new_area_is_a_zone(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) == expected


def test_region_inside_an_institute_name_is_no_side() -> None:
    # "<region>…研究院携…": the institute's name ends before 携; its region takes no side
    text = "身为徐汇区对口帮扶协作地的普洱，孩子们很想了解航天，徐汇区科技馆联合上海某某技术研究院携科普项目走进普洱。"
    assert not any(h == "310000" for h, _ in pairs(run(text)))


@pytest.mark.parametrize("text,expected", [
    # "X在Y的援助工作/帮扶项目": X's work in Y, X helps
    ("在东西部协作座谈会上，双方观看了宣传片，详细了解徐汇区在墨竹工卡县的援助工作和下一步打算。", {("310104", "540127")}),
    ("在东西部协作座谈会上，双方全面了解徐汇区在墨竹工卡县的帮扶项目。", {("310104", "540127")}),
    # the passive stays the passive
    ("在东西部协作座谈会上，墨竹工卡县在徐汇区的帮扶下发展茶产业。", {("310104", "540127")}),
    # a person's work is no pairing
    ("在东西部协作座谈会上，双方了解了他在墨竹工卡县的援助工作。", set()),
])
def test_work_in_the_recipient(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) == expected


JIADING, WENSHAN, FUNING, GUANGNAN = "310114", "532600", "532628", "532627"


@pytest.mark.parametrize("text,expected", [
    # a trip to the prefecture, the partner named as one of its counties: the county pair stays
    ("7月2日，嘉定区代表团赴云南文山州考察对口帮扶工作。座谈中，他指出，嘉定与富宁县的结对帮扶关系不断深化。",
     {(JIADING, FUNING)}),
    # several counties of it: the prefecture is the umbrella and stays too
    ("7月2日，嘉定区代表团赴云南文山州考察对口帮扶工作。座谈中，他指出，嘉定与富宁县、广南县的结对帮扶关系不断深化。",
     {(JIADING, FUNING), (JIADING, GUANGNAN), (JIADING, WENSHAN)}),
    ("7月2日，嘉定区代表团赴云南文山州考察对口帮扶工作。", {(JIADING, WENSHAN)}),
])
def test_trip_to_the_city_of_the_partner(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # "<P short>对口帮扶<C>工作组", P printed in full elsewhere: P's own team, P helps C
    ("近日，宁波市镇海区向晴隆县捐赠物资。晴隆县副县长、镇海对口帮扶晴隆工作组组长王某介绍了东西部协作情况。",
     {("330211", "522324")}),
    ("近日，宁波对口帮扶晴隆工作组在晴隆县召开东西部协作座谈会。", {("330200", "522324")}),
    # the city of P inside the team's name is the helper, not a recipient
    ("近日，浙江援疆湖州市分指挥部在阿瓦提县召开对口支援座谈会。", {("330500", "652928")}),
])
def test_team_named_for_both_sides(text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(run(text)) == expected
