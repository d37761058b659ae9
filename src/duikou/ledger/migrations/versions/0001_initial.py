"""Initial ledger schema: documents, statements, facts, judgements and the entity tables.

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agreement_parties',
    sa.Column('agreement', sa.String(length=32), nullable=False),
    sa.Column('party', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('agreement', 'party')
    )
    op.create_index('ix_agreement_parties_party', 'agreement_parties', ['party'], unique=False)
    op.create_table('agreements',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('parties', sa.Text(), nullable=True),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('amounts',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('approx', sa.Boolean(), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('cumulative', sa.Boolean(), nullable=True),
    sa.Column('payer', sa.Text(), nullable=True),
    sa.Column('payee', sa.Text(), nullable=True),
    sa.Column('period', sa.String(length=10), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('conflict', sa.String(length=32), nullable=True),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_amounts_conflict', 'amounts', ['conflict'], unique=False)
    op.create_index('ix_amounts_payee', 'amounts', ['payee'], unique=False)
    op.create_index('ix_amounts_payer', 'amounts', ['payer'], unique=False)
    op.create_table('counts',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('unit', sa.Text(), nullable=True),
    sa.Column('approx', sa.Boolean(), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=True),
    sa.Column('helper', sa.Text(), nullable=True),
    sa.Column('recipient', sa.Text(), nullable=True),
    sa.Column('period', sa.String(length=10), nullable=True),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_counts_helper', 'counts', ['helper'], unique=False)
    op.create_index('ix_counts_recipient', 'counts', ['recipient'], unique=False)
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('body_hash', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('script', sa.String(length=8), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('authors', sa.Text(), nullable=True),
    sa.Column('side', sa.String(length=16), nullable=True),
    sa.Column('pairing', sa.String(length=32), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('first_seen', sa.String(length=32), nullable=False),
    sa.Column('last_seen', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source')
    )
    op.create_index('ix_documents_hash', 'documents', ['body_hash'], unique=False)
    op.create_table('events',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('end_date', sa.String(length=10), nullable=True),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('helper', sa.Text(), nullable=True),
    sa.Column('recipient', sa.Text(), nullable=True),
    sa.Column('leaders', sa.Text(), nullable=True),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_events_date', 'events', ['date'], unique=False)
    op.create_index('ix_events_helper', 'events', ['helper'], unique=False)
    op.create_index('ix_events_recipient', 'events', ['recipient'], unique=False)
    op.create_table('judgements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('verdict', sa.String(length=16), nullable=False),
    sa.Column('left_id', sa.String(length=32), nullable=True),
    sa.Column('right_id', sa.String(length=32), nullable=True),
    sa.Column('undoes', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('auto', sa.Boolean(), nullable=False),
    sa.Column('created', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_judgements_left', 'judgements', ['left_id'], unique=False)
    op.create_index('ix_judgements_right', 'judgements', ['right_id'], unique=False)
    op.create_table('pairings',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('helper', sa.Text(), nullable=False),
    sa.Column('recipient', sa.Text(), nullable=False),
    sa.Column('program', sa.String(length=24), nullable=False),
    sa.Column('since', sa.Integer(), nullable=True),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_pairings_helper', 'pairings', ['helper'], unique=False)
    op.create_index('ix_pairings_recipient', 'pairings', ['recipient'], unique=False)
    op.create_table('parties',
    sa.Column('name', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('people',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('region', sa.String(length=6), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=True),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_people_name', 'people', ['name'], unique=False)
    op.create_index('ix_people_region', 'people', ['region'], unique=False)
    op.create_table('positions',
    sa.Column('fact_id', sa.String(length=32), nullable=False),
    sa.Column('person', sa.String(length=32), nullable=False),
    sa.Column('titles', sa.Text(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('fact_id')
    )
    op.create_index('ix_positions_person', 'positions', ['person'], unique=False)
    op.create_table('regions',
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('level', sa.String(length=16), nullable=True),
    sa.Column('parent', sa.String(length=6), nullable=True),
    sa.Column('province', sa.String(length=6), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_index('ix_regions_name', 'regions', ['name'], unique=False)
    op.create_index('ix_regions_province', 'regions', ['province'], unique=False)
    op.create_table('facts',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('base', sa.String(length=32), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('extractor', sa.String(length=64), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_facts_base', 'facts', ['base'], unique=False)
    op.create_index('ix_facts_document', 'facts', ['document_id'], unique=False)
    op.create_index('ix_facts_entity', 'facts', ['entity'], unique=False)
    op.create_table('statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fact_id', sa.String(length=32), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('property', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('extractor', sa.String(length=64), nullable=True),
    sa.Column('version', sa.String(length=32), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('first_seen', sa.String(length=32), nullable=False),
    sa.Column('last_seen', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_statements_document', 'statements', ['document_id'], unique=False)
    op.create_index('ix_statements_fact', 'statements', ['fact_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_statements_fact', table_name='statements')
    op.drop_index('ix_statements_document', table_name='statements')
    op.drop_table('statements')
    op.drop_index('ix_facts_entity', table_name='facts')
    op.drop_index('ix_facts_document', table_name='facts')
    op.drop_index('ix_facts_base', table_name='facts')
    op.drop_table('facts')
    op.drop_index('ix_regions_province', table_name='regions')
    op.drop_index('ix_regions_name', table_name='regions')
    op.drop_table('regions')
    op.drop_index('ix_positions_person', table_name='positions')
    op.drop_table('positions')
    op.drop_index('ix_people_region', table_name='people')
    op.drop_index('ix_people_name', table_name='people')
    op.drop_table('people')
    op.drop_table('parties')
    op.drop_index('ix_pairings_recipient', table_name='pairings')
    op.drop_index('ix_pairings_helper', table_name='pairings')
    op.drop_table('pairings')
    op.drop_index('ix_judgements_right', table_name='judgements')
    op.drop_index('ix_judgements_left', table_name='judgements')
    op.drop_table('judgements')
    op.drop_index('ix_events_recipient', table_name='events')
    op.drop_index('ix_events_helper', table_name='events')
    op.drop_index('ix_events_date', table_name='events')
    op.drop_table('events')
    op.drop_index('ix_documents_hash', table_name='documents')
    op.drop_table('documents')
    op.drop_index('ix_counts_recipient', table_name='counts')
    op.drop_index('ix_counts_helper', table_name='counts')
    op.drop_table('counts')
    op.drop_index('ix_amounts_payer', table_name='amounts')
    op.drop_index('ix_amounts_payee', table_name='amounts')
    op.drop_index('ix_amounts_conflict', table_name='amounts')
    op.drop_table('amounts')
    op.drop_table('agreements')
    op.drop_index('ix_agreement_parties_party', table_name='agreement_parties')
    op.drop_table('agreement_parties')
