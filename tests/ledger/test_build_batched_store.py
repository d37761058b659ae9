"""The batch store (ledger.bulk.store_batch) against a second writer: a source stored by another build
after the batch looked its sources up is found again under the writer lock and stored as Ledger.add
would (unchanged, or replaced), never inserted twice; off-topic and failed entries are kept as the build
keeps them."""
from __future__ import annotations

from sqlalchemy import select

from duikou.ledger.bulk import Entry, known_sources, store_batch
from duikou.ledger.store import Ledger
from duikou.ledger.tables import documents, facts
from tests.ledger.helpers import helper_report, other_report, recipient_report, store, stored


def test_a_source_stored_meanwhile_is_stored_again_not_twice(ledger: Ledger) -> None:
    made = [helper_report("reports/a.txt"), recipient_report("reports/b.txt"), other_report("reports/c.txt")]
    entries = [Entry(*stored(d, r)) for d, r in made]
    known = known_sources(ledger, [e.source.source for e in entries])
    assert known == {}
    store(ledger, *made[0])  # another build stores a.txt first
    changed_doc, changed = other_report("reports/b.txt")  # ... and b.txt with another text
    store(ledger, changed_doc, changed)
    got = store_batch(ledger, entries, known)
    assert got.status == {"reports/a.txt": "unchanged", "reports/b.txt": "replaced", "reports/c.txt": "new"}
    with ledger.engine.connect() as conn:
        sources = conn.execute(select(documents.c.source).order_by(documents.c.source)).scalars().all()
        b_facts = conn.execute(select(facts.c.id).join(documents, documents.c.id == facts.c.document_id)
                               .where(documents.c.source == "reports/b.txt")).scalars().all()
    assert sources == ["reports/a.txt", "reports/b.txt", "reports/c.txt"]
    assert len(b_facts) == len(entries[1].facts)


def test_off_topic_and_failed_entries_are_kept_out_as_the_build_keeps_them(ledger: Ledger) -> None:
    (d1, r1), (d2, r2) = helper_report("reports/off.txt"), recipient_report("reports/bad.txt")
    off, bad = Entry(*stored(d1, r1), offtopic=True), Entry(*stored(d2, r2), failure="ValueError: made up")
    got = store_batch(ledger, [off, bad], {})
    assert got.status == {"reports/off.txt": "offtopic", "reports/bad.txt": "failed"}
    assert got.counts["facts"] == 0
    with ledger.engine.connect() as conn:
        rows = {r.source: r for r in conn.execute(select(documents))}
        assert conn.execute(select(facts.c.id)).first() is None
    assert rows["reports/off.txt"].status == "offtopic" and rows["reports/off.txt"].text is None
    assert rows["reports/bad.txt"].status == "failed" and rows["reports/bad.txt"].reason == "ValueError: made up"
    assert rows["reports/bad.txt"].side is None and rows["reports/bad.txt"].pairing is None
