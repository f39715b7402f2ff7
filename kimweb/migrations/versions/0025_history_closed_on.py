"""clients: the day a file's phase history ends closed, so the KIM reports skip files closed before a period

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa

from kimweb.clients.history import refresh_closed_on


revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('client', sa.Column('history_closed_on', sa.Date(), nullable=True))
    # Worked out once for the files there are; from now on a flush hook keeps it
    # (kimweb/clients/history.py).
    refresh_closed_on(op.get_bind())


def downgrade():
    op.drop_column('client', 'history_closed_on')
