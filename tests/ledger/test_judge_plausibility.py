"""`judge same` checks that the two look like one thing; `judgements` lists who judged what, when and why."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from duikou.errors import LedgerError
from duikou.ledger import queries, resolve
from duikou.cli import main
from tests.ledger.helpers import SHANGCHENG, TIANHE, helper_report, other_report, recipient_report, store


def _fill(ledger) -> dict[str, str]:  # type: ignore[no-untyped-def]
    for d, r in (helper_report(), recipient_report(), other_report()):
        store(ledger, d, r)
    return {p["helper"]["id"]: p["id"] for p in queries.list_pairings(ledger.engine)}


def test_same_on_unrelated_pairings_needs_force(ledger) -> None:  # type: ignore[no-untyped-def]
    pairs = _fill(ledger)
    with pytest.raises(LedgerError) as err:
        resolve.judge(ledger.engine, "same", pairs[SHANGCHENG], pairs[TIANHE])
    msg = str(err.value)
    assert "\n" not in msg and "helpers differ" in msg and "recipients differ" in msg and "--force" in msg
    assert len(queries.list_pairings(ledger.engine)) == 2  # nothing recorded
    jid = resolve.judge(ledger.engine, "same", pairs[SHANGCHENG], pairs[TIANHE], "one programme", "lin", force=True)
    assert len(queries.list_pairings(ledger.engine)) == 1
    [row] = resolve.judgement_list(ledger.engine)
    assert (row["id"], row["author"], row["reason"], row["verdict"]) == (jid, "lin", "one programme", "same")
    assert any("helpers differ" in f for f in row["forced"])


def test_people_with_other_names_and_kinds_apart(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    eng = ledger.engine
    ppl = {p["name"]: p["id"] for p in queries.show(eng, "上城区")["people"]}
    other = {p["name"]: p["id"] for p in queries.show(eng, "天河区")["people"]}
    with pytest.raises(LedgerError, match="names differ"):
        resolve.judge(eng, "same", ppl["林晓松"], other["陈立新"])
    pairing = queries.list_pairings(eng)[0]["id"]
    with pytest.raises(LedgerError, match="an entity of kind person cannot be the same as one of kind pairing"):
        resolve.judge(eng, "same", ppl["林晓松"], pairing, force=True)
    # 'different' needs no check
    assert resolve.judge(eng, "different", ppl["林晓松"], other["陈立新"]) > 0


def test_plausible_same_goes_through(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    eng = ledger.engine
    [meeting] = [e for e in queries.list_events(eng, type="meeting") if e["helper"]["id"] == SHANGCHENG]
    facts = queries.sources(eng, meeting["id"])
    auto = [j for j in queries.judgement_log(eng) if j["kind"] == "events"][0]
    resolve.undo(eng, auto["id"])
    resolve.judge(eng, "same", facts[0]["fact"], facts[1]["fact"])  # same type and pairing: no --force
    assert len([e for e in queries.list_events(eng, type="meeting") if e["helper"]["id"] == SHANGCHENG]) == 1


def test_judgements_command_lists_author_time_and_undo(ledger, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pairs = _fill(ledger)
    monkeypatch.setenv("USER", "wu")
    run = CliRunner()
    res = run.invoke(main, ["judge", "--db", ledger.url, "same", pairs[SHANGCHENG], pairs[TIANHE]])
    assert res.exit_code == 1 and "--force" in res.output and "Traceback" not in res.output
    res = run.invoke(main, ["judge", "--db", ledger.url, "--force", "--reason", "checked by phone", "same",
                             pairs[SHANGCHENG], pairs[TIANHE]])
    assert res.exit_code == 0, res.output
    number = int(res.output.split()[1].rstrip(":"))
    res = run.invoke(main, ["judge", "--db", ledger.url, "--author", "lin", "--undo", str(number)])
    assert res.exit_code == 0, res.output
    rows = json.loads(run.invoke(main, ["judgements", "--db", ledger.url, "--format", "json"]).output)
    assert [(r["verdict"], r["author"], r["undone"]) for r in rows] == [("same", "wu", True), ("undo", "lin", False)]
    assert rows[0]["reason"] == "checked by phone" and rows[0]["created"] and rows[1]["undoes"] == number
    assert rows[0]["left"] == pairs[SHANGCHENG] and rows[0]["kind"] == "pairings"
    table = run.invoke(main, ["judgements", "--db", ledger.url]).output
    assert "checked by phone" in table and "wu" in table
    everything = json.loads(run.invoke(main, ["judgements", "--db", ledger.url, "--format", "json", "--all"]).output)
    assert {r["author"] for r in everything} == {"build", "wu", "lin"}
    csv_out = run.invoke(main, ["judgements", "--db", ledger.url, "--format", "csv"]).output
    assert csv_out.splitlines()[0].startswith("id,created,author")


def test_0010_moves_authors_out_of_the_reason_and_back(ledger) -> None:  # type: ignore[no-untyped-def]
    """Before 0010 the author (and what --force overrode) was JSON inside ``reason``; now columns."""
    from alembic import command
    from sqlalchemy import text

    from duikou.ledger import db

    pairs = _fill(ledger)
    resolve.judge(ledger.engine, "same", pairs[SHANGCHENG], pairs[TIANHE], "same office", "lin", force=True)
    resolve.judge(ledger.engine, "different", pairs[SHANGCHENG], pairs[TIANHE], "plain words")
    with db.transaction(ledger.engine) as conn:
        command.downgrade(db._alembic_config(conn), "0009")
        stored = dict(conn.execute(text("SELECT verdict, reason FROM judgements WHERE auto = :f"), {"f": False}).all())
    old = json.loads(stored["same"])  # what 0009 held
    assert old["author"] == "lin" and old["reason"] == "same office" and any("helpers differ" in f for f in old["forced"])
    assert stored["different"] == "plain words"
    db.upgrade(ledger.engine)
    with ledger.engine.connect() as conn:
        rows = {r.verdict: r for r in conn.execute(text(
            "SELECT verdict, reason, author, forced FROM judgements WHERE auto = :f"), {"f": False})}
    assert (rows["same"].reason, rows["same"].author) == ("same office", "lin")
    assert any("helpers differ" in f for f in json.loads(rows["same"].forced))
    assert (rows["different"].reason, rows["different"].author, rows["different"].forced) == ("plain words", None, None)
    listed = {r["verdict"]: r for r in resolve.judgement_list(ledger.engine)}
    assert (listed["same"]["author"], listed["same"]["reason"]) == ("lin", "same office")


def test_judge_command_says_why_two_kinds_are_never_one(ledger) -> None:  # type: ignore[no-untyped-def]
    _fill(ledger)
    person = queries.show(ledger.engine, "上城区")["people"][0]["id"]
    pairing = queries.list_pairings(ledger.engine)[0]["id"]
    res = CliRunner().invoke(main, ["judge", "--db", ledger.url, "--force", "same", person, pairing])
    assert res.exit_code == 1 and "Traceback" not in res.output
    [line] = [ln for ln in res.output.splitlines() if ln.strip()]
    assert "an entity of kind person cannot be the same as one of kind pairing (not even with --force)" in line
