"""Engine set-up: SQLite pragmas and IMMEDIATE write transactions; one place for both databases."""

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN itself instead of the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA busy_timeout=10000",
            "PRAGMA foreign_keys=ON",
            "PRAGMA secure_delete=ON",
            "PRAGMA synchronous=NORMAL",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A transaction that will write takes the write lock at once, so two workers never
        # both hold a read snapshot and then deadlock upgrading it. Reads stay concurrent.
        if connection.get_execution_options().get("kimweb_immediate") or _request_may_write():
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def _request_may_write() -> bool:
    # Outside a request (CLI, tests, migrations) every transaction may write.
    return not has_request_context() or request.method not in SAFE_METHODS


def write_connection():
    """A separate connection whose transaction begins IMMEDIATE: for a GET that must record
    something (an audit row) without upgrading the request's read transaction."""
    return db.engine.connect().execution_options(kimweb_immediate=True)
