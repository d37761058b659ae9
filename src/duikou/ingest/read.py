"""Inputs to Documents: paths, directories, globs and stdin; txt, html, jsonl and WARC.

Everything streams: directories are walked lazily (sorted per directory for
a deterministic order), JSONL and WARC files are read record by record, and
one Document is yielded at a time, so memory stays flat over any number of
files. ``.gz`` and ``.xz`` text, HTML and JSONL files are read like their
plain forms, decompressed as a stream. A bad input becomes a problem on the
RunReport and the run goes on.
"""
from __future__ import annotations

import glob
import gzip
import json
import lzma
import os
import sys
import zlib
from typing import IO, Iterator, Sequence

from duikou import settings
from duikou.errors import InputError
from duikou.ingest.build import make_document
from duikou.ingest.decode import decode, decode_line, decode_stream
from duikou.ingest.document import Document
from duikou.runreport import RunReport

HTML_EXT = (".html", ".htm", ".xhtml", ".shtml")
TEXT_EXT = (".txt", ".text")
JSONL_EXT = (".jsonl", ".ndjson")
WARC_EXT = (".warc", ".warc.gz")
COMPRESSED_EXT = (".gz", ".xz")
SUPPORTED_EXT = HTML_EXT + TEXT_EXT + JSONL_EXT + WARC_EXT + tuple(
    e + c for e in HTML_EXT + TEXT_EXT + JSONL_EXT for c in COMPRESSED_EXT)
_WARC_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# What gzip, zlib and lzma raise on a corrupt or truncated stream.
_DECOMPRESS_ERRORS = (EOFError, OSError, zlib.error, lzma.LZMAError)


def compression_of(path: str) -> str | None:
    """``gz`` or ``xz`` when ``path`` names a compressed file (a .warc.gz is read by the WARC reader)."""
    name = path.lower()
    if name.endswith(WARC_EXT):
        return None
    for ext in COMPRESSED_EXT:
        if name.endswith(ext):
            return ext[1:]
    return None


def kind_of(path: str) -> str:
    """The reader for ``path`` by its name: warc, jsonl, html or text (the default)."""
    name = path.lower()
    if name.endswith(WARC_EXT):
        return "warc"
    if compression_of(name):
        name = name.rsplit(".", 1)[0]
    if name.endswith(JSONL_EXT):
        return "jsonl"
    if name.endswith(HTML_EXT):
        return "html"
    return "text"


def location(path: str) -> str:
    """The canonical location of an input path: resolved and absolute (symlinks, ``..``, ``./``), ``stdin`` for ``-``.

    The same file reached by another path (relative, absolute, through a glob) has one location, so the
    ledger knows it as one report.
    """
    return "stdin" if path == "-" else os.path.realpath(path)


def record_key(container: str, obj: dict[str, object], body: str) -> str:
    """A JSONL record's identity: its own ``id``, else its ``url``, else its content hash, in its file.

    Not its line number: deleting an earlier line must not make the later records new reports.
    """
    rid = obj.get("id")
    if isinstance(rid, (str, int)) and not isinstance(rid, bool) and str(rid).strip():
        return f"{container}#id={str(rid).strip()}"
    url = _str(obj.get("url"))
    if url:
        return url
    return f"{container}#sha1={body}"


def _walk(top: str, report: RunReport | None = None) -> Iterator[str]:
    def unreadable(err: OSError) -> None:  # os.walk skips an unreadable directory silently otherwise
        if report is not None:
            report.problem(err.filename or top, f"cannot read directory: {err.strerror or err}")
            report.count("skipped")

    for root, dirs, files in os.walk(top, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUPPORTED_EXT):
                yield os.path.join(root, name)


def iter_paths(paths: Sequence[str], report: RunReport) -> Iterator[str]:
    """Every input file named by ``paths`` (``-`` stays ``-``); unmatched names are problems."""
    for p in paths:
        if p == "-" or os.path.isfile(p):
            yield p
        elif os.path.isdir(p):
            yield from _walk(p, report)
        elif glob.has_magic(p):
            matched = False
            for m in sorted(glob.iglob(p, recursive=True)):
                matched = True
                if os.path.isdir(m):
                    yield from _walk(m, report)
                elif os.path.isfile(m):
                    yield m
            if not matched:
                report.problem(p, "no file matches this pattern")
                report.count("skipped")
        else:
            report.problem(p, "no such file or directory")
            report.count("skipped")


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<") and ("<html" in head or "<body" in head or "<!doctype" in head or "<p" in head)


def _from_html(source: str, html: str, encoding: str | None, url: str | None = None,
               title: str | None = None, published: str | None = None) -> Document:
    from duikou.ingest.html import extract_page

    page = extract_page(html, url=url)
    if page is None:
        raise InputError(source, "no article text found in the HTML")
    return make_document(source, page.text, encoding=encoding, title=title or page.title, url=url,
                         published=published or page.published, outlet=page.outlet, authors=page.authors)


