"""The first-character lookahead must never change what a pattern matches."""
from __future__ import annotations

import re

import pytest

from duikou.extract.regexutil import first_chars, prefiltered


@pytest.mark.parametrize("pattern,chars", [
    ("abc", {"a"}),
    ("(?:代表团|考察团)赴", {"代", "考"}),
    ("a*b", {"a", "b"}),
    ("(?:自|从)?(?:19|20)\\d{2}年", {"自", "从", "1", "2"}),  # an optional prefix adds to what follows
    ("\\d+年", None),  # \d is an open class
    ("[甲乙]丙|丁", {"甲", "乙", "丁"}),
    (".x", None),
    ("(?:x)?", None),  # may match empty
])
def test_first_chars(pattern: str, chars: set[str] | None) -> None:
    assert first_chars(pattern) == chars


@pytest.mark.parametrize("pattern", [
    "(?:代表团|一行)[^，。]{0,12}?(?:赴|到)",
    "率[^，。]{1,24}?(?:赴|前往)",
    "(?:签订|签署)",
    "[0-9]+(?:个|名)",
])
@pytest.mark.parametrize("text", [
    "常熟市代表团一行赴沿河县考察，市委书记率队前往，两地签订协议，新建项目12个、培训教师30名。",
    "没有任何触发词的句子。",
])
def test_prefiltered_matches_the_same(pattern: str, text: str) -> None:
    plain = [m.span() for m in re.finditer(pattern, text)]
    fast = [m.span() for m in prefiltered(pattern).finditer(text)]
    assert fast == plain
