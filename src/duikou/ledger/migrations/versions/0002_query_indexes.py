"""Indexes for the write path's lookups and for ``show``/``pairings``.

- facts (base, document_id, seq, entity): a base's earliest fact is one
  index seek (the store resolves every fact through it), replacing (base).
- facts (entity, document_id): an entity's supporting documents come from
  the index alone, replacing (entity).
- events (helper, recipient, type, date): the store's "same event within a
  day" lookup; events (place): ``show`` finds events by place too.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_facts_base_order", "facts", ["base", "document_id", "seq", "entity"], unique=False)
    op.drop_index("ix_facts_base", table_name="facts")
    op.create_index("ix_facts_entity_document", "facts", ["entity", "document_id"], unique=False)
    op.drop_index("ix_facts_entity", table_name="facts")
    op.create_index("ix_events_match", "events", ["helper", "recipient", "type", "date"], unique=False)
    op.create_index("ix_events_place", "events", ["place"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_events_place", table_name="events")
    op.drop_index("ix_events_match", table_name="events")
    op.create_index("ix_facts_entity", "facts", ["entity"], unique=False)
    op.drop_index("ix_facts_entity_document", table_name="facts")
    op.create_index("ix_facts_base", "facts", ["base"], unique=False)
    op.drop_index("ix_facts_base_order", table_name="facts")
