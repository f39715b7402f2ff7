"""notes: full-text search index

The notes' folded search text (contact_note.search_text) gets an index that finds a word also
inside longer words, one per database: on SQLite an FTS5 table with the trigram tokenizer, kept in
step by triggers; on PostgreSQL a trigram GIN index (pg_trgm), plus an index that reads the notes
of all files newest first (the team search). The models do not describe them
(kimweb/notes/models.py names them for the schema comparison).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21

"""
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# External content (the text stays only in contact_note); no positions (detail=none) and no
# lengths (columnsize=0): the index says which notes hold which three-character pieces, the LIKE on
# search_text then decides. The text is folded already, so the tokenizer must not fold again.
SQLITE_UPGRADE = [
    """CREATE VIRTUAL TABLE contact_note_search USING fts5(
        search_text, content='contact_note', content_rowid='id',
        tokenize='trigram case_sensitive 1', detail=none, columnsize=0)""",
    """CREATE TRIGGER contact_note_search_insert AFTER INSERT ON contact_note BEGIN
        INSERT INTO contact_note_search(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER contact_note_search_delete AFTER DELETE ON contact_note BEGIN
        INSERT INTO contact_note_search(contact_note_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER contact_note_search_update AFTER UPDATE OF search_text ON contact_note BEGIN
        INSERT INTO contact_note_search(contact_note_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO contact_note_search(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    # The notes already written.
    "INSERT INTO contact_note_search(contact_note_search) VALUES ('rebuild')",
]
SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS contact_note_search_update",
    "DROP TRIGGER IF EXISTS contact_note_search_delete",
    "DROP TRIGGER IF EXISTS contact_note_search_insert",
    "DROP TABLE IF EXISTS contact_note_search",
]

# pg_trgm is a trusted extension: the database's owner may create it. It is left in place on the
# way down, as other indexes may use it.
POSTGRESQL_UPGRADE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX ix_contact_note_search_trgm ON contact_note
        USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL""",
    "CREATE INDEX ix_contact_note_occurred ON contact_note (occurred_at, id)",
]
POSTGRESQL_DOWNGRADE = [
    "DROP INDEX IF EXISTS ix_contact_note_occurred",
    "DROP INDEX IF EXISTS ix_contact_note_search_trgm",
]


def upgrade():
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_UPGRADE, "postgresql": POSTGRESQL_UPGRADE}.get(dialect, []):
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_DOWNGRADE, "postgresql": POSTGRESQL_DOWNGRADE}.get(dialect, []):
        op.execute(statement)
