"""Reports known by their canonical location, retraction, and recorded input failures (SQLite and PG).

Issue 8, points 1-3: the same file reached by another path is one report; a
JSONL record is known by its id/url/text, not its line; a report's facts can
be retracted and put back; inputs a build cannot use are recorded, counted and
listed, and the build goes on past them (globs and ``-`` included).
"""
from __future__ import annotations

import importlib
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from duikou.cli import main
from duikou.ingest.document import Document
from duikou.ledger import queries
from duikou.extract.pipeline import Extraction
from duikou.services.build import build, undo_retraction
from duikou.services.review import retract
from duikou.ledger.documents import list_documents, list_problems, list_retractions
from duikou.ledger.store import Ledger
from duikou.ledger.tables import documents, input_problems, retractions
from duikou.runreport import RunReport
from tests.ledger.helpers import (
    HELPER_TEXT,
    HUANGPING,
    OTHER_TEXT,
    RECIPIENT_TEXT,
    SHANGCHENG,
    extraction,
    helper_report,
    other_report,
    recipient_report,
    store,
)

TEXTS = {"helper.txt": HELPER_TEXT, "recipient.txt": RECIPIENT_TEXT, "other.txt": OTHER_TEXT}


def fake_extract(d: Document) -> Extraction:
    """The hand-made record of whichever of the three stories ``d`` tells."""
    if "上城区党政代表团赴黄平县" in d.text:
        _, r = helper_report(d.source, d.text)
    elif "黄平县县长" in d.text:
        _, r = recipient_report(d.source)
    elif "天河区" in d.text:
        _, r = other_report(d.source)
    else:
        raise ValueError("no story in this report")
    return extraction(d, r)


def _write(top: Path, texts: dict[str, str] = TEXTS) -> Path:
    top.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (top / name).write_text(text, encoding="utf-8")
    return top


def _build(url: str, *paths: str, prune: bool = False):  # type: ignore[no-untyped-def]
    return build(list(paths), url, extract=fake_extract, prune=prune)


def _docs(url: str, status: str | None = None) -> list[dict[str, Any]]:
    return [d for d in _ledger_docs(url) if status is None or d["status"] == status]


def _ledger_docs(url: str) -> list[dict[str, Any]]:
    lg = Ledger(url)
    try:
        return list_documents(lg.engine)
    finally:
        lg.close()


def _pairing_sources(url: str) -> dict[tuple[str, str], int]:
    lg = Ledger(url)
    try:
        return {(p["helper"]["id"], p["recipient"]["id"]): p["source_count"] for p in queries.list_pairings(lg.engine)}
    finally:
        lg.close()


def _stats(url: str) -> dict[str, Any]:
    lg = Ledger(url)
    try:
        return queries.stats(lg.engine)
    finally:
        lg.close()


# -- 1. identity ------------------------------------------------------------------------------

def test_the_same_files_reached_three_ways_are_the_same_reports(db_url: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "corpus" / "seeds")
    monkeypatch.chdir(tmp_path / "corpus")
    first = _build(db_url, "seeds")
    assert first.counts["new"] == 3
    again = _build(db_url, str(tmp_path / "corpus" / "seeds"))  # absolute
    assert again.counts["unchanged"] == 3 and again.counts["new"] == 0
    monkeypatch.chdir(tmp_path)
    third = _build(db_url, "./corpus/seeds/*.txt", "corpus/../corpus/seeds/helper.txt")  # a glob, a detour
    assert third.counts["unchanged"] == 4 and third.counts["new"] == 0
    docs = _docs(db_url)
    assert len(docs) == 3
    assert {d["source"] for d in docs} == {os.path.realpath(tmp_path / "corpus" / "seeds" / n) for n in TEXTS}
    assert _pairing_sources(db_url)[(SHANGCHENG, HUANGPING)] == 2  # the helper's and the recipient's reports


def test_a_symlink_reaches_the_same_report(db_url: str, tmp_path: Path) -> None:
    top = _write(tmp_path / "real")
    (tmp_path / "link").symlink_to(top)
    _build(db_url, str(top))
    assert _build(db_url, str(tmp_path / "link")).counts["unchanged"] == 3
    assert len(_docs(db_url)) == 3


