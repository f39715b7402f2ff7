"""flask clients export (Art. 15, by case number) and flask retention run / reapply."""

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from .. import audit
from ..clients.cli import clients_cli
from ..clients.models import Client
from ..extensions import db
from ..timeutil import utcnow
from . import retention
from .anonymise import anonymise, ledger_entries
from .models import PrivacyErasure
from .subject_access import write_zip


@clients_cli.command("export")
@click.argument("case_number")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
def export(case_number: str, output: Path):
    """Write everything stored about a person (Art. 15 GDPR) to OUTPUT as a ZIP."""
    client = db.session.scalar(select(Client).where(Client.case_number == case_number))
    if client is None:
        raise click.ClickException("Keine Akte mit diesem Aktenzeichen.")
    with open(output, "wb") as target:
        data = write_zip(client, target)
    audit.record("client.exported", "client", client.id, detail=f"cli; tables: {len(data['records'])}")
    db.session.commit()
    click.echo(f"Auskunft geschrieben: {output}")


retention_cli = AppGroup("retention", help="Aufbewahrung und Anonymisierung (DSGVO Art. 5, 17; § 84 SGB X).")


@retention_cli.command("run")
@click.option("--dry-run", is_flag=True, help="Nur auflisten, nichts löschen.")
def run(dry_run: bool):
    """List what is due; carry out confirmed erasures and the automatic deletions (daily by timer)."""
    due = retention.due_files()
    click.echo(f"{len(due)} abgeschlossene Akten warten auf die Bestätigung der Teamleitung:")
    for person in due:
        click.echo(f"  Akte {person.id}: Aufbewahrung bis {person.retention_until.isoformat()}")
    pending = retention.pending_erasures()
    click.echo(f"{len(pending)} bestätigte Löschungen {'stehen an' if dry_run else 'ausgeführt'}.")
    if not dry_run:
        for erasure in pending:
            retention.carry_out(erasure, db.session.get_one(Client, erasure.client_id))
    for item in retention.automatic(dry_run):
        click.echo(f"{item.count} {item.label} {'fällig' if dry_run else 'gelöscht'}.")
    if dry_run:
        db.session.rollback()
    else:
        audit.record("retention.run", detail=f"erasures: {len(pending)}")
        db.session.commit()


@retention_cli.command("reapply")
def reapply():
    """Anonymise again what was anonymised before (after a restore from an older backup)."""
    recorded = {e.client_id: e for e in db.session.scalars(select(PrivacyErasure))}
    ids = {entry["client_id"]: entry for entry in ledger_entries()}
    done = 0
    for client_id, entry in sorted(ids.items()):
        person = db.session.get(Client, client_id)
        if person is None:
            continue
        erasure = recorded.get(client_id)
        if erasure is None:
            erasure = PrivacyErasure(client_id=client_id, reason_code=entry["reason_code"])
            db.session.add(erasure)
        anonymise(person)
        erasure.anonymised_at = erasure.anonymised_at or utcnow()
        done += 1
    for client_id, erasure in recorded.items():
        if client_id not in ids and erasure.anonymised_at is not None:
            anonymise(db.session.get_one(Client, client_id))
            done += 1
    audit.record("retention.reapplied", detail=f"clients: {done}")
    db.session.commit()
    click.echo(f"{done} Anonymisierungen erneut angewendet.")
