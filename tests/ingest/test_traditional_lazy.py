"""The per-character traditional test agrees with the full set computed from OpenCC."""
from __future__ import annotations

from duikou.ingest import normalise as N


def test_gb2312_traditional_matches_the_full_set() -> None:
    full = N.traditional_chars()
    expected = []
    for c in sorted(full):
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        expected.append(c)
    assert N._gb2312_traditional() == tuple(expected)


def test_per_character_test_matches_the_full_set() -> None:
    full = N.traditional_chars()
    for a, _ in N._CJK_RANGES:
        for c in map(chr, range(a, a + 3000)):
            assert N._is_traditional(c) is (c in full), c
    for c in "漢語國際體育网络abc，。😀":
        assert N._is_traditional(c) is (c in full), c
