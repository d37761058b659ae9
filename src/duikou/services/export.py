"""The merged tables of a ledger written as files (``duikou export``)."""
from __future__ import annotations

from pathlib import Path

from duikou.export import Written, export as write_export
from duikou.services.connect import Db, engine_of


def export(db: Db, fmt: str, out_dir: str | Path, relations: bool = False, excel: bool = False,
           reviewed_only: bool = False) -> Written:
    """Write the ledger ``db`` in ``fmt`` (csv, xlsx, json, parquet, geojson) under ``out_dir``
    (``reviewed_only``: the reviewed entities alone); see :func:`duikou.export.export`."""
    with engine_of(db) as eng:
        return write_export(eng, fmt, out_dir, relations, excel, reviewed_only)
