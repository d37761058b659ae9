"""Compressed inputs (.gz, .xz) read like their plain forms, streamed; damaged ones fail cleanly."""
from __future__ import annotations

import gzip
import io
import json
import lzma
import random
from pathlib import Path

import pytest

from duikou.ingest import read_documents
from duikou.runreport import RunReport

PAGE = "2022-11-03 09:15，正文：柯桥区与册亨县召开东西部协作联席会议，双方商定共建帮扶车间{n}个，带动{m}人就业。"
COMPRESS = {"gz": gzip.compress, "xz": lzma.compress}


def run(paths: list[str]) -> tuple[list, RunReport, str]:
    stream = io.StringIO()
    report = RunReport(quiet=True, stream=stream)
    docs = list(read_documents(paths, report))
    return docs, report, stream.getvalue()


def jsonl(count: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)  # varied numbers: a stream that compresses like real text, not a repeat
    texts = [PAGE.format(n=rng.randint(1, 10**6), m=rng.randint(1, 10**6)) + "某" * rng.randint(0, 40)
             for _ in range(count)]
    lines = [json.dumps({"text": t}, ensure_ascii=False) for t in texts]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("ext", ["gz", "xz"])
def test_jsonl_compressed_reads_like_plain(tmp_path, ext):
    data = jsonl(5)
    plain = tmp_path / "a.jsonl"
    plain.write_bytes(data)
    packed = tmp_path / f"b.jsonl.{ext}"
    packed.write_bytes(COMPRESS[ext](data))
    docs_plain, _, _ = run([str(plain)])
    docs, report, err = run([str(packed)])
    assert [d.text for d in docs] == [d.text for d in docs_plain]
    assert [d.published for d in docs] == ["2022-11-03"] * 5
    assert docs[0].source == f"{packed}:1" and report.counts["read"] == 5 and err == ""


@pytest.mark.parametrize("name, encoding", [
    ("a.txt.gz", "utf-8"), ("a.txt.xz", "gb18030"), ("a.txt.gz", "utf-16"), ("a.html.gz", "utf-8"),
])
def test_text_and_html_compressed(tmp_path, name, encoding):
    page = PAGE.format(n=3, m=120)
    if name.startswith("a.html"):
        page = f"<html><body><h1>柯桥册亨共建车间</h1><p>{page}</p></body></html>"
    path = tmp_path / name
    path.write_bytes(COMPRESS[name.rsplit(".", 1)[1]](page.encode(encoding)))
    docs, _, err = run([str(path)])
    assert len(docs) == 1 and "册亨县" in docs[0].text and err == ""


def test_directory_walk_finds_compressed_files(tmp_path):
    (tmp_path / "x.jsonl.gz").write_bytes(gzip.compress(jsonl(2)))
    (tmp_path / "y.txt.xz").write_bytes(lzma.compress(PAGE.format(n=1, m=2).encode()))
    (tmp_path / "z.csv.gz").write_bytes(gzip.compress(b"a,b"))
    docs, _, _ = run([str(tmp_path)])
    assert [Path(d.source).name for d in docs] == ["x.jsonl.gz:1", "x.jsonl.gz:2", "y.txt.xz"]


@pytest.mark.parametrize("ext", ["gz", "xz"])
def test_truncated_file_keeps_what_was_read(tmp_path, ext):
    packed = COMPRESS[ext](jsonl(400, seed=ext == "xz"))
    path = tmp_path / f"cut.jsonl.{ext}"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    docs, report, err = run([str(path), str(tmp_path / "next.txt")])
    assert 0 < len(docs) < 400
    lines = err.splitlines()
    assert lines[0] == (f"duikou: {path}: corrupt or truncated {ext} file after {len(docs)} document(s): "
                        "Compressed file ended before the end-of-stream marker was reached")
    assert "Traceback" not in err and lines[1].endswith("next.txt: no such file or directory")


@pytest.mark.parametrize("name, data", [
    ("bad.jsonl.gz", b"this is not gzip data at all"),
    ("bad.jsonl.xz", b"this is not xz data at all"),
    ("bad.txt.gz", b"\x1f\x8b\x08\x00garbage"),
    ("empty.txt.xz", b""),
])
def test_corrupt_file_is_one_problem(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    docs, report, err = run([str(path)])
    assert docs == [] and report.counts["skipped"] == 1
    assert err.startswith(f"duikou: {path}: ") and "Traceback" not in err and len(err.splitlines()) == 1


def test_decompressed_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("DUIKOU_MAX_FILE_MB", "0.001")
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(("册亨县" * 2000).encode()))
    docs, _, err = run([str(path)])
    assert docs == [] and "over the" in err and "limit" in err
