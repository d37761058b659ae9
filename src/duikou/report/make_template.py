"""Make the Word template of the report, ``report/templates/report.docx`` (docxtpl tags in a document made
with python-docx), so that it is reproducible: ``python -m duikou.report.make_template [OUT.docx]``.

The template follows the look of a government document (GB/T 9704 公文): A4, margins 37/35/28/26 mm, the
title in 方正小标宋简体 二号, headings in 黑体 三号, body text in 仿宋_GB2312 三号, tables in 仿宋_GB2312 五号.
The fonts are named, not embedded: Word uses them where they are installed (an office's machines have
them) and substitutes others elsewhere. Every look is a named style (标题, 标题 1, 表格文字, 来源列表...), so
an office restyles the report by opening this file in Word, changing the styles (or the wording around
the tags) and saving it; ``duikou report --format docx --template THEIRS.docx`` then uses theirs.

Sources are a numbered list at the end ("[3] 某日报，2020-05-04，《…》：“…”"), the numbers set in
superscript after each figure: docxtpl cannot make real Word footnotes (they live in a separate part of
the file that its tags do not reach), so the list stands in for them.

The tags, for whoever edits the template: ``{{ title }}``, ``{{ subtitle }}``, ``{{ meta }}``; the table
rows ``{%tr for r in rows %}`` with ``r.bg`` (the row's shading), ``r.name``, ``r.unit``, ``r.actual``,
``r.target``, ``r.rate``, ``r.helper``, ``r.recipient`` (rich text with the footnote marks);
``remarks``, ``rules``; ``activities`` (each ``g.heading`` and ``g.lines``: ``l.date``, ``l.type``,
``l.text``); ``notes`` (each ``n.number``, ``n.label``: 报道, 台账, 录入 or 目标, and ``n.text``). See :mod:`duikou.report.docx`.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TEMPLATE = Path(__file__).parent / "templates" / "report.docx"

# The official fonts (named only) and sizes: 二号 22pt, 三号 16pt, 小四 12pt, 五号 10.5pt, 小五 9pt.
TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
COLUMNS = (("指标", 36), ("单位", 12), ("完成值", 30), ("目标值", 18), ("完成率", 16), ("帮扶方口径", 22),
           ("受援方口径", 22))  # heading, width in mm (156 mm between the margins)
ACTIVITY_COLUMNS = (("日期", 26), ("类型", 22), ("内容", 108))
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)  # the template's own metadata: reproducible


def _fonts(style: Any, east_asian: str, size: float, bold: bool = False) -> None:
    """Set a style's Chinese (eastAsia) and Latin fonts and size: Word takes Chinese text's font from
    ``w:eastAsia``, which python-docx's ``font.name`` does not set."""
    style.font.name = LATIN_FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _paragraph_style(doc: Any, name: str, base: str | None, font: str, size: float, bold: bool = False,
                     align: Any = None, before: float = 0, after: float = 0, line: float | None = None) -> Any:
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base:
        style.base_style = styles[base]
    _fonts(style, font, size, bold)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line is not None:
        fmt.line_spacing = Pt(line)
    if align is not None:
        fmt.alignment = align
    return style


