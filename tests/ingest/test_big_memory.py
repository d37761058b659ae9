"""Reading a very large report holds little beyond its clean text (issue 8: memory bounded)."""
from __future__ import annotations

import io
import sys
import tracemalloc

import pytest

from duikou.ingest import read_documents
from duikou.runreport import RunReport

SENTENCE = "某县投入帮扶资金100万元，实施协作项目3个，带动120户增收。"
# Python's heap during the read, over the clean text's own size: now ~1.7 (the lines, then the text
# joined from them) and ~2.1 for one line (the line, then the text joined from it under a headline);
# before reading in pieces ~4.6 (the bytes, the decoded text, normalising's and layout's whole
# copies, all at 4 bytes a character once one character lies beyond the BMP).
MAX_PEAK_OVER_TEXT = 2.3


@pytest.mark.parametrize("line_break", ["\n", " "])
def test_a_large_report_is_read_in_bounded_memory(tmp_path, line_break):
    path = tmp_path / "big.txt"
    line = SENTENCE * 20 + line_break
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("某县协作工作报告\n\n")
        for i in range(6_000):
            fh.write(line if i != 3_000 else "生僻字𠀀出现一次。" + line)  # the whole clean text needs 4 bytes a character
    small = tmp_path / "small.txt"
    small.write_text("某县协作工作报告\n\n" + SENTENCE * 3, encoding="utf-8")
    report = RunReport(quiet=True, stream=io.StringIO())
    list(read_documents([str(small)], report))  # patterns, vocabularies and converters loaded once, not counted
    tracemalloc.start()
    try:
        docs = list(read_documents([str(path)], report))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(docs) == 1 and max(docs[0].text) == "𠀀" and len(docs[0].text) > 3_000_000
    size = sys.getsizeof(docs[0].text)
    assert peak <= MAX_PEAK_OVER_TEXT * size, f"peak {peak / 1e6:.0f} MB for a text of {size / 1e6:.0f} MB"
