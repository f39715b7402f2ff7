"""Migration 0003 matches the client models and can be undone and redone (SQLite and PostgreSQL)."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from kimweb.extensions import db

CLIENT_TABLES = {
    "client",
    "client_name_key",
    "client_deputy",
    "client_distinct",
    "household_member",
    "phase_entry",
    "case_number_counter",
    "postcode_district",
    "residence_status",
    "deadline_confirmation",
    "client_deadline",
    "assessment",
    "goal",
    "measure",
    "consent",
    "involvement",
    "follow_up",
}


def _table_of(diff) -> str | None:
    item = diff[0] if isinstance(diff, list) else diff
    for part in item[1:]:
        name = getattr(part, "name", None) if not isinstance(part, str) else None
        table = getattr(part, "table", None)
        if table is not None:
            return table.name
        if name:
            return name
        if isinstance(part, str):
            return part
    return None


def test_models_and_migration_agree(app):
    with db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), db.metadata)
    ours = [d for d in diffs if _table_of(d) in CLIENT_TABLES]
    assert ours == []


def test_downgrade_and_upgrade_again(app):
    db.session.remove()
    downgrade(revision="0002")
    assert not CLIENT_TABLES & set(inspect(db.engine).get_table_names())
    upgrade()
    assert CLIENT_TABLES <= set(inspect(db.engine).get_table_names())
