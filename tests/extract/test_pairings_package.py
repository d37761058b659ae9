"""The pairings package: its public names, its module sizes, and the word lists it reads from data.

The texts are written for these tests; the organisations and villages are invented.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from duikou.extract.pairings.vocabulary import clause_words
from duikou.reference import vocab
from tests.extract.helpers import ungated_pairs

SRC = Path(__file__).resolve().parents[2] / "src" / "duikou" / "extract"
PACKAGE = SRC / "pairings"
BADONG, JIANSHI = "422823", "422822"


def test_the_package_exposes_the_extractor() -> None:
    from duikou.extract.pairings import NAME, VERSION, pairings
    from duikou.extract.pipeline import load_extractors

    assert (NAME, VERSION) == ("pairings", "1")
    assert any(e.name == NAME and e.func is pairings for e in load_extractors())


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")) + [SRC / "parties.py", SRC / "party_vocab.py"],
                         ids=lambda p: p.name)
def test_no_module_over_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def _keys(call: str) -> set[str]:
    found: set[str] = set()
    for path in [*PACKAGE.glob("*.py"), SRC / "parties.py"]:
        found |= set(re.findall(call + r'\("([a-z_]+)"\)', path.read_text(encoding="utf-8")))
    return found


def test_every_clause_word_list_the_code_reads_is_in_the_data() -> None:
    keys = _keys("clause_words") | _keys("clause_pattern") | _keys("clause_pairs")
    assert "passive_markers" in keys  # the scan itself finds the calls
    assert keys <= set(vocab.load("pairing_clauses"))


def test_every_number_the_code_reads_is_in_the_data() -> None:
    keys = _keys("number")
    assert "origin_gap" in keys
    assert keys <= set(vocab.load("pairing_patterns"))


def test_passive_markers_try_longer_forms_first() -> None:
    # tried in order with endswith: a marker that ends another must come after it ("，是" before "是")
    words = clause_words("passive_markers")
    for i, a in enumerate(words):
        assert not any(b.endswith(a) and b != a for b in words[i + 1:]), a


@pytest.mark.parametrize("text,expected", [
    # 以及 joins a list of recipients (list_joiners)
    ("今年，明德大学对口帮扶巴东县以及建始县，选派干部二十名。", {("明德大学", BADONG), ("明德大学", JIANSHI)}),
    # the recipient as the subject (passive_markers)
    ("巴东县受到明德大学的对口帮扶，群众收入稳步提高。", {("明德大学", BADONG)}),
    ("青石村受到明德大学的定点帮扶。", {("明德大学", "青石村")}),
    # a name starts after the word that opens the phrase before it (left_words)
    ("今年由明德大学定点帮扶青石村。", {("明德大学", "青石村")}),
    # 分别 pairs two lists item by item
    ("明德大学与求是大学分别结对帮扶青石村、白水村。", {("明德大学", "青石村"), ("求是大学", "白水村")}),
])
def test_shapes_read_their_words_from_the_data(text: str, expected: set[tuple[str, str]]) -> None:
    assert ungated_pairs(text) == expected
