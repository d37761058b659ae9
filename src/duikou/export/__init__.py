"""Exports of the merged ledger: CSV, XLSX, JSON, Parquet (pyarrow) and GeoJSON.

Tables (:data:`TABLES`): pairings, events, agreements, amounts, counts and
people, each row with its sources and the first source's evidence (see
:mod:`duikou.export.rows`); ``sources`` (the documents) and ``evidence``
(one row per fact: quote, span, document, URL, outlet, date). A pairing row
is one helper, recipient and relation, with ``program_conflict`` and the
number of reports naming each programme (``reports_<programme>``).
The GeoJSON map reads the pairings alone. A reviewed-only export
(``reviewed_only``) holds the reviewed entities alone (see
:func:`duikou.ledger.review.reviewed_condition`).
Each file is written beside its final name and renamed into place, so an
export that fails leaves no half-written file.
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import Engine

from duikou.errors import ConfigError
from duikou.export.cells import csv_cell
from duikou.export.geo import geojson
from duikou.export.rows import COLUMNS, TABLES, tables

FORMATS = ("csv", "xlsx", "json", "parquet", "geojson")


@dataclass
class Written:
    """What an export wrote, and what a format could not show (one line each, for the user)."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    drawn: int = 0  # GeoJSON: pairings drawn as lines
    undrawn: list[dict[str, Any]] = field(default_factory=list)  # GeoJSON: pairings without a line


def _out_dir(out_dir: str | Path) -> Path:
    if not str(out_dir).strip():
        raise ConfigError("cannot export to '': the output directory is empty (--out DIR)")
    out = Path(out_dir)
    try:
        if out.exists() and not out.is_dir():
            raise ConfigError(f"cannot export to {str(out)!r}: it is a file, not a directory")
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".duikou-export-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except (OSError, ValueError) as err:
        raise ConfigError(f"cannot export to {str(out)!r}: {_reason(err)}") from None
    return out


def _reason(err: Exception) -> str:
    return err.strerror if isinstance(err, OSError) and err.strerror else str(err)


def _atomic(path: Path, write: Callable[[Path], Any]) -> Any:
    tmp = path.with_name(f".{path.name}.part")
    try:
        result = write(tmp)
        os.replace(tmp, path)
        return result
    except OSError as err:
        raise ConfigError(f"cannot write {str(path)!r}: {_reason(err)}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_csv(rows: list[dict[str, Any]], cols: list[str], path: Path, bom: bool) -> None:
    # utf-8-sig starts the file with a byte-order mark: Excel and WPS then read it as UTF-8, not the locale's code page
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n" if bom else "\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([csv_cell(r.get(c)) for c in cols])


def _write_parquet(rows: list[dict[str, Any]], name: str, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # One schema per table whatever the rows hold: a count or sum is float64 (a
    # typed number, whole or not), ids int64, lists typed lists.
    types = {"str": pa.string(), "int": pa.int64(), "num": pa.float64(), "bool": pa.bool_(), "date": pa.string(),
             "strs": pa.list_(pa.string()), "ints": pa.list_(pa.int64())}
    schema = pa.schema([(c, types[k]) for c, k in COLUMNS[name]])
    cols = {c: [r.get(c) for r in rows] for c, _ in COLUMNS[name]}
    pq.write_table(pa.Table.from_pydict(cols, schema=schema), path)


def export(eng: Engine, fmt: str, out_dir: str | Path, relations: bool = False, excel: bool = False,
           reviewed_only: bool = False) -> Written:
    """Write the export in ``fmt`` under ``out_dir``.

    ``excel`` (CSV only) starts each file with a UTF-8 byte-order mark and ends
    lines with CRLF, for Excel and WPS. The tables hold every pairing with its
    ``relation``; the GeoJSON map only the standing ones unless ``relations``.
    ``reviewed_only`` (every format): only the reviewed entities, those at least
    one of whose facts a reviewer accepted or corrected, with their evidence and
    reports.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if excel and fmt != "csv":
        raise ConfigError(f"--excel applies to --format csv, not {fmt}")
    out = _out_dir(out_dir)
    done = Written()
    if fmt == "geojson":
        fc = geojson(eng, relations, reviewed_only)
        path = out / "pairings.geojson"
        _atomic(path, lambda p: p.write_text(json.dumps(fc, ensure_ascii=False, indent=1), encoding="utf-8"))
        done.files.append(path)
        done.drawn, done.undrawn = len(fc["features"]), fc["undrawn"]
        if fc["relations_left_out"]:
            done.notes.append(f"{path}: {fc['relations_left_out']} relief or one-off donation relation(s) not drawn "
                              f"(--relations draws them)")
        return done
    data = tables(eng, reviewed_only=reviewed_only)
    if fmt == "xlsx":
        path = out / "ledger.xlsx"
        from duikou.export import xlsx

        done.notes += _atomic(path, lambda p: xlsx.write(data, p, TABLES))
        done.files.append(path)
        return done
    for name in TABLES:
        rows = data[name]
        path = out / f"{name}.{fmt}"
        if fmt == "json":
            _atomic(path, lambda p: p.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8"))
        elif fmt == "csv":
            _atomic(path, lambda p: _write_csv(rows, [c for c, _ in COLUMNS[name]], p, excel))
        else:
            _atomic(path, lambda p: _write_parquet(rows, name, p))
        done.files.append(path)
    return done


__all__ = ["COLUMNS", "FORMATS", "TABLES", "Written", "export", "geojson", "tables"]
