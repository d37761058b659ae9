"""The report tests' ledger: the five seed reports (../shared, read in place), the example 台账
(examples/taizhang, imported with its mapping), yearly targets imported from a CSV written here, and two
sources written for these tests in our own words: a recipient-side report and a recipient-side 台账 row
whose figures differ from the helper's (so the ▲ flag has something to flag), and a report whose title
starts like a spreadsheet formula. Real regions, made-up figures."""
from __future__ import annotations

import csv
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from duikou import services
from duikou.ledger.store import Ledger
from duikou.schema.records import Citation, Evidence, FactRecord, SourceRecord, cited_source
from duikou.services.evaluation import import_targets
from duikou.services.records import import_records
from tests.conftest import REPO, SEEDS

EXAMPLE = REPO / "examples" / "taizhang" / "taizhang_2023.xlsx"
EXAMPLE_MAPPING = REPO / "examples" / "taizhang" / "mapping.yaml"
JINGJIANG, YONGSHOU = "321282", "610426"  # the seeds' pairing (2021)
LIYANG, LUEYANG = "320481", "610727"  # the example 台账's pairing (2023)

# (帮扶方, 受援方, 年度, 指标 (id or name), 目标值 in the indicator's unit)
TARGETS = [
    ("靖江市", "永寿县", 2021, "social_aid", 250),
    ("靖江市", "永寿县", 2021, "专业技术人才（支援）", 100),
    ("靖江市", "永寿县", 2021, "fiscal_aid", 500),  # no source gives it: a target without a figure
    ("溧阳市", "略阳县", 2023, "labour_jobs", 1000),
    ("溧阳市", "略阳县", 2023, "cadres", 40),
    ("溧阳市", "略阳县", 2023, "consumption", 800),
]

# A recipient-side report of the seeds' pairing, written for these tests: it gives the donation as
# 180万元 where the helper's report says 200万元.
RECIPIENT_TEXT = ("永寿县召开对口协作工作推进会。会议通报，今年靖江市向永寿县捐赠乡村振兴资金180万元，"
                  "用于村级道路和饮水工程。与会人员表示将用好每一笔帮扶资金。")
FORMULA_TITLE = "=HYPERLINK(\"http://example.org\",\"点此\") 永寿县协作简报"


def _recipient_report() -> tuple[SourceRecord, list[FactRecord]]:
    phrase = "180万元"
    start = RECIPIENT_TEXT.index(phrase)
    quote = RECIPIENT_TEXT.split("。")[1] + "。"
    facts = [
        FactRecord("pairings", {"helper": JINGJIANG, "recipient": YONGSHOU, "program": "east_west",
                                "since": 2017, "relation": "standing"}),
        FactRecord("amounts", {"value": 1_800_000.0, "approx": False, "role": "donation", "cumulative": False,
                               "payer": JINGJIANG, "payee": YONGSHOU, "planned": False},
                   Evidence(start, start + len(phrase), quote), extractor="hand", version="1", confidence=0.9),
    ]
    src = SourceRecord(source="tests/report/recipient-2021.txt",
                       body_hash=hashlib.sha1(RECIPIENT_TEXT.encode()).hexdigest()[:16], text=RECIPIENT_TEXT,
                       title=FORMULA_TITLE, published="2021-11-03", outlet="永寿县融媒体中心",
                       url="https://example.org/yongshou/2021-11-03", main_pairing=(JINGJIANG, YONGSHOU),
                       side="recipient")
    return src, facts


def _recipient_row() -> tuple[SourceRecord, list[FactRecord]]:
    """略阳县's own 台账 row: the jobs found in 2023, a different count from 溧阳市's."""
    facts = [
        FactRecord("pairings", {"helper": LIYANG, "recipient": LUEYANG, "program": "east_west", "since": None,
                                "relation": "standing"}),
        FactRecord("counts", {"value": 900.0, "approx": False, "role": "beneficiaries", "unit": "人"}),
    ]
    src = cited_source(Citation(file="略阳县劳务协作台账.xlsx", sheet="转移就业", row=7), facts,
                       published="2023-12-20", main_pairing=(LIYANG, LUEYANG), title="劳务协作 帮助就业人数")
    return replace(src, side="recipient"), facts


def write_targets(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["帮扶方", "受援方", "年度", "指标", "目标值"])
        w.writerows(TARGETS)
    return path


def fill(url: str, seeds: list[Path], work: Path) -> dict[str, Any]:
    """Build the tests' ledger at ``url``; what went in (summaries) for the tests to check against."""
    built = services.build([str(p) for p in seeds], db=url)
    assert built.ok, built.line()
    imported = import_records(url, EXAMPLE, mapping=EXAMPLE_MAPPING)
    assert not [p for p in imported.problems if p.fatal], imported.problems
    lg = Ledger(url)
    try:
        for src, facts in (_recipient_report(), _recipient_row()):
            res = lg.add(src, facts)
            assert res.status == "new" and not res.problems, res
    finally:
        lg.close()
    targets = import_targets(url, write_targets(work / "targets.csv"))
    assert not targets.problems, targets.problems
    return {"seeds": len(seeds), "imported": imported, "targets": targets}


__all__ = ["fill", "TARGETS", "EXAMPLE", "JINGJIANG", "YONGSHOU", "LIYANG", "LUEYANG", "FORMULA_TITLE", "SEEDS"]
