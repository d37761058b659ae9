"""A source's facts made ready to store: each with its id, its properties as stored, its effective
properties (gaps filled from the source's context), its merge base and the entity that base resolves to."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from sqlalchemy import Connection

from duikou.errors import LedgerError
from duikou.ledger.entities import DocContext, base_key, digest, effective
from duikou.ledger.entity_rows import entities_of
from duikou.ledger.event_match import event_base, events_near
from duikou.schema import FACT_KINDS, fact_types
from duikou.schema.records import FactRecord, SourceRecord


@dataclass
class Prepared:
    """One fact of the source being stored, resolved to its entity."""

    record: FactRecord
    data: dict[str, Any]  # the schema's properties of its kind (absent ones None)
    fid: str
    eff: dict[str, Any]
    base: str
    reason: str
    seq: int
    entity: str = ""
    new: bool = False  # its base was not stored before (a new entity)

    @property
    def kind(self) -> str:
        return self.record.kind


def prepare(conn: Connection, source: SourceRecord, found: Sequence[FactRecord], ctx: DocContext) -> list[Prepared]:
    """Every fact of ``found`` (in its order) with its id, properties, base and entity (two queries)."""
    types = fact_types()
    raw: list[tuple[FactRecord, dict[str, Any], str, dict[str, Any]]] = []
    for f in found:
        if f.kind not in FACT_KINDS:
            raise LedgerError(f"{source.source}: no fact kind {f.kind!r} (schema/facts.yaml)")
        data = {n: f.data.get(n) for n in types[f.kind].names}
        fid = "F" + digest(source.source, source.body_hash, f.kind, len(raw))
        raw.append((f, data, fid, effective(f.kind, data, ctx)))
    stored_events = events_near(conn, [eff for f, _, _, eff in raw if f.kind == "events"])
    prepared: list[Prepared] = []
    local_events: list[tuple[str, dict[str, Any]]] = []
    for seq, (f, data, fid, eff) in enumerate(raw):
        if f.kind == "events":
            base, reason = event_base(eff, fid, local_events, stored_events)
            local_events.append((base, eff))
        else:
            base, reason = base_key(f.kind, eff, fid)
        prepared.append(Prepared(f, data, fid, eff, base, reason, seq))
    # A region is its code and is never merged with anything else: no lookup needed.
    known = entities_of(conn, {p.base for p in prepared if p.kind != "regions"})
    for p in prepared:
        entity = known.get(p.base)
        if entity is None:
            known[p.base] = p.entity = p.base
            p.new = True
        else:
            p.entity = entity
    return prepared
