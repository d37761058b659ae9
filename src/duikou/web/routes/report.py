"""The yearly evaluation report: GET /report?pairing=&year=[&reviewed_only=true] shows it as a page (the
same markup as the .html and .pdf documents, :mod:`duikou.report.htmldoc`), with links to download it;
``&format=docx|pdf|xlsx|html`` downloads it instead. Without a pairing and a year the page is the form
that asks for them; a pairing or year the ledger cannot report on is the form again with the reason
(status 400).
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from duikou.errors import LedgerError
from duikou.report import FORMATS, MEDIA_TYPES, ReportError, check_format, filename, render, report_view
from duikou.report.htmldoc import css, render_body
from duikou.services.evaluation import evaluation_report
from duikou.web.deps import engine, render as render_page
from duikou.web.lanes import slow_lane

router = APIRouter()

FORMAT_LABELS = {"docx": "Word", "pdf": "PDF", "xlsx": "Excel", "html": "HTML"}
MAX_PAIRING = 200  # characters: a pairing's names or id are far shorter


def disposition(name: str) -> str:
    """A download's Content-Disposition: an ASCII fallback name and the UTF-8 one (RFC 6266 / 5987)."""
    fallback = re.sub(r"[^A-Za-z0-9.]+", "-", name.encode("ascii", "ignore").decode()).strip("-.") or "report"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _year(text: str | None) -> int | None:
    """The year asked for (None when none was); a :class:`LedgerError` for one that is not a year."""
    if text is None or not text.strip():
        return None
    if not text.strip().isdigit() or len(text.strip()) != 4:
        raise LedgerError("年度应为四位数字的年份，例如 2021。")
    return int(text.strip())


@router.get("/report", response_class=HTMLResponse)
async def report_page(request: Request, pairing: str | None = Query(None, max_length=MAX_PAIRING),
                      year: str | None = Query(None, max_length=10), reviewed_only: bool = False,
                      format: str | None = Query(None, max_length=10)) -> Response:  # noqa: A002 - the URL's name
    """The evaluation report of ``pairing`` (HELPER→RECIPIENT by names or codes, or a pairing id) for
    ``year`` as a page, or as a download in ``format`` (made in the slow lane: it takes seconds)."""
    return await slow_lane(request, _report_page, request, pairing, year, reviewed_only, format)


def _report_page(request: Request, pairing: str | None, year: str | None, reviewed_only: bool,
                 format: str | None) -> Response:  # noqa: A002
    form: dict[str, Any] = {"pairing": (pairing or "").strip(), "year": (year or "").strip(),
                            "reviewed_only": reviewed_only}
    ctx: dict[str, Any] = {"form": form, "error": None, "body": None, "downloads": [], "report_css": css()}
    try:
        fmt = check_format(format) if format else None
        y = _year(year)
        if not form["pairing"] or y is None:
            if fmt is not None:
                raise ReportError("下载报告需要给出结对（pairing）和年度（year）。")
            return render_page(request, "report_page.html", ctx)
        report = evaluation_report(engine(request), form["pairing"], y, reviewed_only)
        view = report_view(report)
        if fmt is not None:
            return Response(render(view, fmt), media_type=MEDIA_TYPES[fmt],
                            headers={"Content-Disposition": disposition(filename(view, fmt))})
    except (LedgerError, ReportError) as err:
        ctx["error"] = str(err)
        return render_page(request, "report_page.html", ctx, status_code=400)
    query = {"pairing": form["pairing"], "year": y, **({"reviewed_only": "true"} if reviewed_only else {})}
    ctx.update(body=render_body(view, source_links=True), view=view,
               downloads=[(FORMAT_LABELS[f], f"/report?{urlencode({**query, 'format': f})}", filename(view, f))
                          for f in FORMATS])
    return render_page(request, "report_page.html", ctx)
