"""The profile pages' repeated markup made in Python (web/profile_markup.py): escaped, and as the page
shows it."""
from __future__ import annotations

from typing import Any

from duikou.web.profile_markup import FIGURES_SHOWN, MoneyCell, SourceLinks, figure_value, party_link

HOSTILE = '"><img src=x onerror=alert(1)>'


def _figure(i: int, conflict: str | None = None) -> dict[str, Any]:
    return {"id": f"amount:{i}", "value": 1_500_000 + i, "approx": i == 0, "role": "fiscal", "conflict": conflict,
            "partner": {"id": HOSTILE, "name": HOSTILE}, "source_count": 1,
            "evidence": [{"document": 7, "fact": f"f{i}"}]}


def test_a_money_cell_lists_its_first_figures_and_folds_the_rest() -> None:
    links = SourceLinks({7: HOSTILE}, shown=3)
    figures = [_figure(i, conflict="k" if i == 1 else None) for i in range(FIGURES_SHOWN + 2)]
    html = str(MoneyCell(links, {"fiscal": "财政援助"})({"figures": figures, "total": 3_000_000.0, "disputed": 1}))
    shown, rest = html.split("<details", 1)
    assert shown.count("<li") == FIGURES_SHOWN and rest.count("<li") == 2
    assert "另外 2 项" in rest and "1 项有争议，未计入" in shown
    assert '<li class="disputed">' in shown and "⚠" in shown
    assert "300万元" in shown and "财政援助" in shown and 'class="approx"' in shown
    assert "<img" not in html and "&lt;img" in html  # names and report titles escaped, never markup
    assert html.count('href="/documents/7#fact-f') == len(figures)


def test_an_empty_cell_and_a_cell_with_no_counted_figure() -> None:
    cell = MoneyCell(SourceLinks({}, shown=3), {})
    assert str(cell({"figures": [], "total": None, "disputed": 0})) == '<span class="muted">–</span>'
    muted = str(cell({"figures": [_figure(1, "k")], "total": None, "disputed": 1}))
    assert 'class="cell-total muted">–<' in muted and "<details" not in muted


def test_party_links_and_figure_values() -> None:
    assert party_link({"id": "330102", "name": "上城区"}) == '<a class="party" href="/region/330102">上城区</a>'
    assert "未注明" in party_link(None)
    assert "&lt;img" in party_link({"id": HOSTILE, "name": HOSTILE})
    assert str(figure_value({"value": 12, "approx": False}, "count", "人")) == "12人"
    assert str(figure_value({"value": 2.5e8, "approx": True})).endswith("2.5亿元")
