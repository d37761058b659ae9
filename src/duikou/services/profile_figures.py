"""The figures of the profile pages: money by year (annual, cumulative and planned kept apart), figures
that disagree side by side, and a pairing's figures as each side reports them. Plain functions over the
ledger's rows (see :mod:`duikou.services.profiles`, which reads them)."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable

Party = Callable[[Any], "dict[str, Any] | None"]
Evidence = dict[str, list[dict[str, Any]]]  # entity -> [{"document", "fact"}]
Accounts = dict[str, dict[str, tuple[int, list[int]]]]  # entity -> side -> (reports, first report ids)
SIDES = ("helper", "recipient", "unknown")


def year_of(row: dict[str, Any]) -> int | None:
    """The year a figure is for: its period, else the year of its date (None when neither says)."""
    for v in (row.get("period"), row.get("date")):
        if isinstance(v, str) and v[:4].isdigit():
            return int(v[:4])
    return None


def _figure(r: dict[str, Any], ev: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {"id": r["id"], "value": r["value"], "approx": bool(r["approx"]), "role": r["role"],
            "cumulative": bool(r.get("cumulative")), "status": r.get("status") or "done", "date": r.get("date"),
            "period": r.get("period"), "conflict": r.get("conflict"), "source_count": r["sources"],
            "evidence": ev.get(r["id"], [])}


def _cell() -> dict[str, Any]:
    return {"total": None, "by_role": {}, "figures": [], "disputed": 0}


def money_by_year(amounts: list[dict[str, Any]], ids: set[str], name: Party,
                  ev: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The parties' money by year (undated last): for each ``year``, ``given`` and ``received``, each with
    three cells that are never added together: ``annual`` (money of that year), ``cumulative`` (totals
    "as of" that year) and ``planned`` (targets and forecasts: money that has not moved).

    A cell is ``{"total", "by_role", "figures", "disputed"}``; ``figures`` lists every amount (value in
    yuan, role, partner, date, ``conflict``, evidence). Figures that other reports contradict (a
    ``conflict`` key: see ``conflicts``) are listed but left out of the totals, and counted in
    ``disputed``. An annual total adds its undisputed figures; a cumulative total adds, per partner and
    role, the latest undisputed figure of the year (two "so far" figures of one pair are one sum told
    twice); a planned total adds the planned figures that are not cumulative. ``total`` is None when no
    figure counts.
    """
    years: dict[int | None, dict[str, Any]] = {}
    for r in amounts:
        column = "planned" if (r.get("status") or "done") == "planned" else \
            "cumulative" if r.get("cumulative") else "annual"
        y = year_of(r)
        for direction, mine, other in (("given", r["payer"], r["payee"]), ("received", r["payee"], r["payer"])):
            if mine not in ids:
                continue
            year = years.setdefault(y, {"year": y, **{d: {c: _cell() for c in ("annual", "cumulative", "planned")}
                                                      for d in ("given", "received")}})
            year[direction][column]["figures"].append({**_figure(r, ev), "partner": name(other)})
    for year in years.values():
        for d in ("given", "received"):
            for column, cell in year[d].items():
                _total(column, cell)
    return [years[y] for y in sorted(years, key=lambda y: (y is None, y or 0))]


def _total(column: str, cell: dict[str, Any]) -> None:
    cell["disputed"] = sum(1 for f in cell["figures"] if f["conflict"])
    counted = [f for f in cell["figures"] if not f["conflict"]]
    if column == "cumulative":
        latest: dict[tuple[Any, str], dict[str, Any]] = {}
        for f in counted:
            key = ((f["partner"] or {}).get("id"), f["role"])
            if key not in latest or (f["date"] or "", f["value"]) > (latest[key]["date"] or "", latest[key]["value"]):
                latest[key] = f
        counted = list(latest.values())
    elif column == "planned":
        counted = [f for f in counted if not f["cumulative"]]
    by_role: dict[str, float] = defaultdict(float)
    for f in counted:
        by_role[f["role"]] += f["value"]
    cell["by_role"] = dict(sorted(by_role.items()))
    cell["total"] = sum(by_role.values()) if counted else None