def _from_pieces(source: str, pieces: list[str], encoding: str | None, html: bool | None,
                 url: str | None = None) -> Document:
    """The Document of a decoded text (``pieces``, consumed): an HTML page when ``html``, or when ``html``
    is None and the text looks like one; else plain text."""
    if html or (html is None and _looks_like_html(_head(pieces, 2048))):
        page = "".join(pieces)
        pieces.clear()
        return _from_html(source, page, encoding, url=url)
    return make_document(source, pieces, encoding=encoding, url=url)


def _head(pieces: list[str], size: int) -> str:
    """The first ``size`` characters of the text ``pieces`` make."""
    head = ""
    for piece in pieces:
        if len(head) >= size:
            break
        head += piece[:size - len(head)]
    return head


def _open_compressed(path: str, compression: str) -> IO[bytes]:
    """A binary stream of the decompressed content."""
    try:
        if compression == "gz":
            return gzip.open(path, "rb")  # type: ignore[return-value]  # a GzipFile is a binary IO
        return lzma.open(path, "rb")
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None


def _corrupt(path: str, compression: str, docs: int, err: BaseException) -> InputError:
    detail = str(err) or type(err).__name__
    return InputError(path, f"corrupt or truncated {compression} file after {docs} document(s): {detail}")


def _decoded(path: str) -> tuple[list[str], str]:
    """The text of a text or HTML file, plain or compressed, as pieces, and its encoding (decode_stream:
    a UTF-8 file is decoded as it is read, never held whole as bytes); refused past the size limit."""
    limit = int(float(settings.get("max_file_mb")) * 1024 * 1024)
    compression = compression_of(path)
    if compression:
        fh = _open_compressed(path, compression)
    else:
        try:
            size = os.path.getsize(path)
            if size > limit:
                raise InputError(path, f"file is {size / 1048576:.0f} MB, over the {limit / 1048576:.0f} MB limit "
                                       "(DUIKOU_MAX_FILE_MB)")
            fh = open(path, "rb")
        except OSError as e:
            raise InputError(path, f"cannot read: {e.strerror or e}") from None
    with fh:
        try:
            return decode_stream(fh, path, limit if compression else None)
        except _DECOMPRESS_ERRORS as e:  # OSError as well: a plain file that cannot be read
            if compression:
                raise _corrupt(path, compression, 0, e) from None
            raise InputError(path, f"cannot read: {getattr(e, 'strerror', None) or e}") from None


def _jsonl_records(source: str, fh: IO[bytes], report: RunReport) -> Iterator[Document]:
    for lineno, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:  # a few invalid bytes become U+FFFD (counted as a problem on the document), not a lost record
            record = decode_line(line, source, lineno)
            del line  # a record of many megabytes: its bytes, its text and its JSON are not all held at once
            obj = json.loads(record)
            del record
        except InputError as e:
            _problem(report, e)
            continue
        except json.JSONDecodeError as e:
            _problem(report, InputError(source, f"invalid JSON: {e.msg} at column {e.colno}", lineno))
            continue
        if not isinstance(obj, dict):
            _problem(report, InputError(source, "JSON line is not an object", lineno))
            continue
        text, html = obj.get("text"), obj.get("html")
        where = f"{source}:{lineno}"
        try:
            if isinstance(html, str) and html and not html.isspace():
                doc = _from_html(where, html, "utf-8", url=_str(obj.get("url")), title=_str(obj.get("title")),
                                 published=_str(obj.get("published")))
            elif isinstance(text, str) and text and not text.isspace():
                del text  # the record's text is held by the pieces list alone: dropped once it is sliced
                doc = make_document(where, [obj.pop("text")], encoding="utf-8", title=_str(obj.get("title")),
                                    url=_str(obj.get("url")), published=_date(obj.get("published")),
                                    outlet=_str(obj.get("outlet")))
            else:
                raise InputError(source, "no non-empty 'text' or 'html' field", lineno)
        except InputError as e:
            _problem(report, InputError(e.source, e.reason, lineno))
            continue
        doc.key = record_key(location(source), obj, doc.id)
        yield doc


def _compressed_jsonl(path: str, compression: str, report: RunReport) -> Iterator[Document]:
    """JSONL records from a .jsonl.gz / .jsonl.xz, decompressed line by line (memory stays flat).

    A corrupt or truncated stream ends the file with one problem naming it; the
    documents read before the damage have already been yielded and are kept.
    """
    docs = 0
    with _open_compressed(path, compression) as fh:
        records = _jsonl_records(path, fh, report)
        while True:
            try:
                doc = next(records)
            except StopIteration:
                return
            except _DECOMPRESS_ERRORS as e:
                raise _corrupt(path, compression, docs, e) from None
            docs += 1
            yield doc


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: object) -> str | None:
    from duikou.ingest.metadata import parse_date

    return parse_date(value) if isinstance(value, str) else None


