"""Real page shapes, on pages written for these tests: a crawler's one-line pages, TV transcripts,
datelines, bylines and credits glued to the text. Every sentence here is invented."""
from __future__ import annotations

import pytest

from duikou.ingest.build import make_document
from duikou.ingest.page.header import header_date

LEAD = "柯桥区与册亨县召开东西部协作联席会议，双方商定在劳务协作、产业合作等方面深化合作，共建帮扶车间5个。"
TAIL = "会上还举行了消费帮扶签约仪式。"


def doc(text: str):
    return make_document("page.txt", text)


@pytest.mark.parametrize("header, published", [
    ("2022-11-03 09:15", "2022-11-03"),
    ("2022-11-03 09:15:42", "2022-11-03"),
    ("2022-11-03", "2022-11-03"),
    ("2022年11月03日", "2022-11-03"),
    ("2022年11月03日 09:15:42 来自浙江", "2022-11-03"),
    ("[2022/11/03  09:15]", "2022-11-03"),
    ("22-11-03 09:15", "2022-11-03"),
    ("202211/03 09:15:42", "2022-11-03"),
    ("发布时间：2022-11-03 09:15:42", "2022-11-03"),
    ("来源：某某日报  |  2022年11月03日 09:15:42", "2022-11-03"),
    ("11-3 09:15", None),  # no year: not guessed
    ("11/03", None),
    ("", None),
])
def test_crawl_header_date_is_published_and_leaves_the_text(header, published):
    d = doc(f"{header}，正文：11月2日，{LEAD}{TAIL}")
    assert d.published == published
    assert d.text.startswith("11月2日，柯桥区")
    assert "正文" not in d.text


@pytest.mark.parametrize("header, published", [
    ("2021-6-30", "2021-06-30"), ("21-06-30", "2021-06-30"), ("202106/30", "2021-06-30"),
    ("6-30 10:00", None), ("06月30日 10:00", None), ("2021-02-30", None),
])
def test_header_date(header, published):
    assert header_date(header) == published


@pytest.mark.parametrize("page, title, outlet, authors, lead", [
    # the headline printed twice
    ("原标题：柯桥册亨携手共建帮扶车间柯桥册亨携手共建帮扶车间 11月2日，" + LEAD,
     "柯桥册亨携手共建帮扶车间", None, [], "11月2日，柯桥区"),
    # a known agency's dateline glued to the headline, the credit in brackets
    ("原标题：帮扶车间在册亨投产新华社贵阳11月2日电（记者 韩晓明）" + LEAD,
     "帮扶车间在册亨投产", "新华社", ["韩晓明"], "柯桥区与册亨县"),
    # a local outlet (region + outlet word) glued to the headline
    ("原标题：东西部协作结出硕果 劳务协作稳就业临夏融媒讯（记者 马小兰）" + LEAD,
     "东西部协作结出硕果 劳务协作稳就业", "临夏融媒", ["马小兰"], "柯桥区与册亨县"),
    # a dated lead
    ("原标题：南湖区援建学校正式投用9月1日，" + LEAD,
     "南湖区援建学校正式投用", None, [], "9月1日，柯桥区"),
    # a byline whose name is glued to the lead's first word
    ("原标题：协作支农，让果农腰包鼓起来记者 吴晓峰近日，" + LEAD,
     "协作支农，让果农腰包鼓起来", None, ["吴晓峰"], "近日，柯桥区"),
    # an outlet's app and a bar before the byline
    ("原标题：援建医院新院区即将开诊毕节日报客户端 | 记者 周海燕 近日，" + LEAD,
     "援建医院新院区即将开诊", "毕节日报客户端", ["周海燕"], "近日，柯桥区"),
    # an unknown outlet with no region in its name: the headline ends at the byline at least
    ("原标题：援建医院新院区即将开诊 | 记者 周海燕 近日，" + LEAD,
     "援建医院新院区即将开诊", None, ["周海燕"], "近日，柯桥区"),
    # a lead opening with a long quotation
    ("原标题：消费帮扶助果农笑开颜“今年的桃子不愁卖了，订单一下就排满了！”" + LEAD,
     "消费帮扶助果农笑开颜", None, [], "“今年的桃子"),
    # a gap of spaces after the headline, then a dateline at the start of the lead
    ("原标题：兰州对口协作项目签约                中新网兰州6月3日电 (李云飞)" + LEAD,
     "兰州对口协作项目签约", "中新网", ["李云飞"], "柯桥区与册亨县"),
    # a lead opening with 为进一步…
    ("原标题：两地签订劳务协作协议为进一步深化劳务协作，" + LEAD,
     "两地签订劳务协作协议", None, [], "为进一步深化"),
    # no cue at all: no headline, the text is kept
    ("原标题：柯桥区与册亨县召开东西部协作联席会议双方商定在劳务协作方面深化合作。" + TAIL,
     None, None, [], "柯桥区与册亨县"),
])
def test_original_title_glued_to_the_lead(page, title, outlet, authors, lead):
    d = doc("2022-11-03 09:15，正文：" + page)
    assert (d.title, d.outlet, d.authors) == (title, outlet, authors)
    body = d.text.split("\n\n", 1)[1] if title else d.text
    assert body.startswith(lead)
    assert "原标题" not in d.text


