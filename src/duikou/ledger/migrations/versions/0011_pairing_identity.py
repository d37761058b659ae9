"""A pairing is its helper, recipient and relation; the programme is an attribute.

Before this revision the programme was part of a pairing's merge key: the same
helper and recipient reported once as 东西部协作 and once with the programme
unspecified were two pairings. Now they are one, whose ``program`` is the one
most reports name (a named programme beats unspecified); ``programs`` keeps
how many reports name each, and ``program_conflict`` flags a pairing that
reports give two programmes.

Re-keying: every pairing fact gets the new base (``ledger.entities.base_key``,
spelled out here so this revision does not move with the code), each report's
main pairing follows its first standing pairing fact, and the build's
automatic merges are recorded for the facts that now join an earlier fact's
base. Human judgements that named an old base name the new one (``same``) or
that base's earliest fact (``different``: keeping apart what was judged apart
as far as the facts allow). The facts are then reclustered and the pairing rows
rebuilt by ``ledger.db.upgrade`` at head (``pending_recompute``).

Revision ID: 0011
Revises: 0010
"""
import datetime as dt
import hashlib
import json
from collections import defaultdict
from typing import Any, Callable

from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

REASON = "same helper, recipient and relation"
OLD_REASON = "same helper, recipient and program"


def _digest(*parts: Any) -> str:
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:15]


def _standing(d: dict[str, Any]) -> bool:
    return d.get("relation") in (None, "standing")


def new_base(d: dict[str, Any]) -> str:
    """The base of a pairing fact from this revision on: helper, recipient, relation."""
    return "P" + _digest(d.get("helper"), d.get("recipient"), "standing" if _standing(d) else d.get("relation"))


def old_base(d: dict[str, Any]) -> str:
    """The base of a pairing fact before this revision: helper, recipient, program (and a non-standing relation)."""
    extra = () if _standing(d) else (d.get("relation"),)
    return "P" + _digest(d.get("helper"), d.get("recipient"), d.get("program"), *extra)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def _rekey(conn: sa.Connection, key: Callable[[dict[str, Any]], str],
           reason: str) -> tuple[dict[str, str], dict[str, str]]:
    """Give every pairing fact the base ``key`` computes, as the store would have stored it.

    Each report's main pairing follows its first standing pairing fact; the build's automatic
    merges name each fact's new base, and one is recorded for each fact that now joins an earlier
    fact's base. Returns each old base's new one and each old base's earliest fact.
    """
    rows = conn.execute(sa.text("SELECT id, document_id, base, data FROM facts WHERE kind = 'pairings' "
                                "ORDER BY document_id, seq")).all()
    judged = {r[0] for r in conn.execute(sa.text(
        "SELECT right_id FROM judgements WHERE auto = :t AND kind = 'pairings'"), {"t": True})}
    moved: dict[str, str] = {}
    first_fact: dict[str, str] = {}
    changes: list[dict[str, Any]] = []
    main: dict[int, str] = {}
    seen: set[str] = set()
    merges: list[dict[str, Any]] = []
    stamp = _now()
    for fid, doc_id, base, data in rows:
        d = json.loads(data)
        new = key(d)
        moved.setdefault(base, new)
        first_fact.setdefault(base, fid)
        changes.append({"fid": fid, "base": new})
        if _standing(d):
            main.setdefault(doc_id, new)
        if new not in seen:
            seen.add(new)
        elif fid not in judged:
            merges.append({"left": new, "right": fid, "reason": reason, "created": stamp})
    if changes:
        conn.execute(sa.text("UPDATE facts SET base = :base WHERE id = :fid"), changes)
    relinked = [c for c in changes if c["fid"] in judged]
    if relinked:
        conn.execute(sa.text("UPDATE judgements SET left_id = :base WHERE auto = :t AND kind = 'pairings' "
                             "AND right_id = :fid").bindparams(t=True), relinked)
    docs = [{"doc": i, "pairing": b} for i, b in main.items()]
    if docs:
        conn.execute(sa.text("UPDATE documents SET pairing = :pairing WHERE id = :doc"), docs)
    if merges:
        conn.execute(sa.text("INSERT INTO judgements (kind, verdict, left_id, right_id, reason, auto, created) "
                             "VALUES ('pairings', 'same', :left, :right, :reason, :t, :created)")
                     .bindparams(t=True), merges)
    return moved, first_fact


