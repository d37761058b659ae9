"""Page layout and metadata on flattened pages written for these tests."""
from __future__ import annotations

import pytest

from duikou.ingest.build import make_document
from duikou.ingest.metadata import find_authors, find_outlet, parse_date

BODY = ("6月18日至19日，江苏省某县党政代表团赴陕西省某县考察东西部协作工作，召开两地联席会议，"
        "双方签订《东西部协作框架协议》。\n  代表团捐赠帮扶资金200万元，累计投入帮扶资金1.2亿元。")


@pytest.mark.parametrize("text, expected", [
    ("发表于:2020-7-9 15:42:17", "2020-07-09"),
    ("发布时间:2021-11-17  来源:某某日报", "2021-11-17"),
    ("编辑:某某 2023-10-13 19:26", "2023-10-13"),
    ("日期:2022年11月10日", "2022-11-10"),
    ("2019/04/19 08:00", "2019-04-19"),
    ("时间：2024.3.8", "2024-03-08"),
    ("2023-13-40 不是日期", None),
    ("没有日期", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("发布时间:2021-11-17  来源:滨江日报  发布单位:某开发区", "滨江日报"),
    ("日期:2019-04-19 来源:东城报", "东城报"),
    ("稿源:新区融媒 编辑:王某 2023-10-13", "新区融媒"),
    ("(来源:江城号 本文记者:李某 张某)", "江城号"),
    ("来源于：县融媒体中心", "县融媒体中心"),
    ("来源:本站", None),
    ("没有来源", None),
])
def test_find_outlet(text, expected):
    assert find_outlet(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("(来源:江城号 本文记者:朱某某 李某)", ["朱某某", "李某"]),
    ("稿源:新区融媒 编辑:马某 2023-10-13 19:26", ["马某"]),
    ("(记者 韦某某)", ["韦某某"]),
    ("记者:黄某某 通讯员:卢某", ["黄某某", "卢某"]),
    ("责任编辑：方某某", ["方某某"]),
    ("记者、编辑:张某、王某", ["张某", "王某"]),
    ("来源:某某日报", []),
])
def test_find_authors(text, expected):
    assert find_authors(text) == expected


@pytest.mark.parametrize("page, title, published, outlet, authors", [
    # forum header after the headline, comment prompts at the end
    ("某县代表团赴某州考察协作工作\n网友甲 发表于:2021-3-2 10:00:01 复制链接 发表新帖\n阅读数:88\n\n"
     + BODY + "\n5条评论\n您需要登录后才可以回帖 登录 | 立即注册\n高级\n相关推荐",
     "某县代表团赴某州考察协作工作", "2021-03-02", None, []),
    # site banner, breadcrumb, headline, metadata line, footer
    ("某某网 服务地方发展\n您现在的位置:首页 > 新闻 > 正文\n某市与某县召开对口协作联席会议\n"
     "发布时间:2021-11-17  来源:某市日报\n\n" + BODY +
     "\n上一条:某局开展调研\n下一条:某镇举办活动\n与我们联系\n  • 联系电话:0512-0000000\nCopyright © 2018 版权所有",
     "某市与某县召开对口协作联席会议", "2021-11-17", "某市日报", []),
    # metadata line first, three headline lines, credit lines and follow prompts at the end
    ("某某在线 发布时间:2022-11-10\n某某率队赴某州调研对口帮扶工作强调:\n用好两地资源禀赋\n某某某陪同\n"
     + BODY + "\n(来源:江城号 本文记者:朱某某 李某)\n编辑:钱某\n关注某某在线微信公众号\n长按或扫描二维码 ,获取更多资讯\n其他",
     "某某率队赴某州调研对口帮扶工作强调: 用好两地资源禀赋 某某某陪同", "2022-11-10", "江城号",
     ["朱某某", "李某", "钱某"]),
    # no headline: the page starts with a 稿源 line and the lead names the outlet
    ("稿源:新区融媒 编辑:马某 2023-10-13 19:26\n新区讯(记者 韦某某)" + BODY,
     None, "2023-10-13", "新区融媒", ["马某", "韦某某"]),
    # no 来源 at all: the outlet named at the start of the lead
    ("某县召开协作会议\n\n江城讯（记者 周某）" + BODY, "某县召开协作会议", None, "江城", ["周某"]),
    # 责任编辑 at the very end, 返回搜狐
    ("某区捐赠帮扶资金\n2022年1月5日 08:00\n" + BODY + "\n返回搜狐，查看更多\n责任编辑：孙某",
     "某区捐赠帮扶资金", "2022-01-05", None, ["孙某"]),
])
def test_page_layout(page, title, published, outlet, authors):
    doc = make_document("page.txt", page)
    assert (doc.title, doc.published, doc.outlet, doc.authors) == (title, published, outlet, authors)
    body = doc.text.split("\n\n", 1)[1] if title else doc.text
    assert body.startswith(("6月18日", "新区讯", "江城讯"))
    assert body.endswith("累计投入帮扶资金1.2亿元。")
    assert "\n\n" not in body and "  " not in body


