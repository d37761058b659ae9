"""One problem type: ingest's document problems, an extraction's and the run report's are errors.Problem."""
from __future__ import annotations

import pytest

from duikou.errors import InputError, Problem, where
from duikou.extract.context import Context
from duikou.extract.pipeline import extract_document, load_extractors
from duikou.extract.registry import Extractor
from duikou.ingest.build import make_document
from duikou.runreport import RunReport

TEXT = "某县与某市结对帮扶。\n两地签订协议\ufffd。"


def _broken(ctx: Context) -> None:
    raise ValueError("no luck")


def test_a_documents_problems_are_problems_named_by_its_source() -> None:
    doc = make_document("a.txt", TEXT)
    assert doc.problems == [Problem("a.txt", "1 replacement character(s) (U+FFFD) in the input")]
    assert not doc.problems[0].fatal
    assert doc.to_json()["problems"] == ["1 replacement character(s) (U+FFFD) in the input"]


def test_an_extractor_failure_is_a_problem_and_the_contract_keeps_its_strings() -> None:
    doc = make_document("a.txt", TEXT)
    boom = Extractor("boom", "1", ("text",), (), _broken)
    result = extract_document(doc, [*load_extractors(), boom])
    assert result.problems == [Problem("a.txt", "extractor boom failed: ValueError: no luck")]
    # The contract's strings are the ones it always had: the document's by reason, a failure with its source.
    assert result.to_contract()["problems"] == ["1 replacement character(s) (U+FFFD) in the input",
                                                "a.txt: extractor boom failed: ValueError: no luck"]


def test_a_failure_in_every_piece_of_a_long_document_is_one_problem() -> None:
    doc = make_document("long.txt", "某县与某市结对帮扶。\n" * 40)
    boom = Extractor("boom", "1", ("text",), (), _broken)
    result = extract_document(doc, [boom], piece_chars=100)
    assert result.problems == [Problem("long.txt", "extractor boom failed: ValueError: no luck")]


def test_the_run_report_keeps_problems_as_they_are(capsys: pytest.CaptureFixture[str]) -> None:
    report = RunReport(quiet=True)
    report.problem("b.jsonl", "not JSON", line=3)
    assert report.problems == [Problem("b.jsonl", "not JSON", 3, True)]
    assert "b.jsonl:3: not JSON" in capsys.readouterr().err  # shown even quiet, named by file and line


def test_an_input_error_and_its_problem_name_the_input_alike() -> None:
    err = InputError("c.txt", "unreadable", 7)
    assert str(err) == f"{where('c.txt', 7)}: unreadable" == "c.txt:7: unreadable"
    assert str(Problem.from_error(err)) == str(err)
    assert Problem("d.txt", "empty").where() == "d.txt"
