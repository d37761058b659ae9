"""Batch mode: news-scale corpora as shards, extracted on a cluster into Parquet parts, then loaded.

``duikou batch extract`` maps the per-document pipeline over input shards
(:func:`~duikou.services.batch.shard.extract_shard`, plain Python; on Dask through
:mod:`~duikou.services.batch.dask_run`, the one module that imports it) and writes one part a shard
(:mod:`~duikou.services.batch.parts`) with a manifest (:mod:`~duikou.services.batch.manifest`); a rerun
skips the shards done. ``duikou batch load`` stores the parts in a ledger as ``duikou build`` would
(:mod:`~duikou.services.batch.load`). docs/scale.md says how it scales.
"""
from __future__ import annotations

from duikou.services.batch.run import BatchStatus, ExtractSummary, shard_inputs

__all__ = ["BatchStatus", "ExtractSummary", "shard_inputs"]
