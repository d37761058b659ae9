"""The ledger commands, thin as they are, on a ledger filled with hand-made reports."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from duikou.cli import main
from tests.ledger.helpers import HUANGPING, SHANGCHENG, extraction, helper_report, other_report, recipient_report, store


@pytest.fixture
def filled(ledger) -> str:  # type: ignore[no-untyped-def]
    for d, r in (helper_report(), recipient_report(), other_report()):
        store(ledger, d, r)
    return ledger.url


def run(*args: str) -> str:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.output


def test_pairings_json_csv_and_table(filled: str) -> None:
    rows = json.loads(run("pairings", "--db", filled, "--format", "json", "--province", "浙江"))
    assert [(r["helper"]["id"], r["recipient"]["id"], r["since"]) for r in rows] == [(SHANGCHENG, HUANGPING, 2019)]
    for same in ("浙江省", "330000", "33"):  # the help says name or code; a two-digit prefix is a province
        assert json.loads(run("pairings", "--db", filled, "--format", "json", "--province", same)) == rows
    got = list(csv.DictReader(io.StringIO(run("pairings", "--db", filled, "--format", "csv"))))
    assert {(r["helper"], r["program"], r["source_count"]) for r in got} == {
        ("上城区", "east_west", "2"), ("天河区", "east_west", "1")}
    assert "上城区" in run("pairings", "--db", filled)


def test_show_events_sources_stats(filled: str) -> None:
    prof = json.loads(run("show", "--db", filled, "--format", "json", "上城区"))
    assert prof["partners"][0]["partner"]["name"] == "黄平县"
    table = run("show", "--db", filled, "黄平县")
    for word in ("partners", "events", "agreements", "money", "disagrees", "吴春梅"):
        assert word in table
    flat = list(csv.DictReader(io.StringIO(run("show", "--db", filled, "--format", "csv", HUANGPING))))
    assert {r["section"] for r in flat} == {"partners", "events", "agreements", "money", "counts", "people"}
    evs = json.loads(run("events", "--db", filled, "--format", "json", "--from", "2023-01-01", "--type", "meeting"))
    assert [e["source_count"] for e in evs] == [2]
    srcs = json.loads(run("sources", "--db", filled, "--format", "json", evs[0]["id"]))
    assert {s["side"] for s in srcs} == {"helper", "recipient"}
    st = json.loads(run("stats", "--db", filled, "--format", "json"))
    assert st["documents"] == 3


def test_judge_and_undo(filled: str) -> None:
    rows = json.loads(run("pairings", "--db", filled, "--format", "json"))
    out = run("judge", "--db", filled, "--force", "same", rows[0]["id"], rows[1]["id"])
    number = int(out.split()[1].rstrip(":"))
    assert len(json.loads(run("pairings", "--db", filled, "--format", "json"))) == 1
    run("judge", "--db", filled, "--undo", str(number))
    assert len(json.loads(run("pairings", "--db", filled, "--format", "json"))) == 2


@pytest.mark.parametrize("args, message", [
    (["show", "不存在的地方"], "no region or party"),
    (["sources", "Fnothing"], "no fact or entity"),
    (["judge", "--undo", "999"], "no judgement 999"),
])
def test_errors_are_one_line(filled: str, args: list[str], message: str) -> None:
    res = CliRunner().invoke(main, [args[0], "--db", filled, *args[1:]])
    assert res.exit_code == 1 and message in res.output


def test_report_text_is_not_read_as_markup(ledger) -> None:  # type: ignore[no-untyped-def]
    d, r = helper_report()
    r["agreements"][0]["title"] = "[bold]协议[/bold]"
    store(ledger, d, r)
    assert "[bold]协议[/bold]" in run("show", "--db", ledger.url, SHANGCHENG)


def test_db_upgrade_and_schema_matches_tables(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from duikou.ledger.db import engine
    from duikou.ledger.tables import metadata

    from alembic.script import ScriptDirectory

    from duikou.ledger.db import MIGRATIONS

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head == "0017"
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert f"revision {head}" in run("db", "upgrade", "--db", url)
    assert f"revision {head}" in run("db", "upgrade", "--db", url)  # twice is fine
    with engine(url).connect() as c:
        assert compare_metadata(MigrationContext.configure(c), metadata) == []


def test_build_command_stores_and_summarises(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import importlib

    build_mod = importlib.import_module("duikou.services.build")  # the module; services.build is the function
    from tests.ledger.helpers import HELPER_TEXT

    (tmp_path / "a.txt").write_text(HELPER_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("这是一篇无法处理的稿件。", encoding="utf-8")

    def fake_extract(d):  # type: ignore[no-untyped-def]
        if "无法" in d.text:
            raise ValueError("no facts")
        _, r = helper_report(d.source, d.text)
        return extraction(d, r)

    monkeypatch.setattr(build_mod, "extract_record", fake_extract)
    url = f"sqlite:///{tmp_path / 'l.db'}"
    res = CliRunner().invoke(main, ["build", "--db", url, str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert res.exit_code == 1, res.output  # a report failed: the build says so in its status too
    assert "2 documents: 1 new, 0 unchanged, 0 replaced, 1 failed" in res.output
    res = CliRunner().invoke(main, ["build", "--db", url, str(tmp_path / "a.txt")])
    assert "1 documents: 0 new, 1 unchanged" in res.output


@pytest.mark.parametrize("limit, title", [("1", "events (1 of 3)"), ("2", "events (2 of 3)")])
def test_show_limit_says_how_many_lines_it_left_out(ledger, limit: str, title: str) -> None:  # type: ignore[no-untyped-def]
    for i, day in enumerate(["2023-02-01", "2023-06-01", "2023-09-01"]):
        d, r = helper_report(f"reports/copy{i}.txt")
        d.text = f"{i}" + d.text
        r["events"] = [e for e in r["events"] if e["type"] == "visit"]
        r["events"][0]["date"] = day
        store(ledger, d, r)
    out = run("show", "--db", ledger.url, "--limit", limit, HUANGPING)
    assert title in out
    assert "events (3 of 3)" not in run("show", "--db", ledger.url, HUANGPING)
