"""flask clients export (Art. 15, by case number) and flask retention run / reapply."""

from pathlib import Path

import click
from sqlalchemy import select

from .. import audit
from ..clients.cli import clients_cli
from ..clients.models import Client
from ..extensions import db
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
