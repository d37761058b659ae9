"""Date expressions resolved against the publication date."""
from __future__ import annotations

import pytest

from duikou.extract import dates  # noqa: F401  (registers the extractor)
from duikou.extract.context import Context
from duikou.extract.dates import find_dates
from duikou.extract.registry import registered
from duikou.ingest.document import Document


def _one(text: str, published: str | None) -> tuple[str, str | None, str]:
    found = find_dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    return d.date, d.end_date, d.precision


@pytest.mark.parametrize(
    "text, published, date, end, precision",
    [
        ("2021年11月16日,两县召开联席会议。", "2021-11-17", "2021-11-16", None, "day"),
        ("11月16日上午,代表团抵达。", "2021-11-17", "2021-11-16", None, "day"),
        ("7月6日上午,代表团考察了茶园。", "2020-07-09", "2020-07-06", None, "day"),
        ("12月30日,双方签订协议。", "2021-01-03", "2020-12-30", None, "day"),
        ("1月2日,座谈会召开。", "2021-01-03", "2021-01-02", None, "day"),
        ("7月20日将举行推介会。", "2020-07-09", "2020-07-20", None, "day"),
        ("11月20日,工作组到达。", "2020-07-09", "2019-11-20", None, "day"),
        ("11月7日至8日,州委书记率队调研。", "2022-11-10", "2022-11-07", "2022-11-08", "day"),
        ("8月21日—22日,考察团一行赴当地。", "2023-08-25", "2023-08-21", "2023-08-22", "day"),
        ("4月16日至17日,县委书记带队对接。", "2019-04-19", "2019-04-16", "2019-04-17", "day"),
        ("6月30日至7月2日,代表团学习考察。", "2022-07-05", "2022-06-30", "2022-07-02", "day"),
        ("12月30日至1月2日,双方互访。", "2023-01-05", "2022-12-30", "2023-01-02", "day"),
        ("4月16-17日,两地举行洽谈会。", "2019-04-19", "2019-04-16", "2019-04-17", "day"),
        ("10月11日晚,代表团抵达县城。", "2023-10-13", "2023-10-11", None, "day"),
        ("10月12日一早,工作组深入园区。", "2023-10-13", "2023-10-12", None, "day"),
        ("二〇二一年十一月十六日,会议召开。", "2021-11-17", "2021-11-16", None, "day"),
        ("十一月十六日,会议召开。", "2021-11-17", "2021-11-16", None, "day"),
        ("2021年5月8号,专家组抵达。", None, "2021-05-08", None, "day"),
        # publication lines: the page's date, never an event's
        ("发布时间:2020-7-9 15:42", None, "2020-07-09", None, "published"),
        ("日期:2021/11/17", None, "2021-11-17", None, "published"),
        ("2023.10.13 发布", None, "2023-10-13", None, "published"),
        ("2022-03-04 08:47，正文：原标题：某县开展培训", None, "2022-03-04", None, "published"),
        ("新华社拉萨6月3日电 (记者王某)当地举行仪式。", "2021-06-04", "2021-06-03", None, "published"),
        ("某某之家 4 月 9 日消息，新品发布。", "2022-04-10", "2022-04-09", None, "published"),
        ("去年,合作社养殖肉牛五百头。", "2023-10-13", "2022", None, "year"),
        ("今年是巩固成果的关键之年。", "2020-07-09", "2020", None, "year"),
        ("前年建成的车间已投产。", "2021-11-17", "2019", None, "year"),
        ("明年将继续加大力度。", "2021-11-17", "2022", None, "year"),
        ("该合作社于2016年建成冷库。", "2020-07-09", "2016", None, "year"),
        ("2016年以来,两地持续深化协作。", "2022-11-10", "2016", None, "year"),
        ("签订了《2021年度劳务协作合作协议》", "2021-11-17", "2021", None, "year"),
        ("2021年5月,双方召开推进会。", "2021-11-17", "2021-05", None, "month"),
        ("5月份以来,消费帮扶持续升温。", "2021-11-17", "2021-05", None, "month"),
        ("昨天,帮扶车间正式投产。", "2021-11-17", "2021-11-16", None, "day"),
        ("2016—2020年,累计选派干部。", "2021-11-17", "2016", "2020", "year"),
        ("2021年1-9月,全县实现销售额。", "2021-11-17", "2021-01", "2021-09", "month"),
        ("1-9月,全县实现销售额。", "2021-11-17", "2021-01", "2021-09", "month"),
        ("6-8日,专家组开展义诊。", "2023-09-10", "2023-09-06", "2023-09-08", "day"),
        ("9月3—4日,考察团到访。", "2023-09-10", "2023-09-03", "2023-09-04", "day"),
        ("2023年9月6日至2023年9月8日,考察团到访。", None, "2023-09-06", "2023-09-08", "day"),
        ("2020年底,全县脱贫摘帽。", "2021-11-17", "2020", None, "year"),
        ("10月中旬,两地召开推进会。", "2021-11-13", "2021-10", None, "month"),
    ],
)
def test_find_one_date(text: str, published: str | None, date: str, end: str | None, precision: str) -> None:
    assert _one(text, published) == (date, end, precision)


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # a bare day takes the month mentioned last
        ("11月7日至8日,工作组赴县调研。8日上午,与挂职干部座谈。", "2022-11-10",
         [("2022-11-07", "2022-11-08"), ("2022-11-08", None)]),
        ("6月30日至7月2日,代表团考察。1日上午,召开座谈会。", "2022-07-05",
         [("2022-06-30", "2022-07-02"), ("2022-07-01", None)]),
        # no month before it: the publication month, or the one before if that is ahead
        ("3日上午,双方签约。", "2023-10-13", [("2023-10-03", None)]),
        ("28日上午,双方签约。", "2023-10-13", [("2023-09-28", None)]),
        ("6日至8日,专家组开展义诊。", "2023-09-10", [("2023-09-06", "2023-09-08")]),
        ("10月11日至12日,代表团学习考察。10月11日晚,召开座谈会。10月12日一早,深入园区。", "2023-10-13",
         [("2023-10-11", "2023-10-12"), ("2023-10-11", None), ("2023-10-12", None)]),
        # without a publication date, a printed year carries over
        ("2019年4月16日出发,4月18日返回。", None, [("2019-04-16", None), ("2019-04-18", None)]),
    ],
)
def test_find_several(text: str, published: str | None, expected: list[tuple[str, str | None]]) -> None:
    assert [(d.date, d.end_date) for d in find_dates(text, published)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "“十四五”开局之年",
        "十三五期间",
        "联系电话:+86-0513-84211906",
        "传真 0571-87654321",
        "Copyright © 2012-2023 示例网",
        "累计投入帮扶资金2.36亿元",
        "带动脱贫户受益2480户9730人",
        "经过3年建设",
        "近年来,两地合作不断深化",
        "须在30日内完成整改",
        "推出3日游线路",
        "第2日行程",
        "增长12.5%",
        "13:45 发布",
        "3个月后",
        "一日三餐",
        "购入6月龄羊羔",
        "发展历史1000年",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, "2021-11-17") == []


