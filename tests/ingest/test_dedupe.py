"""Exact and near-duplicate grouping."""
from __future__ import annotations

import pytest

from duikou.ingest import Document, dedupe

A = ("6月18日至19日，江苏省丹阳市党政代表团赴陕西省紫阳县考察东西部协作工作，召开两地联席会议，双方签订协作框架协议。"
     "丹阳市向紫阳县捐赠帮扶资金300万元，累计投入财政帮扶资金1.26亿元，实施协作项目58个，带动脱贫户2300户增收。"
     "代表团还察看了富硒茶产业园和社区工厂，详细了解务工群众收入情况，要求持续深化产业协作和劳务协作。")
B = ("9月6日至7日，广东省佛山市南海区代表团赴贵州省望谟县开展劳务协作，举办专场招聘会，提供岗位1350个。"
     "双方签订劳务协作合作协议，南海区向望谟县捐赠帮扶资金500万元，累计投入财政帮扶资金3.8亿元。")


def _doc(source: str, text: str) -> Document:
    return Document(source=source, text=text)


@pytest.mark.parametrize("texts, kept, groups", [
    ([A, B], ["a0", "a1"], {}),
    ([A, A], ["a0"], {"a0": [("a1", "exact")]}),
    ([A, A.replace("，", ", ") + "\n"], ["a0"], {"a0": [("a1", "exact")]}),  # punctuation/space only
    ([A, A.replace("300万元", "320万元")], ["a0"], {"a0": [("a1", "near")]}),
    ([A, B, A.replace("58个", "59个"), B], ["a0", "a1"], {"a0": [("a2", "near")], "a1": [("a3", "exact")]}),
    ([A, A[: len(A) // 2]], ["a0", "a1"], {}),  # half a report is no near-duplicate at 0.8
])
def test_dedupe(texts, kept, groups):
    result = dedupe(_doc(f"a{i}", t) for i, t in enumerate(texts))
    assert [d.source for d in result] == kept
    assert {g.representative: list(zip(g.copies, g.kinds)) for g in result.groups} == groups
    for d in result:
        assert d.copies == [c for c, _ in groups.get(d.source, [])]


def test_threshold_is_honoured():
    near = A.replace("300万元", "320万元").replace("58个", "60个")
    assert len(dedupe([_doc("x", A), _doc("y", near)], threshold=0.99)) == 2
    assert len(dedupe([_doc("x", A), _doc("y", near)], threshold=0.5)) == 1
