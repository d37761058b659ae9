"""Reviewing the ledger by hand: GET /review (the queue of facts, lowest confidence and most cited first,
each with its sentence and the forms that accept, reject, correct or undo it, and mark two entities the
same or different) and the POST routes those forms send.

Every POST needs a curator (and the session's CSRF token); its author is the signed-in user. An htmx
request (``HX-Request``) gets the fact's item back, redrawn with its new state and a message (or the
error, so the swap shows it); a plain form post is redirected back to the page it came from (``back``:
/review or /audit with their filters) with a one-line message.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from duikou.errors import DuikouError, LedgerError
from duikou.schema import FACT_KINDS, fact_types
from duikou.services import document as docs
from duikou.services import review, views
from duikou.web.deps import User, engine, flash, render, require_writer
from duikou.web.errors import NotFound
from duikou.web.labels import enum_group, label, labels, say_fact
from duikou.web.routes.documents import entity_href, web_url
from duikou.web.templating import num

router = APIRouter()

CURATOR = "curator"
QUEUE_STATES = ("unreviewed", "accepted", "corrected", "rejected", "all")
PER_PAGE = 20
MAX_PER_PAGE = 100
BACK_PATHS = ("/review", "/audit")  # where a plain form post may return to
_LIST_SPLIT = re.compile(r"[、,，;；\n]+")


class FormError(DuikouError):
    """A review form's value cannot be read as the property's type (400, the message names the field)."""


@dataclass(frozen=True)
class Field:
    """A property a correction may set: its ``name`` (``title``: its Chinese name), schema ``type``,
    allowed values (``enum``; ``choices``: each with its word) and what the fact says now (``value``, as
    JSON text; ``shown``: as a page says it: the parties or regions it names, an enum's word, a number
    with separators, 是/否...)."""

    name: str
    title: str
    type: str
    enum: tuple[str, ...]
    choices: tuple[tuple[str, str], ...]
    nullable: bool
    value: str
    shown: str


@dataclass(frozen=True)
class Item:
    """A fact as the queue shows it: what it says, its report and sentence (``sentence``: runs of the
    quote, True where the fact's span is), its reviews (``history``; ``undo``: the latest in force, which
    the undo button reverses) and the properties a correction may set."""

    fact: str
    kind: str
    what: str
    data: dict[str, Any]
    confidence: float | None
    entity: str
    sources: int
    review: str
    document: dict[str, Any]
    sentence: list[tuple[str, bool]]
    history: list[dict[str, Any]]
    undo: dict[str, Any] | None
    fields: list[Field]


def sentence(text: str, start: int | None, end: int | None, quote: str | None) -> list[tuple[str, bool]]:
    """The fact's sentence as runs, the span ``start``..``end`` of ``text`` marked (True) inside ``quote``.

    The quote is found in the text around the span, so a name the sentence repeats is marked where the
    fact read it. Without a quote, the span and a few characters each side; without a usable span, the
    quote unmarked (a fact entered by hand has neither: no runs).
    """
    span = docs.clip(start, end, len(text))
    if span is None:
        return [(quote, False)] if quote else []
    s, e = span
    if quote:
        at = text.find(quote, max(0, e - len(quote)))
        if 0 <= at <= s and at + len(quote) >= e:
            runs = [(quote[:s - at], False), (text[s:e], True), (quote[e - at:], False)]
            return [r for r in runs if r[0]]
        inside = quote.find(text[s:e])
        if inside < 0:
            return [(quote, False)]
        s, e, text = inside, inside + e - s, quote
        return [r for r in [(text[:s], False), (text[s:e], True), (text[e:], False)] if r[0]]
    left, right = max(0, s - 30), min(len(text), e + 30)
    return [r for r in [(text[left:s], False), (text[s:e], True), (text[e:right], False)] if r[0]]


def _fields(kind: str, data: dict[str, Any], names: dict[str, str]) -> list[Field]:
    found = fact_types().get(kind)
    if found is None:
        return []
    out = []
    for p in found.properties:
        value = data.get(p.name)
        group = enum_group(kind, p.name)
        named = [names.get(v, v) for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
        shown = "、".join(named) if p.type in ("party", "region", "list[party]") and named else \
            shown_value(kind, p.name, value)
        out.append(Field(p.name, label("field", p.name), p.type, p.enum or (),
                         tuple((e, label(group, e)) for e in p.enum or ()) if group else (), p.nullable,
                         json.dumps(value, ensure_ascii=False), shown))
    return out


def shown_value(kind: str | None, field: str | None, value: Any) -> str:
    """A property's value as the review history and the audit log show it: an enum's word, a number with
    separators, yes/no as 是/否, a list joined with 、 ("–" for null)."""
    group = enum_group(kind or "", field or "")
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return num(value, 4)
    if isinstance(value, list):
        return "、".join(shown_value(kind, None, v) for v in value) or "–"
    if isinstance(value, str):
        return label(group, value) if group else value
    return json.dumps(value, ensure_ascii=False)


def doc_label(title: Any, source: Any, doc_id: int) -> str:
    """A report as a link shows it: its title, else its file's or URL's last part, else its number."""
    if title:
        return str(title)
    tail = str(source or "").rstrip("/").rsplit("/", 1)[-1]
    return tail or f"报道 {doc_id}"


def _item(eng: Engine, fact_id: str, doc_id: int, cited: int, cache: dict[int, docs.DocumentView]) -> Item:
    if doc_id not in cache:
        cache[doc_id] = docs.document_view(eng, doc_id)
    view = cache[doc_id]
    f = view.fact(fact_id)
    if f is None:
        raise NotFound(f"报道 {doc_id} 中没有事实 {fact_id}。")
    history = review.fact_history(eng, fact_id)
    in_force = [h for h in history if h["action"] != "undo" and not h["undone"]]
    m = view.meta
    return Item(f.id, f.kind, say_fact(f.gist), f.data, f.confidence, f.entity, cited, f.review or "unreviewed",
                {"id": view.id, "label": doc_label(m.get("title"), m.get("source"), view.id),
                 "published": m.get("published"), "url": web_url(m.get("url"))},
                sentence(view.text, f.span_start, f.span_end, f.quote), history, in_force[-1] if in_force else None,
                _fields(f.kind, f.data, view.names))


def queue_items(eng: Engine, rows: list[dict[str, Any]]) -> list[Item]:
    """The queue's rows (:func:`duikou.services.review.review_queue`) as items: the same items
    :func:`find_item` makes of each fact, from what the page reads of its reports at once
    (:func:`duikou.services.review.queue_context`) instead of a document view and a history per fact."""
    ctx = review.queue_context(eng, rows)
    out = []
    for r in rows:
        history = ctx["histories"].get(r["fact"], [])
        in_force = [h for h in history if h["action"] != "undo" and not h["undone"]]
        d, names = r["document"], ctx["names"]
        out.append(Item(
            r["fact"], r["kind"], say_fact(docs.gist(r["kind"], r["data"], names)), r["data"], r["confidence"],
            r["entity"], r["sources"], r["review"],
            {"id": d["id"], "label": doc_label(d["title"], d["source"], d["id"]), "published": d["published"],
             "url": web_url(d["url"])},
            sentence(ctx["texts"].get(d["id"], ""), r["start"], r["end"], r["quote"]), history,
            in_force[-1] if in_force else None, _fields(r["kind"], r["data"], names)))
    return out


def find_item(eng: Engine, fact_id: str) -> Item:
    """The item of fact ``fact_id`` (a 404 when the ledger has no such fact)."""
    try:
        found = views.sources(eng, fact_id)
    except LedgerError as exc:
        raise NotFound(f"台账中没有编号为 {fact_id} 的事实。") from exc
    fact = next((s for s in found if s["fact"] == fact_id), None)
    if fact is None:
        raise NotFound(f"{fact_id} 不是一条事实的编号。")
    cited = len({s["document"] for s in views.sources(eng, fact["entity"])}) if fact["entity"] else 1
    return _item(eng, fact_id, fact["document"], cited, {})


def parse_value(kind: str, field: str, text: str) -> Any:
    """A correction's form value as property ``field`` of a ``kind`` fact takes it: empty or ``null`` is
    null; numbers, yes/no and lists (separated by 、 or commas, or JSON) by the property's type; anything
    else as the text. The schema check (in the ledger) then says whether the value is allowed."""
    found = fact_types().get(kind)
    if found is None or field not in found.names:
        names = "、".join(found.names) if found else ""
        raise FormError(f"{label('kind', kind)}没有字段 {field!r}" + (f"（可选：{names}）" if names else ""))
    type_ = found.prop(field).type
    value = text.strip()
    if value in ("", "null"):
        return None
    group = enum_group(kind, field)
    if group:  # the form shows an enum's words: either the word or the value itself is taken
        by_word = {word: v for v, word in labels(group).items()}
        return by_word.get(value, value)
    try:
        if type_ == "int":
            return int(value.replace(",", ""))
        if type_ == "float":
            return float(value.replace(",", ""))
    except ValueError as exc:
        raise FormError(f"字段 {field} 需要一个数字，而不是 {value[:40]!r}") from exc
    if type_ == "bool":
        answers = {"true": True, "false": False, "1": True, "0": False, "是": True, "否": False}
        if value.lower() not in answers:
            raise FormError(f"字段 {field} 需要 true 或 false（是/否），而不是 {value[:40]!r}")
        return answers[value.lower()]
    if type_.startswith("list"):
        if value.startswith("["):
            try:
                return json.loads(value)
            except ValueError as exc:
                raise FormError(f"字段 {field} 的列表不是有效的 JSON：{exc}") from exc
        return [v.strip() for v in _LIST_SPLIT.split(value) if v.strip()]
    return value


def safe_back(back: str) -> str:
    """Where a plain form post returns to: /review or /audit with their filters, else /review."""
    try:
        parts = urlsplit(back)
    except ValueError:
        return BACK_PATHS[0]
    if parts.scheme or parts.netloc or parts.path not in BACK_PATHS:
        return BACK_PATHS[0]
    query = urlencode(parse_qsl(parts.query))
    return parts.path + (f"?{query}" if query else "")


def is_htmx(request: Request) -> bool:
    """Whether htmx sent the request (it swaps the answer into the page)."""
    return request.headers.get("HX-Request", "").lower() == "true"


def item_response(request: Request, item: Item, back: str, notice: str = "", error: str = "",
                  judgement: int | None = None) -> HTMLResponse:
    """The item alone (what htmx swaps in), with a message and, after a judgement, its undo button."""
    return render(request, "_review_item.html", {"item": item, "back": back, "notice": notice, "error": error,
                                                 "judgement": judgement, **_helpers()})


def _helpers() -> dict[str, Any]:
    return {"entity_href": entity_href, "shown_value": shown_value}


def _act(request: Request, fact_id: str | None, back: str, change: Callable[[Engine], tuple[str, int | None]]
         ) -> Response:
    """Run ``change`` (it returns the message and, for a judgement, its id) and answer as the module doc says."""
    eng = engine(request)
    target = safe_back(back)
    try:
        message, judgement = change(eng)
    except DuikouError as exc:
        if not (is_htmx(request) and fact_id):
            raise
        return item_response(request, find_item(eng, fact_id), target, error=str(exc))
    if is_htmx(request) and fact_id:
        return item_response(request, find_item(eng, fact_id), target, notice=message, judgement=judgement)
    return flash(RedirectResponse(target, status_code=303), message)


def _reason(text: str) -> str | None:
    return text.strip() or None


@router.get("/review", include_in_schema=False, response_class=HTMLResponse)
def review_page(request: Request, kind: str = "", state: str = "unreviewed", page: int = Query(1, ge=1),
                per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE)) -> HTMLResponse:
    """The review queue, one page, filtered by kind and state (in the URL)."""
    eng = engine(request)
    rows, total = review.review_queue(eng, kind or None, state, per_page, (page - 1) * per_page)
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return render(request, "review.html", {
        "items": queue_items(eng, rows), "total": total, "page": page, "per_page": per_page,
        "pages": max(1, math.ceil(total / per_page)), "kind": kind, "state": state, "back": safe_back(back),
        "kinds": FACT_KINDS, "queue_states": QUEUE_STATES, **_helpers()})


@router.post("/review/facts/{fact_id}/accept", include_in_schema=False)
def accept(request: Request, fact_id: str, reason: str = Form(""), back: str = Form(""),
           user: User = Depends(require_writer(CURATOR))) -> Response:
    """Accept a fact."""
    def change(eng: Engine) -> tuple[str, int | None]:
        rid = review.accept_fact(eng, fact_id, user.name, _reason(reason))
        return f"已确认事实 {fact_id}（审核 #{rid}）。", None
    return _act(request, fact_id, back, change)


@router.post("/review/facts/{fact_id}/reject", include_in_schema=False)
def reject(request: Request, fact_id: str, reason: str = Form(""), back: str = Form(""),
           user: User = Depends(require_writer(CURATOR))) -> Response:
    """Reject a fact (its entity no longer counts it)."""
    def change(eng: Engine) -> tuple[str, int | None]:
        rid = review.reject_fact(eng, fact_id, user.name, _reason(reason))
        return f"已否决事实 {fact_id}（审核 #{rid}）。", None
    return _act(request, fact_id, back, change)


@router.post("/review/facts/{fact_id}/correct", include_in_schema=False)
def correct(request: Request, fact_id: str, field: str = Form(...), value: str = Form(""),
            reason: str = Form(""), back: str = Form(""), user: User = Depends(require_writer(CURATOR))) -> Response:
    """Set one property of a fact (the value read as the property's type)."""
    def change(eng: Engine) -> tuple[str, int | None]:
        parsed = parse_value(find_item(eng, fact_id).kind, field, value)
        rid = review.correct_fact(eng, fact_id, field, parsed, user.name, _reason(reason))
        return f"已更正事实 {fact_id} 的{label('field', field)}（审核 #{rid}）。", None
    return _act(request, fact_id, back, change)


@router.post("/review/reviews/{review_id}/undo", include_in_schema=False)
def undo(request: Request, review_id: int, fact: str = Form(""), reason: str = Form(""), back: str = Form(""),
         user: User = Depends(require_writer(CURATOR))) -> Response:
    """Undo a review (``fact``: the fact whose item to redraw)."""
    def change(eng: Engine) -> tuple[str, int | None]:
        rid = review.undo_review(eng, review_id, user.name, _reason(reason))
        return f"已撤销审核 #{review_id}（审核 #{rid}）。", None
    return _act(request, fact or None, back, change)


@router.post("/review/judgements", include_in_schema=False)
def judge(request: Request, verdict: str = Form(...), left: str = Form(...), right: str = Form(...),
          reason: str = Form(""), force: bool = Form(False), fact: str = Form(""), back: str = Form(""),
          user: User = Depends(require_writer(CURATOR))) -> Response:
    """Mark two facts or entities the same or different."""
    def change(eng: Engine) -> tuple[str, int | None]:
        if verdict not in ("same", "different"):
            raise FormError("判断只能是“相同”（same）或“不同”（different）。")
        jid = review.judge(eng, verdict, left.strip(), right.strip(), _reason(reason), user.name, force)
        return f"已记录判断 #{jid}：{left.strip()} 与 {right.strip()} {label('review_action', verdict)}。", jid
    return _act(request, fact or None, back, change)


@router.post("/review/judgements/{judgement_id}/undo", include_in_schema=False)
def undo_judgement(request: Request, judgement_id: int, fact: str = Form(""), reason: str = Form(""),
                   back: str = Form(""), user: User = Depends(require_writer(CURATOR))) -> Response:
    """Undo a judgement."""
    def change(eng: Engine) -> tuple[str, int | None]:
        jid = review.undo_judgement(eng, judgement_id, _reason(reason), user.name)
        return f"已撤销判断 #{judgement_id}（判断 #{jid}）。", None
    return _act(request, fact or None, back, change)
