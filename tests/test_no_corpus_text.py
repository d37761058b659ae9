"""Third-party report text stays in ../shared: no line of the repository repeats a long run of it.

The corpora (seed reports, the real dev reports and the 793 real on-topic reports) are read in place; a
line of code, data, a test or an example that shares a run of RUN characters (whitespace ignored) with
any of them is reported. Test sentences are invented; only phrases every report prints (site chrome,
official titles and meeting names, policy formulas) may repeat, and they are listed in GENERIC.
"""
from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, SHARED

RUN = 16
# Phrases any report of the kind prints; removed from a line before it is compared.
GENERIC = (
    "返回搜狐，查看更多责任编辑：", "返回搜狐，查看更多", "您需要登录后才可以回帖", "如遇作品内容、版权等问题，请与本网联系",
    "中共中央总书记、国家主席、中央军委主席", "中共中央政治局委员、国务院副总理", "中共中央政治局常委",
    "中共中央书记处书记", "中央政治局常委会召开会议",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”", "巩固拓展脱贫攻坚成果",
)
# Where the official arrangements' sources (titles of central documents and meetings) are cited.
SKIP = ("src/duikou/reference/data/pairing_registry.yaml",)
_SPACE = re.compile(r"\s+")


def _corpus_texts() -> Iterator[str]:
    real = SHARED / "corpus" / "real"
    for path in sorted((SHARED / "corpus" / "seeds").glob("*")) + sorted((real / "dev").glob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="ignore")
    with (real / "ontopic.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)["text"]


def _repo_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "src", "tests", "benchmarks", "scripts", "examples", "README.md"],
                         cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    return [REPO / p for p in out
            if p not in SKIP and not p.endswith(".csv") and not p.startswith("tests/fixtures/real_gold")]


def test_no_line_repeats_report_text() -> None:
    if not (SHARED / "corpus" / "real" / "ontopic.jsonl").is_file():
        pytest.skip("../shared is absent: corpus-copy check skipped")
    grams: set[int] = set()
    for text in _corpus_texts():
        t = _SPACE.sub("", text)
        grams.update(hash(t[i:i + RUN]) for i in range(len(t) - RUN + 1))
    found = []
    for path in _repo_files():
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (UnicodeDecodeError, OSError):
            continue  # binary or other-encoding samples are written for the project and checked by eye
        for no, line in enumerate(lines, 1):
            s = _SPACE.sub("", line)
            for phrase in GENERIC:
                s = s.replace(phrase, "")
            if any(hash(s[i:i + RUN]) in grams for i in range(len(s) - RUN + 1)):
                found.append(f"{path.relative_to(REPO)}:{no}: {line.strip()[:80]}")
    assert not found, "lines repeating report text:\n" + "\n".join(found)
