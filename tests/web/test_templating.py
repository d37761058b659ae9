"""The template helpers: numbers, money as the reports print it, dates, links that keep the filters; report
text is escaped."""
from __future__ import annotations

import pytest
from starlette.requests import Request

from duikou.web.templating import day, money, num, templates, url_with, when


@pytest.mark.parametrize("value, shown", [
    (0, "0"), (7, "7"), (12345, "12,345"), (1234567.0, "1,234,567"), (1234.5678, "1,234.57"), (0.5, "0.5"),
    (None, "–"), ("", "–"), ("n/a", "n/a"), (True, "True"),
])
def test_num(value: object, shown: str) -> None:
    assert num(value) == shown


@pytest.mark.parametrize("value, shown", [
    (800, "800元"), (9999.5, "9,999.5元"), (10_000, "1万元"), (3_500_000, "350万元"), (12_345, "1.2345万元"),
    (100_000_000, "1亿元"), (125_000_000, "1.25亿元"), (2.5e12, "25,000亿元"), (-3_000_000, "-300万元"),
    (None, "–"),
])
def test_money(value: object, shown: str) -> None:
    assert money(value) == shown


def test_dates() -> None:
    assert day("2021-07-01") == "2021-07-01" and day("2021-07") == "2021-07" and day(None) == "–"
    assert day("2026-11-28T22:35:45.123456+00:00") == "2026-11-28"
    assert when("2026-11-28T22:35:45.123456+00:00") == "2026-11-28 22:35 UTC"
    assert when("2021-07-01") == "2021-07-01" and when("") == "–"


def _request(query: str, path: str = "/events") -> Request:
    return Request({"type": "http", "method": "GET", "path": path, "query_string": query.encode(), "headers": [],
                    "server": ("testserver", 80), "scheme": "http", "root_path": ""})


def test_url_with_keeps_the_other_filters() -> None:
    request = _request("program=east_west&year=2021&page=3&side=a&side=b")
    assert url_with(request, page=4) == "/events?program=east_west&year=2021&side=a&side=b&page=4"
    # a filter change goes back to the first page
    assert url_with(request, year=2022) == "/events?program=east_west&side=a&side=b&year=2022"
    assert url_with(request, program=None, side="c") == "/events?year=2021&side=c"
    assert url_with(request, side=["x", "y"], year="") == "/events?program=east_west&side=x&side=y"
    assert url_with(_request(""), q="甲 县&x") == "/events?q=%E7%94%B2+%E5%8E%BF%26x"
    assert url_with(_request("a=1"), a=None) == "/events"


def test_report_text_is_escaped() -> None:
    env = templates.env
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    out = env.from_string("<p title=\"{{ t }}\">{{ t }}</p>").render(t=hostile)
    assert "<script>" not in out and "<img" not in out and "&lt;script&gt;" in out and "&#34;&gt;" in out
