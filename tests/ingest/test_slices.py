"""A long text normalised and laid out slice by slice gives what the whole text gives."""
from __future__ import annotations

import functools

import pytest

from duikou.ingest import clean
from duikou.ingest import normalise as norm
from duikou.ingest.build import make_document
from duikou.ingest.slices import slices

LINES = [
    "兩地簽訂《對口幫扶框架協議》，捐贈資金３００萬元。",
    "發(fā)布會在鄉(xiāng)村舉行，產(chǎn)業協作成效明顯。",
    "请及时回覆。",  # t2s converts this phrase of simplified characters, in a text holding traditional ones
    "这项任务?abc",  # mojibake-like only at the very end of the text ('$' before a final line break)
    "坏\ufffd字 𠀀 不在基本平面的字。",
    "   前后有空格的一行   ",
    "",
    "一句，又一句；还有一句！问一句？最后 一句。",
]


def _sliced(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(norm, "slices", functools.partial(slices, size=size))


def test_slices_end_after_a_cut_character_and_join_to_the_text():
    text = "\n".join(LINES) * 5
    pieces = [text[i:i + 37] for i in range(0, len(text), 37)]
    out = list(slices(pieces, size=12))
    assert "".join(out) == text and pieces == []  # consumed
    assert len(out) > 10
    assert all(s[-1] in "\n。！？；， " for s in out[:-1])


def test_a_text_without_cut_characters_stays_whole():
    text = "甲" * 1000
    assert list(slices([text[:300], text[300:]], size=50)) == [text]
    assert list(slices(["甲" * 100 + "。" + "乙" * 100], size=50)) == ["甲" * 100 + "。", "乙" * 100]


@pytest.mark.parametrize("size", [3, 8, 25, 1000])
@pytest.mark.parametrize("order", [LINES, LINES[::-1], LINES[2:4], LINES[3:4] + LINES[:1]])
def test_normalising_in_slices_is_normalising_the_whole(monkeypatch, size, order):
    text = "\n".join(order) + "\n"
    whole = norm.normalise(text)
    _sliced(monkeypatch, size)
    parts = norm.normalise_pieces([text[i:i + 11] for i in range(0, len(text), 11)])
    assert "".join(parts.slices) == whole.text
    assert (parts.script, parts.problems) == (whole.script, whole.problems)
    assert [parts.offsets.to_raw(i) for i in range(len(whole.text))] == \
        [whole.offsets.to_raw(i) for i in range(len(whole.text))]


def test_a_phrase_is_converted_in_a_slice_without_traditional_characters(monkeypatch):
    _sliced(monkeypatch, 4)
    n = norm.normalise_pieces(["请及时回覆。\n", "兩地簽訂協議。\n"])
    assert n.slices[0] == "请及时回复。" and n.script == "hant"  # that slice holds no traditional character
    assert "".join(norm.normalise_pieces(["请及时回覆。\n"]).slices) == "请及时回覆。\n"


def test_mojibake_at_a_slice_end_counts_only_at_the_end_of_the_text(monkeypatch):
    _sliced(monkeypatch, 4)
    assert norm.normalise_pieces(["这项任务?abc\n后面还有文字。"]).problems == []
    assert norm.normalise_pieces(["这项任务?abc\n"]).problems == ["unrepairable mojibake: '?abc'@4"]


@pytest.mark.parametrize("size", [2, 5, 40])
def test_lines_across_slices(size):
    text = "\n".join(LINES) + "\n  末行"
    expected = clean._lines([text])
    cut = [text[i:i + size] for i in range(0, len(text), size)]  # mid-line, mid-space: every boundary
    assert clean._lines(cut) == expected
    assert expected[-1] == (len(text) - 2, "末行") and (text.index("前后"), "前后有空格的一行") in expected


def test_a_headline_from_metadata_heads_the_text():
    body = "某县与某州签订协作协议，捐赠帮扶资金100万元，实施项目3个，带动120户增收。"
    doc = make_document("x.jsonl:1", body, title="某县与某州签订协议")
    assert doc.text == "某县与某州签订协议\n\n" + body
    assert doc.offsets.to_raw(len("某县与某州签订协议\n\n")) == 0
    assert make_document("y.jsonl:1", "   ", title="标题").text == ""
