"""The report as a Word document: docxtpl fills ``report/templates/report.docx`` (made by
:mod:`duikou.report.make_template`, or an office's restyled copy of it) with the :class:`ReportView`.

Figures carry their footnote numbers in superscript ("11,400³" printed as ``11,400[3]``) and the sources
are a numbered list at the end: docxtpl cannot write real Word footnotes, so the list stands in for them.
The context's names are the template's tags (listed in :mod:`duikou.report.make_template`).
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from duikou.report.errors import ReportError, missing_extra
from duikou.report.make_template import TEMPLATE
from duikou.report.view import Cell, ReportView

SECTION_SHADE, ROW_SHADE = "D9DEE7", "FFFFFF"
NONE_COLOR, FLAG_COLOR = "8A8F98", "B42318"


def _docxtpl() -> Any:
    try:
        import docxtpl
    except ImportError as exc:
        raise missing_extra("Word", "docxtpl") from exc
    return docxtpl


def _rich(rt_class: Any, text: str, notes: tuple[int, ...] = (), bold: bool = False,
          color: str | None = None) -> Any:
    """``text`` with its footnote numbers in superscript, as docxtpl rich text (escaped by docxtpl)."""
    rt = rt_class()
    rt.add(text, bold=bold, color=color)
    for n in notes:
        rt.add(f"[{n}]", superscript=True)
    return rt


def _cell(rt_class: Any, c: Cell, flag: bool = False) -> Any:
    color = NONE_COLOR if c.value is None else (FLAG_COLOR if flag else None)
    return _rich(rt_class, c.text, c.notes, bold=flag and c.value is not None, color=color)


def context(view: ReportView, rt_class: Any) -> dict[str, Any]:
    """The template's context (``rt_class`` is docxtpl's ``RichText``)."""
    p = view.pairing
    rows: list[dict[str, Any]] = []
    for section, items in view.sections:
        rows.append({"bg": SECTION_SHADE, "name": _rich(rt_class, section, bold=True), "unit": "",
                     "actual": "", "target": "", "rate": "", "helper": "", "recipient": ""})
        for r in items:
            actual = _cell(rt_class, r.actual)
            for part in r.parts:  # the figures added, each with its sources, under the sum
                actual.add("\n" + part.text, size=16)  # half-points: 8 pt
                for n in part.notes:
                    actual.add(f"[{n}]", superscript=True, size=16)
            rows.append({"bg": ROW_SHADE, "name": _rich(rt_class, r.name), "unit": r.unit, "actual": actual,
                         "target": _cell(rt_class, r.target), "rate": r.completion.text,
                         "helper": _cell(rt_class, r.helper, r.differs),
                         "recipient": _cell(rt_class, r.recipient, r.differs)})
    meta = "　".join([
        f"结对关系：{p['helper']['name']} → {p['recipient']['name']}",
        f"协作类型：{view.program}" + (f"（{p['since']}年起结对）" if p.get("since") else ""),
        f"考核年度：{view.year}年", "数据范围：" + ("仅已审核的记录" if view.reviewed_only else "全部记录（含未审核）"),
        f"生成日期：{view.generated}"])
    return {
        "title": view.title, "subtitle": view.subtitle, "meta": meta, "year": view.year, "rows": rows,
        "remarks": [_rich(rt_class, text, notes) for text, notes in view.remarks],
        "rules": list(view.rules),
        "activities": [{"heading": heading, "lines": [
            {"date": line.date, "type": line.type, "text": _rich(rt_class, line.text, line.notes)} for line in lines]}
            for heading, lines in view.activities],
        "notes": [{"number": n.number, "label": n.label, "text": n.text} for n in view.notes],
    }


def render_docx(view: ReportView, template: Path | str | None = None) -> bytes:
    """The report as a .docx (bytes), from ``template`` (default: the package's ``report.docx``)."""
    docxtpl = _docxtpl()
    path = Path(template) if template is not None else TEMPLATE
    if not path.is_file():
        raise ReportError(f"{path}: no such Word template")
    try:
        doc = docxtpl.DocxTemplate(str(path))
        doc.render(context(view, docxtpl.RichText), autoescape=True)
    except ReportError:
        raise
    except Exception as exc:  # a template an office edited may be no .docx, or have a broken tag
        raise ReportError(f"{path}: cannot fill the Word template: {type(exc).__name__}: {exc}") from exc
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


__all__ = ["render_docx", "context"]
