"""The Word template is what its script makes (reproducible: the committed file is the script's output,
part for part), carries only docxtpl tags that the renderer fills, and names the official fonts."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from duikou.report.make_template import BODY_FONT, HEADING_FONT, TEMPLATE, TITLE_FONT, build, main
from duikou.report.view import report_view
from duikou.report.word import context, render_docx
from tests.report.fake import fake_report


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_committed_template_is_the_scripts_output(tmp_path: Path) -> None:
    made = _parts(build(tmp_path / "again.docx"))
    assert made == _parts(TEMPLATE), "src/duikou/report/templates/report.docx is stale: run python -m duikou.report.make_template"
    assert main([str(tmp_path / "cli.docx")]) == 0 and _parts(tmp_path / "cli.docx") == made


def test_the_template_names_the_fonts_and_its_tags_are_filled() -> None:
    parts = _parts(TEMPLATE)
    styles = parts["word/styles.xml"].decode("utf-8")
    for font in (TITLE_FONT, HEADING_FONT, BODY_FONT):
        assert f'w:eastAsia="{font}"' in styles
    xml = parts["word/document.xml"].decode("utf-8")
    variables = set(re.findall(r"\{\{r? *([a-z_]+)", xml)) | set(re.findall(r"for \w+ in ([a-z_]+) ", xml))
    variables -= {"r", "l", "t", "n", "g", "loop"}  # the loops' own names
    assert {"rows", "remarks", "rules", "activities", "notes", "title", "meta"} <= variables
    from docxtpl import RichText

    filled = context(report_view(fake_report()), RichText)
    assert variables and variables <= set(filled), variables - set(filled)


def test_a_report_with_markup_in_its_text_is_a_valid_document() -> None:
    """Report text goes in escaped: a title with <, & and quotes leaves the document readable."""
    import io

    import docx

    report = fake_report()
    odd = report.pairing | {"helper": {"id": "1", "name": "A&B <市>"}}
    data = render_docx(report_view(type(report)(**{**report.__dict__, "pairing": odd})))
    doc = docx.Document(io.BytesIO(data))
    assert "A&B <市> → 乙县" in [p.text for p in doc.paragraphs]
