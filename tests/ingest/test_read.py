"""Readers: paths, directories, globs, stdin; txt, html, jsonl, WARC; every kind of bad input."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from duikou.ingest import read_documents
from duikou.runreport import RunReport
from tests.ingest.helpers import write_warc

REPORT = ("某县与某州召开对口帮扶联席会议\n发布时间:2022-05-06 来源:某州日报\n\n"
          "5月5日，某县党政代表团赴某州考察对口帮扶工作，双方签订《对口帮扶框架协议》，捐赠帮扶资金100万元。\n")
HTML = ("<html><head><title>某区与某县签订协作协议</title></head><body><h1>某区与某县签订协作协议</h1>"
        "<p>发布时间：2021-07-08 来源：某区发布</p>"
        "<p>7月6日至7日，某区代表团赴某县考察东西部协作工作，召开联席会议，签订《东西部协作框架协议》。</p>"
        "<p>某区向某县捐赠帮扶资金80万元，累计投入帮扶资金3000万元，实施协作项目12个，带动120户增收。</p>"
        "</body></html>")


def run(paths: list[str]) -> tuple[list, RunReport, str]:
    stream = io.StringIO()
    report = RunReport(quiet=True, stream=stream)
    docs = list(read_documents(paths, report))
    return docs, report, stream.getvalue()


def write(path: Path, data: str | bytes, encoding: str = "utf-8") -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return str(path)


def test_text_html_and_encodings(tmp_path):
    paths = [write(tmp_path / "a.txt", REPORT), write(tmp_path / "b.htm", HTML),
             write(tmp_path / "c.txt", REPORT, "gb18030"), write(tmp_path / "d.txt", REPORT, "utf-16")]
    docs, report, err = run(paths)
    assert [d.source for d in docs] == paths
    assert [d.title for d in docs] == ["某县与某州召开对口帮扶联席会议", "某区与某县签订协作协议"] + ["某县与某州召开对口帮扶联席会议"] * 2
    assert docs[1].published == "2021-07-08" and docs[1].outlet == "某区发布"
    assert docs[0].text == docs[2].text == docs[3].text
    assert [d.encoding for d in docs] == ["utf-8", "utf-8", "gb18030", "utf-16"]
    assert report.counts["read"] == 4 and err == ""


def test_directory_is_walked_recursively_in_sorted_order(tmp_path):
    for name in ["b/2.txt", "a/9.txt", "a/10.html", "c.txt", ".hidden/x.txt", "notes.md"]:
        write(tmp_path / name, HTML if name.endswith("html") else REPORT)
    docs, _, _ = run([str(tmp_path)])
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == ["c.txt", "a/10.html", "a/9.txt", "b/2.txt"]


def test_glob_patterns_and_missing_paths(tmp_path):
    for name in ["x1.txt", "x2.txt", "y.txt"]:
        write(tmp_path / name, REPORT)
    docs, report, err = run([str(tmp_path / "x*.txt"), str(tmp_path / "nothing*.txt"), str(tmp_path / "gone.txt")])
    assert [Path(d.source).name for d in docs] == ["x1.txt", "x2.txt"]
    assert err.splitlines() == [f"duikou: {tmp_path}/nothing*.txt: no file matches this pattern",
                                f"duikou: {tmp_path}/gone.txt: no such file or directory"]
    assert report.counts["skipped"] == 2


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("gb18030"))))
    docs, _, _ = run(["-"])
    assert docs[0].source == "-" and docs[0].outlet == "某州日报"


def test_jsonl(tmp_path):
    lines = [
        json.dumps({"text": REPORT, "url": "http://example.cn/1"}, ensure_ascii=False),
        "",
        json.dumps({"html": HTML, "published": "2021-07-09"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "只有标题"}, ensure_ascii=False),
        json.dumps(["a list"]),
        json.dumps({"text": "5月5日，某县代表团赴某州考察，签订协议。", "title": "某县代表团赴某州", "published": "2022年5月6日"},
                   ensure_ascii=False),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    docs, report, err = run([path])
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:3", f"{path}:7"]
    assert docs[0].url == "http://example.cn/1" and docs[0].title == "某县与某州召开对口帮扶联席会议"
    assert docs[1].published == "2021-07-09" and docs[1].title == "某区与某县签订协作协议"
    assert docs[2].published == "2022-05-06" and docs[2].text.startswith("某县代表团赴某州\n\n5月5日")
    assert err.splitlines() == [
        f"duikou: {path}:4: invalid JSON: Expecting property name enclosed in double quotes at column 2",
        f"duikou: {path}:5: no non-empty 'text' or 'html' field",
        f"duikou: {path}:6: JSON line is not an object",
    ]
    assert (report.counts["read"], report.counts["skipped"]) == (3, 3)


@pytest.mark.parametrize("gz", [True, False])
def test_warc(tmp_path, gz):
    path = write_warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), [
        ("http://example.cn/a.html", "text/html; charset=gbk", HTML.encode("gbk")),
        ("http://example.cn/logo.png", "image/png", b"\x89PNG" + bytes(50)),
        ("http://example.cn/b.txt", "text/plain", REPORT.encode("utf-8")),
    ], gz)
    docs, report, err = run([path])
    assert [d.source for d in docs] == [f"{path}#http://example.cn/a.html", f"{path}#http://example.cn/b.txt"]
    assert docs[0].title == "某区与某县签订协作协议" and docs[0].url == "http://example.cn/a.html"
    assert err == ""


def test_truncated_warc_keeps_what_was_read(tmp_path):
    full = Path(write_warc(tmp_path / "full.warc.gz", [("http://example.cn/%d" % i, "text/html", HTML.encode()) for i in range(3)]))
    data = full.read_bytes()
    cut = write(tmp_path / "cut.warc.gz", data[:-60])
    docs, report, err = run([cut])
    assert len(docs) == 2
    assert err.startswith(f"duikou: {cut}: corrupt or truncated WARC after ")
    assert len(err.splitlines()) == 1


def test_garbage_warc(tmp_path):
    path = write(tmp_path / "junk.warc", b"this is not a WARC file at all\n" * 10)
    docs, _, err = run([path])
    assert docs == [] and err.startswith(f"duikou: {path}: ") and "WARC" in err


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"\n \n", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "binary file"),
    ("bad.txt", bytes([0xFF, 0x80, 0xC0, 0x81, 0x30]) * 50, "undecodable"),
    ("furniture.txt", "相关推荐\n版权所有 某某网\n".encode(), "no article text left after cleaning"),
    ("empty.html", b"<html><body></body></html>", "no article text found in the HTML"),
])
def test_bad_file_gives_one_line(tmp_path, name, data, reason):
    path = write(tmp_path / name, data)
    docs, report, err = run([path])
    assert docs == []
    assert err.count("\n") == 1 and err.startswith(f"duikou: {path}: ") and reason in err
    assert report.counts["skipped"] == 1


def test_bad_file_does_not_stop_the_run(tmp_path):
    paths = [write(tmp_path / "1.txt", b""), write(tmp_path / "2.txt", REPORT)]
    docs, report, _ = run(paths)
    assert [d.source for d in docs] == [paths[1]]


def test_fifty_megabyte_single_line(tmp_path):
    unit = "某县投入帮扶资金１００万元，實施項目3个，带动120户增收。"
    path = tmp_path / "big.txt"
    repeats = 50 * 1024 * 1024 // (len(unit.encode()) * 1000) + 1
    with open(path, "w", encoding="utf-8") as fh:
        for _ in range(repeats):
            fh.write(unit * 1000)
    assert path.stat().st_size >= 50 * 1024 * 1024
    docs, report, err = run([str(path)])
    assert len(docs) == 1 and err == ""
    doc = docs[0]
    assert "\n" not in doc.text and doc.text.startswith("某县投入帮扶资金100万元，实施项目3个")
    assert doc.offsets.to_raw(len(doc.text) - 1) == repeats * 1000 * len(unit) - 1  # the decoded text's last
    assert doc.raw == ""  # the decoded text is not kept beside the clean one


def test_ten_thousand_files(tmp_path):
    for i in range(10_000):
        sub = tmp_path / f"{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:05d}.txt").write_text(f"第{i}号报告\n\n某县向某村捐赠帮扶资金{i}万元，带动{i % 300}户增收。", encoding="utf-8")
    count = 0
    last = ""
    stream = io.StringIO()
    report = RunReport(quiet=True, stream=stream)
    for doc in read_documents([str(tmp_path)], report):  # streamed: nothing is collected here
        assert doc.source > last
        last = doc.source
        count += 1
    assert count == 10_000 and report.counts["read"] == 10_000 and stream.getvalue() == ""


# -- identity: what the ledger knows each document by (issue 8 point 1) -------------------------

def test_a_file_is_known_by_its_resolved_path_however_it_is_reached(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "d" / "a.txt", REPORT)
    monkeypatch.chdir(tmp_path)
    real = str((tmp_path / "d" / "a.txt").resolve())
    for typed in ("d", "d/a.txt", "./d/../d/a.txt", str(tmp_path / "d"), "d/*.txt"):
        [doc], _, _ = run([typed])
        assert (doc.key, doc.path, doc.identity) == (real, real, real), typed


def test_jsonl_records_are_known_by_id_then_url_then_text(tmp_path: Path) -> None:
    lines = [{"id": 7, "text": REPORT}, {"url": "https://example.org/x", "text": REPORT},
             {"text": REPORT}, {"id": "", "url": " ", "text": REPORT + "又一篇"}]
    write(tmp_path / "f.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines))
    docs, _, _ = run([str(tmp_path / "f.jsonl")])
    real = str((tmp_path / "f.jsonl").resolve())
    assert [d.key for d in docs] == [f"{real}#id=7", "https://example.org/x", f"{real}#sha1={docs[2].id}",
                                     f"{real}#sha1={docs[3].id}"]
    assert [d.source for d in docs] == [f"{tmp_path / 'f.jsonl'}:{n}" for n in (1, 2, 3, 4)]
    assert {d.path for d in docs} == {real}


def test_stdin_is_known_by_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("utf-8"))))
    [doc], _, _ = run(["-"])
    assert doc.key == f"stdin#sha1={doc.id}" and doc.path is None and doc.source == "-"
