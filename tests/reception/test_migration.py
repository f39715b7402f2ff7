"""Migration 0004 matches the reception models and can be undone and redone (SQLite and PostgreSQL)."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from kimweb.extensions import db

RECEPTION_TABLES = {"visit", "visit_day", "screen_key"}


def _tables(diff) -> set[str]:
    items = diff if isinstance(diff, list) else [diff]
    names = set()
    for item in items:
        for part in item[1:]:
            table = getattr(part, "table", None)
            if table is not None:
                names.add(table.name)
            elif getattr(part, "name", None) and hasattr(part, "columns"):
                names.add(part.name)
            elif isinstance(part, str):
                names.add(part)
    return names


def test_models_and_migration_agree(app):
    with db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert [d for d in diffs if _tables(d) & RECEPTION_TABLES] == []


def test_partial_unique_index_is_there(app):
    indexes = {i["name"]: i for i in inspect(db.engine).get_indexes("visit")}
    assert indexes["uq_visit_open_client"]["unique"]


def test_downgrade_and_upgrade_again(app):
    db.session.remove()
    downgrade(revision="0003")
    assert not RECEPTION_TABLES & set(inspect(db.engine).get_table_names())
    upgrade()
    assert RECEPTION_TABLES <= set(inspect(db.engine).get_table_names())
