"""One report as a page shows it: its metadata, its cleaned text, every fact extracted from it (with a
few words saying what it is, its span, its review state) and the problems builds had with it, and the
text cut into runs for highlighting (:meth:`DocumentView.segments`).

Everything here is plain data; :meth:`DocumentView.to_dict` is the JSON form (an API returns it as is).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from duikou.errors import LedgerError, NotFoundError
from duikou.ledger.document_rows import document
from duikou.services.connect import Db, engine_of
from duikou.services.text import cell

# The documents columns a page shows as the report's metadata, in this order.
META = ("title", "published", "outlet", "url", "source", "path", "authors", "side", "status", "reason",
        "provenance", "citation", "on_topic", "topic_score", "topic_reason", "topic_scope", "first_seen",
        "last_seen", "script")


@dataclass(frozen=True)
class FactView:
    """A fact of the report as stored, with ``what`` (a few English words saying what it says) and
    ``gist`` (the same in parts, for a page to word: :class:`Gist`).

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
    gist: Gist
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
    """The page of document ``doc_id`` (:class:`~duikou.errors.NotFoundError` when the ledger has none)."""
    with engine_of(db) as eng:
        try:
            doc = document(eng, doc_id)
        except LedgerError as exc:  # the one refusal of ledger.document_rows.document: no such document
            raise NotFoundError(str(exc), "document", doc_id) from exc
    text = doc["text"] or ""
    names: dict[str, str] = doc["names"]
    facts = [FactView(
        id=r["id"], kind=r["kind"], seq=r["seq"], span_start=r["span_start"], span_end=r["span_end"],
        quote=r["quote"], what=describe(r["kind"], r["data"], names), gist=gist(r["kind"], r["data"], names),
        data=r["data"],
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


@dataclass(frozen=True)
class Gist:
    """What a fact says, in parts that a page words in its own language (web/labels.yaml) and
    :func:`describe` in English. Parties are by name (``names``); a part the fact lacks is None or empty.

    ``type`` is the value that says what the fact is: a region's level, a pairing's program, a person's
    role, an event's type, a figure's role. ``name``: a region's or person's name, an agreement's title.
    ``left``/``right``: the party that gives and the one that receives (helper and recipient, payer and
    payee). ``where``: a person's region. ``relation``: a pairing's, when not the standing one. ``flags``:
    an amount's true ones of cumulative, planned, approx. ``other``: the properties of a kind this module
    does not know, as text.
    """

    kind: str
    type: str | None = None
    name: str | None = None
    code: str | None = None
    left: str | None = None
    right: str | None = None
    where: str | None = None
    date: str | None = None
    since: str | None = None
    relation: str | None = None
    value: Any = None
    unit: str | None = None
    titles: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    other: tuple[tuple[str, str], ...] = ()


FLAGS = ("cumulative", "planned", "approx")  # an amount's yes/no properties a description names


def gist(kind: str, data: dict[str, Any], names: dict[str, str] | None = None) -> Gist:
    """The parts of what a ``kind`` fact with ``data`` says (parties by name: ``names``, id -> name)."""
    n = names or {}
    d = data

    def text(key: str) -> str | None:
        return cell(d.get(key)) or None

    def who(key: str) -> str | None:
        return _who(n, d.get(key)) or None

    if kind == "regions":
        return Gist(kind, type=text("level"), name=who("code") or text("name"), code=text("code"))
    if kind == "pairings":
        relation = None if d.get("relation") in (None, "standing") else text("relation")
        return Gist(kind, type=text("program"), left=who("helper"), right=who("recipient"), since=text("since"),
                    relation=relation)
    if kind == "people":
        return Gist(kind, type=text("role"), name=text("name"), where=who("region"),
                    titles=tuple(str(t) for t in d.get("titles") or ()))
    if kind == "events":
        return Gist(kind, type=text("type"), date=text("date"), left=who("helper"), right=who("recipient"))
    if kind == "agreements":
        return Gist(kind, name=text("title"), date=text("date"))
    if kind == "amounts":
        return Gist(kind, type=text("role"), value=d.get("value"), left=who("payer"), right=who("payee"),
                    flags=tuple(f for f in FLAGS if d.get(f)))
    if kind == "counts":
        return Gist(kind, type=text("role"), value=d.get("value"), unit=text("unit"), left=who("helper"),
                    right=who("recipient"))
    return Gist(kind, other=tuple((k, cell(v)) for k, v in sorted(d.items()) if v not in (None, [], "")))


def _arrow(left: str | None, right: str | None) -> str:
    """``A → B`` for two parties, leaving out the absent ones."""
    return f"{left} → {right}" if left and right else left or (f"→ {right}" if right else "")


def number(value: Any) -> str:
    """A figure with thousands separators (``1,500,000``, ``2,345.5``); anything else as its text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return cell(value)


def describe(kind: str, data: dict[str, Any], names: dict[str, str] | None = None) -> str:
    """A fact in a few English words, parties by name (``names``: id -> display name): the plain text of
    the JSON API and scripts (a page words :func:`gist` through its labels instead)."""
    g = gist(kind, data, names)
    e = "" if g.type is None else g.type
    if kind == "regions":
        return f"region {g.name or ''} ({g.code or ''}, {e})"
    if kind == "pairings":
        extra = f", {g.relation}" if g.relation else ""
        since = f", since {g.since}" if g.since else ""
        return f"pairing {_arrow(g.left, g.right)}, {e}{since}{extra}"
    if kind == "people":
        titles = "、".join(g.titles)
        return f"person {g.name or ''}" + (f" ({titles})" if titles else "") + (f", {g.where}" if g.where else "")
    if kind == "events":
        return " ".join(x for x in (e, g.date or "", _arrow(g.left, g.right)) if x)
    if kind == "agreements":
        return " ".join(x for x in (f"agreement 《{g.name or ''}》", g.date or "") if x)
    if kind == "amounts":
        flags = [("approx." if f == "approx" else f) for f in g.flags]
        return " ".join(x for x in (e, number(g.value), "yuan", _arrow(g.left, g.right),
                                    f"({', '.join(flags)})" if flags else "") if x)
    if kind == "counts":
        return " ".join(x for x in (e, number(g.value) + (g.unit or ""), _arrow(g.left, g.right)) if x)
    return f"{kind} " + ", ".join(f"{k}={v}" for k, v in g.other)
