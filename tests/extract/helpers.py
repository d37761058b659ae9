"""Run the whole extraction pipeline over a text written for a test."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from duikou.extract.context import Context
from duikou.extract.pipeline import extract_document, load_extractors
from duikou.ingest.document import Document


def run(text: str, published: str | None = "2023-06-20", title: str | None = None) -> dict[str, Any]:
    """The contract record of ``text`` (its first line is taken as the headline when ``title`` is given)."""
    doc = Document(source="test.txt", text=text, title=title, published=published)
    return extract_document(doc).to_contract()


def pairs(rec: dict[str, Any]) -> set[tuple[str, str]]:
    return {(p["helper"], p["recipient"]) for p in rec["pairings"]}


def run_extractors(text: str, published: str = "2023-06-20") -> Context:
    """The extractors over ``text`` without the relevance gate, so one extractor's rule is tested alone."""
    ctx = Context(Document(source="t.txt", text=text, title=None, published=published))
    for ex in load_extractors():
        ex(ctx)
    return ctx


def ungated_pairs(text: str, published: str = "2023-06-20") -> set[tuple[str, str]]:
    """(helper, recipient) of every pairing the extractor finds in ``text``, on topic or not."""
    return {(f.data["helper"], f.data["recipient"])
            for f in run_extractors(text, published).facts.get("pairings", [])}


def extract_records(paths: list[Path]) -> list[dict[str, Any]]:
    """The contract records ``duikou extract --format jsonl`` prints for ``paths``."""
    from click.testing import CliRunner

    from duikou.cli import main

    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", "--quiet", *map(str, paths)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def score(records: list[dict[str, Any]], gold_dir: Path, tmp_path: Path) -> tuple[float, str]:
    """Macro-F1 and the verbose report of ../shared/eval/score.py; skips when ../shared is absent."""
    import pytest

    from tests.conftest import SHARED

    scorer = SHARED / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip(f"../shared is absent ({scorer} not found): evaluation gate skipped")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = subprocess.run([sys.executable, str(scorer), "--gold", str(gold_dir), "--pred", str(pred), "-v"],
                         capture_output=True, text=True, check=True).stdout
    macro = re.search(r"macro-F1 ([0-9.]+)", out)
    assert macro is not None, out
    return float(macro.group(1)), out
