"""/healthz answers 503 with a short reason for each way a host can be broken while the process
runs: database unreachable, hanging or slow, schema behind, no accounts (a mistyped instance
path), instance folder not writable or nearly full. PostgreSQL runs with connect and statement
timeouts."""

import logging
import socket
import threading
import time

import pytest
from sqlalchemy import text

from kimweb import create_app
from kimweb.extensions import db
from kimweb.home import health
from tests.helpers import PG_URL, base_config


def _health(client):
    response = client.get("/healthz")
    assert response.headers["Content-Type"].startswith("text/plain")
    return response.status_code, response.text


def test_healthy(client, make_user):
    make_user("admin")
    assert _health(client) == (200, "ok")


def test_no_accounts_is_unhealthy(client):
    status, body = _health(client)
    assert status == 503 and "no user accounts" in body


def test_schema_behind_the_newest_migration_is_unhealthy(client, make_user):
    make_user("admin")
    (head,) = health.migration_heads()
    db.session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    db.session.commit()
    try:
        status, body = _health(client)
    finally:
        # On PostgreSQL the test database is reused, and alembic_version is no model table that
        # the fixtures would reset.
        db.session.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
        db.session.commit()
    assert status == 503 and "newest migration" in body
    assert _health(client) == (200, "ok")


def test_mistyped_instance_path_is_warned_about_and_unhealthy(tmp_path, caplog, monkeypatch):
    for name in ("KIMWEB_DEMO", "KIMWEB_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    wrong = tmp_path / "kimwbe"  # KIMWEB_INSTANCE_PATH=/var/lib/kimwbe
    monkeypatch.setenv("KIMWEB_INSTANCE_PATH", str(wrong))
    with caplog.at_level(logging.WARNING, logger="kimweb"):
        app = create_app({"SECRET_KEY": "k" * 32})
    assert "does not exist yet" in caplog.text
    with app.app_context():
        status, body = _health(app.test_client())
        db.session.remove()
        db.engine.dispose()
    assert status == 503 and "newest migration" in body


def test_nearly_full_disk_is_unhealthy(app, client, make_user):
    make_user("admin")
    app.config["HEALTHZ_MIN_FREE_MB"] = 10**12
    status, body = _health(client)
    assert status == 503 and "instance folder: disk nearly full" in body
    app.config["HEALTHZ_MIN_FREE_MB"] = 0
    app.config["HEALTHZ_MIN_FREE_PERCENT"] = 100
    assert "disk nearly full" in _health(client)[1]


def test_instance_folder_not_writable_is_unhealthy(client, make_user, monkeypatch):
    make_user("admin")

    def refuse(*_args, **_kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(health.tempfile, "TemporaryFile", refuse)
    status, body = _health(client)
    assert status == 503 and "instance folder not writable" in body


def test_slow_database_is_unhealthy(app, client, make_user):
    make_user("admin")
    app.config["HEALTHZ_SLOW_SECONDS"] = 0
    status, body = _health(client)
    assert status == 503 and "slow" in body


@pytest.fixture
def silent_server():
    """A TCP port that accepts connections and never says a word (a hung database server)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_database_that_accepts_but_never_answers_fails_fast(silent_server):
    url = f"postgresql://kimweb@127.0.0.1:{silent_server}/kimweb"
    app = create_app(base_config(url) | {"DATABASE_CONNECT_TIMEOUT": 1})
    with app.app_context():
        started = time.monotonic()
        status, body = _health(app.test_client())
        elapsed = time.monotonic() - started
        db.session.remove()
        db.engine.dispose()
    assert status == 503 and body.strip() == "database unavailable or too slow"
    assert elapsed < 10  # connect_timeout 1 s, tried once or twice; it used to hang 60 s
    assert "kimweb@" not in body


def test_postgresql_engine_has_timeouts():
    config = create_app(base_config("postgres://kim@db.local/kimweb")).config
    connect_args = config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]
    assert connect_args == {"connect_timeout": 5, "options": "-c statement_timeout=30000"}
    off = create_app(base_config("postgresql://kim@db.local/kimweb") | {"DATABASE_STATEMENT_TIMEOUT": 0}).config
    assert off["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"] == {"connect_timeout": 5}


@pytest.mark.skipif(not PG_URL, reason="needs KIMWEB_TEST_DATABASE_URL (PostgreSQL)")
def test_statement_timeout_is_set_on_real_connections(app):
    assert db.session.scalar(text("SHOW statement_timeout")) == "30s"
    db.session.rollback()


def test_timeouts_must_be_numbers(tmp_path):
    with pytest.raises(RuntimeError, match="DATABASE_STATEMENT_TIMEOUT"):
        create_app(base_config(f"sqlite:///{tmp_path / 'x.sqlite3'}") | {"DATABASE_STATEMENT_TIMEOUT": "soon"})
