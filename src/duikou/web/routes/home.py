"""GET /: what the ledger holds, and the search box (its form goes to GET /search?q=); GET /api/stats: the
same counts as JSON."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from duikou.services import views
from duikou.web.deps import engine, render
from duikou.web.lanes import in_page_lane
from duikou.web.labels import label

router = APIRouter()

# The counts the home page shows, in order (keys of services.views.stats; labels.yaml's stat words them).
SHOWN = ("documents_ok", "pairings", "events", "agreements", "amounts", "counts", "people", "regions", "facts",
         "judgements_human")


@router.get("/", include_in_schema=False, response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """The ledger's size at a glance and one search box."""
    stats = views.stats(engine(request))
    shown = [(key, label("stat", key), stats[key]) for key in SHOWN if key in stats]
    return render(request, "home.html", {"stats": stats, "shown": shown})


@router.get("/api/stats", tags=["ledger"])
@in_page_lane
def api_stats(request: Request) -> dict[str, Any]:
    """How much the ledger holds: documents (ok, failed, off topic, retracted), facts, statements, regions,
    parties, pairings, events, agreements, people, amounts, counts, conflicts and judgements."""
    return views.stats(engine(request))
