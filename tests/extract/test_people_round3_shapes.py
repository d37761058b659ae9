"""Shapes of person names found in round 3 (invented sentences, no corpus text)."""
from __future__ import annotations

import pytest

from duikou.extract.people import find_people


def _names(text: str) -> list[str]:
    return [p["name"] for p in find_people(text)]


def _person(text: str, name: str) -> dict:
    return next(p for p in find_people(text) if p["name"] == name)


@pytest.mark.parametrize("text,name", [
    # after a title, the name runs into a frequent verb that is no follow word
    ("市人民检察院党组书记、检察长邱明远号召全市干警向他学习。", "邱明远"),
    ("县医院院长韦青叮嘱队员注意安全。", "韦青"),
    ("副局长严可之已调任他职。", "严可之"),
    # a married woman's name: two surnames and a two-character given name
    ("妇女会主席谭邓美玲表示，将继续捐助。", "谭邓美玲"),
    # a post printed with 担任…的 across a chain of posts joined by 、
    ("曾担任某某职业学院副院长、党委委员的龚立言已调任他处。", "龚立言"),
    # a clause of its own: a name and a leader's act at a meeting
    ("会议听取了汇报。钱正宇主持会议。", "钱正宇"),
    ("各组代表发言。钱正宇作总结讲话。", "钱正宇"),
    # a name before a form of address and 是
    ("“我愿意去。”莫雨晴老师是一中的骨干教师，教了十年书。", "莫雨晴"),
    # any cadre before a name and a speech verb
    ("挂钩学习干部蓝一舟表示：收获很大。", "蓝一舟"),
    ("退休干部卓光明，凭着多年经验帮助村民。", "卓光明"),
    # an introduction closed by 队员
    ("我们来到营地。鲁晓舟是第一批医疗队队员，今年三十岁。", "鲁晓舟"),
])
def test_round3_shapes(text: str, name: str) -> None:
    assert name in _names(text)


def test_list_with_a_last_name_joined_by_he() -> None:
    names = _names("会议开始。韩东升、卜建平、苗文、欧阳林和祁思远出席会议。")
    assert {"韩东升", "卜建平", "苗文", "欧阳林", "祁思远"} <= set(names)


def test_long_list_keeps_an_item_with_a_rare_surname() -> None:
    names = _names("会上，韩东升、卜建平、苗文、禄山、祁思远、柴文静等6位代表发言。")
    assert {"韩东升", "卜建平", "苗文", "祁思远", "柴文静"} <= set(names)


def test_titles_of_universities_companies_and_doctors() -> None:
    p = _person("某某证券委员会副书记、某某证券董事会秘书戚文博说，活动很好。", "戚文博")
    assert p["titles"] == ["副书记", "董事会秘书"]
    p = _person("医疗队队长、某某医院心内科主治医师柏之恒说，会尽力。", "柏之恒")
    assert p["titles"] == ["队长", "主治医师"]
    p = _person("特别行政区行政长官蒲立言出席活动。", "蒲立言")
    assert p["titles"] == ["行政长官"]


@pytest.mark.parametrize("text", [
    "要深入学习总书记关于加强和改进工作的重要论述。",  # 关于 is no pair of surnames
    "随着支行行长黄岳果断的安排，救援开始。",  # 果断 is a word: no married name 黄岳果断
    "村支部书记吴桂林则说，好。",  # a one-character follow word after a four-character run
    "某县：干部包户 党员帮困",  # a bare noun in a headline
    "千名干部包户、万名党员结对。",
    "沿江各地共抓长江大保护。",  # a title matched inside a word: no verb cut after it
    "市长候选人名单已经公布。",
    "民警进村入户查隐患",  # 入户 is a verb and its object, no resident
])
def test_round3_no_junk(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize("text,name", [
    # police, courts and sport nouns before a name
    ("巡逻的民警庞立新发现一名走失儿童。", "庞立新"),
    ("主教练沙明远介绍，队员们状态很好。", "沙明远"),
    ("中国选手鲍雨晴在女子决赛中夺冠。", "鲍雨晴"),
    # the last character of a three-character cut and the follow word make a verb: a two-character name
    ("正在执勤的民警韩旭接到一位女士的求助。", "韩旭"),
    # a one-character follow word before a number is a preposition, not the end of the name
    ("决赛中，中国选手邢小航以231.5环的成绩获得第三名。", "邢小航"),
])
def test_round3_person_nouns(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize("text", [
    "该国国民警卫队中的军官发动政变。",  # 民警 inside a body's name
    "检察官曾向证人提出问题。",  # 曾 an adverb after a person noun
])
def test_round3_person_nouns_no_junk(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize("text,names", [
    ("会议听取了汇报。韦晓成同志指出，要抓好落实。", ["韦晓成"]),
    ("省委决定：柏焕新同志任某某研究院党委书记，免去丛明同志的党委书记职务。", ["柏焕新", "丛明"]),
])
def test_round3_comrade(text: str, names: list[str]) -> None:
    assert set(names) <= set(_names(text))


@pytest.mark.parametrize("text", [
    "各位领导同志，大家好。",
    "老同志们纷纷表示赞同，优先安排老同志体检。",
    "谢谢警察同志，谢谢民警同志。",
    "紧密团结在以韦晓成同志为核心的领导班子周围。",  # 以…同志为核心: a set phrase
])
def test_round3_comrade_no_junk(text: str) -> None:
    assert _names(text) == []