def _warc_records(path: str, report: RunReport) -> Iterator[Document]:
    from warcio.archiveiterator import ArchiveIterator

    seen = end = 0
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                usable = record.rec_type in ("response", "resource")
                headers = record.http_headers if record.rec_type == "response" else record.rec_headers
                ctype = (headers.get_header("Content-Type") if headers and usable else None) or ""
                payload = record.content_stream().read() if ctype.lower().startswith(_WARC_TYPES) else None
                uri = record.rec_headers.get_header("WARC-Target-URI") or record.rec_headers.get_header(
                    "WARC-Record-ID") or f"record-{seen + 1}"
                if payload is not None and getattr(record.raw_stream, "limit", 0) > 0:
                    raise InputError(path, f"corrupt or truncated WARC after {seen} record(s): "
                                           f"record {uri} ends early")
                end = records.get_record_offset() + records.get_record_length()
                if payload is None:
                    continue
                seen += 1
                source = f"{path}#{uri}"
                try:
                    text, enc = decode(payload, source, declared=_charset(ctype))
                    pieces, payload = [text], None  # the bytes go; the text is the list's alone, dropped once sliced
                    del text
                    doc = _from_pieces(source, pieces, enc, "html" in ctype.lower(), url=uri)
                    # A crawled page is known by its URL wherever the archive lies.
                    doc.key = uri if uri.lower().startswith(("http://", "https://")) else f"{location(path)}#{uri}"
                    yield doc
                except InputError as e:
                    _problem(report, e)
    except InputError:
        raise
    except Exception as e:  # warcio, gzip and zlib raise many types on truncated or corrupt archives
        raise InputError(path, f"corrupt or truncated WARC after {seen} record(s): {type(e).__name__}: {e}") \
            from None
    if end < size and _has_content_after(path, end):  # warcio stops quietly at a truncated gzip member
        raise InputError(path, f"corrupt or truncated WARC after {seen} record(s): "
                               f"{size - end} trailing bytes are no complete record")
    if seen == 0:
        raise InputError(path, "no HTML or text response records in the WARC file")


def _has_content_after(path: str, offset: int) -> bool:
    """Whether anything but the record separator (blank lines) follows ``offset``."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        return bool(fh.read(64).strip())


def _charset(ctype: str) -> str | None:
    """The charset an HTTP Content-Type declares (``text/html; charset=gbk``), or None."""
    low = ctype.lower()
    return low.split("charset=", 1)[1].split(";")[0] if "charset=" in low else None


def _problem(report: RunReport, err: InputError) -> None:
    report.problem(err.source, err.reason, err.line)
    report.count("skipped")


def _read_path(path: str, report: RunReport) -> Iterator[Document]:
    kind = "text" if path == "-" else kind_of(path)
    if kind == "warc":
        yield from _warc_records(path, report)
        return
    if kind == "jsonl":
        compression = compression_of(path)
        if compression:
            yield from _compressed_jsonl(path, compression, report)
            return
        try:
            fh = open(path, "rb")
        except OSError as e:
            raise InputError(path, f"cannot read: {e.strerror or e}") from None
        with fh:
            yield from _jsonl_records(path, fh, report)
        return
    if path == "-":
        import io

        data = sys.stdin.buffer.read()
        if data.lstrip()[:1] == b"{":
            yield from _jsonl_records(path, io.BytesIO(data), report)
            return
        pieces, enc = decode_stream(io.BytesIO(data), path)
        del data
    else:
        pieces, enc = _decoded(path)
    plain = path.lower().rsplit(".", 1)[0] if compression_of(path) else path.lower()
    yield _from_pieces(path, pieces, enc, True if kind == "html" else None if not plain.endswith(TEXT_EXT) else False)


def read_documents(paths: Sequence[str], report: RunReport) -> Iterator[Document]:
    """Documents from files, directories (recursive, sorted), globs and ``-`` (stdin), one at a time.

    Formats: .txt, .html/.htm, .jsonl (``text`` or ``html`` per line, optional
    ``url``, ``title``, ``published``), each also as .gz or .xz, and
    .warc/.warc.gz. Every bad input is a
    problem on ``report`` (one stderr line naming file and line) and is
    counted as ``skipped``; every document yielded is counted as ``read``.
    """
    with report.progress("ingest") as bar:
        for path in iter_paths(paths, report):
            try:
                for doc in _read_path(path, report):
                    if not doc.text.strip():
                        _problem(report, InputError(doc.source, "no article text left after cleaning"))
                        continue
                    for p in doc.problems:
                        report.problem(p.source, p.reason, p.line, p.fatal)
                    if path != "-" and doc.path is None:
                        doc.path = location(path)
                    if doc.key is None:  # one report per file; stdin by its content
                        doc.key = location(path) if path != "-" else f"stdin#sha1={doc.id}"
                    report.count("read")
                    bar.advance()
                    yield doc
            except InputError as e:
                _problem(report, e)
