"""Speed of the region matcher and the regions extractor, in MB/s of UTF-8 text.

Usage: python benchmarks/regions.py [--mb 20]
The corpus is the seed reports (converted to simplified script) repeated to the size asked.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import opencc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import seed_files  # noqa: E402

from duikou.extract.context import Context  # noqa: E402
from duikou.extract.regions import find_regions  # noqa: E402
from duikou.reference.gazetteer import gazetteer  # noqa: E402
from duikou.ingest.document import Document  # noqa: E402

_PINYIN = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)", re.IGNORECASE)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20.0)
    args = ap.parse_args()
    cc = opencc.OpenCC("t2s")
    docs = [cc.convert(_PINYIN.sub("", p.read_text(encoding="utf-8"))) for p in seed_files()]
    t0 = time.perf_counter()
    g = gazetteer()
    g.find("")  # build the automaton
    print(f"gazetteer load + automaton: {time.perf_counter() - t0:.2f} s, {len(g)} units")

    per_round = sum(len(d.encode("utf-8")) for d in docs)
    rounds = max(1, int(args.mb * 1e6 / per_round))
    total = per_round * rounds

    big = "\n".join(docs) * rounds
    t0 = time.perf_counter()
    n = len(g.find(big))
    dt = time.perf_counter() - t0
    print(f"matcher (one {len(big.encode('utf-8')) / 1e6:.1f} MB text, {n} raw matches): {len(big.encode('utf-8')) / 1e6 / dt:.1f} MB/s")

    t0 = time.perf_counter()
    m = 0
    for _ in range(rounds):
        for d in docs:
            m += len(find_regions(d))
    dt = time.perf_counter() - t0
    print(f"extractor rules per document ({total / 1e6:.1f} MB, {m} mentions): {total / 1e6 / dt:.1f} MB/s")

    t0 = time.perf_counter()
    for _ in range(rounds):
        for d in docs:
            ctx = Context(Document(source="bench", text=d))
            find_regions(d, ctx.sentence_index)
    dt = time.perf_counter() - t0
    print(f"with Context (sentence split) ({total / 1e6:.1f} MB): {total / 1e6 / dt:.1f} MB/s")


if __name__ == "__main__":
    main()
