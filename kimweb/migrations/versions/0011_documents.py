"""documents: files of the case file, their types, identity documents seen, disclosures

The case file's documents, their types (seeded, admin-editable), identity documents seen instead
of copied, documents passed on with a disclosure; a search index over the documents' folded text
(like 0007 for the notes).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# (label, health, identity, data_scope): what passing such a document on discloses.
SEED_TYPES = [
    ("Bescheid", False, False, "identity situation"),
    ("Schreiben einer Behörde", False, False, "identity situation"),
    ("eigenes Schreiben", False, False, "identity concern"),
    ("Einwilligung/Schweigepflichtentbindung", False, False, "identity"),
    ("Vollmacht", False, False, "identity"),
    ("Nachweis/Zertifikat", False, False, "identity situation"),
    ("Antrag", False, False, "identity concern"),
    ("Sonstiges", False, False, "identity concern"),
    ("Ärztliches Attest/Befund", True, False, "identity"),
    ("Kopie Pass/Passersatz", False, True, "identity residence"),
    ("Kopie Aufenthaltstitel", False, True, "identity residence"),
]

# Like contact_note_search (0007): trigram FTS5 over the folded text on SQLite, pg_trgm on PostgreSQL.
SQLITE_UPGRADE = [
    """CREATE VIRTUAL TABLE document_search USING fts5(
        search_text, content='document', content_rowid='id',
        tokenize='trigram case_sensitive 1', detail=none, columnsize=0)""",
    """CREATE TRIGGER document_search_insert AFTER INSERT ON document BEGIN
        INSERT INTO document_search(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER document_search_delete AFTER DELETE ON document BEGIN
        INSERT INTO document_search(document_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER document_search_update AFTER UPDATE OF search_text ON document BEGIN
        INSERT INTO document_search(document_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO document_search(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS document_search_update",
    "DROP TRIGGER IF EXISTS document_search_delete",
    "DROP TRIGGER IF EXISTS document_search_insert",
    "DROP TABLE IF EXISTS document_search",
]
POSTGRESQL_UPGRADE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX ix_document_search_trgm ON document
        USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL""",
]
POSTGRESQL_DOWNGRADE = ["DROP INDEX IF EXISTS ix_document_search_trgm"]


def upgrade():
    op.create_table('document_type',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('health', sa.Boolean(), nullable=False),
    sa.Column('identity', sa.Boolean(), nullable=False),
    sa.Column('data_scope', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_type')),
    sa.UniqueConstraint('label', name=op.f('uq_document_type_label'))
    )
    op.create_table('id_sighting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('seen_on', sa.Date(), nullable=False),
    sa.Column('seen_by_id', sa.Integer(), nullable=False),
    sa.Column('remark', sa.String(length=500), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_id_sighting_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seen_by_id'], ['user_account.id'], name=op.f('fk_id_sighting_seen_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_id_sighting'))
    )
    with op.batch_alter_table('id_sighting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_id_sighting_client_id'), ['client_id'], unique=False)

    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('document_date', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('copy_reason', sa.String(length=1000), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('thumbnail_sha256', sa.String(length=64), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('note_id', sa.Integer(), nullable=True),
    sa.Column('consent_id', sa.Integer(), nullable=True),
    sa.Column('referral_id', sa.Integer(), nullable=True),
    sa.Column('text_status', sa.String(length=20), nullable=False),
    sa.Column('text_source', sa.String(length=20), nullable=True),
    sa.Column('text_claimed_at', sa.DateTime(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('delete_reason', sa.String(length=1000), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_document_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_document_consent_id_consent'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['user_account.id'], name=op.f('fk_document_deleted_by_id_user_account')),
    sa.ForeignKeyConstraint(['note_id'], ['contact_note.id'], name=op.f('fk_document_note_id_contact_note'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['previous_id'], ['document.id'], name=op.f('fk_document_previous_id_document'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_document_referral_id_referral'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['type_id'], ['document_type.id'], name=op.f('fk_document_type_id_document_type')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_document_uploaded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document'))
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index('ix_document_client', ['client_id', 'uploaded_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_consent_id'), ['consent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_note_id'), ['note_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_previous_id'), ['previous_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_referral_id'), ['referral_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_type_id'), ['type_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_uploaded_by_id'), ['uploaded_by_id'], unique=False)

    op.create_table('disclosure_document',
    sa.Column('disclosure_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['disclosure_id'], ['disclosure.id'], name=op.f('fk_disclosure_document_disclosure_id_disclosure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_disclosure_document_document_id_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('disclosure_id', 'document_id', name=op.f('pk_disclosure_document'))
    )
    with op.batch_alter_table('disclosure_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosure_document_document_id'), ['document_id'], unique=False)
    document_type = sa.table(
        'document_type',
        sa.column('label', sa.String), sa.column('health', sa.Boolean), sa.column('identity', sa.Boolean),
        sa.column('data_scope', sa.String), sa.column('active', sa.Boolean), sa.column('sort_order', sa.Integer),
    )
    op.bulk_insert(document_type, [
        {'label': label, 'health': health, 'identity': identity, 'data_scope': scope, 'active': True,
         'sort_order': 10 * (n + 1)}
        for n, (label, health, identity, scope) in enumerate(SEED_TYPES)
    ])
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_UPGRADE, "postgresql": POSTGRESQL_UPGRADE}.get(dialect, []):
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_DOWNGRADE, "postgresql": POSTGRESQL_DOWNGRADE}.get(dialect, []):
        op.execute(statement)
    with op.batch_alter_table('disclosure_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosure_document_document_id'))

    op.drop_table('disclosure_document')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_uploaded_by_id'))
        batch_op.drop_index(batch_op.f('ix_document_type_id'))
        batch_op.drop_index(batch_op.f('ix_document_sha256'))
        batch_op.drop_index(batch_op.f('ix_document_referral_id'))
        batch_op.drop_index(batch_op.f('ix_document_previous_id'))
        batch_op.drop_index(batch_op.f('ix_document_note_id'))
        batch_op.drop_index(batch_op.f('ix_document_consent_id'))
        batch_op.drop_index('ix_document_client')

    op.drop_table('document')
    with op.batch_alter_table('id_sighting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_id_sighting_client_id'))

    op.drop_table('id_sighting')
    op.drop_table('document_type')