def _jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_jsonl_records_are_known_by_their_text_not_their_line(db_url: str, tmp_path: Path) -> None:
    f = tmp_path / "b.jsonl"
    records = [{"text": t} for t in (HELPER_TEXT, RECIPIENT_TEXT, OTHER_TEXT)]
    _jsonl(f, records)
    assert _build(db_url, str(f)).counts["new"] == 3
    assert _pairing_sources(db_url)[(SHANGCHENG, HUANGPING)] == 2
    _jsonl(f, records[1:])  # line 1 deleted
    summary = _build(db_url, str(f))
    assert summary.counts["unchanged"] == 2 and summary.counts["new"] == 0 and summary.counts["pruned"] == 1
    assert len(_docs(db_url, "ok")) == 2 and _stats(db_url)["documents"] == 2
    assert _pairing_sources(db_url)[(SHANGCHENG, HUANGPING)] == 1  # the deleted report's source is gone
    [gone] = _docs(db_url, "retracted")
    assert gone["source"].startswith(os.path.realpath(f) + "#sha1=")
    _jsonl(f, records)  # the line is back: so is its report
    assert _build(db_url, str(f)).counts["new"] == 1
    assert len(_docs(db_url, "ok")) == 3 and _pairing_sources(db_url)[(SHANGCHENG, HUANGPING)] == 2


