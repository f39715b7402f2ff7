"""birth dates known only to the month or year; the notes' search text with German stems

client.birth_date_precision says how much of the birth date is known: "day" (every existing row),
"month" (03.1985, stored as the first of the month) or "year" (1985, stored as 01.01.).

The notes search now matches German word stems ("Termine" finds "Termin"), so the folded search
text of every note is rebuilt here (kimweb.notes.search_keys and .reindex, the same code the app uses when a
note is saved). `flask notes reindex` does the same at any time.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    # Not in batch mode: on SQLite that would copy client, which many tables refer to.
    op.add_column('client', sa.Column('birth_date_precision', sa.String(length=5), server_default='day',
                                      nullable=False))
    from kimweb.notes.reindex import reindex_notes  # the app's own code: index and query agree

    reindex_notes(op.get_bind())


def downgrade():
    op.drop_column('client', 'birth_date_precision')
    from kimweb.notes.reindex import reindex_notes

    reindex_notes(op.get_bind(), stems=False)
