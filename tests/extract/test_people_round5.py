"""Round-5 shapes: career summaries, members named after their body and 的, founders, posts
chained over 兼 and over a comma (invented sentences)."""
from __future__ import annotations

from duikou.extract.people import find_people


def _titles(text: str) -> dict[str, list[str]]:
    return {p["name"]: p["titles"] for p in find_people(text)}


def test_a_career_summary_after_the_name() -> None:
    text = ("宣布任命：方志远同志任林业局党组书记。方志远此前为水利部党组成员、副部长，国家林业局局长。"
            "资料显示，方志远出生于1965年，担任过省财政厅党组成员、副厅长，岳阳市委常委、常务副市长，"
            "省委常务副秘书长兼省委办公厅主任等职，2018年3月任湖南省委常委、秘书长。")
    titles = _titles(text)["方志远"]
    for post in ("党组书记", "副部长", "局长", "副厅长", "市委常委", "常务副市长", "常务副秘书长", "主任"):
        assert post in titles
    assert "秘书长" not in titles  # printed for another year, after a date: not taken


def test_a_new_post_after_the_name_and_a_comma() -> None:
    text = "原任林业局党组成员、副局长的韩子墨，转任湖南省委常委、组织部部长。"
    assert _titles(text) == {"韩子墨": ["党组成员", "副局长", "省委常委", "组织部部长"]}


def test_a_career_verb_with_no_post_after_it() -> None:
    assert _titles("韦明轩表示，他曾任教多年。") == {"韦明轩": []}


def test_a_member_named_after_the_body_and_de_before_a_speech_verb() -> None:
    assert list(_titles("来自武汉大学的周启航表示，交流很有收获。")) == ["周启航"]
    assert list(_titles("西南民族研究院的达娃央金说，变化很大。")) == ["达娃央金"]
    assert list(_titles("来自伊犁师范大学的阿依古丽·吐尔逊表示，很好。")) == ["阿依古丽·吐尔逊"]
    assert _titles("来自当地的企业家表示，很好。") == {}
    assert _titles("县里的干部群众表示，很好。") == {}


def test_founders_and_a_schools_own_committee() -> None:
    assert _titles("德州市委党校校委委员钱伟民在会上强调，要做好工作。") == {"钱伟民": ["校委委员"]}
    assert _titles("某某网联合创始人童思远说，很好。") == {"童思远": ["联合创始人"]}


def test_posts_joined_by_jian_and_by_a_comma_before_a_body() -> None:
    text = "某某科技集团创始人、董事长兼首席执行官，某某公益基金会发起人吴鸿飞热情欢迎大家。吴鸿飞表示，很好。"
    assert _titles(text) == {"吴鸿飞": ["创始人", "董事长", "首席执行官", "发起人"]}
    assert _titles("县委书记张三，县长李四出席。") == {"张三": ["县委书记"], "李四": ["县长"]}