def test_title_lines_head_the_text():
    doc = make_document("p.txt", "主标题一行\n副标题第二行\n\n" + BODY)
    assert doc.text.startswith("主标题一行\n副标题第二行\n\n6月18日")
    assert doc.title == "主标题一行 副标题第二行"


def test_title_from_metadata_is_not_repeated():
    doc = make_document("p.jsonl:1", "某县召开协作会议\n" + BODY, title="某县召开协作会议")
    assert doc.text.count("某县召开协作会议") == 1
    assert doc.text.startswith("某县召开协作会议\n\n6月18日")


@pytest.mark.parametrize("page, title", [
    # toolbar lines in brackets after the metadata line
    ("某区代表团赴某县考察协作工作\n发布时间:2023-08-23 来源:某某日报\n【字体：大 中 小】【打印】\n\n" + BODY,
     "某区代表团赴某县考察协作工作"),
    ("某区代表团赴某县考察协作工作\n2020-08-14 来源:某某日报\n【字号：大 中 小】 分享到：微信 微博\n\n" + BODY,
     "某区代表团赴某县考察协作工作"),
    # an accessibility / login menu and a search box above the headline
    ("某某区政府网\n当前位置：首页 > 新闻\n无障碍 | 长者模式 | 繁体 | 登录 | 注册\n搜索\n"
     "消费帮扶展销周开幕 某县企业带来特色农产品\n时间:2021-11-22 来源:某某融媒体中心\n" + BODY,
     "消费帮扶展销周开幕 某县企业带来特色农产品"),
    # a site or outlet name on the line before the headline
    ("江城新闻网\n某局到某县调研定点帮扶工作\n某某强调 用好资源优势\n发布时间:2021-09-25 来源:江城日报\n\n" + BODY,
     "某局到某县调研定点帮扶工作 某某强调 用好资源优势"),
    ("江城日报\n某区代表团赴某县考察\n2022年9月20日 来源:江城日报\n\n" + BODY, "某区代表团赴某县考察"),
    ("某州人民政府网\n某集团向某县捐赠帮扶资金\n2022-11-18 来源:某某日报\n\n" + BODY, "某集团向某县捐赠帮扶资金"),
    ("江城日报数字报\n两省区协作联席会议召开\n签署多项合作协议\n2022-07-29 来源:江城日报\n\n" + BODY,
     "两省区协作联席会议召开 签署多项合作协议"),
    # a banner that equals the 来源, and one made only of region names
    ("江城视点\n某街道赴某乡开展结对帮扶\n发布时间:2023-04-14 来源:江城视点\n\n" + BODY, "某街道赴某乡开展结对帮扶"),
    ("北京海淀\n海淀区代表团赴某县对接协作工作\n发布时间:2023-03-07 来源:某某时讯\n\n" + BODY,
     "海淀区代表团赴某县对接协作工作"),
    # a site name alone is still the headline when nothing else is
    ("江城日报\n2022年9月20日 来源:江城日报\n\n" + BODY, "江城日报"),
    # WeChat: a column tag before the headline, a photo caption below the metadata
    ("【帮扶故事】山海情深丨高原上的菜篮子喜获丰收\n某某发布 2023-09-12 18:30 发表于青海\n\n来源：某某发布\n\n"
     "▲ 某县高原蔬菜基地一角\n\n" + BODY, "山海情深丨高原上的菜篮子喜获丰收"),
])
def test_headline_without_site_furniture(page, title):
    assert make_document("page.txt", page).title == title


@pytest.mark.parametrize("tail", [
    "\n分享到：微信 微博\n相关链接：\n· 某市召开协作工作推进会\n· 某区考察团到某市考察\n上一篇：某市召开会议",
    "\n相关新闻：\n· 某市与某区签订劳务协作协议\n· 某区举办消费帮扶产品展销会",
    "\n• 某市与某区签订劳务协作协议\n• 某区举办消费帮扶产品展销会",
])
def test_related_links_leave_the_body(tail):
    doc = make_document("page.txt", "某区捐赠帮扶资金\n2022-10-20 来源:某某融媒\n\n" + BODY + tail)
    assert doc.text.endswith("累计投入帮扶资金1.2亿元。")


