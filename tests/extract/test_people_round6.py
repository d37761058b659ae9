"""Round-6 shapes: former posts (原…), a head post sharing its level character with the region
before it (某某州长), a name closed by a two-character verb and an aspect mark or 地, and a
footer's credit word glued to the name before it (invented sentences)."""
from __future__ import annotations

from duikou.extract.people import find_people
from duikou.extract.regions import find_regions


def _people(text: str) -> dict[str, tuple[list[str], str | None]]:
    return {p["name"]: (p["titles"], p["region"]) for p in find_people(text, find_regions(text))}


def test_a_former_post_before_the_name() -> None:
    text = "通报指出，云南省会泽县新街镇红岩村原党支部书记兼村委会主任吕学文贪污低保资金等问题。"
    titles, _ = _people(text)["吕学文"]
    assert "村委会主任" in titles


def test_a_former_post_inside_the_chain() -> None:
    people = _people("甘肃省岷县某某镇某某村党支部原书记韩永福贪污扶贫资金问题。")
    assert "韩永福" in people


def test_a_head_post_glued_to_a_prefecture() -> None:
    text = "浙江对口支援阿坝藏族自治州。去年秋天，阿坝州长邵光明发出邀请，欢迎游客来高原看看。"
    titles, region = _people(text)["邵光明"]
    assert titles == ["州长"] and region == "513200"


def test_no_name_from_a_word_opening_with_the_level_characters_tail() -> None:
    assert _people("武汉市长江大桥建成通车，市民纷纷前往参观。") == {}
    assert _people("荆州市长江大堤加固完成。") == {}


def test_a_name_closed_by_a_verb_and_an_aspect_mark() -> None:
    text = "说话间，县气象局志愿服务队队长罗振东熟练地搬起了沙袋。"
    assert _people(text)["罗振东"][0] == ["队长"]
    assert "罗振东" in _people("县气象局志愿服务队队长罗振东搬起了沙袋。")


def test_no_name_where_the_verb_shape_runs_over_a_word() -> None:
    assert _people("他从主任手中接过了证书。") == {}


def test_a_credit_word_glued_to_the_name() -> None:
    people = _people("活动圆满结束。编辑 钟晓岚校对 谭一鸣")
    assert "钟晓岚" in people and "钟晓岚校" not in people
    assert "文字" not in _people("活动圆满结束。（视频编辑：钟晓岚 文字编辑：谭一鸣）")


def test_a_latin_company_post() -> None:
    people = _people("会上，某某网络科技公司CFO 蔡明轩介绍了新产品。")
    assert people["蔡明轩"][0] == ["CFO"]
    assert _people("这是他担任那家公司CEO时使用的办法。") == {}


def test_the_phrase_dui_lai_shuo_is_no_part_of_the_name() -> None:
    people = _people("对9岁的格桑卓玛来说，这次旅行格外难忘。")
    assert "格桑卓玛" in people and "格桑卓玛来" not in people
    assert not any(n.endswith("来") for n in _people("对村民罗小川来说，这次旅行格外难忘。"))


def test_a_dotted_name_running_into_a_frequent_verb() -> None:
    people = _people("会谈中，挪威首相约纳斯·斯特勒达成的共识被多次提及。")
    assert all(not n.endswith("达成") for n in people)