def _queue_recluster(conn: sa.Connection) -> None:
    """Ask ``ledger.db.upgrade`` to recluster the pairings at head and rebuild (or drop) every stored row."""
    conn.execute(sa.text("CREATE TABLE IF NOT EXISTS pending_recompute (kind VARCHAR(16), entity VARCHAR(32))"))
    conn.execute(sa.text("INSERT INTO pending_recompute (kind, entity) VALUES ('pairings', NULL)"))
    conn.execute(sa.text("INSERT INTO pending_recompute (kind, entity) SELECT 'pairings', id FROM pairings"))


def upgrade() -> None:
    # Plain ALTER TABLE (see 0006): batch mode would rebuild the table on SQLite.
    op.add_column("pairings", sa.Column("programs", sa.Text(), nullable=True))
    op.add_column("pairings", sa.Column("program_conflict", sa.Boolean(), nullable=True))
    conn = op.get_bind()
    moved, first_fact = _rekey(conn, new_base, REASON)
    human = conn.execute(sa.text("SELECT id, verdict, left_id, right_id FROM judgements "
                                 "WHERE auto = :f AND kind = 'pairings'"), {"f": False}).all()
    for jid, verdict, left, right in human:
        target = moved if verdict == "same" else first_fact
        new_left, new_right = target.get(left, left), target.get(right, right)
        if (new_left, new_right) != (left, right):
            conn.execute(sa.text("UPDATE judgements SET left_id = :l, right_id = :r WHERE id = :i"),
                         {"l": new_left, "r": new_right, "i": jid})
    _queue_recluster(conn)


def downgrade() -> None:
    """Back to programme keys. The facts get their old bases; each entity is its base again (human
    judgements on pairings are not replayed: the next judgement or upgrade reclusters), and the
    pairing rows and their reports are rebuilt here, as the code of 0010 aggregated them."""
    conn = op.get_bind()
    # The build's merges stay: a fact that joined an earlier one under this key has its row, which
    # under the finer programme key it either needs or never uses (so an upgrade again is exact).
    _rekey(conn, old_base, OLD_REASON)
    conn.execute(sa.text("UPDATE facts SET entity = base WHERE kind = 'pairings'"))
    groups: dict[str, list[Any]] = defaultdict(list)
    for r in conn.execute(sa.text(
            "SELECT f.base, f.data, f.document_id, d.published, d.source, d.side FROM facts f "
            "JOIN documents d ON d.id = f.document_id WHERE f.kind = 'pairings' ORDER BY f.document_id, f.seq")):
        groups[r.base].append(r)
    conn.execute(sa.text("DELETE FROM entity_documents WHERE entity_id IN (SELECT id FROM pairings)"))
    conn.execute(sa.text("DELETE FROM pairings"))
    rows, links = [], set()
    for base, rs in groups.items():
        first = json.loads(rs[0].data)
        since = [d["since"] for d in (json.loads(r.data) for r in rs) if d.get("since") is not None]
        rows.append({"id": base, "helper": first["helper"], "recipient": first["recipient"],
                     "program": first["program"], "since": min(since) if since else None,
                     "sources": len({r.document_id for r in rs}), "relation": first.get("relation") or "standing"})
        links |= {(base, r.document_id, r.published, r.source, r.side) for r in rs}
    if rows:
        conn.execute(sa.text("INSERT INTO pairings (id, helper, recipient, program, since, sources, relation) "
                             "VALUES (:id, :helper, :recipient, :program, :since, :sources, :relation)"), rows)
    if links:
        conn.execute(sa.text("INSERT INTO entity_documents (entity_id, document_id, published, source, side) "
                             "VALUES (:e, :d, :p, :s, :side)"),
                     [dict(zip(("e", "d", "p", "s", "side"), link)) for link in sorted(links)])
    for col in ("program_conflict", "programs"):
        op.execute(f"ALTER TABLE pairings DROP COLUMN {col}")