def test_jsonl_records_with_an_id_or_url_keep_it_as_their_identity(db_url: str, tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    _jsonl(f, [{"id": "a1", "text": HELPER_TEXT}, {"url": "https://example.org/n/2", "text": OTHER_TEXT}])
    _build(db_url, str(f))
    assert {d["source"] for d in _docs(db_url)} == {f"{os.path.realpath(f)}#id=a1", "https://example.org/n/2"}
    # a corrected text under the same id replaces the report; the order of lines does not matter
    _jsonl(f, [{"url": "https://example.org/n/2", "text": OTHER_TEXT},
               {"id": "a1", "text": HELPER_TEXT + "（更正）"}])
    summary = _build(db_url, str(f))
    assert summary.counts["replaced"] == 1 and summary.counts["unchanged"] == 1 and summary.counts["new"] == 0
    assert len(_docs(db_url)) == 2


def test_migration_0008_rekeys_a_ledger_of_the_previous_head(db_url: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows stored under the path as typed (0007) get their canonical source; the doubles are folded."""
    from alembic import command

    from duikou.ledger import db

    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "seeds")
    lg = Ledger(db_url)
    # What the previous head stored: one row per typed path, JSONL records by line.
    # The last one was typed in another directory: it resolves to no file from here.
    for source in ("seeds/helper.txt", "./seeds/helper.txt", str(tmp_path / "seeds" / "helper.txt"),
                   "../corpus/seeds/helper.txt"):
        d, r = helper_report(source)
        store(lg, d, r)
    d, r = recipient_report("seeds/recipient.txt")
    store(lg, d, r)
    d, r = other_report("feed.jsonl:3")
    store(lg, d, r)
    with db.transaction(lg.engine) as conn:
        command.downgrade(db._alembic_config(conn), "0007")
    with lg.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 6
    assert _pairing_sources_of(lg)[(SHANGCHENG, HUANGPING)] == 5
    lg.close()
    lg = Ledger(db_url)  # opening it migrates
    with lg.engine.connect() as conn:
        rows = conn.execute(select(documents.c.source, documents.c.path).order_by(documents.c.source)).all()
    real = os.path.realpath(tmp_path)
    assert [tuple(r) for r in rows] == sorted([
        (f"{real}/feed.jsonl#sha1={Document('x', OTHER_TEXT).id}", f"{real}/feed.jsonl"),
        (f"{real}/seeds/helper.txt", f"{real}/seeds/helper.txt"),
        (f"{real}/seeds/recipient.txt", f"{real}/seeds/recipient.txt"),
    ])
    assert _pairing_sources_of(lg)[(SHANGCHENG, HUANGPING)] == 2
    assert queries.stats(lg.engine)["documents"] == 3
    lg.close()
    # and a build of the files finds them stored
    summary = _build(db_url, "seeds")
    assert summary.counts["unchanged"] == 2 and summary.counts["new"] == 1  # other.txt was only in the feed


def _pairing_sources_of(lg: Ledger) -> dict[tuple[str, str], int]:
    with lg.engine.connect() as conn:
        from duikou.ledger.tables import pairings
        return {(h, r): n for h, r, n in conn.execute(select(pairings.c.helper, pairings.c.recipient,
                                                             pairings.c.sources))}


# -- 2. retraction ----------------------------------------------------------------------------

def test_retract_takes_a_reports_facts_out_and_undo_puts_them_back(db_url: str, tmp_path: Path) -> None:
    top = _write(tmp_path / "r")
    _build(db_url, str(top))
    assert _pairing_sources(db_url)[(SHANGCHENG, HUANGPING)] == 2
    [(rid, source, _)] = retract(db_url, str(top / "recipient.txt"), "withdrawn by the outlet")
    assert rid is not None and source == os.path.realpath(top / "recipient.txt")
    assert _pairing_sources(db_url)[(SHANGCHENG, HUANGPING)] == 1  # the merged pairing lost that source
    assert _stats(db_url)["documents_retracted"] == 1 and _stats(db_url)["documents"] == 2
    # a build leaves a report retracted by hand out
    summary = _build(db_url, str(top))
    assert summary.counts["retracted"] == 1 and _pairing_sources(db_url)[(SHANGCHENG, HUANGPING)] == 1
    assert retract(db_url, source)[0][0] is None  # already retracted
    # both reports out: the pairing has no source left and goes
    retract(db_url, str(top / "helper.txt"), "test")
    assert (SHANGCHENG, HUANGPING) not in _pairing_sources(db_url)
    src, status = undo_retraction(db_url, rid, extract=fake_extract)
    assert (src, status) == (source, "new")
    assert _pairing_sources(db_url)[(SHANGCHENG, HUANGPING)] == 1
    log = _retractions(db_url)
    assert [(r["action"], r["undoes"], r["reason"]) for r in log] == [
        ("retract", None, "withdrawn by the outlet"), ("retract", None, "test"), ("undo", rid, "undone by hand")]
    with pytest.raises(Exception, match="not in force"):
        undo_retraction(db_url, rid, extract=fake_extract)


def _retractions(url: str) -> list[dict[str, Any]]:
    lg = Ledger(url)
    try:
        return list_retractions(lg.engine)
    finally:
        lg.close()


def test_build_prune_retracts_reports_whose_files_are_gone_and_they_come_back(db_url: str, tmp_path: Path) -> None:
    top = _write(tmp_path / "p")
    _build(db_url, str(top))
    (top / "helper.txt").unlink()
    assert _build(db_url, str(top)).counts["pruned"] == 0  # without --prune nothing is taken out
    summary = _build(db_url, str(top), prune=True)
    assert summary.counts["pruned"] == 1 and "1 reports taken out" in summary.line()
    assert _pairing_sources(db_url)[(SHANGCHENG, HUANGPING)] == 1
    [r] = _retractions(db_url)
    assert r["auto"] and "file is gone" in r["reason"]
    (top / "helper.txt").write_text(HELPER_TEXT, encoding="utf-8")
    assert _build(db_url, str(top)).counts["new"] == 1  # retracted by the build, back when read again
    assert _pairing_sources(db_url)[(SHANGCHENG, HUANGPING)] == 2
    assert [x["action"] for x in _retractions(db_url)] == ["retract", "undo"]


def test_retract_command_missing_undo_and_list(db_url: str, tmp_path: Path) -> None:
    top = _write(tmp_path / "c")
    _build(db_url, str(top))
    (top / "other.txt").unlink()
    res = CliRunner().invoke(main, ["retract", "--db", db_url, "--missing"])
    assert res.exit_code == 0, res.output
    assert "1 reports retracted" in res.output
    res = CliRunner().invoke(main, ["retract", "--db", db_url, str(top / "helper.txt"), "--reason", "duplicate"])
    assert res.exit_code == 0 and "retraction 2:" in res.output
    res = CliRunner().invoke(main, ["retract", "--db", db_url, "--list"])
    assert "duplicate" in res.output and "file is gone" in res.output
    res = CliRunner().invoke(main, ["retract", "--db", db_url, "nowhere.txt"])
    assert res.exit_code == 1 and "no such report" in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(main, ["retract", "--db", db_url, "--undo", "99"])
    assert res.exit_code == 1 and "no retraction 99" in res.output
    res = CliRunner().invoke(main, ["retract", "--db", db_url])
    assert res.exit_code == 2 and "needs one of" in res.output
    res = CliRunner().invoke(main, ["documents", "--db", db_url, "--retracted", "--format", "json"])
    assert len(json.loads(res.output)) == 2


# -- 3. failed inputs recorded, the build goes on -----------------------------------------------

def test_failed_inputs_are_recorded_counted_and_listed(db_url: str, tmp_path: Path) -> None:
    top = _write(tmp_path / "in")
    (top / "bad.jsonl").write_text('{"text": "' + OTHER_TEXT + '"}\nnot json\n', encoding="utf-8")
    (top / "empty.txt").write_text("   \n", encoding="utf-8")
    (top / "odd.txt").write_text("一篇没有故事的稿件。", encoding="utf-8")  # extraction fails
    summary = _build(db_url, str(top / "missing-dir"), str(top / "*.nothing"), str(top))
    # missing path, unmatched glob, a bad JSONL line, an empty file: rejected; the rest stored
    assert summary.counts["rejected"] == 4, summary.problems
    assert sum(p.fatal for p in summary.problems) == 4
    assert summary.counts["failed"] == 1 and summary.counts["new"] == 4
    assert not summary.ok and "4 inputs rejected" in summary.line()
    assert _stats(db_url)["inputs_rejected"] == 4
    lg = Ledger(db_url)
    rows = list_problems(lg.engine)
    lg.close()
    what = sorted((r["what"], Path(r["source"]).name, r["line"]) for r in rows)
    assert what == [("extraction failed", "odd.txt", None), ("input rejected", "*.nothing", None),
                    ("input rejected", "bad.jsonl", 2), ("input rejected", "empty.txt", None),
                    ("input rejected", "missing-dir", None), ("problem", "odd.txt", None)]
    assert all(r["when"] and r["reason"] for r in rows)
    # the next build that rejects nothing: the latest build's count is 0, the history stays
    (top / "bad.jsonl").unlink()
    (top / "empty.txt").unlink()
    (top / "odd.txt").unlink()
    assert _build(db_url, str(top)).ok
    assert _stats(db_url)["inputs_rejected"] == 0
    lg = Ledger(db_url)
    with lg.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(input_problems)).scalar_one() == 5
    lg.close()


def test_build_command_goes_on_past_bad_paths_reads_globs_and_stdin(db_url: str, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # the module: the package's own `build` is the function
    build_mod = importlib.import_module("duikou.services.build")
    monkeypatch.setattr(build_mod, "extract_record", fake_extract)
    top = _write(tmp_path / "g")
    res = CliRunner().invoke(main, ["build", "--db", db_url, str(tmp_path / "nope"), str(top / "h*.txt"), "-"],
                             input=OTHER_TEXT)
    assert res.exit_code == 1, res.output  # a path was missing: stored what it could, and says so
    assert "nope: no such file or directory" in res.output and "Traceback" not in res.output
    assert "2 documents: 2 new" in res.output and "1 inputs rejected" in res.output
    assert {Path(d["source"]).name.split("#")[0] for d in _docs(db_url)} == {"helper.txt", "stdin"}
    res = CliRunner().invoke(main, ["problems", "--db", db_url, "--format", "json"])
    assert res.exit_code == 0
    assert [(Path(p["source"]).name, p["what"]) for p in json.loads(res.output)] == [("nope", "input rejected")]
    res = CliRunner().invoke(main, ["stats", "--db", db_url, "--format", "json"])
    assert json.loads(res.output)["inputs_rejected"] == 1
    res = CliRunner().invoke(main, ["build", "--db", db_url, str(top / "*.txt")])
    assert res.exit_code == 0, res.output
    # the same stdin text again is the same report
    res = CliRunner().invoke(main, ["build", "--db", db_url, "-"], input=OTHER_TEXT)
    assert res.exit_code == 0 and "1 unchanged" in res.output


def test_an_unreadable_directory_is_a_recorded_problem(db_url: str, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every directory")
    top = _write(tmp_path / "u")
    locked = top / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        summary = _build(db_url, str(top))
    finally:
        locked.chmod(0o755)
    assert summary.counts["rejected"] == 1 and summary.counts["new"] == 3


def test_the_walk_reports_a_directory_it_cannot_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.walk skips an unreadable directory unless told: the reader now reports it (root-proof test)."""
    from duikou.ingest import read

    real_walk = os.walk

    def walk(top, onerror=None):  # type: ignore[no-untyped-def]
        if onerror is not None:
            onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top)

    monkeypatch.setattr(read.os, "walk", walk)
    _write(tmp_path)
    report = RunReport(quiet=True, stream=io.StringIO())
    docs = list(read.read_documents([str(tmp_path)], report))
    assert len(docs) == 3
    assert [(Path(p.source).name, p.reason) for p in report.problems] == [
        ("locked", "cannot read directory: Permission denied")]


def test_a_report_known_by_its_url_follows_it_to_another_file(db_url: str, tmp_path: Path) -> None:
    """The same URL read from a new file is the same report, now found there: --prune leaves it in."""
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    _jsonl(old, [{"url": "https://example.org/a", "text": HELPER_TEXT}])
    _build(db_url, str(old))
    _jsonl(new, [{"url": "https://example.org/a", "text": HELPER_TEXT}])
    old.unlink()
    summary = _build(db_url, str(new), prune=True)
    assert summary.counts["unchanged"] == 1 and summary.counts["pruned"] == 0
    [d] = _docs(db_url, "ok")
    assert d["source"] == "https://example.org/a"