def conflict_groups(amounts: list[dict[str, Any]], name: Party,
                    ev: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Figures that disagree about the same thing (amounts sharing a ``conflict`` key), side by side: one
    group per key with its payer, payee, role, period and cumulative flag, and the ``figures`` (value,
    date, evidence) by value."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in amounts:
        if r.get("conflict"):
            groups[r["conflict"]].append(r)
    out = []
    for key, same in sorted(groups.items(), key=lambda kv: (kv[1][0].get("period") or "", kv[0])):
        first = same[0]
        out.append({"conflict": key, "role": first["role"], "payer": name(first["payer"]),
                    "payee": name(first["payee"]), "period": first.get("period"),
                    "cumulative": bool(first.get("cumulative")),
                    "figures": [_figure(r, ev) for r in sorted(same, key=lambda r: (r["value"], r["id"]))]})
    return out


def figure_groups(helper: str, amounts: list[dict[str, Any]], counts: list[dict[str, Any]],
                  told: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """The figures between a pairing's two parties, side by side: one group per ``kind`` (amount, count),
    ``direction`` (helper_to_recipient or back), ``role``, ``year``, ``unit`` (yuan for amounts),
    ``cumulative`` and ``status`` (amounts only), with ``helper_side``, ``recipient_side`` and
    ``unknown_side``: the figures each side's reports give (``told``: how many reports of each side tell
    each figure; a figure both sides give is in both lists, with ``source_count`` that side's reports).
    Their ``evidence`` is empty until :func:`add_evidence`
    fills it (a page reads the evidence of the groups it shows only).

    ``differs`` is true when the ledger found the figures contradicting each other (a shared ``conflict``
    key, also given), or when both sides give the figure and no value of one side is a value of the other.
    """
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for kind, table in (("amount", amounts), ("count", counts)):
        for r in table:
            giver = r["payer"] if kind == "amount" else r["helper"]
            direction = "helper_to_recipient" if giver == helper else "recipient_to_helper"
            status = (r.get("status") or "done") if kind == "amount" else None
            key = (kind, direction, r["role"], year_of(r), "yuan" if kind == "amount" else r["unit"],
                   bool(r.get("cumulative")) if kind == "amount" else None, status)
            groups[key].append(r)
    out = []
    for key in sorted(groups, key=lambda k: tuple((v is None, str(v)) for v in k)):
        kind, direction, role, year, unit, cumulative, status = key
        group: dict[str, Any] = {"kind": kind, "direction": direction, "role": role, "year": year, "unit": unit,
                                 "cumulative": cumulative, "status": status}
        for side in SIDES:
            group[f"{side}_side"] = []
            for r in groups[key]:
                n = told.get(r["id"], {}).get(side)
                if n:
                    group[f"{side}_side"].append({
                        "id": r["id"], "value": r["value"], "approx": bool(r["approx"]), "date": r.get("date"),
                        "period": r.get("period"), "conflict": r.get("conflict"), "source_count": n,
                        "evidence": []})
        conflict = next((r["conflict"] for r in groups[key] if r.get("conflict")), None)
        mine = {f["value"] for f in group["helper_side"]}
        theirs = {f["value"] for f in group["recipient_side"]}
        group["conflict"] = conflict
        group["differs"] = bool(conflict) or bool(mine and theirs and mine.isdisjoint(theirs))
        out.append(group)
    return out


def group_figure_ids(groups: list[dict[str, Any]]) -> list[str]:
    """The ids of the figures in ``groups`` (each once)."""
    return sorted({f["id"] for g in groups for side in SIDES for f in g[f"{side}_side"]})


def add_evidence(groups: list[dict[str, Any]], ev: Evidence, side_of: dict[int, str]) -> None:
    """Each side's figures in ``groups`` get their evidence, cut to that side's reports (``side_of`` says
    whose report each document is)."""
    for g in groups:
        for side in SIDES:
            for f in g[f"{side}_side"]:
                f["evidence"] = [e for e in ev.get(f["id"], []) if side_of.get(e["document"]) == side]
