"""The yearly evaluation of one pairing as data: :func:`evaluation_report`.

For each indicator that applies to the pairing's programme: the actual figure (None when no source
gives one, never 0), the target, the completion rate, the helper's and the recipient's own figures side
by side, and every source behind the figure; then the year's visits, meetings, agreements and other
events between the two sides. How figures are chosen and added: :mod:`.figures`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Sequence

from duikou.errors import LedgerError
from duikou.ledger import target_rows
from duikou.ledger.review import REVIEWED
from duikou.reference import regions
from duikou.services.connect import Db, engine_of
from duikou.services.evaluation import rows
from duikou.services.evaluation.citations import citations
from duikou.services.evaluation.figures import Candidate, counted, matches, total
from duikou.services.evaluation.indicators import load_indicators
from duikou.services.evaluation.model import (
    Activity,
    Citation,
    EvaluationReport,
    Figure,
    Indicator,
    IndicatorResult,
    SetAside,
)
from duikou.services.evaluation.pairing import find_pairing
from duikou.services.evaluation.wording import running_total, wording
from duikou.services.profile_figures import year_of

FIRST_YEAR, LAST_YEAR = 1949, 2100


def check_year(year: Any) -> int:
    """``year`` as a whole number of a plausible year (a :class:`LedgerError` otherwise)."""
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise LedgerError(f"a report's year is a whole number from {FIRST_YEAR} to {LAST_YEAR}, not {year!r}")
    return year


def evaluation_report(db: Db, pairing: str, year: int, reviewed_only: bool = False,
                      indicators: Sequence[Indicator] | None = None) -> EvaluationReport:
    """The evaluation of ``pairing`` (``HELPER→RECIPIENT`` by names or codes, or a pairing id) for
    ``year``; ``reviewed_only`` reads only entities a reviewer accepted or corrected. ``indicators``
    default to ``reference/data/indicators.yaml``'s."""
    check_year(year)
    declared = tuple(indicators) if indicators is not None else load_indicators()
    with engine_of(db) as eng, eng.connect() as conn:
        p = find_pairing(conn, pairing)
        sides = rows.Sides(p["helper"], p["recipient"])
        found = rows.read(conn, sides, p["id"])
        if reviewed_only:
            _keep_reviewed(found)
        worded = [f.document for r in (*found.amounts, *found.counts) for f in found.facts.get(r["id"], [])
                  if f.start is not None]
        texts = rows.texts(conn, worded)
        targets = target_rows.targets_for(conn, p["helper"], p["recipient"], year)
    cands = _candidates(found, sides, texts)
    applies = [i for i in declared if p["program"] in i.programs or p["program"] == "unspecified"]
    events = [c for c in cands if c.kind == "events" and c.figure.year == year]
    return EvaluationReport(
        pairing={"id": p["id"], "helper": _party(p["helper"]), "recipient": _party(p["recipient"]),
                 "program": p["program"], "since": p["since"], "relation": p["relation"] or "standing"},
        year=year, reviewed_only=reviewed_only, generated=dt.date.today().isoformat(),
        indicators=tuple(_result(i, cands, year, targets.get(i.id)) for i in applies),
        visits=_events(events, ("visit",)), meetings=_events(events, ("meeting",)),
        agreements=_agreements(found, year),
        other_events=_events(events, ("signing", "funds", "condolence")))


def _keep_reviewed(found: rows.Found) -> None:
    ok = {e for e, fs in found.facts.items() if any(f.review in REVIEWED for f in fs)}
    for name in ("amounts", "counts", "events", "agreements", "pairings"):
        setattr(found, name, [r for r in getattr(found, name) if r["id"] in ok])


def _party(value: Any) -> dict[str, Any] | None:
    return {"id": value, "name": regions.name(value)} if isinstance(value, str) else None


def _earliest(found: rows.Found, entity: str) -> str | None:
    dates = [found.docs[f.document]["published"] for f in found.facts.get(entity, [])
             if f.document in found.docs and found.docs[f.document]["published"]]
    return min(dates) if dates else None


def _year(value: Any) -> int | None:
    return int(value[:4]) if isinstance(value, str) and value[:4].isdigit() else None


