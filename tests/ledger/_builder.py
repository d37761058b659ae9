"""A build of many hand-made reports, run as a subprocess by the safety tests.

Usage: python -m tests.ledger._builder DB_URL COUNT [DELAY_SECONDS]
"""
from __future__ import annotations

import importlib
import sys
import time

from duikou.reference import regions
from duikou.services.build import store_documents
from duikou.ledger.store import Ledger
from duikou.runreport import RunReport
from tests.ledger.helpers import FakeGazetteer, extraction, helper_report, other_report, recipient_report


def reports(count: int):  # type: ignore[no-untyped-def]
    """``count`` distinct reports: the three stories under many sources, dates shifted."""
    makers = (helper_report, recipient_report, other_report)
    for i in range(count):
        d, r = makers[i % 3](f"reports/{i:05d}.txt")
        d.text = d.text + f"（第{i}期）"
        month = 1 + (i // 3) % 12
        d.published = f"2022-{month:02d}-15"
        for e in r["events"]:
            if e.get("date"):
                e["date"] = f"2022-{month:02d}-{10 + (i % 3):02d}"
        yield d, r


def main() -> None:
    url, count = sys.argv[1], int(sys.argv[2])
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    g = FakeGazetteer()
    regions.gaz = lambda: g  # type: ignore[assignment]
    records = {}

    def docs():  # type: ignore[no-untyped-def]
        for d, r in reports(count):
            records[d.source] = r
            yield d

    def extract(d):  # type: ignore[no-untyped-def]
        if delay:
            time.sleep(delay)
        return extraction(d, records[d.source])

    if delay:  # a build to be killed: stored in many small batches, so the kill lands between two
        importlib.import_module("duikou.services.build").BATCH_DOCS = 10  # the module (services.build is the function)
    ledger = Ledger(url)
    summary = store_documents(ledger, docs(), RunReport(quiet=True), extract)
    print(summary.line(), flush=True)


if __name__ == "__main__":
    main()
