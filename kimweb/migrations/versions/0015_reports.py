"""reports: Träger on accounts, and the case manager history of each file

traeger is the admin-editable list of employers of case managers (seeded with the usual ones);
user_account gains traeger_id. case_assignment records who managed a file from which day and in
which team, so reports count reassigned files for the right case manager at the right time. Each
existing file gets one row: its current case manager since the file was created.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

TRAEGER = (
    "Stadt (Kommunales Integrationszentrum)",
    "Caritas",
    "Diakonie",
    "DRK",
    "ZAQ",
)


def upgrade():
    traeger = op.create_table(
        'traeger',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('sort_order', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_traeger')),
        sa.UniqueConstraint('name', name=op.f('uq_traeger_name')),
    )
    op.bulk_insert(traeger, [{"name": name, "active": True, "sort_order": i} for i, name in enumerate(TRAEGER)])
    # Not in batch mode and without a foreign key: on SQLite either would copy user_account, and
    # the copy cannot replace a table that other tables' rows refer to while foreign keys are on.
    op.add_column('user_account', sa.Column('traeger_id', sa.Integer(), nullable=True))

    op.create_table(
        'case_assignment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.Integer(), nullable=False),
        sa.Column('case_manager_id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('from_on', sa.Date(), nullable=False),
        sa.Column('assigned_at', sa.DateTime(), nullable=False),
        sa.Column('assigned_by_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(['assigned_by_id'], ['user_account.id'],
                                name=op.f('fk_case_assignment_assigned_by_id_user_account')),
        sa.ForeignKeyConstraint(['case_manager_id'], ['user_account.id'],
                                name=op.f('fk_case_assignment_case_manager_id_user_account')),
        sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_case_assignment_client_id_client'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_case_assignment_team_id_team')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_assignment')),
    )
    with op.batch_alter_table('case_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_assignment_client_id'), ['client_id'], unique=False)
    # SQLite keeps timestamps as text (date() cuts the day off); PostgreSQL casts.
    day = "date(client.created_at)" if op.get_bind().dialect.name == "sqlite" else "CAST(client.created_at AS DATE)"
    op.execute(
        "INSERT INTO case_assignment (client_id, case_manager_id, team_id, from_on, assigned_at) "
        f"SELECT client.id, client.case_manager_id, user_account.team_id, {day}, client.created_at "
        "FROM client JOIN user_account ON user_account.id = client.case_manager_id"
    )


def downgrade():
    with op.batch_alter_table('case_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_assignment_client_id'))
    op.drop_table('case_assignment')
    op.drop_column('user_account', 'traeger_id')
    op.drop_table('traeger')
