"""The manifest of a batch output directory, and the summary of each run.

``manifest.json`` lists the shards in the order the build would read them (the order of the last run's
inputs, then shards of earlier runs that it did not name), each with its part, its size and modification
time when read, its counts, its problems by kind and the seconds it took; ``duikou batch load`` reads the
parts in this order. Each run also leaves ``runs/<time>.json``: shards done and skipped, documents, the
rate, problems by kind. Both are written to a temporary file and renamed, so a reader never sees half a
file. A shard's part (``parts/<name>/``, with its ``result.json``) is the record of its being done; the
manifest is rewritten from the parts as they finish.
"""
from __future__ import annotations

import json
import os
import re
import time
from typing import Any

from duikou.errors import InputError

MANIFEST = "manifest.json"
RUNS = "runs"

# What a problem is, by the start of its reason (ingest/read.py, decode.py, normalise.py, the build, the
# ledger's schema check); the progress line and the summaries count problems by these.
_KINDS = (
    ("corrupt or truncated", "corrupt file"),
    ("invalid JSON", "invalid JSON line"),
    ("JSON line is not an object", "invalid JSON line"),
    ("no non-empty 'text' or 'html' field", "no text"),
    ("no article text", "no text"),
    ("empty file", "no text"),
    ("line is not UTF-8", "encoding"),
    ("undecodable", "encoding"),
    ("binary file", "encoding"),
    ("unrepairable mojibake", "encoding"),
    ("replacement character", "encoding"),
    ("extraction failed", "extraction failed"),
    ("cannot read", "unreadable"),
    ("no such file", "missing input"),
    ("no file matches", "missing input"),
    ("worker failed", "worker failed"),
)
_REFUSED = re.compile(r"^\w+ fact left out:")


def problem_kind(reason: str) -> str:
    """The kind of a problem, from its reason: ``corrupt file``, ``invalid JSON line``, ``extraction
    failed``, ``refused fact``...; ``other`` when none fits."""
    low = reason.lstrip()
    for start, kind in _KINDS:
        if low.startswith(start) or (len(start) > 12 and start in low):
            return kind
    if _REFUSED.match(low):
        return "refused fact"
    if "over the" in low and "limit" in low:
        return "too large"
    return "other"


class Manifest:
    """The shards of an output directory, in order, each as its part's result (a dict: ``ShardResult``'s
    JSON, or ``{"shard", "error"}`` for a shard whose task failed)."""

    def __init__(self, shards: list[dict[str, Any]] | None = None, format: int = 1):
        self.format = format
        self._by_shard: dict[str, dict[str, Any]] = {}  # in order (a dict keeps it): O(1) a put, any size
        for s in shards or ():
            self._by_shard[str(s["shard"])] = s

    @property
    def shards(self) -> list[dict[str, Any]]:
        return list(self._by_shard.values())

    def to_json(self) -> dict[str, Any]:
        totals: dict[str, int] = {}
        for s in self._by_shard.values():
            for k in ("documents", "offtopic", "failed", "facts", "rejected"):
                totals[k] = totals.get(k, 0) + int(s.get(k, 0))
        return {"format": self.format, "totals": totals, "shards": self.shards}

    def order(self, shards: list[str]) -> None:
        """Put ``shards`` (this run's inputs) first in their order; shards known from earlier runs that
        are not among them stay, after."""
        old = self._by_shard
        self._by_shard = {s: old.get(s, {"shard": s}) for s in shards}
        for s, entry in old.items():
            self._by_shard.setdefault(s, entry)

    def put(self, entry: dict[str, Any]) -> None:
        self._by_shard[str(entry["shard"])] = entry


def read_manifest(out_dir: str, required: bool = False) -> Manifest:
    """The manifest of ``out_dir`` (empty when there is none, unless ``required``)."""
    path = os.path.join(out_dir, MANIFEST)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        if required:
            raise InputError(out_dir, "no manifest.json here: not the output of `duikou batch extract`") from None
        return Manifest()
    except (OSError, ValueError) as err:
        raise InputError(path, f"unreadable manifest: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("shards"), list):
        raise InputError(path, "not a duikou batch manifest (no list of shards)")
    return Manifest(shards=[s for s in data["shards"] if isinstance(s, dict) and "shard" in s],
                    format=int(data.get("format", 1)))


def write_manifest(out_dir: str, manifest: Manifest) -> None:
    write_json_atomic(os.path.join(out_dir, MANIFEST), manifest.to_json())


def write_run_summary(out_dir: str, summary: dict[str, Any]) -> str:
    """Keep one run's summary under ``runs/``; returns its path."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    path = os.path.join(out_dir, RUNS, f"{summary.get('step', 'run')}-{stamp}-{os.getpid()}.json")
    write_json_atomic(path, summary)
    return path


def write_json_atomic(path: str, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON to ``path`` through a temporary file and a rename."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
