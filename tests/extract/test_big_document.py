"""The rewrites that made a very large document cost linear time give the same answers as the searches
they replace ("elsewhere in the report" is a bounded window; one pass instead of one scan per name).
The time itself is measured by benchmarks/big_document.py, not here."""
from __future__ import annotations

import random

import pytest

from duikou.extract.context import NEAR, near
from duikou.extract.people_cues import _OPEN, _last_opening_name


def _naive(text: str, known: set[str], lo: int, hi: int) -> tuple[int, int] | None:
    """The former search: each name's last occurrence, the latest that opens a clause."""
    best = None
    for name in sorted(known, key=len, reverse=True):
        k = text.rfind(name, lo, hi)
        if k >= 0 and (best is None or k > best[0]) and (k == 0 or text[k - 1] in _OPEN):
            best = (k, k + len(name))
    return best


@pytest.mark.parametrize("seed", range(30))
def test_last_opening_name_is_the_per_name_search(seed: int) -> None:
    rng = random.Random(seed)
    known = {"张三", "李四", "王五", "欧阳明", "张三丰"}
    pieces = sorted(known) + ["，", "。", "的", "在", "工作", "曾任"]
    text = "".join(rng.choice(pieces) for _ in range(40))
    lens = sorted({len(n) for n in known}, reverse=True)
    for hi in range(0, len(text) + 1, 3):
        for lo in (0, hi // 2):
            assert _last_opening_name(text, known, lens, lo, hi) == _naive(text, known, lo, hi)


def test_near_is_the_whole_text_of_a_report() -> None:
    assert near(500, 20_000) == (0, 20_000)
    assert near(10 * NEAR, 100 * NEAR) == (9 * NEAR, 11 * NEAR)


@pytest.mark.parametrize("seed", range(20))
def test_topic_covers_is_the_test_of_every_passage(seed: int) -> None:
    from duikou.extract.relevance import Topic

    rng = random.Random(seed)
    spans = sorted((s, s + rng.randint(1, 30)) for s in rng.sample(range(200), 8))
    topic = Topic(True, 0.6, "r", passages=tuple(spans))
    for start in range(0, 240, 3):
        for end in (start, start + 1, start + 7):
            naive = any(s < max(end, start + 1) and start < e for s, e in spans)
            assert topic.covers(start, end) == naive
    topic.passages = ((500, 510),)  # a new passages value is indexed again
    assert topic.covers(505, 506) and not topic.covers(100, 101)


def test_pick_among_the_document_codes_is_pick() -> None:
    from duikou.extract.regions import _Article
    from duikou.reference.gazetteer import gazetteer

    g = gazetteer()
    art = _Article.__new__(_Article)
    art.g = g
    codes = sorted(g.regions)
    rng = random.Random(7)
    for _ in range(300):
        known = set(rng.sample(codes, 5)) | {rng.choice(codes)[:2] + "0000"}
        cands = rng.sample(codes, 3) + [rng.choice(sorted(known))]
        known_anc: set[str] = set().union(*(g.ancestor_codes(k) for k in known))
        for pick in (cands[:1], cands[:2], cands):
            assert art._pick_known(pick, known, known_anc) == art._pick(pick, known)
