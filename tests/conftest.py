"""Fixtures: a fresh, migrated database per test (SQLite, or PostgreSQL when
KIMWEB_TEST_DATABASE_URL is set), a test client that sends CSRF tokens like the real pages do,
and users of every role. What tests share besides fixtures is in tests/helpers.py."""

import secrets
import shutil
from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import create_engine, insert, select, text

from kimweb import create_app
from kimweb.auth.models import Team, User
from kimweb.directory.models import Organization
from kimweb.extensions import db
from tests.helpers import PG_URL, TEST_PASSWORD, base_config, log_in, reset_postgres_schema


def migrate(database_url: str) -> None:
    app = create_app(base_config(database_url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


class _Template:
    """The migrated database every test starts from."""

    def __init__(self, tmp_root: Path):
        self.sqlite_file = tmp_root / "template.sqlite3"
        self.pg_rows: dict[str, list[dict]] = {}
        self.pg_tables: list[str] = []

    def build(self):
        if PG_URL:
            reset_postgres_schema(PG_URL)
            migrate(PG_URL)
            engine = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
            with engine.connect() as connection:
                meta_tables = [t for t in db.metadata.sorted_tables]
                self.pg_tables = [t.name for t in meta_tables]
                for table in meta_tables:
                    rows = [dict(r._mapping) for r in connection.execute(select(table))]
                    if rows:
                        self.pg_rows[table.name] = rows
            engine.dispose()
        else:
            migrate(f"sqlite:///{self.sqlite_file}")
            # Fold the WAL into the main file so a plain copy is complete.
            engine = create_engine(f"sqlite:///{self.sqlite_file}")
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()

    def fresh(self, tmp_path: Path) -> str:
        if PG_URL:
            engine = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
            with engine.begin() as connection:
                # DELETE with triggers off (foreign keys and the audit trail's append-only guard are
                # triggers) takes milliseconds where TRUNCATE of every table took over a second.
                connection.execute(text("SET LOCAL session_replication_role = replica"))
                for name in reversed(self.pg_tables):
                    connection.execute(text(f'DELETE FROM "{name}"'))
                connection.execute(
                    text(
                        "DO $$ DECLARE s record; BEGIN FOR s IN SELECT sequence_name FROM information_schema.sequences "
                        "WHERE sequence_schema = 'public' LOOP EXECUTE format('ALTER SEQUENCE public.%I RESTART', "
                        "s.sequence_name); END LOOP; END $$"
                    )
                )
                for table in db.metadata.sorted_tables:
                    if table.name in self.pg_rows:
                        connection.execute(insert(table), self.pg_rows[table.name])
                        if "id" in table.c:
                            connection.execute(
                                text(
                                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                                    f'(SELECT MAX(id) FROM "{table.name}"))'
                                )
                            )
            engine.dispose()
            return PG_URL
        target = tmp_path / "kimweb.sqlite3"
        shutil.copyfile(self.sqlite_file, target)
        return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def db_template(tmp_path_factory):
    template = _Template(tmp_path_factory.mktemp("template"))
    template.build()
    return template


class KimClient(FlaskClient):
    """Sends the CSRF token as the X-CSRFToken header, as htmx does on every page; pass
    csrf=False to send a write without one.

    Each request runs in an app context of its own, as in production: otherwise it would reuse
    the test's context and its `g` (Flask-Login caches the user there) and database session.
    The test's own session ends its transaction before (it must not hold SQLite's write lock
    while the request writes; tests commit what they set up) and after (to see what the request
    committed).
    """

    def open(self, *args, csrf: bool = True, **kwargs):
        method = kwargs.get("method", "GET").upper()
        if csrf and method in ("POST", "PUT", "PATCH", "DELETE"):
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("X-CSRFToken", self.csrf_token())
            kwargs["headers"] = headers
        # Read streamed bodies (documents sent from a file) at once, so their files are closed.
        kwargs.setdefault("buffered", True)
        db.session.rollback()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        # Werkzeug spools a large multipart body to a temporary file it never closes itself.
        request = getattr(response, "request", None)
        if request is not None:
            request.environ["wsgi.input"].close()
        db.session.rollback()
        return response

    def csrf_token(self) -> str:
        app = self.application
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", secrets.token_hex(20))
        return URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token").dumps(raw)


@pytest.fixture
def app(db_template, tmp_path):
    app = create_app(base_config(db_template.fresh(tmp_path)))
    app.test_client_class = KimClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


_HASH_CACHE: dict[str, str] = {}


def _test_password_hash() -> str:
    if "hash" not in _HASH_CACHE:
        from kimweb.auth.passwords import hash_password

        _HASH_CACHE["hash"] = hash_password(TEST_PASSWORD)
    return _HASH_CACHE["hash"]


@pytest.fixture
def make_user(app):
    """Create a user of a role; case managers and team leads get a team (by name)."""
    counter = {"n": 0}

    def _make(
        role: str = "case_manager", username: str | None = None, team: str | None = "Osterfeld", **fields
    ) -> User:
        counter["n"] += 1
        team_obj = db.session.scalar(select(Team).where(Team.name == team)) if team else None
        user = User(
            username=username or f"{role.replace('_', '')}{counter['n']}",
            display_name=fields.pop("display_name", f"Test {role} {counter['n']}"),
            role=role,
            team_id=team_obj.id if team_obj and role in ("case_manager", "team_lead") else None,
            password_hash=_test_password_hash(),
            **fields,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return _make


@pytest.fixture
def make_client(app):
    """A client on file for `manager`, built the way intake stores one."""
    from kimweb.clients.casenumbers import next_case_number
    from kimweb.clients.matching import refresh_search
    from kimweb.clients.models import Client, PhaseEntry
    from kimweb.timeutil import local_today

    def _make(manager, family="Al-Hassan", given="Mohammed", birth=date(1985, 3, 12), **fields):
        today = local_today()
        district_id = fields.pop("district_id", manager.team_id)
        person = Client(
            case_number=next_case_number(today.year),
            family_name=family,
            given_names=given,
            birth_date=birth,
            case_manager_id=manager.id,
            district_id=district_id,
            phase=1,
            phase_since=today,
            **fields,
        )
        db.session.add(person)
        db.session.flush()
        db.session.add(PhaseEntry(client_id=person.id, phase=1, entered_on=today))
        refresh_search(person)
        db.session.commit()
        return person

    return _make


@pytest.fixture
def login_as(client, make_user):
    """login_as("team_lead") creates a user of that role, logs the client in, returns the user."""

    def _login(role_or_user="case_manager", **kwargs) -> User:
        user = role_or_user if isinstance(role_or_user, User) else make_user(role_or_user, **kwargs)
        log_in(client, user)
        return user

    return _login


@pytest.fixture
def enter(client):
    """Log the test client in as `user` (an existing one, e.g. the second of two colleagues)."""

    def _enter(user):
        log_in(client, user)
        return user

    return _enter


@pytest.fixture
def agency(app):
    """An agency of the directory (made here, so the tests do not depend on its demo data)."""

    def _agency(name="Jobcenter Test"):
        found = db.session.scalar(select(Organization).where(Organization.name == name))
        if found:
            return found
        organization = Organization(name=name)
        db.session.add(organization)
        db.session.commit()
        return organization

    return _agency
