"""The dateline scan from tail starts finds exactly what the dateline pattern's finditer finds."""
from __future__ import annotations

import random

import pytest

from duikou.ingest import page


@pytest.mark.parametrize("window", [
    "山桃县举办果蔬节 丰收季里话振兴本报讯（记者 林小禾）9月3日，山桃县……",
    "青川日报客户端3月12日讯 当天上午",
    "某某网北京 2 月 3 日电（记者 甲乙）",
    "某某网消息（晚间新闻）：今天",
    "讯讯讯讯 12日电 讯",
    "",
    "没有任何日期的标题文字",
])
def test_invented_windows(window: str) -> None:
    p = page._p()
    assert [(m.span(), m.groupdict()) for m in page._datelines(window)] == \
        [(m.span(), m.groupdict()) for m in p.dateline.finditer(window)]


def test_random_windows() -> None:
    p = page._p()
    rng = random.Random(11)
    alphabet = "本报网日讯电消息报道记者 \u3000\t12３年月日，。（）()：:|“”-甲乙丙县•·"
    for _ in range(3000):
        window = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 70)))
        assert [(m.span(), m.groupdict()) for m in page._datelines(window)] == \
            [(m.span(), m.groupdict()) for m in p.dateline.finditer(window)], window
