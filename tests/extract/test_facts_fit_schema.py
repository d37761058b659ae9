"""Every fact the extractors make on real reports fits the schema (facts.yaml): a property the schema does
not declare would make the store refuse the fact, and the report would lose it in the ledger."""
from __future__ import annotations

from pathlib import Path

import pytest

from duikou.extract.records import records
from duikou.ingest import read_documents
from duikou.runreport import RunReport
from duikou.schema import validate
from duikou.services.build import extract_whole_record
from tests.conftest import SHARED

REAL = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "real" / "dev", SHARED / "corpus" / "real" / "ontopic.jsonl"]


@pytest.mark.seeds
def test_every_extracted_fact_of_the_real_reports_fits_the_schema() -> None:
    paths = [str(p) for p in REAL if p.exists()]
    if not paths:
        pytest.skip(f"../shared is absent ({SHARED}): real reports not checked")
    refused: list[str] = []
    n = 0
    for doc in read_documents(paths, RunReport()):
        _, facts = records(extract_whole_record(doc))
        for f in facts:
            n += 1
            refused += [f"{Path(doc.source).name} {f.kind}: {why}" for why in validate(f.kind, dict(f.data))]
    assert n > 5_000
    assert not refused, f"{len(refused)} facts refused, e.g. {refused[:5]}"
