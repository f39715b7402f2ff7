"""directory: proposals of new agencies and services in the moderation queue

A suggestion is now either a change to an existing service (kind "change", as before) or a proposed
new agency or service (kind "new", no service yet, the structured fields in `proposal` as JSON).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('directory_suggestion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=10), server_default='change', nullable=False))
        batch_op.add_column(sa.Column('proposal', sa.Text(), nullable=True))
        batch_op.alter_column('service_id', existing_type=sa.Integer(), nullable=True)


def downgrade():
    op.execute("DELETE FROM directory_suggestion WHERE service_id IS NULL")
    with op.batch_alter_table('directory_suggestion', schema=None) as batch_op:
        batch_op.alter_column('service_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('proposal')
        batch_op.drop_column('kind')
