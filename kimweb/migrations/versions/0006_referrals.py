"""referrals, their status history, the disclosure log; structured consent purposes and data kinds

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21

"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    # Consents name what they cover as codes. Older rows cover nothing until someone records
    # what the signed paper says: a consent is never assumed wider than written.
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purposes', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('data_scope', sa.String(length=200), nullable=False, server_default=''))

    op.create_table('referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('service_name', sa.String(length=200), nullable=False),
    sa.Column('organization_name', sa.String(length=200), nullable=False),
    sa.Column('life_area_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('urgency', sa.String(length=10), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('data_scope', sa.String(length=200), nullable=False),
    sa.Column('health_data', sa.Boolean(), nullable=False),
    sa.Column('consent_id', sa.Integer(), nullable=True),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('override_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('status_at', sa.DateTime(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('appointment_on', sa.Date(), nullable=True),
    sa.Column('appointment_note', sa.String(length=200), nullable=True),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_referral_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_referral_consent_id_consent')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_referral_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['life_area_id'], ['life_area.id'], name=op.f('fk_referral_life_area_id_life_area')),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_referral_organization_id_organization'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['override_by_id'], ['user_account.id'], name=op.f('fk_referral_override_by_id_user_account')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_referral_service_id_service'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral'))
    )
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index('ix_referral_client', ['client_id', 'status'], unique=False)
        batch_op.create_index('ix_referral_service_sent', ['service_id', 'sent_on'], unique=False)

    op.create_table('referral_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('on_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_referral_event_by_id_user_account')),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_referral_event_referral_id_referral'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_event'))
    )
    with op.batch_alter_table('referral_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_event_referral_id'), ['referral_id'], unique=False)

    op.create_table('disclosure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('organization_name', sa.String(length=200), nullable=False),
    sa.Column('data_scope', sa.String(length=200), nullable=False),
    sa.Column('health_data', sa.Boolean(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('consent_id', sa.Integer(), nullable=True),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('disclosed_on', sa.Date(), nullable=False),
    sa.Column('disclosed_at', sa.DateTime(), nullable=False),
    sa.Column('disclosed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_disclosure_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_disclosure_consent_id_consent')),
    sa.ForeignKeyConstraint(['disclosed_by_id'], ['user_account.id'], name=op.f('fk_disclosure_disclosed_by_id_user_account')),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_disclosure_organization_id_organization'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_disclosure_referral_id_referral'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosure'))
    )
    with op.batch_alter_table('disclosure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosure_client_id'), ['client_id'], unique=False)

    with op.batch_alter_table('involvement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('referral_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_involvement_referral_id_referral'), 'referral', ['referral_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('involvement', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_involvement_referral_id_referral'), type_='foreignkey')
        batch_op.drop_column('referral_id')
    with op.batch_alter_table('disclosure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosure_client_id'))
    op.drop_table('disclosure')
    with op.batch_alter_table('referral_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_event_referral_id'))
    op.drop_table('referral_event')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index('ix_referral_service_sent')
        batch_op.drop_index('ix_referral_client')
    op.drop_table('referral')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_column('data_scope')
        batch_op.drop_column('purposes')