@pytest.mark.parametrize("tail, outlet, authors", [
    ("（来源：册亨县人民政府网站）", "册亨县人民政府网站", []),
    ("（来源：册亨县人民政府网站） 【投稿请邮件 某某 123456#qq.com】 返回搜狐，查看更多责任编辑：", "册亨县人民政府网站", []),
    # credits glued to each other: the outlet is read, the names are not guessed
    ("来源 | 某某城投集团编辑 | 甲某某审核 | 乙某某返回搜狐，查看更多责任编辑：", "某某城投集团", []),
    ("文章来源丨某某日报记者丨 丁一鸣返回搜狐，查看更多责任编辑：", "某某日报", []),
    ("（原标题《柯桥册亨携手》）（作者：某某晚报记者 孙立新 通讯员 钱小红）返回搜狐，查看更多责任编辑：",
     "某某晚报", ["孙立新", "钱小红"]),
    ("（张大力 李小川 解放军报特约记者 赵长河）", "解放军报", ["赵长河"]),
    ("来源：某某日报客户端 记者 郑红梅 流程编辑：U001    如遇作品内容、版权等问题，请与本网联系。", "某某日报客户端", ["郑红梅"]),
    ("返回搜狐，查看更多责任编辑：", None, []),
    ("新闻线索报料通道：下载某某APP，记者在线等你来报料！", None, []),
])
def test_credits_and_footers_glued_to_a_one_line_page(tail, outlet, authors):
    d = doc(f"2022-11-03 09:15，正文：11月2日，{LEAD}{TAIL}{tail}")
    assert d.outlet == outlet
    assert d.authors == authors
    assert d.text.endswith(TAIL)


@pytest.mark.parametrize("lead, outlet, authors", [
    ("某某网北京11月2日电 (记者 齐心)", "某某网", ["齐心"]),  # an unknown name ending with an outlet word
    ("某某北京11月2日电 (记者 齐心)", None, ["齐心"]),  # no outlet word: no dateline, the text stays
    ("中新社成都11月2日电 (记者 齐心)", "中新社", ["齐心"]),
    ("人民网北京11月2日电 (记者齐心)", "人民网", ["齐心"]),
    ("黔西南日报11月2日讯（通讯员 齐心 罗平）", "黔西南日报", ["齐心", "罗平"]),
    ("黔西南日报讯（记者 齐心）", "黔西南日报", ["齐心"]),
    ("本报讯（记者 齐心）", None, ["齐心"]),
    ("央视网消息（新闻联播）：", "央视网", []),
    ("记者 齐心 ", None, ["齐心"]),
    ("【某某时报特约记者 齐心】", "某某时报", ["齐心"]),
])
def test_datelines_and_bylines_leave_the_lead(lead, outlet, authors):
    d = doc(f"2022-11-03 09:15，正文：{lead}{LEAD}{TAIL}")
    assert d.outlet == outlet
    assert d.authors == authors
    if lead.startswith("某某北京"):
        assert d.text.startswith(lead)
        return
    assert d.text.startswith("柯桥区与册亨县"), d.text[:30]
    assert "11月2日电" not in d.text and "记者" not in d.text


