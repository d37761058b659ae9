"""Shared fixtures: where ../shared is, and the seed reports."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold"
EXAMPLES = REPO / "examples" / "reports"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The real seed reports, read in place from ../shared (never copied into the repository)."""
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip(f"../shared is absent ({SEEDS} has no reports): seed tests skipped")
    return paths
