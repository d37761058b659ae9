"""Cost of one very large report: the same crawl text as one line and in its normal lines.

    python benchmarks/big_document.py [--mb 50] [--sizes 1,2,4,8] [--only ingest|extract|build] [--timeout 3600]

Joins crawl texts from ../shared/corpus/news (spread over the whole crawl)
into a temporary directory, never into the repository: ``lined.txt`` keeps
every text's own line breaks, ``oneline.txt`` is the same characters with
each line break turned into a space (same length, same offsets, one line).
For each size it runs `duikou ingest` (reading alone), `duikou extract` and
`duikou build` (a fresh SQLite ledger) on both files in child processes and
prints wall time, the one-line to lined ratio, CPU time (steadier when other
jobs share the cores) and each child's peak RSS; first the fixed cost (a
build of a one-sentence report).
Goal (issue 8): the 50 MB one-line build within 3x the lined build, memory bounded.

Measured (2 cores shared with other jobs; fixed cost of a build ~80 MB):

      MB  build before pieces            build in pieces (extract/pieces.py)
          lined s  one-line s  RSS       lined s  one-line s  RSS
     5.0     15.1        13.6  167 MB        6.1         3.7  125 MB
    20.0     42.9        32.0  459 MB       17.2        18.7  251 MB
    50.0     72.6        81.0  982 MB       43.1        37.7  477 MB

Before, extraction's working state (~20 bytes per input byte) made the peak;
now one piece's (200,000 characters, ~12 MB) and the on-topic facts are all
extraction adds, and the peak was reading the file (decoding and normalising
held several copies of the text: ~9 bytes per input byte, in duikou.ingest).

Reading in pieces (ingest/slices.py: UTF-8 decoded a chunk at a time, the text
normalised slice by slice and laid out from the slices' lines; the decoded text
no longer kept on the Document). Same inputs; wall time is noisy with the
cores shared (load ~5 on 2 cores), CPU time is given instead:

      MB  `duikou ingest` peak RSS        build, lined / one-line
          before        after             CPU s         peak RSS
     5.0   68 /  67 MB   64 /  70 MB       3.6 /  4.2   111 / 111 MB (was 125)
    20.0  221 / 221 MB  114 / 110 MB      14.7 / 13.4   198 / 177 MB (was 251)
    50.0  452 / 452 MB  186 / 198 MB      28.5 / 28.7   373 / 342 MB (was 477)

(`duikou ingest` alone costs ~50 MB; reading the 50 MB file takes 1.2 s of CPU,
was 2.6 s.) Reading now holds the lines and the text joined from them, about
2.3x the file's size in Python's heap (a one-line file: its line and the text
cut from it, ~2.9x); every character is 4 bytes in the clean text as soon as one
lies beyond the BMP. The build's peak is now storing the document (the SQLite
insert of the 50 MB text in ledger/store.py), no longer reading it.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import crawl_sample  # noqa: E402


def write_inputs(tmp: Path, mb: float) -> tuple[Path, Path]:
    """``lined.txt`` and ``oneline.txt`` of about ``mb`` MB of crawl text (UTF-8)."""
    target = int(mb * 1024 * 1024)
    lined, oneline = tmp / "lined.txt", tmp / "oneline.txt"
    size = 0
    with lined.open("w", encoding="utf-8") as fl, oneline.open("w", encoding="utf-8") as fo:
        for rec in crawl_sample(60_000):
            text = (rec.get("text") or "").strip()
            if not text:
                continue
            text = text.replace("\r", "") + "\n"
            fl.write(text)
            fo.write(text.replace("\n", " "))
            size += len(text.encode("utf-8"))
            if size >= target:
                break
    return lined, oneline


def run(cmd: list[str], timeout: float) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak RSS (MB) and exit status of ``cmd`` in a child process (killed after
    ``timeout``). CPU time is the steadier figure when other jobs share the cores."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            return float("inf"), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, -9
        time.sleep(0.05)
    return (time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            os.waitstatus_to_exitcode(status))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="size when --sizes is not given")
    ap.add_argument("--sizes", default="", help="comma-separated sizes in MB (a growth profile: 1,2,4,8)")
    ap.add_argument("--only", choices=STEPS, default=None)
    ap.add_argument("--timeout", type=float, default=3600.0, help="seconds per run before it is killed")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s] or [args.mb]
    duikou = str(Path(sys.executable).with_name("duikou"))
    env_mb = str(max(sizes) * 2 + 10)  # the file-size limit must not refuse the input
    os.environ["DUIKOU_MAX_FILE_MB"] = env_mb
    steps = [args.only] if args.only else list(STEPS)
    with tempfile.TemporaryDirectory(prefix="duikou-big-") as tmpname:
        tiny = Path(tmpname) / "tiny.txt"
        tiny.write_text("江苏省与新疆维吾尔自治区开展对口支援合作。\n", encoding="utf-8")
        secs, _, rss, _ = run([duikou, "build", "-q", "--db", f"sqlite:///{Path(tmpname) / 'tiny.db'}", str(tiny)],
                              args.timeout)
        print(f"fixed cost: a one-sentence build {secs:.1f} s, {rss:.0f} MB peak RSS")
    print(f"{'MB':>6} {'step':8} {'lined s':>9} {'one-line s':>11} {'ratio':>6} {'lined cpu':>10} {'one-line cpu':>13}"
          f" {'lined RSS':>10} {'one-line RSS':>13}")
    for mb in sizes:
        with tempfile.TemporaryDirectory(prefix="duikou-big-") as tmpname:
            tmp = Path(tmpname)
            lined, oneline = write_inputs(tmp, mb)
            real_mb = lined.stat().st_size / 1048576
            for step in steps:
                times = {name: run(_command(duikou, step, path, tmp / f"{name}.db"), args.timeout)
                         for name, path in (("lined", lined), ("oneline", oneline))}
                (tl, cl, rl, xl), (to, co, ro, xo) = times["lined"], times["oneline"]
                flag = "" if xl == xo == 0 else f"  (exit {xl}/{xo})"
                print(f"{real_mb:6.1f} {step:8} {tl:9.1f} {to:11.1f} {to / tl:6.2f} {cl:10.1f} {co:13.1f}"
                      f" {rl:8.0f}MB {ro:11.0f}MB{flag}", flush=True)


STEPS = ("ingest", "extract", "build")


def _command(duikou: str, step: str, path: Path, db: Path) -> list[str]:
    """``duikou ingest`` (a summary row: reading alone), ``extract`` or ``build`` (a fresh SQLite ledger) of ``path``."""
    if step == "ingest":
        return [duikou, "ingest", "-q", "--format", "table", str(path)]
    if step == "extract":
        return [duikou, "extract", "--format", "jsonl", str(path)]
    return [duikou, "build", "-q", "--db", f"sqlite:///{db}", str(path)]


if __name__ == "__main__":
    main()
