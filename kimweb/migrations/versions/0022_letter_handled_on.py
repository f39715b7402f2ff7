"""notes: the day a letter's deadline was handled (answered, appealed or done), for "in time"

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    # Letters handled before this column existed keep NULL: the day is not known ("Tag nicht erfasst").
    with op.batch_alter_table('note_letter') as batch_op:
        batch_op.add_column(sa.Column('handled_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('note_letter') as batch_op:
        batch_op.drop_column('handled_on')
