"""The small pieces of markup the profile pages repeat hundreds of times a page, made in Python.

A party's link, a figure's value, a value's source links and a money cell were Jinja2 macros, called about
500 times on the busiest region's page. As functions returning ``Markup`` (every value escaped here), the
three busiest regions' pages of benchmarks/web.py's 20,000-report ledger rendered in 3.2, 4.0 and 4.3 ms
instead of 4.6, 5.5 and 6.4 (CPU time, best of 15, the templates rendered alone in one process; the same
HTML but for whitespace).
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from duikou.web import labels
from duikou.web.templating import money, num

_CODE = re.compile(r"\d{6}")
_SIDES = labels.labels("side")
FIGURES_SHOWN = 5  # figures a money cell lists before the rest (behind "另外 N 项")


def party_href(p: dict[str, Any] | None) -> str | None:
    """Where a party's profile is: ``/region/{code}`` for a region (a GB/T 2260 code), else
    ``/party/{printed name}``; None for no party."""
    if not p or not p.get("id"):
        return None
    pid = str(p["id"])
    return f"/region/{pid}" if _CODE.fullmatch(pid) else "/party/" + quote(pid, safe="")


def party_link(p: dict[str, Any] | None) -> Markup:
    """A party as a link to its profile (its name as printed); "未注明" when the report names none."""
    href = party_href(p)
    if not p or href is None:
        return Markup('<span class="muted">未注明</span>')
    return Markup(f'<a class="party" href="{escape(href)}">{escape(p.get("name"))}</a>')


def figure_value(f: dict[str, Any], kind: str = "amount", unit: str | None = None) -> Markup:
    """A figure as printed: money in 元/万元/亿元, a count with its unit; "约" marked when the report gave
    an approximate figure."""
    approx = '<span class="approx" title="报道中为约数">约</span>' if f.get("approx") else ""
    value = money(f.get("value")) if kind == "amount" else num(f.get("value")) + (unit or "")
    return Markup(approx) + escape(value)


def report_hints(reports: dict[int, dict[str, Any]]) -> dict[int, str]:
    """Each report in one line (title, outlet, date, whose report), the hover text of its source links:
    made once a page, not once a link (a big region's page has over a thousand links)."""
    hints = {}
    for doc, r in reports.items():
        parts = [r.get("title") or f"报道 #{doc}", r.get("outlet"), (r.get("published") or "")[:10]]
        if r.get("side"):
            parts.append(_SIDES.get(r["side"], r["side"]) + "的报道")
        hints[doc] = " · ".join(str(p) for p in parts if p)
    return hints


class SourceLinks:
    """A value's evidence as links (``_sources.html``'s ``sources`` macro calls it): its first ``shown``
    facts as [1] [2] ... to the fact in its report, each titled with its report's hint; "无来源" when there
    is none; when there are more facts (or more reports than those), the count, linking to
    ``/sources/{entity}`` (every report of it) when the value has an id."""

    def __init__(self, hints: dict[int, str], shown: int):
        self.hints = hints
        self.shown = shown
        self.titles: dict[int, Markup] = {}  # each report's hint escaped once, not once a link

    def __call__(self, evidence: list[dict[str, Any]], count: int | None = None, entity: str | None = None) -> Markup:
        total = count or len(evidence)
        first = evidence[:self.shown]
        out = ['<span class="sources">']
        for i, e in enumerate(first, 1):
            doc = e["document"]
            title = self.titles.get(doc)
            if title is None:
                title = self.titles[doc] = escape(self.hints.get(doc, ""))
            out.append(f'<a class="src" href="/documents/{escape(doc)}#fact-{escape(e["fact"])}" '
                       f'title="{title}">[{i}]</a>')
        if not first:
            out.append('<span class="nosrc" title="没有可引用的事实">无来源</span>')
        if len(evidence) > self.shown or total > len(first):
            out.append(f'<a class="more" href="/sources/{escape(entity)}" title="全部来源">共 {escape(total)} 篇</a>'
                       if entity else f'<span class="more">共 {escape(total)} 篇</span>')
        out.append("</span>")
        return Markup("".join(out))


class MoneyCell:
    """A cell of a region page's money table (a year, a direction, annual, cumulative or planned): its total
    (muted when no figure counts), how many figures are disputed, its first :data:`FIGURES_SHOWN` figures
    (role, value, partner, sources; a disputed one flagged) and the rest behind "另外 N 项". Two macros
    before, called about 80 times a page."""

    def __init__(self, sources: SourceLinks, roles: dict[str, str]):
        self.sources = sources
        self.roles = roles

    def figure(self, f: dict[str, Any]) -> str:
        out = ['<li class="disputed">' if f.get("conflict") else "<li>"]
        if f.get("conflict"):
            out.append('<span class="flag" title="与其他报道的数字矛盾，未计入合计">⚠</span>')
        out.append(f'<span class="role">{escape(self.roles.get(f["role"], f["role"]))}</span>')
        out.append(f'<span class="value">{figure_value(f)}</span>')
        if f.get("partner"):
            out.append(f'<span class="partner">{party_link(f["partner"])}</span>')
        out.append(self.sources(f["evidence"], f["source_count"], f["id"]))
        out.append("</li>")
        return "".join(out)

    def __call__(self, cell: dict[str, Any]) -> Markup:
        figures = cell["figures"]
        if not figures:
            return Markup('<span class="muted">–</span>')
        muted = " muted" if cell["total"] is None else ""
        out = [f'<div class="cell-total{muted}">{escape(money(cell["total"]))}</div>']
        if cell["disputed"]:
            out.append(f'<div class="cell-note">{escape(cell["disputed"])} 项有争议，未计入</div>')
        out.append('<ul class="figures">' + "".join(self.figure(f) for f in figures[:FIGURES_SHOWN]) + "</ul>")
        if len(figures) > FIGURES_SHOWN:
            out.append(f'<details class="more-figures"><summary>另外 {len(figures) - FIGURES_SHOWN} 项</summary>'
                       '<ul class="figures">' + "".join(self.figure(f) for f in figures[FIGURES_SHOWN:])
                       + "</ul></details>")
        return Markup("".join(out))
