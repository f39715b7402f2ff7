"""Engine set-up: SQLite pragmas and IMMEDIATE write transactions; one place for both databases."""

import logging
import re
import traceback
from collections.abc import Iterator, Sequence
from datetime import date

from flask import current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from .extensions import db

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        _configure_postgresql(engine)
    if engine.dialect.name != "sqlite":
        return
    # FULL: a commit is on disk when it returns, also after a power loss (NORMAL in WAL mode may
    # lose the last commits). The cost is measured in tests/bench/bench_sqlite_sync.py.
    synchronous = current_app.config.get("SQLITE_SYNCHRONOUS", "FULL")

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
            f"PRAGMA synchronous={synchronous}",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A transaction that will write takes the write lock at once, so two workers never
        # both hold a read snapshot and then deadlock upgrading it. Reads stay concurrent.
        options = connection.get_execution_options()
        if options.get("kimweb_reads"):  # a connection that only reads (kim_reports.fact_parts.read_aside)
            connection.exec_driver_sql("BEGIN")
        elif options.get("kimweb_immediate") or _request_may_write():
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


# Ids in one IN (...) list: well below every database's limit on a statement's parameters.
IDS_PER_STATEMENT = 500


def chunks(items: Sequence, size: int = IDS_PER_STATEMENT) -> Iterator[list]:
    """`items` in lists of at most `size`, each short enough for one statement's IN (...)."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def modelled(name, type_, parent_names) -> bool:
    """For Alembic's comparison of models and database: everything but what the migrations make
    and the models cannot describe (full-text indexes), which each feature names in
    db.metadata.info["unmodelled"]. Used by `flask db migrate` and by the migration tests."""
    return name not in db.metadata.info.get("unmodelled", ())


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # kimweb's queries are short look-ups. PostgreSQL prices some (the caseload's per-file
        # look-ups) as if every visible file reached them, and past jit_above_cost it would
        # compile them to machine code first, which takes longer than running them.
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET jit = off")
        dbapi_connection.commit()


def reads_only(view):
    """Mark a POST view that never writes: a search sent by POST only to keep what is typed out of
    URLs and logs. Its transaction begins like a GET's, so searches as you type do not queue for
    SQLite's write lock. A marked view that tries to write fails loudly (see below)."""
    view.kimweb_reads_only = True
    return view


def writes_on_get(view):
    """Mark a GET view that must write: the OIDC callback (the provider sends the browser back by
    GET). Its transactions begin IMMEDIATE, and its audit rows join them."""
    view.kimweb_writes_on_get = True
    return view


def writes_after_reading(view):
    """Mark a POST view that reads first and writes only after it calls allow_writes_from_now():
    the login, which checks a password (slow on purpose, argon2) between the two. Its first
    transaction begins like a GET's, so SQLite's write lock is not held while it hashes. A write
    before allow_writes_from_now() fails loudly (see below)."""
    view.kimweb_writes_after_reading = True
    return view


def allow_writes_from_now() -> None:
    """A GET that finds it must write after all (an SSO session check ending an account): the next
    transaction begins IMMEDIATE and audit rows join it. Call between transactions."""
    g.kimweb_writes_on_get = True


def reads_only_from_now() -> None:
    """The write a GET had to make (allow_writes_from_now) is committed and the request goes on
    as a read: audit rows take their own connection again and commit at once, instead of joining
    a transaction that a GET never commits. Call between transactions."""
    g.pop("kimweb_writes_on_get", None)


def get_request_writes() -> bool:
    """Whether this GET request was marked as writing (see writes_on_get)."""
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return g.get("kimweb_writes_on_get", False) or getattr(view, "kimweb_writes_on_get", False)


def _marked_reads_only() -> bool:
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return getattr(view, "kimweb_reads_only", False)


def _marked(attribute: str) -> bool:
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return getattr(view, attribute, False)


def _request_may_write() -> bool:
    # Outside a request (CLI, tests, migrations) every transaction may write.
    if not has_request_context():
        return True
    if request.method in SAFE_METHODS:
        return get_request_writes()
    if _marked("kimweb_writes_after_reading"):
        return g.get("kimweb_writes_on_get", False)
    return not _marked_reads_only()


@event.listens_for(Session, "before_flush")
def _refuse_writes_of_read_only_views(session, _context, _instances):
    if (
        has_request_context()
        and request.method not in SAFE_METHODS
        and _marked_reads_only()
        and (session.new or session.dirty or session.deleted)
    ):
        raise RuntimeError(f"{request.endpoint} is marked reads_only but writes")
    if (
        has_request_context()
        and request.method not in SAFE_METHODS
        and _marked("kimweb_writes_after_reading")
        and not g.get("kimweb_writes_on_get", False)
        and (session.new or session.dirty or session.deleted)
    ):
        raise RuntimeError(f"{request.endpoint} writes before allow_writes_from_now()")


def write_connection():
    """A separate connection for one statement that must commit at once: a GET's audit row,
    written without upgrading the request's read transaction. On SQLite its transaction begins
    IMMEDIATE; on PostgreSQL the statement commits by itself (autocommit), which spares the
    BEGIN and COMMIT round trips. Callers run exactly one statement in it."""
    connection = db.engine.connect()
    if connection.dialect.name == "postgresql":
        return connection.execution_options(isolation_level="AUTOCOMMIT")
    return connection.execution_options(kimweb_immediate=True)


# PostgreSQL adds the values of the row or key to some messages ("DETAIL:  Key (name)=(...)",
# "Failing row contains (...)", "CONTEXT:  unnamed portal parameter $1 = '...'").
_VALUE_LINES = re.compile(r"^\s*(DETAIL|CONTEXT):.*$", re.MULTILINE)


def scrubbed_traceback(exc_info) -> str:
    """The traceback of a database error without the values it was about: the engine hides the
    statement's parameters already (hide_parameters); this drops PostgreSQL's DETAIL and CONTEXT
    lines and masks any parameter value still quoted in the driver's message."""
    text = "".join(traceback.format_exception(*exc_info)).rstrip("\n")
    text = _VALUE_LINES.sub("  [values hidden]", text)
    for value in sorted(_parameter_texts(exc_info[1]), key=len, reverse=True):
        text = text.replace(value, "[…]")
    return text


def _parameter_texts(error) -> set[str]:
    found: set[str] = set()
    for _depth in range(10):  # the chain of causes, never a loop
        if error is None:
            break
        if isinstance(error, StatementError):
            params = error.params
            rows = params if isinstance(params, (list, tuple)) else [params]
            for row in rows:
                values = row.values() if isinstance(row, dict) else (row if isinstance(row, (list, tuple)) else [row])
                found.update(str(v) for v in values if isinstance(v, (str, date)) and len(str(v)) >= 2)
        error = error.__cause__ or error.__context__
    return found


class _HideSqlValues(logging.Filter):
    """Logged database errors (Flask's "Exception on ..." for a 500 among them) carry no values."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            error: BaseException | None = record.exc_info[1]
            for _depth in range(10):
                if error is None or isinstance(error, StatementError):
                    break
                error = error.__cause__ or error.__context__
            if isinstance(error, StatementError):
                record.exc_text = scrubbed_traceback(record.exc_info)
        return True


def hide_values_in_logs() -> None:
    """Put the filter on kimweb's loggers (the app's, which Flask logs a failed request to, and
    the features' own); a logger's filter sees only its own records, so each gets one."""
    names = ["kimweb", *(name for name in logging.root.manager.loggerDict if name.startswith("kimweb."))]
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _HideSqlValues) for f in logger.filters):
            logger.addFilter(_HideSqlValues())
