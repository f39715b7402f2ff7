"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL, and
go down and up again."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from kimweb import create_app
from kimweb.database import modelled
from kimweb.extensions import db
from tests.helpers import PG_URL, base_config, reset_postgres_schema


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def migrated_app(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
    else:
        if not PG_URL:
            if os.environ.get("CI"):
                pytest.fail("KIMWEB_TEST_DATABASE_URL is not set; CI must test PostgreSQL")
            pytest.skip("KIMWEB_TEST_DATABASE_URL is not set")
        url = PG_URL
        reset_postgres_schema(url)
    app = create_app(base_config(url))
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()


def _differences(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": modelled})
        return compare_metadata(context, db.metadata)


def test_models_and_newest_migration_agree(migrated_app):
    assert _differences(migrated_app) == []


def test_downgrade_to_base_and_up_again(migrated_app):
    downgrade(revision="base")
    upgrade()
    assert _differences(migrated_app) == []
