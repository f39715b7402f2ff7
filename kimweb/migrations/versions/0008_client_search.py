"""clients: faster caseload search and duplicate hints

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21

"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

SEARCHED = ['sort_name', 'next_due', 'search_text', 'search_keys']


def upgrade():
    # The list indexes per database (see kimweb.clients.models.Client): PostgreSQL keeps its
    # small ones, SQLite gets ones that hold the search columns; each database's other pair is
    # an empty partial index.
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_index('ix_client_case_manager_phase')
        batch_op.drop_index('ix_client_district_phase')
        batch_op.create_index('ix_client_case_manager_phase', ['case_manager_id', 'phase', 'sort_name'],
                              unique=False, sqlite_where=sa.false())
        batch_op.create_index('ix_client_district_phase', ['district_id', 'phase'], unique=False,
                              sqlite_where=sa.false())
        batch_op.create_index('ix_client_case_manager_search', ['case_manager_id', 'phase', *SEARCHED],
                              unique=False, postgresql_where=sa.false())
        batch_op.create_index('ix_client_district_search', ['district_id', 'phase', *SEARCHED], unique=False,
                              postgresql_where=sa.false())


def downgrade():
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_index('ix_client_district_search')
        batch_op.drop_index('ix_client_case_manager_search')
        batch_op.drop_index('ix_client_district_phase')
        batch_op.drop_index('ix_client_case_manager_phase')
        batch_op.create_index('ix_client_district_phase', ['district_id', 'phase'], unique=False)
        batch_op.create_index('ix_client_case_manager_phase', ['case_manager_id', 'phase', 'sort_name'], unique=False)
