"""HTML pages through trafilatura (main text and metadata); no hand-written HTML parsing."""
from __future__ import annotations

import re
from dataclasses import dataclass

from duikou.ingest import metadata as meta
from duikou.ingest.normalise import fold_width, to_simplified

HEADER_SCAN_LINES = 400  # page-text lines searched for 来源/发布时间 lines


@dataclass
class Page:
    text: str
    title: str | None
    published: str | None
    outlet: str | None
    authors: list[str]
    sitename: str | None


def extract_page(html: str, url: str | None = None) -> Page | None:
    """The article of an HTML page, or None when trafilatura finds no main text."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True)
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        return None
    published, outlet, credited = _page_header(html)
    authors = [a.strip() for a in (data.get("author") or "").replace(";", ",").split(",") if a.strip()]
    authors += [a for a in credited if a not in authors]
    return Page(text=text, title=data.get("title"), published=published or printed_date(data.get("date"), html),
                outlet=outlet, authors=authors, sitename=data.get("sitename"))


def printed_date(value: str | None, html: str) -> str | None:
    """trafilatura's date (YYYY-MM-DD) when the page prints that day; None for a day made up from a year.

    htmldate pads a bare year (a year in the body text, the copyright line) to YYYY-01-01; a
    publication date nobody printed is worse than none, since every undated 5月6日 resolves
    against it.
    """
    if not value or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value[:10]):
        return None
    y, m, d = value[:4], value[5:7].lstrip("0"), value[8:10].lstrip("0")
    day = re.compile(rf"(?<![0-9]){y}\s*[-/._年]\s*0?{m}\s*[-/._月]\s*0?{d}(?![0-9])"
                     rf"|(?<![0-9]){y}{value[5:7]}{value[8:10]}(?![0-9])")
    return value[:10] if day.search(html) else None


def _page_header(html: str) -> tuple[str | None, str | None, list[str]]:
    """发布时间 and 来源 from the metadata lines of the whole page text (trafilatura drops them)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types on broken markup; then there is no header to read
        return None, None, []
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    lines = [ln.strip() for ln in root.text_content().split("\n") if ln.strip()][:HEADER_SCAN_LINES]
    header = "\n".join(fold_width(to_simplified(ln)) for ln in lines if len(ln) < 200)
    header_lines = [ln for ln in header.split("\n") if meta.is_header_meta(ln)]
    joined = "\n".join(header_lines)
    return meta.parse_date(joined), meta.find_outlet(joined), meta.find_authors(joined)
