"""The five real seed reports against their hand-made gold metadata (read from ../shared, never copied)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from duikou.ingest import read_documents
from duikou.runreport import RunReport

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold"
pytestmark = pytest.mark.seeds


def _norm(s: str | None) -> str | None:
    """The scorer's comparison: punctuation and spaces dropped."""
    return None if s is None else re.sub(r"[\W_]+", "", s)


@pytest.fixture(scope="module")
def docs() -> dict[str, object]:
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths or not GOLD.is_dir():
        pytest.skip(f"seed reports or gold absent under {SHARED}")
    report = RunReport(quiet=True, stream=open("/dev/null", "w"))
    return {Path(d.source).stem: d for d in read_documents([str(p) for p in paths], report)}


def _gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))["doc"]


def _stems() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt")) or ["absent"]


@pytest.mark.parametrize("stem", _stems())
def test_seed_metadata_matches_gold(docs, stem):
    doc, gold = docs[stem], _gold(stem)
    assert doc.published == gold["published"]
    assert _norm(doc.outlet) == _norm(gold["outlet"])
    if gold["title_core"]:
        assert doc.title is not None
        assert _norm(gold["title_core"]) in _norm(doc.title)
        assert _norm(doc.title) in _norm(gold["title_full"])
    else:
        assert doc.title is None


@pytest.mark.parametrize("stem", _stems())
def test_seed_text_layout(docs, stem):
    doc = docs[stem]
    lines = doc.text.split("\n")
    if doc.title:
        head, _, body = doc.text.partition("\n\n")
        assert _norm(head) == _norm(doc.title)
        assert body and "\n\n" not in body
    assert all(line == line.strip() for line in lines)
    # no site furniture survives
    for marker in ("发表于", "阅读数", "复制链接", "您现在的位置", "上一条", "下一条", "相关推荐", "版权所有",
                   "Copyright", "联系电话", "二维码", "公众号", "条评论", "立即注册", "发布时间", "稿源", "编辑:"):
        assert marker not in doc.text, marker
    assert doc.text.rstrip().endswith(("。", "!", "！", "”"))


@pytest.mark.parametrize("stem", _stems())
def test_seed_offsets_point_at_the_raw_text(docs, stem):
    from duikou.ingest.normalise import fold_width, to_simplified

    doc = docs[stem]
    raw = Path(doc.source).read_bytes().decode(doc.encoding)  # the decoded text (a Document does not keep it)
    for i in range(0, len(doc.text), 7):
        ch = doc.text[i]
        if ch == "\n" or (doc.title and i < len(doc.title)):
            continue
        raw_ch = raw[doc.offsets.to_raw(i)]
        assert fold_width(to_simplified(raw_ch)) == ch or to_simplified(raw_ch) != raw_ch, (i, ch, raw_ch)


def test_traditional_seed_is_converted_and_flagged(docs):
    hant = [d for d in docs.values() if d.script == "hant"]
    assert len(hant) == 1
    doc = hant[0]
    assert "(fā)" not in doc.text and "發" not in doc.text
    assert any("mojibake" in p.reason for p in doc.problems)
    assert doc.authors  # the closing credit names two reporters and an editor
    assert len(doc.authors) == 3


def test_simplified_seeds_have_no_problems(docs):
    assert [d.source for d in docs.values() if d.script == "hans" and d.problems] == []
