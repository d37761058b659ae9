"""Exact and near-duplicate reports: one representative per group, the others' sources in ``copies``.

Exact duplicates share the normalised body (whitespace and punctuation
removed). Near duplicates reach the Jaccard threshold on character shingles,
found with datasketch's MinHash LSH and confirmed on the MinHash estimate.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from duikou import settings
from duikou.ingest.document import Document

NUM_PERM = 128
_NOISE_RE = re.compile(r"[\s\W_]+")


@dataclass
class DedupeGroup:
    representative: str  # source of the document kept
    copies: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # "exact" or "near", one per copy


@dataclass
class DedupeResult:
    documents: list[Document]  # representatives, in input order, with ``copies`` filled in
    groups: list[DedupeGroup]  # only groups that have copies

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)


def body_key(doc: Document) -> str:
    """The normalised body: text without whitespace and punctuation."""
    return _NOISE_RE.sub("", doc.text)


def _shingles(body: str, k: int) -> list[bytes]:
    if len(body) <= k:
        return [body.encode("utf-8")]
    return list({body[i:i + k].encode("utf-8") for i in range(len(body) - k + 1)})


def dedupe(docs: Iterable[Document], threshold: float | None = None, shingle: int | None = None) -> DedupeResult:
    """Group exact and near duplicates (Jaccard >= ``threshold`` on character shingles); keep the first of each."""
    from datasketch import MinHash, MinHashLSH

    threshold = float(settings.get("near_dup_threshold")) if threshold is None else threshold
    k = int(settings.get("shingle_size")) if shingle is None else shingle
    # LSH only proposes candidates; very high thresholds leave it too few bands, so it is capped
    # and every candidate is checked against the real threshold.
    lsh = MinHashLSH(threshold=min(threshold, 0.9), num_perm=NUM_PERM)
    exact: dict[str, int] = {}
    hashes: dict[int, MinHash] = {}
    kept: list[Document] = []
    groups: dict[int, DedupeGroup] = {}
    for doc in docs:
        body = body_key(doc)
        digest = hashlib.sha1(body.encode("utf-8")).hexdigest()
        if digest in exact:
            _fold(kept, groups, exact[digest], doc, "exact")
            continue
        mh = MinHash(num_perm=NUM_PERM)
        mh.update_batch(_shingles(body, k))
        best, best_sim = None, threshold
        for key in lsh.query(mh):
            sim = hashes[key].jaccard(mh)
            if sim >= best_sim and (best is None or sim > best_sim or key < best):
                best, best_sim = key, sim
        if best is not None:
            _fold(kept, groups, best, doc, "near")
            exact[digest] = best
            continue
        idx = len(kept)
        kept.append(doc)
        exact[digest] = idx
        hashes[idx] = mh
        lsh.insert(idx, mh)
    return DedupeResult(kept, [groups[i] for i in sorted(groups)])


def _fold(kept: list[Document], groups: dict[int, DedupeGroup], idx: int, doc: Document, kind: str) -> None:
    rep = kept[idx]
    rep.copies.append(doc.source)
    group = groups.setdefault(idx, DedupeGroup(rep.source))
    group.copies.append(doc.source)
    group.kinds.append(kind)
