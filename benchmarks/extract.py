"""Throughput of `duikou extract` end to end against a jieba.posseg pass over the same text.

    python benchmarks/extract.py [--mb 50] [--jieba-mb MB]

Builds a corpus of at least --mb MB by repeating ../shared/corpus/seeds, runs
`duikou extract --format jsonl` over it in a child process on one core (its
wall time and peak RSS), then runs jieba.posseg over the same text in this
process, and prints both throughputs, their ratio and the peak memory.
Goal (issue 3): at least 20x the jieba.posseg pass, peak memory under 300 MB.
--jieba-mb times jieba on a prefix of the text only (it runs at ~0.2 MB/s).
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import build_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--jieba-mb", type=float, default=None, help="MB of the corpus text given to jieba (default: all)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="duikou-bench-") as tmp:
        files, nbytes = build_corpus(Path(tmp) / "corpus", args.mb)
        duikou = Path(sys.executable).with_name("duikou")
        env = dict(os.environ, OMP_NUM_THREADS="1")
        t0 = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            proc = subprocess.run(["taskset", "-c", "0", str(duikou), "extract", "--format", "jsonl", "--quiet",
                                   str(Path(tmp) / "corpus")], stdout=sink, env=env)
        t_extract = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"duikou extract failed with status {proc.returncode}")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        import logging

        import jieba
        import jieba.posseg as pseg

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        # jieba is given the same clean simplified text the extractors read, one document at a
        # time as a pipeline would. (On the raw traditional seed with converter artefacts its
        # HMM takes ~80x longer per byte, which would flatter duikou.)
        from duikou.ingest import read_documents
        from duikou.runreport import RunReport

        texts, jbytes = [], 0
        limit = args.jieba_mb * 1e6 if args.jieba_mb else float("inf")
        quiet = RunReport(quiet=True, stream=open(os.devnull, "w"))
        for doc in read_documents([str(p) for p in files], quiet):
            if jbytes >= limit:
                break
            texts.append(doc.text)
            jbytes += len(doc.text.encode("utf-8"))
        t0 = time.perf_counter()
        for t in texts:
            for _ in pseg.cut(t):
                pass
        t_jieba = time.perf_counter() - t0

    mb = nbytes / 1e6
    extract_rate = mb / t_extract
    jieba_rate = jbytes / 1e6 / t_jieba
    print(f"corpus            {mb:.1f} MB in {len(files)} files")
    print(f"duikou extract    {extract_rate:.2f} MB/s  ({t_extract:.1f} s, peak RSS {peak_mb:.0f} MB)")
    print(f"jieba.posseg      {jieba_rate:.3f} MB/s  ({jbytes / 1e6:.1f} MB of clean text in {t_jieba:.1f} s)")
    print(f"ratio             {extract_rate / jieba_rate:.1f}x  (goal >= 20x; peak memory goal < 300 MB)")


if __name__ == "__main__":
    main()
