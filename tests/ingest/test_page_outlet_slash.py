"""Outlets credited with a slash, a 新闻中心 credit, and a feature lead opening on the hour.
Pages written for these tests; every sentence is invented."""
from __future__ import annotations

import pytest

from duikou.ingest.build import make_document
from duikou.ingest.page.outlets import primary_outlet

BODY = ("鼓楼区与岚皋县签订劳务协作协议，双方约定每年组织两百名务工人员赴鼓楼区就业。"
        "岚皋县还在鼓楼区设立了农产品展销窗口，帮助山区群众销售香菇和腊肉。")


def crawled(text: str):
    """A crawler's one-line page: its header, then ``text``."""
    return make_document("page.txt", f"2023-05-04 10:20，正文：{text}")


@pytest.mark.parametrize("name, outlet", [
    ("钱塘晚报/潮汐新闻", "钱塘晚报"),  # a paper and its app: the paper
    ("钱塘晚报网/潮汐新闻", "钱塘晚报网"),
    ("钱塘晚报／潮汐新闻", "钱塘晚报"),  # full-width slash
    ("摄影/钱塘晚报", "钱塘晚报"),  # a credit's role before the slash: the outlet follows
    ("文、图/钱塘晚报", "钱塘晚报"),
    ("钱塘晚报", "钱塘晚报"),
])
def test_primary_outlet(name, outlet):
    assert primary_outlet(name) == outlet


@pytest.mark.parametrize("text, outlet", [
    pytest.param(f"原标题：鼓楼区岚皋县深化劳务协作近日，{BODY}钱塘晚报/潮汐新闻记者 郑一凡", "钱塘晚报",
                 id="slash credit after the text: the paper"),
    pytest.param(f"原标题：鼓楼区岚皋县深化劳务协作近日，{BODY}（云岭广电融媒体新闻中心记者/郑一凡 编辑/吴小满）",
                 "云岭广电融媒体新闻中心", id="news centre credit in brackets"),
    pytest.param(f"志愿者在村口分发物资。受访者供图闽江晚报5月3日讯（记者 郑一凡）{BODY}", "闽江晚报",
                 id="dated dispatch after a caption credit: the credit dropped"),
    pytest.param(f"村民在新建的大棚里采摘。(来源：某某街道办)闽江新闻网5月3日讯（通讯员 郑一凡）{BODY}", "闽江新闻网",
                 id="a caption's source before the dispatch is not the page's"),
    pytest.param(f"村民在新建的大棚里采摘。大棚里的番茄5月3日讯（通讯员 郑一凡）{BODY}", None,
                 id="a word before an undated dispatch after a caption is no outlet"),
])
def test_outlet(text, outlet):
    assert crawled(text).outlet == outlet


@pytest.mark.parametrize("opening", ["清晨6点，", "上午9点30分，", "傍晚7时许，", "凌晨4点整，"])
def test_a_lead_opening_on_the_hour_ends_the_headline(opening):
    d = crawled(f"原标题：山里娃第一次看到大海{opening}{BODY}")
    assert d.title == "山里娃第一次看到大海"


@pytest.mark.parametrize("title", [
    "从清晨5点到傍晚7点，护林员巡山十四小时",  # a span of hours inside the headline
    "每天上午8点，乡村课堂准时开讲",  # a daily time
])
def test_hours_inside_a_headline_do_not_cut_it(title):
    d = crawled(f"原标题：{title}近日，{BODY}")
    assert d.title == title


def test_dated_dispatch_after_a_photo_caption_names_the_outlet():
    d = crawled(f"原标题：鼓楼区岚皋县深化劳务协作务工人员在车间里忙碌。"
                f"闽江时报客户端福州5月3日讯（通讯员 郑一凡）{BODY}")
    assert d.outlet == "闽江时报客户端"
    assert "5月3日讯" not in d.text
    assert d.text.count("务工人员在车间里忙碌。") == 1  # the caption stays in the body


@pytest.mark.parametrize("sep", ["-", "－", "–"])
def test_outlet_dash_column_dispatch_gives_the_outlet(sep):
    d = crawled(f"闽江新闻网{sep}头条新闻福州5月3日讯（记者 郑一凡）{BODY}")
    assert d.outlet == "闽江新闻网"
    assert d.text.startswith("鼓楼区与岚皋县")


def test_outlet_dash_column_dispatch_after_a_caption():
    d = crawled(f"村民在新建的大棚里采摘。闽江新闻网-头条新闻福州5月3日讯（记者 郑一凡）{BODY}")
    assert d.outlet == "闽江新闻网"
