"""Relief and one-off donation relations are kept apart from standing pairings (SQLite and PostgreSQL)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import select

from duikou.export import export, geojson
from duikou.ledger import queries
from duikou.services.build import store_documents
from duikou.ledger.tables import documents, pairings
from duikou.runreport import RunReport
from tests.ledger.helpers import HUANGPING, SHANGCHENG, doc, extraction, fact, helper_report, record

# Our own invented report: a flood, the helper's relief to its paired county and a company's gift.
RELIEF_TEXT = "7月2日，黄平县遭遇洪灾，上城区连夜驰援黄平县，送去救灾物资。城南食品公司向黄平县捐赠饮用水。"


def relief_report(source: str = "reports/flood.txt") -> tuple[Any, dict[str, Any]]:
    d = doc(source, RELIEF_TEXT, published="2023-07-03")
    r = record(d, regions=[fact(RELIEF_TEXT, "黄平县", code=HUANGPING, name="黄平县", level="county")])
    r["relations"] = [
        fact(RELIEF_TEXT, "上城区连夜驰援黄平县", helper=SHANGCHENG, recipient=HUANGPING, program="unspecified",
             since=None, known=None, relation="relief"),
        fact(RELIEF_TEXT, "城南食品公司向黄平县捐赠", helper="城南食品公司", recipient=HUANGPING,
             program="unspecified", since=None, known=None, relation="donation"),
    ]
    return d, r


def _build(ledger, reports) -> None:  # type: ignore[no-untyped-def]
    by_source = {d.source: r for d, r in reports}
    store_documents(ledger, [d for d, _ in reports], RunReport(quiet=True), extract=lambda d: extraction(d, by_source[d.source]))


def test_relations_are_stored_apart_and_listed_on_request(ledger) -> None:  # type: ignore[no-untyped-def]
    _build(ledger, [helper_report(), relief_report()])
    standing = queries.list_pairings(ledger.engine)
    assert [(p["helper"]["id"], p["recipient"]["id"], p["relation"]) for p in standing] == [
        (SHANGCHENG, HUANGPING, "standing")]
    every = queries.list_pairings(ledger.engine, relations=True)
    assert sorted(p["relation"] for p in every) == ["donation", "relief", "standing"]
    # the same two sides, helping in a flood: an entity of its own, not merged with the standing pairing
    same_sides = [p for p in every if p["helper"]["id"] == SHANGCHENG]
    assert len({p["id"] for p in same_sides}) == 2
    st = queries.stats(ledger.engine)
    assert st["pairings"] == 1 and st["relations"] == 2
    # the flood report's main pairing is no relation; a place's partners are standing pairings
    with ledger.engine.connect() as c:
        main = c.execute(select(documents.c.pairing).where(documents.c.source == "reports/flood.txt")).scalar()
    assert main is None
    assert len(queries.show(ledger.engine, HUANGPING)["partners"]) == 1


def test_map_shows_standing_pairings_unless_asked(ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _build(ledger, [helper_report(), relief_report()])
    assert [f["properties"]["relation"] for f in geojson(ledger.engine)["features"]] == ["standing"]
    drawn = sorted(f["properties"]["relation"] for f in geojson(ledger.engine, relations=True)["features"])
    assert drawn == ["relief", "standing"]  # the company has no coordinates
    export(ledger.engine, "json", tmp_path)
    rows = json.loads((tmp_path / "pairings.json").read_text(encoding="utf-8"))
    assert sorted(r["relation"] for r in rows) == ["donation", "relief", "standing"]


def test_pairings_command_option(ledger, db_url: str) -> None:  # type: ignore[no-untyped-def]
    from duikou.cli import main

    _build(ledger, [helper_report(), relief_report()])
    runner = CliRunner()
    plain = runner.invoke(main, ["pairings", "--db", db_url, "--format", "json"])
    assert plain.exit_code == 0, plain.output
    assert len(json.loads(plain.output)) == 1
    every = runner.invoke(main, ["pairings", "--db", db_url, "--format", "json", "--relations"])
    assert every.exit_code == 0, every.output
    assert sorted(p["relation"] for p in json.loads(every.output)) == ["donation", "relief", "standing"]


def test_stats_count_off_topic_documents(ledger) -> None:  # type: ignore[no-untyped-def]
    d, r = relief_report("reports/elsewhere.txt")
    r["doc"]["topic"] = {"on_topic": False, "score": 0.0, "reason": "no programme cue", "scope": "none"}
    _build(ledger, [helper_report(), (d, r)])
    st = queries.stats(ledger.engine)
    assert st["documents"] == 2 and st["documents_ok"] == 1 and st["documents_offtopic"] == 1
    assert st["relations"] == 0  # an off-topic report's relations stay out with it
    with ledger.engine.connect() as c:
        assert c.execute(select(pairings.c.id)).all() != []