def test_tv_transcript_with_a_long_headline():
    headline = ("柯桥区与册亨县召开东西部协作联席会议 深化劳务协作和产业合作 "
                "推动两地协作工作取得新成效 共同谱写对口帮扶新篇章")
    d = doc(f"{headline}\n2021-03-05\n来源：央视网\n\n央视网消息（新闻联播）：{LEAD}\n{TAIL}\n")
    assert (d.title, d.published, d.outlet) == (headline, "2021-03-05", "央视网")
    assert d.text.split("\n\n", 1)[1].startswith("柯桥区与册亨县")


@pytest.mark.parametrize("page", [
    # no full stop anywhere and a credit key late in the line: the text stays
    "2022-11-03 09:15，正文：原标题：柯桥册亨携手共建帮扶车间！近日柯桥区与册亨县召开联席会议双方商定深化劳务协作"
    "共建帮扶车间5个带动当地群众就近就业" * 3 + "来源：某某发布",
    "2022-11-03 09:15，正文：柯桥区与册亨县召开联席会议双方商定深化劳务协作共建帮扶车间5个带动当地群众就近就业"
    "活动时间：11月2日 活动地点：册亨县" * 2,
    # a related-reports kicker above the article
    "2022-11-03 09:15，正文： 相关报道：柯桥册亨携手共建车间某某网讯（记者 齐心）" + LEAD + TAIL,
])
def test_real_text_is_never_dropped(page):
    d = doc(page)
    assert "册亨县" in d.text and len(d.text) > 40


def test_offsets_point_back_to_the_raw_page():
    raw = "2022-11-03 09:15，正文：原标题：帮扶车间在册亨投产新华社贵阳11月2日电（记者 韩晓明）" + LEAD + TAIL + "返回搜狐，查看更多"
    d = doc(raw)
    for word in ("帮扶车间在册亨投产", "柯桥区与册亨县", "消费帮扶签约仪式"):
        i = d.text.index(word)
        start, end = d.offsets.span_to_raw(i, i + len(word))
        assert raw[start:end] == word
    assert "新华社" not in d.text and "返回搜狐" not in d.text


def test_offsets_of_a_page_with_a_bracketed_credit_at_its_end():
    """The pieces cut off a one-line page's end keep the line's own start (a bracketed credit's
    start once took its place, shifting every raw offset of the line)."""
    raw = "2022-11-03 09:15，正文：11月2日，" + LEAD + TAIL + "（来源：某某日报）（编辑：甲乙丙）"
    d = doc(raw)
    assert "某某日报" not in d.text and d.outlet == "某某日报"
    for word in ("11月2日", "柯桥区与册亨县", "消费帮扶签约仪式"):
        i = d.text.index(word)
        start, end = d.offsets.span_to_raw(i, i + len(word))
        assert raw[start:end] == word


@pytest.mark.parametrize("text, outlet, authors", [
    ("编辑 张小燕一审 黄小霞二审 钱某诚三审 邬立平", None, ["张小燕", "黄小霞", "钱某诚", "邬立平"]),
    ("来源：某某新闻网2023年08月01日", "某某新闻网", []),
    ("来源：1905电影网", "1905电影网", []),
    ("来源 | 某某集团编辑 | 周某", "某某集团", []),
    ("文章来源丨某某日报记者丨 周小川", "某某日报", []),
])
def test_credit_keys_glued_to_names(text, outlet, authors):
    from duikou.ingest.metadata import find_authors, find_outlet

    assert find_outlet(text) == outlet
    if authors:
        assert find_authors(text) == authors


@pytest.mark.parametrize("opening, outlet, authors", [
    ("（图为册亨县帮扶车间一角。新华社发）新华社贵阳11月2日电（记者 韩晓明）", "新华社", ["韩晓明"]),
    ("册亨县帮扶车间一角。综合中新社贵阳11月2日电 ", "中新社", []),
])
def test_a_known_dateline_after_a_photo_caption_is_cut_out(opening, outlet, authors):
    d = doc(f"2022-11-03 09:15，正文：{opening}{LEAD}{TAIL}")
    assert d.outlet == outlet and d.authors == authors
    assert "11月2日电" not in d.text and "柯桥区与册亨县" in d.text


def test_original_title_alone_on_its_line():
    d = doc(f"原标题：柯桥册亨携手共建帮扶车间\n2022-11-03\n{LEAD}\n{TAIL}")
    assert (d.title, d.published) == ("柯桥册亨携手共建帮扶车间", "2022-11-03")
    assert d.text.split("\n\n", 1)[1].startswith("柯桥区与册亨县")


