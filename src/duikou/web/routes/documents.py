"""A report as read: GET /documents/{id} (its cleaned text with every fact highlighted at its span, the
facts beside it, its metadata and problems), GET /evidence/{id} (the document behind a fact or an entity,
at that fact) and GET /api/documents/{id} (the same page as JSON).

The text is cut by :meth:`duikou.services.document.DocumentView.segments` into runs; each run that some
fact covers is one ``<mark>`` whose ``data-facts`` names every fact covering it. Its background is the
kind of the innermost (shortest) of those facts and its underline the kind of the outermost, so a
pairing read across three region names shows both. Each fact has an empty anchor ``id="fact-<id>"``
where its span starts: links from other pages land there, and static/js/document.js flashes its runs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from duikou.errors import LedgerError
from duikou.schema import FACT_KINDS
from duikou.services import document as docs
from duikou.services import views
from duikou.web.deps import engine, render
from duikou.web.errors import NotFound
from duikou.web.lanes import in_page_lane
from duikou.web.labels import label, say_fact
from duikou.web.templating import when

router = APIRouter()

def web_url(url: Any) -> str | None:
    """``url`` when it is an http(s) address that a page may link to, else None (shown as text)."""
    if not isinstance(url, str) or any(c in url for c in "\r\n\t"):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def entity_href(entity: str | None) -> str | None:
    """The page of an entity or fact id, by its prefix: a region's, pairing's or person's profile; any
    other entity or a fact: the report it was read from (:func:`evidence`). None for an empty id."""
    if not entity:
        return None
    head, rest = entity[0], entity[1:]
    if head == "R" and rest.isdigit():
        return f"/region/{rest}"
    if head == "P":
        return f"/pairings/{quote(entity, safe='')}"
    if head == "H":
        return f"/person/{quote(entity, safe='')}"
    return f"/evidence/{quote(entity, safe='')}"


@dataclass(frozen=True)
class Run:
    """A run of the text as the page draws it: ``facts`` covering it, innermost (shortest) first (empty:
    plain text), their ``kinds`` in that order, the kinds that colour it (``inner``: background, ``outer``:
    underline, when another fact wraps the innermost), ``anchors`` (facts whose span starts here)
    and ``title`` (what the covering facts say, in Chinese, for a tooltip)."""

    text: str
    facts: list[str]
    kinds: list[str]
    inner: str | None
    outer: str | None
    anchors: list[str]
    title: str


def runs(view: docs.DocumentView) -> list[Run]:
    """The page's text as :class:`Run` s: every segment of :meth:`DocumentView.segments`, coloured."""
    by_id = {f.id: f for f in view.facts}

    def width(fid: str) -> int:
        shown = by_id[fid].shown
        return shown[1] - shown[0] if shown else 0

    out: list[Run] = []
    started: set[str] = set()
    for seg in view.segments():
        covering = sorted(seg.facts, key=width)
        anchors = [f for f in seg.facts if f not in started]
        started.update(anchors)
        kinds = [by_id[f].kind for f in covering]
        title = "\n".join(f"{label('kind', by_id[f].kind)}：{say_fact(by_id[f].gist)}" for f in covering)
        out.append(Run(seg.text, covering, kinds, kinds[0] if kinds else None,
                       kinds[-1] if len(kinds) > 1 else None, anchors, title))
    return out


def load(request: Request, doc_id: int) -> docs.DocumentView:
    """The document's view (the service's NotFoundError is a 404 naming the id: web/errors.py)."""
    return docs.document_view(engine(request), doc_id)


