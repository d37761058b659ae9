"""A very large document: the rewrites that made it cost linear time give the same answers as the searches
they replace ("elsewhere in the report" is a bounded window; one pass instead of one scan per name), and a
document over the piece size is extracted in pieces (bounded memory) whose facts are the pieces' own, spans
moved into the whole text. Time and memory are measured by benchmarks/big_document.py, not here."""
from __future__ import annotations

import random
from typing import Any

import pytest

from duikou.extract.context import NEAR, near
from duikou.extract.people.careers import last_opening_name as _last_opening_name
from duikou.extract.people.chars import OPEN as _OPEN
from duikou.ingest.document import Document


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


# -- extraction in pieces ----------------------------------------------------------------------------------

_ON = ("{m}月{d}日，江苏省苏州市与贵州省铜仁市召开东西部协作联席会议，双方签订对口帮扶协议。"
       "苏州市向铜仁市捐赠帮扶资金{y}万元，选派挂职干部{k}名。\n")
_OFF = "入春以来气温回升，市民纷纷外出踏青；城东公园{d}日接待游客{y}人次。\n"
_LEAD = "苏州市委常委、副市长王立新率队赴铜仁市考察对口帮扶项目。\n"
_KINDS = ("regions", "pairings", "people", "events", "agreements", "amounts", "counts", "relations")
PIECE = 400  # characters: the fixture runs to four pieces


def _mixed(newlines: bool = True) -> str:
    """On-topic paragraphs, a long off-topic stretch (pieces of its own), on-topic again."""
    text = (_LEAD + "".join(_ON.format(m=3, d=i + 1, y=50 * (i + 1), k=i + 2) for i in range(4))
            + "".join(_OFF.format(d=i % 28 + 1, y=40 * (i + 1)) for i in range(30))
            + "".join(_ON.format(m=9, d=i + 1, y=70 * (i + 1), k=i + 4) for i in range(3)) + _LEAD)
    return text if newlines else text.replace("\n", " ")


def _doc(text: str) -> Document:
    return Document(source="big.txt", text=text, title=_LEAD.strip(), published="2023-10-01")


def _random_text(rng: random.Random, n: int) -> str:
    bits = ["甲", "乙", "丙", " ", "，", "。", "！", "；", "\n", "”", "?", "!", "。”", "……"]
    weights = [30, 30, 30, 3, 4, 3, 1, 1, 1, 1, 1, 1, 1, 1]
    return "".join(rng.choices(bits, weights, k=n))


