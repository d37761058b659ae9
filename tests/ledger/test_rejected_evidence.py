"""A fact a reviewer rejected is no evidence anywhere: not in ``duikou show``'s sources, a profile's
evidence, a list's sources, ``duikou sources`` (nor the ledger's ``sources``); undoing the rejection brings
it back everywhere. Named by its own id the rejected fact is still found, marked rejected.

The seed reports (read from ../shared) and a reprint of the first one (its text with a line added, written
to a temporary directory): every entity the first seed tells has two reports, so rejecting the reprint's
fact leaves the entity with one.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from duikou.cli import main
from duikou.ledger import list_display, profile_rows, queries
from duikou.ledger.db import engine
from duikou.ledger.tables import documents, facts
from duikou.services import review
from duikou.services.build import build
from duikou.services.profiles import region_profile


@pytest.fixture
def fake_gazetteer() -> None:
    """Overrides the test gazetteer: the seeds are read with the real one."""
    return None


@pytest.fixture
def reprinted(db_url: str, seed_paths: list[Path], tmp_path: Path) -> dict[str, Any]:
    """The seeds and a reprint of the first, built; the first seed's main pairing and its two facts."""
    reprint = tmp_path / "reprint" / "first-seed-reprinted.txt"
    reprint.parent.mkdir()
    reprint.write_text(seed_paths[0].read_text(encoding="utf-8") + "\n（转载）\n", encoding="utf-8")
    build([*(str(p) for p in seed_paths), str(reprint)], db_url)
    eng = engine(db_url)
    with eng.connect() as conn:
        by_doc = {s: p for s, p in conn.execute(select(documents.c.source, documents.c.pairing))}
        pairing = by_doc[str(reprint.resolve())]
        assert pairing is not None
        rows = conn.execute(select(facts.c.id, facts.c.entity, documents.c.source, documents.c.id)
                            .join(documents, documents.c.id == facts.c.document_id)
                            .where(facts.c.base == pairing, facts.c.kind == "pairings")).all()
    [entity] = {r[1] for r in rows}
    ours = [r for r in rows if r[2] == str(reprint.resolve())]
    assert len(ours) == 1 and len({r[3] for r in rows}) == 2, "the pairing is told by the seed and the reprint"
    return {"url": db_url, "eng": eng, "entity": entity, "fact": ours[0][0], "source": ours[0][2],
            "document": ours[0][3]}


def _helper(eng: Any, entity: str) -> str:
    return next(p["helper"]["id"] for p in queries.list_pairings(eng) if p["id"] == entity)


def _seen(r: dict[str, Any]) -> dict[str, Any]:
    """Where the pairing's evidence shows, and whether the reprint's fact or report is in each."""
    eng, entity, fact, doc, source = r["eng"], r["entity"], r["fact"], r["document"], r["source"]
    out: dict[str, Any] = {}
    out["sources"] = [s["fact"] for s in queries.sources(eng, entity)]
    res = CliRunner().invoke(main, ["sources", entity, "--db", r["url"], "--format", "json"])
    assert res.exit_code == 0, res.output
    out["cli"] = [s["fact"] for s in json.loads(res.output)]
    helper = _helper(eng, entity)
    [row] = [p for p in queries.show(eng, helper)["partners"] if p["id"] == entity]
    out["show"] = (row["source_count"], source in row["sources"])
    prof = region_profile(eng, helper)
    [prow] = [p for p in prof.section("partners").rows if p["id"] == entity]
    out["profile"] = sorted(e["fact"] for e in prow["evidence"])
    with eng.connect() as conn:
        out["evidence"] = sorted(e["fact"] for e in profile_rows.evidence(conn, [entity])[entity])
        out["list"] = sorted(s["id"] for s in list_display.evidence(conn, "pairings", [entity])[entity])
    out["has_fact"] = {k: fact in out[k] for k in ("sources", "cli", "profile", "evidence")}
    out["has_doc"] = doc in out["list"]
    return out


def test_a_rejected_fact_leaves_every_evidence_and_comes_back(reprinted: dict[str, Any]) -> None:
    r = reprinted
    before = _seen(r)
    assert all(before["has_fact"].values()) and before["has_doc"] and before["show"] == (2, True)

    rid = review.reject_fact(r["url"], r["fact"], author="tester", reason="a reprint, not a report")
    after = _seen(r)
    assert not any(after["has_fact"].values()), after
    assert not after["has_doc"] and after["show"] == (1, False)
    assert len(after["sources"]) == len(before["sources"]) - 1 and after["cli"] == after["sources"]
    # Named by its own id it is still found, marked rejected (the review pages look it up so).
    [own] = queries.sources(r["eng"], r["fact"])
    assert (own["fact"], own["review"]) == (r["fact"], "rejected")

    review.undo_review(r["url"], rid, author="tester")
    assert _seen(r) == before


def test_an_entity_whose_facts_are_all_rejected_has_no_sources(reprinted: dict[str, Any]) -> None:
    r = reprinted
    rids = [review.reject_fact(r["url"], f, author="tester") for f in _seen(r)["sources"]]
    with pytest.raises(Exception, match="rejected by a reviewer"):
        queries.sources(r["eng"], r["entity"])
    res = CliRunner().invoke(main, ["sources", r["entity"], "--db", r["url"]])
    assert res.exit_code != 0 and "rejected by a reviewer" in res.output and "Traceback" not in res.output
    for rid in rids:
        review.undo_review(r["url"], rid, author="tester")
    assert r["fact"] in [s["fact"] for s in queries.sources(r["eng"], r["entity"])]
