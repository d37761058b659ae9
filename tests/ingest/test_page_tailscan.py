"""The tail scan of credit and footer patterns finds the spans their plain alternation finds."""
from __future__ import annotations

import random

import pytest

from duikou.ingest import page


@pytest.mark.parametrize("text", [
    "山桃县的果蔬节开幕了。（来源：青川日报）（编辑：林小禾）",
    "文字到此结束。责任编辑：林小禾 审核：周一 返回首页，查看更多",
    "结尾。【投稿邮箱】 分享让更多人看到",
    "",
    "没有任何尾注的一段话",
])
def test_invented_tails(text: str) -> None:
    p = page._p()
    for scan in (p.inline_break, p.inline_bracket):
        for pos in range(0, len(text) + 1, 3):
            assert scan.spans(text, pos) == [m.span() for m in scan.plain.finditer(text, pos)]


def test_random_tails() -> None:
    p = page._p()
    rng = random.Random(6)
    alphabet = "。！？!?…”」）)】 \n（(【来源稿转自载编辑责任审核监制校对作者如遇内容版权线索报料投稿分享让更多人返回首页查看，：|丨文字摄影通讯员记者原标题《甲乙"
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        pos = rng.randint(0, len(text))
        for scan in (p.inline_break, p.inline_bracket):
            assert scan.spans(text, pos) == [m.span() for m in scan.plain.finditer(text, pos)], (text, pos)
