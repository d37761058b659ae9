"""The page package's fast scans find exactly what the plain patterns they stand for find: the dateline
scan from tail starts (``datelines``) and the tail scan of credit and footer patterns (``TailScan``).
Every text here is invented or random."""
from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from duikou.ingest.page.patterns import datelines, patterns


def _random_texts(seed: int, alphabet: str, count: int, max_len: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, max_len)))


def _assert_same_datelines(window: str) -> None:
    found = [(m.span(), m.groupdict()) for m in datelines(window)]
    assert found == [(m.span(), m.groupdict()) for m in patterns().dateline.finditer(window)], window


def _assert_same_tails(text: str, pos: int) -> None:
    p = patterns()
    for scan in (p.inline_break, p.inline_bracket):
        assert scan.spans(text, pos) == [m.span() for m in scan.plain.finditer(text, pos)], (text, pos)


@pytest.mark.parametrize("window", [
    "山桃县举办果蔬节 丰收季里话振兴本报讯（记者 林小禾）9月3日，山桃县……",
    "青川日报客户端3月12日讯 当天上午",
    "某某网北京 2 月 3 日电（记者 甲乙）",
    "某某网消息（晚间新闻）：今天",
    "讯讯讯讯 12日电 讯",
    "",
    "没有任何日期的标题文字",
])
def test_datelines_invented(window: str) -> None:
    _assert_same_datelines(window)


def test_datelines_random() -> None:
    alphabet = "本报网日讯电消息报道记者 \u3000\t12３年月日，。（）()：:|“”-甲乙丙县•·"
    for window in _random_texts(11, alphabet, 3000, 70):
        _assert_same_datelines(window)


@pytest.mark.parametrize("text", [
    "山桃县的果蔬节开幕了。（来源：青川日报）（编辑：林小禾）",
    "文字到此结束。责任编辑：林小禾 审核：周一 返回首页，查看更多",
    "结尾。【投稿邮箱】 分享让更多人看到",
    "",
    "没有任何尾注的一段话",
])
def test_tails_invented(text: str) -> None:
    for pos in range(0, len(text) + 1, 3):
        _assert_same_tails(text, pos)


def test_tails_random() -> None:
    alphabet = "。！？!?…”」）)】 \n（(【来源稿转自载编辑责任审核监制校对作者如遇内容版权线索报料投稿分享让更多人返回首页查看，：|丨文字摄影通讯员记者原标题《甲乙"
    rng = random.Random(6)
    for text in _random_texts(6, alphabet, 4000, 50):
        _assert_same_tails(text, rng.randint(0, len(text)))
