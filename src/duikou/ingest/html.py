"""HTML pages through trafilatura (main text and metadata); no hand-written HTML parsing."""
from __future__ import annotations

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
    return Page(text=text, title=data.get("title"), published=published or data.get("date"), outlet=outlet,
                authors=authors, sitename=data.get("sitename"))


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
