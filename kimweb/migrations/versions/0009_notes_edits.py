"""notes: drafts of edits, editable conference agreements

Drafts of edits: note_draft gains the note and the version an edit started from; a user keeps one
draft per client for a new note (now a partial unique index) and one per note for edits.
Agreements kept in the history: each revision holds the agreements as they were then.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21

"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

NEW_NOTE_ONLY = sa.text("note_id IS NULL")


def upgrade():
    with op.batch_alter_table('note_draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('note_version', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_note_draft_note_id_contact_note'), 'contact_note',
                                    ['note_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_index('ix_note_draft_user_client')
        batch_op.create_index('ix_note_draft_user_client_new', ['user_id', 'client_id'], unique=True,
                              sqlite_where=NEW_NOTE_ONLY, postgresql_where=NEW_NOTE_ONLY)
        batch_op.create_index('ix_note_draft_user_note', ['user_id', 'note_id'], unique=True)

    with op.batch_alter_table('contact_note_revision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agreement_summary', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('contact_note_revision', schema=None) as batch_op:
        batch_op.drop_column('agreement_summary')

    # Drafts of edits have no place in the older schema (and would break its unique index).
    op.execute("DELETE FROM note_draft WHERE note_id IS NOT NULL")
    with op.batch_alter_table('note_draft', schema=None) as batch_op:
        batch_op.drop_index('ix_note_draft_user_note')
        batch_op.drop_index('ix_note_draft_user_client_new')
        batch_op.create_index('ix_note_draft_user_client', ['user_id', 'client_id'], unique=True)
        batch_op.drop_constraint(batch_op.f('fk_note_draft_note_id_contact_note'), type_='foreignkey')
        batch_op.drop_column('note_version')
        batch_op.drop_column('note_id')
