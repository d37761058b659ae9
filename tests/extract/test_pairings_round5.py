"""Pairings on shapes of real reports met on a fourth held-out set (sentences written for the
tests, not taken from any corpus): the parties an arrangement sends, a helper named bare before
的…帮扶村, cadres sent into an aided area."""
from __future__ import annotations

import pytest

from tests.extract.helpers import pairs, run


@pytest.mark.parametrize("text,expected", [
    # "X安排A、B…组成…，对口支援C": A and B help C, not X
    ("此外，2012年起，国家民委安排南京大学、厦门大学等5所高校组成支援团队，对口支援青海大学。",
     {("南京大学", "青海大学"), ("厦门大学", "青海大学")}),
    ("金华市组织义乌市、东阳市两地抽调骨干，对口帮扶四川省旺苍县。", {("330782", "510821"), ("330783", "510821")}),
])
def test_arrangement_sends_the_helpers(text: str, expected: set[tuple[str, str]]) -> None:
    got = pairs(run(text))
    assert got >= expected
    assert not any(h in ("国家民委", "330700") for h, _ in got)


@pytest.mark.parametrize("text", [
    "金华市召开会议，对口帮扶工作取得新进展。",  # no recipient named
    "省里组织专家组成调研组，深入各县调研。",  # no helping verb
])
def test_arrangement_without_a_pairing(text: str) -> None:
    assert not pairs(run(text))
