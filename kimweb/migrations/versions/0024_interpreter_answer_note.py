"""appointments: the answer to an interpreter request keeps its own note (internal), apart from
the request's hints that go to the pool or agency

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('interpreter_request') as batch_op:
        batch_op.add_column(sa.Column('answer_note', sa.String(length=1000), nullable=True))


def downgrade():
    with op.batch_alter_table('interpreter_request') as batch_op:
        batch_op.drop_column('answer_note')
