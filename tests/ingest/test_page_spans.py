"""Parts of a long line cut with one copy are the parts str.strip and str.lstrip give."""
from __future__ import annotations

import itertools

from duikou.ingest.page.spans import after_space, skip, stripped

ALPHABET = ["甲", " ", "\u3000", "\t", "，", ":"]


def test_stripped_and_skip_match_the_str_methods():
    for n in range(6):
        for chars in itertools.product(ALPHABET, repeat=n):
            s = "".join(chars)
            for i in range(len(s) + 1):
                assert skip(s, i, " :，") == len(s) - len(s[i:].lstrip(" :，"))
                assert after_space(s, i) == len(s) - len(s[i:].lstrip())
                for j in range(i, len(s) + 1):
                    part = s[i:j].strip()
                    expected = (100 + i + len(s[i:j]) - len(s[i:j].lstrip()), part) if part else None
                    assert stripped(s, 100, i, j) == expected
            assert stripped(s, 0, 2) == stripped(s, 0, 2, len(s))
