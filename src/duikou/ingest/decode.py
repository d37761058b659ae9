"""Bytes to text: UTF-8 (fast path), UTF-16/32, GB18030 family, Big5 family.

charset-normalizer decides when the bytes are not valid UTF-8. Anything else
(binary data, an encoding outside the Chinese news world, bytes no candidate
decodes) raises :class:`InputError`; nothing is decoded by guessing.

A text that is plainly one encoding but holds a few invalid bytes (one bad
byte, a file cut mid-character) keeps its report: the bad bytes become U+FFFD,
which normalisation counts as a problem on the document. A charset declared
with the input (a WARC record's HTTP header) is tried first, by the same
lenient rule.
"""
from __future__ import annotations

import codecs
from typing import IO

from duikou.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer names we accept, mapped to the codec used for the whole input.
_ACCEPTED = {
    "ascii": "utf-8", "utf_8": "utf-8",
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": None,
    "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "cp950",
    "utf_16": "utf-16", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be",
    "utf_32": "utf-32", "utf_32_le": "utf-32-le", "utf_32_be": "utf-32-be",
}
# Declared charsets read with their superset: pages labelled GB2312 routinely use GBK characters.
_DECLARED_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030"}
SNIFF_BYTES = 64 * 1024  # charset-normalizer looks at this much at most
# A text with invalid bytes is still that encoding when its good non-ASCII characters outnumber the bad
# sequences this many times: GB18030 or Big5 read as UTF-8 (and the reverse) gives almost nothing but bad ones.
MIN_GOOD_PER_BAD = 20
_FFFD_UTF8 = "\ufffd".encode("utf-8")
# Bytes decoded at a time from a stream: neither all the bytes nor one string wider than its
# characters need is ever held (one character beyond the BMP widens a whole string to 4 bytes each).
CHUNK_BYTES = 1 << 20


def _lenient(data: bytes, enc: str) -> str | None:
    """``data`` decoded as ``enc`` with invalid bytes replaced, or None when the bad bytes are too many for ``enc``."""
    text = data.decode(enc, errors="replace")
    replaced = text.count("\ufffd")
    if enc.startswith("utf-8"):  # a U+FFFD the input holds is the bytes EF BF BD, never part of a bad sequence
        genuine = data.count(_FFFD_UTF8)
    else:  # no such rule for the other codecs: decode once more, dropping the bad bytes
        genuine = data.decode(enc, errors="ignore").count("\ufffd")
    bad = replaced - genuine
    good = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    return text if bad and good >= MIN_GOOD_PER_BAD * bad else None


def decode_line(data: bytes, source: str, lineno: int | None = None) -> str:
    """One UTF-8 line (a JSONL record), kept when it has only a few invalid bytes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        text = _lenient(data, "utf-8-sig")
        if text is None:
            raise InputError(source, f"line is not UTF-8 (byte {e.start})", lineno) from None
        return text


def declared_codec(charset: str | None) -> str | None:
    """The codec for a declared charset name (``charset=GBK`` reads as gb18030); None when Python knows none."""
    name = (charset or "").strip().strip("\"'").lower()
    if not name:
        return None
    name = _DECLARED_SUPERSET.get(name, name)
    try:
        b"x".decode(name, errors="ignore")  # LookupError for an unknown name and for a codec that is no text encoding (base64)
    except LookupError:
        return None
    return name


def _decode_as(data: bytes, enc: str, source: str) -> tuple[str, str]:
    """``data`` as ``enc``, a few bad bytes replaced; InputError when they are more."""
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError as e:
        text = _lenient(data, enc)
        if text is not None:
            return text, enc
        raise InputError(source, f"undecodable: invalid {enc} at byte {e.start}") from None


def _by_bom(data: bytes, source: str) -> tuple[str, str] | None:
    """The text of ``data`` by its byte-order mark; None without one. A BOM is certain: what it contradicts is an error."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, enc, source)
    return None


