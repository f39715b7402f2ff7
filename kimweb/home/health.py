"""What /healthz checks: the database answers (within HEALTHZ_SLOW_SECONDS), its schema is at the
newest migration, it has accounts (a mistyped instance path silently makes a new, empty SQLite
database: no migrations, no accounts), and the instance folder (and the document store) can be
written and has room. Each problem is one short line without secrets."""

import shutil
import tempfile
import time
from functools import cache
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import select, text

from ..auth.models import User
from ..extensions import db

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


@cache
def migration_heads() -> frozenset[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return frozenset(ScriptDirectory.from_config(config).get_heads())


def problems() -> list[str]:
    found = _database_problems()
    found.extend(_folder_problems())
    return found


def _database_problems() -> list[str]:
    config = current_app.config
    slow = float(config["HEALTHZ_SLOW_SECONDS"])
    started = time.monotonic()
    try:
        if db.engine.dialect.name == "postgresql":
            # However busy or stuck the server is, the check ends (in milliseconds).
            db.session.execute(text(f"SET LOCAL statement_timeout = {max(1, int(slow * 1000))}"))
        db.session.execute(text("SELECT 1"))
    except Exception:  # any failure to answer makes the host unhealthy, whatever its kind
        db.session.rollback()
        return ["database unavailable or too slow"]
    found = []
    try:
        versions = set(db.session.scalars(text("SELECT version_num FROM alembic_version")))
    except Exception:  # no alembic_version table: a database that was never migrated
        db.session.rollback()
        versions = set()
    if versions != migration_heads():
        found.append("database schema is not at the newest migration (run: flask db upgrade)")
    else:
        try:
            if db.session.scalar(select(User.id).limit(1)) is None:
                found.append("database has no user accounts (wrong database or instance path?)")
        except Exception:
            db.session.rollback()
            found.append("database unavailable or too slow")
    if time.monotonic() - started > slow:
        found.append("database slow")
    db.session.rollback()
    return found


def _folder_problems() -> list[str]:
    config = current_app.config
    folders = {"instance folder": Path(current_app.instance_path)}
    documents = Path(config.get("DOCUMENTS_PATH") or current_app.instance_path)
    if documents.is_dir():
        folders["document store"] = documents
    found = []
    for label, folder in folders.items():
        try:
            with tempfile.TemporaryFile(dir=folder, prefix=".healthz-"):
                pass
        except OSError:
            found.append(f"{label} not writable")
            continue
        usage = shutil.disk_usage(folder)
        free_mb = usage.free / 1024 / 1024
        free_percent = 100 * usage.free / usage.total if usage.total else 0
        if free_mb < float(config["HEALTHZ_MIN_FREE_MB"]) or free_percent < float(config["HEALTHZ_MIN_FREE_PERCENT"]):
            found.append(f"{label}: disk nearly full ({free_mb:.0f} MB, {free_percent:.1f} % free)")
    return found
