"""Writing a source's prepared facts: facts, statements with their provenance, automatic merges,
positions, entity links and rows, and the regions and parties they name."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection

from duikou.ledger import sql
from duikou.ledger.entities import DocContext, dumps
from duikou.ledger.entity_rows import upsert_entities
from duikou.ledger.prepare import Prepared
from duikou.ledger.tables import ENTITY_TABLES, entity_documents, facts, judgements, parties, positions, regions, statements
from duikou.reference import regions as reg

# Column order of the tuples written in bulk.
_FACT_COLS = ("id", "document_id", "kind", "seq", "base", "entity", "data", "span_start", "span_end", "quote",
              "extractor", "confidence")
_STATEMENT_COLS = ("fact_id", "document_id", "kind", "property", "value", "extractor", "version", "confidence",
                   "first_seen", "last_seen")
_ENTITY_DOCUMENT_COLS = ("entity_id", "document_id", "published", "source", "side")
_JUDGEMENT_COLS = ("kind", "verdict", "left_id", "right_id", "reason", "auto", "created")
_POSITION_COLS = ("fact_id", "person", "titles", "date", "document_id", "source")
# The properties that name a party (a region code or an organisation), per fact.
PARTY_KEYS = ("helper", "recipient", "place", "payer", "payee")


class References:
    """The regions and parties a ledger has stored: reference rows are never deleted, so the ones
    written once are remembered and skipped without a query."""

    def __init__(self) -> None:
        self.regions: set[str] = set()
        self.parties: set[str] = set()
        self._pending: tuple[set[str], set[str]] = (set(), set())

    def add(self, conn: Connection, codes: set[str], names: set[str]) -> None:
        """Add the regions and parties not yet stored (known once the transaction commits)."""
        codes, names = codes - self.regions, names - self.parties
        if codes:
            sql.insert_ignore(conn, regions, [
                reg.region(code) or {"code": code, "name": None, "level": None, "parent": None,
                                     "province": None, "lon": None, "lat": None} for code in sorted(codes)])
        if names:
            sql.insert_ignore(conn, parties, [{"name": n} for n in sorted(names)])
        # Accumulated: a batch's transaction adds the references of many sources.
        self._pending[0].update(codes)
        self._pending[1].update(names)

    def begin(self) -> None:
        """A transaction starts: nothing of it is written yet."""
        self._pending = (set(), set())

    def committed(self) -> None:
        """The transaction committed: from now on its reference rows are known to be there."""
        self.regions |= self._pending[0]
        self.parties |= self._pending[1]
        self._pending = (set(), set())


def extractor_label(name: str | None, version: str | None) -> str | None:
    """``name@version`` as ``facts.extractor`` keeps it (None when nothing produced the fact)."""
    if not name:
        return None
    return name if version is None else f"{name}@{version}"


def store_facts(conn: Connection, doc_id: int, prepared: list[Prepared], ctx: DocContext, stamp: str,
                side: str | None, stale: set[str], refs: References) -> tuple[int, int]:
    """Write ``prepared`` for document ``doc_id``; returns (facts written, automatic merges recorded).

    ``stale``: entities that lost this document's old facts: they still have a row (recomputed after).
    """
    fact_rows: list[tuple[Any, ...]] = []
    stmt_rows: list[tuple[Any, ...]] = []
    judge_rows: list[tuple[Any, ...]] = []
    by_entity: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    new_entities: set[str] = set()
    region_codes: set[str] = set()
    party_names: set[str] = set()
    position_rows: list[tuple[Any, ...]] = []
    for p in prepared:
        f, kind, data, fid, eff, entity = p.record, p.kind, p.data, p.fid, p.eff, p.entity
        if not p.new and kind != "regions":  # a region is its code: nothing to judge
            judge_rows.append((kind, "same", p.base, fid, p.reason, True, stamp))
        ev = f.evidence
        start, end, quote = (ev.start, ev.end, ev.quote) if ev is not None else (None, None, None)
        fact_rows.append((fid, doc_id, kind, p.seq, p.base, entity, dumps(data), start, end, quote,
                          extractor_label(f.extractor, f.version), f.confidence))
        for prop, value in data.items():
            if value is not None:
                stmt_rows.append((fid, doc_id, kind, prop, dumps(value), f.extractor, f.version, f.confidence,
                                  stamp, stamp))
        if kind in ENTITY_TABLES:
            by_entity[kind][entity].append(eff)
            if p.new and entity not in stale:  # no row yet
                new_entities.add(entity)
        if kind == "regions" and reg.is_code(data.get("code")):
            region_codes.add(data["code"])
        if kind == "people":
            position_rows.append((fid, entity, dumps(data.get("titles") or []), ctx.published, doc_id, ctx.source))
        for key in PARTY_KEYS:
            _note_party(eff.get(key), region_codes, party_names)
        for x in data.get("parties") or [] if kind == "agreements" else []:
            _note_party(x, region_codes, party_names)
    sql.insert_rows(conn, facts, _FACT_COLS, fact_rows)
    sql.insert_rows(conn, statements, _STATEMENT_COLS, stmt_rows)
    sql.insert_rows(conn, judgements, _JUDGEMENT_COLS, judge_rows)
    sql.insert_rows(conn, positions, _POSITION_COLS, position_rows)
    sql.insert_rows(conn, entity_documents, _ENTITY_DOCUMENT_COLS,
                   [(eid, doc_id, ctx.published, ctx.source, side)
                    for groups in by_entity.values() for eid in sorted(groups)])
    refs.add(conn, region_codes, party_names)
    for kind, groups in by_entity.items():
        upsert_entities(conn, kind, groups, new_entities)
    return len(fact_rows), len(judge_rows)


def _note_party(value: Any, codes: set[str], names: set[str]) -> None:
    if isinstance(value, str) and value:
        (codes if reg.is_code(value) else names).add(value)