def test_relative_words_need_a_publication_date() -> None:
    assert find_dates("去年,全县脱贫。7月6日上午召开会议。", None) == []


def test_spans_and_surface() -> None:
    text = "据悉,11月16日上午,会议召开。"
    (d,) = find_dates(text, "2021-11-17")
    assert text[d.start:d.end] == d.surface == "11月16日"


def test_invalid_calendar_dates_are_dropped() -> None:
    assert find_dates("2月30日,会议召开。", "2021-11-17") == []


def test_extractor_fills_the_dates_layer() -> None:
    ctx = Context(Document(source="t", text="7月6日上午,代表团抵达;去年,全村养蚕千余张。", published="2020-07-09"))
    registered()["dates"](ctx)
    assert [(d.date, d.precision) for d in ctx.layer("dates")] == [("2020-07-06", "day"), ("2019", "year")]


def test_header_date_resolves_the_body_but_is_no_event_day() -> None:
    text = "2022-03-04 08:47，正文：原标题：某县开展培训 3日上午，培训开班。"
    got = [(d.date, d.precision) for d in find_dates(text, None)]
    assert got == [("2022-03-04", "published"), ("2022-03-03", "day")]


def test_a_date_in_the_body_is_no_header() -> None:
    text = "原标题：某县开展培训\n当地于2022-03-01 举办活动，6月2日电力公司检修。"
    assert [d.precision for d in find_dates(text, "2022-06-05")] == ["day", "day"]


def test_a_report_without_a_publication_date_dates_yearless_days_only_from_a_printed_year() -> None:
    # no publication date: 8月20日 takes the year printed before it, never one made up
    found = find_dates("2022年9月6日，双方召开联席会议。8月20日，两县签订协议。", None)
    assert [(d.date, d.precision) for d in found] == [("2022-09-06", "day"), ("2022-08-20", "day")]
    assert find_dates("8月20日，两县签订协议。2022年的工作。", None)[0].precision == "year"
