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


def test_the_money_of_a_page_without_a_printed_publication_date_takes_no_made_up_date(tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from duikou.cli import main

    page = tmp_path / "page.html"
    page.write_text(_page(foot="<div class='footer'>版权所有 2022 某县融媒体中心</div>"), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    res = CliRunner().invoke(main, ["build", "-q", "--db", db, str(page)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "json", "--out", str(out)],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    amounts = json.loads((out / "amounts.json").read_text(encoding="utf-8"))
    assert [a["value"] for a in amounts] == [3000000]
    assert amounts[0]["date"] is None and amounts[0]["period"] is None and amounts[0]["published"] is None
    events = json.loads((out / "events.json").read_text(encoding="utf-8"))
    assert {e["date"] for e in events} >= {"2022-09-06"}  # the printed day still dates the events


@pytest.mark.parametrize("given, expected", [
    ("2022-09-06", "2022-09-06"),
    ("2022-09-06T08:00:00+08:00", "2022-09-06"),
    ("2022年9月6日", "2022-09-06"),
    ("2022", None),
    ("2022-09", None),
    ("", None),
    (None, None),
])
def test_a_publication_date_given_with_the_input_must_name_a_day(given, expected) -> None:
    from duikou.ingest.build import make_document

    doc = make_document("x.jsonl:1", "江苏省某县与陕西省某县召开东西部协作联席会议。", published=given)
    assert doc.published == expected
