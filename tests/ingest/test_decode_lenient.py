"""A report with a few bad bytes is kept (U+FFFD, counted as a problem); only what is not text is refused."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from duikou.errors import InputError
from duikou.ingest.decode import decode, decode_line
from duikou.ingest.read import read_documents
from duikou.runreport import RunReport
from tests.ingest.helpers import write_warc

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
    assert any("replacement character" in p.reason for p in docs[0].problems)
    assert "帮扶资金200万元" in docs[0].text


@pytest.mark.parametrize("name", ["b.jsonl", "b.jsonl.gz"])
def test_a_jsonl_record_with_one_bad_byte_is_read_with_a_problem(tmp_path, name):
    good = json.dumps({"id": "a", "text": TEXT}, ensure_ascii=False).encode()
    bad = json.dumps({"id": "b", "text": TEXT}, ensure_ascii=False).encode()
    data = good + b"\n" + bad[:40] + b"\xff" + bad[40:] + b"\n"
    report = RunReport()
    docs = list(read_documents([_write(tmp_path, name, data)], report))
    assert len(docs) == 2
    assert not docs[0].problems and any("replacement character" in p.reason for p in docs[1].problems)


# --- WARC records: the charset their HTTP header declares is read by the same lenient rule -------------

GB_ONE_BAD = TEXT.encode("gb18030")[:30] + b"\xff" + TEXT.encode("gb18030")[30:]
HANT = "2023年5月6日，江蘇省某縣代表團赴陝西省某縣考察東西部協作工作，捐贈幫扶資金200萬元。\n" * 4


@pytest.mark.parametrize("data, declared, enc", [
    (GB_ONE_BAD, "gb2312", "gb18030"),  # the declared charset with a bad byte: kept, not re-guessed
    (HANT.encode("big5")[:-2], "big5", "big5"),  # cut mid-character
    (ONE_BAD, "utf-8", "utf-8"),
    (ONE_BAD, "gbk", "utf-8"),  # mislabelled UTF-8 with a bad byte is UTF-8, not GB18030 mojibake
])
def test_a_declared_charset_keeps_a_text_with_a_few_bad_bytes(data, declared, enc):
    text, used = decode(data, "a.warc#u", declared=declared)
    assert used == enc and 1 <= text.count("\ufffd") <= 4  # a bad byte inside a character spoils its neighbours
    assert "捐赠帮扶资金200万元" in text or "捐贈幫扶資金200萬元" in text


@pytest.mark.parametrize("declared", ["utf-8", "no-such-charset", "base64", ""])
def test_a_wrong_or_unknown_declared_charset_falls_back_to_detection(declared):
    text, used = decode(TEXT.encode("gb18030"), "a.warc#u", declared=declared)
    assert used == "gb18030" and text == TEXT


def test_binary_bytes_under_a_declared_charset_are_still_refused():
    with pytest.raises(InputError):
        decode(bytes([0xFF, 0x80, 0xC0, 0x81, 0x30]) * 50, "a.warc#u", declared="gb18030")
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02\x03\xff\xfe\x80" * 40, "a.warc#u", declared="gb18030")


@pytest.mark.parametrize("gz", [True, False])
def test_warc_records_with_bad_bytes_are_kept_with_a_problem(tmp_path, gz):
    html = ("<html><body><p>" + TEXT + "</p></body></html>").encode("gb18030")
    bad_html = html[:60] + b"\xff" + html[60:]
    path = write_warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), [
        ("http://example.cn/a.html", "text/html; charset=GB2312", bad_html),
        ("http://example.cn/b.txt", 'text/plain; charset="utf-8"', ONE_BAD),
        ("http://example.cn/c.txt", "text/plain; charset=gbk", TEXT.encode("gb18030")),
        ("http://example.cn/d.bin", "text/plain; charset=gbk", bytes([0xFF, 0x80, 0xC0, 0x81, 0x30]) * 50),
    ], gz)
    report = RunReport(quiet=True, stream=io.StringIO())
    docs = list(read_documents([path], report))
    assert [d.url for d in docs] == ["http://example.cn/a.html", "http://example.cn/b.txt", "http://example.cn/c.txt"]
    assert [d.encoding for d in docs] == ["gb18030", "utf-8", "gb18030"]
    assert [sum("replacement character" in p.reason for p in d.problems) for d in docs] == [1, 1, 0]
    assert all("帮扶资金200万元" in d.text for d in docs)
    assert [(p.source, p.fatal) for p in report.problems if "d.bin" in p.source] == [
        (f"{path}#http://example.cn/d.bin", True)]
