"""How facts become entities: merge keys, and one entity row from its facts.

Automatic merging rules (each merge is recorded as a judgement with the
reason given here):

- pairings: the same helper, recipient and relation (standing, relief or
  donation). The programme is an attribute, not part of the key: a report
  that names it (东西部协作) and one that leaves it unspecified tell of one
  pairing. A named programme beats ``unspecified``; when reports name two
  programmes the one most reports name is kept, the support of each is kept
  in ``programs`` and the pairing is flagged (``program_conflict``).
- people: the same name and region.
- agreements: the same title (punctuation ignored), date and parties.
- amounts: the same value, role, cumulative flag, payer, payee and period.
- counts: the same value, unit and role, for the same pairing and period.
- events: the same type and pairing, dates within one day (matched against
  the stored events in :mod:`duikou.ledger.store`); undated events are never
  merged automatically.

A fact's missing helper/payer (recipient/payee) is taken from the report's
main pairing (its first pairing fact), the way a reader of the report would.
The period of a figure is the year of the report's publication (a cumulative
figure is "as of" that year); figures for the same thing in the same period
that disagree are flagged as a conflict, never averaged.

Amounts have a status: ``planned`` for a target or forecast (the extractor's
``planned``: 计划, 预计, 力争...), else ``done``. A planned figure is never
merged with a done one and has no period (the year it aims at is not the
report's), so it is never summed or compared with what was done.
A conflict needs figures known to describe the same thing: the same role
(not ``other``), cumulative flag and status, a printed or borrowed payer and
payee, and a period; a figure missing any of these conflicts with nothing.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

PREFIX = {"regions": "R", "pairings": "P", "people": "H", "events": "E", "agreements": "A",
          "amounts": "M", "counts": "N"}

_PUNCT = re.compile(r"[\s《》〈〉“”‘’\"'「」『』()（）【】\[\]、，,.。·—\-_:：;；!！?？]+")


def digest(*parts: Any, n: int = 15) -> str:
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:n]


def norm_title(title: str | None) -> str:
    return _PUNCT.sub("", title or "")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class DocContext:
    """What a fact's merge key may borrow from its report."""

    source: str
    helper: str | None = None
    recipient: str | None = None
    published: str | None = None

    @property
    def period(self) -> str | None:
        return self.published[:4] if self.published else None


def effective(kind: str, data: dict[str, Any], ctx: DocContext) -> dict[str, Any]:
    """The fact's properties with the gaps the report's context fills (see module doc)."""
    out = dict(data)
    if kind == "events":
        out["helper"] = data.get("helper") or ctx.helper
        out["recipient"] = data.get("recipient") or ctx.recipient
    elif kind == "amounts":
        out["payer"] = data.get("payer") or ctx.helper
        out["payee"] = data.get("payee") or ctx.recipient
        out["status"] = amount_status(data)
        out["period"] = None if out["status"] == PLANNED else ctx.period
        out["date"] = ctx.published
    elif kind == "counts":
        out["helper"] = ctx.helper
        out["recipient"] = ctx.recipient
        out["period"] = ctx.period
    elif kind == "people":
        out["date"] = ctx.published
    return out


PLANNED, DONE = "planned", "done"


def amount_status(data: dict[str, Any]) -> str:
    """``planned`` for a target, forecast or plan (the fact's ``planned`` or ``status``), else ``done``."""
    return PLANNED if data.get("planned") is True or data.get("status") == PLANNED else DONE


def is_standing(relation: Any) -> bool:
    """A standing pairing (the programme's), not a relief or one-off donation relation."""
    return relation in (None, "standing")


def relation_of(data: dict[str, Any]) -> str:
    """A pairing fact's relation, ``standing`` when unsaid (facts stored before relations were kept)."""
    relation = data.get("relation")
    return "standing" if is_standing(relation) else str(relation)


PAIRING_REASON = "same helper, recipient and relation"
UNSPECIFIED = "unspecified"


def base_key(kind: str, eff: dict[str, Any], fact_id: str) -> tuple[str, str]:
    """``(base id, reason)`` for a non-event fact: facts with one base are merged automatically."""
    p = PREFIX[kind]
    if kind == "regions":
        return p + str(eff.get("code")), "same region code"
    if kind == "pairings":  # migration 0011 re-keys older ledgers with this same digest
        return p + digest(eff.get("helper"), eff.get("recipient"), relation_of(eff)), PAIRING_REASON
    if kind == "people":
        return p + digest(eff.get("name"), eff.get("region")), "same name and region"
    if kind == "agreements":
        parties = sorted(str(x) for x in (eff.get("parties") or []))
        return p + digest(norm_title(eff.get("title")), eff.get("date"), *parties), \
            "same title, date and parties"
    if kind == "amounts":
        # A done figure's key is the one of ledgers built before statuses were kept (same ids).
        planned = (PLANNED,) if amount_status(eff) == PLANNED else ()
        return p + digest(_num(eff.get("value")), eff.get("role"), bool(eff.get("cumulative")),
                          eff.get("payer"), eff.get("payee"), eff.get("period"), *planned), \
            "same value, role, payer, payee and period" + (", both planned" if planned else "")
    if kind == "counts":
        return p + digest(_num(eff.get("value")), eff.get("unit"), eff.get("role"), eff.get("helper"),
                          eff.get("recipient"), eff.get("period")), \
            "same value, unit and role for the same pairing and period"
    if kind == "events":  # a new event cluster; matching existing ones is the store's job
        if not eff.get("date"):
            return p + digest("undated", fact_id), "undated"
        return p + digest(eff.get("type"), eff.get("date"), eff.get("helper"), eff.get("recipient")), \
            "same type and pairing, same date"
    raise KeyError(kind)