@pytest.mark.parametrize("page, title, outlet, authors", [
    # a dateline whose date carries its year
    ("某某新闻网2022年11月2日讯（记者 齐心）" + LEAD + TAIL, None, "某某新闻网", ["齐心"]),
    # two names of one outlet joined by a middle dot, the date after the dateline
    ("某某新闻网·某某客户端讯 11月2日，" + LEAD + TAIL, None, "某某新闻网·某某客户端", []),
    # a national outlet's 讯 dateline glued to the headline, a bare name in brackets
    ("原标题：某某证券在册亨开展帮扶行动中证网讯（齐心）" + LEAD + TAIL, "某某证券在册亨开展帮扶行动", "中证网", ["齐心"]),
    # two known names printed together
    ("原标题：慈善基金在册亨成立上证报中国证券网讯（齐心）" + LEAD + TAIL, "慈善基金在册亨成立", "上证报中国证券网", ["齐心"]),
    # a headline printed three times (with full stops) at the start of a page without 原标题
    ("柯桥册亨携手共建帮扶车间。柯桥册亨携手共建帮扶车间。柯桥册亨携手共建帮扶车间。某某日报11月2日讯（记者 齐心）"
     + LEAD + TAIL, "柯桥册亨携手共建帮扶车间", "某某日报", ["齐心"]),
    # printed twice: an exclamation mark is part of the headline
    ("原标题：帮扶车间投产了！帮扶车间投产了！" + LEAD + TAIL, "帮扶车间投产了！", None, []),
])
def test_dateline_and_headline_shapes(page, title, outlet, authors):
    d = doc("2022-11-03 09:15，正文：" + page)
    assert (d.title, d.outlet, d.authors) == (title, outlet, authors)
    body = d.text.split("\n\n", 1)[1] if title else d.text
    assert body.startswith(("柯桥区与册亨县", "11月2日，柯桥区")), body[:20]


@pytest.mark.parametrize("tail, outlet, authors", [
    ("（转自：某某发布）", "某某发布", []),
    ("转自：某某发布来源：某某新闻网返回搜狐，查看更多责任编辑：", "某某新闻网", []),  # 来源 names the origin
    ("【来源：某某日报】", "某某日报", []),
    ("来源：某某日报推荐阅读柯桥区举办消费帮扶周1108-2022册亨县召开协作会议返回搜狐，查看更多责任编辑：", "某某日报", []),
    # a byline naming a paper glued after the last sentence
    ("某某日报社全媒体记者 齐心返回搜狐，查看更多责任编辑：", "某某日报社", ["齐心"]),
    ("罗平 吴江某某日报某某新闻记者 周晓编辑 沈某卫二审 李某三审 黄某返回搜狐，查看更多", None, None),
    ("通讯员 罗平钱江晚报/某某新闻记者 周晓返回搜狐，查看更多责任编辑：", "钱江晚报", ["周晓"]),
    ("某某导报驻台记者 周晓", "某某导报", ["周晓"]),
    ("某某网记者 黄丽娟 通讯员 高峰 报道返回搜狐，查看更多责任编辑：", "某某网", ["黄丽娟", "高峰"]),
])
def test_more_credits_glued_to_a_one_line_page(tail, outlet, authors):
    d = doc(f"2022-11-03 09:15，正文：11月2日，{LEAD}{TAIL}{tail}")
    if outlet is not None:
        assert d.outlet == outlet
    if authors is not None:
        assert d.authors == authors
    assert d.text.endswith(TAIL)


def test_a_sentence_mentioning_a_reporter_stays_in_the_text():
    d = doc(f"2022-11-03 09:15，正文：11月2日，{LEAD}{TAIL}本报记者了解到，两地还将共建产业园。")
    assert d.text.endswith("两地还将共建产业园。") and d.outlet is None


def test_a_headline_printed_on_two_lines_is_one_headline():
    d = doc(f"柯桥册亨携手共建帮扶车间\n柯桥册亨携手共建帮扶车间\n2022-11-03\n{LEAD}\n{TAIL}")
    assert d.title == "柯桥册亨携手共建帮扶车间"
