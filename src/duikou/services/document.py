"""One report as a page shows it: its metadata, its cleaned text, every fact extracted from it (with a
few words saying what it is, its span, its review state) and the problems builds had with it, and the
text cut into runs for highlighting (:meth:`DocumentView.segments`).

Everything here is plain data; :meth:`DocumentView.to_dict` is the JSON form (an API returns it as is).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from duikou.ledger.document_rows import document
from duikou.services.connect import Db, engine_of
from duikou.services.text import cell

# The documents columns a page shows as the report's metadata, in this order.
META = ("title", "published", "outlet", "url", "source", "path", "authors", "side", "status", "reason",
        "provenance", "citation", "on_topic", "topic_score", "topic_reason", "topic_scope", "first_seen",
        "last_seen", "script")


@dataclass(frozen=True)
class FactView:
    """A fact of the report as stored, with ``what`` (a few words saying what it says).

    ``span_start``/``span_end`` are as stored; ``shown`` is the span clipped to the text that
    :meth:`DocumentView.segments` highlights, None when the fact has no usable span (none stored, or
    empty once clipped): such a fact is listed but not highlighted. ``review`` is the reviewer's verdict
    (None: not reviewed; accepted, corrected or rejected).
    """

    id: str
    kind: str
    seq: int
    span_start: int | None
    span_end: int | None
    quote: str | None
    what: str
    data: dict[str, Any]
    confidence: float | None
    extractor: str | None
    entity: str
    review: str | None
    shown: tuple[int, int] | None


class Segment(NamedTuple):
    """A run of the text and the ids of every fact whose span covers it (empty: plain text)."""

    text: str
    facts: list[str]
    start: int
    end: int


@dataclass(frozen=True)
class DocumentView:
    """A report's page: ``meta`` (the :data:`META` fields), ``text`` ("" for a manual or imported source,
    which has none), ``facts`` in document order, ``problems`` (each: source, line, reason, fatal, run,
    created) and ``names`` (party id -> display name, for every party the facts name)."""

    id: int
    meta: dict[str, Any]
    text: str
    facts: list[FactView]
    problems: list[dict[str, Any]]
    names: dict[str, str] = field(default_factory=dict)

    def fact(self, fact_id: str) -> FactView | None:
        """The fact ``fact_id`` of this report, or None."""
        return next((f for f in self.facts if f.id == fact_id), None)

    def segments(self) -> list[Segment]:
        """The whole text as consecutive runs, each with the facts covering it (see :func:`segments`)."""
        return segments(self.text, [(f.id, f.shown) for f in self.facts])

    def to_dict(self) -> dict[str, Any]:
        """The view as JSON-able data, segments included (``shown`` as a two-item list or null)."""
        out = asdict(self)
        for f in out["facts"]:
            f["shown"] = list(f["shown"]) if f["shown"] is not None else None
        out["segments"] = [s._asdict() for s in self.segments()]
        return out


def document_view(db: Db, doc_id: int) -> DocumentView:
    """The page of document ``doc_id`` (a LedgerError "no document N" when the ledger has none)."""
    with engine_of(db) as eng:
        doc = document(eng, doc_id)
    text = doc["text"] or ""
    names: dict[str, str] = doc["names"]
    facts = [FactView(
        id=r["id"], kind=r["kind"], seq=r["seq"], span_start=r["span_start"], span_end=r["span_end"],
        quote=r["quote"], what=describe(r["kind"], r["data"], names), data=r["data"],
        confidence=r["confidence"], extractor=r["extractor"], entity=r["entity"], review=r["review"],
        shown=clip(r["span_start"], r["span_end"], len(text))) for r in doc["facts"]]
    return DocumentView(doc_id, {k: doc[k] for k in META}, text, facts, doc["problems"], names)


def clip(start: int | None, end: int | None, length: int) -> tuple[int, int] | None:
    """The span ``start``..``end`` inside a text of ``length`` characters; None when there is no span or
    nothing of it is left (a span past the end, or reversed)."""
    if start is None or end is None:
        return None
    start, end = max(0, min(start, length)), max(0, min(end, length))
    return (start, end) if start < end else None


def segments(text: str, spans: list[tuple[str, tuple[int, int] | None]]) -> list[Segment]:
    """``text`` cut at every span's ends into runs that cover it in order, each listing the ids (in the
    order of ``spans``) of the spans covering it; overlapping and nested spans give runs with several ids.

    Spans are clipped to the text (never an error); a span that is None or empty highlights nothing.
    An empty text has no runs.
    """
    length = len(text)
    clipped = [(fid, c) for fid, s in spans if s is not None and (c := clip(s[0], s[1], length)) is not None]
    cuts = sorted({0, length, *(c[0] for _, c in clipped), *(c[1] for _, c in clipped)})
    # Sweep the cuts in order: a span opens at its start cut and closes at its end cut.
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for i, (_, (a, b)) in enumerate(clipped):
        opens.setdefault(a, []).append(i)
        closes.setdefault(b, []).append(i)
    active: set[int] = set()
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        active.difference_update(closes.get(a, ()))
        active.update(opens.get(a, ()))
        ids = [clipped[i][0] for i in sorted(active)]
        if out and out[-1].facts == ids:  # never happens with distinct cuts, but keeps runs maximal
            prev = out.pop()
            out.append(Segment(prev.text + text[a:b], ids, prev.start, b))
        else:
            out.append(Segment(text[a:b], ids, a, b))
    return out


def _who(names: dict[str, str], value: Any) -> str:
    return names.get(value, str(value)) if isinstance(value, str) else ""


def _arrow(names: dict[str, str], a: Any, b: Any) -> str:
    """``A → B`` for two parties, leaving out the absent ones."""
    left, right = _who(names, a), _who(names, b)
    return f"{left} → {right}" if left and right else left or (f"→ {right}" if right else "")


def _number(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return cell(value)


def describe(kind: str, data: dict[str, Any], names: dict[str, str] | None = None) -> str:
    """A fact in a few words, parties by name (``names``: id -> display name), for a fact list."""
    n = names or {}
    d = data
    if kind == "regions":
        return f"region {_who(n, d.get('code')) or cell(d.get('name'))} ({cell(d.get('code'))}, {cell(d.get('level'))})"
    if kind == "pairings":
        extra = "" if d.get("relation") in (None, "standing") else f", {d['relation']}"
        since = f", since {d['since']}" if d.get("since") else ""
        return f"pairing {_arrow(n, d.get('helper'), d.get('recipient'))}, {cell(d.get('program'))}{since}{extra}"
    if kind == "people":
        titles = "、".join(d.get("titles") or [])
        where = _who(n, d.get("region"))
        return f"person {cell(d.get('name'))}" + (f" ({titles})" if titles else "") + (f", {where}" if where else "")
    if kind == "events":
        who = _arrow(n, d.get("helper"), d.get("recipient"))
        return " ".join(x for x in (cell(d.get("type")), cell(d.get("date")), who) if x)
    if kind == "agreements":
        return " ".join(x for x in (f"agreement 《{cell(d.get('title'))}》", cell(d.get("date"))) if x)
    if kind == "amounts":
        flags = [w for w, on in (("cumulative", d.get("cumulative")), ("planned", d.get("planned")),
                                 ("approx.", d.get("approx"))) if on]
        who = _arrow(n, d.get("payer"), d.get("payee"))
        return " ".join(x for x in (cell(d.get("role")), _number(d.get("value")), "yuan", who,
                                    f"({', '.join(flags)})" if flags else "") if x)
    if kind == "counts":
        who = _arrow(n, d.get("helper"), d.get("recipient"))
        return " ".join(x for x in (cell(d.get("role")), _number(d.get("value")) + cell(d.get("unit")), who) if x)
    return f"{kind} " + ", ".join(f"{k}={cell(v)}" for k, v in sorted(d.items()) if v not in (None, [], ""))
