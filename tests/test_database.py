"""Connections: SQLite with WAL, busy timeout, foreign keys, secure delete, writes beginning IMMEDIATE; PostgreSQL without JIT."""

import pytest
from sqlalchemy import event, text

from kimweb.extensions import db


@pytest.fixture
def sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite-specific")


def pragma(name):
    return db.session.execute(text(f"PRAGMA {name}")).scalar()


def test_pragmas(sqlite_only):
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1
    assert pragma("busy_timeout") >= 5000
    # FULL (2): a commit survives a power loss; NORMAL (1) in WAL mode may lose the last ones.
    assert pragma("synchronous") == 2


def test_synchronous_is_configurable_and_checked(tmp_path):
    from kimweb import create_app
    from tests.helpers import base_config

    app = create_app(base_config(f"sqlite:///{tmp_path / 'n.sqlite3'}") | {"SQLITE_SYNCHRONOUS": "normal"})
    with app.app_context():
        assert pragma("synchronous") == 1
        db.session.remove()
        db.engine.dispose()
    with pytest.raises(RuntimeError, match="SQLITE_SYNCHRONOUS"):
        create_app(base_config(f"sqlite:///{tmp_path / 'n.sqlite3'}") | {"SQLITE_SYNCHRONOUS": "OFF"})


def begins_during(app, method):
    seen = []

    def capture(_conn, _cursor, statement, *_args):
        if statement.startswith("BEGIN"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        with app.test_request_context("/", method=method):
            db.session.execute(text("SELECT 1"))
            db.session.rollback()
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    return seen


def test_reads_begin_deferred_and_writes_immediate(app, sqlite_only):
    db.session.remove()
    assert begins_during(app, "GET") == ["BEGIN"]
    assert begins_during(app, "POST") == ["BEGIN IMMEDIATE"]


def test_foreign_keys_are_enforced(app, sqlite_only):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        db.session.execute(
            text(
                "INSERT INTO user_account (username, display_name, role, team_id, active, password_hash, "
                "session_version, locale, created_at, password_changed_at, version) VALUES "
                "('x', 'x', 'reception', 9999, 1, 'h', 1, 'de', '2026-01-01', '2026-01-01', 1)"
            )
        )
        db.session.flush()
    db.session.rollback()


def test_read_only_posts_begin_like_reads_and_cannot_write(app):
    from kimweb import database
    from kimweb.auth.models import Team

    # A search sent by POST (names stay out of URLs) reads like a GET ...
    with app.test_request_context("/klienten/", method="POST"):
        assert not database._request_may_write()
        db.session.add(Team(name="Nie gespeichert"))
        # ... and a view marked so that writes anyway fails instead of writing unnoticed.
        with pytest.raises(RuntimeError, match="reads_only"):
            db.session.flush()
        db.session.rollback()
    with app.test_request_context("/klienten/zuweisen", method="POST"):
        assert database._request_may_write()
    with app.test_request_context("/klienten/", method="GET"):
        assert not database._request_may_write()


def test_postgresql_sessions_run_without_jit(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL-specific")
    assert db.session.execute(text("SHOW jit")).scalar() == "off"
