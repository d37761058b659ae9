"""schema/facts.yaml is the one source of merge keys, id prefixes, enums and aggregation, and validates facts."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from duikou import schema
from duikou.errors import ConfigError, Problem
from duikou.ledger import entities
from duikou.ledger.entities import DocContext, admit, aggregate, base_key, digest, effective


@pytest.fixture
def other_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Point duikou.schema at a rewritten copy of facts.yaml: ``write(old, new)`` replaces one text."""

    def write(old: str, new: str) -> None:
        text = schema.SCHEMA_FILE.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path = tmp_path / "facts.yaml"
        path.write_text(text.replace(old, new), encoding="utf-8")
        monkeypatch.setattr(schema, "SCHEMA_FILE", path)
        schema.fact_types.cache_clear()

    yield write
    schema.fact_types.cache_clear()


def test_the_schema_says_prefixes_enums_keys_and_folds() -> None:
    assert [schema.id_prefix(k) for k in schema.FACT_KINDS] == ["R", "P", "H", "E", "A", "M", "N"]
    assert schema.enum("events", "type") == ("visit", "meeting", "signing", "funds", "condolence")
    assert "unspecified" in schema.enum("pairings", "program")
    assert [p.name for p in schema.merge_key("pairings").parts] == ["helper", "recipient", "relation"]
    assert {f.column: f.op for f in schema.aggregation("events")}["leaders"] == "union"
    with pytest.raises(KeyError):
        schema.enum("pairings", "helper")  # a property without an enum


def test_keys_are_what_the_ledger_has_always_used() -> None:
    a = {"helper": "330102", "recipient": "522623", "program": "east_west", "relation": None}
    assert base_key("pairings", a, "F1") == ("P" + digest("330102", "522623", "standing"),
                                             "same helper, recipient and relation")
    # the programme is an attribute, "standing" is what an unsaid relation means
    assert base_key("pairings", {**a, "program": "unspecified", "relation": "standing"}, "F2")[0] == \
        base_key("pairings", a, "F1")[0]
    assert base_key("pairings", {**a, "relation": "relief"}, "F1")[0] != base_key("pairings", a, "F1")[0]
    assert base_key("regions", {"code": "522623"}, "F1") == ("R522623", "same region code")
    undated = {"type": "visit", "date": None, "helper": "a", "recipient": "b"}
    assert base_key("events", undated, "F7") == ("E" + digest("undated", "F7"), "undated")
    assert base_key("agreements", {"title": "《协议 书》", "date": None, "parties": ["b", "a"]}, "F1")[0] == \
        "A" + digest("协议书", None, "a", "b")


def test_a_planned_figure_is_keyed_apart_and_says_so() -> None:
    ctx = DocContext("s.txt", "330102", "522623", "2023-05-01")
    done = effective("amounts", {"value": 5, "role": "donation", "approx": False}, ctx)
    planned = effective("amounts", {"value": 5.0, "role": "donation", "approx": False, "planned": True}, ctx)
    key_done, why_done = base_key("amounts", done, "F1")
    key_planned, why_planned = base_key("amounts", planned, "F2")
    assert key_done == "M" + digest("5.0", "donation", False, "330102", "522623", "2023")
    assert key_planned != key_done
    assert (why_done, why_planned) == ("same value, role, payer, payee and period",
                                       "same value, role, payer, payee and period, both planned")


def test_the_ledger_reads_its_keys_from_the_schema(other_schema: Any) -> None:
    one = {"value": 3.0, "unit": "个", "role": "projects", "helper": "a", "recipient": "b", "period": "2023"}
    two = {**one, "role": "other"}
    assert base_key("counts", one, "F1")[0] != base_key("counts", two, "F2")[0]
    other_schema("parts: [{value: number}, unit, role, helper, recipient, period]",
                  "parts: [{value: number}, unit, helper, recipient, period]")
    assert base_key("counts", one, "F1")[0] == base_key("counts", two, "F2")[0]


