"""Indexes for the review pages (measured on a 20,000-report ledger: 510,000 facts, 406,000 automatic
judgements; SQLite and PostgreSQL; the numbers are in the commit that added this revision).

- facts (review, confidence, kind, entity, id): the review queue counts a review state's facts and finds
  a page one confidence group at a time; with the index those are range reads of it instead of scans of
  every fact (``duikou.ledger.review_queue``).
- judgements (auto, kind): the audit log, the judgements list and reclustering read the human judgements
  only; the build's own merges (one per merged fact) were scanned to find them.
- entity_documents (entity_id, side): a list's ``side`` filter asks whether an entity has a report told by
  that side; the order index (0014) holds side as its last column, so each probe read every report link
  of the entity (PostgreSQL then seeks it directly; SQLite's planner keeps the order index, already
  covering).

Revision ID: 0016
Revises: 0015
"""
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_facts_review_queue", "facts", ["review", "confidence", "kind", "entity", "id"])
    op.create_index("ix_judgements_auto", "judgements", ["auto", "kind"])
    op.create_index("ix_entity_documents_side", "entity_documents", ["entity_id", "side"])


def downgrade() -> None:
    op.drop_index("ix_entity_documents_side", table_name="entity_documents")
    op.drop_index("ix_judgements_auto", table_name="judgements")
    op.drop_index("ix_facts_review_queue", table_name="facts")
