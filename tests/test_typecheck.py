"""The package type-checks cleanly with mypy (settings from pyproject.toml)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_reports_no_errors_in_the_package() -> None:
    pytest.importorskip("mypy", reason="mypy is in the dev extras: pip install -e '.[dev]'")
    proc = subprocess.run([sys.executable, "-m", "mypy", "src/duikou"], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout
