"""notes: an index for the KIM reports, the notes of a period per file and kind (not deleted)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    # Covers what the reports read (kimweb/kim_reports/facts.py, _contacts), so a year of notes
    # is counted from the index without visiting the table.
    op.create_index(
        'ix_contact_note_period',
        'contact_note',
        ['occurred_at', 'client_id', 'kind', 'duration_minutes'],
        sqlite_where=sa.text('deleted_at IS NULL'),
        postgresql_where=sa.text('deleted_at IS NULL'),
    )


def downgrade():
    op.drop_index('ix_contact_note_period', table_name='contact_note')
