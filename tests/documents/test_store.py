"""The store's hash check, and backup and restore with documents (SQLite backup command; the
PostgreSQL path uses `flask documents backup`/`restore` beside pg_dump, docs/deploy.md)."""

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from kimweb import create_app
from kimweb.clients.models import Client
from kimweb.documents.models import Document
from kimweb.extensions import db
from tests.conftest import PG_URL, KimClient, base_config, log_in
from tests.documents import files


@pytest.fixture
def stored(client, login_as, manager, person, upload):
    login_as(manager)
    upload(person, ("a.pdf", files.text_pdf(["Erstes"])), ("b.png", files.png()))
    return db.session.scalars(select(Document).order_by(Document.id)).all()


def test_verify_finds_missing_and_damaged_files(app, runner, stored):
    db.session.rollback()  # no write lock held by the test while the command runs
    result = runner.invoke(args=["documents", "verify"])
    assert result.exit_code == 0 and "0 fehlerhaft" in result.output
    root = Path(app.config["DOCUMENTS_PATH"])
    first, second = (root / d.sha256[:2] / d.sha256 for d in stored)
    first.chmod(0o640)
    first.write_bytes(b"changed")
    second.unlink()
    result = runner.invoke(args=["documents", "verify"])
    assert result.exit_code == 1
    assert f"BESCHÄDIGT: {stored[0].sha256}" in result.output and f"FEHLT: {stored[1].sha256}" in result.output


@pytest.mark.skipif(bool(PG_URL), reason="flask backup copies SQLite; PostgreSQL is backed up with pg_dump")
def test_backup_and_restore_with_documents(app, runner, stored, manager, person, tmp_path):
    expected = sorted({d.sha256 for d in stored} | {d.thumbnail_sha256 for d in stored if d.thumbnail_sha256})
    person_id = person.id
    token = manager.get_id()
    first_id, manager_login = stored[0].id, SimpleNamespace(get_id=lambda: token)
    db.session.rollback()  # no write lock held by the test while the backup runs
    target = tmp_path / "backup" / "kimweb.sqlite3"
    target.parent.mkdir()
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "Dokumente gesichert" in result.output
    backed_up = sorted(p.name for p in Path(f"{target}.documents").rglob("*") if p.is_file() and len(p.name) == 64)
    assert backed_up == expected
    # A new machine: the database file and the documents folder restored.
    restored_store = tmp_path / "restored-documents"
    restored = create_app(base_config(f"sqlite:///{target}") | {"DOCUMENTS_PATH": str(restored_store)})
    restored.test_client_class = KimClient
    with restored.app_context():
        result = restored.test_cli_runner().invoke(args=["documents", "restore", f"{target}.documents"])
        assert result.exit_code == 0, result.output
        assert restored.test_cli_runner().invoke(args=["documents", "verify"]).exit_code == 0
        browser = restored.test_client()
        log_in(browser, manager_login)
        response = browser.get(f"/klienten/{person_id}/dokumente/{first_id}/herunterladen")
        assert response.status_code == 200 and response.data == files.text_pdf(["Erstes"])
        db.session.remove()
        db.engine.dispose()


def test_restore_refuses_a_damaged_backup(app, runner, stored, tmp_path):
    db.session.rollback()
    backup = tmp_path / "docs-backup"
    assert runner.invoke(args=["documents", "backup", str(backup)]).exit_code == 0
    damaged = next(p for p in backup.rglob("*") if p.is_file() and len(p.name) == 64)
    damaged.chmod(0o640)
    damaged.write_bytes(b"x")
    result = runner.invoke(args=["documents", "restore", str(backup)])
    assert result.exit_code != 0 and "beschädigt" in result.output


def test_missing_file_answers_404_with_a_message(app, client, stored, person):
    document = stored[0]
    (Path(app.config["DOCUMENTS_PATH"]) / document.sha256[:2] / document.sha256).unlink()
    response = client.get(f"/klienten/{person.id}/dokumente/{document.id}/herunterladen")
    assert response.status_code == 404 and "fehlt im Dokumentenspeicher" in response.get_data(as_text=True)


def test_prune_removes_only_old_unreferenced_files(app, runner, stored, person):
    root = Path(app.config["DOCUMENTS_PATH"])
    kept = {d.sha256 for d in stored}
    db.session.delete(db.session.get(Client, person.id))  # as the retention rules will: the whole file
    db.session.commit()
    fresh = runner.invoke(args=["documents", "prune"])
    assert "0 Dateien" in fresh.output  # too young: may belong to an upload in progress
    hour_ago = time.time() - 7200
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (hour_ago, hour_ago))
    result = runner.invoke(args=["documents", "prune"])
    assert result.exit_code == 0
    assert not any(p.name in kept for p in root.rglob("*"))
