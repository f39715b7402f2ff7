"""appointments: appointments of clients, interpreter requests, the office's interpreters and
the calendar feed keys (hashed); a letter's hearing date (note_letter.hearing_on / hearing_time),
which becomes an appointment

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 05:47:50.893524

"""
from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('note_letter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hearing_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('hearing_time', sa.String(length=20), nullable=True))

    op.create_table('interpreter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('languages', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=60), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interpreter'))
    )
    op.create_table('calendar_feed',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_calendar_feed_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_calendar_feed')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feed_token_hash'))
    )
    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('for_household', sa.Boolean(), nullable=False),
    sa.Column('case_manager_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('time_open', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('place', sa.String(length=20), nullable=False),
    sa.Column('room', sa.String(length=40), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('bring', sa.String(length=500), nullable=False),
    sa.Column('interpreter_language', sa.String(length=10), nullable=True),
    sa.Column('interpreter_kind', sa.String(length=20), nullable=False),
    sa.Column('legal_consequences', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('cancel_reason', sa.String(length=500), nullable=True),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=40), nullable=True),
    sa.Column('recorded_afterwards', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_manager_id'], ['user_account.id'], name=op.f('fk_appointment_case_manager_id_user_account')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_appointment_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_appointment_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_appointment_location_id_location'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_appointment_organization_id_organization'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_appointment_visit_id_visit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment')),
    sa.UniqueConstraint('source', name=op.f('uq_appointment_source'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index('ix_appointment_client_start', ['client_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_appointment_manager_start', ['case_manager_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_appointment_start_state', ['starts_at', 'state'], unique=False)

    op.create_table('interpreter_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('legal_consequences', sa.Boolean(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('interpreter_id', sa.Integer(), nullable=True),
    sa.Column('interpreter_name', sa.String(length=200), nullable=True),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_interpreter_request_appointment_id_appointment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['interpreter_id'], ['interpreter.id'], name=op.f('fk_interpreter_request_interpreter_id_interpreter'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['user_account.id'], name=op.f('fk_interpreter_request_requested_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interpreter_request'))
    )
    with op.batch_alter_table('interpreter_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interpreter_request_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interpreter_request_state'), ['state'], unique=False)



def downgrade():
    with op.batch_alter_table('interpreter_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interpreter_request_state'))
        batch_op.drop_index(batch_op.f('ix_interpreter_request_appointment_id'))

    op.drop_table('interpreter_request')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index('ix_appointment_start_state')
        batch_op.drop_index('ix_appointment_manager_start')
        batch_op.drop_index('ix_appointment_client_start')

    op.drop_table('appointment')
    op.drop_table('calendar_feed')
    op.drop_table('interpreter')
    with op.batch_alter_table('note_letter', schema=None) as batch_op:
        batch_op.drop_column('hearing_time')
        batch_op.drop_column('hearing_on')
