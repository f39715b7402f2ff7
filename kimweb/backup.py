"""`flask backup` for SQLite: never a bad backup over a good one.

The copy is written to a temporary name beside the destination, checked (integrity check, the
row count of every table equal to the source's at the moment of the copy, at least one account)
and only then renamed over the destination. Any failure leaves the previous backup as it was and
ends the command with a German message and a non-zero exit status. The document store is copied
the same way (kimweb.documents.cli.backup_store).
"""

import os
import sqlite3
from pathlib import Path

import click


class BackupFailed(click.ClickException):
    """Ends `flask backup` with exit status 1 and the message on stderr."""


def _tables(connection: sqlite3.Connection) -> list[str]:
    # Ordinary tables only: a full-text index's content lives in its (ordinary) shadow tables.
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
    )
    return [name for (name,) in rows]


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in _tables(connection)}


def fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def backup_sqlite(source_path: str, destination: Path) -> dict[str, int]:
    """Copy the database at source_path to destination as described above; the row counts."""
    source_file = Path(source_path)
    if not source_file.is_file() or source_file.stat().st_size == 0:
        raise BackupFailed(
            f"Die Datenbank {source_file} gibt es nicht oder sie ist leer. Keine Sicherung geschrieben; "
            "eine vorhandene Sicherung bleibt unverändert. Prüfen Sie KIMWEB_INSTANCE_PATH bzw. "
            "KIMWEB_DATABASE_URL."
        )
    if destination.resolve() == source_file.resolve():
        raise BackupFailed(f"Das Ziel {destination} ist die Datenbank selbst. Keine Sicherung geschrieben.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        # mode=rw: never creates a database where there was none.
        source = sqlite3.connect(f"file:{source_file}?mode=rw", uri=True, isolation_level=None)
        target = sqlite3.connect(temporary, isolation_level=None)
        try:
            # One read transaction for counting and copying: both see the same moment, while the
            # app keeps writing.
            source.execute("BEGIN")
            expected = _counts(source)
            source.backup(target)
            source.execute("ROLLBACK")
            # A single self-contained file: the copy need not stay in WAL mode.
            target.execute("PRAGMA journal_mode=DELETE")
            _verify(target, expected)
        finally:
            target.close()
            source.close()
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, destination)
        fsync_folder(destination.parent)
    except sqlite3.Error as error:
        raise BackupFailed(
            f"Die Sicherung ist fehlgeschlagen ({error}). Keine Sicherung geschrieben; eine vorhandene "
            "Sicherung bleibt unverändert."
        ) from error
    finally:
        temporary.unlink(missing_ok=True)
    return expected


def _verify(copy: sqlite3.Connection, expected: dict[str, int]) -> None:
    result = [row[0] for row in copy.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise BackupFailed(
            "Die Sicherung ist beschädigt (integrity_check: " + "; ".join(result[:5]) + "). Keine Sicherung "
            "geschrieben; eine vorhandene Sicherung bleibt unverändert."
        )
    counts = _counts(copy)
    if counts != expected:
        differing = sorted(name for name in expected.keys() | counts.keys() if expected.get(name) != counts.get(name))
        raise BackupFailed(
            "Die Sicherung enthält nicht dieselben Zeilen wie die Datenbank (Tabellen: "
            + ", ".join(differing[:10])
            + "). Keine Sicherung geschrieben; eine vorhandene Sicherung bleibt unverändert."
        )
    if not counts.get("user_account"):
        raise BackupFailed(
            "Die Datenbank enthält keine Benutzerkonten: vermutlich die falsche (neu angelegte) Datenbank. "
            "Keine Sicherung geschrieben; eine vorhandene Sicherung bleibt unverändert. Prüfen Sie "
            "KIMWEB_INSTANCE_PATH bzw. KIMWEB_DATABASE_URL."
        )
