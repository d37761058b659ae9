"""Facts entered by hand (``duikou records add``, or a form of the web app) and the list of the ledger's
records that come from no report (manual entries and imported rows).

A manual entry is one fact with the person who entered it (provenance ``manual``): its properties are
given as text (``role=assistance``, ``value=1000000``, ``payer=溧阳市``) and typed by the schema
(facts.yaml): numbers, 是/否, days, region names as codes. A pairing (``HELPER:RECIPIENT``) gives the
fact its sides: a count borrows them from it, an amount its payer and payee.
"""
from __future__ import annotations

import json
from typing import Any, Mapping

from sqlalchemy import func, select

from duikou.errors import InputError
from duikou.ledger.tables import documents, facts
from duikou.reference.codes import is_code
from duikou.schema import FACT_KINDS, fact_types, validate
from duikou.schema.records import Citation, FactRecord, cited_source
from duikou.services.connect import Db, engine_of, ledger_of
from duikou.services.records import places
from duikou.services.records.rows import pairing_fact
from duikou.services.records.values import CellError, parse_bool, parse_day, parse_number

_WHERE = "records add"
# Besides a kind's properties, an entry may say when it holds (the source's date: a figure's period).
_WHEN = ("date", "year")


def add_record(db: Db, kind: str, data: Mapping[str, Any], author: str, reason: str | None = None,
               pairing: str | tuple[str, str] | None = None) -> str:
    """Store one fact entered by ``author`` (``reason``: why, or where it was read); returns its source key.

    ``data`` maps the kind's properties (and ``date`` or ``year``: when it holds) to values, as text or
    typed. Raises :class:`~duikou.errors.InputError` naming what does not fit the schema.
    """
    if not author or not author.strip():
        raise InputError(_WHERE, "an entry needs its author (--author NAME)")
    if kind not in FACT_KINDS or kind == "regions":
        raise InputError(_WHERE, f"no fact kind {kind!r} (one of {', '.join(k for k in FACT_KINDS if k != 'regions')})")
    helper, recipient = places.pairing_codes(pairing)
    context = [c for c in (helper, recipient) if c]
    typed, published = _typed(kind, dict(data), context)
    if kind in ("amounts", "counts"):
        typed.setdefault("approx", False)  # a figure entered is as stated, not "about"
    if kind == "amounts":
        typed.setdefault("planned", False)
        typed.setdefault("payer", helper)
        typed.setdefault("payee", recipient)
    if kind == "events":
        typed.setdefault("helper", helper)
        typed.setdefault("recipient", recipient)
    if kind == "events" or kind == "agreements":
        published = published or typed.get("date")
    typed = {k: v for k, v in typed.items() if v is not None}
    errors = validate(kind, typed)
    if errors:
        raise InputError(_WHERE, "; ".join(errors))
    found = [FactRecord(kind, typed)]
    if helper and recipient and kind != "pairings":
        found.insert(0, pairing_fact(helper, recipient, year=int(published[:4]) if published else None))
    source = cited_source(Citation(author=author.strip()), found, published=published, title=reason)
    with ledger_of(db) as ledger:
        result = ledger.add(source, found)
    if result.problems:
        raise InputError(_WHERE, "; ".join(p.reason for p in result.problems))
    return source.source


def _typed(kind: str, data: dict[str, Any], context: list[str]) -> tuple[dict[str, Any], str | None]:
    """The properties typed by the schema, and the entry's date (``date``/``year``) when given."""
    ft = fact_types()[kind]
    published = None
    out: dict[str, Any] = {}
    for key, raw in data.items():
        try:
            if key in _WHEN and key not in ft.names:
                published = parse_day(raw).iso
                continue
            if key not in ft.names:
                raise InputError(_WHERE, f"{kind} has no property {key!r} ({', '.join(ft.names)}; or date, year)")
            out[key] = _value(ft.prop(key).type, raw, context)
        except CellError as err:
            raise InputError(_WHERE, f"{key}: {err}") from None
    return out, published


def _value(type_: str, raw: Any, context: list[str]) -> Any:
    if raw is None or not isinstance(raw, str):
        return raw
    s = raw.strip()
    if s == "" or s.lower() in ("null", "none"):
        return None
    if type_ == "float":
        return parse_number(s).value
    if type_ == "int":
        n = parse_number(s).value
        if not n.is_integer():
            raise CellError(f"{s!r} is not a whole number")
        return int(n)
    if type_ == "bool":
        return parse_bool(s)
    if type_ == "date":
        day = parse_day(s).full
        if day is None:
            raise CellError(f"{s!r} is not a day (YYYY-MM-DD)")
        return day
    if type_ == "region":
        return places.resolve(s, context)
    if type_ == "party":
        try:
            return places.resolve(s, context)
        except CellError:
            if is_code(s):
                raise
            return s  # a company, a unit: kept as written
    if type_.startswith("list["):
        items = [x for x in (p.strip() for p in s.replace("，", ",").replace("、", ",").split(",")) if x]
        return [_value(type_[5:-1], x, context) for x in items]
    return s


def list_records(db: Db, provenance: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """The sources that come from no report (manual entries and imported rows, or only ``provenance``'s),
    oldest first: key, provenance, status (and why a row failed), date, side, citation, facts."""
    if provenance not in (None, "manual", "imported"):
        raise InputError(_WHERE.replace("add", "list"), f"provenance {provenance!r} is not manual or imported")
    kinds = (provenance,) if provenance else ("manual", "imported")
    n_facts = (select(facts.c.document_id, func.count().label("n")).group_by(facts.c.document_id).subquery())
    q = (select(documents.c.id, documents.c.source, documents.c.provenance, documents.c.status, documents.c.reason,
                documents.c.title, documents.c.published, documents.c.side, documents.c.citation,
                documents.c.first_seen, documents.c.last_seen, func.coalesce(n_facts.c.n, 0).label("facts"))
         .outerjoin(n_facts, n_facts.c.document_id == documents.c.id)
         .where(documents.c.provenance.in_(kinds)).order_by(documents.c.id))
    if limit is not None:
        q = q.limit(limit)
    with engine_of(db) as eng, eng.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
    for r in rows:
        r["citation"] = json.loads(r["citation"]) if r["citation"] else None
        r["facts"] = int(r["facts"])
    return rows
