"""Shapes of naming seen on unseen real reports, on sentences written for these tests
(fictional people, real regions)."""
from __future__ import annotations

from typing import Any

import pytest

import duikou.extract.people  # noqa: F401  (registers the extractor)
import duikou.extract.regions  # noqa: F401
from duikou.extract.context import Context
from duikou.extract.registry import registered
from duikou.ingest.document import Document


def _people(text: str) -> dict[str, dict[str, Any]]:
    ctx = Context(Document(source="test.txt", text=text))
    registered()["regions"](ctx)
    registered()["people"](ctx)
    return {f.data["name"]: f.data for f in ctx.facts.get("people", [])}


@pytest.mark.parametrize("text, name, titles", [
    # central leadership posts are kept in front of the government post
    ("中共中央政治局委员、国务院副总理柏文涛出席会议并讲话。", "柏文涛", ["中共中央政治局委员", "国务院副总理"]),
    ("中共中央书记处书记、国务委员祁怀远等同机抵达。", "祁怀远", ["中共中央书记处书记", "国务委员"]),
    ("中央军委委员、中央代表团副团长伍振川在联欢会上致辞。", "伍振川", ["中央军委委员", "副团长"]),
    # heads of broadcasters and of a democratic party's branch
    ("贵州广播电视台台长庞立仁介绍了节目筹备情况。", "庞立仁", ["台长"]),
    ("民盟市直支部主委鲍晓峰等参加活动。", "鲍晓峰", ["主委"]),
    # a verb that is no follow word after the name: the name is printed alone elsewhere
    ("宣传部部长蓝学勤转交设备清单。蓝学勤、阎志平共同启动项目。", "蓝学勤", ["宣传部部长"]),
])
def test_titles_of_unseen_reports(text: str, name: str, titles: list[str]) -> None:
    people = _people(text)
    assert name in people, people
    assert people[name]["titles"] == titles


def test_a_title_list_shares_the_collective_title() -> None:
    people = _people("中共中央政治局常委甲乙丙、柏文涛、祁怀远、伍振川出席会议。".replace("甲乙丙", "邝立峰"))
    assert {"邝立峰", "柏文涛", "祁怀远", "伍振川"} <= set(people)
    assert all(people[n]["titles"] == ["中共中央政治局常委"] for n in ("柏文涛", "伍振川"))


@pytest.mark.parametrize("text", [
    "中央政治局常委会召开会议，专题研究春耕生产。",  # the committee's meeting, no name
    "某国国务委员长出席了阅兵式。",  # a head of state's post with no name after it
])
def test_no_names_after_collective_bodies(text: str) -> None:
    assert _people(text) == {}


@pytest.mark.parametrize("text, names", [
    # a list printed bare after its first item was named with a title
    ("州委书记邝立峰致辞。邝立峰、柏文涛、祁怀远共同启动了项目。", ["邝立峰", "柏文涛", "祁怀远"]),
    # person nouns with no title before the name
    ("两位科学家庞文远、伍振川的事迹感动了很多人。", ["庞文远", "伍振川"]),
    ("来自杭州市的家庭代表鲍晓峰说，这次交流收获很大。", ["鲍晓峰"]),
    ("云南女孩邝雨桐，大学毕业后来到怒江支教。", ["邝雨桐"]),
])
def test_people_named_without_a_title(text: str, names: list[str]) -> None:
    assert set(names) <= set(_people(text))


@pytest.mark.parametrize("text, name", [
    ("（图片由某公司供图 蓝学勤摄）", "蓝学勤"),
    ("新华网记者 庞立仁摄", "庞立仁"),
])
def test_photo_credit_verb_is_cut(text: str, name: str) -> None:
    people = _people(text)
    assert name in people and people[name]["role"] == "journalist", people


@pytest.mark.parametrize("text", [
    "都市报记者 文并摄",  # text and photos by: no name
    "志愿者们在居民安置点负责发放物资。",  # a place, not a name
])
def test_no_names_in_credit_phrases_or_places(text: str) -> None:
    assert _people(text) == {}


@pytest.mark.parametrize("text, name", [
    ("自治区人大常委会主任多吉罗布、自治区政府主席某某等到机场迎接。", "多吉罗布"),  # four typical characters after a surname-like one
    ("全国人大常委会副委员长巴桑，全国政协副主席某某出席。", "巴桑"),  # two typical characters closed by a comma
    ("种了二十年青稞的农户达娃告诉记者，今年收成不错。", "达娃"),
    ("区教育局后勤中心书记邝立峰等参加活动。", "邝立峰"),  # a bare 书记 after a body's name
])
def test_short_and_long_transliterated_names_and_bare_secretaries(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize("text", [
    "县委书记亲自，",  # no name after the title
    "主任热情接待了来宾。",
    "农户纷纷告诉记者，今年收成不错。",
])
def test_no_short_runs_as_names(text: str) -> None:
    assert _people(text) == {}


@pytest.mark.parametrize("text", [
    "部分乡村供水工程建设和管理仍然薄弱。",  # 村…工 + surname character + a frequent word
    "行业主管部门表示，将加强监管。",
    "专家高水平、高质量的服务受到欢迎。",
])
def test_frequent_words_are_no_given_names_on_weak_cues(text: str) -> None:
    assert _people(text) == {}


def test_a_frequent_word_as_given_name_stays_inside_a_list() -> None:
    people = _people("社区医生邝立峰、鲍建立、庞霞为老人送去了服务。")
    assert {"邝立峰", "鲍建立", "庞霞"} <= set(people)


@pytest.mark.parametrize("text, name, titles", [
    ("队员们从县卫健局局长鲍晓峰手中接过队旗。", "鲍晓峰", ["局长"]),
    ("在山区学校做校长的庞立仁今年调到了城区。", "庞立仁", ["校长"]),
])
def test_possessive_and_what_he_does(text: str, name: str, titles: list[str]) -> None:
    people = _people(text)
    assert name in people and people[name]["titles"] == titles, people
