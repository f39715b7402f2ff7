"""auth: accounts from the city's directory (OIDC, LDAP)

user_account gains where the account is checked (auth_source: local, oidc, ldap) and the
directory's id for the person (external_id), unique per source. sso_grant keeps an OIDC
session's refresh and ID token on the server, found by a random key in the session cookie.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sso_grant',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('refresh_token', sa.Text(), nullable=True),
        sa.Column('id_token', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_sso_grant_user_id_user_account'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sso_grant')),
        sa.UniqueConstraint('key', name=op.f('uq_sso_grant_key')),
    )
    with op.batch_alter_table('sso_grant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sso_grant_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auth_source', sa.String(length=10), server_default='local', nullable=False))
        batch_op.add_column(sa.Column('external_id', sa.String(length=255), nullable=True))
        batch_op.create_index('ix_user_account_external', ['auth_source', 'external_id'], unique=True)


def downgrade():
    with op.batch_alter_table('sso_grant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sso_grant_user_id'))
    op.drop_table('sso_grant')
    # Not in batch mode: on SQLite that would copy user_account, and the copy cannot replace a table
    # that other tables' rows refer to while foreign keys are on. SQLite 3.35+ drops columns itself.
    op.drop_index('ix_user_account_external', table_name='user_account')
    op.drop_column('user_account', 'external_id')
    op.drop_column('user_account', 'auth_source')