def _as_utf8(data: bytes) -> tuple[str, str] | None:
    """The text of ``data`` as UTF-8 (a few bad bytes replaced); None when it is not UTF-8."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text = _lenient(data, "utf-8")
        return (text, "utf-8") if text is not None else None


def _detected(data: bytes, source: str, has_nul: bool) -> tuple[str, str]:
    """The text of ``data`` in the encoding charset-normalizer finds, or InputError."""
    import charset_normalizer

    sample = data[:SNIFF_BYTES]
    best = charset_normalizer.from_bytes(sample).best()
    for cut in (1, 2, 3):  # a file cut mid-character: the sample's last bytes are half a character
        if best is not None or len(sample) <= cut:
            break
        best = charset_normalizer.from_bytes(sample[:-cut]).best()
    name = best.encoding if best is not None else None
    guessed = _ACCEPTED.get(name or "")
    # NUL bytes are text only inside UTF-16/32 (which decode them away); 'utf-8' here means ASCII with NULs
    if has_nul and (guessed is None or not guessed.startswith("utf-") or guessed == "utf-8"):
        raise InputError(source, "binary file (NUL bytes, not UTF-16/32 text)")
    if guessed is None:
        detail = f" (looks like {name})" if name else ""
        raise InputError(source, f"undecodable: not UTF-8, UTF-16, GB18030 or Big5{detail}")
    if guessed == "utf-8":  # the sample was clean but the rest is not
        guessed = "gb18030"
    return _decode_as(data, guessed, source)


def decode(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding used. Raises InputError for empty, binary or undecodable input.

    ``declared`` (a charset the input came labelled with) is tried first; when its reading fails,
    the bytes are read as a file is (BOM, UTF-8), then by the declared charset with a few bad bytes
    replaced, then by detection. UTF-8 goes before the declared charset's lenient reading because a
    mislabelled UTF-8 page reads as GB18030 mojibake with few invalid sequences.
    """
    codec = declared_codec(declared)
    if codec is not None:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    if not data.strip():
        raise InputError(source, "empty file")
    found = _by_bom(data, source)
    if found is not None:
        return found
    has_nul = b"\x00" in data[:SNIFF_BYTES]
    if not has_nul:  # NUL is no UTF-8, GB18030 or Big5 text: only detection (UTF-16/32) may read it
        found = _as_utf8(data)
        if found is None and codec is not None:
            text = _lenient(data, codec)
            found = (text, codec) if text is not None else None
        if found is not None:
            return found
    return _detected(data, source, has_nul)


def _over_limit(source: str, limit: int) -> InputError:
    return InputError(source, f"decompressed content is over the {limit / 1048576:.0f} MB limit (DUIKOU_MAX_FILE_MB)")


def _strict_pieces(fh: IO[bytes], first: bytes, codec: str, source: str, limit: int | None) -> list[str] | None:
    """The rest of ``fh`` after ``first`` decoded strictly as ``codec``, a chunk at a time; None at an invalid byte."""
    decoder = codecs.getincrementaldecoder(codec)()
    pieces: list[str] = []
    blank, total, chunk = True, 0, first
    while True:
        total += len(chunk)
        if limit is not None and total > limit:
            raise _over_limit(source, limit)
        blank = blank and not chunk.strip()
        try:
            piece = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            return None
        if piece:
            pieces.append(piece)
        if not chunk:
            break
        chunk = fh.read(CHUNK_BYTES)
    if blank:
        raise InputError(source, "empty file")
    return pieces


def decode_stream(fh: IO[bytes], source: str, limit: int | None = None) -> tuple[list[str], str]:
    """The text of a seekable byte stream, as pieces that joined are :func:`decode`'s text, and the encoding.

    Strict UTF-8, with or without a BOM (the common case), is decoded a chunk at a time: the whole
    bytes are never in memory, and each piece is stored as narrow as its own characters allow.
    Anything else (another encoding, invalid bytes) is read again whole and given to :func:`decode`.
    ``limit`` (bytes, for decompressed streams) refuses a longer content.
    """
    first = fh.read(max(CHUNK_BYTES, SNIFF_BYTES))
    codec = "utf-8-sig" if first.startswith(codecs.BOM_UTF8) else "utf-8"
    # decode() reads a file with another BOM, or with NUL bytes, by that BOM or by detection
    other = codec == "utf-8" and (first.startswith(tuple(b for b, _ in _BOMS)) or b"\x00" in first[:SNIFF_BYTES])
    if not other:
        pieces = _strict_pieces(fh, first, codec, source, limit)
        if pieces is not None:
            return pieces, codec
    del first
    fh.seek(0)
    data = fh.read(-1 if limit is None else limit + 1)
    if limit is not None and len(data) > limit:
        raise _over_limit(source, limit)
    text, enc = decode(data, source)
    return [text], enc
