"""Shared by the benchmarks: a corpus of at least N MB made by repeating the seed reports."""
from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        raise SystemExit(f"no seed reports under {SEEDS}: the benchmarks need ../shared beside the repository")
    return files


def build_corpus(dest: Path, megabytes: float) -> tuple[list[Path], int]:
    """Write copies of the seeds into ``dest`` until they hold ``megabytes`` MB; return files and bytes."""
    dest.mkdir(parents=True, exist_ok=True)
    seeds = [(p.stem, p.read_bytes()) for p in seed_files()]
    out: list[Path] = []
    total, i = 0, 0
    while total < megabytes * 1e6:
        stem, data = seeds[i % len(seeds)]
        path = dest / f"{i:06d}_{stem}.txt"
        if not path.exists() or path.stat().st_size != len(data):
            path.write_bytes(data)
        out.append(path)
        total += len(data)
        i += 1
    return out, total
