"""Shared fixtures builders for the ingest tests: WARC files written here, never taken from a crawl."""
from __future__ import annotations

import io
from pathlib import Path


def write_warc(path: Path, records: list[tuple[str, str, bytes]], gz: bool = True) -> str:
    """A WARC of HTTP ``response`` records ``(uri, content type, body)``; its path."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for uri, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return str(path)
