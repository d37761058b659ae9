"""Write the example 台账 (examples/taizhang/taizhang_2023.xlsx) with openpyxl.

A made-up coordinating office's 2023 records for a plausible east–west pairing between two real
counties, 江苏省常州市溧阳市 (helper) and 陕西省汉中市略阳县 (recipient): every person, company, project and
figure in it is invented for duikou's examples and tests. It is written the way offices keep such
books, so that the importer meets what it will meet: a title row merged across each sheet, a 单位 line,
two-row headers with merged group cells, a date merged down over two rows, dates typed every way (date
cells, 2023年3月15日, 2023.4.20, an Excel serial, a range, a month), money in 万元 columns and once in the
cell, a 合计 row, a sheet naming both sides in its columns and one spanning two years.

Run: python examples/taizhang/make_example.py [OUT.xlsx]
"""
from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
OUT = HERE / "taizhang_2023.xlsx"
TITLE = "2023年溧阳市—略阳县东西部协作工作台账"


def _sheet(wb: Workbook, name: str, subtitle: str, headers: list[list[Any]], rows: list[list[Any]],
           merges: list[str], unit_line: str | None = None) -> Worksheet:
    """A sheet: the title merged across, an optional unit line, the header rows (merged as ``merges``
    says, in header coordinates counted from the first header row) and the rows."""
    ws = wb.create_sheet(name)
    width = max(len(h) for h in headers)
    ws.append([f"{TITLE}（{subtitle}）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    first = 2
    if unit_line:
        ws.append([unit_line])
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        first = 3
    for h in headers:
        ws.append(h)
    for rng in merges:  # "A1:A2" in header rows -> the sheet's rows
        a, b = rng.split(":")
        ws.merge_cells(f"{a[0]}{int(a[1:]) + first - 1}:{b[0]}{int(b[1:]) + first - 1}")
    for r in range(first, first + len(headers)):
        for c in range(1, width + 1):
            ws.cell(r, c).font = Font(bold=True)
            ws.cell(r, c).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        ws.append(row)
    for c in range(1, width + 1):
        ws.column_dimensions[chr(64 + c)].width = 16
    return ws


def build() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)

    # 1. Visits and meetings: a two-row header (事项 over 活动名称 and 活动类型), dates of every form.
    ws = _sheet(wb, "互访交流", "党政互访及会议",
                [["序号", "时间", "事项", None, "带队领导", "地点"],
                 [None, None, "活动名称", "活动类型", None, None]],
                [
                    ["1", dt.datetime(2023, 3, 15), "溧阳市党政代表团赴略阳县考察产业协作项目", "考察",
                     "周海峰（市委书记）、陈立", "略阳县"],
                    ["2", "2023年4月20日", "两地召开东西部协作联席会议", "联席会议", "周海峰、吴晓燕（县委书记）",
                     "略阳县"],
                    ["3", "2023.5.18", "略阳县党政代表团赴溧阳市学习考察", "回访", "吴晓燕", "溧阳市"],
                    ["4", 45170, "两地教育系统结对帮扶座谈会", "座谈", "陈立", "略阳县"],
                    ["5", "2023/10/9-10/11", "溧阳市卫健委赴略阳县开展医疗帮扶调研", "调研", "孙慧", "略阳县"],
                    ["6", dt.date(2023, 11, 22), "东西部协作年度工作推进会", "会议", "周海峰、吴晓燕", "溧阳市"],
                    ["7", None, "消费帮扶产销对接活动", "对接", "陈立", "溧阳市"],
                ],
                ["A1:A2", "B1:B2", "C1:D1", "E1:E2", "F1:F2"])
    # two activities on one day: the date typed once, merged down over both rows
    last = ws.max_row
    ws.cell(last, 2).value = None
    ws.merge_cells(start_row=last - 1, start_column=2, end_row=last, end_column=2)

    # 2. Funds by type: a 单位 line, a merged group header 资金（万元）, one cell with its own unit, a 合计 row.
    _sheet(wb, "资金支持", "帮扶资金",
           [["序号", "拨付时间", "项目名称", "资金（万元）", None, "实施地点"],
            [None, None, None, "财政援助资金", "社会帮扶资金", None]],
           [
               ["1", "2023年2月28日", "略阳县现代农业产业园基础设施", 1200, None, "略阳县"],
               ["2", "2023年4月6日", "易地搬迁安置点帮扶车间", 650, None, "略阳县"],
               ["3", "2023年6月16日", "乡村振兴示范村建设", 800.5, None, "略阳县"],
               ["4", "2023年7月1日", "溧阳企业爱心捐赠（助学）", None, "85", "略阳县"],
               ["5", "2023年9月12日", "乡村医疗设备购置", 320, "50万元", "略阳县"],
               ["合计", None, None, 2970.5, 185, None],
           ],
           ["A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:F2"], unit_line="单位：万元")

    # 3. Cadres and specialists: the sides named in columns, a year column, two years.
    _sheet(wb, "干部人才", "选派干部和专业技术人才",
           [["年度", "帮扶方", "受援方", "选派时间", "党政干部（人）", "专业技术人才（人）"]],
           [
               [2022, "溧阳市", "略阳县", "2022年3月", 3, 25],
               [2023, "溧阳市", "略阳县", "2023年3月", 4, 32],
               [2023, "江苏省常州市溧阳市", "陕西省汉中市略阳县", "2023年8月", None, 12],
           ], [])

    # 4. Industrial cooperation: investment brought in, companies settled, jobs.
    _sheet(wb, "产业合作", "引导企业投资",
           [["序号", "企业名称", "签约时间", "引导企业投资（万元）", "落地企业（家）", "吸纳就业（人）"]],
           [
               ["1", "溧阳某新材料科技有限公司", "2023年5月18日", 5000, 1, 120],
               ["2", "常州某食品有限公司", "2023年8月30日", 2600, 1, 85],
           ], [])

    # 5. Labour cooperation by month (a month is its date: the figure's year is what counts).
    _sheet(wb, "劳务协作", "转移就业",
           [["月份", "转移就业（人）", "培训人次"]],
           [["2023年3月", 260, 140], ["2023年6月", 310, 95], ["2023年9月", 180, 60]], [])

    # 6. Consumption purchases: the buyer is a company, kept as written.
    _sheet(wb, "消费帮扶", "采购略阳农特产品",
           [["序号", "采购单位", "采购时间", "产品名称", "采购金额（万元）"]],
           [
               ["1", "溧阳市某机关食堂", "2023年1月16日", "略阳乌鸡、核桃", 46.8],
               ["2", "溧阳某商贸有限公司", "2023年9月5日", "略阳天麻、杜仲茶", 132],
           ], [])

    # 7. Agreements.
    _sheet(wb, "协议", "签订协议",
           [["序号", "协议名称", "签订时间", "帮扶方", "受援方"]],
           [
               ["1", "溧阳市 略阳县东西部协作框架协议（2023—2025年）", "2023年3月15日", "溧阳市", "略阳县"],
               ["2", "两地人民医院结对帮扶协议", "2023年10月10日", "溧阳市", "略阳县"],
           ], [])
    return wb


def save(wb: Workbook, out: Path) -> None:
    """Save with fixed times (document properties and zip entries), so the same workbook gives the same
    bytes, and so the same SHA-256, each time it is written: an imported row cites that hash."""
    wb.properties.creator = "duikou examples"
    buf = io.BytesIO()
    wb.save(buf)
    fixed = "2024-01-15T09:00:00Z"
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", fixed.encode(), data)
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 15, 9, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    save(build(), out)
    print(out)