EVENT_REASON = "same type and pairing, dates within one day"


def _num(v: Any) -> str:
    try:
        return repr(float(v))
    except (TypeError, ValueError):
        return str(v)


def comparable(row: dict[str, Any]) -> bool:
    """Whether an amount row says enough to be compared with another figure (see the module doc)."""
    return (amount_status(row) == DONE and row.get("role") not in (None, "other")
            and all(row.get(k) is not None for k in ("payer", "payee", "period")))


def conflict_key(row: dict[str, Any]) -> str:
    """Amounts with this key are figures for the same thing (parties, role, cumulative, period, status).

    A row that cannot be compared (:func:`comparable`) gets a key of its own, so it conflicts with nothing.
    """
    if not comparable(row):
        return "C" + digest("alone", row.get("id"))
    return "C" + digest(row.get("payer"), row.get("payee"), row.get("role"), bool(row.get("cumulative")),
                        row.get("period"))


def _min(a: Any, b: Any) -> Any:
    vals = [x for x in (a, b) if x is not None]
    return min(vals) if vals else None


def _max(a: Any, b: Any) -> Any:
    vals = [x for x in (a, b) if x is not None]
    return max(vals) if vals else None


def _union(a: list[Any] | None, b: list[Any] | None) -> list[Any]:
    out = list(a or [])
    for x in b or []:
        if x not in out:
            out.append(x)
    return out


def aggregate(kind: str, entity: str, facts: list[dict[str, Any]], existing: dict[str, Any] | None,
              new_sources: int) -> dict[str, Any]:
    """The entity row after adding ``facts`` (effective properties) to ``existing`` (None: a new row).

    ``new_sources`` is how many documents the facts add to the entity's sources.
    """
    row: dict[str, Any] = dict(existing) if existing else {"id": entity, "sources": 0}
    row["id"] = entity
    row["sources"] = int(row.get("sources") or 0) + new_sources
    for f in facts:
        first = existing is None and f is facts[0]
        if kind == "pairings":
            if first:
                row.update(helper=f["helper"], recipient=f["recipient"], program=UNSPECIFIED, since=None,
                           relation=f.get("relation") or "standing", programs=None, program_conflict=False)
            row["since"] = _min(row.get("since"), f.get("since"))
        elif kind == "events":
            if first:
                row.update(type=f["type"], date=None, end_date=None, place=None, helper=None, recipient=None,
                           leaders="[]")
            row["date"] = _min(row.get("date"), f.get("date"))
            row["end_date"] = _max(row.get("end_date"), f.get("end_date"))
            for k in ("place", "helper", "recipient"):
                row[k] = row.get(k) or f.get(k)
            row["leaders"] = dumps(_union(json.loads(row.get("leaders") or "[]"), f.get("leaders")))
        elif kind == "agreements":
            if first:
                row.update(title=f["title"], date=f.get("date"), parties="[]")
            row["date"] = row.get("date") or f.get("date")
            row["parties"] = dumps(_union(json.loads(row.get("parties") or "[]"), f.get("parties")))
        elif kind == "people":
            if first:
                row.update(name=f["name"], region=f.get("region"), role=f.get("role"))
            row["role"] = row.get("role") or f.get("role")
        elif kind == "amounts":
            if first:
                row.update(value=float(f["value"]), approx=bool(f.get("approx")), role=f["role"],
                           cumulative=f.get("cumulative"), payer=f.get("payer"), payee=f.get("payee"),
                           period=f.get("period"), date=f.get("date"), conflict=None)
                row["status"] = f.get("status") or DONE
            row["date"] = _min(row.get("date"), f.get("date"))
        elif kind == "counts":
            if first:
                row.update(value=float(f["value"]), unit=f.get("unit"), approx=bool(f.get("approx")),
                           role=f.get("role"), helper=f.get("helper"), recipient=f.get("recipient"),
                           period=f.get("period"))
    if kind == "pairings":
        _add_programs(row, facts)
    return row


def _add_programs(row: dict[str, Any], facts: list[dict[str, Any]]) -> None:
    """Count one report's named programmes into a pairing row and pick its programme (see module doc).

    ``facts`` are one report's (the store and the recomputation both aggregate
    report by report), so ``programs`` counts reports, not mentions.
    """
    support: dict[str, int] = json.loads(row.get("programs") or "{}")
    for name in sorted({str(f["program"]) for f in facts if f.get("program") not in (None, UNSPECIFIED)}):
        support[name] = support.get(name, 0) + 1
    if support:
        most = max(support.values())
        leaders = sorted(name for name, n in support.items() if n == most)
        # A tie keeps the programme the pairing already has: the order reports came in decides, not the name.
        row["program"] = row.get("program") if row.get("program") in leaders else leaders[0]
    row["programs"] = dumps(support) if support else None
    row["program_conflict"] = len(support) > 1
