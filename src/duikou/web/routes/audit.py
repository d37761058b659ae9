"""GET /audit: what people did to the ledger (reviews, judgements, retractions), newest first, paged and
filtered in the URL by author, fact kind and log; each entry links to what it changed (a fact's report at
the fact, an entity's page, a retracted report) and shows the change as before → after. A curator can undo
a review or a judgement from here (the forms post to :mod:`duikou.web.routes.review`)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from duikou.schema import FACT_KINDS
from duikou.services import review
from duikou.web.deps import engine, render
from duikou.web.labels import label
from duikou.web.routes.documents import entity_href
from duikou.web.routes.review import MAX_PER_PAGE, safe_back, shown_value

router = APIRouter()

PER_PAGE = 50
LOGS = ("review", "judgement", "retraction")  # worded by labels.yaml's audit_log


@dataclass(frozen=True)
class Entry:
    """An audit entry as the page shows it: the service's row (``row``), links to its target and the other
    entity of a judgement (label, href or None), the change in words, and ``undo``: the URL of the form
    that reverses it (None for an undo, a retraction, or an entry undone on this page)."""

    row: dict[str, Any]
    target: tuple[str, str | None]
    other: tuple[str, str | None] | None
    before: str
    after: str
    undo: str | None


def change(row: dict[str, Any]) -> tuple[str, str]:
    """An entry's before and after in words: a corrected field's values (an enum's by its word), a fact's
    review state, a report's status; ("", "") when the entry changes no value (a judgement)."""
    before, after = row["before"], row["after"]
    if row["log"] == "review" and row.get("field"):
        return shown_value(row.get("kind"), row["field"], before), shown_value(row.get("kind"), row["field"], after)
    if row["log"] == "review":
        return label("review_state", before or "unreviewed"), label("review_state", after or "unreviewed")
    if row["log"] == "retraction":
        return label("doc_status", before) or "–", label("doc_status", after) or "–"
    return "", ""


def _target(row: dict[str, Any]) -> tuple[str, str | None]:
    target = str(row["target"] or "")
    if row["log"] == "retraction":
        return f"报道 {target}", f"/documents/{quote(target, safe='')}" if target.isdigit() else None
    if row["log"] == "review":
        return target, f"/evidence/{quote(target, safe='')}" if target else None
    return target, entity_href(target)


def entries(rows: list[dict[str, Any]]) -> list[Entry]:
    """The page's rows as :class:`Entry` s (an entry that an undo on the same page names gets no undo)."""
    undone = {(r["log"], r["undoes"]) for r in rows if r["action"] == "undo" and r["undoes"] is not None}
    out = []
    for r in rows:
        undo = None
        if r["log"] in ("review", "judgement") and r["action"] != "undo" and (r["log"], r["id"]) not in undone:
            undo = f"/review/{r['log']}s/{r['id']}/undo"
        other = str(r["other"]) if r.get("other") else None
        out.append(Entry(r, _target(r), (other, entity_href(other)) if other else None, *change(r), undo))
    return out


@router.get("/audit", include_in_schema=False, response_class=HTMLResponse)
def audit_page(request: Request, author: str = "", kind: str = "", log: str = "", page: int = Query(1, ge=1),
               per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE)) -> HTMLResponse:
    """One page of the audit log."""
    rows, total = review.audit_log(engine(request), per_page, (page - 1) * per_page, author.strip() or None,
                                   kind or None, log or None)
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return render(request, "audit.html", {
        "entries": entries(rows), "total": total, "page": page, "per_page": per_page,
        "pages": max(1, math.ceil(total / per_page)), "author": author, "kind": kind, "log": log,
        "kinds": (*FACT_KINDS, "documents"), "logs": LOGS, "back": safe_back(back)})