def _metadata(view: docs.DocumentView) -> list[tuple[str, Any, str | None]]:
    """(label, value, link) rows of the report's metadata, leaving out what it does not have."""
    m = view.meta
    verdict = None
    if m.get("on_topic") is not None:
        verdict = ("相关" if m["on_topic"] else "不相关") + (f"（得分 {m['topic_score']:.2f}）"
                                                      if isinstance(m.get("topic_score"), (int, float)) else "")
    rows: list[tuple[str, Any, str | None]] = [
        ("发布日期", m.get("published"), None), ("媒体", m.get("outlet"), None),
        ("作者", "、".join(m["authors"]) if m.get("authors") else None, None),
        ("网址", m.get("url"), web_url(m.get("url"))), ("来源", m.get("source"), None),
        ("文件", m.get("path") if m.get("path") != m.get("source") else None, None),
        ("报道方", label("side", m.get("side")), None),
        ("相关性", verdict, None), ("判断依据", m.get("topic_reason"), None),
        ("判断范围", label("topic_scope", m.get("topic_scope")), None),
        ("来历", label("provenance", m.get("provenance")), None),
        ("引用", _citation(m.get("citation")), None), ("状态", label("doc_status", m.get("status")), None),
        ("状态说明", m.get("reason"), None), ("字形", label("script", m.get("script")), None),
        ("首次读入", when(m.get("first_seen")) if m.get("first_seen") else None, None),
        ("最近读入", when(m.get("last_seen")) if m.get("last_seen") else None, None)]
    return [r for r in rows if r[1] not in (None, "", [])]


def _citation(citation: Any) -> str | None:
    if isinstance(citation, dict):
        return "，".join(f"{label('citation', k)}：{v}" for k, v in citation.items() if v not in (None, ""))
    return str(citation) if citation else None


@router.get("/documents/{doc_id}", include_in_schema=False, response_class=HTMLResponse)
def document_page(request: Request, doc_id: int) -> HTMLResponse:
    """One report: highlighted text, its facts, metadata and problems."""
    view = load(request, doc_id)
    counts = {k: sum(1 for f in view.facts if f.kind == k) for k in FACT_KINDS}
    legend = [(k, label("kind", k), n) for k, n in counts.items() if n]
    return render(request, "document.html", {
        "doc": view, "runs": runs(view), "legend": legend, "metadata": _metadata(view),
        "title": view.meta.get("title") or view.meta.get("source") or f"报道 {doc_id}", "entity_href": entity_href,
        "unplaced": sum(1 for f in view.facts if f.shown is None)})


@router.get("/evidence/{ident}", include_in_schema=False)
def evidence(request: Request, ident: str) -> RedirectResponse:
    """The document a fact was read from, at the fact; for an entity id, its first report's fact."""
    try:
        found = views.sources(engine(request), ident)
    except LedgerError as exc:
        raise NotFound(f"台账中没有编号为 {ident} 的事实或实体。") from exc
    first = found[0]
    return RedirectResponse(f"/documents/{first['document']}#fact-{quote(first['fact'], safe='')}", status_code=303)


# -- the JSON API -----------------------------------------------------------------------------------
class FactOut(BaseModel):
    """A fact of the report: its span as stored and as highlighted (``shown``: clipped to the text, null
    when it has none), what it says (``data``; ``what``: a few words), its entity and review state."""

    id: str
    kind: str
    seq: int
    span_start: int | None
    span_end: int | None
    shown: list[int] | None
    quote: str | None
    what: str
    data: dict[str, Any]
    confidence: float | None
    extractor: str | None
    entity: str
    review: str | None = Field(description="accepted, corrected, rejected, or null (not reviewed)")


class SegmentOut(BaseModel):
    """A run of the text (``start``..``end``) and the facts covering it."""

    text: str
    facts: list[str]
    start: int
    end: int


class DocumentOut(BaseModel):
    """A report: ``meta`` (title, published, outlet, url, source, path, side, status, relevance verdict,
    provenance, citation, ...), its cleaned ``text``, its ``facts`` in document order, the ``problems``
    builds had with it, ``names`` (party id -> name) and the text as highlight ``segments``."""

    id: int
    meta: dict[str, Any]
    text: str
    facts: list[FactOut]
    problems: list[dict[str, Any]]
    names: dict[str, str]
    segments: list[SegmentOut]


@router.get("/api/documents/{doc_id}", response_model=DocumentOut, tags=["documents"],
            responses={404: {"description": "no such document", "content": {"application/json": {
                "example": {"error": "台账中没有编号为 9 的报道。"}}}}})
@in_page_lane
def document_api(request: Request, doc_id: int) -> dict[str, Any]:
    """A report with its metadata, text, facts (span, data, review state), problems and highlight runs."""
    return load(request, doc_id).to_dict()
