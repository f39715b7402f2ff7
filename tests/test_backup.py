"""`flask backup` (SQLite): a bad backup never replaces a good one; restore is opening the copy.
PostgreSQL: the shipped script's dump restores with pg_restore (skipped without pg_dump)."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from kimweb import create_app
from kimweb.auth.models import User
from kimweb.extensions import db
from tests.conftest import KimClient
from tests.helpers import PG_URL, TEST_PASSWORD, base_config

ROOT = Path(__file__).resolve().parent.parent
sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="flask backup copies SQLite; PostgreSQL uses the pg_dump script")


def _good_backup(runner, target: Path) -> bytes:
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "geprüft" in result.output
    return target.read_bytes()


@sqlite_only
def test_missing_source_database_keeps_the_good_backup(runner, make_user, tmp_path):
    make_user("admin", username="chefin")
    db.session.rollback()
    target = tmp_path / "backups" / "kimweb.sqlite3"
    good = _good_backup(runner, target)
    # A mistyped instance path: the database the app would use is not there.
    lost = create_app(base_config(f"sqlite:///{tmp_path / 'nirgends' / 'kimweb.sqlite3'}"))
    with lost.app_context():
        result = lost.test_cli_runner().invoke(args=["backup", str(target)])
        db.engine.dispose()
    assert result.exit_code != 0
    assert "gibt es nicht" in result.output and "bleibt unverändert" in result.output
    assert target.read_bytes() == good
    assert not (tmp_path / "nirgends" / "kimweb.sqlite3").exists()  # and none was created
    assert sorted(p.name for p in target.parent.iterdir()) == ["kimweb.sqlite3", "kimweb.sqlite3.documents"]


@sqlite_only
def test_database_without_accounts_is_no_backup(runner, make_user, tmp_path):
    make_user("admin", username="chefin")
    db.session.rollback()
    target = tmp_path / "backups" / "kimweb.sqlite3"
    good = _good_backup(runner, target)
    db.session.execute(text("DELETE FROM user_account"))
    db.session.commit()
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code != 0 and "keine Benutzerkonten" in result.output
    assert target.read_bytes() == good


@sqlite_only
def test_backup_replaces_the_previous_one_and_restores_into_a_fresh_instance(runner, make_user, tmp_path):
    make_user("admin", username="chefin")
    db.session.rollback()
    target = tmp_path / "backups" / "kimweb-2026-12-07.sqlite3"
    _good_backup(runner, target)
    make_user("case_manager", username="neu")
    db.session.rollback()
    _good_backup(runner, target)
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert {r[0] for r in copy.execute("SELECT username FROM user_account")} == {"chefin", "neu"}
    copy.close()
    # Restore (docs/deploy.md): the backup file becomes the instance's database; the app opens it.
    instance = tmp_path / "restored"
    instance.mkdir()
    shutil.copyfile(target, instance / "kimweb.sqlite3")
    restored = create_app(base_config(f"sqlite:///{instance / 'kimweb.sqlite3'}"))
    restored.test_client_class = KimClient
    with restored.app_context():
        assert db.session.scalar(select(User.username).where(User.username == "neu")) == "neu"
        response = restored.test_client().post("/login", data={"username": "neu", "password": TEST_PASSWORD})
        assert response.status_code == 303
        assert restored.test_client().get("/healthz").status_code == 200
        db.session.remove()
        db.engine.dispose()


@sqlite_only
def test_backup_onto_the_database_itself_is_refused(app, runner, make_user):
    make_user("admin", username="chefin")
    db.session.rollback()
    result = runner.invoke(args=["backup", db.engine.url.database])
    assert result.exit_code != 0 and "die Datenbank selbst" in result.output


@sqlite_only
def test_a_document_missing_from_the_store_keeps_the_previous_documents_backup(app, tmp_path):
    from kimweb.documents.cli import backup_store

    store_root = tmp_path / "store"
    app.config["DOCUMENTS_PATH"] = str(store_root)
    key = "ab" + "0" * 62
    (store_root / "ab").mkdir(parents=True)
    (store_root / "ab" / key).write_bytes(b"x")
    target = tmp_path / "docs"
    from kimweb.backup import BackupFailed

    with pytest.raises(BackupFailed, match="beschädigt"):
        backup_store(target, {key})  # the file's content does not match its hash
    assert not target.exists()
    os.remove(store_root / "ab" / key)
    assert backup_store(target, set()) == 0 and target.is_dir()
    with pytest.raises(BackupFailed, match="1 fehlen"):
        backup_store(target, {key})
    assert target.is_dir() and not list(tmp_path.glob("docs.*"))


SCRIPT = ROOT / "deploy" / "kimweb-backup.sh"


def test_postgres_backup_script_is_strict():
    script = SCRIPT.read_text()
    assert "set -euo pipefail" in script
    assert "postgres://" in script and "pg_restore --list" in script
    assert subprocess.run(["bash", "-n", str(SCRIPT)], check=False).returncode == 0


@pytest.mark.skipif(not PG_URL, reason="needs KIMWEB_TEST_DATABASE_URL (PostgreSQL)")
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump/pg_restore are not installed")
def test_postgres_backup_script_round_trip(app, make_user, tmp_path):
    make_user("admin", username="chefin")
    db.session.rollback()
    target = tmp_path / "dumps"
    url = PG_URL.replace("postgresql://", "postgres://", 1)  # the other spelling
    # KIMWEB_FLASK=true: the documents step is `flask documents backup`, tested on its own.
    env = {**os.environ, "KIMWEB_DATABASE_URL": url, "KIMWEB_BACKUP_DIR": str(target), "KIMWEB_FLASK": "true"}
    done = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    dumps = list(target.glob("kimweb-*.dump"))
    assert len(dumps) == 1 and dumps[0].stat().st_size > 0
    # A broken database URL: non-zero, and the good dump stays.
    good = dumps[0].read_bytes()
    bad_env = {**env, "KIMWEB_DATABASE_URL": url.rsplit("/", 1)[0] + "/no_such_database_kimweb"}
    failed = subprocess.run(["bash", str(SCRIPT)], env=bad_env, capture_output=True, text=True, check=False)
    assert failed.returncode != 0
    assert dumps[0].read_bytes() == good and not list(target.glob("*.tmp*"))
    # Restore into a database of its own and find the account again.
    restored_url = PG_URL.rsplit("/", 1)[0] + "/" + PG_URL.rsplit("/", 1)[1].split("?")[0] + "_restore"
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    name = restored_url.rsplit("/", 1)[1]
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        restore = subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", restored_url, str(dumps[0])],
            capture_output=True,
            text=True,
            check=False,
        )
        assert restore.returncode == 0, restore.stderr
        engine = create_engine(restored_url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as connection:
            assert connection.execute(text("SELECT username FROM user_account")).scalars().all() == ["chefin"]
        engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