def test_the_ledger_folds_rows_as_the_schema_says(other_schema: Any) -> None:
    facts = [{"type": "visit", "date": "2023-05-02", "leaders": ["甲"]},
             {"type": "visit", "date": "2023-05-01", "leaders": ["乙", "甲"]}]
    row = aggregate("events", "E1", facts, None, 1)
    assert (row["date"], row["leaders"], row["sources"]) == ("2023-05-01", '["甲", "乙"]', 1)
    other_schema("    date: min\n    end_date: max", "    date: max\n    end_date: max")
    assert aggregate("events", "E1", facts, None, 1)["date"] == "2023-05-02"


@pytest.mark.parametrize("old, new, says", [
    ("parts: [code]", "parts: [{code: rounded}]", "unknown 'rounded'"),
    ("  id_prefix: H\n", "  id_prefix: R\n", "share an id_prefix"),
    ("    leaders: union\n", "    leaders: concatenate\n", "unknown 'concatenate'"),
    ("    since: {type: int, nullable: true}", "    since: {type: year, nullable: true}", "unknown type 'year'"),
])
def test_a_bad_schema_is_a_config_error_naming_the_file(other_schema: Any, old: str, new: str, says: str) -> None:
    other_schema(old, new)
    with pytest.raises(ConfigError, match=says) as err:
        schema.fact_types()
    assert "facts.yaml" in str(err.value)


GOOD_AMOUNT = {"value": 120.0, "approx": False, "role": "donation", "cumulative": None, "payer": "330102",
               "payee": "522623", "planned": None}


@pytest.mark.parametrize("change, says", [
    ({}, None),
    ({"role": "bribe"}, "amounts.role='bribe' not in"),
    ({"value": "120万"}, "amounts.value='120万' is not a float"),
    ({"approx": None}, "amounts.approx is null"),
    ({"approx": 1}, "is not a bool"),
    ({"colour": "red"}, "amounts has no property 'colour'"),
])
def test_validate_names_what_is_wrong(change: dict[str, Any], says: str | None) -> None:
    errs = schema.validate("amounts", {**GOOD_AMOUNT, **change})
    assert errs == [] if says is None else any(says in e for e in errs), errs


def test_validate_checks_codes_dates_and_lists() -> None:
    assert schema.validate("people", {"name": "甲", "titles": ["县长"], "region": "52262", "role": "official"})
    assert schema.validate("events", {"type": "visit", "date": "2023-5-1", "leaders": []})
    assert schema.validate("agreements", {"title": "协议", "date": None, "parties": ["a", 3]})
    assert not schema.validate("events", {"type": "visit", "date": "2023-05-01", "leaders": [], "place": "某村"})
    assert schema.validate("rumours", {}) == ["no fact kind 'rumours'"]


def test_a_bad_fact_is_a_problem_on_its_source_not_a_crash() -> None:
    assert admit("a.txt", "amounts", GOOD_AMOUNT) is None
    problem = admit("a.txt", "amounts", {**GOOD_AMOUNT, "role": "bribe"})
    assert isinstance(problem, Problem)
    assert (problem.source, problem.fatal) == ("a.txt", False)
    assert problem.reason.startswith("amounts fact left out: amounts.role='bribe'")


def test_every_fact_the_extractors_find_in_the_seeds_fits_the_schema(seed_paths: list[Path]) -> None:
    from duikou.extract.pipeline import extract_document
    from duikou.ingest import read_documents
    from duikou.runreport import RunReport

    checked = 0
    for doc in read_documents([str(p) for p in seed_paths], RunReport(quiet=True)):
        rec = extract_document(doc).to_contract()
        for kind in (*schema.FACT_KINDS, "relations"):
            of = "pairings" if kind == "relations" else kind
            for row in rec[kind]:
                data = {n: row.get(n) for n in schema.fact_types()[of].names if n in row}
                assert schema.validate(of, data) == [], (doc.source, kind, row)
                checked += 1
    assert checked > 50


def test_cli_choices_and_event_types_are_the_schema_enums() -> None:
    from duikou.cli.options import choice
    from duikou.extract.events import TYPES

    assert tuple(choice("pairings", "program").choices) == schema.enum("pairings", "program")
    assert TYPES == schema.enum("events", "type")
    assert entities.PAIRING_REASON == schema.merge_key("pairings").reason
