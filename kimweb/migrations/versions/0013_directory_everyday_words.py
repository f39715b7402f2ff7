"""directory: the everyday words people type for services, as search synonyms

Rows for the synonym table (editable by editors afterwards): "Deutschkurs" and "Deutsch lernen" for
language courses, "Anwalt" for legal advice, "Wohnungssuche" for housing, "Kitaplatz" for Kita,
"Ärztin" and "Arzt", "Psychotherapie" and "Traumatherapie", and the common abbreviations. Pairs that
are already there are left alone. The search's keys changed with this release (stems, umlauts
reduced): run `flask directory reindex` once after the upgrade.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

SYNONYMS = (
    ("Deutschkurs", "Sprachkurs"), ("Deutschkurs", "Integrationskurs"),
    ("Deutsch lernen", "Sprachkurs"), ("Deutsch lernen", "Integrationskurs"),
    ("Sprachkurs", "Deutschkurs"), ("Integrationskurs", "Sprachkurs"),
    ("Anwalt", "Rechtsberatung"), ("Anwältin", "Rechtsberatung"), ("Rechtsanwalt", "Rechtsberatung"),
    ("Wohnungssuche", "Wohnen"), ("Wohnungssuche", "Wohnungsvermittlung"), ("Wohnung", "Wohnen"),
    ("Kitaplatz", "Kita"), ("Kindergartenplatz", "Kita"),
    ("Arzt", "Ärztin"), ("Arzt", "Praxis"), ("Ärztin", "Praxis"), ("Hausarzt", "Arzt"),
    ("Psychotherapie", "Traumatherapie"), ("Psychologe", "Psychotherapie"),
    ("Flüchtlinge", "Geflüchtete"), ("Asyl", "Flüchtlingsberatung"),
    ("Schulden", "Schuldnerberatung"),
    # The abbreviations beside those 0002 ships (ABH, JC, MBE, JMD, KI, VHS, BAMF).
    ("ABH", "Ausländerbehörde"), ("ABH", "Aufenthalt"), ("JC", "Bürgergeld"), ("MBE", "Migrationsberatungsstelle"),
    ("JMD", "Jugendmigration"), ("KI", "Integration"), ("VHS", "Sprachkurs"), ("BAMF", "Integrationskurs"),
    ("BAMF", "Asyl"),
)
# Pairs 0002 ships; the downgrade leaves them.
_FROM_0002 = {("abh", "auslaenderbehoerde")}

_TABLE = sa.table("directory_synonym", sa.column("term", sa.String), sa.column("expansion", sa.String),
                  sa.column("term_display", sa.String), sa.column("expansion_display", sa.String))


def _fold(text):
    # As kimweb.textfold.fold does for these words (the migration does not import the app).
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    return " ".join(text.casefold().translate(table).split())


def upgrade():
    connection = op.get_bind()
    present = set(connection.execute(sa.select(_TABLE.c.term, _TABLE.c.expansion)))
    rows = []
    for term, expansion in SYNONYMS:
        key = (_fold(term), _fold(expansion))
        if key not in present and key[::-1] not in present:
            present.add(key)
            rows.append({"term": key[0], "expansion": key[1], "term_display": term, "expansion_display": expansion})
    if rows:
        op.bulk_insert(_TABLE, rows)
    connection.execute(sa.text("UPDATE search_state SET generation = 'everyday-words'"))


def downgrade():
    connection = op.get_bind()
    for term, expansion in SYNONYMS:
        if (_fold(term), _fold(expansion)) in _FROM_0002:
            continue
        connection.execute(sa.delete(_TABLE).where(_TABLE.c.term == _fold(term), _TABLE.c.expansion == _fold(expansion),
                                                   _TABLE.c.term_display == term))
