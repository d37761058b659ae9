"""Round-7 shapes: a resident's name before an adverb in 地 and a speech verb, a noun in 子 after a
resident noun, a live-stream host, 接受某某辞去…职务, 某某一回来, a resident's name printed again
straight into other words, and the subject of a feature story (invented sentences)."""
from __future__ import annotations

from duikou.extract.people import find_people
from duikou.extract.regions import find_regions


def _people(text: str) -> dict[str, tuple[list[str], str | None]]:
    return {p["name"]: (p["titles"], p["region"]) for p in find_people(text, find_regions(text))}


def test_a_resident_before_an_adverb_and_a_speech_verb() -> None:
    assert set(_people("走进小院，五保户郑德华激动地说道：“日子越过越好。”")) == {"郑德华"}
    assert set(_people("屋里，低保户郑华开心地说：“谢谢大家。”")) == {"郑华"}


def test_a_noun_in_zi_after_a_resident_noun_is_no_name() -> None:
    assert _people("让好茶卖出好价钱，鼓起茶农钱袋子。”村支书笑着说。") == {}


def test_a_live_stream_host() -> None:
    assert "韩晓梅" in _people("在果园里，主播韩晓梅对着镜头介绍刚摘下的香梨。")


def test_a_host_word_before_another_noun_is_no_name() -> None:
    assert _people("本周举行少儿“小小主播夏令营”成果展示。") == {}


def test_a_resignation_accepted() -> None:
    people = _people("会议决定：接受赵立平辞去绍兴市人民政府副市长职务的请求。")
    assert people["赵立平"] == (["副市长"], "330600")
    assert "欧阳春" in _people("会议表决：同意欧阳春辞去嘉兴市副市长职务。")


def test_no_resignation_without_a_name() -> None:
    assert _people("会议接受了辞去职务的请求。") == {}


def test_a_name_before_as_soon_as() -> None:
    people = _people("刚开完表彰大会的石门县南北镇镇长李春平一回来就和农户商量明年的种植计划。")
    assert "李春平" in people


def test_a_resident_printed_again_into_other_words() -> None:
    text = ("种植大户彭国良几年前承包的山地被划入保护区，调解员帮彭国良争取到补偿款，"
            "最终彭国良改种果树。")
    assert "彭国良" in _people(text)
    # printed twice only, and both times into another word: not enough
    assert _people("种植大户彭国良几年前承包的山地被划入保护区，调解员帮彭国良争取到补偿款。") == {}


def test_the_subject_of_a_feature_story() -> None:
    text = ("家住山脚下的邓雨欣是个懂事的孩子。邓雨欣从小就帮妈妈干活，她从不喊累。"
            "因此，邓雨欣一直努力读书，她的成绩名列前茅。终于，邓雨欣考上了大学，她说要回报家乡。")
    assert "邓雨欣" in _people(text)


def test_a_place_opening_clauses_is_no_subject() -> None:
    text = ("黎明港是座老城。黎明港人口不多，他们以捕鱼为生。如今，黎明港变了样，他们盖起新房。"
            "去年，黎明港建起码头，他们的渔获卖得更远。")
    assert _people(text) == {}
