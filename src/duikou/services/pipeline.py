"""Reports read and extracted without a ledger (``duikou ingest``, ``duikou extract``)."""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

from duikou.ingest import DedupeResult, Document, dedupe, read_documents
from duikou.runreport import RunReport


def read(paths: Sequence[str], report: RunReport) -> Iterator[Document]:
    """The clean documents under ``paths``; what cannot be read goes to ``report`` and the run goes on."""
    return read_documents(paths, report)


def fold(docs: Iterable[Document]) -> DedupeResult:
    """Exact and near-duplicate reports folded into one each (the first kept)."""
    return dedupe(docs)


def extract(paths: Sequence[str], report: RunReport) -> Iterator[tuple[Document, dict[str, Any]]]:
    """Each document under ``paths`` with its contract record; an extractor's failure is a problem on
    ``report`` (not fatal: the record holds what the others found)."""
    from duikou.extract.pipeline import extract_document, load_extractors

    extractors = load_extractors()
    for doc in read_documents(paths, report):
        result = extract_document(doc, extractors)
        for p in result.problems:  # an extractor failed: the others' facts stand
            report.problem(p.source, p.reason, p.line, fatal=False)
        yield doc, result.to_contract()
