"""Records import benchmark: a 10,000-row 台账 into a new ledger, then the same file again.

The workbook is written here with openpyxl, shaped like examples/taizhang (a title row, a 单位 line,
two-row headers with merged cells, dates in mixed forms, 万元 columns) but long: a provincial office's
books over several county pairings and years (activities, funds by type, cadres and specialists,
investment, labour, purchases, agreements), every figure made up. Timed: the first import (every row
new), the second (every row unchanged), and a third after one row changed.

Usage: python benchmarks/records_import.py [--rows N] [--pg URL] [--keep DIR]
Goal: the first import of 10,000 rows in under 10 s on SQLite. The CPU time is printed beside the wall
time: on a machine other jobs share, it is the import's own cost.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from duikou.services.records import import_records

GOAL_S = 10.0
# Real county pairings of one east–west arrangement (江苏 → 陕西) and the years they run over.
PAIRS = [("溧阳市", "略阳县"), ("江阴市", "宁陕县"), ("宜兴市", "镇巴县"), ("常熟市", "丹凤县"), ("张家港市", "山阳县"),
         ("昆山市", "商南县"), ("太仓市", "柞水县"), ("靖江市", "永寿县")]
YEARS = (2021, 2022, 2023)


def _date(rng: random.Random, year: int, i: int) -> Any:
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    form = i % 4
    if form == 0:
        return dt.datetime(day.year, day.month, day.day)
    if form == 1:
        return f"{day.year}年{day.month}月{day.day}日"
    if form == 2:
        return f"{day.year}.{day.month}.{day.day}"
    return (day - dt.date(1899, 12, 30)).days  # an Excel serial typed as a number


def _head(ws: Any, title: str, top: list[Any], sub: list[Any] | None, merges: list[tuple[int, int, int, int]],
          unit: bool) -> None:
    width = len(top)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    first = 2
    if unit:
        ws.append(["单位：万元"])
        first = 3
    ws.append(top)
    if sub:
        ws.append(sub)
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=first + r0, start_column=c0, end_row=first + r1, end_column=c1)


def make(path: Path, rows: int, seed: int = 11) -> None:
    """A workbook of ``rows`` data rows over seven sheets."""
    rng = random.Random(seed)
    wb = Workbook()
    wb.remove(wb.active)
    share = {"互访交流": 0.2, "资金支持": 0.25, "干部人才": 0.1, "产业合作": 0.1, "劳务协作": 0.15, "消费帮扶": 0.15,
             "协议": 0.05}
    counts = {k: int(rows * v) for k, v in share.items()}
    counts["资金支持"] += rows - sum(counts.values())
    types = ["考察", "联席会议", "座谈", "调研", "对接"]
    for name, n in counts.items():
        ws = wb.create_sheet(name)
        title = f"江苏—陕西东西部协作工作台账（{name}）"
        if name == "互访交流":
            _head(ws, title, ["序号", "时间", "帮扶方", "受援方", "事项", None, "带队领导"],
                  [None, None, None, None, "活动名称", "活动类型", None],
                  [(0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 1, 3), (0, 4, 1, 4), (0, 5, 0, 6), (0, 7, 1, 7)], False)
        elif name == "资金支持":
            _head(ws, title, ["序号", "拨付时间", "帮扶方", "受援方", "项目名称", "资金（万元）", None],
                  [None, None, None, None, None, "财政援助资金", "社会帮扶资金"],
                  [(0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 1, 3), (0, 4, 1, 4), (0, 5, 1, 5), (0, 6, 0, 7)], True)
        elif name == "干部人才":
            _head(ws, title, ["年度", "帮扶方", "受援方", "选派时间", "党政干部（人）", "专业技术人才（人）"], None, [], False)
        elif name == "产业合作":
            _head(ws, title, ["序号", "帮扶方", "受援方", "企业名称", "签约时间", "引导企业投资（万元）", "吸纳就业（人）"],
                  None, [], False)
        elif name == "劳务协作":
            _head(ws, title, ["月份", "帮扶方", "受援方", "转移就业（人）", "培训人次"], None, [], False)
        elif name == "消费帮扶":
            _head(ws, title, ["序号", "帮扶方", "受援方", "采购单位", "采购时间", "采购金额（万元）"], None, [], False)
        else:
            _head(ws, title, ["序号", "帮扶方", "受援方", "协议名称", "签订时间"], None, [], False)
        for i in range(n):
            helper, recipient = PAIRS[i % len(PAIRS)]
            year = YEARS[(i // len(PAIRS)) % len(YEARS)]
            money = round(rng.uniform(5, 3000), 2)
            if name == "互访交流":
                row = [i + 1, _date(rng, year, i), helper, recipient, f"{helper}代表团赴{recipient}第{i + 1}次活动",
                       types[i % len(types)], f"人员{i % 97}"]
            elif name == "资金支持":
                row = [i + 1, _date(rng, year, i), helper, recipient, f"帮扶项目{i + 1}", money if i % 3 else None,
                       None if i % 3 else round(money / 10, 2)]
            elif name == "干部人才":
                row = [year, helper, recipient, f"{year}年{1 + i % 12}月", 1 + i % 7, 5 + i % 40]
            elif name == "产业合作":
                row = [i + 1, helper, recipient, f"企业{i + 1}", _date(rng, year, i), money * 5, 10 + i % 300]
            elif name == "劳务协作":
                row = [f"{year}年{1 + i % 12}月", helper, recipient, 20 + i % 500, 5 + i % 90]
            elif name == "消费帮扶":
                row = [i + 1, helper, recipient, f"采购单位{i % 50}", _date(rng, year, i), money]
            else:
                row = [i + 1, helper, recipient, f"第{i + 1}号结对帮扶协议", _date(rng, year, i)]
            ws.append(row)
    wb.save(path)


def _timed(label: str, db: str, path: Path) -> float:
    t, cpu = time.perf_counter(), time.process_time()
    s = import_records(db, path)
    dt_s, cpu = time.perf_counter() - t, time.process_time() - cpu
    c = s.counts
    print(f"  {label:<10} {dt_s:6.2f} s wall, {cpu:6.2f} s CPU  ({c['rows']} rows: {c['new']} new, {c['unchanged']} unchanged, "
          f"{c['replaced']} replaced; {c['facts']} facts; {len(s.problems)} problems)")
    if s.problems:
        print("   first problem:", s.problems[0], file=sys.stderr)
    return dt_s


def run(rows: int, db: str, work: Path) -> float:
    path = work / "taizhang_bench.xlsx"
    t = time.perf_counter()
    make(path, rows)
    print(f"  wrote {path.name} ({rows} rows) in {time.perf_counter() - t:.1f} s")
    first = _timed("first", db, path)
    _timed("again", db, path)
    wb = load_workbook(path)
    ws = wb["资金支持"]
    ws.cell(ws.max_row, 6).value = 1234.5  # one row changed
    wb.save(path)
    _timed("one row", db, path)
    return first


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--pg", default=None, help="Also run on this (empty, scratch) PostgreSQL database URL.")
    ap.add_argument("--keep", default=None, help="Write the workbook and the SQLite ledger here.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        db = work / "bench.db"
        db.unlink(missing_ok=True)
        print(f"SQLite ({args.rows} rows)")
        first = run(args.rows, f"sqlite:///{db}", work)
        if args.pg:
            print(f"PostgreSQL ({args.rows} rows)")
            run(args.rows, args.pg, work)
    ok = first < GOAL_S or args.rows != 10_000
    print(f"first import on SQLite: {first:.2f} s (goal < {GOAL_S:.0f} s for 10,000 rows): {'ok' if ok else 'SLOW'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
