"""duikou.services from Python, no click: build the seed reports into a ledger, list its pairings, show one."""
from __future__ import annotations

from pathlib import Path

import pytest

from duikou import services
from duikou.errors import Problem


class Recorder:
    """An events sink that keeps what it is told."""

    def __init__(self) -> None:
        self.phases: list[str] = []
        self.steps = 0
        self.ended: list[str] = []
        self.problems: list[Problem] = []

    def progress(self, description: str, total: int | None = None) -> None:
        self.phases.append(description)

    def advance(self, description: str, n: int = 1) -> None:
        self.steps += n

    def done(self, description: str) -> None:
        self.ended.append(description)

    def problem(self, problem: Problem) -> None:
        self.problems.append(problem)


@pytest.fixture(scope="module")
def seed_ledger(seed_paths: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[str, services.BuildSummary]:
    url = f"sqlite:///{tmp_path_factory.mktemp('services') / 'ledger.db'}"
    return url, services.build([str(p) for p in seed_paths], db=url)


def test_the_seeds_build_and_a_pairing_shows_from_python(seed_ledger: tuple[str, services.BuildSummary],
                                                         seed_paths: list[Path]) -> None:
    url, summary = seed_ledger
    assert summary.ok and summary.counts["new"] == len(seed_paths) and summary.counts["facts"] > 0
    assert not any(p.fatal for p in summary.problems)  # a seed has damaged characters: a problem, not fatal
    rows = services.pairings(url)
    assert rows, "the seed reports name pairings"
    pairing = max(rows, key=lambda r: r["source_count"])
    helper = pairing["helper"]["name"]
    profile = services.show(url, helper)
    assert isinstance(profile, services.Profile) and profile.query == helper
    partners = next(s for s in profile.sections if s.name == "partners")
    assert pairing["id"] in {r["id"] for r in partners.rows}
    mine = next(r for r in partners.rows if r["id"] == pairing["id"])
    assert mine["direction"] == "helps" and mine["partner"]["id"] == pairing["recipient"]["id"]
    assert mine["sources"] and all(Path(s).name in {p.name for p in seed_paths} for s in mine["sources"])
    line = next(x for x in partners.lines() if x["id"] == pairing["id"])
    assert line["what"].startswith(f"helps {pairing['recipient']['name']} ")


def test_building_again_changes_nothing_and_a_callers_engine_stays_open(
        seed_ledger: tuple[str, services.BuildSummary], seed_paths: list[Path]) -> None:
    from sqlalchemy import create_engine, text

    url, _ = seed_ledger
    eng = create_engine(url)
    again = services.build([str(p) for p in seed_paths], db=eng)
    assert again.counts["unchanged"] == len(seed_paths) and again.counts["new"] == 0
    with eng.connect() as conn:  # the service did not dispose of the caller's engine
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == len(seed_paths)
    eng.dispose()


def test_problems_reach_the_sink_and_the_summary_and_quiet_prints_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    missing = str(tmp_path / "nowhere")
    summary = services.build([missing], db=url)
    assert capsys.readouterr() == ("", "")
    assert [(p.source, p.fatal) for p in summary.problems] == [(missing, True)]
    assert not summary.ok and summary.counts["rejected"] == 1
    sink = Recorder()
    (tmp_path / "empty.txt").write_text(" \n", encoding="utf-8")
    services.build([missing, str(tmp_path / "empty.txt")], db=url, events=sink)
    assert [Path(p.source).name for p in sink.problems] == ["nowhere", "empty.txt"]
    assert "building" in sink.phases and sorted(sink.ended) == sorted(sink.phases)


def test_an_unknown_party_is_a_ledger_error(seed_ledger: tuple[str, services.BuildSummary]) -> None:
    from duikou.errors import LedgerError

    with pytest.raises(LedgerError, match="no region or party"):
        services.show(seed_ledger[0], "no such place anywhere")


class Broken:
    """An extractor that always fails (the others are left out: only its failure is under test)."""

    name = "broken"
    version = "0"

    def __call__(self, ctx: object) -> None:
        raise RuntimeError("it broke")


def test_an_extractor_failure_is_a_failed_report_in_the_build_and_a_problem_in_extract(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from duikou.cli import main
    from duikou.extract import pipeline

    monkeypatch.setattr(pipeline, "load_extractors", lambda: [Broken()])
    report = tmp_path / "a.txt"
    report.write_text("一篇随手写的短稿。\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'l.db'}"
    summary = services.build([str(report)], db=url)
    assert summary.counts["failed"] == 1 and not summary.ok
    [failed] = [p for p in services.views.problems(url) if p["what"] == "extraction failed"]
    assert failed["reason"].startswith("ExtractionError: ") and "extractor broken failed: RuntimeError: it broke" \
        in failed["reason"]
    res = CliRunner().invoke(main, ["extract", "--quiet", str(report)])
    assert res.exit_code == 0
    assert f"duikou: {report}: extractor broken failed: RuntimeError: it broke\n" in res.output