@pytest.mark.parametrize("page, title", [
    # a share bar's font-size switch before or after the headline
    ("江城新闻网\n小字号\n某区代表团赴某县考察协作工作\n2023-05-16 来源:江城日报\n\n" + BODY, "某区代表团赴某县考察协作工作"),
    ("某区代表团赴某县考察协作工作\n2023-05-16 来源:江城日报\n大字号\n\n" + BODY, "某区代表团赴某县考察协作工作"),
    ("【大 中 小】\n某区代表团赴某县考察协作工作\n\n" + BODY, "某区代表团赴某县考察协作工作"),
    ("中字号\n某区代表团赴某县考察协作工作\n\n" + BODY, "某区代表团赴某县考察协作工作"),
    # a WeChat account's follow prompt above or below the headline
    ("点击蓝字 关注我们\n某区代表团赴某县考察协作工作\n\n" + BODY, "某区代表团赴某县考察协作工作"),
    ("某区代表团赴某县考察协作工作\n点击上方蓝字关注\n\n" + BODY, "某区代表团赴某县考察协作工作"),
])
def test_share_bar_and_follow_prompts_are_no_headline(page, title):
    doc = make_document("page.txt", page)
    assert doc.title == title
    assert "字号" not in doc.text and "蓝字" not in doc.text


@pytest.mark.parametrize("page, outlet", [
    ("某县召开协作会议\n\n本报讯（记者 周某）" + BODY, None),
    ("某县召开协作会议\n2023-05-16 来源:江城日报\n\n本报讯（记者 周某）" + BODY, "江城日报"),
    ("某县召开协作会议\n2023-05-16 来源:本报\n\n" + BODY, None),
    ("某县召开协作会议\n\n本台讯（记者 周某）" + BODY, None),
    ("某县召开协作会议\n\n江城讯（记者 周某）" + BODY, "江城"),
])
def test_own_paper_is_no_outlet(page, outlet):
    assert make_document("page.txt", page).outlet == outlet


@pytest.mark.parametrize("page, title, published, outlet", [
    # a quoted main title, a ——subtitle, a blank line, then the metadata line
    ("“茶山绿了，钱袋鼓了”\n——某区东西部协作助力某县茶农增收见闻\n\n发布时间：2023-05-08　来源：江城日报　作者：林某\n\n"
     + BODY, "“茶山绿了，钱袋鼓了” ——某区东西部协作助力某县茶农增收见闻", "2023-05-08", "江城日报"),
    # a breadcrumb first, a headline ending with a quoted phrase
    ("某县人民政府 > 新闻中心 > 部门动态\n两县携手唱响协作“同心曲”\n来源：江城日报　发布时间：2023-06-14 09:12\n\n"
     + BODY, "两县携手唱响协作“同心曲”", "2023-06-14", "江城日报"),
    ("两地协作结出“致富果”\n2022-09-01 来源:江城日报\n\n" + BODY, "两地协作结出“致富果”", "2022-09-01", "江城日报"),
])
def test_headline_ending_with_a_quotation(page, title, published, outlet):
    doc = make_document("page.txt", page)
    assert (doc.title, doc.published, doc.outlet) == (title, published, outlet)
    assert doc.text.split("\n\n", 1)[1].startswith("6月18日")


@pytest.mark.parametrize("page, first_body", [
    # a short quoted paragraph that ends a sentence is body text
    ("某县召开协作会议\n\n“在家门口就能上班！”\n" + BODY, "“在家门口就能上班！”"),
    ("某县召开协作会议\n\n他笑着说：“好日子还在后头。”\n" + BODY, "他笑着说："),
])
def test_short_quoted_paragraph_is_body(page, first_body):
    doc = make_document("page.txt", page)
    assert doc.title == "某县召开协作会议"
    assert doc.text.split("\n\n", 1)[1].startswith(first_body)


@pytest.mark.parametrize("row", [
    "序号 | 项目名称 | 实施地点 | 资金（万元） | 受益人数（人）",
    "5 | 技能培训项目 | 全县 | 90 | 600",
    "合计 | | | 1690 | 5810",
])
def test_table_rows_are_no_menu(row):
    doc = make_document("page.txt", "某县协作项目计划公示\n\n" + BODY + "\n" + row + "\n公示期为五个工作日。")
    assert row in doc.text
