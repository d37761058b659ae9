"""Which pairing a user means: ``HELPER→RECIPIENT`` by names or codes (``->`` and ``:`` work too), or a
pairing id of the ledger; and the parties a target sheet's 帮扶方 and 受援方 name.

A name may be several regions (朝阳区 is in Beijing and in Changchun): the ledger's pairings decide
which, and a name that stays ambiguous is an error listing the candidates, never a guess.
"""
from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, select

from duikou.errors import LedgerError
from duikou.ledger.tables import pairings
from duikou.reference import regions
from duikou.reference.codes import is_code

_ARROW = re.compile(r"\s*(?:→|->|=>|—>|⟶|＞|>|：|:)\s*")


def split_pairing(query: str) -> tuple[str, str] | None:
    """``(helper, recipient)`` of ``HELPER→RECIPIENT`` (None when ``query`` is not of that form)."""
    parts = [p.strip() for p in _ARROW.split(query.strip(), maxsplit=1)]
    if len(parts) != 2 or not all(parts):
        return None
    return parts[0], parts[1]


def candidates(name: str) -> list[str]:
    """The parties ``name`` may be: a code itself, else the regions of that name and the name as printed
    (a party that is no region: a company, a hospital)."""
    name = name.strip()
    if is_code(name):
        return [name]
    return [*regions.codes_for(name), name]


def _standing(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    standing = [r for r in rows if r["relation"] in (None, "standing")]
    return standing or rows


def _label(row: dict[str, Any]) -> str:
    return f"{row['id']} ({regions.name(row['helper'])}→{regions.name(row['recipient'])})"


def find_pairing(conn: Connection, query: str) -> dict[str, Any]:
    """The ``pairings`` row ``query`` means (a :class:`LedgerError` saying why when none or several)."""
    q = query.strip()
    if not q:
        raise LedgerError("no pairing given: name it as HELPER→RECIPIENT (names or codes) or by its id")
    row = conn.execute(select(pairings).where(pairings.c.id == q)).mappings().first()
    if row is not None:
        return dict(row)
    pair = split_pairing(q)
    if pair is None:
        raise LedgerError(f"{q!r} is no pairing of the ledger: name one as HELPER→RECIPIENT (names or codes) "
                          "or by its id (duikou pairings lists them)")
    helper, recipient = pair
    found = [dict(r) for r in conn.execute(select(pairings).where(
        pairings.c.helper.in_(candidates(helper)), pairings.c.recipient.in_(candidates(recipient)))
        .order_by(pairings.c.id)).mappings()]
    found = _standing(found)
    if not found:
        raise LedgerError(f"the ledger has no pairing {helper}→{recipient}")
    if len(found) > 1:
        raise LedgerError(f"{helper}→{recipient} is more than one pairing of the ledger: "
                          f"{', '.join(_label(r) for r in found)}; give its id or the regions' codes")
    return found[0]


def resolve_parties(conn: Connection, helper: str, recipient: str) -> tuple[str, str]:
    """The parties (region codes, or names as printed) a helper and a recipient name mean.

    A pairing of the ledger between them decides; else each name must be one region (or a party the
    ledger knows by that name). Raises ``ValueError`` with the reason (the caller names the row)."""
    hs, rs = candidates(helper), candidates(recipient)
    found = _standing([dict(r) for r in conn.execute(select(pairings).where(
        pairings.c.helper.in_(hs), pairings.c.recipient.in_(rs))).mappings()])
    pairs = sorted({(r["helper"], r["recipient"]) for r in found})
    if len(pairs) == 1:
        return pairs[0]
    if len(pairs) > 1:
        raise ValueError(f"{helper}→{recipient} is more than one pairing of the ledger "
                         f"({', '.join(f'{a}→{b}' for a, b in pairs)}): give the regions' codes")
    return _one(conn, helper, hs, "helper"), _one(conn, recipient, rs, "recipient")


def _one(conn: Connection, name: str, options: list[str], column: str) -> str:
    codes = [c for c in options if is_code(c)]
    if is_code(name.strip()):
        return name.strip()
    if len(codes) == 1:
        return codes[0]
    if len(codes) > 1:
        raise ValueError(f"{name!r} is {len(codes)} regions ({', '.join(codes)}): give its code")
    col = pairings.c[column]
    if conn.execute(select(col).where(col == name.strip()).limit(1)).first() is not None:
        return name.strip()
    raise ValueError(f"no region or pairing party named {name!r}")


__all__ = ["split_pairing", "candidates", "find_pairing", "resolve_parties"]
