"""Exports limited to reviewed facts (issue 10): an entity is reviewed when a reviewer accepted or corrected
at least one of its facts; rejected facts are never evidence. Every format, and ``duikou export
--reviewed-only``. SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from duikou.cli.export import export as export_command
from duikou.export import TABLES, export, geojson, tables
from duikou.ledger import review
from duikou.ledger.tables import documents, facts
from tests.ledger.helpers import HUANGPING, NAYONG, SHANGCHENG, TIANHE, helper_report, other_report, recipient_report, store

HELPER, RECIPIENT, OTHER = "reports/shangcheng.txt", "reports/huangping.txt", "reports/tianhe.txt"


@pytest.fixture
def reviewed(ledger):  # type: ignore[no-untyped-def]
    """Three reports; the pairing 上城区 -> 黄平县 accepted through the helper's report, the other pairing's
    fact rejected, and the recipient's amount corrected."""
    for d, r in (helper_report(), recipient_report(), other_report()):
        store(ledger, d, r)
    eng = ledger.engine
    review.accept(eng, _fact(eng, "pairings", HELPER)["id"], "reviewer-a")
    review.reject(eng, _fact(eng, "events", OTHER)["id"], "reviewer-a")
    review.correct(eng, _fact(eng, "amounts", RECIPIENT)["id"], "value", 140000000.0, "reviewer-a")
    return ledger


def _fact(eng: Any, kind: str, source: str) -> dict[str, Any]:
    with eng.connect() as conn:
        row = conn.execute(select(facts.c.id, facts.c.entity).join(documents, documents.c.id == facts.c.document_id)
                           .where(facts.c.kind == kind, documents.c.source == source)
                           .order_by(facts.c.seq)).mappings().first()
    assert row is not None
    return dict(row)


def test_reviewed_only_tables_hold_the_reviewed_entities(reviewed) -> None:  # type: ignore[no-untyped-def]
    eng = reviewed.engine
    everything = tables(eng)
    only = tables(eng, reviewed_only=True)
    assert len(everything["pairings"]) == 2 and len(everything["events"]) > 1
    [pairing] = only["pairings"]
    assert (pairing["helper"], pairing["recipient"], pairing["sources"]) == (SHANGCHENG, HUANGPING, 2)
    [amount] = only["amounts"]
    assert amount["value"] == 140000000 and amount["id"] == _fact(eng, "amounts", RECIPIENT)["entity"]
    assert only["events"] == only["agreements"] == only["counts"] == only["people"] == []
    # the evidence of the reviewed entities alone (both reports of the pairing, the corrected amount's)
    assert {e["entity_id"] for e in only["evidence"]} == {pairing["id"], amount["id"]}
    assert sorted(e["source"] for e in only["evidence"] if e["entity_id"] == pairing["id"]) == [RECIPIENT, HELPER]
    assert {e["review"] for e in only["evidence"]} == {"accepted", "unreviewed", "corrected"}
    assert sorted(s["source"] for s in only["sources"]) == [RECIPIENT, HELPER]
    assert len(everything["sources"]) == 3


def test_a_rejected_fact_is_no_evidence_in_any_export(reviewed) -> None:  # type: ignore[no-untyped-def]
    eng = reviewed.engine
    rejected = _fact(eng, "events", OTHER)
    evidence = tables(eng)["evidence"]
    assert rejected["id"] not in {e["fact_id"] for e in evidence}
    assert rejected["entity"] not in {e["id"] for e in tables(eng)["events"]}  # it was that event's only fact


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "xlsx"])
def test_every_format_can_be_limited_to_reviewed_entities(reviewed, fmt: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = export(reviewed.engine, fmt, tmp_path, reviewed_only=True)
    rows = _read(done.files, fmt)
    assert [r["helper"] for r in rows["pairings"]] == [SHANGCHENG]
    assert len(rows["amounts"]) == 1 and rows["events"] == []
    assert len(rows["sources"]) == 2


def _read(files: list[Path], fmt: str) -> dict[str, list[dict[str, Any]]]:
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(files[0], read_only=True)
        out = {}
        for name in TABLES:
            values = list(wb[name].iter_rows(values_only=True))
            out[name] = [dict(zip(values[0], v)) for v in values[1:]]
        return out
    by_name = {p.stem: p for p in files}
    if fmt == "json":
        return {n: json.loads(by_name[n].read_text(encoding="utf-8")) for n in TABLES}
    if fmt == "csv":
        out = {}
        for n in TABLES:
            with open(by_name[n], encoding="utf-8", newline="") as fh:
                out[n] = list(csv.DictReader(fh))
        return out
    import pyarrow.parquet as pq

    return {n: pq.read_table(by_name[n]).to_pylist() for n in TABLES}


def test_the_map_can_be_limited_to_reviewed_pairings(reviewed) -> None:  # type: ignore[no-untyped-def]
    assert len(geojson(reviewed.engine)["features"]) + len(geojson(reviewed.engine)["undrawn"]) == 2
    fc = geojson(reviewed.engine, reviewed_only=True)
    assert [(f["properties"]["helper"], f["properties"]["recipient"]) for f in fc["features"]] == [
        (SHANGCHENG, HUANGPING)]
    assert fc["undrawn"] == []  # 天河区 -> 纳雍县 (纳雍县 has no coordinates) is not reviewed


def test_export_reviewed_only_on_the_command_line(reviewed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = CliRunner().invoke(export_command, ["--db", reviewed.url, "--format", "json", "--out", str(tmp_path),
                                              "--reviewed-only"])
    assert res.exit_code == 0, res.output
    pairings = json.loads((tmp_path / "pairings.json").read_text(encoding="utf-8"))
    assert [(p["helper"], p["recipient"]) for p in pairings] == [(SHANGCHENG, HUANGPING)]
    res = CliRunner().invoke(export_command, ["--db", reviewed.url, "--format", "json", "--out", str(tmp_path)])
    pairings = json.loads((tmp_path / "pairings.json").read_text(encoding="utf-8"))
    assert res.exit_code == 0 and {(p["helper"], p["recipient"]) for p in pairings} == {
        (SHANGCHENG, HUANGPING), (TIANHE, NAYONG)}


def test_undoing_the_only_review_empties_a_reviewed_only_export(reviewed) -> None:  # type: ignore[no-untyped-def]
    eng = reviewed.engine
    for r in [h for h in review.in_force(_all_reviews(eng)) if h["action"] in ("accept", "correct")]:
        review.undo(eng, r["id"], "reviewer-a")
    only = tables(eng, reviewed_only=True)
    assert all(only[t] == [] for t in TABLES)


def _all_reviews(eng: Any) -> list[dict[str, Any]]:
    from duikou.ledger.tables import reviews

    with eng.connect() as conn:
        return [dict(r) for r in conn.execute(select(reviews).order_by(reviews.c.id)).mappings()]
