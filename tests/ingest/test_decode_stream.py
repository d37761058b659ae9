"""A byte stream decoded chunk by chunk reads as the whole bytes decode() reads."""
from __future__ import annotations

import codecs
import io

import pytest

from duikou.errors import InputError
from duikou.ingest import decode as dec
from duikou.ingest.decode import decode, decode_stream

TEXT = "2023年5月6日，某县代表团赴某州考察协作工作，捐赠帮扶资金200万元。𠀀\n" * 1000  # past the first read
UTF8 = TEXT.encode("utf-8")


class _Counting(io.BytesIO):
    """A stream that remembers the largest read asked of it."""

    largest = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.largest = max(self.largest, len(data))
        return data


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(dec, "CHUNK_BYTES", 7)  # after the first read (SNIFF_BYTES), cuts characters in every way


@pytest.mark.parametrize("data", [
    UTF8,
    codecs.BOM_UTF8 + UTF8,
    TEXT.encode("gb18030"),
    TEXT.encode("utf-16"),
    UTF8[:90_000] + b"\xff" + UTF8[90_000:],  # one bad byte after many chunks: read again, leniently
    UTF8[:-2],  # cut mid-character at the very end
])
def test_stream_reads_as_decode(small_chunks, data):
    pieces, enc = decode_stream(io.BytesIO(data), "f.txt")
    assert ("".join(pieces), enc) == decode(data, "f.txt")


def test_utf8_is_read_a_chunk_at_a_time(small_chunks):
    stream = _Counting(UTF8)
    pieces, enc = decode_stream(stream, "f.txt")
    assert enc == "utf-8" and len(pieces) > 100 and stream.largest == dec.SNIFF_BYTES
    # each piece is as narrow as its own characters allow: most hold no character beyond the BMP
    assert sum(max(map(ord, p)) <= 0xFFFF for p in pieces) > len(pieces) // 2


def test_other_encodings_are_read_whole(small_chunks):
    stream = _Counting(TEXT.encode("gb18030"))
    pieces, enc = decode_stream(stream, "f.txt")
    assert enc == "gb18030" and pieces == [TEXT] and stream.largest == len(stream.getvalue())


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \n\t\r\n" * 10, "empty file"),
    (b"\x00\x01\x02\x03binary" * 40, "binary"),
])
def test_what_decode_refuses_the_stream_refuses(small_chunks, data, reason):
    with pytest.raises(InputError, match=reason):
        decode_stream(io.BytesIO(data), "f.bin")


@pytest.mark.parametrize("data", [UTF8, TEXT.encode("gb18030")])
def test_a_limit_refuses_longer_content(small_chunks, data):
    with pytest.raises(InputError, match="over the"):
        decode_stream(io.BytesIO(data), "f.txt.gz", limit=len(data) - 1)
    assert "".join(decode_stream(io.BytesIO(data), "f.txt.gz", limit=len(data))[0]) == TEXT
