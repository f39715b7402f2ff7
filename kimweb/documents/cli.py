"""`flask documents ...`: verify the store against the database, copy it for a backup or back for
a restore, and read the text of documents still waiting (e.g. after a restart)."""

import os
import shutil
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from ..backup import BackupFailed, fsync_folder
from ..extensions import db
from . import reading
from .models import Document
from .storage import FileStorage, copy_tree, file_hash, store

documents_cli = AppGroup("documents", help="Documents of the case files (the document store).")


def referenced_keys() -> set[str]:
    keys = set(db.session.scalars(select(Document.sha256)))
    keys.update(k for k in db.session.scalars(select(Document.thumbnail_sha256)) if k)
    return keys


@documents_cli.command("verify")
def verify():
    """Check every stored file against its SHA-256 and that every document's file is there."""
    storage, bad = store(), 0
    keys = referenced_keys()
    for key in sorted(keys):
        path = storage.path(key)
        if not path.is_file():
            click.echo(f"FEHLT: {key}", err=True)
            bad += 1
        elif file_hash(path) != key:
            click.echo(f"BESCHÄDIGT: {key}", err=True)
            bad += 1
    unused = sum(1 for key in storage.keys() if key not in keys)
    click.echo(f"{len(keys)} Dateien geprüft, {bad} fehlerhaft, {unused} ohne Dokument.")
    if bad:
        raise SystemExit(1)


def backup_store(target: Path, referenced: set[str]) -> int:
    """Copy the document store to target (a folder) through a temporary folder beside it: the files
    of the previous copy are linked into it (the store is content-addressed, so a backup copies
    only what is new), the new ones copied and checked, every referenced file must be there; then
    the folders are swapped. How many files were copied."""
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    previous = target.with_name(f"{target.name}.{os.getpid()}.old")
    for leftover in (temporary, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        if target.is_dir():
            shutil.copytree(target, temporary, copy_function=os.link)
        temporary.mkdir(parents=True, exist_ok=True)
        copy = FileStorage(temporary)
        before = set(copy.keys())
        copied = copy_tree(store(), copy)
        missing = sorted(key for key in referenced if not copy.exists(key))
        damaged = sorted(key for key in set(copy.keys()) - before if file_hash(copy.path(key)) != key)
        if missing or damaged:
            raise BackupFailed(
                f"Die Sicherung der Dokumente ist unvollständig ({len(missing)} fehlen, {len(damaged)} beschädigt; "
                f"zuerst: {(missing + damaged)[0]}). Die vorherige Sicherung der Dokumente bleibt unverändert. "
                "Prüfen Sie den Dokumentenspeicher mit `flask documents verify`."
            )
        shutil.rmtree(temporary / "tmp", ignore_errors=True)
        if target.is_dir():
            os.replace(target, previous)
        os.replace(temporary, target)
        fsync_folder(target.parent)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)
    return copied


def copy_store_beside(database_backup: str | Path) -> Path:
    """Copy the document store next to a database backup (<backup>.documents/), through a
    temporary folder checked before it replaces the previous copy (kimweb.backup.backup_store).
    The folder it wrote."""
    target = Path(f"{database_backup}.documents")
    copied = backup_store(target, referenced_keys())
    click.echo(f"Dokumente gesichert: {target} ({copied} neue Dateien)")
    return target


@documents_cli.command("backup")
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
def backup(destination: Path):
    """Copy the document store into DESTINATION (for PostgreSQL beside pg_dump; see docs/deploy.md)."""
    copied = backup_store(destination, referenced_keys())
    click.echo(f"Dokumente gesichert: {destination} ({copied} neue Dateien)")


@documents_cli.command("restore")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
def restore(source: Path):
    """Copy the files of a backup (SOURCE) into the store, then verify them."""
    source_store = FileStorage(source)
    for key in source_store.keys():
        if file_hash(source_store.path(key)) != key:
            raise click.ClickException(f"Die Sicherung ist beschädigt: {key}")
    copied = copy_tree(source_store, store())
    click.echo(f"{copied} Dateien zurückgespielt nach {current_app.config['DOCUMENTS_PATH']}")


# Files younger than this may belong to an upload whose row is not committed yet.
UNREFERENCED_GRACE = 3600


@documents_cli.command("prune")
def prune():
    """Remove stored files that no document refers to any more (after the retention rules deleted
    their rows with the file), and uploads left half-way in tmp/."""
    storage, keep, now = store(), referenced_keys(), time.time()
    removed = 0
    for key in list(storage.keys()):
        path = storage.path(key)
        if key not in keep and now - path.stat().st_mtime > UNREFERENCED_GRACE:
            path.chmod(0o640)
            storage.remove(key)
            removed += 1
    staging = storage.root / "tmp"
    for leftover in staging.iterdir() if staging.is_dir() else ():
        if now - leftover.stat().st_mtime > UNREFERENCED_GRACE:
            leftover.unlink(missing_ok=True)
    click.echo(f"{removed} Dateien ohne Dokument entfernt.")


@documents_cli.command("read-text")
def read_text():
    """Read the text of documents still waiting (their reader ended with its process)."""
    waiting = reading.stale_pending()
    for document_id in waiting:
        reading.read_document(document_id)
    click.echo(f"{len(waiting)} Dokumente gelesen.")
