"""How facts become entities: merge keys, and one entity row from its facts.

The keys, id prefixes, merge reasons and row aggregation are declared in
``schema/facts.yaml`` (``key``, ``id_prefix``, ``aggregate``) and read
through :mod:`duikou.schema`; this module interprets them. What they say
(each automatic merge is recorded as a judgement with its key's reason):

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
from typing import Any, Callable, Mapping

from duikou.errors import Problem
from duikou.schema import Fold, MergeKey, aggregation, id_prefix, merge_key, validate

_PUNCT = re.compile(r"[\s《》〈〉“”‘’\"'「」『』()（）【】\[\]、，,.。·—\-_:：;；!！?？]+")


def digest(*parts: Any, n: int = 15) -> str:
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:n]


def norm_title(title: str | None) -> str:
    return _PUNCT.sub("", title or "")


# json.dumps with options builds a new encoder per call; the store dumps every statement's value (profiled:
# a tenth of a batch's storing time went to making encoders).
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def dumps(value: Any) -> str:
    return _ENCODE(value)


def admit(source: str, kind: str, data: Mapping[str, Any]) -> Problem | None:
    """None when a fact of ``kind`` saying ``data`` (its properties) fits the schema; else the problem that
    keeps it out of the ledger, recorded on its source (not fatal: the source's other facts are stored)."""
    reasons = validate(kind, dict(data))
    return Problem(source, f"{kind} fact left out: {'; '.join(reasons)}") if reasons else None


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


UNSPECIFIED = "unspecified"
PAIRING_REASON = merge_key("pairings").reason
EVENT_REASON = merge_key("events").near_reason


def _num(v: Any) -> str:
    try:
        return repr(float(v))
    except (TypeError, ValueError):
        return str(v)


def _sorted(v: Any) -> list[str]:
    return sorted(str(x) for x in (v or []))


# How a key part reads its value (facts.yaml: key); "or" and "if" take the part's value.
_READ: dict[str, Callable[[Any], Any]] = {"": lambda v: v, "number": _num, "flag": bool, "title": norm_title}


def _key_values(key: MergeKey, eff: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """The values a key digests, and the "both X" notes of its ``if X`` parts that apply."""
    values: list[Any] = []
    both: list[str] = []
    for part in key.parts:
        v = eff.get(part.name)
        if part.how == "sorted":
            values += _sorted(v)
        elif part.how == "or":
            values.append(part.value if v is None else v)
        elif part.how == "if":
            if v == part.value:
                values.append(v)
                both.append(f"both {v}")
        else:
            values.append(_READ[part.how](v))
    return values, both


def base_key(kind: str, eff: dict[str, Any], fact_id: str) -> tuple[str, str]:
    """``(base id, reason)`` of a fact (effective properties): facts with one base are merged automatically.

    An event's base starts a new cluster; matching stored events within a day is the store's job.
    """
    key, prefix = merge_key(kind), id_prefix(kind)
    if key.alone_without and not eff.get(key.alone_without):
        return prefix + digest(key.alone_reason, fact_id), key.alone_reason
    values, both = _key_values(key, eff)
    if key.raw:
        return prefix + "".join(str(v) for v in values), key.reason
    return prefix + digest(*values), ", ".join([key.reason, *both])


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


def _union(a: str | None, b: list[Any] | None) -> str:
    out = list(json.loads(a or "[]"))
    for x in b or []:
        if x not in out:
            out.append(x)
    return dumps(out)


# facts.yaml's aggregate words: a new row's value from its first fact, and the fold of each later fact
# (the first fact is folded in too: a fold over one value is that value).
_START: dict[str, Callable[[Fold, dict[str, Any]], Any]] = {
    "first": lambda c, f: f.get(c.column),
    "first float": lambda c, f: float(f[c.column]),
    "first bool": lambda c, f: bool(f.get(c.column)),
    "first or": lambda c, f: f.get(c.column) or c.value,
    "union": lambda c, f: "[]",
    "most named": lambda c, f: UNSPECIFIED,
}
_FOLD: dict[str, Callable[[Any, Any], Any]] = {
    "min": _min,
    "max": _max,
    "any": lambda row, fact: row or fact,
    "union": _union,
}


def aggregate(kind: str, entity: str, facts: list[dict[str, Any]], existing: dict[str, Any] | None,
              new_sources: int) -> dict[str, Any]:
    """The entity row after adding ``facts`` (effective properties) to ``existing`` (None: a new row).

    ``new_sources`` is how many documents the facts add to the entity's sources. Each column folds
    the facts as facts.yaml's ``aggregate`` says.
    """
    folds = aggregation(kind)
    row: dict[str, Any] = dict(existing) if existing else {"id": entity, "sources": 0}
    row["id"] = entity
    row["sources"] = int(row.get("sources") or 0) + new_sources
    if existing is None and facts:
        for c in folds:
            start = _START.get(c.op)
            row[c.column] = start(c, facts[0]) if start else None
            if c.op == "most named":
                row.update(programs=None, program_conflict=False)
    for c in folds:
        fold = _FOLD.get(c.op)
        if fold is not None:
            for f in facts:
                row[c.column] = fold(row.get(c.column), f.get(c.column))
        elif c.op == "most named":
            _add_programs(row, c.column, facts)
    return row


def _add_programs(row: dict[str, Any], column: str, facts: list[dict[str, Any]]) -> None:
    """Count one report's named programmes into a pairing row and pick its programme (see module doc).

    ``facts`` are one report's (the store and the recomputation both aggregate
    report by report), so ``programs`` counts reports, not mentions.
    """
    support: dict[str, int] = json.loads(row.get("programs") or "{}")
    for name in sorted({str(f[column]) for f in facts if f.get(column) not in (None, UNSPECIFIED)}):
        support[name] = support.get(name, 0) + 1
    if support:
        most = max(support.values())
        leaders = sorted(name for name, n in support.items() if n == most)
        # A tie keeps the programme the pairing already has: the order reports came in decides, not the name.
        row[column] = row.get(column) if row.get(column) in leaders else leaders[0]
    row["programs"] = dumps(support) if support else None
    row["program_conflict"] = len(support) > 1
