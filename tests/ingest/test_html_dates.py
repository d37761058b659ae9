"""An HTML page's publication date only from what the page prints: a day made up from a year is no date."""
from __future__ import annotations

import pytest

from duikou.ingest.html import extract_page, printed_date

BODY = ("<p>2022年9月6日，江苏省某县党政代表团赴陕西省某县考察东西部协作工作，双方召开联席会议，捐赠帮扶资金300万元。</p>"
        "<p>代表团一行先后来到产业园区和帮扶车间，详细了解协作项目推进情况。双方表示，将进一步深化劳务协作和消费帮扶。</p>"
        "<p>8月20日，两县还签订了结对帮扶协议。</p>")


def _page(head: str = "", foot: str = "") -> str:
    return (f"<html><head><title>某县召开东西部协作联席会议</title>{head}</head><body><div class='article'>"
            f"<h1>某县召开东西部协作联席会议</h1>{BODY}</div>{foot}</body></html>")


def test_a_year_padded_to_new_years_day_is_not_the_published_date():
    page = extract_page(_page(foot="<div class='footer'>版权所有 2022 某县融媒体中心</div>"))
    assert page is not None
    assert page.published is None  # trafilatura says 2022-01-01 here


def test_a_printed_publication_date_is_kept():
    head = '<meta property="article:published_time" content="2022-09-07T08:00:00+08:00">'
    page = extract_page(_page(head=head))
    assert page is not None and page.published == "2022-09-07"


@pytest.mark.parametrize("value, html, expected", [
    ("2022-01-01", "<p>2022年的工作</p>", None),
    ("2022-01-01", "<p>发布时间：2022年1月1日</p>", "2022-01-01"),
    ("2022-09-06", "<p>2022-09-06 10:00</p>", "2022-09-06"),
    ("2022-09-06", "<p>2022/9/6</p>", "2022-09-06"),
    ("2022-09-06", '<a href="/c/20220906/1.html">', "2022-09-06"),
    ("2022-09-06", "<p>2022-09-16</p>", None),
    ("2022-09-06", "<p>12022-09-06</p>", None),
    (None, "<p>2022-09-06</p>", None),
    ("2022", "<p>2022</p>", None),
])
def test_printed_date(value, html, expected):
    assert printed_date(value, html) == expected
