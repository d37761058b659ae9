"""GET /search?q=: one box over the ledger (regions by name, short form or code; parties; people;
agreements; documents; pairings between two names), the hits grouped by kind, each linking to its page."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from duikou.services.lists import QueryError
from duikou.services.search import HIT_KINDS, Hit, search
from duikou.web.deps import engine, render
from duikou.web.labels import label, say_hit

router = APIRouter()

LIMIT = 60  # hits a page shows, all kinds together


def hit_url(hit: Hit) -> str:
    """Where a hit opens: a region's or party's profile, a pairing, a person, a document, or the agreements
    list narrowed to the agreement (agreements have no page of their own)."""
    key = hit.key
    if hit.kind == "region":
        return f"/region/{quote(key, safe='')}"
    if hit.kind == "party":
        return f"/party/{quote(key, safe='')}"
    if hit.kind == "person":
        return f"/person/{quote(key, safe='')}"
    if hit.kind == "pairing":
        return f"/pairings/{quote(key, safe='')}"
    if hit.kind == "document":
        return f"/documents/{quote(key, safe='')}"
    return "/agreements?" + urlencode({"q": key})


def grouped(hits: list[Hit]) -> list[dict[str, Any]]:
    """The hits by kind (kinds in :data:`HIT_KINDS` order, the ranking kept within each), each hit with
    its ``url`` and its ``detail`` in Chinese (:func:`~duikou.web.labels.say_hit`); kinds without hits
    left out."""
    out = []
    for kind in HIT_KINDS:
        mine = [{**h.to_dict(), "detail": say_hit(h), "url": hit_url(h)} for h in hits if h.kind == kind]
        if mine:
            out.append({"kind": kind, "title": label("hit", kind), "hits": mine})
    return out


@router.get("/search", include_in_schema=False, response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    """The search box and, when ``q`` is given, what it found (a bad search: the reason, status 400)."""
    groups: list[dict[str, Any]] = []
    error: QueryError | None = None
    total = 0
    if q.strip():
        try:
            hits = search(engine(request), q, LIMIT)
        except QueryError as err:
            error = err
        else:
            total = len(hits)
            groups = grouped(hits)
    return render(request, "search.html", {"q": q, "groups": groups, "total": total, "error": error,
                                           "limit": LIMIT}, status_code=400 if error else 200)
