"""Ingestion throughput against the OpenCC t2s pass on the same text.

Builds a corpus of >= 50 MB by repeating the seed reports (read from the
``shared`` folder beside the repository) as separate files in a temporary
directory, then times, on one core and in the same run:

- ingest: read_documents over the directory (read, decode, clean, normalise,
  metadata), and
- OpenCC t2s alone over the same decoded texts, document by document.

Prints both in MB/s and their ratio (goal: ingest >= 0.5x OpenCC).
Usage: python benchmarks/ingest.py [--mb 50] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from duikou.ingest import read_documents
from duikou.ingest.normalise import to_simplified
from duikou.runreport import RunReport

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"


def build_corpus(target_mb: float, out: Path) -> tuple[int, int]:
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    total = n = 0
    while total < target_mb * 1_000_000:
        data = seeds[n % len(seeds)]
        (out / f"{n:06d}.txt").write_bytes(data)
        total += len(data)
        n += 1
    return n, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile of the ingest pass")
    args = ap.parse_args()
    if not SEEDS.is_dir():
        print(f"seed reports not found at {SEEDS}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        files, size = build_corpus(args.mb, Path(tmp))
        mb = size / 1_000_000
        print(f"corpus: {files} files, {mb:.1f} MB")
        to_simplified("预热")  # load the OpenCC dictionaries outside the timings

        report = RunReport(quiet=True, stream=open("/dev/null", "w"))
        prof = cProfile.Profile() if args.profile else None
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        docs = sum(1 for _ in read_documents([tmp], report))
        if prof:
            prof.disable()
        t_ingest = time.perf_counter() - t0

        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(tmp).iterdir())]
        t0 = time.perf_counter()
        for t in texts:
            to_simplified(t)
        t_cc = time.perf_counter() - t0

    ingest_rate, cc_rate = mb / t_ingest, mb / t_cc
    print(f"ingest+clean+normalise: {docs} documents in {t_ingest:.2f} s = {ingest_rate:.1f} MB/s")
    print(f"OpenCC t2s alone:       {t_cc:.2f} s = {cc_rate:.1f} MB/s")
    print(f"ratio ingest/OpenCC:    {ingest_rate / cc_rate:.2f} (goal >= 0.5)")
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
