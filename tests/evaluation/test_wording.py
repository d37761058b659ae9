"""The words a figure is told in (sentences written for the tests): the clause before the number and a few
characters after it, never a neighbour's words; running totals of counts."""
from __future__ import annotations

from duikou.services.evaluation.indicators import indicator_by
from duikou.services.evaluation.wording import Worded, running_total, worded


def _at(text: str, phrase: str) -> Worded:
    start = text.index(phrase)
    return worded(text, start, start + len(phrase))


def test_a_figure_is_worded_by_its_own_clause_and_the_words_right_after_it() -> None:
    text = "两地干部群众共同努力，选派挂职干部15名，另有300余名工作队员、专家和志愿者与当地干部一道奋战。"
    cadres = _at(text, "15名")
    assert cadres.before == "选派挂职干部" and cadres.around.startswith("选派挂职干部|")
    others = _at(text, "300余名")
    assert others.before == "另有" and "干部" not in others.around and "专家" in others.around
    assert len(others.around.split("|")[1]) <= 12
    first = _at("共建园区3个。", "3个")
    assert first == Worded("共建园区|", "共建园区", "共建园区")


def test_counts_that_are_running_totals() -> None:
    assert running_total([_at("今年选派教师20名，累计选派专业技术人才300名。", "300名")])
    assert not running_total([_at("今年选派教师20名，累计选派专业技术人才300名。", "20名")])
    assert running_total([_at("截至去年底，已有企业12家落户园区。", "12家")])
    assert not running_total([_at("一年来，新增落户企业5家。", "5家")])
    assert running_total([Worded("累计选派干部", "累计选派干部", "累计选派干部")])  # a row's column header


def test_the_shipped_words_separate_cadres_from_specialists() -> None:
    cadres, specialists = indicator_by("cadres"), indicator_by("specialists")
    assert cadres is not None and specialists is not None
    said = _at("选派挂职干部15名，选派医生和教师40名。", "40名").around
    assert not any(w in said for w in cadres.words) and any(w in said for w in specialists.words)
