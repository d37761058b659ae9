"""GET /: what the ledger holds, and the search box (its form goes to GET /search?q=); GET /api/stats: the
same counts as JSON."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from duikou.services import views
from duikou.web.deps import engine, render

router = APIRouter()

# The counts the home page shows, in order, with their labels (keys of services.views.stats).
SHOWN = (("documents_ok", "报道"), ("pairings", "结对关系"), ("events", "活动"), ("agreements", "协议"),
         ("amounts", "资金数额"), ("counts", "数量指标"), ("people", "人物"), ("regions", "地区"),
         ("facts", "事实"), ("judgements_human", "人工判断"))


@router.get("/", include_in_schema=False, response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """The ledger's size at a glance and one search box."""
    stats = views.stats(engine(request))
    shown = [(key, label, stats[key]) for key, label in SHOWN if key in stats]
    return render(request, "home.html", {"stats": stats, "shown": shown})


@router.get("/api/stats", tags=["ledger"])
def api_stats(request: Request) -> dict[str, Any]:
    """How much the ledger holds: documents (ok, failed, off topic, retracted), facts, statements, regions,
    parties, pairings, events, agreements, people, amounts, counts, conflicts and judgements."""
    return views.stats(engine(request))
