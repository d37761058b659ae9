"""Reading 台账 files: merged cells filled, headers flattened, .xlsx/.xls/.csv, and the files that cannot be
read (password-protected, damaged, another kind of file) as one error naming the file."""
from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

import pytest

from duikou.errors import InputError
from duikou.services.records.header import layout
from duikou.services.records.mapping import load_mapping
from duikou.services.records.sheet import read_workbook
from tests.records.helpers import workbook

TWO_ROW = [["2023年资金台账"], ["单位：万元"], ["序号", "日期", "资金", None, "备注"],
           [None, None, "财政援助资金", "社会帮扶资金", None],
           ["1", dt.datetime(2023, 3, 1), 100, 20, "甲"], ["2", None, 50, None, "乙"]]


def _two_row(path: Path) -> Path:
    return workbook(path, {"资金": TWO_ROW}, {"资金": ["A1:E1", "A2:E2", "C3:D3", "A3:A4", "B3:B4", "E3:E4", "B5:B6"]})


def test_merged_cells_are_filled_and_a_two_row_header_flattened(tmp_path: Path) -> None:
    book = read_workbook(_two_row(tmp_path / "t.xlsx"))
    [grid] = book.sheets
    rows = dict(grid.rows)
    assert rows[6][:2] == ["2", dt.datetime(2023, 3, 1)]  # the date merged down over rows 5-6
    assert rows[3][2:4] == ["资金", "资金"]  # the group header merged across
    lay = layout(grid, load_mapping())
    assert (lay.titles, lay.money_unit, lay.header_end) == (["2023年资金台账"], "万元", 4)
    assert [(c.header, c.field, c.role) for c in lay.columns] == [
        ("序号", "skip", None), ("日期", "date", None), ("资金/财政援助资金", "amount", "assistance"),
        ("资金/社会帮扶资金", "amount", "donation"), ("备注", "skip", None)]
    assert [n for n, _ in lay.data] == [5, 6]
    assert len(book.sha256) == 64


def test_a_first_data_row_of_plain_text_is_not_taken_for_a_header(tmp_path: Path) -> None:
    path = workbook(tmp_path / "p.xlsx", {"结对": [["帮扶方", "受援方", "结对类型"], ["溧阳市", "略阳县", "县际结对"]]})
    lay = layout(read_workbook(path).sheets[0], load_mapping())
    assert [c.field for c in lay.columns] == ["helper", "recipient", "category"]
    assert [n for n, _ in lay.data] == [2]


def test_year_columns_under_a_figure_header_carry_their_year(tmp_path: Path) -> None:
    path = workbook(tmp_path / "y.xlsx", {"s": [["帮扶方", "财政援助资金（万元）", None], [None, "2021年", "2022年"],
                                               ["溧阳市", 100, 120]]}, {"s": ["B1:C1", "A1:A2"]})
    lay = layout(read_workbook(path).sheets[0], load_mapping())
    assert [(c.field, c.year, c.unit) for c in lay.columns] == [("helper", None, None), ("amount", 2021, "万元"),
                                                               ("amount", 2022, "万元")]


def test_csv_in_utf8_and_gb18030(tmp_path: Path) -> None:
    text = "日期,帮扶方,受援方,财政援助资金（万元）\n2023年5月6日,溧阳市,略阳县,100\n"
    for enc in ("utf-8-sig", "gb18030"):
        p = tmp_path / f"t_{enc}.csv"
        p.write_bytes(text.encode(enc))
        [grid] = read_workbook(p).sheets
        assert grid.rows == [(1, ["日期", "帮扶方", "受援方", "财政援助资金（万元）"]),
                             (2, ["2023年5月6日", "溧阳市", "略阳县", "100"])]


def test_an_old_xls_workbook_with_merged_cells(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt", reason="xlwt (dev) writes the .xls this test reads")
    pytest.importorskip("xlrd", reason="xlrd reads .xls")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("资金")
    ws.write_merge(0, 0, 0, 2, "台账")
    for c, v in enumerate(["日期", "帮扶方", "财政援助资金（万元）"]):
        ws.write(1, c, v)
    ws.write(2, 0, dt.datetime(2023, 5, 6), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    ws.write(2, 1, "溧阳市")
    ws.write(2, 2, 80)
    p = tmp_path / "old.xls"
    wb.save(str(p))
    [grid] = read_workbook(p).sheets
    assert grid.rows == [(1, ["台账", "台账", "台账"]), (2, ["日期", "帮扶方", "财政援助资金（万元）"]),
                         (3, [dt.datetime(2023, 5, 6), "溧阳市", 80.0])]


def _ole(streams: list[str]) -> bytes:
    """A minimal compound file (the container of .xls and of encrypted Office files): a header and one
    directory sector naming ``streams`` (UTF-16LE, as Office writes them)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<I", header, 48, 0)  # the directory starts at sector 0
    directory = bytearray()
    for name in ["Root Entry", *streams]:
        entry = bytearray(128)
        raw = name.encode("utf-16-le")
        entry[:len(raw)] = raw
        struct.pack_into("<H", entry, 64, len(raw) + 2)
        entry[66] = 5 if name == "Root Entry" else 2
        directory += entry
    return bytes(header) + bytes(directory).ljust(512, b"\0")


def test_a_password_protected_workbook_is_one_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "locked.xlsx"
    p.write_bytes(_ole(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(InputError, match="locked.xlsx: is password-protected"):
        read_workbook(p)


def test_a_workbook_encrypted_by_office_is_refused(tmp_path: Path) -> None:
    msoffcrypto = pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool (dev) encrypts the test workbook")
    plain = _two_row(tmp_path / "plain.xlsx")
    out = io.BytesIO()
    with open(plain, "rb") as fh:
        msoffcrypto.OfficeFile(fh).encrypt("secret", out)
    p = tmp_path / "secret.xlsx"
    p.write_bytes(out.getvalue())
    with pytest.raises(InputError, match="secret.xlsx: is password-protected"):
        read_workbook(p)


@pytest.mark.parametrize("name, content, why", [
    ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 40, "damaged"),
    ("truncated.xlsx", None, "damaged"),
    ("word.xlsx", "docx", "not an Excel workbook"),
    ("text.xlsx", "这不是表格".encode(), "not an Excel workbook"),
    ("report.pdf", b"%PDF-1.4", "not a spreadsheet"),
    ("empty.xlsx", b"", "is empty"),
    ("bad.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "damaged or not an Excel workbook"),
    ("binary.csv", b"\x00\x01\x02", "not a text CSV"),
])
def test_a_file_that_cannot_be_read_is_one_error_naming_it(tmp_path: Path, name: str, content: object,
                                                          why: str) -> None:
    p = tmp_path / name
    if content is None:  # a real workbook cut in half
        p.write_bytes(_two_row(tmp_path / "whole.xlsx").read_bytes()[:900])
    elif content == "docx":
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("word/document.xml", "<w:document/>")
    else:
        assert isinstance(content, bytes)
        p.write_bytes(content)
    with pytest.raises(InputError, match=f"{name}: .*{why}"):
        read_workbook(p)
