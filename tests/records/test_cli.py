"""`duikou records import|add|list` through the CLI's one error boundary: output, exit status, no traceback."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from duikou.cli import main
from duikou.cli.records import records
from tests.records.conftest import EXAMPLE
from tests.records.helpers import funds, workbook

if "records" not in main.commands:  # until cli/__init__.py registers it
    main.add_command(records)


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_import_add_and_list(tmp_path: Path, example: Path) -> None:
    db = f"sqlite:///{tmp_path / 'l.db'}"
    res = _run("records", "import", str(example), "--db", db, "--mapping", str(EXAMPLE / "mapping.yaml"))
    assert res.exit_code == 0, res.output
    assert "25 rows of 7 sheets: 24 new" in res.output
    res = _run("records", "import", str(example), "--db", db, "--mapping", str(EXAMPLE / "mapping.yaml"),
               "--format", "json", "--sheet", "协议")
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["unchanged"] == 2
    res = _run("records", "add", "--db", db, "--kind", "amounts", "--set", "role=assistance", "--set",
               "value=1000000", "--set", "year=2023", "--pairing", "溧阳市:略阳县", "--author", "李明")
    assert res.exit_code == 0 and res.output.startswith("entered: entered by 李明 ("), res.output
    res = _run("records", "list", "--db", db, "--format", "json", "--provenance", "manual")
    assert [r["citation"] for r in json.loads(res.output)] == [{"author": "李明"}]
    res = _run("records", "list", "--db", db, "--format", "csv")
    assert res.exit_code == 0 and len(res.output.splitlines()) == 26  # header, 24 rows, 1 entry


@pytest.mark.parametrize("case", ["locked", "wrong columns", "no sheet", "pdf", "bad row", "bad set", "bad kind",
                                  "no ledger", "bad pairing"])
def test_errors_are_one_line_without_a_traceback(tmp_path: Path, case: str) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    good = funds(tmp_path / "f.xlsx", [["2023年3月1日", "溧阳市", "略阳县", "甲", 100, 2]])
    if case == "locked":
        p = tmp_path / "locked.xlsx"
        p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") * 40)
        args, want, code = ["records", "import", str(p)], "locked.xlsx: is password-protected", 1
    elif case == "wrong columns":
        p = workbook(tmp_path / "w.xlsx", {"S": [["a", "b"], [1, 2]]})
        args, want, code = ["records", "import", str(p)], "Headers found: sheet S: a, b", 1
    elif case == "no sheet":
        args, want, code = ["records", "import", str(good), "--sheet", "X"], "has no sheet 'X'", 1
    elif case == "pdf":
        p = tmp_path / "r.pdf"
        p.write_bytes(b"%PDF")
        args, want, code = ["records", "import", str(p)], "not a spreadsheet", 1
    elif case == "bad row":
        p = funds(tmp_path / "b.xlsx", [["2023年3月1日", "溧阳市", "略阳县", "甲", "很多", 2]])
        args, want, code = ["records", "import", str(p)], "sheet 资金, row 2, column 财政援助资金（万元）: '很多'", 1
    elif case == "bad set":
        args, want, code = ["records", "add", "--kind", "amounts", "--set", "value", "--author", "x"], "PROPERTY=VALUE", 2
    elif case == "bad kind":
        args, want, code = ["records", "add", "--kind", "money", "--set", "value=1", "--author", "x"], "no fact kind", 1
    elif case == "no ledger":
        args, want, code = ["records", "list", "--db", f"sqlite:///{tmp_path / 'none.db'}"], "no ledger at", 2
    else:
        args, want, code = ["records", "import", str(good), "--pairing", "甲:乙"], "--pairing: unknown region", 2
    if "--db" not in args:
        args += ["--db", db]
    res = _run(*args)
    assert res.exit_code == code, res.output
    assert want in res.output and "Traceback" not in res.output
    if code == 1 and case != "bad row":
        assert len([ln for ln in res.output.splitlines() if ln.startswith("duikou:")]) == 1
