"""`duikou demo` builds the bundled sample reports, lists their pairings and shows one profile."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from duikou.cli import main
from duikou.cli.demo import EXAMPLES


def test_the_demo_finds_its_sample_reports_and_runs(tmp_path: Path) -> None:
    assert EXAMPLES.is_dir() and any(EXAMPLES.iterdir()), EXAMPLES
    res = CliRunner().invoke(main, ["demo", "--db", f"sqlite:///{tmp_path / 'demo.db'}"])
    assert res.exit_code == 0, res.output
    assert "$ duikou pairings" in res.output and "$ duikou show " in res.output
    assert "partners" in res.output  # the profile of the party with the most reports
