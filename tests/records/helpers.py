"""Small 台账 workbooks written for the tests (openpyxl), and reading the ledger back."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from openpyxl import Workbook
from sqlalchemy import create_engine, select

from duikou.ledger.tables import documents, facts

LIYANG, LUEYANG = "320481", "610727"  # 江苏省常州市溧阳市 helps 陕西省汉中市略阳县 (the example's pairing)


def workbook(path: Path, sheets: dict[str, list[Sequence[Any]]], merges: dict[str, list[str]] | None = None) -> Path:
    """An .xlsx with ``sheets`` (name -> rows from row 1) and merged ranges."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(list(r))
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def funds(path: Path, rows: list[Sequence[Any]]) -> Path:
    """A one-sheet funds 台账 with both sides in its columns (header row 1, data from row 2)."""
    head = ["日期", "帮扶方", "受援方", "项目名称", "财政援助资金（万元）", "党政干部（人）"]
    return workbook(path, {"资金": [head, *rows]})


def stored(url: str) -> dict[str, Any]:
    """The ledger's documents by source, each with its facts (kind, data) in order."""
    import json

    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            docs = {r["source"]: dict(r) for r in conn.execute(select(documents)).mappings()}
            for d in docs.values():
                d["facts"] = [(f.kind, json.loads(f.data)) for f in conn.execute(
                    select(facts.c.kind, facts.c.data).where(facts.c.document_id == d["id"]).order_by(facts.c.seq))]
                d["citation"] = json.loads(d["citation"]) if d["citation"] else None
    finally:
        eng.dispose()
    return docs
