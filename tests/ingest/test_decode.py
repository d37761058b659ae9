"""Decoding: UTF-8 with/without BOM, GB18030/GBK/GB2312, Big5, UTF-16; binary and undecodable input."""
from __future__ import annotations

import pytest

from duikou.errors import InputError
from duikou.ingest.decode import decode

HANS = "江苏省某县与陕西省某县召开东西部协作联席会议，双方签订《结对帮扶协议》，捐赠帮扶资金200万元。" * 3
HANT = "江蘇省某縣與陝西省某縣召開東西部協作聯席會議，雙方簽訂《結對幫扶協議》，捐贈幫扶資金200萬元。" * 3


@pytest.mark.parametrize("text, codec, expected", [
    (HANS, "utf-8", "utf-8"),
    (HANS, "utf-8-sig", "utf-8-sig"),
    (HANS, "gb18030", "gb18030"),
    (HANS, "gbk", "gb18030"),
    (HANS, "gb2312", "gb18030"),
    (HANT, "big5", "big5hkscs"),
    (HANT, "cp950", None),
    (HANS, "utf-16", "utf-16"),
    (HANS, "utf-16-le", "utf-16-le"),
    (HANT, "utf-16-be", "utf-16-be"),
    ("plain ASCII report", "ascii", "utf-8"),
])
def test_decode(text, codec, expected):
    got, enc = decode(text.encode(codec), "f.txt")
    assert got == text
    if expected:
        assert enc == expected


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\t\n", "empty file"),
    (bytes(range(256)) * 40, "binary file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
    (bytes([0xFF, 0x80, 0xC0, 0x81, 0x30]) * 50, "undecodable"),
])
def test_bad_bytes_raise_input_error(data, reason):
    with pytest.raises(InputError) as err:
        decode(data, "bad.txt")
    assert err.value.source == "bad.txt"
    assert reason in err.value.reason
