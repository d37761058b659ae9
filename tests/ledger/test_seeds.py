"""End to end on the real reports in ../shared: build the ledger, then find the gold pairings in it.

Expectations are read from the gold files, never written here. Uses the real gazetteer.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from duikou.ledger import queries
from duikou.services.build import build

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold"

pytestmark = pytest.mark.seeds


@pytest.fixture
def fake_gazetteer() -> None:
    """Overrides the test gazetteer: these tests use the real one."""
    return None


def test_seed_reports_build_into_a_ledger_with_their_pairings(db_url: str) -> None:
    if not SEEDS.is_dir() or not GOLD.is_dir():
        pytest.skip(f"the seed reports are not at {SEEDS} (../shared beside the repository)")
    summary = build([str(SEEDS)], db_url)
    n = len(list(SEEDS.glob("*.txt")))
    assert (summary.counts["new"], summary.counts["failed"]) == (n, 0)
    again = build([str(SEEDS)], db_url)
    assert again.counts["unchanged"] == n and again.counts["facts"] == 0

    from duikou.ledger.db import engine

    eng = engine(db_url)
    stored = {(p["helper"]["id"], p["recipient"]["id"], p["program"]): p for p in queries.list_pairings(eng)}
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        source = next(s for s in (str(p) for p in SEEDS.glob("*.txt")) if Path(s).stem == gold_file.stem)
        for g in gold["pairings"]:
            if g.get("optional"):
                continue
            key = (g["helper"], g["recipient"], g["program"])
            assert key in stored, f"{gold_file.name}: pairing {key} missing"
            assert any(Path(s).name == Path(source).name for s in stored[key]["sources"])
            prof = queries.show(eng, g["helper"])
            assert any(p["partner"]["id"] == g["recipient"] and p["sources"] for p in prof["partners"])
            for section in ("events", "agreements", "money"):
                assert all(row["sources"] for row in prof[section])
    eng.dispose()
