"""`flask appointments mark-missed`: the nightly job (a systemd timer or cron runs it)."""

import click
from flask.cli import AppGroup

from ..extensions import db
from .service import mark_missed

group = AppGroup("appointments", help="Termine: nächtliche Pflege.")


@group.command("mark-missed")
def mark_missed_command():
    """Mark past appointments without a visit or contact note "nicht erschienen?"."""
    marked = mark_missed()
    db.session.commit()
    click.echo(f"{len(marked)} Termin(e) als „nicht erschienen?“ markiert.")
