"""Which amounts disagree: figures for the same thing, given by different reports.

Two amounts conflict when they share a conflict key (:func:`duikou.ledger.entities.conflict_key`:
the same payer, payee, role, cumulative flag and period, both done), differ in value, and no report
gives both. A report that gives one farm's figure and the year's total tells of two things, not of
one thing twice, so two figures of one report never conflict with each other, even when another
report repeats one of them. Every amount that conflicts with another gets the key as its
``conflict`` flag (shared by the group); the others none.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any, Sequence

from sqlalchemy import Boolean, Connection, TextualSelect, bindparam, select, text, update

from duikou.ledger import sql
from duikou.ledger.entities import conflict_key
from duikou.ledger.tables import amounts, entity_documents


def refresh_conflicts(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Flag the amounts sharing a conflict key with ``rows`` that conflict (see the module doc).

    One query reads every amount sharing a key with ``rows``, one more the reports of the groups
    that hold two values; only the flags that change are written.
    """
    conds: dict[str, tuple[bool, ...]] = {}
    params: dict[str, Any] = {"true": True, "false": False}
    for r in rows:
        key = conflict_key(r)
        if key in conds:
            continue
        j = len(conds)
        params.update({f"role{j}": r.get("role"), f"payer{j}": r.get("payer"), f"payee{j}": r.get("payee"),
                       f"period{j}": r.get("period")})
        conds[key] = (r.get("payer") is None, r.get("payee") is None, r.get("period") is None,
                      bool(r.get("cumulative")))
    if not conds:
        return
    groups: dict[str, list[Any]] = defaultdict(list)
    for m in conn.execute(_conflicts_sql(tuple(conds.values())), params).mappings():
        key = conflict_key(dict(m))
        if key in conds:
            groups[key].append(m)
    split = [r["id"] for same in groups.values() if len({r["value"] for r in same}) > 1 for r in same]
    reports = _reports(conn, split)
    changes = []
    for key, same in groups.items():
        disputed = _disputed(same, reports)
        for r in same:
            flag = key if r["id"] in disputed else None
            if r["conflict"] != flag:
                changes.append({"aid": r["id"], "flag": flag})
    if changes:
        conn.execute(update(amounts).where(amounts.c.id == bindparam("aid")).values(conflict=bindparam("flag")),
                     changes)


def _disputed(same: Sequence[Any], reports: dict[str, set[int]]) -> set[str]:
    """The ids of the amounts of one key that another amount of it contradicts (another value, no
    report in common)."""
    out: set[str] = set()
    for i, a in enumerate(same):
        for b in same[i + 1:]:
            if a["value"] != b["value"] and reports.get(a["id"], set()).isdisjoint(reports.get(b["id"], set())):
                out.update((a["id"], b["id"]))
    return out


def _reports(conn: Connection, ids: list[str]) -> dict[str, set[int]]:
    """The reports (document ids) behind each amount of ``ids``."""
    out: dict[str, set[int]] = defaultdict(set)
    for chunk in sql.chunks(sorted(set(ids))):
        for entity, doc_id in conn.execute(select(entity_documents.c.entity_id, entity_documents.c.document_id)
                                           .where(entity_documents.c.entity_id.in_(chunk))):
            out[entity].add(doc_id)
    return out


@functools.lru_cache(maxsize=4096)
def _conflicts_sql(shape: tuple[tuple[bool, ...], ...]) -> TextualSelect:
    """The amounts sharing a conflict key with any of ``shape``'s rows (plain SQL, cached per shape)."""
    conds = []
    for j, (no_payer, no_payee, no_period, cumulative) in enumerate(shape):
        parts = [f"role = :role{j}"]
        for col, missing in (("payer", no_payer), ("payee", no_payee), ("period", no_period)):
            parts.append(f"{col} IS NULL" if missing else f"{col} = :{col}{j}")
        parts.append("cumulative = :true" if cumulative else "(cumulative = :false OR cumulative IS NULL)")
        conds.append("(" + " AND ".join(parts) + ")")
    return text("SELECT id, value, conflict, role, payer, payee, period, cumulative FROM amounts WHERE "
                + " OR ".join(conds) + " ORDER BY id").columns(cumulative=Boolean())