def _candidates(found: rows.Found, sides: rows.Sides, texts: dict[int, str]) -> list[Candidate]:
    out: list[Candidate] = []
    for kind, table, giver, taker in (("amounts", found.amounts, "payer", "payee"),
                                      ("counts", found.counts, "helper", "recipient"),
                                      ("events", found.events, "helper", "recipient"),
                                      ("pairings", found.pairings, "helper", "recipient")):
        for r in table:
            facts = found.facts.get(r["id"], [])
            if not facts:
                continue  # no source left (every fact rejected): no figure
            said = tuple(wording(facts, found.docs, texts)) if kind in ("amounts", "counts") else ()
            began = _earliest(found, r["id"])
            if kind == "amounts":
                year, date, raw, cumulative = year_of(r), r.get("date"), float(r["value"]), bool(r.get("cumulative"))
                direction, label = sides.between(r[giver], r[taker]) or found.placed.get(r["id"]), None
            elif kind == "counts":
                year, date, raw = _year(r.get("period")) or _year(began), began, float(r["value"])
                cumulative = running_total(said)
                direction, label = sides.between(r[giver], r[taker]), None
            elif kind == "events":
                year, date, raw, cumulative = _year(r.get("date")) or _year(began), r.get("date"), 1.0, False
                # a visit goes to the other side: one held in the recipient's area is the helper's
                place = sides.side_of(r.get("place"))
                direction = {"recipient": "helper", "helper": "recipient"}.get(place or "")
                label = r["type"]
            else:
                year, date, raw, cumulative = r.get("since"), began, 1.0, False
                direction = "helper"
                label = f"{regions.name(r[giver])}→{regions.name(r[taker])}"
            figure = Figure(entity=r["id"], value=raw, approx=bool(r.get("approx")), giver=_party(r[giver]),
                            taker=_party(r[taker]), year=year, date=date,
                            sides=tuple(sorted({found.docs[f.document]["side"] for f in facts
                                                if f.document in found.docs})),
                            citations=citations(facts, found.docs), label=label)
            out.append(Candidate(kind=kind, row=r, figure=figure, raw=raw, direction=direction,
                                 cumulative=cumulative, wording=said,
                                 reviewed=any(f.review in REVIEWED for f in facts),
                                 sources=len({f.document for f in facts}), began=began,
                                 itemised=any(c.provenance in ("imported", "manual") for c in figure.citations)))
    return out


def _scaled(ind: Indicator, c: Candidate) -> Figure:
    return replace(c.figure, value=round(c.raw / ind.scale, 6))


def _result(ind: Indicator, cands: list[Candidate], year: int, target: dict[str, Any] | None) -> IndicatorResult:
    taken = [c for c in cands if matches(ind, c, year)]
    keep, aside = counted(ind, taken)
    actual = total(ind, keep)
    by_side: dict[str, float | None] = {}
    for side in ("helper", "recipient"):
        told, _ = counted(ind, [c for c in taken if side in c.figure.sides])
        by_side[side] = total(ind, told)
    h, r = by_side["helper"], by_side["recipient"]
    differs = h is not None and r is not None and abs(h - r) > 1e-9 * max(1.0, abs(h), abs(r))
    goal = float(target["value"]) if target is not None else None
    cited: dict[str, Citation] = {}
    for c in keep:
        for cit in c.figure.citations:
            cited.setdefault(cit.key, cit)
    scale = {c.entity: c for c in taken}
    return IndicatorResult(
        indicator=ind, actual=actual, approx=any(c.figure.approx for c in keep), target=goal,
        target_source=target.get("source") if target is not None else None,
        completion=round(actual / goal, 6) if actual is not None and goal else None,
        helper_side=h, recipient_side=r, differs=differs,
        figures=tuple(_scaled(ind, c) for c in keep),
        set_aside=tuple(SetAside(_scaled(ind, scale[a.figure.entity]), a.reason, a.reason_text, a.instead)
                        for a in aside),
        citations=tuple(cited.values()))


def _events(events: list[Candidate], types: tuple[str, ...]) -> tuple[Activity, ...]:
    chosen = [c for c in events if c.row["type"] in types]
    chosen.sort(key=lambda c: (c.row.get("date") or "9999", c.row["type"], c.entity))
    return tuple(Activity(id=c.entity, kind="event", type=c.row["type"], date=c.row.get("date"), title=None,
                          place=_party(c.row.get("place")),
                          parties=tuple(p for p in (c.figure.giver, c.figure.taker) if p is not None),
                          leaders=tuple(c.row.get("leaders") or ()), citations=c.figure.citations)
                 for c in chosen)


def _agreements(found: rows.Found, year: int) -> tuple[Activity, ...]:
    out: list[Activity] = []
    for r in found.agreements:
        facts = found.facts.get(r["id"], [])
        if not facts or (_year(r.get("date")) or _year(_earliest(found, r["id"]))) != year:
            continue
        out.append(Activity(id=r["id"], kind="agreement", type="agreement", date=r.get("date"), title=r["title"],
                            place=None, parties=tuple(p for p in map(_party, r["parties"]) if p is not None),
                            leaders=(), citations=citations(facts, found.docs)))
    return tuple(sorted(out, key=lambda a: (a.date or "9999", a.title or "", a.id)))


__all__ = ["evaluation_report", "check_year"]
