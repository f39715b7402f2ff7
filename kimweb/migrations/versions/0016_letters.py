"""letters: letter templates (versioned), letters written, office texts, forms printed; staff contact data

letter_template and letter_template_version hold the letter wordings (seeded with the weekly
letters, kimweb/letters/seeds.py), letter the letters written from them, office_text the office's
texts per language (the privacy information, seeded in German, simple German and English),
form_print the forms printed for signature. user_account gains contact data for letters.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa

from kimweb.letters.seeds import PRIVACY_TEXTS, TEMPLATES


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

CONTACT_COLUMNS = (
    ('contact_phone', 60),
    ('contact_email', 254),
    ('contact_address', 300),
    ('contact_room', 60),
)


def upgrade():
    # Not in batch mode (see 0015): a copy of user_account cannot replace it while rows refer to it.
    for name, length in CONTACT_COLUMNS:
        op.add_column('user_account', sa.Column(name, sa.String(length=length), nullable=True))

    template = op.create_table('letter_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_template')),
    sa.UniqueConstraint('code', name=op.f('uq_letter_template_code'))
    )
    version = op.create_table('letter_template_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('passes_data', sa.Boolean(), nullable=False),
    sa.Column('deadline_days', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_letter_template_version_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['template_id'], ['letter_template.id'], name=op.f('fk_letter_template_version_template_id_letter_template'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_template_version'))
    )
    with op.batch_alter_table('letter_template_version', schema=None) as batch_op:
        batch_op.create_index('ix_letter_template_version_number', ['template_id', 'number'], unique=True)

    op.create_table('letter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('template_version_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=1000), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('letter_date', sa.Date(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('consent_id', sa.Integer(), nullable=True),
    sa.Column('note_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_letter_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_letter_consent_id_consent'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_letter_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_letter_document_id_document'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['note_id'], ['contact_note.id'], name=op.f('fk_letter_note_id_contact_note'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_letter_organization_id_organization')),
    sa.ForeignKeyConstraint(['template_version_id'], ['letter_template_version.id'], name=op.f('fk_letter_template_version_id_letter_template_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter'))
    )
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_template_version_id'), ['template_version_id'], unique=False)

    text = op.create_table('office_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('language', sa.String(length=20), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_office_text_created_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_text'))
    )
    with op.batch_alter_table('office_text', schema=None) as batch_op:
        batch_op.create_index('ix_office_text_key_language', ['key', 'language', 'number'], unique=True)

    op.create_table('form_print',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('consent_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=20), nullable=True),
    sa.Column('printed_at', sa.DateTime(), nullable=False),
    sa.Column('printed_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_form_print_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_form_print_consent_id_consent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['printed_by_id'], ['user_account.id'], name=op.f('fk_form_print_printed_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_print'))
    )
    with op.batch_alter_table('form_print', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_print_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_print_consent_id'), ['consent_id'], unique=False)

    now = sa.func.current_timestamp()
    conn = op.get_bind()
    for n, (code, title, subject, body, passes_data, days) in enumerate(TEMPLATES):
        template_id = conn.execute(
            template.insert().values(code=code, active=True, sort_order=10 * (n + 1)).returning(template.c.id)
        ).scalar_one()
        conn.execute(version.insert().values(
            template_id=template_id, number=1, title=title, subject=subject, body=body,
            passes_data=passes_data, deadline_days=days, created_at=now,
        ))
    for language, title, body in PRIVACY_TEXTS:
        conn.execute(text.insert().values(
            key='privacy_info', language=language, number=1, title=title, body=body, created_at=now,
        ))


def downgrade():
    with op.batch_alter_table('form_print', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_print_consent_id'))
        batch_op.drop_index(batch_op.f('ix_form_print_client_id'))
    op.drop_table('form_print')
    with op.batch_alter_table('office_text', schema=None) as batch_op:
        batch_op.drop_index('ix_office_text_key_language')
    op.drop_table('office_text')
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_template_version_id'))
        batch_op.drop_index(batch_op.f('ix_letter_client_id'))
    op.drop_table('letter')
    with op.batch_alter_table('letter_template_version', schema=None) as batch_op:
        batch_op.drop_index('ix_letter_template_version_number')
    op.drop_table('letter_template_version')
    op.drop_table('letter_template')
    for name, _length in reversed(CONTACT_COLUMNS):
        op.drop_column('user_account', name)
