"""privacy: restrictions (Art. 18), legal holds, erasure records; the client's restricted flag

The audit trail stays append-only, except that rows older than a year may be deleted: the retention
job removes them after the configured period (default three years); the database's floor of one
year keeps a bug from emptying the trail.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def _people(name, *columns):
    op.create_table(
        name,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f(f'fk_{name}_client_id_client')),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
    )


def _set_and_lifted(name):
    return (
        sa.Column('set_at', sa.DateTime(), nullable=False),
        sa.Column('set_by_id', sa.Integer(), nullable=True),
        sa.Column('lifted_at', sa.DateTime(), nullable=True),
        sa.Column('lifted_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['set_by_id'], ['user_account.id'], name=op.f(f'fk_{name}_set_by_id_user_account')),
        sa.ForeignKeyConstraint(['lifted_by_id'], ['user_account.id'],
                                name=op.f(f'fk_{name}_lifted_by_id_user_account')),
    )


def upgrade():
    _people('privacy_restriction', sa.Column('reason', sa.String(length=500), nullable=False),
            *_set_and_lifted('privacy_restriction'))
    _people('privacy_hold', sa.Column('reason', sa.String(length=500), nullable=False),
            sa.Column('until', sa.Date(), nullable=False), *_set_and_lifted('privacy_hold'))
    _people(
        'privacy_erasure',
        sa.Column('reason_code', sa.String(length=30), nullable=False),
        sa.Column('confirmed_at', sa.DateTime(), nullable=False),
        sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
        sa.Column('anonymised_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['confirmed_by_id'], ['user_account.id'],
                                name=op.f('fk_privacy_erasure_confirmed_by_id_user_account')),
        sa.UniqueConstraint('client_id', name=op.f('uq_privacy_erasure_client_id')),
    )
    for name in ('privacy_restriction', 'privacy_hold'):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f'ix_{name}_client_id'), ['client_id'], unique=False)
    # Not in batch mode: SQLite adds the column in place (batch mode would recreate `client`,
    # which the tables pointing at it forbid while the migration runs).
    op.add_column('client', sa.Column('restricted', sa.Boolean(), server_default=sa.false(), nullable=False))
    _audit_retention(True)


def _audit_retention(allow_old_deletes: bool):
    floor = "365 days"
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
        when = f" WHEN OLD.at >= datetime('now', '-{floor}')" if allow_old_deletes else ""
        op.execute(f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event{when} "
                   "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END")
    elif dialect == "postgresql":
        allow = (f"IF TG_OP = 'DELETE' AND OLD.at < (now() AT TIME ZONE 'UTC') - interval '{floor}' "
                 "THEN RETURN OLD; END IF; ") if allow_old_deletes else ""
        op.execute("CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
                   f"$$ BEGIN {allow}RAISE EXCEPTION 'audit_event is append-only'; END $$")


def downgrade():
    _audit_retention(False)
    # Without batch mode: SQLite drops the column in place (recreating `client` while other
    # tables' foreign keys point at it fails with "table is locked").
    op.drop_column('client', 'restricted')
    for name in ('privacy_restriction', 'privacy_hold'):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{name}_client_id'))
    op.drop_table('privacy_erasure')
    op.drop_table('privacy_hold')
    op.drop_table('privacy_restriction')
