"""The issue's acceptance check, on the documents: the report of 靖江市 → 永寿县 for 2021 built from the five
seed reports alone cites, in every format, the seed's own sentence for each figure it has (the sentence is
in the seed file and in the document's sources), and leaves every other indicator empty, marked 无来源
(never 0). SQLite and PostgreSQL."""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from duikou import services
from duikou.report import FORMATS, labels, render, report_view
from duikou.services.evaluation import evaluation_report
from tests.ledger.conftest import db_url, pg_url  # noqa: F401 - the ledgers' fixtures
from tests.report.ledger import SEEDS

pytestmark = pytest.mark.seeds


@pytest.fixture
def documents(db_url: str) -> Iterator[dict[str, Any]]:  # noqa: F811 - db_url is the fixture
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip("../shared is absent")
    assert services.build([str(p) for p in seeds], db=db_url).ok
    pairing = next(p for p in services.pairings(db_url)
                   if (p["helper"]["name"], p["recipient"]["name"]) == ("靖江市", "永寿县"))
    report = evaluation_report(db_url, pairing["id"], 2021)
    view = report_view(report)
    yield {"report": report, "view": view, "docs": {f: render(view, f) for f in FORMATS}}


def _texts(docs: dict[str, bytes]) -> dict[str, str]:
    """Each document's whole text, whitespace removed (PDF text extraction breaks lines anywhere)."""
    import docx
    from openpyxl import load_workbook
    from pypdf import PdfReader

    word = docx.Document(io.BytesIO(docs["docx"]))
    wb = load_workbook(io.BytesIO(docs["xlsx"]))
    out = {
        "docx": "\n".join([p.text for p in word.paragraphs]
                          + [c.text for t in word.tables for row in t.rows for c in row.cells]),
        "xlsx": "\n".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None),
        "pdf": "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(docs["pdf"])).pages),
        "html": re.sub(r"<[^>]+>", "", docs["html"].decode("utf-8")),
    }
    return {k: re.sub(r"\s+", "", v).replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")
            for k, v in out.items()}


def test_each_figure_cites_the_seed_sentence_and_the_rest_say_no_source(documents: dict[str, Any]) -> None:
    report, view = documents["report"], documents["view"]
    texts = _texts(documents["docs"])
    with_figures = [r for r in report.indicators if r.actual is not None]
    assert with_figures and any(r.actual is None for r in report.indicators)
    for r in with_figures:
        for c in r.citations:
            assert c.provenance == "extracted" and c.quote
            assert c.quote in Path(c.source).read_text(encoding="utf-8")  # the seed's own sentence
            said = re.sub(r"\s+", "", c.quote)
            for fmt, text in texts.items():
                assert said[:60] in text, (fmt, r.indicator.id, c.quote[:40])
    rows = {row.id: row for row in view.rows}
    for r in report.indicators:
        row = rows[r.indicator.id]
        if r.actual is None:
            assert row.actual.text == labels.NO_SOURCE and row.actual.value is None and not row.actual.notes
        else:
            assert row.actual.notes and row.actual.text != labels.NO_SOURCE
    # in the documents: the empty rows as 无来源 (the table's cells), none as a zero
    import docx
    from openpyxl import load_workbook

    table = docx.Document(io.BytesIO(documents["docs"]["docx"])).tables[0]
    cells = {row.cells[0].text: row.cells[2].text for row in table.rows[1:]}
    ws = load_workbook(io.BytesIO(documents["docs"]["xlsx"]))["指标"]
    head = [c.value for c in ws[1]]
    sheet = {row[head.index("编号")]: row[head.index("完成值")] for row in ws.iter_rows(min_row=2, values_only=True)}
    for r in report.indicators:
        if r.actual is None:
            assert cells[r.indicator.name] == labels.NO_SOURCE and sheet[r.indicator.id] == labels.NO_SOURCE
        else:
            assert sheet[r.indicator.id] == pytest.approx(r.actual) and sheet[r.indicator.id] != 0
