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


# -- Scanner and MultiScanner: candidates by two-character prefixes -----------------------------------

from duikou.extract.regexutil import MultiScanner, Scanner, candidate_pattern  # noqa: E402

_PATTERNS = [
    "(?:代表团|一行)[^，。]{0,12}?(?:赴|到)",
    "率[^，。]{1,24}?(?:赴|前往)",
    "(?:签订|签署)",
    "[0-9]+(?:个|名)",
    "(?<!表示)慰问(?!信)了?",  # lookarounds are zero-width: they add no prefix
    "一{2,}",  # overlapping repeats
    "甲乙?|乙丙",  # a match may end after one character
    "(?:近|约)?[一二三四五六七八九十]+(?:万|亿)?元",
    "(?=甲)甲乙|丙",
    "[0-9]{1,2}\\s*月\\s*[0-9]{1,2}\\s*[日号]",  # a class escape after the first character
]
_TEXTS = [
    "常熟市代表团一行赴沿河县考察，市委书记率队前往，两地签订协议，新建项目12个、培训教师30名。",
    "没有任何触发词的句子。",
    "一一一一甲乙丙乙丙甲，近三十万元，约两亿元。慰问信、表示慰问、慰问了",
    "3月 12日、11 月2号，1月份，12月\n31日",
    "",
]


@pytest.mark.parametrize("pattern,expected", [
    ("(?:签订|签署)", "签(?=[署订])"),
    ("甲\\s*乙", "甲(?=[\\s乙])"),
    ("甲乙?|乙丙", "乙(?=[丙])|甲"),
    ("\\d+年", None),
    ("(?:x)?", None),
])
def test_candidate_pattern(pattern: str, expected: str | None) -> None:
    assert candidate_pattern(pattern) == expected


@pytest.mark.parametrize("pattern", _PATTERNS)
@pytest.mark.parametrize("text", _TEXTS)
def test_scanner_matches_the_same(pattern: str, text: str) -> None:
    plain = [m.span() for m in re.finditer(pattern, text)]
    assert [m.span() for m in Scanner(pattern).finditer(text)] == plain
    assert [m.span() for m in Scanner(pattern).finditer(text, 3, 20)] == [m.span() for m in re.compile(pattern).finditer(text, 3, 20)]


def test_multiscanner_matches_each_pattern() -> None:
    scanner = MultiScanner({str(i): p for i, p in enumerate(_PATTERNS + ["\\d+年"])})
    rng = __import__("random").Random(7)
    alphabet = "一二三甲乙丙代表团行赴到率前往签订署慰问信了表示近约万亿元0123个名，。年月日号 "
    texts = _TEXTS + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(300)]
    for text in texts:
        found = scanner.find_all(text)
        for name, pattern in scanner.patterns.items():
            assert [m.span() for m in found[name]] == [m.span() for m in pattern.finditer(text)], (name, text)