@pytest.mark.parametrize("seed", range(40))
def test_pieces_end_at_line_breaks_or_sentence_ends_and_split_into_the_same_sentences(seed: int) -> None:
    from duikou.extract.context import SENTENCE_END, split_sentences
    from duikou.extract.pieces import cut

    rng = random.Random(seed)
    text = _random_text(rng, rng.randint(1, 3000))
    if seed % 4 == 0:
        text = text.replace("\n", "")  # one line: only sentence ends to cut at
    size = rng.randint(8, 400)
    spans = cut(text, size)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(spans, spans[1:]))
    for start, end in spans[:-1]:
        assert text[end - 1] == "\n" or any(m.end() == end for m in SENTENCE_END.finditer(text, start, end + 1)), \
            (start, end, text[end - 3:end + 3])
        if end - start > size:  # longer only when no boundary was within reach
            assert "\n" not in text[start + size // 2:start + size]
    pieces = [(s + o, e + o) for o, end in spans for s, e in split_sentences(text[o:end])]
    assert pieces == split_sentences(text)


def test_a_sentence_longer_than_a_piece_is_not_cut() -> None:
    from duikou.extract.pieces import cut

    text = "甲" * 50 + "。" + "乙" * 30 + "！" + "丙" * 10
    assert cut(text, 20) == [(0, 51), (51, 82), (82, 92)]
    assert cut("甲" * 50, 20) == [(0, 50)]
    assert cut("", 20) == [(0, 0)]


@pytest.mark.parametrize("newlines", [True, False])
def test_a_document_over_the_piece_size_has_its_pieces_facts_with_spans_in_the_whole_text(newlines: bool) -> None:
    from duikou.extract.pieces import cut
    from duikou.extract.pipeline import extract_document

    doc = _doc(_mixed(newlines))
    spans = cut(doc.text, PIECE)
    assert len(spans) >= 4 and len(doc.text) > PIECE
    merged = extract_document(doc, piece_chars=PIECE).to_contract()
    # Each piece extracted as a report of its own (the first keeps the headline), spans moved by hand.
    expected: dict[str, list[dict[str, Any]]] = {k: [] for k in _KINDS}
    for i, (start, end) in enumerate(spans):
        piece = Document(source=doc.source, text=doc.text[start:end], title=doc.title if i == 0 else None,
                         published=doc.published)
        rec = extract_document(piece).to_contract()
        for kind in _KINDS:
            for row in rec[kind]:
                ev = row["evidence"]
                expected[kind].append({**row, "evidence": {**ev, "start": ev["start"] + start,
                                                           "end": ev["end"] + start}})
    assert {k: merged[k] for k in _KINDS} == expected
    assert sum(len(v) for v in expected.values()) > 40
    # The headline's sentence heads the first piece and ends the last: its person at both places.
    people = [(p["name"], p["evidence"]["start"]) for p in merged["people"]]
    assert people == [("王立新", doc.text.index("市委常委")), ("王立新", doc.text.rindex("市委常委"))]


@pytest.mark.parametrize("newlines", [True, False])
def test_the_spans_of_a_document_in_pieces_point_at_their_text_and_quote_its_sentences(newlines: bool) -> None:
    from duikou.extract.context import Context
    from duikou.extract.pipeline import extract_document

    doc = _doc(_mixed(newlines))
    whole = Context(doc)  # the whole text's sentences: a small fixture, cheap to split whole
    merged = extract_document(doc, piece_chars=PIECE).to_contract()
    n = 0
    for kind in _KINDS:
        for row in merged[kind]:
            ev = row["evidence"]
            said = doc.text[ev["start"]:ev["end"]]
            assert said and said in ev["quote"], (kind, ev)
            assert ev["quote"] == whole.evidence(ev["start"], ev["end"]).quote
            n += 1
    amounts = {row["value"]: doc.text[row["evidence"]["start"]:row["evidence"]["end"]] for row in merged["amounts"]}
    assert amounts[2_100_000] == "210万元" and amounts[500_000] == "50万元"  # the last stretch and the first
    assert n > 40


def test_the_verdict_of_a_document_in_pieces_has_the_on_topic_pieces_as_passages() -> None:
    from duikou.extract.pipeline import extract_document

    doc = _doc(_mixed())
    topic = extract_document(doc, piece_chars=PIECE).to_contract()["doc"]["topic"]
    assert topic["on_topic"] and topic["scope"] == "passages"
    passages = topic["passages"]
    assert passages[0][0] == 0 and passages[-1][1] == len(doc.text)
    off = doc.text.index("入春以来") + 2 * PIECE  # deep in the off-topic stretch
    assert not any(s <= off < e for s, e in passages)
    assert all(doc.text[s:e].strip() for s, e in passages)


def test_merge_topics() -> None:
    from duikou.extract.pieces import merge_topics
    from duikou.extract.relevance import NO_CUE, Topic

    whole = Topic(True, 0.9, "a", whole=True, withheld={"amounts": 1})
    part = Topic(True, 0.7, "b", passages=((5, 9), (20, 30)), withheld={"amounts": 2, "counts": 1})
    off = Topic(False, 0.3, "c")
    none = Topic(False, 0.0, NO_CUE)
    t = merge_topics([(0, 100, whole), (100, 130, part), (130, 200, off)])
    assert (t.on_topic, t.whole, t.score, t.reason) == (True, False, 0.9, "a")
    assert t.passages == ((0, 100), (105, 109), (120, 130))
    assert t.withheld == {"amounts": 3, "counts": 1}
    t = merge_topics([(0, 30, part), (30, 60, whole)])
    assert t.passages == ((5, 9), (20, 60)) and t.score == 0.9  # a passage to the piece's end runs on
    assert merge_topics([(0, 10, whole), (10, 20, whole)]).whole
    t = merge_topics([(0, 10, none), (10, 20, off), (20, 30, none)])
    assert (t.on_topic, t.score, t.reason) == (False, 0.3, "c")
    assert merge_topics([(0, 10, none), (10, 20, none)]).reason == NO_CUE


@pytest.mark.parametrize("pieces", [True, False])
def test_the_ledger_record_drops_off_topic_facts_piece_by_piece_as_the_store_would(
        pieces: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from duikou.extract import pipeline
    from duikou.extract.records import records
    from duikou.services.build import extract_record, extract_whole_record

    if pieces:
        monkeypatch.setattr(pipeline, "PIECE_CHARS", PIECE)
    doc = _doc(_mixed())
    full = extract_whole_record(doc)
    n_counts = len(full.facts.get("counts", []))  # on_topic_facts filters in place
    kept_source, kept = records(extract_record(doc))
    assert kept == records(pipeline.on_topic_facts(full))[1]
    # in pieces, the park's visitors (pieces off topic) are not the programme's; whole, the report is on topic
    assert (sum(f.kind == "counts" for f in kept) < n_counts) == pieces
    assert (kept_source.topic is not None and kept_source.topic.scope == "passages") == pieces
