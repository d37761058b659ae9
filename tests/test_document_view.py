"""The document view: the seed reports' pages (metadata, facts at their spans, problems) on SQLite and
PostgreSQL, and the text cut into highlight runs, on hand-made spans (overlapping, nested, out of range)."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from duikou import services
from duikou.errors import LedgerError
from duikou.services import views
from duikou.services.document import Segment, clip, describe, document_view, segments
from tests.ledger.conftest import db_url, pg_server, pg_template, pg_url  # noqa: F401 - the ledgers' fixtures


@pytest.fixture
def seeds(db_url: str, seed_paths: list[Path]) -> str:  # noqa: F811 - db_url is the imported fixture
    services.build([str(p) for p in seed_paths], db=db_url)
    return db_url


def _covers(text: str, quote: str, start: int, end: int) -> bool:
    """Whether some occurrence of ``quote`` in ``text`` holds ``start``..``end``."""
    at = text.find(quote)
    while at != -1:
        if at <= start and end <= at + len(quote):
            return True
        at = text.find(quote, at + 1)
    return False


def test_each_seed_report_shows_its_facts_at_their_spans(seeds: str, seed_paths: list[Path]) -> None:
    listed = views.documents(seeds)
    assert len(listed) == len(seed_paths)
    problems = views.problems(seeds, every_run=True)
    overlapping = 0
    for row in listed:
        view = document_view(seeds, row["id"])
        assert view.id == row["id"] and view.meta["title"] == row["title"] and view.meta["source"] == row["source"]
        assert view.meta["status"] == "ok" and isinstance(view.meta["authors"], list)
        assert view.text and view.facts
        assert [f.seq for f in view.facts] == sorted(f.seq for f in view.facts)
        for f in view.facts:
            assert f.span_start is not None and f.span_end is not None and f.quote
            assert f.shown == (f.span_start, f.span_end)  # the seeds' spans lie inside their texts
            piece = view.text[f.span_start:f.span_end]
            assert piece and piece in f.quote and _covers(view.text, f.quote, f.span_start, f.span_end)
            assert f.what and f.entity and f.review is None and f.extractor
        segs = view.segments()
        assert "".join(s.text for s in segs) == view.text
        assert [s.start for s in segs] == [0, *(s.end for s in segs[:-1])] and segs[-1].end == len(view.text)
        for f in view.facts:  # the runs listing a fact are its span, whole
            mine = [s for s in segs if f.id in s.facts]
            assert "".join(s.text for s in mine) == view.text[f.span_start:f.span_end]
            assert mine[0].start == f.span_start and mine[-1].end == f.span_end
        overlapping += sum(1 for s in segs if len(s.facts) > 1)
        mine = sorted((p["reason"], p["line"]) for p in problems if p["source"] in (row["source"], view.meta["path"]))
        assert sorted((p["reason"], p["line"]) for p in view.problems) == sorted(set(mine))
        data = view.to_dict()
        assert json.loads(json.dumps(data, ensure_ascii=False))["text"] == view.text
        assert len(data["segments"]) == len(segs) and data["facts"][0]["shown"] == list(view.facts[0].shown or ())
    assert overlapping, "the seed reports have facts whose spans overlap (an agreement inside a signing...)"
    assert any(document_view(seeds, r["id"]).problems for r in listed), "a seed report has damaged characters"


def test_an_unknown_document_is_a_ledger_error(seeds: str) -> None:
    with pytest.raises(LedgerError, match="no document 4242"):
        document_view(seeds, 4242)


# -- highlight runs, on hand-made spans ------------------------------------------------------------------
TEXT = "甲地与乙地签订协作协议并交付帮扶资金一百万元"


def _per_char(text: str, spans: list[tuple[str, tuple[int, int] | None]]) -> list[list[str]]:
    """The facts covering each character, one by one (what the runs must agree with)."""
    out = []
    for i in range(len(text)):
        out.append([fid for fid, s in spans if s is not None and max(0, s[0]) <= i < min(len(text), s[1])])
    return out


def _check(text: str, spans: list[tuple[str, tuple[int, int] | None]]) -> list[Segment]:
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    assert all(s.text == text[s.start:s.end] and s.text for s in segs)
    assert all(a.facts != b.facts for a, b in zip(segs, segs[1:])), "runs are as long as they can be"
    assert [c for s in segs for c in [s.facts] * len(s.text)] == _per_char(text, spans)
    return segs


def test_nested_and_overlapping_spans_give_runs_listing_every_fact() -> None:
    spans: list[tuple[str, tuple[int, int] | None]] = [("a", (5, 11)), ("b", (7, 11)), ("c", (9, 14))]
    segs = _check(TEXT, spans)
    assert [(s.text, s.facts) for s in segs] == [
        (TEXT[:5], []), (TEXT[5:7], ["a"]), (TEXT[7:9], ["a", "b"]), (TEXT[9:11], ["a", "b", "c"]),
        (TEXT[11:14], ["c"]), (TEXT[14:], [])]


def test_identical_adjacent_and_whole_text_spans() -> None:
    segs = _check(TEXT, [("x", (0, 2)), ("y", (0, 2)), ("z", (2, 4)), ("all", (0, len(TEXT)))])
    assert [s.facts for s in segs] == [["x", "y", "all"], ["z", "all"], ["all"]]


def test_spans_out_of_range_are_clipped_and_missing_or_empty_ones_not_highlighted() -> None:
    n = len(TEXT)
    spans: list[tuple[str, tuple[int, int] | None]] = [
        ("before", (-4, 2)), ("after", (n - 3, n + 50)), ("past", (n + 1, n + 9)), ("reversed", (8, 3)),
        ("empty", (6, 6)), ("none", None)]
    segs = _check(TEXT, spans)
    assert segs[0].facts == ["before"] and segs[0].text == TEXT[:2]
    assert segs[-1].facts == ["after"] and segs[-1].text == TEXT[n - 3:]
    shown = {fid for s in segs for fid in s.facts}
    assert shown == {"before", "after"}
    assert clip(n + 1, n + 9, n) is None and clip(8, 3, n) is None and clip(None, 4, n) is None
    assert clip(-4, 2, n) == (0, 2)


def test_no_text_has_no_runs_and_a_text_without_facts_is_one_plain_run() -> None:
    assert segments("", [("a", (0, 3))]) == []
    assert segments(TEXT, []) == [Segment(TEXT, [], 0, len(TEXT))]


def test_random_spans_agree_with_reading_each_character() -> None:
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(0, 30)
        text = "".join(rng.choice("协作帮扶资金项目") for _ in range(n))
        spans: list[tuple[str, tuple[int, int] | None]] = [
            (f"f{i}", None if rng.random() < 0.1 else (rng.randint(-3, n + 3), rng.randint(-3, n + 3)))
            for i in range(rng.randint(0, 8))]
        _check(text, spans)


def test_a_fact_in_a_few_words_names_parties_by_name() -> None:
    names = {"100001": "甲县", "100002": "乙县"}
    what = describe("amounts", {"value": 1500000, "role": "donation", "cumulative": True, "payer": "100001",
                                "payee": "100002"}, names)
    assert what == "donation 1,500,000 yuan 甲县 → 乙县 (cumulative)"
    assert describe("pairings", {"helper": "100001", "recipient": "某公司", "program": "designated",
                                 "since": 2021}, names) == "pairing 甲县 → 某公司, designated, since 2021"
    assert describe("people", {"name": "某人", "titles": ["县长"], "region": "100002"}, names) == "person 某人 (县长), 乙县"
    assert describe("unheard", {"b": 2, "a": None}) == "unheard b=2"