def _styles(doc: Any) -> None:
    _paragraph_style(doc, "Normal", None, BODY_FONT, 16, line=28)  # 三号, 28 pt lines (公文 22 lines a page)
    _paragraph_style(doc, "Title", "Normal", TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER, after=6, line=36)
    title = doc.styles["Title"].element.get_or_add_pPr()
    for border in title.findall(qn("w:pBdr")):  # python-docx's Title is underlined; a 公文 title is not
        title.remove(border)
    _paragraph_style(doc, "Subtitle", "Normal", "楷体_GB2312", 16, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    _paragraph_style(doc, "Heading 1", "Normal", HEADING_FONT, 16, before=12, after=6)
    _paragraph_style(doc, "Heading 2", "Normal", HEADING_FONT, 14, before=8, after=4)
    for name in ("Heading 1", "Heading 2"):
        doc.styles[name].font.italic = False
    _paragraph_style(doc, "Report Meta", "Normal", BODY_FONT, 12, align=WD_ALIGN_PARAGRAPH.CENTER, line=20)
    _paragraph_style(doc, "Table Text", "Normal", BODY_FONT, 10.5, line=15)
    _paragraph_style(doc, "Table Heading", "Table Text", HEADING_FONT, 10.5)
    _paragraph_style(doc, "Remark", "Normal", BODY_FONT, 12, line=20)
    _paragraph_style(doc, "Source List", "Normal", BODY_FONT, 10.5, line=16, after=3)


def _repeat_header(row: Any) -> None:
    """Mark a table's first row as its header, repeated at the top of every page the table runs onto."""
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _cell(cell: Any, text: str, style: str, width_mm: float, align: Any = None) -> None:
    cell.width = Mm(width_mm)
    p = cell.paragraphs[0]
    p.style = style
    p.text = text
    if align is not None:
        p.alignment = align


def _table(doc: Any, columns: tuple[tuple[str, int], ...], row_cells: list[str], loop: str,
           right: frozenset[int] = frozenset()) -> Any:
    """A table: the heading row, then one row holding the docxtpl row loop (``{%tr for ... %}`` above and
    ``{%tr endfor %}`` below it, each in a row of its own that docxtpl removes)."""
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # the widths below, not the contents, size the columns (Word and LibreOffice)
    for column, (_, width) in zip(table.columns, columns):
        column.width = Mm(width)
    head, start, body, end = table.rows
    _repeat_header(head)
    for i, (name, width) in enumerate(columns):
        align = WD_ALIGN_PARAGRAPH.RIGHT if i in right else None
        _cell(head.cells[i], name, "Table Heading", width, align)
        _cell(start.cells[i], f"{{%tr {loop} %}}" if i == 0 else "", "Table Text", width)
        _cell(body.cells[i], row_cells[i], "Table Text", width, align)
        _cell(end.cells[i], "{%tr endfor %}" if i == 0 else "", "Table Text", width)
    return table


def build(path: Path = TEMPLATE) -> Path:
    """Write the template to ``path`` (the package's ``templates/report.docx`` by default)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _styles(doc)
    props = doc.core_properties
    props.title, props.author, props.comments = "考核报告模板", "duikou", "duikou report --format docx 的模板"
    props.created = props.modified = FIXED_DATE
    props.last_modified_by, props.revision = "duikou", 1

    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ subtitle }}", style="Subtitle")
    doc.add_paragraph("{{ meta }}", style="Report Meta")
    doc.add_paragraph("一、考核指标完成情况", style="Heading 1")
    # the first cell: the row's shading (section rows are shaded) then its name
    # each cell: the row's shading (section rows are shaded), then its text
    _table(doc, COLUMNS, ["{% cellbg r.bg %}" + cell for cell in (
        "{{r r.name }}", "{{ r.unit }}", "{{r r.actual }}", "{{r r.target }}", "{{ r.rate }}", "{{r r.helper }}",
        "{{r r.recipient }}")], "for r in rows", right=frozenset({2, 3, 4, 5, 6}))
    doc.add_paragraph("{%p if remarks %}", style="Remark")
    doc.add_paragraph("说明", style="Heading 2")
    doc.add_paragraph("{%p for t in remarks %}", style="Remark")
    doc.add_paragraph("{{r t }}", style="Remark")
    doc.add_paragraph("{%p endfor %}", style="Remark")
    doc.add_paragraph("{%p endif %}", style="Remark")
    doc.add_paragraph("计算口径", style="Heading 2")
    doc.add_paragraph("{%p for t in rules %}", style="Remark")
    doc.add_paragraph("{{ loop.index }}. {{ t }}", style="Remark")
    doc.add_paragraph("{%p endfor %}", style="Remark")

    doc.add_paragraph("二、{{ year }}年度互访、会议与协议", style="Heading 1")
    doc.add_paragraph("{%p for g in activities %}", style="Normal")
    doc.add_paragraph("{{ g.heading }}", style="Heading 2")
    doc.add_paragraph("{%p if g.lines %}", style="Normal")
    _table(doc, ACTIVITY_COLUMNS, ["{{ l.date }}", "{{ l.type }}", "{{r l.text }}"], "for l in g.lines")
    doc.add_paragraph("{%p else %}", style="Normal")
    doc.add_paragraph("本年度台账中无记录。", style="Remark")
    doc.add_paragraph("{%p endif %}", style="Normal")
    doc.add_paragraph("{%p endfor %}", style="Normal")

    doc.add_paragraph("三、数据来源", style="Heading 1")
    doc.add_paragraph("{%p for n in notes %}", style="Source List")
    doc.add_paragraph("[{{ n.number }}] {{ n.label }}｜{{ n.text }}", style="Source List")
    doc.add_paragraph("{%p endfor %}", style="Source List")
    doc.add_paragraph("{%p if not notes %}", style="Source List")
    doc.add_paragraph("本报告没有引用任何来源：台账中没有这一结对本年度的数字。", style="Source List")
    doc.add_paragraph("{%p endif %}", style="Source List")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = build(Path(args[0]) if args else TEMPLATE)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
