"""casefile: persons involved in a file who are not agencies (guardian, lawyer, mentor, doctor)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'involved_person',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('role', sa.String(length=200), nullable=True),
        sa.Column('phone', sa.String(length=60), nullable=True),
        sa.Column('email', sa.String(length=200), nullable=True),
        sa.Column('address', sa.String(length=500), nullable=True),
        sa.Column('note', sa.String(length=1000), nullable=True),
        sa.Column('since', sa.Date(), nullable=True),
        sa.Column('ended_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_involved_person_client_id_client'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'],
                                name=op.f('fk_involved_person_created_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_involved_person')),
    )
    with op.batch_alter_table('involved_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_involved_person_client_id'), ['client_id'], unique=False)


def downgrade():
    with op.batch_alter_table('involved_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_involved_person_client_id'))
    op.drop_table('involved_person')
