"""Round-4 weak cues for untitled names (invented sentences)."""
from __future__ import annotations

from duikou.extract.people import find_people


def _names(text: str) -> list[str]:
    return [p["name"] for p in find_people(text)]


def test_a_leader_list_closed_by_a_comma_before_the_attendance_verb() -> None:
    text = "石文涛、龚干城、阿依努尔·买买提、欧阳立新和柯晓川，曾在边疆任职的老干部代表等参加座谈。"
    assert _names(text) == ["石文涛", "龚干城", "阿依努尔·买买提", "欧阳立新", "柯晓川"]


def test_a_place_list_closed_by_a_comma_is_no_name() -> None:
    assert _names("在湖南、江西、贵州等地，许多读者走进书店参加活动。") == []


def test_a_given_name_may_hold_gan_but_not_end_with_it() -> None:
    assert "龚干城" in _names("龚干城出席会议。龚干城说，很好。")
    assert _names("骨干们说，实干出成绩。") == []


def test_writers_and_pupils_before_a_name() -> None:
    assert _names("在场女作家郝思琪、严晓彤、詹若岚等认领了学生。") == ["郝思琪", "严晓彤", "詹若岚"]
    assert _names("高中生柯晓川说，家乡变美了。") == ["柯晓川"]


def test_a_person_noun_and_jiao_before_a_name() -> None:
    assert _names("这位老人叫多吉次仁，今年八十岁。") == ["多吉次仁"]
    assert _names("那个孩子叫葛小雨，刚上一年级。") == ["葛小雨"]


def test_four_transliteration_characters_after_a_person_noun() -> None:
    assert _names("那次讲话改变了学生扎西顿珠一生的选择。") == ["扎西顿珠"]
    assert _names("这是初中生卓玛央金勾画的家乡。") == ["卓玛央金"]
    assert _names("小学生开展夏令营活动。") == []


def test_posts_of_an_appointment_after_tongzhi() -> None:
    got = {p["name"]: p["titles"] for p in find_people(
        "会上宣读了任免通知：葛文清同志任某某市林业科学研究所党委委员、书记，免去罗晓冬同志的某某局党组书记职务。")}
    assert got == {"葛文清": ["党委委员", "书记"], "罗晓冬": ["党组书记"]}
    assert {p["name"]: p["titles"] for p in find_people("大家对庞建业同志的讲话进行了回应。")} == {"庞建业": []}
