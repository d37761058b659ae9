"""Ingestion: real-world report files in, clean :class:`Document` objects out.

``read_documents`` reads txt, html, jsonl and WARC inputs (any of UTF-8,
UTF-16, GB18030, Big5), strips site boilerplate, normalises the text
(traditional to simplified, conversion artefacts, full-width forms) and reads
the page metadata; ``dedupe`` folds exact and near-duplicate reports.
"""
from duikou.ingest.dedupe import DedupeGroup, DedupeResult, dedupe
from duikou.ingest.document import Document, OffsetMap
from duikou.ingest.read import read_documents

__all__ = ["Document", "OffsetMap", "read_documents", "dedupe", "DedupeResult", "DedupeGroup"]
