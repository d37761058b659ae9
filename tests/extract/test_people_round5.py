"""Round-5 shapes: career summaries, members named after their body and 的, founders, posts
chained over 兼 and over a comma (invented sentences)."""
from __future__ import annotations

from duikou.extract.people import find_people


def _titles(text: str) -> dict[str, list[str]]:
    return {p["name"]: p["titles"] for p in find_people(text)}


def test_a_career_summary_after_the_name() -> None:
    text = ("宣布任命：方志远同志任林业局党组书记。方志远此前为水利部党组成员、副部长，国家林业局局长。"
            "资料显示，方志远出生于1965年，担任过省财政厅党组成员、副厅长，岳阳市委常委、常务副市长，"
            "市委常务副秘书长兼市委研究室主任等职，2016年5月任湖南省委常委、秘书长。")
    titles = _titles(text)["方志远"]
    for post in ("党组书记", "副部长", "局长", "副厅长", "市委常委", "常务副市长", "常务副秘书长", "主任"):
        assert post in titles
    assert "省委常委" in titles and "秘书长" in titles  # after a date and 任: his posts then


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
    text = "某某软件公司创始人、总裁兼首席执行官，某某慈善基金会发起人吴鸿飞在门口迎接来宾。吴鸿飞表示，很好。"
    assert _titles(text) == {"吴鸿飞": ["创始人", "总裁", "首席执行官", "发起人"]}
    assert _titles("县委书记张三，县长李四出席。") == {"张三": ["县委书记"], "李四": ["县长"]}


def test_a_name_after_a_person_noun_printed_again_past_an_unknown_verb() -> None:
    assert list(_titles("汉族教师韩立新扎根乡村小学。韩立新说，很好。")) == ["韩立新"]
    assert list(_titles("女作家卢文瑾结对帮扶一名学生。卢文瑾说，很开心。")) == ["卢文瑾"]
    assert list(_titles("藏族高中生尼东拉毛勾勒出家乡的变化。画中，尼东拉毛一家住在新房里。")) == ["尼东拉毛"]
    assert list(_titles("教师韩立新扎根乡村小学。")) == []  # printed once: the cut is not sure


def test_a_resident_printed_again() -> None:
    assert list(_titles("村民郑有田家贷款建起了猪场。后来，郑有田心里开始盘算。")) == ["郑有田"]
    assert list(_titles("而村民格桑旺久同样不能忘记。十多年党龄的格桑旺久，把话记在心头。")) == ["格桑旺久"]
    assert _titles("守护群众钱袋子行动。大家守护好“钱袋子”。") == {}


def test_police_staff_before_a_name_and_an_introduction_after_de() -> None:
    text = "检察干警魏晓东的事迹被同事知晓。“90后”的魏晓东是宜昌市检察院技术处的一名干警。"
    assert list(_titles(text)) == ["魏晓东"]


def test_three_name_characters_then_a_verb_and_an_aspect_marker() -> None:
    assert list(_titles("社工组织的志愿者潘宝林认领了一名学生作为帮扶对象。")) == ["潘宝林"]
    assert _titles("当天，民警邹凯又巡查过这里。") == {}  # 又: an adverb, not the third name character
    assert _titles("有网友转发法官方微信发布了通告。") == {}  # 法官|方: 官方 is a word
    assert _titles("学生高考分数超过了预期。") == {}


def test_posts_after_a_date_and_ren_belong_to_the_subject_of_the_sentence() -> None:
    text = ("区长方志远出席。公开资料显示，方志远出生于1965年，曾在湖南工作多年，"
            "2016年5月任湖南省委常委、统战部部长、省直单位党委书记。")
    titles = _titles(text)["方志远"]
    for post in ("区长", "省委常委", "统战部部长", "党委书记"):
        assert post in titles
    assert _titles("今年任务很重。区长王某出席。") == {"王某": ["区长"]}


def test_a_place_in_brackets_inside_a_company_name_keeps_the_chain() -> None:
    text = "黄河老字号基地负责人、华联（杭州）实业有限公司总经理韩绍东说，很好。"
    assert _titles(text) == {"韩绍东": ["负责人", "总经理"]}
