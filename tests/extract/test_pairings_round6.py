"""Pairings on shapes of real reports met on a fifth held-out set (sentences written for the
tests, not taken from any corpus): two counties written by their bare names around 与/和 before
a pairing cue."""
from __future__ import annotations

import pytest

from tests.extract.helpers import pairs, run


@pytest.mark.parametrize("text,expected", [
    ("福建省与宁夏回族自治区开展东西部协作。晋江与隆德建立结对帮扶关系。", ("350582", "640423")),
    ("浙江省和四川省开展东西部协作。余姚和盐边签订结对帮扶协议。", ("330281", "510422")),
])
def test_bare_county_names_around_a_joiner(text: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(run(text))

