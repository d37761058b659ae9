"""The one Jinja2 environment: autoescaped (report text is never marked safe), with the filters and globals
every page uses.

Filters: ``num`` (thousands separators), ``money`` (yuan as 元/万元/亿元), ``day`` and ``when`` (ISO dates
and times, shortened). Globals: ``url_with(request, **changes)``, a link to the current page with some query
parameters changed (None or "" drops one), so filters, sort and page stay in the URL.
"""
from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from duikou.web.config import TEMPLATES_DIR


def num(value: Any, digits: int = 2) -> str:
    """``12345`` as ``12,345``; a float with at most ``digits`` decimals (``1,234.5``); None as "–"."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# Chinese reports state sums in 万元 and 亿元; the ledger keeps yuan.
_MONEY_UNITS = ((1e8, "亿元"), (1e4, "万元"))


def money(value: Any) -> str:
    """A sum in yuan as printed in the reports: ``1.25亿元``, ``350万元``, ``800元`` (None: "–")."""
    if value is None or value == "":
        return "–"
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(float(value)):
        return str(value)
    for size, unit in _MONEY_UNITS:
        if abs(value) >= size:
            return num(value / size, 4) + unit
    return num(value, 2) + "元"


def day(value: Any) -> str:
    """An ISO date or timestamp as its day (``2021-07-01``); a partial date (``2021-07``) as it is."""
    if not value:
        return "–"
    return str(value)[:10]


def when(value: Any) -> str:
    """An ISO timestamp to the minute, in the time zone it was written in (``2026-11-28 22:35 UTC``)."""
    if not value:
        return "–"
    text = str(value)
    if len(text) < 16 or text[10] != "T":
        return text
    zone = " UTC" if text.endswith("+00:00") or text.endswith("Z") else ""
    return text[:10] + " " + text[11:16] + zone


def url_with(request: Request, **changes: Any) -> str:
    """The current path with its query string, ``changes`` applied: a value replaces the parameter (a list
    gives it several values), None or "" removes it. Changing anything but ``page`` goes back to page 1."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    if any(k != "page" for k in changes):
        items = [(k, v) for k, v in items if k != "page"]
    for key, value in changes.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        items.extend((key, str(v)) for v in values if v is not None and v != "")
    query = urlencode(items)
    return request.url.path + (f"?{query}" if query else "")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(num=num, money=money, day=day, when=when)
    env.globals["url_with"] = url_with
    return env


templates = Jinja2Templates(env=_environment())
