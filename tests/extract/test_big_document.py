"""A very large document costs linear time: "elsewhere in the report" is a bounded window, and
the searches that were one text scan per known name are one pass."""
from __future__ import annotations

import random
import time

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


def _people_seconds(text: str) -> float:
    from duikou.extract.people import find_people

    t0 = time.perf_counter()
    find_people(text)
    return time.perf_counter() - t0


def test_people_cost_grows_linearly_with_one_long_line() -> None:
    # a report of named officials, lists and career summaries, repeated as one line with no breaks
    unit = ("县委书记张明华、县长李建国、副县长王志强等一行赴某县考察。张明华曾任某市委常委、秘书长，"
            "李建国、王志强、赵立新参加座谈。王志强此前为某局党组成员、副局长。刘海峰从小在村里长大，"
            "刘海峰一直想回乡，他说：刘海峰要让乡亲们富起来。")
    small, big = unit * 400, unit * 1600
    _people_seconds(small)  # warm the vocabularies
    ratio = min(_people_seconds(big) for _ in range(2)) / max(min(_people_seconds(small) for _ in range(2)), 1e-3)
    assert ratio < 10  # 4x the text: linear is ~4, the former searches took ~18 (room for a busy machine)



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
    from duikou.gazetteer import gazetteer

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
