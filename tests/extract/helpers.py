"""Run the whole extraction pipeline over a text written for a test."""
from __future__ import annotations

from typing import Any

from duikou.extract.pipeline import extract_document
from duikou.ingest.document import Document


def run(text: str, published: str | None = "2023-06-20", title: str | None = None) -> dict[str, Any]:
    """The contract record of ``text`` (its first line is taken as the headline when ``title`` is given)."""
    doc = Document(source="test.txt", text=text, title=title, published=published)
    return extract_document(doc).to_contract()


def pairs(rec: dict[str, Any]) -> set[tuple[str, str]]:
    return {(p["helper"], p["recipient"]) for p in rec["pairings"]}
