"""A filtered list as CSV and XLSX on the seed ledger (SQLite and PostgreSQL): one line per row and source
document, the quotes are the reports' sentences at the facts' spans, rejected facts are no evidence, the
XLSX holds what the CSV holds, and text a spreadsheet would run stays text."""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from duikou import services
from duikou.ledger.db import engine
from duikou.ledger.tables import documents, facts
from duikou.services.list_export import SOURCE_COLUMNS, columns, export_list
from duikou.services.lists import KINDS, ListQuery, QueryError, list_rows
from tests.services.conftest import Seeded

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def eng(seeded: Seeded) -> Iterator[Engine]:
    e = engine(seeded.url)
    yield e
    e.dispose()


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data[len(BOM):].decode("utf-8"), newline="")))


def evidence_by_hand(eng: Engine) -> tuple[dict[str, dict[int, list[dict[str, Any]]]], dict[int, dict[str, Any]]]:
    """Each entity's facts that are not rejected, by document; and every document with its text."""
    with eng.connect() as conn:
        docs = {r["id"]: dict(r) for r in conn.execute(select(documents)).mappings()}
        by_entity: dict[str, dict[int, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for f in conn.execute(select(facts)).mappings():
            if f["review"] != "rejected":
                by_entity[f["entity"]][f["document_id"]].append(dict(f))
    return by_entity, docs


@pytest.mark.parametrize("kind", KINDS)
def test_csv_has_one_line_per_row_and_source_document_in_the_lists_order(eng: Engine, kind: str) -> None:
    rows = list_rows(eng, ListQuery(kind, per_page=500)).rows
    lines = read_csv(export_list(eng, ListQuery(kind), "csv"))
    assert list(lines[0]) == list(columns(kind))
    assert list(dict.fromkeys(line["id"] for line in lines)) == [str(r["id"]) for r in rows]
    by_entity, docs = evidence_by_hand(eng)
    for row in rows:
        mine = [line for line in lines if line["id"] == str(row["id"])]
        expected = {row["id"]} if kind == "documents" else set(by_entity[row["id"]])
        assert {int(line["source_id"]) for line in mine} == expected and len(mine) == len(expected)
        dates = [docs[int(line["source_id"])]["published"] or "\uffff" for line in mine]
        assert dates == sorted(dates)  # earliest report first
        for line in mine:
            doc = docs[int(line["source_id"])]
            assert line["source_url"] == (doc["url"] or doc["source"])
            assert line["source_date"] == (doc["published"] or "")
            assert line["source_title"] == (doc["title"] or "")


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "documents"])
def test_quotes_are_the_sentences_at_the_facts_spans(eng: Engine, kind: str) -> None:
    by_entity, docs = evidence_by_hand(eng)
    quoted = 0
    for line in read_csv(export_list(eng, ListQuery(kind), "csv")):
        doc_facts = by_entity[line["id"]][int(line["source_id"])]
        text = docs[int(line["source_id"])]["text"]
        pieces = line["quote"].split("\n") if line["quote"] else []
        assert pieces == list(dict.fromkeys(f["quote"] for f in sorted(doc_facts, key=lambda f: f["seq"])
                                            if f["quote"]))
        for piece in pieces:
            spans = [(f["span_start"], f["span_end"]) for f in doc_facts if f["quote"] == piece]
            # the quote is the report's own sentence and holds the fact's span
            starts = [i for i in range(len(text)) if text.startswith(piece, i)]
            assert any(i <= s and e <= i + len(piece) for s, e in spans for i in starts), piece
            quoted += 1
    assert quoted


