"""The evaluation gate: `duikou extract` on the seed reports, scored by ../shared/eval/score.py.

The floor is pinned just under the current score and raised as extraction
improves (the trafilatura way). It fails when a change makes quality drop.
"""
from __future__ import annotations

from pathlib import Path

from tests.conftest import GOLD
from tests.extract.helpers import extract_records, score

MACRO_F1_FLOOR = 0.98


def test_seed_macro_f1_gate(seed_paths: list[Path], tmp_path: Path) -> None:
    records = extract_records(seed_paths)
    assert len(records) == len(seed_paths)
    macro, out = score(records, GOLD, tmp_path)
    assert macro >= MACRO_F1_FLOOR, out


def test_output_is_deterministic(seed_paths: list[Path]) -> None:
    assert extract_records(seed_paths) == extract_records(seed_paths)


def test_every_record_has_the_contract_keys(seed_paths: list[Path]) -> None:
    for rec in extract_records(seed_paths):
        assert set(rec) >= {"source", "doc", "regions", "pairings", "people", "events", "agreements", "amounts", "counts"}
        assert set(rec["doc"]) >= {"title", "published", "outlet", "script"}
        for kind in ("pairings", "people", "events", "agreements", "amounts", "counts"):
            for fact in rec[kind]:
                ev = fact["evidence"]
                assert 0 <= ev["start"] <= ev["end"] and ev["quote"], (kind, fact)
