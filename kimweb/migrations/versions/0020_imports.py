"""imports: the office's Excel lists: uploads between wizard steps, saved mappings, batches

import_upload holds an uploaded list only until it is imported, cancelled or expired;
import_mapping keeps named column mappings per team; import_batch and import_item record each
run (row outcomes without names) so that a whole batch can be undone.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'import_upload',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('mapping', sa.Text(), nullable=True),
        sa.Column('duplicates', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_import_upload_user_id_user_account'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_upload')),
    )
    with op.batch_alter_table('import_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_upload_user_id'), ['user_id'], unique=False)

    op.create_table(
        'import_mapping',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('spec', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'],
                                name=op.f('fk_import_mapping_created_by_id_user_account')),
        sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_import_mapping_team_id_team')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_mapping')),
        sa.UniqueConstraint('team_id', 'name', name=op.f('uq_import_mapping_team_id')),
    )

    op.create_table(
        'import_batch',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('source_name', sa.String(length=200), nullable=False),
        sa.Column('created_count', sa.Integer(), nullable=False),
        sa.Column('updated_count', sa.Integer(), nullable=False),
        sa.Column('skipped_count', sa.Integer(), nullable=False),
        sa.Column('report', sa.Text(), nullable=False),
        sa.Column('undone_at', sa.DateTime(), nullable=True),
        sa.Column('undone_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'],
                                name=op.f('fk_import_batch_created_by_id_user_account')),
        sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_import_batch_team_id_team')),
        sa.ForeignKeyConstraint(['undone_by_id'], ['user_account.id'],
                                name=op.f('fk_import_batch_undone_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch')),
    )

    op.create_table(
        'import_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.Integer(), nullable=True),
        sa.Column('case_number', sa.String(length=20), nullable=False),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('filled', sa.String(length=500), nullable=False),
        sa.Column('added', sa.Text(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_import_item_batch_id_import_batch'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_import_item_client_id_client'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_item')),
    )
    with op.batch_alter_table('import_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_item_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_item_client_id'), ['client_id'], unique=False)


def downgrade():
    with op.batch_alter_table('import_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_item_client_id'))
        batch_op.drop_index(batch_op.f('ix_import_item_batch_id'))
    op.drop_table('import_item')
    op.drop_table('import_batch')
    op.drop_table('import_mapping')
    with op.batch_alter_table('import_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_upload_user_id'))
    op.drop_table('import_upload')