def test_a_rejected_fact_is_no_evidence(eng: Engine, seeded: Seeded) -> None:
    if seeded.rejected_fact is None:
        pytest.skip("no entity of the seeds has two facts to reject one of")
    with eng.connect() as conn:
        f = conn.execute(select(facts).where(facts.c.id == seeded.rejected_fact)).mappings().one()
        others = set(conn.execute(select(facts.c.quote).where(facts.c.entity == f["entity"],
                                                              facts.c.id != f["id"])).scalars())
    kind = next(k for k in KINDS if k != "documents"
                and f["entity"] in {r["id"] for r in list_rows(eng, ListQuery(k, per_page=500)).rows})
    mine = [line for line in read_csv(export_list(eng, ListQuery(kind), "csv")) if line["id"] == f["entity"]]
    assert mine
    quoted = {q for line in mine for q in line["quote"].split("\n")}
    assert f["quote"] not in quoted - others and quoted <= others


def _as_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    return str(v)


@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_holds_what_the_csv_holds_with_a_frozen_filtered_header(eng: Engine, kind: str) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    query = ListQuery(kind, sort="-sources" if kind != "documents" else "title")
    lines = read_csv(export_list(eng, query, "csv"))
    wb = load_workbook(io.BytesIO(export_list(eng, query, "xlsx")))
    ws = wb[kind]
    cols = list(columns(kind))
    header = [c for c in next(ws.iter_rows(max_row=1))]
    assert [c.value for c in header] == cols and all(c.font.bold for c in header)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(cols))}{len(lines) + 1}"
    assert ws.column_dimensions[get_column_letter(cols.index("quote") + 1)].width >= 60
    got = [[_as_text(v) for v in r] for r in ws.iter_rows(min_row=2, values_only=True)]
    want = [[line[c] for c in cols] for line in lines]
    for g, w in zip(got, want):  # numbers: the CSV writes 3.0 as 3.0, Excel gives 3
        assert [x if not _number(y) else float(x) for x, y in zip(g, w)] == \
               [y if not _number(y) else float(y) for y in w]
    assert len(got) == len(want)
    assert "one line per" in str(wb["about"]["A1"].value).lower()


def _number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return not s.isalpha()


def test_the_export_holds_every_page_of_the_filtered_list(eng: Engine) -> None:
    opts_province = list_rows(eng, ListQuery("events", per_page=500)).rows[0]["helper"]["id"][:2]
    query = ListQuery("events", province=opts_province, per_page=1, page=2)
    kept = {r["id"] for r in list_rows(eng, ListQuery("events", province=opts_province, per_page=500)).rows}
    lines = read_csv(export_list(eng, query, "csv"))
    assert {line["id"] for line in lines} == kept and len(kept) > 1
    everything = {r["id"] for r in list_rows(eng, ListQuery("events", per_page=500)).rows}
    assert kept < everything


def test_bad_format_and_province_name_the_parameter(eng: Engine) -> None:
    for fmt in ("pdf", "CSV", ""):
        with pytest.raises(QueryError) as err:
            export_list(eng, ListQuery("money"), fmt)
        assert err.value.param == "format"
    with pytest.raises(QueryError) as err:
        export_list(eng, ListQuery("money", province="不存在省"), "csv")
    assert err.value.param == "province"


REPORT = ("=1+2 吴江区与榕江县协作交流\n\n"
          "2021年5月6日，吴江区干部一行到访榕江县，就东西部协作开展交流，并签署《@合作 框架协议》。"
          "吴江区向榕江县捐赠帮扶资金300万元。\n")


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'l.db'}"
    services.build([str(tmp_path / "report.txt")], db=url)
    title = REPORT.splitlines()[0]
    docs = read_csv(export_list(url, ListQuery("documents"), "csv"))
    assert docs[0]["title"] == "'" + title  # the apostrophe keeps Excel from running it
    ws = load_workbook(io.BytesIO(export_list(url, ListQuery("documents"), "xlsx")))["documents"]
    cell = ws.cell(row=2, column=list(columns("documents")).index("title") + 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (title, "s", True)
    agreements = read_csv(export_list(url, ListQuery("agreements"), "csv"))
    assert agreements and agreements[0]["title"].startswith("'@")
    assert set(SOURCE_COLUMNS) <= set(agreements[0])
