"""A report with a few bad bytes is kept (U+FFFD, counted as a problem); only what is not text is refused."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from duikou.errors import InputError
from duikou.ingest.decode import decode, decode_line
from duikou.ingest.read import read_documents
from duikou.runreport import RunReport

TEXT = "2023年5月6日，江苏省某县代表团赴陕西省某县考察东西部协作工作，捐赠帮扶资金200万元。\n" * 4
GOOD = TEXT.encode("utf-8")
ONE_BAD = GOOD[:31] + b"\xff" + GOOD[31:]
CUT = GOOD[:-2]  # the last character cut in the middle


@pytest.mark.parametrize("data", [ONE_BAD, CUT, GOOD[:200] + b"\x80\x80" + GOOD[200:]])
def test_a_few_bad_utf8_bytes_become_replacement_characters(data):
    text, enc = decode(data, "x.txt")
    assert enc == "utf-8"
    assert 1 <= text.count("\ufffd") <= 4  # a byte inside a character spoils its neighbours
    assert "捐赠帮扶资金200万元" in text


def test_a_gb18030_file_cut_mid_character_is_kept():
    data = TEXT.encode("gb18030")[:-2]  # the newline and half of 。
    text, enc = decode(data, "x.txt")
    assert enc == "gb18030" and text.count("\ufffd") == 1


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03binary" * 40, bytes(range(256)) * 20,
                                  bytes([0xFF, 0x80, 0xC0, 0x81, 0x30]) * 50])
def test_what_is_not_text_is_still_refused(data):
    with pytest.raises(InputError):
        decode(data, "x.bin")


def test_a_jsonl_line_with_one_bad_byte_is_kept_and_mostly_bad_is_refused():
    line = json.dumps({"text": TEXT}, ensure_ascii=False).encode()
    assert "\ufffd" in decode_line(line[:40] + b"\xff" + line[40:], "a.jsonl", 1)
    with pytest.raises(InputError, match="line is not UTF-8"):
        decode_line(json.dumps({"text": TEXT}, ensure_ascii=False).encode("gb18030"), "a.jsonl", 1)


def _write(tmp: Path, name: str, data: bytes) -> str:
    path = tmp / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("name, data", [
    ("a.txt", ONE_BAD),
    ("cut.txt", CUT),
    ("a.txt.gz", ONE_BAD),
    ("a.html", b"<html><body><p>" + ONE_BAD + b"</p></body></html>"),
])
def test_reports_with_bad_bytes_are_kept_with_a_problem(tmp_path, name, data):
    report = RunReport()
    docs = list(read_documents([_write(tmp_path, name, data)], report))
    assert len(docs) == 1
    assert any("replacement character" in p for p in docs[0].problems)
    assert "帮扶资金200万元" in docs[0].text


@pytest.mark.parametrize("name", ["b.jsonl", "b.jsonl.gz"])
def test_a_jsonl_record_with_one_bad_byte_is_read_with_a_problem(tmp_path, name):
    good = json.dumps({"id": "a", "text": TEXT}, ensure_ascii=False).encode()
    bad = json.dumps({"id": "b", "text": TEXT}, ensure_ascii=False).encode()
    data = good + b"\n" + bad[:40] + b"\xff" + bad[40:] + b"\n"
    report = RunReport()
    docs = list(read_documents([_write(tmp_path, name, data)], report))
    assert len(docs) == 2
    assert not docs[0].problems and any("replacement character" in p for p in docs[1].problems)
